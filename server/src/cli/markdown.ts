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
    const line = raw.trimEnd();
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
    const heading = atxHeading(line);
    if (heading) {
      const level = heading.level;
      const text = stripInline(heading.text);
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
    const bullet = listItem(line);
    if (bullet) {
      out.push(`${bullet.indent}  • ${renderInline(bullet.text, pal)}`);
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
    const atom = codeSpanAt(rest) ?? /^\[[^\]]*\]\([^)]*\)/.exec(rest)?.[0];
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

// Line shapes, scanned rather than matched with regular expressions such as /^(#{1,6})\s+(.*?)\s*#*$/, which
// backtrack quadratically on long runs of blanks (scripts/check-regex.mjs). Same results as those patterns.

const isBlank = (c: string | undefined): boolean => c !== undefined && c.trim() === '';
/** `.` in a regular expression stops at these. */
const hasLineTerminator = (s: string): boolean => /[\n\r\u2028\u2029]/.test(s);

/** `## Title ##`: 1–6 `#`, at least one blank, the text without surrounding blanks and closing `#`s. */
function atxHeading(line: string): { level: number; text: string } | undefined {
  let level = 0;
  while (line[level] === '#') level++;
  if (level < 1 || level > 6 || !isBlank(line[level])) return undefined;
  let end = line.length;
  while (end > level && line[end - 1] === '#') end--;
  const text = line.slice(level, end).trim();
  return hasLineTerminator(text) ? undefined : { level, text };
}

/** `  - item`: indentation, a `-`, `*` or `+`, at least one blank, the rest. */
function listItem(line: string): { indent: string; text: string } | undefined {
  let i = 0;
  while (isBlank(line[i])) i++;
  const marker = line[i];
  if ((marker !== '-' && marker !== '*' && marker !== '+') || !isBlank(line[i + 1])) return undefined;
  let j = i + 1;
  while (isBlank(line[j])) j++;
  const text = line.slice(j);
  return hasLineTerminator(text) ? undefined : { indent: line.slice(0, i), text };
}

/**
 * A code span at the start of `s`, as /^(`+)[\s\S]*?\1/ matched it: an opening run of `open` backticks closed by the
 * first later run of n backticks, for the largest n ≤ open that has one. A closer of n ≤ open/2 backticks is found
 * inside the opening run itself (at n); a longer one only in a later run at least n long.
 */
function codeSpanAt(s: string): string | undefined {
  let open = 0;
  while (s.charCodeAt(open) === 96) open++;
  if (open === 0) return undefined;
  const half = Math.floor(open / 2);
  /** n → start of the first later run of at least n backticks (for half < n ≤ open). */
  const firstRun: number[] = [];
  let longest = half;
  for (let i = open; i < s.length && longest < open; ) {
    if (s.charCodeAt(i) !== 96) {
      i++;
      continue;
    }
    let j = i;
    while (s.charCodeAt(j) === 96) j++;
    const run = Math.min(j - i, open);
    for (let n = longest + 1; n <= run; n++) firstRun[n] = i;
    longest = Math.max(longest, run);
    i = j;
  }
  for (let n = open; n > half; n--) if (firstRun[n] !== undefined) return s.slice(0, firstRun[n] + n);
  return half > 0 ? s.slice(0, 2 * half) : undefined;
}
