/**
 * The invariants every input must satisfy (DESIGN §2.5 "never crash, never hang"):
 *
 *  1. `analyze` never throws;
 *  2. no reader or rule threw inside it — the service contains such failures by logging them, which keeps the
 *     editor alive but would hide real bugs from the fuzzer, so the oracle's Logger records errors and fails;
 *  3. every finding's range lies inside its document (0 ≤ line < lineCount, character ≤ that line's length,
 *     start ≤ end), and so does every related location, in the document it names;
 *  4. every fix's edits are in range, do not overlap, and apply cleanly;
 *  5. every finding converts to an LSP Diagnostic that serialises, with a message free of `undefined`/`NaN`;
 *  6. an input of ≤ 1,000 lines is analysed in ≤ 200 ms (catastrophic backtracking, quadratic paths). Measured as
 *     this process's CPU time (user + system), not wall time: other processes on a shared 2-core CI machine then
 *     cannot turn a fast input into a false alarm, while an algorithmic problem shows just the same.
 *
 * Lines are counted the way LSP clients count them (`\n`, `\r\n` and a lone `\r` end a line).
 */
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CgoLensService, type AnalysisResult } from '../../server/src/service/service';
import { defaultSettings, type Settings } from '../../server/src/config/settings';
import { MemoryWorkspaceFiles } from '../../server/src/workspace/files';
import { readPlan } from '../../server/src/service/readPlan';
import { RULES } from '../../server/src/rules/registry';
import { findingToDiagnostic } from '../../server/src/lsp/convert';
import type { Range } from '../../server/src/model/types';
import type { Finding } from '../../server/src/rules/types';
import type { FuzzKind } from './mutator';
import { KIND_URI } from './corpus';

export const TIME_BUDGET_MS = 200;
export const TIME_BUDGET_MAX_LINES = 1000;
/** Workspace root of the in-memory files fuzz inputs are analysed with. */
export const FUZZ_ROOT = 'file:///fuzz/';

export interface FuzzInput {
  kind: FuzzKind;
  text: string;
  /** Other workspace files (URI under FUZZ_ROOT → text), for cross-file links. */
  files?: Record<string, string>;
}

export interface Outcome {
  violations: string[];
  /** CPU time of the fastest measured run, ms (what the budget applies to). */
  ms: number;
  /** Wall time of that run, ms. */
  wallMs: number;
  lines: number;
  findings: number;
  skipped: boolean;
}

const FEATURES = { relatedInformation: true, codeDescription: true, unnecessaryTag: true };

export function lineCount(text: string): number {
  return TextDocument.create('file:///x', 'plaintext', 0, text).lineCount;
}

export class Oracle {
  private readonly logged: string[] = [];

  private constructor(readonly service: CgoLensService, readonly settings: Settings) {}

  static async create(settings: Settings = defaultSettings()): Promise<Oracle> {
    let self: Oracle | undefined;
    const service = await CgoLensService.create({
      log: { info: () => undefined, error: (m) => self?.logged.push(m) },
    });
    self = new Oracle(service, settings);
    return self;
  }

  uriOf(input: FuzzInput): string {
    return KIND_URI[input.kind];
  }

  /** `retries`: extra runs of an input over the time budget before calling it slow (noise vs. algorithm). */
  check(input: FuzzInput, options: { timeBudget?: boolean; retries?: number } = {}): Outcome {
    const uri = this.uriOf(input);
    const docs = new Map<string, TextDocument>([[uri, TextDocument.create(uri, input.kind, 1, input.text)]]);
    for (const [u, t] of Object.entries(input.files ?? {})) if (!docs.has(u)) docs.set(u, TextDocument.create(u, 'plaintext', 1, t));
    const files = new MemoryWorkspaceFiles({ ...(input.files ?? {}), [uri]: input.text }, FUZZ_ROOT);
    const violations: string[] = [];
    const lines = docs.get(uri)!.lineCount;

    const run = (): { result?: AnalysisResult; ms: number; wallMs: number } => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      let result: AnalysisResult | undefined;
      try {
        result = this.service.analyze({ uri, text: input.text }, this.settings, files);
      } catch (err) {
        violations.push(`analyze threw: ${describe(err)}`);
      }
      const wallMs = performance.now() - t0;
      const c = process.cpuUsage(c0);
      return { result, ms: (c.user + c.system) / 1000, wallMs };
    };

