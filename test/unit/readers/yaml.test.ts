import { afterEach, describe, expect, it, vi } from 'vitest';
import { Alias, isScalar, isSeq, parseDocument, visit, type Scalar } from 'yaml';
import { YamlFile } from '../../../server/src/readers/yaml/document';
import { MAX_YAML_DEPTH, MAX_YAML_ERRORS, parseBoundedYaml } from '../../../server/src/readers/yaml/depthGuard';
import { MappedText } from '../../../server/src/readers/yaml/mapped';
import { evaluate, findTemplates, hasTemplate, GO_TEMPLATE, ACTIONS_EXPR } from '../../../server/src/readers/yaml/templates';
import { textAt, y } from './yamlHelpers';

/** The scalar value of key `a` decoded with offsets. */
function decode(src: string, key = 'a'): { m: MappedText; node: Scalar } {
  const f = new YamlFile('file:///x.yml', src);
  const node = f.get(f.root, key) as Scalar;
  expect(isScalar(node)).toBe(true);
  return { m: MappedText.fromScalar(f.uri, f.index, node)!, node };
}

/** Where `needle` (the n-th occurrence in the decoded text) lands in the document. */
function where(src: string, needle: string, key = 'a', nth = 0): string {
  const { m } = decode(src, key);
  let i = -1;
  for (let k = 0; k <= nth; k++) i = m.text.indexOf(needle, i + 1);
  expect(i, `${needle} not in ${JSON.stringify(m.text)}`).toBeGreaterThanOrEqual(0);
  const loc = m.loc(i, i + needle.length);
  return `${loc.range.start.line}:${loc.range.start.character}-${loc.range.end.line}:${loc.range.end.character} ${JSON.stringify(textAt(src, loc))}`;
}

describe('YAML scalars decode like the YAML parser, with exact document ranges', () => {
  it.each<[string, string]>([
    ['plain', 'a: go build -o app .'],
    ['plain, multi-line (folded with spaces, empty line = newline)', 'a: go build\n  -o app\n\n  .'],
    ["single-quoted with '' and a fold", "a: 'it''s\n  folded'"],
    ['double-quoted with escapes and an escaped line break', 'a: "esc \\" \\\\ \\n \\t \\x41 \\u00e9 end\n   next\\\n   joined"'],
    ['literal block', 'a: |\n  go build \\\n     -o x\n  echo hi\n\n  done\n'],
    ['literal block, strip chomping, more-indented line', 'a: |-\n    indented\n      more\n'],
    ['folded block with a more-indented line and empty lines', 'a: >\n  a\n  b\n\n   c\n  d\n\n  e\n'],
    ['folded block, strip', 'a: >-\n  go build\n  -o x\n'],
    ['keep chomping with leading empty line', 'a: >+\n\n  a\n\n'],
    ['CRLF line ends', 'a: |\r\n  crlf line\r\n  two\r\n'],
    ['explicit indentation indicator', 'k:\n  a: |2\n     x\n    y\n'],
  ])('%s', (_d, src) => {
    const f = new YamlFile('file:///x.yml', src);
    visit(f.doc, {
      Scalar(key, node) {
        if (key === 'key' || typeof node.value !== 'string') return;
        const m = MappedText.fromScalar(f.uri, f.index, node)!;
        expect(m.text.replace(/\n+$/, '')).toBe(node.value.replace(/\n+$/, ''));
        // Not the coarse fallback: the last visible character maps to itself in the document.
        const last = m.text.replace(/\s+$/, '').length - 1;
        expect(textAt(src, m.loc(last, last + 1))).toBe(m.text[last]);
      },
    });
  });

  it.each<[string, string, string, string]>([
    ['plain', 'a: go build -o app .', 'app', '0:15-0:18 "app"'],
    ['plain second line', 'a: go build\n  -o app\n', 'app', '1:5-1:8 "app"'],
    ['literal block: script line → document line and indent', y('jobs:', '  run: |', '    set -e', '    CGO_ENABLED=0 go build .'), 'CGO_ENABLED=0', '3:4-3:17 "CGO_ENABLED=0"'],
    ['folded block: the folded space maps to the line end', y('a: >-', '  go build', '  -o x'), '-o', '2:2-2:4 "-o"'],
    ['double-quoted: after an escape', 'a: "x \\"y\\" go build"', 'go', '0:12-0:14 "go"'],
    ["single-quoted: after ''", "a: 'it''s go'", 'go', '0:10-0:12 "go"'],
    ['CRLF', 'a: |\r\n  one\r\n  two go\r\n', 'go', '2:6-2:8 "go"'],
  ])('range of a word: %s', (_d, src, needle, expected) => {
    const key = src.startsWith('jobs') ? 'jobs' : 'a';
    if (key === 'jobs') {
      const f = new YamlFile('file:///x.yml', src);
      const node = f.get(f.get(f.root, 'jobs'), 'run') as Scalar;
      const m = MappedText.fromScalar(f.uri, f.index, node)!;
      const i = m.text.indexOf(needle);
      const loc = m.loc(i, i + needle.length);
      expect(`${loc.range.start.line}:${loc.range.start.character}-${loc.range.end.line}:${loc.range.end.character} ${JSON.stringify(textAt(src, loc))}`).toBe(expected);
      return;
    }
    expect(where(src, needle)).toBe(expected);
  });

  it('a substituted expression spans the whole `${{ … }}` it replaced', () => {
    const src = 'a: GOARCH=${{ matrix.goarch }} go build\n';
    const { m } = decode(src);
    const r = m.replace(findTemplates(m.text, ACTIONS_EXPR), () => 'arm64');
    expect(r.text).toBe('GOARCH=arm64 go build');
    const loc = r.loc(7, 12);
    expect(textAt(src, loc)).toBe('${{ matrix.goarch }}');
    expect(textAt(src, r.loc(13, 15))).toBe('go');
  });
});

