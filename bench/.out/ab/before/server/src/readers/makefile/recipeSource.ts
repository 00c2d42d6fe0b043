import { ShellSource } from '../../shell/source';
import type { Piece } from './expand';

/**
 * The shell text of a recipe after make's expansion, mapped back to the Makefile.
 *
 * Verbatim text maps character by character (ShellSource.appendDoc). An expansion whose text differs from
 * what is written (`$(GO)` → `go`, `$$` → `$`, a placeholder for an unknown value) is appended with
 * appendSynthetic, which maps all of it to one point; this subclass widens that: a range that starts
 * inside an expansion starts at its reference's first character and a range that ends inside it ends
 * after the reference's last one. So `$(GO) build` is the go command's range, and `$(GOFLAGS)` is the
 * range of every flag it expands to.
 */
export class RecipeSource extends ShellSource {
  private readonly spans: { start: number; end: number; docStart: number; docEnd: number }[] = [];
  private size = 0;

  add(p: Piece): void {
    if (p.doc) this.appendDoc(p.docStart, p.docEnd);
    else {
      this.appendSynthetic(p.text, p.docStart);
      if (p.text.length) this.spans.push({ start: this.size, end: this.size + p.text.length, docStart: p.docStart, docEnd: p.docEnd });
    }
    this.size += p.text.length;
  }

  override docOffset(shellOffset: number, preferEnd = false): number {
    // Last span starting at or before the offset (strictly before it for an end offset).
    let lo = 0;
    let hi = this.spans.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.spans[mid].start;
      if (s < shellOffset || (!preferEnd && s === shellOffset)) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const span = found >= 0 ? this.spans[found] : undefined;
    if (span) {
      if (!preferEnd && shellOffset < span.end) return span.docStart;
      if (preferEnd && shellOffset <= span.end) return span.docEnd;
    }
    return super.docOffset(shellOffset, preferEnd);
  }
}