    this.logged.length = 0;
    const first = run();
    for (const m of this.logged) violations.push(`engine logged an error: ${m}`);
    this.logged.length = 0;
    let { ms, wallMs } = first;
    if (options.timeBudget !== false && lines <= TIME_BUDGET_MAX_LINES && ms > TIME_BUDGET_MS) {
      // A major GC or a JIT deoptimisation can make one run slow; an algorithmic problem makes every run slow.
      // Far over budget is no accident: do not spend seconds confirming it.
      const retries = ms > 5 * TIME_BUDGET_MS ? 0 : (options.retries ?? 2);
      for (let i = 0; i < retries && ms > TIME_BUDGET_MS; i++) {
        const again = run();
        if (again.ms < ms) ({ ms, wallMs } = again);
      }
      if (ms > TIME_BUDGET_MS) violations.push(`slow: ${ms.toFixed(0)} ms CPU for ${lines} lines (budget ${TIME_BUDGET_MS} ms)`);
    }
    const result = first.result;
    if (result) checkResult(result, uri, docs, violations);
    return { violations: dedupe(violations), ms, wallMs, lines, findings: result?.findings.length ?? 0, skipped: result?.skipped !== undefined };
  }

  /**
   * Which readers and rules throw on `input`, called directly (the service logs each distinct failure only once
   * per process, so replays and minimisation cannot rely on its log).
   */
  throwsDirectly(input: FuzzInput): string[] {
    const uri = this.uriOf(input);
    const files = new MemoryWorkspaceFiles({ ...(input.files ?? {}), [uri]: input.text }, FUZZ_ROOT);
    const out: string[] = [];
    if (input.text.includes('\u0000') || Buffer.byteLength(input.text, 'utf8') > this.settings.maxFileBytes) return out;
    const plan = readPlan(input.kind, { uri, text: input.text }, this.settings, { info: () => undefined, error: (m) => out.push(m) }, files);
    if (!plan) return out;
    for (const rule of RULES) {
      try {
        rule.check({ plan, text: input.text });
      } catch (err) {
        out.push(`rule ${rule.meta.id} threw: ${describe(err)}`);
      }
    }
    return out;
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const frame = (err.stack ?? '').split('\n').slice(1, 3).map((l) => l.trim()).join(' ← ');
  return `${err.name}: ${err.message}${frame ? ` (${frame})` : ''}`;
}

function dedupe(v: string[]): string[] {
  return [...new Set(v)];
}

function fmt(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Why `range` does not lie inside `doc`, or undefined when it does. */
export function rangeProblem(range: Range | undefined, doc: TextDocument): string | undefined {
  if (!range || !range.start || !range.end) return 'missing range';
  for (const p of [range.start, range.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character)) return `non-integer position in ${JSON.stringify(range)}`;
    if (p.line < 0 || p.line >= doc.lineCount) return `line ${p.line} outside 0..${doc.lineCount - 1} (${fmt(range)})`;
    const len = lineLength(doc, p.line);
    if (p.character < 0 || p.character > len) return `character ${p.character} outside 0..${len} on line ${p.line} (${fmt(range)})`;
  }
  if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) return `start after end (${fmt(range)})`;
  return undefined;
}

function lineLength(doc: TextDocument, line: number): number {
  const start = doc.offsetAt({ line, character: 0 });
  const next = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : doc.getText().length;
  const text = doc.getText().slice(start, next);
  return text.replace(/\r\n$|\n$|\r$/, '').length;
}

function checkResult(result: AnalysisResult, uri: string, docs: Map<string, TextDocument>, out: string[]): void {
  if (!Array.isArray(result.findings)) {
    out.push('findings is not an array');
    return;
  }
  for (const f of result.findings) checkFinding(f, uri, docs, out);
}

function checkFinding(f: Finding, uri: string, docs: Map<string, TextDocument>, out: string[]): void {
  const where = `${f.code}`;
  const doc = docs.get(f.loc?.uri);
  if (!doc) out.push(`${where}: finding in a document the engine was not given: ${f.loc?.uri}`);
  else {
    const p = rangeProblem(f.loc.range, doc);
    if (p) out.push(`${where}: range ${p}`);
  }
  if (typeof f.message !== 'string' || f.message.trim() === '') out.push(`${where}: empty message`);
  else if (/\bundefined\b|\bNaN\b|\[object Object\]/.test(f.message)) out.push(`${where}: message contains undefined/NaN/[object Object]: ${f.message}`);
  for (const r of f.related ?? []) {
    const rd = docs.get(r.loc?.uri);
    if (!rd) out.push(`${where}: related location in a document the engine was not given: ${r.loc?.uri}`);
    else {
      const p = rangeProblem(r.loc.range, rd);
      if (p) out.push(`${where}: related range ${p}`);
    }
  }
  for (const fix of f.fixes ?? []) {
    const byUri = new Map<string, { range: Range; newText: string }[]>();
    for (const e of fix.edits) {
      const target = e.uri ?? uri;
      const d = docs.get(target);
      if (!d) {
        out.push(`${where}: fix "${fix.title}" edits a document the engine was not given: ${target}`);
        continue;
      }
      const p = rangeProblem(e.range, d);
      if (p) out.push(`${where}: fix "${fix.title}" edit ${p}`);
      else if (typeof e.newText !== 'string') out.push(`${where}: fix "${fix.title}" edit without newText`);
      else byUri.set(target, [...(byUri.get(target) ?? []), e]);
    }
    for (const [target, edits] of byUri) {
      const d = docs.get(target)!;
      const spans = edits.map((e) => [d.offsetAt(e.range.start), d.offsetAt(e.range.end)] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      for (let i = 1; i < spans.length; i++) {
        if (spans[i]![0] < spans[i - 1]![1]) out.push(`${where}: fix "${fix.title}" has overlapping edits in ${target}`);
      }
      try {
        TextDocument.applyEdits(d, edits);
      } catch (err) {
        out.push(`${where}: fix "${fix.title}" does not apply: ${describe(err)}`);
      }
    }
  }
  try {
    JSON.stringify(findingToDiagnostic(f, uri, FEATURES));
  } catch (err) {
    out.push(`${where}: conversion to an LSP Diagnostic failed: ${describe(err)}`);
  }
}
