import type { Scalar } from 'yaml';
import type { Location } from '../../model/types';
import { ShellSource } from '../../shell/source';
import type { LineIndex } from '../../text/lineIndex';

/**
 * A piece of decoded text. Verbatim pieces map character by character to the document; synthetic pieces
 * (folded line breaks, escapes, substituted `${{ }}` expressions) stand for the document span [doc, docEnd).
 */
interface Piece { text: string; doc: number; docEnd: number; synthetic: boolean }

/**
 * Text decoded from YAML (a `run: |` script, an `env:` value, a `K=V` list item) that still knows where each
 * character came from, so a word found in it gets an exact editor range. Immutable; `replace` returns a copy.
 */
export class MappedText {
  private cachedText?: string;
  private cachedSource?: ShellSource;

  constructor(readonly uri: string, readonly index: LineIndex, private readonly pieces: readonly Piece[]) {}

  get text(): string {
    this.cachedText ??= this.pieces.map((p) => p.text).join('');
    return this.cachedText;
  }

  /** The text as a shell source for runShell. A synthetic piece of two or more characters spans its whole document range. */
  toSource(): ShellSource {
    if (this.cachedSource) return this.cachedSource;
    const src = new ShellSource(this.uri, this.index);
    for (const p of this.pieces) {
      if (!p.synthetic) src.appendDoc(p.doc, p.doc + p.text.length);
      else if (p.text.length >= 2 && p.docEnd > p.doc) {
        src.appendSynthetic(p.text.slice(0, -1), p.doc);
        src.appendSynthetic(p.text.slice(-1), p.docEnd);
      } else if (p.text.length > 0) src.appendSynthetic(p.text, p.doc);
    }
    this.cachedSource = src;
    return src;
  }

  /** Document location of text[start, end). */
  loc(start: number, end: number): Location {
    return this.toSource().loc(start, end);
  }

  /** The whole text's location. */
  whole(): Location {
    return this.loc(0, this.text.length);
  }

  /** Characters [start, end) as their own mapped text. */
  slice(start: number, end: number): MappedText {
    const out: Piece[] = [];
    let at = 0;
    for (const p of this.pieces) {
      const pEnd = at + p.text.length;
      if (pEnd > start && at < end) {
        const s = Math.max(start, at) - at;
        const e = Math.min(end, pEnd) - at;
        out.push(p.synthetic ? { ...p, text: p.text.slice(s, e) } : { text: p.text.slice(s, e), doc: p.doc + s, docEnd: p.doc + e, synthetic: false });
      }
      at = pEnd;
    }
    return new MappedText(this.uri, this.index, out);
  }

  /**
   * Replace each span [start, end) of the text (in order, not overlapping; templates.ts `findTemplates`) with what
   * `fn` returns; the replacement stands for the matched document span. `fn` returning undefined keeps the span as written.
   */
  replace<M extends { start: number; end: number }>(matches: readonly M[], fn: (m: M) => string | undefined): MappedText {
    const text = this.text;
    const out: Piece[] = [];
    let last = 0;
    let changed = false;
    for (const m of matches) {
      if (m.end <= m.start || m.start < last) continue;
      const r = fn(m);
      if (r === undefined) continue;
      changed = true;
      out.push(...this.slice(last, m.start).pieces);
      const span = this.docSpan(m.start, m.end);
      out.push({ text: r, doc: span[0], docEnd: span[1], synthetic: true });
      last = m.end;
    }
    if (!changed) return this;
    out.push(...this.slice(last, text.length).pieces);
    return new MappedText(this.uri, this.index, out);
  }

  private docSpan(start: number, end: number): [number, number] {
    const src = this.toSource();
    const s = src.docOffset(start);
    return [s, Math.max(s, src.docOffset(end, true))];
  }

  static synthetic(uri: string, index: LineIndex, text: string, doc: number, docEnd: number): MappedText {
    return new MappedText(uri, index, [{ text, doc, docEnd, synthetic: true }]);
  }

