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
