/**
 * Helpers for the shell-script, Makefile and cross-file tests: analyse any file kind through the service
 * with an in-memory workspace, apply a fix's edits to one file and look at ranges as text.
 */
import { expect } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CgoLensService } from '../../../server/src/service/service';
import { MemoryWorkspaceFiles } from '../../../server/src/workspace/files';
import type { AnalysisResult } from '../../../server/src/service/service';
import type { Finding, Fix, RuleId } from '../../../server/src/rules/types';
import type { Range } from '../../../server/src/model/types';

export const ROOT = 'file:///w/';
export const MAKEFILE = `${ROOT}Makefile`;
export const DOCKERFILE = `${ROOT}Dockerfile`;
export const SCRIPT = `${ROOT}build.sh`;

const errors: string[] = [];
let svc: Promise<CgoLensService> | undefined;
export function service(): Promise<CgoLensService> {
  svc ??= CgoLensService.create({ log: { info: () => {}, error: (m) => errors.push(m) } });
  return svc;
}

export const lines = (...l: string[]) => l.join('\n') + '\n';

/** Analyse `uri` (its text from `files`) with every other file of `files` in the workspace. */
export async function analyzeIn(uri: string, files: Record<string, string>, languageId?: string): Promise<AnalysisResult> {
  const s = await service();
  const before = errors.length;
  const result = s.analyze({ uri, text: files[uri], languageId }, undefined, new MemoryWorkspaceFiles(files, ROOT));
  expect(errors.slice(before), 'the engine logged an error').toEqual([]);
  return result;
}

export async function findings(uri: string, files: Record<string, string>): Promise<Finding[]> {
  return (await analyzeIn(uri, files)).findings;
}

export function only(fs: Finding[], code: RuleId, uri?: string): Finding[] {
  return fs.filter((f) => f.code === code && (uri === undefined || f.loc.uri === uri));
}

export function textAt(text: string, r: Range): string {
  const doc = TextDocument.create('x', 'x', 0, text);
  return text.slice(doc.offsetAt(r.start), doc.offsetAt(r.end));
}

/** Apply the edits of `fix` that target `uri` to `text`. */
export function applyTo(uri: string, text: string, fix: Fix): string {
  const doc = TextDocument.create(uri, 'x', 0, text);
  const edits = fix.edits.filter((e) => e.uri === uri).map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText }));
  expect(edits.length, `fix "${fix.title}" has no edit in ${uri}`).toBeGreaterThan(0);
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * Apply the first fix of the first `code` finding in `uri` whose title contains `title`; re-analyse: the
 * rule must be silent in that file afterwards. Returns the fixed text.
 */
export async function fixClears(uri: string, files: Record<string, string>, code: RuleId, title: string): Promise<string> {
  const before = only(await findings(uri, files), code, uri);
  expect(before.length, `no ${code} before the fix`).toBeGreaterThan(0);
  const fix = before[0].fixes.find((f) => f.title.includes(title));
  expect(fix, `${code} offers: ${before[0].fixes.map((f) => f.title).join(' | ')}`).toBeDefined();
  const fixed = applyTo(uri, files[uri], fix!);
  const after = only(await findings(uri, { ...files, [uri]: fixed }), code, uri);
  expect(after.map((f) => f.message), `${code} still fires after "${fix!.title}":\n${fixed}`).toEqual([]);
  return fixed;
}
