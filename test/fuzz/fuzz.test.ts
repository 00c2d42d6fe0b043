/**
 * The bounded, seeded fuzz campaign of `npm test` (long campaigns: `npm run fuzz -- --minutes N`).
 *
 *  - the seed corpus itself (examples, test/fuzz/corpus, inline test Dockerfiles) passes every invariant;
 *  - BOUNDED_CASES mutated inputs of every file kind pass every invariant (oracle.ts), with the "very long line"
 *    snippets kept short so the run time is predictable;
 *  - the table of pathological inputs per file kind (pathological.ts), each analysed within budget.
 *
 * Inputs that hit a known, reported engine bug (known.ts) are listed but do not fail the campaign; they have
 * `it.fails` replays in regressions.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { allSeeds } from './corpus';
import { bundleRunner, runRunner } from './bundle';
import { KNOWN_BUGS, knownBugOf } from './known';
import type { FuzzKind } from './mutator';
import { BOUNDED_TABLE, pathologicalRows } from './pathological';
import { Oracle, TIME_BUDGET_MS, type FuzzInput } from './oracle';

/** Fixed: the same inputs on every run of the same repository state. */
const CAMPAIGN_SEED = 0x5eed_c60;
const BOUNDED_CASES = 3_000;

let oracle: Oracle;
beforeAll(async () => {
  oracle = await Oracle.create();
});

/** An input as a failure message can show it: JSON-escaped (NUL, CR, lone surrogates visible), long runs elided. */
function show(input: FuzzInput): string {
  const json = JSON.stringify(input.text);
  return `${input.kind}: ${json.length > 1500 ? `${json.slice(0, 1000)} … (${input.text.length} chars) … ${json.slice(-300)}` : json}`;
}

describe('fuzz: seed corpus', () => {
  it('every seed, unmutated, satisfies every invariant', () => {
    const seeds = allSeeds();
    const kinds = new Set(seeds.map((s) => s.kind));
    // Every file kind has seeds (examples are Dockerfiles; the rest come from test/fuzz/corpus).
    expect([...kinds].sort()).toEqual(['config', 'dockerfile', 'gomod', 'goreleaser', 'makefile', 'shell', 'taskfile', 'workflow']);
    const failures: string[] = [];
    for (const s of seeds) {
      const input = { kind: s.kind, text: s.text };
      const o = oracle.check(input);
      const thrown = oracle.throwsDirectly(input);
      for (const v of [...o.violations, ...thrown]) if (!knownBugOf(input, v)) failures.push(`${s.name}: ${v}`);
    }
    expect(failures).toEqual([]);
  }, 30_000);
});

interface RunnerSummary {
  cases: number;
  elapsedMs: number;
  byKind: Partial<Record<FuzzKind, number>>;
  skipped: number;
  slowest?: { ms: number; wallMs: number; kind: string; lines: number; chars: number; index: number; seedName: string; ops: string[] };
  crashes: { index: number; known?: string; kind: string; violations: string[]; seedName: string; ops: string[]; text: string }[];
}

describe('fuzz: bounded campaign', () => {
  // Run by the bundled runner in a child process: its watchdog turns an engine hang or out-of-memory into a reported
  // crasher (the case index and input) instead of a dead test worker.
  beforeAll(() => bundleRunner(), 30_000);

  it(`${BOUNDED_CASES} seeded mutants of every file kind never crash, hang, leave the document, or exceed ${TIME_BUDGET_MS} ms`, () => {
    const r = runRunner<RunnerSummary>(
      ['--bounded', '--seed', String(CAMPAIGN_SEED), '--cases', String(BOUNDED_CASES), '--minutes', '5', '--no-minimize', '--no-write', '--json', '--heap-mb', '1536'],
      110_000,
    );
    expect(r.json, `the runner printed no summary (status ${r.status})\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`).toBeDefined();
    const result = r.json!;
    const known = result.crashes.filter((c) => c.known).map((c) => `${c.known}`);
    // The figures the README's "Reliability" section quotes.
    console.info(
      `[fuzz] ${result.cases} cases in ${(result.elapsedMs / 1000).toFixed(1)} s; ${result.crashes.length - known.length} new crashers; ` +
        `known engine bugs hit: ${[...new Set(known)].join(', ') || 'none'}; slowest ≤1000-line input: ${result.slowest ? `${result.slowest.ms.toFixed(1)} ms CPU (${result.slowest.kind}, ${result.slowest.lines} lines, case ${result.slowest.index})` : '-'}`,
    );
    expect(result.cases).toBe(BOUNDED_CASES);
    for (const k of ['dockerfile', 'makefile', 'shell', 'goreleaser', 'taskfile', 'workflow', 'gomod', 'config'] as FuzzKind[]) {
      expect(result.byKind[k] ?? 0, `cases of kind ${k}`).toBeGreaterThan(BOUNDED_CASES / 40);
    }
    const fresh = result.crashes
      .filter((c) => !c.known)
      .map((c) => `case ${c.index} (seed ${c.seedName}; ops ${c.ops.join(', ')}): ${c.violations.join(' | ')}\n  input ${show({ kind: c.kind as FuzzKind, text: c.text })}`);
    expect(fresh).toEqual([]);
  }, 120_000);
});

// ---- pathological inputs ----------------------------------------------------------------------------------------

describe('fuzz: pathological inputs per file kind', () => {
  // Rows that would hit an open bug able to abort the process (known.ts `preempt`) are not run in this process;
  // their regression fixtures replay them in a watched child process.
  const rows = pathologicalRows(BOUNDED_TABLE);
  const runnable = rows.filter(([, input]) => !KNOWN_BUGS.some((b) => b.preempt?.(input)));
  it('the rows left out are only those of open process-aborting bugs', () => {
    const left = rows.filter((r) => !runnable.includes(r)).map(([name]) => name);
    expect(left.every((n) => /^(goreleaser|taskfile|workflow|config) /.test(n)), left.join(', ')).toBe(true);
  });
  it.each(runnable)(`%s: analysed within ${TIME_BUDGET_MS} ms, no violation`, (_name, input) => {
    const o = oracle.check(input, { retries: 1 });
    const thrown = o.violations.length ? [] : oracle.throwsDirectly(input);
    // Slowness already reported as an open engine bug (known.ts: long Dockerfile instructions, YAML error floods)
    // is tolerated here; anything else — a crash, a range outside the document, a new slow path — fails.
    expect([...o.violations, ...thrown].filter((v) => !knownBugOf(input, v))).toEqual([]);
  }, 30_000);
});
