// B1 — analysis per file, in-process, warm. Run by scripts/bench.mjs; prints one JSON object on stdout.
//   node bench/b1.mjs <engine bundle> [--quick] [--sizes 50,300]
//
// Each side runs in its own process (its own heap, so one side's garbage is never collected on the other's clock),
// and the orchestrator interleaves them: ours, anchor, parse, ours, anchor, parse, … Each worker times its own call
// (wall clock and the process's CPU time) and reports back; warm-up rounds are discarded.
//   ours   = service.analyze (default settings, no analysis cache; the shell-tree cache is cleared before each call,
//            so every call parses its RUN bodies like a freshly opened document — identical bodies inside the file
//            still share one parse)
//   anchor = dockerfile-utils validate() (default settings)
//   parse  = dockerfile-ast DockerfileParser.parse alone
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dockerfile } from './generate.mjs';
import { summary, loglogSlope } from './stats.mjs';

const SELF = fileURLToPath(import.meta.url);

if (process.argv[2] === '--worker') await worker(process.argv[3], process.argv[4]);
else await main();

async function worker(side, enginePath) {
  const require = createRequire(import.meta.url);
  let run;
  if (side === 'ours' || side === 'ours-warm') {
    const engine = require(enginePath);
    const service = await engine.CgoLensService.create({ log: { info() {}, error(m) { process.stderr.write(`engine: ${m}\n`); } } });
    const settings = engine.defaultSettings();
    const cold = side === 'ours';
    run = (text, lines) => {
      if (cold) engine.clearShellCache?.();
      return service.analyze({ uri: `file:///bench/b1-${lines}/Dockerfile`, text, languageId: 'dockerfile' }, settings).findings.length;
    };
  } else if (side === 'anchor') {
    const { validate } = require('dockerfile-utils');
    run = (text) => validate(text).length;
  } else {
    const { DockerfileParser } = require('dockerfile-ast');
    run = (text) => DockerfileParser.parse(text).getInstructions().length;
  }
  const texts = new Map();
  process.on('message', (m) => {
    if (m.op === 'exit') process.exit(0);
    let text = texts.get(m.lines);
    if (!text) texts.set(m.lines, (text = dockerfile(m.lines)));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const count = run(text, m.lines);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    process.send({ wall, cpu: (c.user + c.system) / 1000, count });
  });
  process.send({ ready: true });
}

async function main() {
  const args = process.argv.slice(2);
  const enginePath = args[0];
  const quick = args.includes('--quick');
  const sizesArg = args.indexOf('--sizes');
  const SIZES = sizesArg >= 0 ? args[sizesArg + 1].split(',').map(Number) : [50, 300, 3000, 15000];
  const SIDES = ['ours', 'anchor', 'parse', 'ours-warm'];

  const workers = await Promise.all(SIDES.map((side) => new Promise((resolve) => {
    const child = fork(SELF, ['--worker', side, enginePath], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let pending;
    child.on('message', (m) => {
      if (m.ready) resolve({ side, child, call: (lines) => new Promise((r) => { pending = r; child.send({ lines }); }) });
      else pending?.(m);
    });
  })));

  /** Rounds per size: enough samples for a stable median, bounded so a full run stays within a few minutes. */
  const plan = (lines) => {
    if (quick) return { warmup: 3, rounds: lines >= 3000 ? 3 : 15 };
    if (lines <= 50) return { warmup: 60, rounds: 300 };
    if (lines <= 300) return { warmup: 30, rounds: 150 };
    if (lines <= 3000) return { warmup: 6, rounds: 40 };
    return { warmup: 3, rounds: 15 };
  };

  const results = [];
  for (const lines of SIZES) {
    const { warmup, rounds } = plan(lines);
    const samples = Object.fromEntries(SIDES.map((s) => [s, { wall: [], cpu: [], count: 0 }]));
    for (let r = 0; r < warmup + rounds; r++) {
      for (const w of workers) {
        const m = await w.call(lines);
        samples[w.side].count = m.count;
        if (r >= warmup) {
          samples[w.side].wall.push(m.wall);
          samples[w.side].cpu.push(m.cpu);
        }
      }
    }
    const s = (side) => ({ ...summary(samples[side].wall), cpuMedian: summary(samples[side].cpu).median });
    results.push({
      lines, bytes: Buffer.byteLength(dockerfile(lines)), findings: samples.ours.count, anchorDiagnostics: samples.anchor.count,
      ours: s('ours'), anchor: s('anchor'), parse: s('parse'), oursWarm: s('ours-warm'),
    });
  }
  for (const w of workers) w.child.send({ op: 'exit' });

  const xs = results.map((r) => r.lines);
  const slope = (key, from = 0) => (xs.length - from > 1 ? loglogSlope(xs.slice(from), results.slice(from).map((r) => r[key].median)) : NaN);
  process.stdout.write(JSON.stringify({
    sizes: results,
    slopeOurs: slope('ours'),
    slopeAnchor: slope('anchor'),
    slopeParse: slope('parse'),
    // Over the larger sizes only, where fixed costs no longer hide the growth.
    slopeOursLarge: slope('ours', Math.max(0, xs.length - 3)),
  }));
}
