import type { Palette } from './ansi';

/**
 * Just enough Markdown for rule docs in a terminal: headings, fences, lists, quotes, inline code, emphasis
 * and links. Not a Markdown engine: the docs pages are ours and use a small subset.
 */
export function renderMarkdown(md: string, pal: Palette): string {
  const out: string[] = [];
  let fence: string | undefined;
  let inComment = false;
  for (const raw of md.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const fenceMatch = /^\s*(```+|~~~+)/.exec(line);
    if (fenceMatch) {
      if (fence === undefined) fence = fenceMatch[1];
      else if (fenceMatch[1]!.startsWith(fence)) fence = undefined;
      continue;
    }
    if (fence !== undefined) {
      out.push(line === '' ? '' : '    ' + pal.cyan(line));
      continue;
    }
    if (/^\s*<!--/.test(line)) {
      if (!line.includes('-->')) inComment = true;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      const text = stripInline(heading[2]!);
      if (out.length && out[out.length - 1] !== '') out.push('');
      if (level === 1) out.push(pal.bold(pal.underline(text)), ...(pal.bold('x') === 'x' ? ['='.repeat(text.length)] : []));
      else if (level === 2) out.push(pal.bold(text), ...(pal.bold('x') === 'x' ? ['-'.repeat(text.length)] : []));
      else out.push(pal.bold(text));
      continue;
    }
    const quote = /^\s*>\s?(.*)$/.exec(line);
    if (quote) {
      out.push(pal.gray('│ ') + renderInline(quote[1]!, pal));
      continue;
    }
    const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    if (bullet) {
      out.push(`${bullet[1]}  • ${renderInline(bullet[2]!, pal)}`);
      continue;
    }
    if (line === '' && out[out.length - 1] === '') continue;
    out.push(renderInline(line, pal));
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}

/**
 * Inline spans. Without colour, code keeps its backticks (they still say "this is literal text");
 * emphasis markers go; links become `text (url)` and relative links just their text.
 */
export function renderInline(text: string, pal: Palette): string {
  const plain = pal.bold('x') === 'x';
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '`') {
      const ticks = /^`+/.exec(text.slice(i))![0];
      const end = text.indexOf(ticks, i + ticks.length);
      if (end !== -1) {
        const code = text.slice(i + ticks.length, end);
        out += plain ? `\`${code.trim()}\`` : pal.cyan(code.trim());
        i = end + ticks.length;
        continue;
      }
    }
    if (ch === '[') {
      const m = /^\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/.exec(text.slice(i));
      if (m) {
        const label = renderInline(m[1]!, pal);
        const url = m[2]!;
        const absolute = /^[a-z][a-z0-9+.-]*:/i.test(url);
        out += absolute && stripInline(m[1]!) !== url ? `${pal.underline(label)} (${url})` : pal.underline(label);
        i += m[0].length;
        continue;
      }
    }
    if ((ch === '*' || ch === '_') && text[i + 1] === ch) {
      const end = text.indexOf(ch + ch, i + 2);
      if (end > i + 2) {
        out += pal.bold(renderInline(text.slice(i + 2, end), pal));
        i = end + 2;
        continue;
      }
    }
    // Single `*`/`_` only when it opens a word: `snake_case` and `a * b` stay untouched.
    if ((ch === '*' || ch === '_') && /\S/.test(text[i + 1] ?? '') && (i === 0 || /[\s(]/.test(text[i - 1]!))) {
      const end = text.indexOf(ch, i + 1);
      if (end > i + 1 && /\S/.test(text[end - 1]!) && !/\w/.test(text[end + 1] ?? '')) {
        out += pal.italic(renderInline(text.slice(i + 1, end), pal));
        i = end + 1;
        continue;
      }
    }
    if (ch === '\\' && i + 1 < text.length && /[\\`*_[\]()#+\-.!|<>]/.test(text[i + 1]!)) {
      out += text[i + 1];
      i += 2;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Markdown markers removed, for headings and comparisons. */
export function stripInline(text: string): string {
  return text.replace(/`+([^`]*)`+/g, '$1').replace(/\*\*|__/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}

/**
 * Word-wrap Markdown text to `width` visible columns, never breaking inside a code span or a link (a code
 * span cut in two would lose its meaning), then render each line.
 */
export function wrapMarkdown(text: string, width: number, indent: string, pal: Palette): string[] {
  const words = splitWords(text);
  const lines: string[] = [];
  let current: string[] = [];
  let length = indent.length;
  for (const w of words) {
    const visible = visibleLength(renderInline(w, pal));
    if (current.length && length + 1 + visible > width) {
      lines.push(indent + renderInline(current.join(' '), pal));
      current = [];
      length = indent.length;
    }
    length += (current.length ? 1 : 0) + visible;
    current.push(w);
  }
  if (current.length) lines.push(indent + renderInline(current.join(' '), pal));
  return lines;
}

function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const atom = /^(`+)[\s\S]*?\1/.exec(rest)?.[0] ?? /^\[[^\]]*\]\([^)]*\)/.exec(rest)?.[0];
    if (atom) {
      word += atom;
      i += atom.length;
      continue;
    }
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (word) words.push(word);
      word = '';
    } else {
      word += ch;
    }
    i++;
  }
  if (word) words.push(word);
  return words;
}

export function visibleLength(s: string): number {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}
