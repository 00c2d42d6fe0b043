// Small position and text helpers for hovers and inlay hints. Everything works on the plan's locations and the
// document text the plan was read from; nothing here parses the file again.
import type { Location, Position, Range } from '../model/types';

export function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Inclusive at both ends: a cursor right after a word still hovers it (keyboard hovers put it there). */
export function contains(range: Range, pos: Position): boolean {
  return !before(pos, range.start) && !before(range.end, pos);
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** 1-based line number for messages. */
export function lineOf(loc: Location | Range | undefined): number {
  const r = loc === undefined ? undefined : 'range' in loc ? loc.range : loc;
  return (r?.start.line ?? 0) + 1;
}

/** A rough size used to prefer the tightest of several matching ranges. */
export function extent(r: Range): number {
  return (r.end.line - r.start.line) * 100_000 + (r.end.character - r.start.character);
}

/** Lazily computed line starts over one text, so a hover only pays for what it looks at. */
export class TextView {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const s = [0];
    for (let i = 0; i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 10) s.push(i + 1);
      else if (c === 13) {
        if (this.text.charCodeAt(i + 1) === 10) i++;
        s.push(i + 1);
      }
    }
    this.starts = s;
    return s;
  }

  offsetAt(pos: Position): number {
    const s = this.lineStarts();
    if (pos.line < 0) return 0;
    if (pos.line >= s.length) return this.text.length;
    const end = pos.line + 1 < s.length ? s[pos.line + 1] : this.text.length;
    return Math.max(s[pos.line], Math.min(s[pos.line] + Math.max(0, pos.character), end));
  }

  positionAt(offset: number): Position {
    const s = this.lineStarts();
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - s[lo] };
  }

  slice(range: Range): string {
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  lineText(line: number): string {
    const s = this.lineStarts();
    if (line < 0 || line >= s.length) return '';
    const end = line + 1 < s.length ? s[line + 1] : this.text.length;
    return this.text.slice(s[line], end).replace(/\r?\n$|\r$/, '');
  }
}

export interface WordHit {
  word: string;
  range: Range;
}

/** The identifier-like word (`[A-Za-z0-9_]`) under the cursor, e.g. `CGO_ENABLED` in `${CGO_ENABLED:-0}`. */
export function identifierAt(view: TextView, pos: Position): WordHit | undefined {
  const line = view.lineText(pos.line);
  const isWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
  let start = Math.min(pos.character, line.length);
  let end = start;
  if (!isWord(line[start]) && isWord(line[start - 1])) start--;
  if (!isWord(line[start])) return undefined;
  while (start > 0 && isWord(line[start - 1])) start--;
  end = start;
  while (end < line.length && isWord(line[end])) end++;
  return { word: line.slice(start, end), range: { start: { line: pos.line, character: start }, end: { line: pos.line, character: end } } };
}

export interface Token {
  text: string;
  start: number;
  end: number;
}

/**
 * Fields of a flag value the way Go's quoted.Split reads `-ldflags` (spaces separate, quotes group), with
 * offsets into `s`. Escaped quotes (`\"` inside a double-quoted shell word) count as quotes.
 */
export function quotedFields(s: string): Token[] {
  const out: Token[] = [];
  const src = s.replace(/\\(["'])/g, ' $1');
  let i = 0;
  while (i < src.length) {
    while (i < src.length && /\s/.test(src[i])) i++;
    if (i >= src.length) break;
    const q = src[i];
    if (q === '"' || q === "'") {
      const close = src.indexOf(q, i + 1);
      const end = close < 0 ? src.length : close + 1;
      out.push({ text: src.slice(i + 1, close < 0 ? src.length : close).trim(), start: i, end });
      i = end;
    } else {
      const start = i;
      while (i < src.length && !/\s/.test(src[i])) i++;
      out.push({ text: src.slice(start, i), start, end: i });
    }
  }
  return out;
}

/** The run of characters other than whitespace, quotes, `=` and `,` around `offset` in `s`. */
export function tokenAt(s: string, offset: number): Token | undefined {
  const isTok = (c: string | undefined) => c !== undefined && !/[\s'"=,\\]/.test(c);
  let start = Math.min(Math.max(offset, 0), s.length);
  if (!isTok(s[start]) && isTok(s[start - 1])) start--;
  if (!isTok(s[start])) return undefined;
  while (start > 0 && isTok(s[start - 1])) start--;
  let end = start;
  while (end < s.length && isTok(s[end])) end++;
  return { text: s.slice(start, end), start, end };
}
