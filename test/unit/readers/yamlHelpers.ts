/**
 * Helpers for the YAML file kinds (goreleaser, Taskfile, GitHub Actions): analyse a file through the service
 * with an in-memory workspace, look at ranges as text, apply a fix and re-analyse.
 */
import { expect } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CgoLensService, type AnalysisResult } from '../../../server/src/service/service';
import { MemoryWorkspaceFiles } from '../../../server/src/workspace/files';
import { initShellParser } from '../../../server/src/shell/parser';
import type { Finding, Fix, RuleId } from '../../../server/src/rules/types';
import type { BuildPlan, GoInvocation, Location, Range } from '../../../server/src/model/types';
import { readGoreleaser } from '../../../server/src/readers/goreleaser/reader';
import { readTaskfile } from '../../../server/src/readers/taskfile/reader';
import { readWorkflow } from '../../../server/src/readers/workflow/reader';

export const ROOT = 'file:///w/';
export const GORELEASER = `${ROOT}.goreleaser.yaml`;
export const TASKFILE = `${ROOT}Taskfile.yml`;
export const WORKFLOW = `${ROOT}.github/workflows/ci.yml`;
export const RELEASE_WORKFLOW = `${ROOT}.github/workflows/release.yml`;

export const y = (...l: string[]) => l.join('\n') + '\n';

const errors: string[] = [];
let svc: Promise<CgoLensService> | undefined;
function service(): Promise<CgoLensService> {
  svc ??= CgoLensService.create({ log: { info: () => {}, error: (m) => errors.push(m) } });
  return svc;
}

export const ready = () => initShellParser();

/** Read one YAML file with its reader directly (no rules). */
export function plan(uri: string, text: string, files: Record<string, string> = {}): BuildPlan {
  const ws = new MemoryWorkspaceFiles({ ...files, [uri]: text }, ROOT);
  if (uri === GORELEASER || uri.endsWith('.goreleaser.yml')) return readGoreleaser(uri, text, { images: {}, files: ws });
  if (uri.includes('/.github/workflows/')) return readWorkflow(uri, text, { images: {}, files: ws });
  return readTaskfile(uri, text, { files: ws });
}

export async function analyze(uri: string, text: string, files: Record<string, string> = {}): Promise<AnalysisResult> {
  const s = await service();
  const before = errors.length;
  const result = s.analyze({ uri, text }, undefined, new MemoryWorkspaceFiles({ ...files, [uri]: text }, ROOT));
  expect(errors.slice(before), 'the engine logged an error').toEqual([]);
  return result;
}

export async function findings(uri: string, text: string, files: Record<string, string> = {}, code?: RuleId): Promise<Finding[]> {
  const all = (await analyze(uri, text, files)).findings;
  return code ? all.filter((f) => f.code === code) : all;
}

export function textAt(text: string, r: Range | Location): string {
  const range = 'range' in r ? r.range : r;
  const doc = TextDocument.create('x', 'x', 0, text);
  return text.slice(doc.offsetAt(range.start), doc.offsetAt(range.end));
}

export function applyFix(uri: string, text: string, fix: Fix): string {
  const doc = TextDocument.create(uri, 'x', 0, text);
  expect(fix.edits.every((e) => e.uri === uri), `fix "${fix.title}" edits another file`).toBe(true);
  const edits = fix.edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText }));
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Apply the fix whose title contains `title` of the first `code` finding; re-analyse: `code` must be gone. */
export async function fixClears(uri: string, text: string, code: RuleId, title: string, files: Record<string, string> = {}): Promise<string> {
  const before = await findings(uri, text, files, code);
  expect(before.length, `no ${code} before the fix`).toBeGreaterThan(0);
  const fix = before[0].fixes.find((f) => f.title.includes(title));
  expect(fix, `${code} offers: ${before[0].fixes.map((f) => f.title).join(' | ')}`).toBeDefined();
  const fixed = applyFix(uri, text, fix!);
  const after = await findings(uri, fixed, files, code);
  expect(after.map((f) => f.message), `${code} still fires after "${fix!.title}":\n${fixed}`).toEqual([]);
  const known = new Set((await findings(uri, text, files)).filter((f) => f.severity === 'error').map((f) => f.code));
  const fresh = (await findings(uri, fixed, files)).filter((f) => f.severity === 'error' && !known.has(f.code));
  expect(fresh.map((f) => `${f.code}: ${f.message}`), `"${fix!.title}" introduced new errors:\n${fixed}`).toEqual([]);
  return fixed;
}

/** The invocation's CGO_ENABLED value, cgo state, GOOS/GOARCH and cross-ness, compactly. */
export function brief(inv: GoInvocation | undefined): string {
  if (!inv) return '(none)';
  return `${inv.env.GOOS?.value ?? '-'}/${inv.env.GOARCH?.value ?? '-'} CGO=${inv.env.CGO_ENABLED?.value ?? '-'} ${inv.cgo.state} cross=${inv.target.cross} ${inv.linkage.kind}`;
}
