/**
 * Helpers for tests that analyse build files against a workspace index (go.mod, Go sources) built in memory.
 */
import { expect } from 'vitest';
import { CgoLensService, type AnalysisResult } from '../../../server/src/service/service';
import { defaultSettings, type Settings } from '../../../server/src/config/settings';
import { WorkspaceIndex } from '../../../server/src/workspace/index/index';
import type { Finding, RuleId } from '../../../server/src/rules/types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix } from '../../../server/src/rules/types';

export const ROOT = 'file:///w';
export const DOCKERFILE = `${ROOT}/Dockerfile`;

const logged: string[] = [];
let servicePromise: Promise<CgoLensService> | undefined;

export function service(): Promise<CgoLensService> {
  servicePromise ??= CgoLensService.create({ log: { info: () => undefined, error: (m) => void logged.push(m) } });
  return servicePromise;
}

export function lines(...l: string[]): string {
  return l.join('\n') + '\n';
}

/** An index holding these files (paths relative to file:///w). */
export function memIndex(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [rel, text] of Object.entries(files)) index.update(`${ROOT}/${rel}`, text);
  return index;
}

/** Analyse a document with `index` as the service's workspace index; the engine must log no error. */
export async function analyzeWith(index: WorkspaceIndex | undefined, text: string, uri = DOCKERFILE, settings: Settings = defaultSettings()): Promise<AnalysisResult> {
  const svc = await service();
  svc.setIndex(index);
  const before = logged.length;
  try {
    const result = svc.analyze({ uri, text }, settings);
    expect(logged.slice(before), 'the engine logged an error').toEqual([]);
    return result;
  } finally {
    svc.setIndex(undefined);
  }
}

export async function findingsWith(index: WorkspaceIndex | undefined, text: string, uri = DOCKERFILE): Promise<Finding[]> {
  return (await analyzeWith(index, text, uri)).findings;
}

export function codes(findings: Finding[], code: RuleId): Finding[] {
  return findings.filter((f) => f.code === code);
}

/** Apply the fix whose title contains `title` of the first `code` finding, re-analyse, and return the new text and findings. */
export async function applyAndReanalyse(index: WorkspaceIndex, text: string, code: RuleId, title: string): Promise<{ fixed: string; before: Finding[]; after: Finding[] }> {
  const before = await findingsWith(index, text);
  const f = codes(before, code)[0];
  expect(f, `no ${code} finding`).toBeDefined();
  const fix = f.fixes.find((x) => x.title.includes(title));
  expect(fix, `${code} offers no fix "${title}": ${f.fixes.map((x) => x.title).join(' | ')}`).toBeDefined();
  const fixed = applyEdits(text, fix!);
  const after = await findingsWith(index, fixed);
  return { fixed, before, after };
}

/** The common Go sources of the tests. */
export const GO = {
  mod: (module = 'example.com/app', ...requires: string[]) =>
    lines(`module ${module}`, '', 'go 1.22', ...(requires.length ? ['', 'require (', ...requires.map((r) => `\t${r}`), ')'] : [])),
  main: (imports: string[], body = '') => lines('package main', '', 'import (', ...imports.map((i) => `\t${i}`), ')', '', 'func main() {', body, '}'),
};

/** golang:1.22 build stage → scratch, with `build` as the go command line. */
export function toScratch(build: string, ...runtime: string[]): string {
  return lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', build, '', 'FROM scratch', ...runtime, 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]');
}

/** Apply a fix's edits (all to the analysed document) from the last to the first. */
export function applyEdits(text: string, fix: Fix, uri = DOCKERFILE): string {
  const doc = TextDocument.create(uri, 'dockerfile', 0, text);
  for (const e of fix.edits) expect(e.uri, `fix "${fix.title}" edits another document`).toBe(uri);
  const spans = fix.edits.map((e, i) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText, i }));
  spans.sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}