  /**
   * Decode a scalar the way YAML does (folding, escapes, block indentation) while keeping offsets. The result
   * is checked against the parser's value; on any disagreement the whole value maps to the scalar's span.
   */
  static fromScalar(uri: string, index: LineIndex, node: Scalar): MappedText | undefined {
    const r = node.range;
    if (!r) return undefined;
    // Booleans, numbers, null: the source spelling (callers that need the tool's string use YamlFile.str).
    if (typeof node.value !== 'string') return new MappedText(uri, index, [verbatim(r[0], r[1], index.text)]);
    const value = node.value;
    let pieces: Piece[] | undefined;
    try {
      pieces = decode(index.text, r[0], r[1], node.type, value);
    } catch {
      pieces = undefined;
    }
    if (pieces) {
      const mine = pieces.map((p) => p.text).join('');
      const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
      if (block ? mine.replace(/\n+$/, '') === value.replace(/\n+$/, '') : mine === value) return new MappedText(uri, index, pieces);
    }
    return MappedText.synthetic(uri, index, value, r[0], r[1]);
  }
}

// ── decoding ───────────────────────────────────────────────────────────────

interface Line { start: number; end: number }

/** Split [start, end) into lines (without their breaks). */
function linesOf(text: string, start: number, end: number): Line[] {
  const out: Line[] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      out.push({ start: s, end: i });
      if (c === '\r' && text[i + 1] === '\n') i++;
      s = i + 1;
    }
  }
  out.push({ start: s, end });
  return out;
}

function decode(text: string, start: number, end: number, type: Scalar['type'], value: string): Piece[] | undefined {
  switch (type) {
    case 'PLAIN':
      return flow(text, start, end, 'plain');
    case 'QUOTE_SINGLE':
      return flow(text, start + 1, end - 1, 'single');
    case 'QUOTE_DOUBLE':
      return flow(text, start + 1, end - 1, 'double');
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return block(text, start, end, type === 'BLOCK_FOLDED', value);
    default:
      return undefined;
  }
}

const verbatim = (doc: number, docEnd: number, text: string): Piece => ({ text: text.slice(doc, docEnd), doc, docEnd, synthetic: false });
const synth = (t: string, doc: number): Piece => ({ text: t, doc, docEnd: doc, synthetic: true });

/** Plain and quoted scalars: lines are trimmed and folded (one break → space, n empty lines → n breaks). */
function flow(text: string, start: number, end: number, style: 'plain' | 'single' | 'double'): Piece[] {
  const out: Piece[] = [];
  const lines = linesOf(text, start, end);
  let pendingBreaks = -1; // -1: first line
  let joinWithoutSpace = false;
  for (let li = 0; li < lines.length; li++) {
    let { start: s, end: e } = lines[li];
    const first = li === 0;
    const lastLine = li === lines.length - 1;
    if (!first) while (s < e && (text[s] === ' ' || text[s] === '\t')) s++;
    if (!lastLine) {
      // Trailing white space before a break is not content (unless escaped in double quotes).
      let t = e;
      while (t > s && (text[t - 1] === ' ' || text[t - 1] === '\t')) t--;
      if (style === 'double' && t > s && text[t - 1] === '\\' && !escapedBackslash(text, s, t - 1)) {
        // `\` at the end of a line: an escaped line break, joins without a space.
        e = t - 1;
        if (pendingBreaks >= 0) emitBreaks();
        emitContent(s, e);
        joinWithoutSpace = true;
        pendingBreaks = 0;
        continue;
      }
      e = t;
    }
    if (s === e && !first && !lastLine) {
      pendingBreaks++;
      continue;
    }
    if (pendingBreaks >= 0) emitBreaks();
    emitContent(s, e);
    pendingBreaks = 0;
  }
  return out;

  function emitBreaks(): void {
    const at = out.length ? out[out.length - 1].docEnd : start;
    if (joinWithoutSpace) {
      if (pendingBreaks > 0) out.push(synth('\n'.repeat(pendingBreaks), at));
    } else out.push(synth(pendingBreaks === 0 ? ' ' : '\n'.repeat(pendingBreaks), at));
    joinWithoutSpace = false;
  }

  function emitContent(s: number, e: number): void {
    if (style === 'plain') {
      if (e > s) out.push(verbatim(s, e, text));
      return;
    }
    let run = s;
    for (let i = s; i < e; i++) {
      if (style === 'single' && text[i] === "'" && text[i + 1] === "'") {
        if (i > run) out.push(verbatim(run, i, text));
        out.push(verbatim(i + 1, i + 2, text));
        i++;
        run = i + 1;
      } else if (style === 'double' && text[i] === '\\') {
        if (i > run) out.push(verbatim(run, i, text));
        const c = text[i + 1];
        const simple: Record<string, string> = { n: '\n', t: '\t', '\t': '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ' };
        if (c === '"' || c === '\\' || c === '/') {
          out.push(verbatim(i + 1, i + 2, text));
          i += 1;
        } else if (c !== undefined && c in simple) {
          out.push(synth(simple[c], i));
          i += 1;
        } else if (c === 'x' || c === 'u' || c === 'U') {
          const n = c === 'x' ? 2 : c === 'u' ? 4 : 8;
          const hex = text.slice(i + 2, i + 2 + n);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) throw new Error('bad escape');
          out.push(synth(String.fromCodePoint(parseInt(hex, 16)), i));
          i += 1 + n;
        } else throw new Error('bad escape');
        run = i + 1;
      }
    }
    if (e > run) out.push(verbatim(run, e, text));
  }
}