describe('YamlFile: the values tools see', () => {
  it('booleans become true/false, numbers keep their spelling, null is empty', () => {
    const f = new YamlFile('file:///x.yml', y('a: false', 'b: True', 'c: 0', 'd: 010', 'e:', 'f: "0"', 'g: yes'));
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => f.str(f.get(f.root, k)))).toEqual(['false', 'true', '0', '010', '', '0', 'yes']);
  });

  it('follows aliases and `<<` merge keys; own keys win', () => {
    const f = new YamlFile('file:///x.yml', y('base: &b', '  env: [CGO_ENABLED=0]', '  goos: [linux]', 'build:', '  <<: *b', '  goos: [darwin]'));
    const build = f.get(f.root, 'build');
    expect(f.scalars(f.get(build, 'env')).map((s) => f.str(s))).toEqual(['CGO_ENABLED=0']);
    expect(f.scalars(f.get(build, 'goos')).map((s) => f.str(s))).toEqual(['darwin']);
  });

  it('alias chains are bounded (billion laughs does not explode)', () => {
    const lines = ['a0: &a0 [x, x]'];
    for (let i = 1; i < 30; i++) lines.push(`a${i}: &a${i} [*a${i - 1}, *a${i - 1}]`);
    const f = new YamlFile('file:///x.yml', y(...lines));
    let count = 0;
    const walk = (n: unknown, depth: number): void => {
      if (depth > 40) return;
      for (const i of f.items(n)) {
        count++;
        walk(i, depth + 1);
      }
    };
    walk(f.get(f.root, 'a29'), 0);
    expect(count).toBeLessThan(10_000);
  });

  it('broken YAML: notes, and what parsed is still there', () => {
    const f = new YamlFile('file:///x.yml', y('env:', '  CGO_ENABLED: 0', 'jobs: [unclosed', 'x: 1'));
    expect(f.notes().length).toBeGreaterThan(0);
    expect(f.str(f.get(f.get(f.root, 'env'), 'CGO_ENABLED'))).toBe('0');
  });

  it('templates: known values substituted, any unknown makes the value unknown', () => {
    expect(evaluate('{{.CGO}}', GO_TEMPLATE, (e) => (e === '.CGO' ? '0' : undefined))).toBe('0');
    expect(evaluate('{{ .Env.CGO }}', GO_TEMPLATE, () => undefined)).toBeUndefined();
    expect(evaluate('x-${{ matrix.a }}', ACTIONS_EXPR, (e) => (e === 'matrix.a' ? 'arm64' : undefined))).toBe('x-arm64');
  });
});

