import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { Finding, Fix, Severity } from '../rules/types';
import { docsUrl } from '../rules/registry';
import { CONFIG_ERROR_CODE, type ConfigProblem } from '../config/configDiagnostics';
import { DIAGNOSTIC_SOURCE, type ClientFeatures } from './capabilities';

/** Code of the information diagnostic shown when a file was not analysed (too large, binary). */
export const SKIPPED_CODE = 'cgo-lens.skipped';

/**
 * `Diagnostic.data` of every finding diagnostic — everything the code actions need, so `textDocument/codeAction`
 * never re-analyses (the Docker language server's approach). Stable contract:
 *
 *   { fixes: [ { title, preferred, safe, edits: [ { range, newText, uri? } ] } ], stage?, stageLine? }
 *
 * - `fixes` is always present (`[]` when the finding has no fix), in the rule's order (first = preferred one);
 * - an edit's `uri` is present only when the edit targets another file than the diagnostic's document;
 * - `stage` (index) and `stageLine` (0-based line of that stage's `FROM`) are present for Dockerfile findings that
 *   belong to a stage: the "Ignore … in this stage" action inserts its pragma above that line.
 */
export interface DiagnosticData {
  fixes: DiagnosticFix[];
  stage?: number;
  stageLine?: number;
}
export interface DiagnosticFix {
  title: string;
  preferred: boolean;
  safe: boolean;
  edits: DiagnosticFixEdit[];
}
export interface DiagnosticFixEdit {
  range: Range;
  newText: string;
  /** Absent = the diagnostic's document. */
  uri?: string;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toSeverity(s: Severity): DiagnosticSeverity {
  return SEVERITY[s] ?? DiagnosticSeverity.Warning;
}

/** The features a conversion needs; the defaults are what a fully capable client gets. */
export type ConversionFeatures = Pick<ClientFeatures, 'relatedInformation' | 'codeDescription' | 'unnecessaryTag'>;

/**
 * `stageLines`: the 0-based `FROM` line of each stage of the document (from the service), so the diagnostic can carry
 * the line an "ignore in this stage" pragma goes above.
 */
export function findingToDiagnostic(f: Finding, documentUri: string, features: ConversionFeatures, stageLines?: readonly number[]): Diagnostic {
  const d: Diagnostic = {
    range: copyRange(f.loc.range),
    severity: toSeverity(f.severity),
    code: f.code,
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
  };
  if (features.codeDescription) d.codeDescription = { href: docsUrl(f.code) };
  if (features.unnecessaryTag && f.tags?.includes('unnecessary')) d.tags = [DiagnosticTag.Unnecessary];
  if (features.relatedInformation && f.related.length > 0) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri: r.loc.uri, range: copyRange(r.loc.range) }, message: r.message }));
  }
  const data = toDiagnosticData(f.fixes, documentUri);
  const stageLine = f.stage !== undefined && f.loc.uri === documentUri ? stageLines?.[f.stage] : undefined;
  if (f.stage !== undefined && stageLine !== undefined && Number.isInteger(stageLine) && stageLine >= 0) {
    data.stage = f.stage;
    data.stageLine = stageLine;
  }
  d.data = data;
  return d;
}

/** Where an "ignore in this stage" pragma goes, read back from `Diagnostic.data`; undefined when absent or malformed. */
export function stageFromData(data: unknown): { stage: number; stageLine: number } | undefined {
  if (!isRecord(data)) return undefined;
  const { stage, stageLine } = data;
  if (!Number.isInteger(stage) || !Number.isInteger(stageLine) || stage < 0 || stageLine < 0) return undefined;
  return { stage, stageLine };
}

export function toDiagnosticData(fixes: readonly Fix[], documentUri: string): DiagnosticData {
  return {
    fixes: fixes.map((fix) => ({
      title: fix.title,
      preferred: fix.preferred,
      safe: fix.safe,
      edits: fix.edits.map((e) => {
        const edit: DiagnosticFixEdit = { range: copyRange(e.range), newText: e.newText };
        if (e.uri && e.uri !== documentUri) edit.uri = e.uri;
        return edit;
      }),
    })),
  };
}

/**
 * Read fixes back from a diagnostic's `data` (as echoed by the client in a code-action request). Returns
 * undefined when `data` is not ours or malformed — the caller then falls back to its last analysis.
 */
export function fixesFromData(data: unknown, documentUri: string): Fix[] | undefined {
  if (!isRecord(data) || !Array.isArray(data.fixes)) return undefined;
  const fixes: Fix[] = [];
  for (const raw of data.fixes) {
    if (!isRecord(raw) || typeof raw.title !== 'string' || !Array.isArray(raw.edits)) return undefined;
    const edits = [];
    for (const e of raw.edits) {
      if (!isRecord(e) || typeof e.newText !== 'string' || !isRange(e.range)) return undefined;
      if (e.uri !== undefined && typeof e.uri !== 'string') return undefined;
      edits.push({ uri: (e.uri as string | undefined) ?? documentUri, range: copyRange(e.range), newText: e.newText });
    }
    fixes.push({ title: raw.title, preferred: raw.preferred === true, safe: raw.safe === true, edits });
  }
  return fixes;
}

/** The information diagnostic for `AnalysisResult.skipped`, on the first line. */
export function skippedDiagnostic(reason: string, firstLine: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } },
    severity: DiagnosticSeverity.Information,
    code: SKIPPED_CODE,
    source: DIAGNOSTIC_SOURCE,
    message: reason,
  };
}

/** An error diagnostic for a problem in an open `.cgo-lens.yaml` (not a finding: no rule, no docs page, no actions). */
export function configErrorDiagnostic(p: ConfigProblem): Diagnostic {
  return {
    range: isRange(p.range) ? copyRange(p.range) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: CONFIG_ERROR_CODE,
    message: p.message,
  };
}

export function isRange(v: unknown): v is Range {
  return isRecord(v) && isPosition(v.start) && isPosition(v.end);
}

function isPosition(v: unknown): v is { line: number; character: number } {
  return isRecord(v) && Number.isInteger(v.line) && Number.isInteger(v.character) && (v.line as number) >= 0 && (v.character as number) >= 0;
}

export function copyRange(r: Range): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function isRecord(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
