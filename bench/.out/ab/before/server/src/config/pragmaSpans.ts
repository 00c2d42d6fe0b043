import type { FileKind } from '../model/types';

/**
 * Where each instruction of a file starts and ends, from the raw text, so that a pragma covers exactly the
 * instruction after it. One linear pass per file; no parser needed (and none could see line-1 comments).
 *
 * - Dockerfile: backslash (or `# escape=` char) continuation, skipping the comment and blank lines Docker
 *   drops inside a continuation; heredoc bodies (`RUN <<EOF … EOF`) belong to their instruction.
 * - shell / Makefile: backslash continuation (shell heredocs too); a comment line never continues.
 * - YAML kinds: an entry runs over the following lines indented deeper (a workflow step covers its `run: |`
 *   block), with YAML's same-indent sequences (`steps:` / `- run: …`) counted as nested.
 */
export interface Spans {
  /** Lines that start an instruction, ascending. */
  starts: number[];
  /** Per line: start line of the instruction containing it; -1 for comment/blank lines outside any. */
  startOf: Int32Array;
  /** Per instruction start line: its last line; -1 on other lines. */
  endOf: Int32Array;
}

/** LSP line breaks: `\n`, `\r\n`, `\r`. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const YAML_KINDS: ReadonlySet<FileKind> = new Set(['goreleaser', 'taskfile', 'workflow', 'config']);

export function instructionSpans(lines: string[], kind: FileKind, escape: string): Spans {
  if (YAML_KINDS.has(kind)) return yamlSpans(lines);
  if (kind === 'gomod') return lineSpans(lines);
  return continuationSpans(lines, kind === 'dockerfile', escape, kind === 'dockerfile' || kind === 'shell');
}

/**
 * The Dockerfile escape character from a leading `# escape=`` ` parser directive; `\` otherwise. Directives are
 * only read before the first line that is not one (as BuildKit does), so a later `# escape=` is a plain comment.
 */
export function dockerEscapeChar(lines: string[]): string {
  for (const line of lines) {
    const i = firstNonBlank(line);
    if (i === -1 || line[i] !== '#') return '\\';
    let j = skipBlanks(line, i + 1);
    const keyStart = j;
    while (j < line.length && isAlnum(line.charCodeAt(j))) j++;
    if (j === keyStart) return '\\';
    const key = line.slice(keyStart, j).toLowerCase();
    j = skipBlanks(line, j);
    if (line[j] !== '=') return '\\';
    const value = line.slice(j + 1).trim();
    if (key === 'escape') return value === '`' ? '`' : '\\';
  }
  return '\\';
}

function continuationSpans(lines: string[], docker: boolean, escape: string, heredocs: boolean): Spans {
  const n = lines.length;
  const spans = emptySpans(n);
  const terminators = new TerminatorIndex(lines);
  let l = 0;
  while (l < n) {
    if (!isCode(lines[l]!)) {
      l++;
      continue;
    }
    const start = l;
    const words: string[] = [];
    for (;;) {
      spans.startOf[l] = start;
      if (heredocs) heredocWords(lines[l]!, words);
      if (!endsWith(lines[l]!, escape)) break;
      let next = l + 1;
      // Docker removes comment and empty lines inside a continuation; the shell would end the command there.
      while (docker && next < n && !isCode(lines[next]!)) spans.startOf[next++] = start;
      if (next >= n) break;
      l = next;
    }
    let end = l;
    for (const w of words) {
      // An unterminated heredoc is treated as plain text: better a narrow pragma than one swallowing the file.
      const t = terminators.after(w, end);
      if (t === -1) continue;
      for (let k = end + 1; k <= t; k++) spans.startOf[k] = start;
      end = t;
    }
    spans.endOf[start] = end;
    spans.starts.push(start);
    l = end + 1;
  }
  return spans;
}

