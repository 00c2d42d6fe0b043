/**
 * The fuzz runner, as a node program (scripts/fuzz.mjs and the tests bundle it with esbuild):
 *
 *   npm run fuzz -- --minutes N [--seed S] [--cases N] [--no-minimize] [--bounded] [--json]
 *   npm run fuzz -- --table              time every row of the pathological-input table
 *   npm run fuzz -- --replay FILE.json   replay one regression fixture (prints a JSON verdict)
 *
 * Cases run in a child process watched by this one: a case that hangs (no message within CASE_TIMEOUT_MS of wall time), runs out of
 * memory, or aborts the process (a V8 fatal error) is recorded as a crasher and the campaign restarts after it, so an
 * infinite loop or a crash in the engine is found and reported instead of freezing or killing the run. Each crasher is written to
 * test/fuzz/crashers/<hash>.txt. Exit code 1 when a new (not known, see known.ts) crasher was found.
 */
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import { allSeeds, type RegressionFixture } from './corpus';
import { describeSlowest, drawCase, runCampaign, signature, writeCrasher, type CampaignResult, type Crash, type Slowest } from './campaign';
import { knownBugOf } from './known';
import { BOUNDED_OPTIONS, LONG_OPTIONS } from './mutator';
import { Oracle, type FuzzInput } from './oracle';
import { FULL_TABLE, pathologicalRows } from './pathological';

/** Wall time, so generous: on a busy shared machine a slow (not hung) case with its re-measurements can take a while. */
const CASE_TIMEOUT_MS = 60_000;
/** A replay is three analyses of one input. */
const REPLAY_TIMEOUT_MS = 20_000;
/** Before its first case the child loads the WASM parsers and harvests the seeds (TypeScript-parses the tests). */
const STARTUP_TIMEOUT_MS = 120_000;
/** Set in the environment of the child that runs the cases. */
const CHILD_ENV = 'CGO_LENS_FUZZ_CHILD';

interface Args {
  minutes: number;
  seed: number;
  minimize: boolean;
  maxCases?: number;
  bounded: boolean;
  table: boolean;
  json: boolean;
  replay?: string;
  /** Heap limit (MB) of the child that runs the cases: beyond it a case counts as "out of memory". */
  heapMb: number;
  write: boolean;
}

function parse(argv: string[]): Args {
  const args: Args = { minutes: 1, seed: Date.now() % 2 ** 31, minimize: true, bounded: false, table: false, json: false, heapMb: 3072, write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--minutes') args.minutes = Number(value());
    else if (flag === '--seed') args.seed = Number(value());
    else if (flag === '--cases') args.maxCases = Number(value());
    else if (flag === '--heap-mb') args.heapMb = Number(value());
    else if (flag === '--no-minimize') args.minimize = false;
    else if (flag === '--no-write') args.write = false;
    else if (flag === '--bounded') args.bounded = true;
    else if (flag === '--table') args.table = true;
    else if (flag === '--json') args.json = true;
    else if (flag === '--replay') args.replay = value();
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(
        'usage: npm run fuzz -- [--minutes N] [--seed S] [--cases N] [--no-minimize] [--bounded] [--json] [--no-write] [--heap-mb N]\n' +
          '       npm run fuzz -- --table | --replay FILE.json\n' +
          '  --bounded  short "very long lines" (the mutator settings of the npm test campaign)\n' +
          '  --table    time every row of the pathological-input table (pathological.ts), the quadratic ones included\n' +
          '  --json     end with one line "JSON:{…}" (the summary, for tests)\n',
      );
      process.exit(0);
    } else {
      process.stderr.write(`fuzz: unknown argument "${a}"\n`);
      process.exit(2);
    }
  }
  if (!Number.isFinite(args.minutes) || args.minutes <= 0 || !Number.isInteger(args.seed)) {
    process.stderr.write('fuzz: --minutes must be a positive number and --seed an integer\n');
    process.exit(2);
  }
  return args;
}

// ---- worker ------------------------------------------------------------------------------------------------------

type FromWorker =
  | { t: 'case'; index: number }
  | { t: 'stats'; result: CampaignResult }
  | { t: 'crash'; crash: Crash }
  | { t: 'done'; result: CampaignResult }
  | { t: 'replay'; violations: string[]; ms: number };

