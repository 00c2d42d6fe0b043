/**
 * Inert by construction (DESIGN §2.4), proven on the shipped bundles: `node -r preload.cjs dist/cli.js …` and
 * `node -r preload.cjs dist/server.js --stdio`, where the preload makes every child_process and network entry point
 * record the attempt and throw, and records every file-system path touched.
 *
 *  - no child process is ever spawned (CLI and server, over every example);
 *  - no network connection other than the stdio transport;
 *  - no file read outside the workspace folders — including through symlinks that point at /etc — except the
 *    server's own install directory (dist/ and node_modules/, for the WASM parsers) and /proc/self.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pushOnlyCapabilities, ROOT, type LspClient } from '../../lsp/harness';
import { spawnServer } from '../../lsp/rawHarness';
import { fileKindOf } from '../../../server/src/service/fileKind';

const PRELOAD = path.join(ROOT, 'test', 'unit', 'inert', 'preload.cjs');
const CLI_JS = path.join(ROOT, 'dist', 'cli.js');
const EXAMPLES = fs.realpathSync(path.join(ROOT, 'examples'));
/** What the product may read besides the workspace: its own bundle and WASM files, and its own /proc entry. */
const INSTALL_DIRS = [path.join(ROOT, 'dist'), path.join(ROOT, 'node_modules'), '/proc/self'];
/** `cgo-lens explain` prints the rule's page from the package's own docs/rules/ (part of the install). */
const CLI_DOCS = path.join(ROOT, 'docs', 'rules');

interface InertLog {
  spawns: { fn: string; cmd: string; stack: string }[];
  network: { fn: string; args: string[]; stack: string }[];
  reads: { fn: string; path: string; real: string }[];
  meta: { fn: string; path: string }[];
}

const temps: string[] = [];
function tempDir(prefix: string): string {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  temps.push(d);
  return d;
}
afterAll(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function inside(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Every recorded access outside `workspaces` and the install directories (reads judged by their real target). */
function outside(log: InertLog, workspaces: string[], pid?: number, extra: string[] = []): string[] {
  const roots = [...workspaces, ...INSTALL_DIRS, ...extra, ...(pid ? [`/proc/${pid}`] : [])];
  const ok = (p: string) => roots.some((r) => inside(p, r));
  return [
    ...log.reads.filter((r) => !ok(r.path) || !ok(r.real)).map((r) => `${r.fn} ${r.path}${r.real !== r.path ? ` → ${r.real}` : ''}`),
    ...log.meta.filter((m) => !ok(m.path)).map((m) => `${m.fn} ${m.path}`),
  ];
}

function readLog(file: string): InertLog {
  expect(fs.existsSync(file), `the preload wrote no log to ${file} (did the process start?)`).toBe(true);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as InertLog;
}

function runCli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string; log: InertLog } {
  const logFile = path.join(tempDir('cgo-lens-inert-log-'), 'log.json');
  const r = spawnSync(process.execPath, ['-r', PRELOAD, CLI_JS, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, CGO_LENS_INERT_LOG: logFile, NO_COLOR: '1' },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, log: readLog(logFile) };
}

/**
 * A workspace whose files and folders point outside it: `Makefile -> /etc/passwd`, `scripts -> /etc`,
 * `build.sh -> /etc/hostname`, `go.mod -> /etc/passwd`, and a Dockerfile whose RUN lines reach for `make -C /`,
 * `../../x.sh` and `./scripts/passwd`.
 */
function hostileWorkspace(options: { configLink?: boolean } = {}): string {
  const ws = tempDir('cgo-lens-inert-ws-');
  fs.writeFileSync(
    path.join(ws, 'Dockerfile'),
    [
      'FROM golang:1.22 AS build',
      'WORKDIR /src',
      'COPY . .',
      'RUN make -C / build',
      'RUN make build',
      'RUN ../../x.sh',
      'RUN ./scripts/passwd',
      'RUN ./build.sh',
      'RUN sh ./scripts/hostname && . ../../../etc/profile',
      'RUN go build -o /app .',
      'FROM scratch',
      'COPY --from=build /app /app',
      '',
    ].join('\n'),
  );
  fs.mkdirSync(path.join(ws, '.github', 'workflows'), { recursive: true });
  fs.writeFileSync(path.join(ws, '.github', 'workflows', 'ci.yml'), 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make -C ../.. build && ./scripts/passwd && ../../x.sh\n');
  fs.writeFileSync(path.join(ws, 'Taskfile.yml'), "version: '3'\ntasks:\n  b:\n    dir: /etc\n    cmds:\n      - ./passwd\n      - make -C / build\n");
  fs.symlinkSync('/etc/passwd', path.join(ws, 'Makefile'));
  fs.symlinkSync('/etc', path.join(ws, 'scripts'));
  fs.symlinkSync('/etc/hostname', path.join(ws, 'build.sh'));
  fs.symlinkSync('/etc/passwd', path.join(ws, 'go.mod'));
  if (options.configLink) fs.symlinkSync('/etc/passwd', path.join(ws, '.cgo-lens.yaml'));
  return ws;
}

const exampleFiles = (): string[] => {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else if (fileKindOf(pathToFileURL(abs).href)) out.push(abs);
    }
  };
  walk(EXAMPLES);
  return out.sort();
};

