#!/usr/bin/env node
// Neovim end-to-end test: Neovim (Debian 0.7.2 or newer) runs test/editors/neovim/test.lua in a copy of
// test/editors/fixture/; the README's Neovim snippet starts `cgo-lens-language-server --stdio` (dist/server.js) and the
// test checks pushed diagnostics, hovers, a code action and its edit, then a Makefile, a build script and a
// .goreleaser.yaml through the same client. Needs `nvim` on PATH (CI: `apt-get install -y neovim`) and a built
// dist/ (`npm run build`).
// Never skips: a missing piece is a failure with the reason. Exit code 0 = passed.
//
//   node test/editors/neovim.e2e.mjs        (or: npm run test:neovim)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVER = process.env.CGO_LENS_SERVER_JS ? path.resolve(process.env.CGO_LENS_SERVER_JS) : path.join(ROOT, 'dist', 'server.js');
const LUA = path.join(ROOT, 'test', 'editors', 'neovim', 'test.lua');
const FIXTURE = path.join(ROOT, 'test', 'editors', 'fixture');
const NVIM = process.env.NVIM_BIN || 'nvim';
const TIMEOUT_MS = 90_000;

function fail(reason) {
  console.error(`neovim-e2e: FAIL: ${reason}`);
  process.exit(1);
}

const version = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
if (version.error || version.status !== 0) fail(`\`${NVIM}\` is not runnable (${version.error?.message ?? `exit ${version.status}`}); install it: apt-get install -y neovim`);
console.log(`# ${version.stdout.split('\n')[0]}`);
if (!existsSync(SERVER)) fail(`${SERVER} is missing: run \`npm run build\` first`);

const work = mkdtempSync(path.join(tmpdir(), 'cgo-lens-nvim-'));
const project = path.join(work, 'project');
cpSync(FIXTURE, project, { recursive: true });
for (const d of ['state', 'data', 'cache', 'config', 'bin']) mkdirSync(path.join(work, d));
// `cgo-lens-language-server` on PATH, as `npm link` or `npm install -g` would put it (dist/server.js has a node shebang).
symlinkSync(SERVER, path.join(work, 'bin', 'cgo-lens-language-server'));

const env = {
  ...process.env,
  PATH: [path.join(work, 'bin'), path.dirname(process.execPath), process.env.PATH].join(path.delimiter),
  XDG_STATE_HOME: path.join(work, 'state'),
  XDG_DATA_HOME: path.join(work, 'data'),
  XDG_CACHE_HOME: path.join(work, 'cache'),
  XDG_CONFIG_HOME: path.join(work, 'config'),
};

const started = Date.now();
const child = spawn(NVIM, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${LUA}`], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
child.stdout.on('data', (b) => {
  out += b;
  process.stdout.write(b);
});
child.stderr.on('data', (b) => {
  out += b;
  process.stderr.write(b);
});
const timer = setTimeout(() => {
  console.error(`neovim-e2e: FAIL: nvim did not finish within ${TIMEOUT_MS / 1000} s`);
  child.kill('SIGKILL');
}, TIMEOUT_MS);
child.on('exit', (code, signal) => {
  clearTimeout(timer);
  rmSync(work, { recursive: true, force: true });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (out && !out.endsWith('\n')) process.stdout.write('\n');
  if (code === 0 && /neovim-e2e: \d+ passed, 0 failed/.test(out)) {
    console.log(`# neovim e2e finished in ${secs} s`);
    process.exit(0);
  }
  console.error(`neovim-e2e: FAIL: nvim exited with ${signal ?? code} after ${secs} s`);
  process.exit(1);
});
