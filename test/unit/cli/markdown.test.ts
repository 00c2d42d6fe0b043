import { describe, expect, it } from 'vitest';
import { palette } from '../../../server/src/cli/ansi';
import { renderInline, renderMarkdown, visibleLength, wrapMarkdown } from '../../../server/src/cli/markdown';

const plain = palette(false);
const colour = palette(true);

describe('renderInline', () => {
  it('keeps code spans, drops emphasis markers, expands absolute links', () => {
    expect(renderInline('Set `CGO_ENABLED=0` **now**, see [the docs](https://go.dev/cmd/cgo) or [CGO102](CGO102.md).', plain)).toBe(
      'Set `CGO_ENABLED=0` now, see the docs (https://go.dev/cmd/cgo) or CGO102.',
    );
  });

  it('leaves snake_case and arithmetic alone', () => {
    expect(renderInline('go_sqlite3 and a * b', plain)).toBe('go_sqlite3 and a * b');
  });

  it('styles code with colour instead of backticks', () => {
    const out = renderInline('run `go build`', colour);
    expect(out).not.toContain('`');
    expect(out).toContain('\u001b[36mgo build\u001b[39m');
  });
});

describe('renderMarkdown', () => {
  it('renders headings, fences, bullets and quotes for a plain terminal', () => {
    const md = '# CGO101 title\n\nText with `code`.\n\n<!-- hidden -->\n```dockerfile\nFROM scratch\n```\n- one\n> note\n';
    expect(renderMarkdown(md, plain)).toBe(
      ['CGO101 title', '============', '', 'Text with `code`.', '', '    FROM scratch', '  • one', '│ note', ''].join('\n'),
    );
  });
});

describe('wrapMarkdown', () => {
  it('wraps at the width without breaking code spans or links', () => {
    const text = 'the container fails with `exec /app: no such file or directory` although [the file](https://example.com/a b) is there';
    const lines = wrapMarkdown(text, 40, '  ', plain);
    for (const l of lines) expect((l.match(/`/g) ?? []).length % 2).toBe(0);
    expect(lines.join(' ')).toContain('`exec /app: no such file or directory`');
    expect(lines.every((l) => l.startsWith('  '))).toBe(true);
  });

  it('measures visible width, not escape codes', () => {
    // With colour, code spans show without backticks: "a b c" fits in 5 columns.
    expect(wrapMarkdown('`a` `b` `c` `d`', 5, '', colour).map(visibleLength)).toEqual([5, 1]);
    expect(wrapMarkdown('`a` `b` `c` `d`', 5, '', plain)).toEqual(['`a`', '`b`', '`c`', '`d`']);
  });
});

describe('line shapes without super-linear regular expressions', () => {
  it('headings: level, text without closing #s; 7 #s or no blank is not a heading', () => {
    expect(renderMarkdown('## Title ##\n', plain)).toBe('Title\n-----\n');
    expect(renderMarkdown('### C#\n', plain)).toBe('C\n');
    expect(renderMarkdown('####### seven\n', plain)).toBe('####### seven\n');
    expect(renderMarkdown('#nospace\n', plain)).toBe('#nospace\n');
  });

  it('bullets keep their indentation', () => {
    expect(renderMarkdown('  * item\n- other\n', plain)).toBe('    • item\n  • other\n');
  });

  it('a code span is never split when wrapping', () => {
    expect(wrapMarkdown('`a b` c', 3, '', plain)).toEqual(['`a b`', 'c']);
    expect(wrapMarkdown('x ``a ` b`` c', 6, '', plain)).toEqual(['x', '`a ` b`', 'c']);
  });

  it('long runs of blanks cost linear time (the former patterns were quadratic on them)', () => {
    const blanks = ' '.repeat(50_000);
    const c0 = process.cpuUsage();
    renderMarkdown(`## a${blanks}x\n-${blanks}x\n`, plain);
    wrapMarkdown('`'.repeat(5000) + blanks + '`'.repeat(4999), 80, '', plain);
    const c = process.cpuUsage(c0);
    expect((c.user + c.system) / 1000).toBeLessThan(500);
  });
});
