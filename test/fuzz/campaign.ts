/**
 * One fuzz campaign: draw inputs from the seeds with the mutator, check each with the oracle, collect crashers
 * (deduplicated by the kind of violation), minimise them, and keep the slowest input. Used by the bounded campaign
 * in `npm test` (fuzz.test.ts) and by the long one (`npm run fuzz -- --minutes N`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CRASHERS_DIR, type RegressionFixture } from './corpus';
import { LONG_OPTIONS, generate, mutate, type FuzzKind, type MutatorOptions, type Seed } from './mutator';
import { FUZZ_ROOT, Oracle, type FuzzInput } from './oracle';
import { KNOWN_BUGS, knownBugOf } from './known';
import { Rng, caseSeed, hashText } from './prng';

export interface Crash {
  index: number;
  caseSeed: number;
  seedName: string;
  ops: string[];
  input: FuzzInput;
  violations: string[];
  /** The smallest input found that still shows the first violation (when minimised). */
  minimal?: FuzzInput;
  /** How many inputs showed the same signature. */
  hits: number;
  /** Id of the known (reported, unfixed) engine bug this is, if any: see known.ts. */
  known?: string;
}

export interface Slowest {
  /** CPU ms (the budgeted measure). */
  ms: number;
  wallMs: number;
  kind: FuzzKind;
  lines: number;
  chars: number;
  index: number;
  caseSeed: number;
  ops: string[];
  seedName: string;
}

export interface CampaignResult {
  cases: number;
  elapsedMs: number;
  crashes: Crash[];
  /** Slowest input that is subject to the time budget (≤ 1,000 lines). */
  slowest?: Slowest;
  /** Slowest input of any size. */
  slowestAny?: Slowest;
  byKind: Partial<Record<FuzzKind, number>>;
  skipped: number;
  findings: number;
}

export interface CampaignOptions {
  seed: number;
  /** Stop after this many cases … */
  maxCases?: number;
  /** … or at this time (performance.now() deadline), whichever comes first. */
  deadline?: number;
  minimize?: boolean;
  mutator?: MutatorOptions;
  /** First case index (a watchdog restarts a campaign after the case that hung). */
  startIndex?: number;
  /** Called before each case is checked (a watchdog's heartbeat). */
  onCase?: (index: number) => void;
  onCrash?: (crash: Crash) => void;
  onProgress?: (r: CampaignResult) => void;
  progressEvery?: number;
}

/** Companion files of the in-memory workspace (the targets of `RUN make`, `./scripts/build.sh`, `run: make`). */
function companions(kind: FuzzKind, seeds: readonly Seed[], rng: Rng, o: MutatorOptions): Record<string, string> | undefined {
  if (kind !== 'dockerfile' && kind !== 'workflow' && kind !== 'taskfile' && kind !== 'goreleaser') return undefined;
  if (!rng.chance(0.5)) return undefined;
  const of = (k: FuzzKind) => seeds.filter((s) => s.kind === k);
  const pickText = (k: FuzzKind): string => {
    const list = of(k);
    if (!list.length) return '';
    const s = rng.pick(list);
    return rng.chance(0.5) ? mutate(s.text, k, rng, [], o).text : s.text;
  };
  const files: Record<string, string> = {
    [`${FUZZ_ROOT}Makefile`]: pickText('makefile'),
    [`${FUZZ_ROOT}scripts/build.sh`]: pickText('shell'),
    [`${FUZZ_ROOT}build.sh`]: pickText('shell'),
    [`${FUZZ_ROOT}go.mod`]: pickText('gomod'),
  };
  if (kind !== 'dockerfile') files[`${FUZZ_ROOT}Dockerfile`] = pickText('dockerfile');
  return files;
}

/** The case `index` of campaign `seed`: reproducible on its own. */
export function drawCase(seeds: readonly Seed[], seed: number, index: number, o: MutatorOptions = LONG_OPTIONS): { input: FuzzInput; seedName: string; ops: string[]; caseSeed: number } {
  const cs = caseSeed(seed, index);
  const rng = new Rng(cs);
  const m = generate(seeds, rng, o);
  const files = companions(m.kind, seeds, rng, o);
  return { input: { kind: m.kind, text: m.text, ...(files ? { files } : {}) }, seedName: m.seed, ops: m.ops, caseSeed: cs };
}

/** A short signature of a violation: numbers and quoted text removed, so one bug counts once. */
export function signature(kind: FuzzKind, violation: string): string {
  // Slowness is bucketed by order of magnitude, so a 3 s input is not hidden behind an earlier 0.25 s one.
  const slow = /^slow: (\d+) ms/.exec(violation);
  const bucket = slow ? `|${Math.floor(Math.log10(Math.max(1, Number(slow[1]))))}` : '';
  return `${kind}|${violation.replace(/\(.*$/, '').replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N').slice(0, 160)}${bucket}`;
}

function stillFails(oracle: Oracle, input: FuzzInput, sig: string): boolean {
  const o = oracle.check(input, { timeBudget: sig.includes('|slow'), retries: 0 });
  const all = [...o.violations, ...oracle.throwsDirectly(input).map((t) => `engine logged an error: ${t}`)];
  return all.some((v) => signature(input.kind, v) === sig || (sig.includes('engine logged an error') && v.startsWith('engine logged an error')));
}

