/**
 * Shared helpers for the per-rule test tables (hadolint style: one line per case).
 *
 * Every helper analyses a Dockerfile through the same editor-agnostic service the LSP server and the CLI
 * use, so a table row exercises reader → model → rule → fix exactly as a user would see it.
 */
import { expect } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CgoLensService } from '../../../server/src/service/service';
import { defaultSettings, type Settings } from '../../../server/src/config/settings';
import type { Finding, Fix, RuleId, Severity } from '../../../server/src/rules/types';
import type { Position, Range } from '../../../server/src/model/types';

export type { Finding, Fix };

/** The document every table row is analysed as: a name ending in `/Dockerfile` selects the Dockerfile reader. */
export const URI = 'file:///work/project/Dockerfile';

const logged: string[] = [];

/** One service for the whole file (creating it loads the shell parser's WASM once). */
let servicePromise: Promise<CgoLensService> | undefined;
export function service(): Promise<CgoLensService> {
  servicePromise ??= CgoLensService.create({ log: { info: () => {}, error: (m) => logged.push(m) } });
  return servicePromise;
}

/** Engine errors (a rule or reader that threw) logged while analysing; tests assert there are none. */
export function engineErrors(): string[] {
  return [...logged];
}

/** Join lines into a Dockerfile (keeps the tables readable). */
export function df(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

export async function analyze(text: string, settings: Settings = defaultSettings()): Promise<Finding[]> {
  const svc = await service();
  const before = logged.length;
  const result = svc.analyze({ uri: URI, text }, settings);
  // A rule that throws is swallowed by the engine (by design); in tests it must be loud.
  expect(logged.slice(before), 'the engine logged an error').toEqual([]);
  return result.findings;
}

export function only(findings: Finding[], code: RuleId): Finding[] {
  return findings.filter((f) => f.code === code);
}

export function errors(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error');
}

/** `{start:{line,character},end:{line,character}}` from four numbers (0-based, like LSP). */
export function range(l1: number, c1: number, l2: number, c2: number): Range {
  return { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } };
}

/** The exact text a finding's range covers, to check anchors without counting columns by hand. */
export function textAt(text: string, r: Range): string {
  const doc = TextDocument.create(URI, 'dockerfile', 0, text);
  return text.slice(doc.offsetAt(r.start), doc.offsetAt(r.end));
}

/** Apply a fix's edits (all to this document) from the last to the first, refusing overlaps. */
export function applyFix(text: string, fix: Fix): string {
  expect(fix.edits.length, `fix "${fix.title}" has no edits`).toBeGreaterThan(0);
  const doc = TextDocument.create(URI, 'dockerfile', 0, text);
  const spans = fix.edits.map((e) => {
    if (e.uri !== URI) throw new Error(`fix "${fix.title}" edits another document: ${e.uri}`);
    return { start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText };
  });
  // Descending by position; inserts at the same offset keep their given order in the output.
  const order = spans.map((s, i) => ({ ...s, i })).sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  let out = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const s of order) {
    if (s.end > limit) throw new Error(`fix "${fix.title}" has overlapping edits`);
    out = out.slice(0, s.start) + s.newText + out.slice(s.end);
    limit = s.start;
  }
  return out;
}

/** Where a position of the original text ends up after the fix (inside a replaced span: its start). */
export function mapPosition(text: string, fix: Fix, pos: Position): Position {
  const doc = TextDocument.create(URI, 'dockerfile', 0, text);
  const offset = doc.offsetAt(pos);
  let shift = 0;
  let inside: number | undefined;
  for (const e of fix.edits) {
    const s = doc.offsetAt(e.range.start);
    const t = doc.offsetAt(e.range.end);
    if (t <= offset && !(s === t && s === offset)) shift += e.newText.length - (t - s);
    else if (s < offset && offset < t) inside = s;
    else if (s === t && s === offset) shift += e.newText.length; // an insert right at the anchor pushes it
  }
  const after = TextDocument.create(URI, 'dockerfile', 1, applyFix(text, fix));
  return after.positionAt(inside !== undefined ? inside + shift : offset + shift);
}

export type FixChoice = string | ((fix: Fix) => boolean);