interface WorkerJob {
  mode: 'campaign' | 'replay';
  seed: number;
  startIndex: number;
  maxCases?: number;
  deadlineEpoch: number;
  minimize: boolean;
  bounded: boolean;
  input?: FuzzInput;
}

async function workerMain(job: WorkerJob): Promise<void> {
  const post = (m: FromWorker) => process.send!(m);
  /** The last message: resolved once it is handed to the IPC channel (the child disconnects after it). */
  const postLast = (m: FromWorker) => new Promise<void>((resolve) => process.send!(m, undefined, {}, () => resolve()));
  const oracle = await Oracle.create();
  if (job.mode === 'replay') {
    // Three times: an editor analyses a document again on every change, and some failures (a V8 abort when a regex
    // tiers up deep in a recursion) only show on a later run.
    const violations = new Set<string>();
    let ms = 0;
    for (let i = 0; i < 3; i++) {
      const o = oracle.check(job.input!, { retries: 0 });
      ms = Math.max(ms, o.ms);
      for (const v of [...o.violations, ...oracle.throwsDirectly(job.input!)]) violations.add(v);
    }
    await postLast({ t: 'replay', violations: [...violations], ms });
    return;
  }
  const result = runCampaign(oracle, allSeeds(), {
    seed: job.seed,
    startIndex: job.startIndex,
    maxCases: job.maxCases,
    deadline: performance.now() + (job.deadlineEpoch - Date.now()),
    minimize: job.minimize,
    mutator: job.bounded ? BOUNDED_OPTIONS : LONG_OPTIONS,
    onCase: (index) => post({ t: 'case', index }),
    onCrash: (crash) => post({ t: 'crash', crash }),
    // Partial statistics, so a child that dies still leaves its figures behind.
    progressEvery: 1000,
    onProgress: (r) => post({ t: 'stats', result: { ...r, crashes: [] } }),
  });
  await postLast({ t: 'done', result });
}

// ---- main: watchdog --------------------------------------------------------------------------------------------

/** Why a child died, from its exit and the end of its stderr. */
function describeDeath(code: number | null, signal: NodeJS.Signals | null, stderr: string, heapMb: number): string {
  if (/heap out of memory|Reached heap limit/i.test(stderr)) return `out of memory (heap limit ${heapMb} MB)`;
  const fatal = /FATAL ERROR: ([^\n]+)/.exec(stderr);
  if (fatal) return `process abort: V8 fatal error "${fatal[1]!.trim()}"`;
  if (signal) return `process killed by ${signal}`;
  const last = stderr.trim().split('\n').slice(-3).join(' | ');
  return `process exited with code ${code}${last ? `: ${last.slice(0, 300)}` : ''}`;
}

