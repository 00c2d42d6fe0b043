import type { FileKind } from '../model/types';
import type { Finding, RuleId } from '../rules/types';
import { ruleById } from '../rules/registry';
import { dockerEscapeChar, firstNonBlank, instructionSpans, isBlank, skipBlanks, splitLines, type Spans } from './pragmaSpans';

/**
 * Suppression comments, mirroring hadolint's pragmas so users meet a syntax they already know:
 *
 *   # cgo-lens ignore=CGO101,CGO202 # reason      → the next instruction (all its continuation lines)
 *   # cgo-lens stage ignore=CGO101                → the stage whose FROM follows (Dockerfile)
 *   # cgo-lens global ignore=CGO101               → the whole file
 *   go build ./... # cgo-lens ignore=CGO202       → trailing form (YAML, shell, Makefile), its own instruction
 *
 * Read from the raw text, never from a parser's comment list: dockerfile-ast reads a `#` line 1 as a parser
 * directive, and the YAML/shell/Makefile readers keep no comments at all. Every scan here is linear.
 */
export type PragmaScope = 'line' | 'stage' | 'global';

export interface Pragma {
  scope: PragmaScope;
  /** Known rule ids only (canonical upper case); unknown ids are dropped silently, like hadolint does. */
  codes: RuleId[];
  /** 0-based line of the comment itself (code actions may append to it instead of adding another line). */
  line: number;
  /** Lines covered, inclusive: the target instruction for `line`, the stage's lines for `stage`. */
  from: number;
  to: number;
  /** For `stage`: the stage index the pragma applies to. */
  stage?: number;
  trailing: boolean;
}

export interface PragmaDocument {
  uri: string;
  text: string;
  kind: FileKind;
  /** 0-based FROM lines of the stages, in order (from the build plan); scanned from the text when absent. */
  stageLines?: number[];
}

const MARKER = 'cgo-lens';

/** Parse every pragma of the file. Cheap when the file has none: one case-insensitive search. */
export function parsePragmas(text: string, kind: FileKind, stageLines?: number[]): Pragma[] {
  if (!text.toLowerCase().includes(MARKER)) return [];
  const lines = splitLines(text);
  const docker = kind === 'dockerfile';
  const spans = instructionSpans(lines, kind, docker ? dockerEscapeChar(lines) : '\\');
  const froms = docker ? stageLines ?? spans.starts.filter((l) => isFromLine(lines[l]!)) : [];
  const out: Pragma[] = [];
  /** Whole-line pragmas waiting for the next code line. */
  let pending: { line: number; scope: PragmaScope; codes: RuleId[] }[] = [];

  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    const first = firstNonBlank(line);
    if (first === -1) continue;
    if (line[first] === '#') {
      const body = parseBody(line, first + 1);
      if (body) {
        if (body.scope === 'global') out.push({ ...body, line: l, from: 0, to: lines.length - 1, trailing: false });
        else pending.push({ ...body, line: l });
      }
      continue;
    }
    // A code line: it is the target of every pending whole-line pragma.
    for (const p of pending) {
      if (p.scope === 'line') out.push({ ...p, from: l, to: targetEnd(spans, l), trailing: false });
      else {
        const stage = froms.findIndex((f) => f > p.line);
        if (stage !== -1) out.push({ ...p, stage, from: froms[stage]!, to: stage + 1 < froms.length ? froms[stage + 1]! - 1 : lines.length - 1, trailing: false });
      }
    }
    pending = [];
    if (docker) continue; // in a Dockerfile a `#` after code is not a comment (ENV values, RUN shell text)
    const hash = trailingCommentStart(line, first);
    if (hash === -1) continue;
    const body = parseBody(line, hash + 1);
    if (!body) continue;
    if (body.scope === 'global') {
      out.push({ ...body, line: l, from: 0, to: lines.length - 1, trailing: true });
    } else if (body.scope === 'line') {
      // The trailing comment sits on an instruction's last line; cover that whole instruction.
      const start = spans.startOf[l]! >= 0 ? spans.startOf[l]! : l;
      out.push({ ...body, line: l, from: start, to: targetEnd(spans, start), trailing: true });
    }
    // `stage` in a trailing comment has no FROM to follow: ignored.
  }
  return out;
}