export interface FixOutcome {
  finding: Finding;
  fix: Fix;
  fixed: string;
  after: Finding[];
}

/**
 * Apply a fix of the `code` finding (the first one, or the one on line `atLine`) and re-analyse: that
 * finding must be gone from the place it was, and no error may appear that was not there before.
 */
export async function expectFixClears(text: string, code: RuleId, choice: FixChoice, atLine?: number): Promise<FixOutcome> {
  const before = await analyze(text);
  const candidates = only(before, code).filter((f) => atLine === undefined || f.loc.range.start.line === atLine);
  expect(candidates.length, `no ${code} finding${atLine === undefined ? '' : ` on line ${atLine}`} before the fix`).toBeGreaterThan(0);
  const finding = candidates[0];
  const pick = typeof choice === 'string' ? (f: Fix) => f.title.includes(choice) : choice;
  const fix = finding.fixes.find(pick);
  expect(fix, `${code} offers no fix matching ${String(choice)}; it offers: ${finding.fixes.map((f) => f.title).join(' | ')}`).toBeDefined();
  const fixed = applyFix(text, fix!);
  const after = await analyze(fixed);
  const line = mapPosition(text, fix!, finding.loc.range.start).line;
  const still = only(after, code).filter((f) => f.loc.range.start.line === line);
  expect(still.map((f) => f.message), `${code} still fires after "${fix!.title}":\n${fixed}`).toEqual([]);
  // …and did not just move elsewhere (a finding re-anchored on another line is still the same problem).
  expect(only(after, code).length, `${code} moved instead of going away after "${fix!.title}":\n${fixed}`).toBeLessThan(only(before, code).length);
  const known = new Set(errors(before).map((f) => `${f.code}@${mapPosition(text, fix!, f.loc.range.start).line}`));
  const fresh = errors(after).filter((f) => !known.has(`${f.code}@${f.loc.range.start.line}`));
  expect(fresh.map((f) => `${f.code}: ${f.message}`), `"${fix!.title}" introduced new errors:\n${fixed}`).toEqual([]);
  return { finding, fix: fix!, fixed, after };
}

/** Codes and severities in document order, for compact negative assertions. */
export function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.code}:${f.severity}@${f.loc.range.start.line}`);
}

export function severities(findings: Finding[]): Severity[] {
  return findings.map((f) => f.severity);
}

/** What a positive table row expects of one finding: the anchor always, the rest when given. */
export interface Expected {
  at: Range;
  severity: Severity;
  /** The exact message. */
  message?: string;
  /** Substrings the message must contain. */
  has?: string[];
  /** The text the anchor covers. */
  text?: string;
}

/** Exactly these findings of `code` (in document order), each with its anchor, severity and message parts. */
export async function expectFires(source: string, code: RuleId, expected: Expected | Expected[]): Promise<Finding[]> {
  const list = Array.isArray(expected) ? expected : [expected];
  const found = only(await analyze(source), code);
  expect(found.map((f) => f.loc.range), `${code} anchors`).toEqual(list.map((e) => e.at));
  list.forEach((e, i) => {
    const f = found[i];
    expect(f.code).toBe(code);
    expect(f.loc.uri).toBe(URI);
    expect(f.severity, `${code} severity`).toBe(e.severity);
    if (e.message !== undefined) expect(f.message).toBe(e.message);
    for (const s of e.has ?? []) expect(f.message).toContain(s);
    if (e.text !== undefined) expect(textAt(source, f.loc.range)).toBe(e.text);
  });
  return found;
}

/** No finding of `code` at all. */
export async function expectSilent(source: string, code: RuleId): Promise<void> {
  const found = only(await analyze(source), code);
  expect(found.map((f) => `${f.severity}@${f.loc.range.start.line}: ${f.message}`), `${code} must not fire`).toEqual([]);
}

/** The fixes the first `code` finding offers, in order: [title, preferred]. */
export async function expectFixes(source: string, code: RuleId, fixes: [string, boolean][]): Promise<Fix[]> {
  const found = only(await analyze(source), code);
  expect(found.length, `no ${code} finding`).toBeGreaterThan(0);
  expect(found[0].fixes.map((f) => [f.title, f.preferred])).toEqual(fixes);
  return found[0].fixes;
}
