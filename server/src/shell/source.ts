import type { Location } from '../model/types';
import type { LineIndex } from '../text/lineIndex';

/**
 * Shell text cut out of a bigger document (a RUN instruction, a recipe line, a `run:` block) with a map
 * back to document offsets, so every word the shell parser finds has an exact range in the editor.
 */
export class ShellSource {
  /** Parallel arrays: shell offset where a piece starts, and the document offset it came from. */
  private readonly shellStarts: number[] = [];
  private readonly docStarts: number[] = [];
  private chunks: string[] = [];
  private length = 0;
  private cached?: string;

  constructor(readonly uri: string, readonly index: LineIndex) {}

  /** Append document text [docStart, docEnd) verbatim. */
  appendDoc(docStart: number, docEnd: number): void {
    if (docEnd <= docStart) return;
    this.shellStarts.push(this.length);
    this.docStarts.push(docStart);
    this.chunks.push(this.index.text.slice(docStart, docEnd));
    this.length += docEnd - docStart;
    this.cached = undefined;
  }

  /** Append synthetic text (e.g. a joining space) that maps to `docAt`. */
  appendSynthetic(text: string, docAt: number): void {
    this.shellStarts.push(this.length);
    this.docStarts.push(docAt);
    this.chunks.push(text);
    this.length += text.length;
    // Synthetic text maps every character to docAt: mark the piece as zero-width in the document.
    this.synthetic.add(this.shellStarts.length - 1);
    this.cached = undefined;
  }

  private readonly synthetic = new Set<number>();

  get text(): string {
    this.cached ??= this.chunks.join('');
    return this.cached;
  }

  docOffset(shellOffset: number, preferEnd = false): number {
    let lo = 0;
    let hi = this.shellStarts.length - 1;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.shellStarts[mid] < shellOffset || (!preferEnd && this.shellStarts[mid] === shellOffset)) lo = mid;
      else hi = mid - 1;
    }
    const delta = shellOffset - this.shellStarts[lo];
    return this.synthetic.has(lo) ? this.docStarts[lo] : this.docStarts[lo] + delta;
  }

  loc(shellStart: number, shellEnd: number): Location {
    const start = this.docOffset(shellStart);
    const end = Math.max(start, this.docOffset(shellEnd, true));
    return { uri: this.uri, range: this.index.range(start, end) };
  }

  /**
   * The location of shell text [shellStart, shellEnd) when an edit there replaces exactly that text: neither end falls
   * inside substituted text (a Makefile expansion, a `${{ }}` template). Undefined otherwise — the `0` of the
   * `CGO_ENABLED=0` a Makefile's `$(GO)` expands to maps to the whole `$(GO)`, and replacing that would replace the rest
   * of the expansion too. A whole substitution (`CGO_ENABLED=$(X)`) is fine: its location is the reference.
   */
  editableLoc(shellStart: number, shellEnd: number): Location | undefined {
    return this.cutsSubstitution(shellStart) || this.cutsSubstitution(shellEnd) ? undefined : this.loc(shellStart, shellEnd);
  }

  /** Does the document hold shell text [shellStart, shellEnd) character for character (no substitution, no joined line)? */
  isVerbatim(shellStart: number, shellEnd: number): boolean {
    const loc = this.loc(shellStart, shellEnd);
    return this.index.text.slice(this.index.offsetAt(loc.range.start), this.index.offsetAt(loc.range.end)) === this.text.slice(shellStart, shellEnd);
  }

  private cutsSubstitution(shellOffset: number): boolean {
    let lo = 0;
    let hi = this.shellStarts.length - 1;
    if (hi < 0) return false;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.shellStarts[mid] <= shellOffset) lo = mid;
      else hi = mid - 1;
    }
    if (!this.synthetic.has(lo)) return false;
    // Pieces of one substitution sit side by side (MappedText maps a template's last character on its own).
    let end = lo + 1;
    while (this.synthetic.has(end) && end < this.shellStarts.length) end++;
    let start = lo;
    while (start > 0 && this.synthetic.has(start - 1)) start--;
    const pieceStart = this.shellStarts[start];
    const pieceEnd = end < this.shellStarts.length ? this.shellStarts[end] : this.length;
    return shellOffset > pieceStart && shellOffset < pieceEnd;
  }
}
