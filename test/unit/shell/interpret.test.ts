import { beforeAll, describe, expect, it } from 'vitest';
import { clearShellCache, initShellParser, MAX_SHELL_CHARS, parseShellTree, parseWithTreeSitter, SHELL_PARSE_BUDGET_MS, withShellParseBudget, type ShellNode } from '../../../server/src/shell/parser';
import { run } from './helpers';

beforeAll(() => initShellParser());

describe('shell interpreter: what reaches the go process', () => {
  it.each([
    ['CGO_ENABLED=0 go build .', '0'],
    ['CGO_ENABLED=0 && go build .', undefined],
    ['CGO_ENABLED=0; go build .', undefined],
    ['export CGO_ENABLED=0 && go build .', '0'],
    ['export CGO_ENABLED=0; go build .', '0'],
    ['CGO_ENABLED=0; export CGO_ENABLED; go build .', '0'],
    ['env CGO_ENABLED=0 go build .', '0'],
    ['env -i PATH=/x CGO_ENABLED=1 go build .', '1'],
    ['set -a; CGO_ENABLED=0; go build .', '0'],
    ['(export CGO_ENABLED=0); go build .', undefined],
    ['f() { go build .; }; CGO_ENABLED=0 f', '0'],
    ['X=0; CGO_ENABLED=${X} go build .', '0'],
    ['CGO_ENABLED=${UNSET:-0} go build .', '0'],
    ['CGO_ENABLED="$(echo 0)" go build .', undefined],
    ['exec env CGO_ENABLED=0 go build .', '0'],
  ])('%s → %s', (script, expected) => {
    const r = run(script);
    expect(r.go).toHaveLength(1);
    expect(r.cgo()).toBe(expected);
  });

  it('a plain assignment updates a variable that is already exported (ENV)', () => {
    expect(run('CGO_ENABLED=0 && go build .', { CGO_ENABLED: '1' }).cgo()).toBe('0');
  });

  it('reports build variables left as shell-only variables', () => {
    const r = run('CGO_ENABLED=0 && go build .');
    expect(r.go[0].shellOnly.map((s) => [s.name, s.value, s.loc.range.start.character, s.loc.range.end.character])).toEqual([['CGO_ENABLED', '0', 0, 13]]);
  });

  it('branches that disagree make the value unknown', () => {
    const r = run('if [ "$A" = x ]; then export CGO_ENABLED=1; else export CGO_ENABLED=0; fi; go build .');
    expect(r.go[0].env.CGO_ENABLED).toBeDefined();
    expect(r.cgo()).toBeUndefined();
  });

  it('branches that agree keep the value', () => {
    expect(run('if true; then export CGO_ENABLED=0; else export CGO_ENABLED=0; fi; go build .').cgo()).toBe('0');
  });

  it('maps words back to document ranges across lines', () => {
    const r = run('apk add gcc\nCGO_ENABLED=1 \\\n  go build -o /out/app .');
    const go = r.go[0];
    expect(go.name.loc.range).toEqual({ start: { line: 2, character: 2 }, end: { line: 2, character: 4 } });
    expect(go.insertPrefixAt.range.start).toEqual({ line: 2, character: 2 });
    expect(go.args.map((a) => a.value)).toEqual(['build', '-o', '/out/app', '.']);
  });
});

