import { CgoLensService, type AnalysisResult } from '../../../server/src/service/service';
import { defaultSettings, type Settings } from '../../../server/src/config/settings';
import { hoverAt } from '../../../server/src/explain/hover';
import type { Position } from '../../../server/src/model/types';

export const URI = 'file:///work/Dockerfile';

let service: CgoLensService | undefined;
/** Errors the engine logged (a hover that throws is logged and swallowed: tests assert this stays empty). */
export const engineErrors: string[] = [];

export async function getService(): Promise<CgoLensService> {
  service ??= await CgoLensService.create({ log: { info: () => undefined, error: (m) => void engineErrors.push(m) } });
  return service;
}

export function dockerfile(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

export async function analyze(text: string, settings: Settings = defaultSettings()): Promise<AnalysisResult> {
  const r = (await getService()).analyze({ uri: URI, text, languageId: 'dockerfile' }, settings);
  if (!r.plan) throw new Error('no plan');
  return r;
}

/** Position of the `nth` occurrence of `needle` on 0-based `line`, `delta` characters into it. */
export function at(text: string, line: number, needle: string, delta = 1, nth = 0): Position {
  const l = text.split('\n')[line];
  let i = -1;
  for (let k = 0; k <= nth; k++) i = l.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`'${needle}' not on line ${line}: ${l}`);
  return { line, character: i + delta };
}

/** The hover Markdown at `needle` on `line` (throws when there is none). */
export async function hover(text: string, line: number, needle: string, delta = 1, settings?: Settings) {
  const r = await analyze(text, settings);
  const h = hoverAt(r.plan!, text, at(text, line, needle, delta), r.findings);
  if (!h) throw new Error(`no hover at '${needle}' on line ${line}`);
  return h;
}

/** The hover's own section: everything before the first `---` separator (no findings, no tradeoff). */
export function firstSection(markdown: string): string {
  return markdown.split('\n\n---\n\n')[0];
}
