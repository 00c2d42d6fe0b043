// Before/after of an engine optimisation, measured in one process with the two engines interleaved.
//   node bench/ab.mjs [--rev HEAD] [--lines 50,300,3000] [--rounds N] FILE[=PATH]...
// "before" = today's working tree with FILE... taken from git revision --rev (read-only `git show`) or from PATH;
// "after" = today's working tree. Both are bundled like dist/server.js. Prints CPU and wall medians per size.
import { execFileSync, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const rev = opt('--rev', 'HEAD');
const sizes = opt('--lines', '50,300,3000').split(',').map(Number);
const roundsArg = opt('--rounds', undefined);
const files = args;
if (files.length === 0) {
  console.error('usage: node bench/ab.mjs [--rev HEAD] [--lines 50,300,3000] FILE...  (files relative to the repo root)');
  process.exit(2);
}

const OUT = path.join(ROOT, 'bench', '.out', 'ab');
fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });
// The "before" tree: a copy of server/ with the named files as they were at `rev`.
fs.cpSync(path.join(ROOT, 'server'), path.join(OUT, 'before', 'server'), { recursive: true });
fs.cpSync(path.join(ROOT, 'bench', 'engine.ts'), path.join(OUT, 'before', 'bench', 'engine.ts'));
fs.cpSync(path.join(ROOT, 'package.json'), path.join(OUT, 'before', 'package.json'));
for (const spec of files) {
  // FILE takes the file from --rev; FILE=PATH takes it from PATH (e.g. a copy saved before an edit).
  const [f, from] = spec.split('=');
  let text;
  try {
    text = from ? fs.readFileSync(from, 'utf8') : execFileSync('git', ['show', `${rev}:${f}`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch {
    console.error(`${f} is not in ${from ?? rev}`);
    process.exit(2);
  }
  fs.writeFileSync(path.join(OUT, 'before', f), text);
}
// An older shell layer has no clearShellCache: the engine entry must not require it.
fs.writeFileSync(
  path.join(OUT, 'before', 'bench', 'engine.ts'),
  "export { CgoLensService } from '../server/src/service/service';\nexport { defaultSettings } from '../server/src/config/settings';\nimport * as parser from '../server/src/shell/parser';\nexport const clearShellCache = (parser as { clearShellCache?: () => void }).clearShellCache ?? (() => undefined);\n",
);

const { build } = await import(path.join(ROOT, 'node_modules', 'esbuild', 'lib', 'main.js'));
const common = { alias: { 'web-tree-sitter': path.join(ROOT, 'node_modules/web-tree-sitter/tree-sitter.cjs') }, nodePaths: [path.join(ROOT, 'node_modules')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, legalComments: 'none', logLevel: 'error' };
await build({ ...common, entryPoints: [path.join(OUT, 'before', 'bench', 'engine.ts')], outfile: path.join(OUT, 'before.cjs') });
await build({ ...common, entryPoints: [path.join(ROOT, 'bench', 'engine.ts')], outfile: path.join(OUT, 'after.cjs') });

process.chdir(ROOT); // the WASM files are found under ./node_modules
// Each engine in its own process (separate heaps, and V8 flags one engine sets cannot affect the other), driven
// interleaved through bench/b1.mjs's worker mode; each worker times its own call.
const workers = await Promise.all(['before', 'after'].map((name) => new Promise((resolve) => {
  const child = fork(path.join(ROOT, 'bench', 'b1.mjs'), ['--worker', 'ours', path.join(OUT, `${name}.cjs`)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  let pending;
  child.on('message', (m) => {
    if (m.ready) resolve({ name, child, call: (lines) => new Promise((r) => { pending = r; child.send({ lines }); }) });
    else pending?.(m);
  });
})));

console.log(`before = working tree with ${files.join(', ')} from ${rev}; after = working tree`);
console.log('lines   before cpu ms   after cpu ms   after/before   (wall: before / after)   findings');
for (const lines of sizes) {
  const rounds = Number(roundsArg ?? Math.max(9, Math.round(20000 / lines)));
  const warmup = Math.max(3, Math.round(rounds / 5));
  const cpu = [[], []];
  const wall = [[], []];
  const found = [0, 0];
  for (let r = 0; r < rounds + warmup; r++) {
    for (let i = 0; i < workers.length; i++) {
      const m = await workers[i].call(lines);
      found[i] = m.count;
      if (r >= warmup) {
        cpu[i].push(m.cpu);
        wall[i].push(m.wall);
      }
    }
  }
  const [cb, ca] = cpu.map(median);
  const [wb, wa] = wall.map(median);
  console.log(`${String(lines).padStart(5)}   ${cb.toFixed(2).padStart(13)}   ${ca.toFixed(2).padStart(11)}   ${(ca / cb).toFixed(2).padStart(12)}   (${wb.toFixed(2)} / ${wa.toFixed(2)})   ${found[0]} / ${found[1]}`);
}
for (const w of workers) w.child.send({ op: 'exit' });