/** Drop the findings silenced by a pragma of the analysed document. Keeps order; returns the input when nothing applies. */
export function applyPragmas(findings: Finding[], doc: PragmaDocument): Finding[] {
  if (findings.length === 0) return findings;
  const pragmas = parsePragmas(doc.text, doc.kind, doc.stageLines);
  if (pragmas.length === 0) return findings;
  // Indexed by code so each finding only meets the pragmas that name it.
  const byCode = new Map<RuleId, Pragma[]>();
  for (const p of pragmas) for (const c of p.codes) (byCode.get(c) ?? byCode.set(c, []).get(c)!).push(p);
  return findings.filter((f) => !byCode.get(f.code)?.some((p) => suppresses(p, f, doc.uri)));
}

export function suppresses(p: Pragma, f: Finding, uri: string): boolean {
  if (!p.codes.includes(f.code)) return false;
  if (p.scope === 'global') return true;
  const here = f.loc.uri === uri;
  const line = f.loc.range.start.line;
  if (p.scope === 'stage') {
    // The stage index is authoritative; the line span only helps findings that carry no stage.
    if (f.stage !== undefined) return f.stage === p.stage;
    return here && line >= p.from && line <= p.to;
  }
  return here && line >= p.from && line <= p.to;
}

/**
 * After the `#`: optional blanks, `cgo-lens` (any case), optional `:`, optional `global`/`stage`, `ignore=`,
 * then ids separated by commas (blanks around commas tolerated). Whatever follows the list (`# reason`) is ignored.
 */
function parseBody(line: string, i: number): { scope: PragmaScope; codes: RuleId[] } | undefined {
  i = skipBlanks(line, i);
  if (line.slice(i, i + MARKER.length).toLowerCase() !== MARKER) return undefined;
  i += MARKER.length;
  if (line[i] === ':') i++;
  const afterMarker = skipBlanks(line, i);
  if (afterMarker === i) return undefined; // `cgo-lensX`: not our marker
  i = afterMarker;
  let scope: PragmaScope = 'line';
  let word = readWord(line, i);
  if (word.text === 'global' || word.text === 'stage') {
    scope = word.text;
    const next = skipBlanks(line, word.end);
    if (next === word.end) return undefined;
    i = next;
    word = readWord(line, i);
  }
  if (word.text !== 'ignore') return undefined;
  i = skipBlanks(line, word.end);
  if (line[i] !== '=') return undefined;
  i = skipBlanks(line, i + 1);
  const codes: RuleId[] = [];
  for (;;) {
    const id = readId(line, i);
    if (id.text) {
      const rule = ruleById(id.text);
      if (rule && !codes.includes(rule.meta.id)) codes.push(rule.meta.id);
    }
    const next = skipBlanks(line, id.end);
    if (line[next] !== ',') break;
    i = skipBlanks(line, next + 1);
  }
  return codes.length ? { scope, codes } : undefined;
}

function targetEnd(spans: Spans, l: number): number {
  const end = spans.endOf[l]!;
  return end >= l ? end : l;
}

function isFromLine(line: string): boolean {
  const i = firstNonBlank(line);
  return i !== -1 && line.slice(i, i + 4).toUpperCase() === 'FROM' && (i + 4 === line.length || isBlank(line.charCodeAt(i + 4)));
}

/**
 * Index of a `#` that starts a comment after some code: outside quotes, not escaped, preceded by a blank
 * (shell and YAML only treat `#` as a comment there; `a#b` is a word). -1 when none.
 */
export function trailingCommentStart(line: string, from: number): number {
  let quote = '';
  for (let i = from; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '\\') i++;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && i > from && isBlank(line.charCodeAt(i - 1))) return i;
  }
  return -1;
}

function readWord(line: string, i: number): { text: string; end: number } {
  let j = i;
  while (j < line.length && isLetter(line.charCodeAt(j))) j++;
  return { text: line.slice(i, j).toLowerCase(), end: j };
}

function readId(line: string, i: number): { text: string; end: number } {
  let j = i;
  while (j < line.length && (isLetter(line.charCodeAt(j)) || isDigit(line.charCodeAt(j)))) j++;
  return { text: line.slice(i, j), end: j };
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
