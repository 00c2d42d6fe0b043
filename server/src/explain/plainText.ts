/**
 * Plain-text rendering of the hover Markdown for clients that only accept `plaintext` (Neovim without a Markdown
 * renderer, some Emacs setups). The hovers use a small subset: bold, italics, code spans, links, bullets, `---`
 * separators and backslash escapes. Code spans keep their text verbatim (no emphasis stripping inside them).
 */
export function toPlainText(md: string): string {
  const out: string[] = [];
  for (const raw of md.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (/^\s*(---+|\*\*\*+|___+)\s*$/.test(line)) {
      if (out.length && out[out.length - 1] !== '') out.push('');
      continue;
    }
    out.push(inline(headingText(line) ?? line));
  }
  // Collapse runs of blank lines left by separators.
  const collapsed = out.filter((l, i) => l !== '' || (i > 0 && out[i - 1] !== ''));
  while (collapsed.length && collapsed[collapsed.length - 1] === '') collapsed.pop();
  return collapsed.join('\n');
}

function inline(text: string): string {
  // Code spans first, parked behind placeholders, so emphasis around them (`**`go build`**`) pairs up and
  // nothing inside them is touched.
  const codes: string[] = [];
  let parked = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '`') {
      const ticks = /^`+/.exec(text.slice(i))![0];
      const end = text.indexOf(ticks, i + ticks.length);
      if (end !== -1) {
        const code = text.slice(i + ticks.length, end);
        // A code span padded with spaces (`` `x` ``) is written that way only to hold backticks.
        codes.push(ticks.length > 1 ? code.replace(/^ (.*) $/, '$1') : code);
        parked += `\u0000${codes.length - 1}\u0000`;
        i = end + ticks.length;
        continue;
      }
    }
    parked += text[i];
    i++;
  }
  const linked = parked.replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, (_m, label: string, url: string) => (label === url ? label : `${label} (${url})`));
  return plainSpan(linked).replace(/\u0000(\d+)\u0000/g, (_m, n: string) => codes[Number(n)] ?? '');
}

/** Emphasis markers and escapes outside code spans. */
function plainSpan(s: string): string {
  return s
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/__([^_]+)__/g, '$1')
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1$2')
    .replace(/(^|[\s(])_([^_\s][^_]*)_(?=[\s).,;:]|$)/g, '$1$2')
    .replace(/\\([\\`*_[\]()#+\-.!|<>])/g, '$1');
}

/**
 * The text of a `## heading` line (1–6 `#`, at least one blank): what /^#{1,6}\s+(.*)$/ captured, found with a scan
 * (scripts/check-regex.mjs flags that pattern's adjacent quantifiers).
 */
function headingText(line: string): string | undefined {
  let level = 0;
  while (line[level] === '#') level++;
  if (level < 1 || level > 6 || line[level] === undefined || line[level]!.trim() !== '') return undefined;
  const text = line.slice(level).trimStart();
  return /[\n\r\u2028\u2029]/.test(text) ? undefined : text;
}
