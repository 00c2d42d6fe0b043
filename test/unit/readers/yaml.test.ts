import { describe, expect, it } from 'vitest';
import { isScalar, visit, type Scalar } from 'yaml';
import { YamlFile } from '../../../server/src/readers/yaml/document';
import { MappedText } from '../../../server/src/readers/yaml/mapped';
import { evaluate, GO_TEMPLATE, ACTIONS_EXPR } from '../../../server/src/readers/yaml/templates';
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
    const r = m.replace(new RegExp(ACTIONS_EXPR.source, 'g'), () => 'arm64');
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