function yamlSpans(lines: string[]): Spans {
  const spans = emptySpans(lines.length);
  const open: { line: number; indent: number; seq: boolean }[] = [];
  let lastCode = -1;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    const indent = firstNonBlank(line);
    if (indent === -1 || line[indent] === '#') continue;
    const seq = line[indent] === '-' && (indent + 1 === line.length || isBlank(line.charCodeAt(indent + 1)));
    for (let top = open[open.length - 1]; top; top = open[open.length - 1]) {
      // `key:` followed by `- item` at the same indent: the item is still inside the key.
      const inside = top.indent < indent || (top.indent === indent && seq && !top.seq);
      if (inside) break;
      spans.endOf[top.line] = lastCode;
      open.pop();
    }
    open.push({ line: l, indent, seq });
    spans.starts.push(l);
    spans.startOf[l] = l;
    lastCode = l;
  }
  for (const o of open) spans.endOf[o.line] = lastCode;
  return spans;
}

function lineSpans(lines: string[]): Spans {
  const spans = emptySpans(lines.length);
  for (let l = 0; l < lines.length; l++) {
    if (!isCode(lines[l]!)) continue;
    spans.starts.push(l);
    spans.startOf[l] = l;
    spans.endOf[l] = l;
  }
  return spans;
}

/**
 * Heredoc delimiters opened on this line (`<<EOF`, `<<-EOF`, `<<'EOF'`, `<< "EOF"`), outside quotes and before
 * a comment. `<<<` (here-string) and digit-led words (`$((1 << 2))`) are not heredocs.
 */
function heredocWords(line: string, out: string[]): void {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') i++;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || isBlank(line.charCodeAt(i - 1)))) return;
    else if (c === '<' && line[i + 1] === '<') {
      if (line[i + 2] === '<') {
        i += 2;
        continue;
      }
      let j = i + 2;
      if (line[j] === '-') j++;
      j = skipBlanks(line, j);
      if (line[j] === '\\') j++;
      let word: string;
      const q = line[j];
      if (q === '"' || q === "'") {
        const close = line.indexOf(q, j + 1);
        if (close === -1) return;
        word = line.slice(j + 1, close);
        j = close + 1;
      } else {
        const from = j;
        while (j < line.length && isWordChar(line.charCodeAt(j))) j++;
        word = line.slice(from, j);
      }
      if (word && !isDigit(word.charCodeAt(0))) out.push(word);
      i = j - 1;
    }
  }
}

/** Finds a heredoc's closing line in O(log n): lines indexed by content (leading tabs dropped, as `<<-` allows). */
class TerminatorIndex {
  private index: Map<string, number[]> | undefined;
  constructor(private readonly lines: string[]) {}

  after(word: string, line: number): number {
    if (!this.index) {
      this.index = new Map();
      this.lines.forEach((text, l) => {
        const key = terminatorKey(text);
        if (!key) return;
        const list = this.index!.get(key);
        if (list) list.push(l);
        else this.index!.set(key, [l]);
      });
    }
    const list = this.index.get(word);
    if (!list) return -1;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! <= line) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length ? list[lo]! : -1;
  }
}

function terminatorKey(line: string): string {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 9) i++;
  return line.slice(i).trimEnd();
}

function emptySpans(n: number): Spans {
  return { starts: [], startOf: new Int32Array(n).fill(-1), endOf: new Int32Array(n).fill(-1) };
}

function endsWith(line: string, escape: string): boolean {
  const t = line.trimEnd();
  return t.length > 0 && t[t.length - 1] === escape;
}

function isCode(line: string): boolean {
  const i = firstNonBlank(line);
  return i !== -1 && line[i] !== '#';
}

export function firstNonBlank(line: string): number {
  const i = skipBlanks(line, 0);
  return i < line.length ? i : -1;
}

export function skipBlanks(line: string, i: number): number {
  while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  return i;
}

export function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordChar(c: number): boolean {
  return isAlnum(c) || c === 95 /* _ */ || c === 45 /* - */ || c === 46 /* . */;
}