/** Delta-debug an input: drop chunks of lines, then chunks of characters, while the violation persists. */
export function minimize(oracle: Oracle, input: FuzzInput, violation: string, budgetMs = 10_000, onStep: () => void = () => undefined): FuzzInput {
  const sig = signature(input.kind, violation);
  const end = performance.now() + budgetMs;
  let best = input;
  const shrink = (split: (t: string) => string[], join: string) => {
    let parts = split(best.text);
    for (let chunk = Math.max(1, Math.floor(parts.length / 2)); chunk >= 1; chunk = Math.floor(chunk / 2)) {
      for (let i = 0; i < parts.length && performance.now() < end; ) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + chunk)];
        const next = { ...best, text: candidate.join(join) };
        onStep();
        if (candidate.length < parts.length && stillFails(oracle, next, sig)) {
          parts = candidate;
          best = next;
        } else i += chunk;
      }
      if (chunk === 1) break;
    }
  };
  shrink((t) => t.split('\n'), '\n');
  if (best.text.length <= 4000) shrink((t) => [...t], '');
  if (best.files && performance.now() < end) {
    const noFiles: FuzzInput = { kind: best.kind, text: best.text };
    if (stillFails(oracle, noFiles, sig)) best = noFiles;
  }
  return best;
}

export function runCampaign(oracle: Oracle, seeds: readonly Seed[], options: CampaignOptions): CampaignResult {
  const start = performance.now();
  const result: CampaignResult = { cases: 0, elapsedMs: 0, crashes: [], byKind: {}, skipped: 0, findings: 0 };
  const bySig = new Map<string, Crash>();
  const maxCases = options.maxCases ?? Number.POSITIVE_INFINITY;
  for (let index = options.startIndex ?? 0; index < maxCases; index++) {
    if (options.deadline !== undefined && performance.now() >= options.deadline) break;
    options.onCase?.(index);
    const drawn = drawCase(seeds, options.seed, index, options.mutator);
    const preempted = KNOWN_BUGS.find((b) => b.preempt?.(drawn.input));
    if (preempted) {
      // Would hang or exhaust memory (a known, reported bug): counted, not run.
      result.cases++;
      result.byKind[drawn.input.kind] = (result.byKind[drawn.input.kind] ?? 0) + 1;
      const sig = `preempted|${preempted.id}`;
      const seen = bySig.get(sig);
      if (seen) seen.hits++;
      else {
        const crash: Crash = { index, caseSeed: drawn.caseSeed, seedName: drawn.seedName, ops: drawn.ops, input: drawn.input, violations: [`not run: would hit ${preempted.id}`], hits: 1, known: preempted.id };
        bySig.set(sig, crash);
        result.crashes.push(crash);
        options.onCrash?.(crash);
      }
      continue;
    }
    const outcome = oracle.check(drawn.input);
    result.cases++;
    result.byKind[drawn.input.kind] = (result.byKind[drawn.input.kind] ?? 0) + 1;
    if (outcome.skipped) result.skipped++;
    result.findings += outcome.findings;
    const slow: Slowest = { ms: outcome.ms, wallMs: outcome.wallMs, kind: drawn.input.kind, lines: outcome.lines, chars: drawn.input.text.length, index, caseSeed: drawn.caseSeed, ops: drawn.ops, seedName: drawn.seedName };
    if (!result.slowestAny || outcome.ms > result.slowestAny.ms) result.slowestAny = slow;
    if (outcome.lines <= 1000 && (!result.slowest || outcome.ms > result.slowest.ms)) result.slowest = slow;
    for (const v of outcome.violations) {
      const known = knownBugOf(drawn.input, v)?.id;
      // A new bug must never hide behind a known one with the same wording ("slow: …").
      const sig = `${signature(drawn.input.kind, v)}|${known ?? 'new'}`;
      const seen = bySig.get(sig);
      if (seen) {
        seen.hits++;
        continue;
      }
      const crash: Crash = { index, caseSeed: drawn.caseSeed, seedName: drawn.seedName, ops: drawn.ops, input: drawn.input, violations: outcome.violations, hits: 1, ...(known ? { known } : {}) };
      if (options.minimize && !known) crash.minimal = minimize(oracle, drawn.input, v, 10_000, () => options.onCase?.(index));
      bySig.set(sig, crash);
      result.crashes.push(crash);
      options.onCrash?.(crash);
    }
    if (options.onProgress && options.progressEvery && result.cases % options.progressEvery === 0) {
      result.elapsedMs = performance.now() - start;
      options.onProgress(result);
    }
  }
  result.elapsedMs = performance.now() - start;
  return result;
}

/** A crasher as a replayable fixture (JSON: lone surrogates and NUL survive, unlike a raw UTF-8 file). */
export function toFixture(crash: Crash, campaignSeed: number): RegressionFixture & { campaignSeed: number; caseIndex: number; seedName: string; minimal?: FuzzInput } {
  return {
    ...(crash.known ? { engineBug: `known: ${crash.known}` } : {}),
    kind: crash.input.kind,
    text: crash.input.text,
    ...(crash.input.files ? { files: crash.input.files } : {}),
    violation: crash.violations.join('\n'),
    seed: crash.caseSeed,
    ops: crash.ops,
    campaignSeed,
    caseIndex: crash.index,
    seedName: crash.seedName,
    ...(crash.minimal ? { minimal: crash.minimal } : {}),
  };
}

/** Write `test/fuzz/crashers/<hash>.txt`; returns the path. */
export function writeCrasher(crash: Crash, campaignSeed: number, dir = CRASHERS_DIR): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${hashText(crash.input.kind + '\u0001' + crash.input.text)}.txt`);
  fs.writeFileSync(file, JSON.stringify(toFixture(crash, campaignSeed), null, 2) + '\n');
  return file;
}

export function describeSlowest(s: Slowest | undefined): string {
  if (!s) return 'none';
  return `${s.ms.toFixed(1)} ms CPU (${s.wallMs.toFixed(1)} ms wall) — ${s.kind}, ${s.lines} lines, ${s.chars} chars (case ${s.index}, seed ${s.seedName}, ops: ${s.ops.join(', ') || 'none'})`;
}
