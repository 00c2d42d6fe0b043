import {
  CodeActionKind,
  type CodeAction,
  type Command,
  type Diagnostic,
  type Position,
  type Range,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Finding, Fix, TextEditSpec } from '../rules/types';
import { APPLY_FIX_COMMAND, DIAGNOSTIC_SOURCE, FIX_ALL_KIND, type ClientFeatures } from './capabilities';
import { fixesFromData } from './convert';

export type EditFeatures = Pick<ClientFeatures, 'codeActionLiterals' | 'documentChanges'>;
/** Version of an open document, null when the document is not open (LSP `OptionalVersionedTextDocumentIdentifier`). */
export type VersionOf = (uri: string) => number | null;

export const FIX_ALL_TITLE = 'Fix all auto-fixable CGO Lens problems';

/**
 * Is an action of `kind` wanted by `context.only`? Kinds are hierarchical: `source` matches `source.fixAll.cgo-lens`.
 * No `only` means everything except source actions (those are only returned when asked for, like ESLint's fix-all).
 */
export function kindRequested(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return !kind.startsWith('source');
  return only.some((k) => typeof k === 'string' && k.length > 0 && (kind === k || kind.startsWith(k + '.')));
}

/**
 * One quick fix per fix of each CGO Lens diagnostic in the request's context. Fixes come from `diagnostic.data`;
 * `fallback` covers clients that drop `data` (it looks the finding up in the last analysis).
 */
export function quickFixActions(
  uri: string,
  diagnostics: readonly Diagnostic[],
  features: EditFeatures,
  versionOf: VersionOf,
  fallback: (d: Diagnostic) => Fix[] | undefined,
): (CodeAction | Command)[] {
  const out: (CodeAction | Command)[] = [];
  for (const d of diagnostics) {
    if (!d || d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string') continue;
    const fixes = fixesFromData(d.data, uri) ?? fallback(d) ?? [];
    for (const fix of fixes) {
      if (fix.edits.length === 0) continue;
      const edit = toWorkspaceEdit(fix.edits, features, versionOf);
      if (!features.codeActionLiterals) {
        out.push({ title: fix.title, command: APPLY_FIX_COMMAND, arguments: [edit] });
        continue;
      }
      const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit };
      if (fix.preferred) action.isPreferred = true;
      out.push(action);
    }
  }
  return out;
}

/** `source.fixAll.cgo-lens`: the first preferred safe fix of every finding, skipping fixes that overlap earlier ones. */
export function fixAllAction(findings: readonly Finding[], features: EditFeatures, versionOf: VersionOf): CodeAction | Command | undefined {
  const edits = selectFixAllEdits(findings);
  if (edits.length === 0) return undefined;
  const edit = toWorkspaceEdit(edits, features, versionOf);
  if (!features.codeActionLiterals) return { title: FIX_ALL_TITLE, command: APPLY_FIX_COMMAND, arguments: [edit] };
  return { title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit };
}

const SEVERITY_RANK: Record<Finding['severity'], number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * Pick the edits of fix-all. Per finding take its first fix that is both preferred and safe; keep it only if none
 * of its edits overlaps an edit already kept (an edit identical to a kept one — two findings proposing the same
 * change — counts as already applied). A fix is taken whole or not at all. Findings are visited by severity, then
 * document order, so when two fixes compete for the same spot the error's fix wins (e.g. CGO101's
 * `CGO_ENABLED=0` over CGO202's "make the current `CGO_ENABLED=1` explicit").
 */
export function selectFixAllEdits(findings: readonly Finding[]): TextEditSpec[] {
  const kept: TextEditSpec[] = [];
  const sorted = [...findings].sort(
    (a, b) => (SEVERITY_RANK[a.severity] ?? 4) - (SEVERITY_RANK[b.severity] ?? 4) || comparePos(a.loc.range.start, b.loc.range.start),
  );
  for (const f of sorted) {
    const fix = f.fixes.find((x) => x.preferred && x.safe);
    if (!fix || fix.edits.length === 0) continue;
    const fresh: TextEditSpec[] = [];
    let ok = true;
    for (const e of fix.edits) {
      if (kept.some((k) => identical(k, e)) || fresh.some((k) => identical(k, e))) continue;
      if (kept.some((k) => overlaps(k, e)) || fresh.some((k) => overlaps(k, e))) {
        ok = false;
        break;
      }
      fresh.push(e);
    }
    if (ok) kept.push(...fresh);
  }
  return kept;
}

/** Edits on the same file conflict when their ranges intersect, or when both insert at the same place (order would be ambiguous). */
export function overlaps(a: TextEditSpec, b: TextEditSpec): boolean {
  if (a.uri !== b.uri) return false;
  const aEmpty = comparePos(a.range.start, a.range.end) === 0;
  const bEmpty = comparePos(b.range.start, b.range.end) === 0;
  if (aEmpty && bEmpty) return comparePos(a.range.start, b.range.start) === 0;
  if (aEmpty) return strictlyInside(a.range.start, b.range);
  if (bEmpty) return strictlyInside(b.range.start, a.range);
  return comparePos(a.range.start, b.range.end) < 0 && comparePos(b.range.start, a.range.end) < 0;
}

function strictlyInside(p: Position, r: Range): boolean {
  return comparePos(r.start, p) < 0 && comparePos(p, r.end) < 0;
}

function identical(a: TextEditSpec, b: TextEditSpec): boolean {
  return a.uri === b.uri && a.newText === b.newText && comparePos(a.range.start, b.range.start) === 0 && comparePos(a.range.end, b.range.end) === 0;
}

export function comparePos(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Versioned `documentChanges` when the client supports them (version of the open document, null otherwise), else `changes`. */
export function toWorkspaceEdit(edits: readonly TextEditSpec[], features: Pick<EditFeatures, 'documentChanges'>, versionOf: VersionOf): WorkspaceEdit {
  const byUri = new Map<string, TextEdit[]>();
  for (const e of edits) {
    let list = byUri.get(e.uri);
    if (!list) byUri.set(e.uri, (list = []));
    list.push({ range: e.range, newText: e.newText });
  }
  for (const list of byUri.values()) list.sort((a, b) => comparePos(a.range.start, b.range.start));
  if (features.documentChanges) {
    const documentChanges: TextDocumentEdit[] = [];
    for (const [uri, list] of byUri) documentChanges.push({ textDocument: { uri, version: versionOf(uri) }, edits: list });
    return { documentChanges };
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const [uri, list] of byUri) changes[uri] = list;
  return { changes };
}

/** Is `value` shaped like a WorkspaceEdit we could have produced (argument of `cgoLens.applyFix`)? */
export function isWorkspaceEdit(value: unknown): value is WorkspaceEdit {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const changesOk = v.changes === undefined || (typeof v.changes === 'object' && v.changes !== null && !Array.isArray(v.changes));
  const docChangesOk = v.documentChanges === undefined || Array.isArray(v.documentChanges);
  return changesOk && docChangesOk && (v.changes !== undefined || v.documentChanges !== undefined);
}