describe('shell parse bounds: no script costs more than ~50 ms', () => {
  const cpuMs = (fn: () => void): number => {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };

  it(`a script longer than ${MAX_SHELL_CHARS / 1024} KB is not parsed nor walked`, () => {
    const script = 'CGO_ENABLED=0 go build ' + 'x '.repeat(MAX_SHELL_CHARS / 2);
    const r = run(script);
    expect(r.result.skipped).toBe('too-long');
    expect(r.commands).toEqual([]);
    expect(run('CGO_ENABLED=0 go build ' + 'x '.repeat(1000)).result.skipped).toBeUndefined();
  });

  it.each([
    ['${ x 12,500 (tree-sitter error recovery is quadratic: ~0.5–1.5 s)', 'go build ' + '${'.repeat(12_500)],
    ['&& x 10,000', 'go build ' + '&& '.repeat(10_000)],
    ['a long word after a broken `case … esac \\`', 'case x in a) y;; esac \\\n' + '-'.repeat(6000)],
  ])('a parse still running after %s is cancelled', (_name, script) => {
    clearShellCache();
    let r: ReturnType<typeof run> | undefined;
    const ms = cpuMs(() => (r = run(script)));
    expect(r!.result.skipped).toBe('too-slow');
    expect(r!.commands).toEqual([]);
    expect(ms).toBeLessThan(SHELL_PARSE_BUDGET_MS * 3);
    // Remembered: the unchanged text is not parsed again.
    expect(cpuMs(() => run(script))).toBeLessThan(SHELL_PARSE_BUDGET_MS / 2);
    // The parser was reset: the next script parses from its own start.
    expect(run('if true; then CGO_ENABLED=0 go build .; fi').cgo()).toBe('0');
  });

  it('one slow parse operation does not outlast the budget: a 222 KB script whose error recovery re-reads the rest of a continued line', () => {
    clearShellCache();
    // Each tree-sitter operation here costs ~350 ms (it re-lexes the rest of the text); the progress callback alone
    // would only stop the parse after the first one.
    const script = 'case x in \\\n  x) y ;; \\\nesac \\\n' + ('  - ' + '-'.repeat(6000) + '\n').repeat(37);
    let tree: ReturnType<typeof parseShellTree> | undefined;
    const ms = cpuMs(() => (tree = parseShellTree(script, Infinity)));
    expect(tree!.skipped).toBe('too-slow');
    expect(ms).toBeLessThan(SHELL_PARSE_BUDGET_MS * 3);
  });

  it('the budgeted parse reads its input in pieces and yields the same tree as the unbudgeted one (surrogate pairs across pieces)', () => {
    const line = (i: number) => `if [ "$X" = "\u{1F600}${i}" ]; then CGO_ENABLED=0 go build -o /out/${'\u00e9'.repeat(i % 7)} .; fi\n`;
    const script = Array.from({ length: 400 }, (_, i) => line(i)).join('');
    expect(script.length).toBeGreaterThan(3 * 4096);
    const shape = (n: ShellNode): unknown => [n.type, n.startIndex, n.endIndex, n.children.map(shape)];
    const budgeted = parseWithTreeSitter(script, 10_000);
    expect(budgeted.skipped).toBeUndefined();
    expect(shape(budgeted.rootNode)).toEqual(shape(parseWithTreeSitter(script).rootNode));
  });

  it('an analysis shares one parse budget among all its shell texts; a text left without time is skipped, not remembered as too slow', () => {
    clearShellCache();
    const slow = (i: number) => `go build ${i} ` + '${'.repeat(12_500);
    const normal = 'if true; then CGO_ENABLED=0 go build .; fi';
    const skipped: (string | undefined)[] = [];
    const ms = cpuMs(() =>
      withShellParseBudget(SHELL_PARSE_BUDGET_MS * 1.5, () => {
        for (let i = 0; i < 6; i++) skipped.push(parseShellTree(slow(i)).skipped);
        skipped.push(parseShellTree(normal).skipped);
      }),
    );
    // Six texts that would each take their own 50 ms: together they get the analysis' 75 ms.
    expect(ms).toBeLessThan(SHELL_PARSE_BUDGET_MS * 4);
    expect(skipped).toEqual(Array(7).fill('too-slow'));
    // The text that found the budget spent parses normally in the next analysis.
    expect(parseShellTree(normal).skipped).toBeUndefined();
    // Nested budgets share the outer one (a linked file analysed inside a document's analysis).
    const inner = withShellParseBudget(0, () => withShellParseBudget(10_000, () => parseShellTree('case $x in a) go build;; esac').skipped));
    expect(inner).toBe('too-slow');
  });

  it('an unbounded tree-sitter parse (what the fast path is checked against) still finishes', () => {
    expect(parseWithTreeSitter('go build ' + '${'.repeat(200)).skipped).toBeUndefined();
    expect(parseWithTreeSitter('go build ' + '${'.repeat(3000), 0).skipped).toBe('too-slow');
  });
});
