/**
 * What CGO Lens reads at all. Build files are small, hand-written text: a Dockerfile, Makefile or workflow is a few KB
 * of short lines. Past the size limit, with NUL bytes, or when it is large *and* made of long lines (a minified or
 * generated blob, or a fuzzer's output), a file is not analysed: the parsers underneath are linear but costly per
 * character on such text (dockerfile-ast allocates two positions per word: ten 100 KB RUN lines cost 0.3–0.5 s; the
 * yaml package spends ~1.2 µs a character on dense sequences, even valid ones: 1,000 lines of 128-character flow
 * lists take 0.14 s), and no build file looks like that. With both bounds at 64, a file of up to 1,000 lines that is
 * read holds at most 64 K characters; a large real file (a 2,000-line workflow) averages 30–50 characters a line.
 */

/** Texts up to this many characters are read whatever their line lengths. */
export const DENSE_TEXT_MIN_CHARS = 64 * 1024;
/** Beyond DENSE_TEXT_MIN_CHARS, a text whose lines average more characters than this is not read. */
export const MAX_AVERAGE_LINE_CHARS = 64;

/** Why `text` is not analysed (a sentence fragment: "it is …"), or undefined when it is. */
export function unreadableReason(text: string, maxBytes: number): string | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) return `${formatBytes(bytes)} is over the ${formatBytes(maxBytes)} limit (cgoLens.maxFileBytes)`;
  if (text.includes('\u0000')) return 'it contains NUL bytes (binary content)';
  if (text.length > DENSE_TEXT_MIN_CHARS) {
    const lines = lineCount(text);
    if (text.length / lines > MAX_AVERAGE_LINE_CHARS) {
      return `${formatBytes(bytes)} in ${lines} line${lines === 1 ? '' : 's'} (over ${MAX_AVERAGE_LINE_CHARS} characters a line on average) does not look like a hand-written build file`;
    }
  }
  return undefined;
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}

/** Lines in `text` (line breaks + 1), without splitting it. */
export function lineCount(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
