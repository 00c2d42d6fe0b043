import type { Position, Range } from '../model/types';

/** Line starts of the most recently indexed texts (newest first). Short texts are cheaper to scan than to compare. */
const recent: { text: string; starts: readonly number[] }[] = [];
const MEMO_SIZE = 4;
const MIN_MEMO_LENGTH = 256;

/** Offset ↔ position over one document's text (UTF-16 offsets, as LSP and JS strings use). */
export class LineIndex {
  private readonly starts: readonly number[];

  constructor(readonly text: string) {
    // Readers, rules and fixes each index the same document text (rules once per finding): the line starts of the
    // last few texts are kept, so indexing a text again costs one string comparison instead of a scan.
    const hit = recent.find((r) => r.text === text);
    if (hit) {
      this.starts = hit.starts;
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
    if (text.length >= MIN_MEMO_LENGTH) {
      recent.unshift({ text, starts });
      if (recent.length > MEMO_SIZE) recent.pop();
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    const end = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    return Math.max(start, Math.min(start + Math.max(0, pos.character), end));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The line's text without its line break. */
  lineText(line: number): string {
    const start = this.starts[line] ?? this.text.length;
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }
}