beforeAll(() => {
  for (const f of [CLI_JS, path.join(ROOT, 'dist', 'server.js')]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run \`npm run build\` first (the test script does)`);
  }
});

describe('inert: the preload itself (control)', () => {
  it('records and blocks a spawn, a connection and a fetch, and sees a read through a symlink', () => {
    const ws = hostileWorkspace();
    const logFile = path.join(tempDir('cgo-lens-inert-log-'), 'log.json');
    const script = [
      "const fs = require('fs');",
      "try { require('child_process').execFileSync('true'); } catch {}",
      "try { require('net').connect(9, '127.0.0.1'); } catch {}",
      "try { fetch('http://127.0.0.1:9/'); } catch {}",
      "fs.readFileSync('Makefile');",
      "fs.statSync('/etc/hostname');",
    ].join('\n');
    const r = spawnSync(process.execPath, ['-r', PRELOAD, '-e', script], { cwd: ws, encoding: 'utf8', env: { ...process.env, CGO_LENS_INERT_LOG: logFile } });
    expect(r.status, r.stderr).toBe(0);
    const log = readLog(logFile);
    expect(log.spawns.map((s) => s.fn)).toEqual(['execFileSync']);
    expect(log.network.map((n) => n.fn)).toEqual(['net.connect', 'fetch']);
    // readFileSync opens the file through openSync: both are recorded.
    expect(outside(log, [ws]).sort()).toEqual([`fs.openSync ${path.join(ws, 'Makefile')} → /etc/passwd`, `fs.readFileSync ${path.join(ws, 'Makefile')} → /etc/passwd`, 'fs.statSync /etc/hostname']);
  });
});

describe('inert: the CLI (dist/cli.js under the preload)', () => {
  it('checks every example without spawning, connecting, or reading outside the examples', () => {
    expect(exampleFiles().length).toBeGreaterThan(0);
    for (const format of ['json', 'sarif', 'text']) {
      const r = runCli(['check', '.', '--format', format], EXAMPLES);
      expect(r.stderr).not.toMatch(/internal error|inert:/);
      expect([0, 1]).toContain(r.status);
      expect(r.log.spawns, 'child processes').toEqual([]);
      expect(r.log.network, 'network').toEqual([]);
      expect(outside(r.log, [EXAMPLES])).toEqual([]);
      // The check did read the examples (the preload saw the traffic).
      expect(r.log.reads.some((x) => x.path.startsWith(EXAMPLES + path.sep))).toBe(true);
    }
  }, 60_000);

  it('rules and explain read nothing outside the install directory', () => {
    const cwd = tempDir('cgo-lens-inert-cwd-');
    for (const args of [['rules'], ['explain', 'CGO101'], ['--version'], ['--help']]) {
      const r = runCli(args, cwd);
      expect(r.status, r.stderr).toBe(0);
      expect(r.log.spawns).toEqual([]);
      expect(r.log.network).toEqual([]);
      expect(outside(r.log, [cwd], undefined, [CLI_DOCS]), args.join(' ')).toEqual([]);
    }
  }, 60_000);

  it('a workspace of symlinks to /etc: nothing outside is read, the links are reported as skipped', () => {
    const ws = hostileWorkspace();
    const r = runCli(['check', '.', '--format', 'json'], ws);
    expect(r.stderr).not.toMatch(/internal error|inert:/);
    expect(r.log.spawns).toEqual([]);
    expect(r.log.network).toEqual([]);
    expect(outside(r.log, [ws])).toEqual([]);
    expect(r.stderr).toMatch(/skipped Makefile: symbolic link to a file outside/);
    expect(r.stderr).toMatch(/skipped build\.sh: symbolic link to a file outside/);
  }, 60_000);

  // Found by this test (loadConfig followed the link and read /etc/passwd), fixed in server/src/cli/loadConfig.ts.
  it('a .cgo-lens.yaml symlink to /etc/passwd in the checked directory is not read', () => {
    const ws = hostileWorkspace({ configLink: true });
    const r = runCli(['check', '.', '--format', 'json'], ws);
    expect(outside(r.log, [ws])).toEqual([]);
  }, 60_000);
});