function escapedBackslash(text: string, s: number, i: number): boolean {
  let n = 0;
  for (let k = i - 1; k >= s && text[k] === '\\'; k--) n++;
  return n % 2 === 1;
}

/** `|` and `>` scalars: strip the block's indentation; `>` folds lines the YAML way. */
function block(text: string, start: number, end: number, folded: boolean, value: string): Piece[] | undefined {
  const headerEnd = (() => {
    for (let i = start; i < end; i++) if (text[i] === '\n' || text[i] === '\r') return i;
    return end;
  })();
  const header = text.slice(start + 1, headerEnd).replace(/\s+#.*$/, '').trim();
  const bodyStart = text[headerEnd] === '\r' && text[headerEnd + 1] === '\n' ? headerEnd + 2 : headerEnd + 1;
  if (bodyStart > end) return [];
  const lines = linesOf(text, bodyStart, end);
  if (lines.length && lines[lines.length - 1].start === end) lines.pop();
  const firstNonEmpty = lines.find((l) => text.slice(l.start, l.end).trim() !== '');
  const detected = firstNonEmpty ? /^ */.exec(text.slice(firstNonEmpty.start, firstNonEmpty.end))![0].length : 0;
  const candidates = /\d/.test(header) ? Array.from({ length: detected + 1 }, (_, k) => detected - k) : [detected];
  for (const indent of candidates) {
    const pieces = blockWith(text, lines, indent, folded);
    if (pieces.map((p) => p.text).join('').replace(/\n+$/, '') === value.replace(/\n+$/, '')) return pieces;
  }
  return undefined;
}

function blockWith(text: string, lines: Line[], indent: number, folded: boolean): Piece[] {
  const out: Piece[] = [];
  // Content of each line after the indentation; null for empty lines.
  const content = lines.map((l) => {
    const s = Math.min(l.start + indent, l.end);
    const isEmpty = text.slice(l.start, l.end).trim() === '' && l.end - l.start <= indent;
    return isEmpty ? null : { s, e: l.end };
  });
  if (!folded) {
    content.forEach((c, i) => {
      if (c && c.e > c.s) out.push(verbatim(c.s, c.e, text));
      out.push(synth('\n', c ? c.e : lines[i].end));
    });
    return out;
  }
  const moreIndented = (c: { s: number; e: number } | null) => !!c && (text[c.s] === ' ' || text[c.s] === '\t');
  let prev: { s: number; e: number } | null | undefined;
  let empties = 0;
  let leading = 0;
  for (const c of content) {
    if (!c) {
      if (prev === undefined) leading++;
      else empties++;
      continue;
    }
    if (prev === undefined) {
      if (leading) out.push(synth('\n'.repeat(leading), c.s));
    } else {
      const at = prev ? prev.e : c.s;
      if (moreIndented(prev) || moreIndented(c)) out.push(synth('\n'.repeat(empties + 1), at));
      else out.push(synth(empties === 0 ? ' ' : '\n'.repeat(empties), at));
    }
    if (c.e > c.s) out.push(verbatim(c.s, c.e, text));
    prev = c;
    empties = 0;
  }
  return out;
}