/** CPU time of `fn`, ms (wall time is noisy on a shared CI machine; an algorithmic problem shows the same). */
function cpuMs(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

describe('YAML nesting bound (depthGuard.ts)', () => {
  const TOO_DEEP = `YAML nested deeper than ${MAX_YAML_DEPTH} levels: skipped`;

  it.each([
    ['5,000 nested [ (V8 aborted the process on the second analysis)', '\t' + '['.repeat(5000)],
    ['50,000 nested "- " (overflowed the stack in the parser)', '  ' + '- '.repeat(50_000)],
    ['5,000 nested {a: ', '{a: '.repeat(5000)],
    ['300 indented keys', Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')],
    ['flow mappings nested by implicit keys: [a: a: a: …', '[' + 'a: '.repeat(5000)],
    // No bracket or indentation says so, but the parser nests a mapping per line: a scan of the text cannot see it.
    ['an alias before a key on each of 300 lines', '*a  k:\n'.repeat(300)],
  ])('%s: not parsed, one note where it got too deep', (_name, text) => {
    for (let i = 0; i < 3; i++) {
      const f = new YamlFile('file:///x.yml', text);
      expect(f.abandoned?.message).toBe(TOO_DEEP);
      expect(f.root).toBeUndefined();
      expect(f.notes()).toEqual([{ message: TOO_DEEP, loc: { uri: 'file:///x.yml', range: expect.anything() } }]);
      expect(f.notes()[0]!.loc!.range.start.line).toBeLessThan(f.index.lineCount);
    }
  });

  it(`more than ${MAX_YAML_ERRORS} syntax errors: the parse stops there (a half-typed file keeps its partial parse)`, () => {
    const flood = '    env:\r\n' + ('  ' + '- '.repeat(50_000) + '\n').repeat(2);
    const f = new YamlFile('file:///x.yml', flood);
    expect(f.abandoned?.message).toBe(`YAML with more than ${MAX_YAML_ERRORS} syntax errors: skipped`);
    expect(f.root).toBeUndefined();
    // The stop is on the second line, where the errors are, not at the end of the text.
    expect(f.index.positionAt(f.abandoned!.offset).line).toBe(2);
    const halfTyped = new YamlFile('file:///x.yml', y('builds:', '  - id: a', '    env: [CGO_ENABLED=0', '  - id: b', '    goos: {linux'));
    expect(halfTyped.abandoned).toBeUndefined();
    expect(halfTyped.doc.errors.length).toBeGreaterThan(0);
    expect(halfTyped.root).toBeDefined();
  });

  it('a document nested up to the bound is parsed as parseDocument parses it', () => {
    const text = 'a: ' + '['.repeat(MAX_YAML_DEPTH - 3) + ']'.repeat(MAX_YAML_DEPTH - 3);
    expect(parseBoundedYaml(text, { prettyErrors: false }).abandoned).toBeUndefined();
    const deeper = parseBoundedYaml(text + '\nb: ' + '['.repeat(MAX_YAML_DEPTH), { prettyErrors: false });
    expect(deeper.abandoned?.offset).toBeGreaterThan(text.length + 4); // on the `b:` line, where it got too deep
    expect(deeper.doc.contents).toBeNull();
    for (const src of [
      y('x-env: &env', '  - CGO_ENABLED=0', 'builds:', '  - <<: {id: a}', '    env: *env', '    goos: [linux, "darwin"] # c'),
      y('a: |', '  [[[[ not nesting', 'b: "[[[["', "c: '{{{'", 'd: x # [[[['),
      y('a: [', 'b: 1'),
      y('a: 1', '---', 'b: 2'),
      '',
    ]) {
      const bounded = parseBoundedYaml(src, { merge: true, uniqueKeys: false, prettyErrors: false, strict: false }).doc;
      const plain = parseDocument(src, { merge: true, uniqueKeys: false, prettyErrors: false, strict: false });
      expect(bounded.toJS(), src).toEqual(plain.toJS());
      expect(bounded.errors.map((e) => [e.code, e.pos]), src).toEqual(plain.errors.map((e) => [e.code, e.pos]));
      expect(bounded.range).toEqual(plain.range);
    }
  });

  it('deep nesting is refused in linear time', () => {
    // 400 KB of `[` and `- ` each: the parse stops at the bound.
    expect(cpuMs(() => new YamlFile('file:///x.yml', '['.repeat(400_000)))).toBeLessThan(100);
    expect(cpuMs(() => new YamlFile('file:///x.yml', '- '.repeat(200_000)))).toBeLessThan(100);
  });

  it('error objects are cheap: 100 KB of `"` in a flow sequence parses in well under the analysis budget', () => {
    const text = 'builds: [' + '"'.repeat(100_000) + ']';
    const f = new YamlFile('file:///x.yml', text);
    expect(f.doc.errors.length).toBeGreaterThan(1000);
    expect(f.notes()).toHaveLength(5);
    expect(Error.stackTraceLimit).toBeGreaterThan(0); // restored
  });
});

describe('aliases: one anchor map per document', () => {
  afterEach(() => vi.restoreAllMocks());

  it('resolves each alias to the last anchor of that name before it, never walking the document per lookup', () => {
    const spy = vi.spyOn(Alias.prototype, 'resolve');
    const f = new YamlFile(
      'file:///x.yml',
      y('a: &x one', 'b: *x', 'c: &x two', 'd: *x', 'e: *missing', 'm: &m {k: v}', 'n:', '  <<: *m', '  own: 1', 'l: &l [p, q]', 'r: *l'),
    );
    const root = f.root;
    expect(f.str(f.get(root, 'b'))).toBe('one');
    expect(f.str(f.get(root, 'd'))).toBe('two');
    expect(f.get(root, 'e')).toBeUndefined();
    expect(f.str(f.get(f.get(root, 'n'), 'k'))).toBe('v');
    expect(f.str(f.get(f.get(root, 'n'), 'own'))).toBe('1');
    expect(f.scalars(f.get(root, 'r')).map((s) => s.value)).toEqual(['p', 'q']);
    expect(spy).not.toHaveBeenCalled();
  });

  it('an anchor on a key, and an alias inside its own anchored collection', () => {
    const f = new YamlFile('file:///x.yml', y('&k key: value', 'other: *k', 'self: &s [a, *s]'));
    expect(f.str(f.get(f.root, 'other'))).toBe('key');
    const items = f.items(f.get(f.root, 'self'));
    expect(items).toHaveLength(2);
    expect(isSeq(items[1])).toBe(true); // the cycle resolves to the collection itself, bounded by the readers
  });

  it('many merges of one anchor in a deep document stay linear (was: Alias.resolve per lookup, O(depth²) each)', () => {
    const deep = `x: ${'['.repeat(MAX_YAML_DEPTH - 4)}${']'.repeat(MAX_YAML_DEPTH - 4)}\n`;
    const builds = Array.from({ length: 1000 }, () => '  - <<: *build').join('\n');
    const text = `x-build: &build\n  goos: [linux]\n${deep}builds:\n${builds}\n`;
    const ms = cpuMs(() => {
      const f = new YamlFile('file:///x.yml', text);
      for (const b of f.items(f.get(f.root, 'builds'))) f.get(b, 'goos');
    });
    expect(ms).toBeLessThan(300);
  });
});

describe('templates: found with a linear scan', () => {
  it.each<[string, string, [number, number, string][]]>([
    ['${{ matrix.a }}', 'actions', [[0, 15, 'matrix.a']]],
    ['a${{b}}c${{  d  }}', 'actions', [[1, 7, 'b'], [8, 18, 'd']]],
    ['${{ unterminated', 'actions', []],
    ['${{ a }}}', 'actions', [[0, 8, 'a']]],
    ['{{ x }}', 'actions', []],
    ['{{.CGO}}', 'go', [[0, 8, '.CGO']]],
    ['{{- .X -}}', 'go', [[0, 10, '.X']]],
    ['{{-}}', 'go', [[0, 5, '']]],
    ['{{ - }}', 'go', [[0, 7, '-']]],
    ['{{ x- }}', 'go', [[0, 8, 'x-']]],
    ['{{{x}}', 'go', [[0, 6, '{x']]],
    ['{{ a\n b }} {{ c }}', 'go', [[0, 10, 'a\n b'], [11, 18, 'c']]],
    ['{{ open {{ .X }}', 'go', [[0, 16, 'open {{ .X']]],
  ])('%s (%s)', (text, kind, expected) => {
    const found = findTemplates(text, kind === 'go' ? GO_TEMPLATE : ACTIONS_EXPR);
    expect(found.map((m) => [m.start, m.end, m.expr])).toEqual(expected);
  });

  it('an unterminated opener followed by whitespace costs nothing (was cubic: 2,400 spaces took ~1.6 s)', () => {
    const blanks = ' \t\n'.repeat(30_000);
    expect(cpuMs(() => {
      expect(evaluate('${{' + blanks, ACTIONS_EXPR, () => 'x')).toBe('${{' + blanks);
      expect(evaluate('go build {{' + blanks + 'x', GO_TEMPLATE, () => 'x')).toBe('go build {{' + blanks + 'x');
      expect(hasTemplate('{{-' + blanks, GO_TEMPLATE)).toBe(false);
    })).toBeLessThan(50);
  });

  it('every template is looked up, and one unknown makes the whole value unknown', () => {
    const seen: string[] = [];
    expect(evaluate('{{.A}}-{{.B}}-{{.C}}', GO_TEMPLATE, (e) => (seen.push(e), e === '.B' ? undefined : 'v'))).toBeUndefined();
    expect(seen).toEqual(['.A', '.B', '.C']);
    expect(hasTemplate('x {{ y }}', GO_TEMPLATE)).toBe(true);
  });
});