/** Run `job` in a child process; resolves with its messages, or with how it died (hang / out of memory / abort). */
function runWorker(job: WorkerJob, heapMb: number, onMessage: (m: FromWorker) => void, caseTimeoutMs = CASE_TIMEOUT_MS): Promise<{ died?: string; lastCase?: number }> {
  return new Promise((resolve) => {
    const child = fork(__filename, [], {
      execArgv: [`--max-old-space-size=${heapMb}`],
      env: { ...process.env, [CHILD_ENV]: '1' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
    let lastCase: number | undefined;
    let beat = Date.now();
    let started = false;
    let died: string | undefined;
    let finished = false;
    // Two consecutive stale ticks: if this process itself was blocked, the child's queued messages get their turn
    // between the ticks, so a busy parent never kills a healthy child.
    let staleTicks = 0;
    const watchdog = setInterval(() => {
      staleTicks = !finished && Date.now() - beat > (started ? caseTimeoutMs : STARTUP_TIMEOUT_MS) ? staleTicks + 1 : 0;
      if (staleTicks >= 2) {
        died = started ? `hang: no result after ${caseTimeoutMs / 1000} s` : `the child did not start within ${STARTUP_TIMEOUT_MS / 1000} s`;
        child.kill('SIGKILL');
      }
    }, 250);
    child.on('message', (m: FromWorker) => {
      beat = Date.now();
      started = true;
      if (m.t === 'case') lastCase = m.index;
      if (m.t === 'done' || m.t === 'replay') finished = true;
      onMessage(m);
    });
    child.on('exit', (code, signal) => {
      clearInterval(watchdog);
      if (!finished) died ??= describeDeath(code, signal, stderr, heapMb);
      resolve({ died, lastCase });
    });
    child.send(job);
  });
}

function emptyResult(): CampaignResult {
  return { cases: 0, elapsedMs: 0, crashes: [], byKind: {}, skipped: 0, findings: 0 };
}

function merge(total: CampaignResult, part: CampaignResult): void {
  total.cases += part.cases;
  total.skipped += part.skipped;
  total.findings += part.findings;
  for (const [k, n] of Object.entries(part.byKind)) total.byKind[k as keyof typeof total.byKind] = (total.byKind[k as keyof typeof total.byKind] ?? 0) + n;
  const slower = (a?: Slowest, b?: Slowest) => (!a ? b : !b ? a : b.ms > a.ms ? b : a);
  total.slowest = slower(total.slowest, part.slowest);
  total.slowestAny = slower(total.slowestAny, part.slowestAny);
}

async function campaign(args: Args): Promise<void> {
  const seeds = allSeeds();
  const started = Date.now();
  const deadlineEpoch = started + args.minutes * 60_000;
  const log = (s: string) => {
    if (!args.json) process.stdout.write(s);
  };
  log(`cgo-lens fuzz: seed ${args.seed}, ${args.maxCases !== undefined ? `${args.maxCases} cases or ` : ''}${args.minutes} min, ${seeds.length} seeds (${[...new Set(seeds.map((s) => s.kind))].join(', ')}), ${args.bounded ? 'bounded' : 'long'} mutator\n`);
  const total = emptyResult();
  const signatures = new Set<string>();
  const report = (c: Crash) => {
    const key = `${c.known ?? 'new'}|${signature(c.input.kind, c.violations[0] ?? '')}`;
    if (signatures.has(key)) return;
    signatures.add(key);
    total.crashes.push(c);
    const file = args.write ? writeCrasher(c, args.seed) : '(not written)';
    log(`  ${c.known ? `known engine bug ${c.known}` : 'NEW crasher'} at case ${c.index}: ${c.violations[0]!.slice(0, 300)}\n    → ${file}\n`);
  };
  let start = 0;
  let lastPrint = Date.now();
  for (;;) {
    let part: CampaignResult | undefined;
    let partial: CampaignResult | undefined;
    const outcome = await runWorker(
      { mode: 'campaign', seed: args.seed, startIndex: start, maxCases: args.maxCases, deadlineEpoch, minimize: args.minimize, bounded: args.bounded },
      args.heapMb,
      (m) => {
        if (m.t === 'crash') report(m.crash);
        else if (m.t === 'stats') partial = m.result;
        else if (m.t === 'done') part = m.result;
        else if (m.t === 'case' && m.index % 2000 === 0 && Date.now() - lastPrint > 5000) {
          lastPrint = Date.now();
          log(`  … case ${m.index}, ${((Date.now() - started) / 1000).toFixed(0)} s, ${total.crashes.length} crashers so far\n`);
        }
      },
    );
    if (part) {
      merge(total, part);
      break;
    }
    // The child died on case `lastCase`: record it (its input is reproducible from the seed), go on after it.
    const index = outcome.lastCase ?? start;
    const drawn = drawCase(seeds, args.seed, index, args.bounded ? BOUNDED_OPTIONS : LONG_OPTIONS);
    const violation = outcome.died ?? 'the child exited without a result';
    const known = knownBugOf(drawn.input, violation)?.id;
    report({ index, caseSeed: drawn.caseSeed, seedName: drawn.seedName, ops: drawn.ops, input: drawn.input, violations: [violation], hits: 1, ...(known ? { known } : {}) });
    if (partial) merge(total, { ...partial, cases: 0 });
    total.cases += index - start + 1;
    total.byKind[drawn.input.kind] = (total.byKind[drawn.input.kind] ?? 0) + 1;
    start = index + 1;
    if (Date.now() >= deadlineEpoch || (args.maxCases !== undefined && start >= args.maxCases)) break;
  }
  total.elapsedMs = Date.now() - started;

  const fresh = total.crashes.filter((c) => !c.known);
  const known = total.crashes.filter((c) => c.known);
  const kinds = Object.entries(total.byKind).map(([k, n]) => `${k} ${n}`).join(', ');
  log(
    [
      '',
      `cases run:        ${total.cases} in ${(total.elapsedMs / 1000).toFixed(1)} s (${kinds})`,
      `skipped inputs:   ${total.skipped} (NUL bytes / over the size limit)`,
      `findings seen:    ${total.findings}`,
      `crashers found:   ${fresh.length} new${fresh.length ? ` (${fresh.map((c) => `${c.violations[0]!.slice(0, 100)}`).join('; ')})` : ''}, ${known.length} known engine bugs${known.length ? ` (${[...new Set(known.map((c) => c.known))].join(', ')})` : ''}`,
      `slowest ≤1000 lines: ${describeSlowest(total.slowest)}`,
      `slowest overall:  ${describeSlowest(total.slowestAny)}`,
      `replay a case:    drawCase(allSeeds(), ${args.seed}, <index>${args.bounded ? ', BOUNDED_OPTIONS' : ''}) in test/fuzz/campaign.ts`,
      '',
    ].join('\n'),
  );
  if (args.json) {
    const brief = (c: Crash) => ({ index: c.index, known: c.known, kind: c.input.kind, violations: c.violations, seedName: c.seedName, ops: c.ops, text: c.input.text.length > 4000 ? `${c.input.text.slice(0, 4000)}…` : c.input.text });
    process.stdout.write(`JSON:${JSON.stringify({ cases: total.cases, elapsedMs: total.elapsedMs, byKind: total.byKind, skipped: total.skipped, slowest: total.slowest, crashes: total.crashes.map(brief) })}\n`);
  }
  process.exitCode = fresh.length ? 1 : 0;
}

async function table(): Promise<void> {
  const oracle = await Oracle.create();
  for (const [name, input] of pathologicalRows(FULL_TABLE)) {
    const o = oracle.check(input, { retries: 0 });
    const known = o.violations.map((v) => knownBugOf(input, v)?.id ?? 'NEW');
    process.stdout.write(`${o.ms.toFixed(0).padStart(7)} ms CPU ${o.wallMs.toFixed(0).padStart(7)} ms wall  ${name}${o.violations.length ? `  ← ${o.violations.map((v, i) => `[${known[i]}] ${v.slice(0, 160)}`).join(' | ')}` : ''}\n`);
  }
}

/** Replay one fixture in a watched child process: `JSON:{"violations":[…]}` (a hang or an OOM is a violation too). */
async function replay(args: Args): Promise<void> {
  const f = JSON.parse(fs.readFileSync(args.replay!, 'utf8')) as RegressionFixture;
  const input: FuzzInput = { kind: f.kind, text: f.text, ...(f.files ? { files: f.files } : {}) };
  let verdict: { violations: string[]; ms?: number } | undefined;
  const outcome = await runWorker(
    { mode: 'replay', seed: 0, startIndex: 0, deadlineEpoch: Date.now() + REPLAY_TIMEOUT_MS, minimize: false, bounded: false, input },
    args.heapMb,
    (m) => {
      if (m.t === 'replay') verdict = { violations: m.violations, ms: m.ms };
    },
    REPLAY_TIMEOUT_MS,
  );
  verdict ??= { violations: [outcome.died ?? 'the child exited without a verdict'] };
  process.stdout.write(`JSON:${JSON.stringify(verdict)}\n`);
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  if (args.table) return table();
  if (args.replay) return replay(args);
  return campaign(args);
}

if (process.env[CHILD_ENV]) {
  process.once('message', (job: WorkerJob) => {
    workerMain(job).then(
      () => process.disconnect?.(),
      (err: unknown) => {
        process.stderr.write(`fuzz child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        process.exit(3);
      },
    );
  });
} else {
  main().catch((err) => {
    process.stderr.write(`fuzz: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  });
}
