/**
 * Every crasher the fuzzer found, replayed: test/fuzz/regressions/*.json (JSON so NUL bytes and lone surrogates
 * survive). A fixture whose bug lives in engine code not owned by the fuzz suite carries `engineBug` and is replayed
 * with `it.fails` below, each with its `// ENGINE BUG:` note; the rest must pass every invariant.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { REGRESSIONS_DIR, readRegressions, type RegressionFixture } from './corpus';
import { bundleRunner, runRunner } from './bundle';
import { KNOWN_BUGS } from './known';
import { Oracle } from './oracle';

let oracle: Oracle;
beforeAll(async () => {
  oracle = await Oracle.create();
  if (readRegressions().some((f) => f.fixture.isolate)) await bundleRunner();
}, 30_000);

const fixtures = readRegressions();

/** All invariants, with reader/rule throws detected directly (the service logs each distinct failure only once). */
function replay(f: RegressionFixture, retries = 2): void {
  if (f.isolate) return replayIsolated(f);
  const input = { kind: f.kind, text: f.text, ...(f.files ? { files: f.files } : {}) };
  // One unmeasured run first: the budget is about the steady state (an editor re-analyses on every change), not about
  // the JIT compiling a reader's code for the first time in this worker.
  oracle.check(input, { timeBudget: false });
  const outcome = oracle.check(input, { retries });
  const thrown = outcome.violations.length ? [] : oracle.throwsDirectly(input);
  expect([...outcome.violations, ...thrown], `regression replay (was: ${f.violation.slice(0, 200)})`).toEqual([]);
}

/** Replay in the bundled runner's watched worker (the input hangs or exhausts memory while the bug is open). */
function replayIsolated(f: RegressionFixture): void {
  const name = fixtures.find((x) => x.fixture === f)!.name;
  const r = runRunner<{ violations: string[] }>(['--replay', path.join(REGRESSIONS_DIR, name), '--heap-mb', '128'], 40_000);
  expect(r.json, `no verdict from the runner (status ${r.status}): ${r.stderr.slice(-1000)}`).toBeDefined();
  expect(r.json!.violations, `regression replay (was: ${f.violation.slice(0, 200)})`).toEqual([]);
}

/** Fixtures of open engine bugs, each replayed with `it.fails` and an `// ENGINE BUG:` note in a describe block below. */
const ENGINE_BUGS: string[] = [];

describe('fuzz regressions (fixed)', () => {
  const fixed = fixtures.filter((f) => !f.fixture.engineBug && !ENGINE_BUGS.includes(f.name));
  it('every fixture is either replayed below as fixed or listed as an engine bug', () => {
    for (const f of fixtures) expect(Boolean(f.fixture.engineBug), `${f.name}: engineBug field vs. ENGINE_BUGS list`).toBe(ENGINE_BUGS.includes(f.name));
    // Every open engine bug the campaigns tolerate has a fixture here.
    for (const b of KNOWN_BUGS) expect(fixtures.some((f) => f.fixture.engineBug?.startsWith(b.id)), b.id).toBe(true);
  });
  it.each(fixed.map((f) => [f.name, f.fixture] as const))('%s', (_name, f) => replay(f), 30_000);
});