describe('inert: the language server (dist/server.js --stdio under the preload)', () => {
  let client: LspClient | undefined;
  afterEach(() => {
    client?.dispose();
    client = undefined;
  });

  async function serve(workspace: string, docs: { uri: string; text: string; languageId?: string }[]): Promise<{ log: InertLog; pid: number }> {
    const logFile = path.join(tempDir('cgo-lens-inert-log-'), 'log.json');
    const folder = pathToFileURL(workspace).href;
    const c = (client = await spawnServer({
      capabilities: { ...pushOnlyCapabilities(), workspace: { ...pushOnlyCapabilities().workspace, didChangeWatchedFiles: { dynamicRegistration: true } } },
      initializationOptions: { debounceMs: 0 },
      nodeArgs: ['-r', PRELOAD],
      cwd: workspace,
      env: { ...process.env, CGO_LENS_INERT_LOG: logFile },
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: path.basename(workspace) }],
    }));
    const pid = c.proc!.pid!;
    for (const d of docs) {
      await c.open(d.uri, d.text, d.languageId ?? 'plaintext');
      const p = await c.diagnosticsAt(d.uri, 1);
      // Exercise the rest of the surface on each document too.
      const caps = c.initializeResult.capabilities;
      await c.codeActions(d.uri, { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, p.diagnostics, ['quickfix', 'source.fixAll.cgo-lens']);
      if (caps.hoverProvider) await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: d.uri }, position: { line: 0, character: 1 } });
      if (caps.inlayHintProvider) await c.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri: d.uri }, range: { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } } });
    }
    expect(await c.shutdownAndExit()).toBe(0);
    expect(c.errorLogs().filter((m) => /inert:/.test(m))).toEqual([]);
    return { log: readLog(logFile), pid };
  }

  const languageId = (abs: string) => {
    const kind = fileKindOf(pathToFileURL(abs).href);
    return kind === 'dockerfile' ? 'dockerfile' : kind === 'makefile' ? 'makefile' : kind === 'shell' ? 'shellscript' : kind === 'gomod' ? 'go.mod' : 'yaml';
  };

  it('serves every example without spawning, connecting, or reading outside the workspace folder', async () => {
    const docs = exampleFiles().map((abs) => ({ uri: pathToFileURL(abs).href, text: fs.readFileSync(abs, 'utf8'), languageId: languageId(abs) }));
    const { log, pid } = await serve(EXAMPLES, docs);
    expect(log.spawns, 'child processes').toEqual([]);
    expect(log.network, 'network (other than the stdio transport)').toEqual([]);
    expect(outside(log, [EXAMPLES], pid)).toEqual([]);
  }, 60_000);

  it('a workspace of symlinks to /etc (.cgo-lens.yaml included): nothing outside the folder is read', async () => {
    const ws = hostileWorkspace({ configLink: true });
    const docs = ['Dockerfile', '.github/workflows/ci.yml', 'Taskfile.yml'].map((rel) => ({
      uri: pathToFileURL(path.join(ws, rel)).href,
      text: fs.readFileSync(path.join(ws, rel), 'utf8'),
      languageId: rel === 'Dockerfile' ? 'dockerfile' : 'yaml',
    }));
    const { log, pid } = await serve(ws, docs);
    expect(log.spawns).toEqual([]);
    expect(log.network).toEqual([]);
    expect(outside(log, [ws], pid)).toEqual([]);
  }, 60_000);
});
