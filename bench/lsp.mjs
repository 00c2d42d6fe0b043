// A minimal LSP client for the benchmark: spawn a server over stdio, initialize it like a push-only editor (Neovim-like:
// no workspace/configuration, so neither server waits on a settings round trip), and time what it publishes.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

export const CAPABILITIES = {
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix'] } }, dataSupport: true },
  },
  workspace: { applyEdit: true, workspaceFolders: true },
};

export class Server {
  /** Every publishDiagnostics, with the time it arrived. */
  published = [];
  waiters = [];
  stderr = '';

  constructor(name, command, args, { cwd, rootUri, initializationOptions } = {}) {
    this.name = name;
    this.command = command;
    this.args = args;
    this.cwd = cwd;
    this.rootUri = rootUri;
    this.initializationOptions = initializationOptions;
  }

  /** Spawn and initialize; returns { spawnToInitialized } in ms. */
  async start() {
    const t0 = performance.now();
    this.proc = spawn(this.command, this.args, { cwd: this.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr.on('data', (b) => (this.stderr += b.toString()));
    this.proc.stdin.on('error', () => undefined);
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      this.published.push({ t: performance.now(), uri: p.uri, version: p.version, count: p.diagnostics.length, bytes: JSON.stringify(p).length });
      this.poke();
    });
    this.conn.onNotification('window/logMessage', (p) => {
      this.logs.push({ t: performance.now(), message: p.message });
      this.poke();
    });
    this.conn.onNotification('$/progress', (p) => {
      this.logs.push({ t: performance.now(), message: `$/progress ${JSON.stringify(p.value)}` });
      this.poke();
    });
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
    this.conn.listen();
    this.initializeResult = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: this.rootUri ?? null,
      workspaceFolders: this.rootUri ? [{ uri: this.rootUri, name: 'bench' }] : null,
      capabilities: CAPABILITIES,
      initializationOptions: this.initializationOptions,
    });
    const t1 = performance.now();
    await this.conn.sendNotification('initialized', {});
    return { spawnToInitialized: t1 - t0 };
  }

  logs = [];

  poke() {
    this.waiters = this.waiters.filter((w) => !w());
  }

  /** Resolve with the first published entry (from index `since`) that matches. */
  waitFor(match, since = 0, timeoutMs = 30_000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        for (let i = since; i < this.published.length; i++) {
          if (match(this.published[i])) {
            clearTimeout(timer);
            resolve(this.published[i]);
            return true;
          }
        }
        return false;
      };
      const timer = setTimeout(() => reject(new Error(`${this.name}: no matching publishDiagnostics after ${timeoutMs} ms\n${this.stderr}`)), timeoutMs);
      if (!check()) this.waiters.push(check);
    });
  }

  /** Resolve when a log line / progress report matches. */
  waitForLog(re, timeoutMs) {
    return new Promise((resolve) => {
      const check = () => {
        const hit = this.logs.find((l) => re.test(l.message));
        if (!hit) return false;
        clearTimeout(timer);
        resolve(hit);
        return true;
      };
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      if (!check()) this.waiters.push(check);
    });
  }

  open(uri, text, version = 1, languageId = 'dockerfile') {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri, version, contentChanges) {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  /** Resident set size of the server process, from /proc (bytes). */
  rss() {
    const status = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return kb ? Number(kb[1]) * 1024 : NaN;
  }

  async stop() {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill();
        resolve();
      }, 2000);
      this.proc.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.conn.dispose();
  }
}

/** Our server and the anchor, started the same way. */
export function ours(root, rootUri) {
  return new Server('cgo-lens', process.execPath, [`${root}/dist/server.js`, '--stdio'], { cwd: root, rootUri, initializationOptions: { debounceMs: 0 } });
}

export function anchor(root, rootUri) {
  const bin = require.resolve('dockerfile-language-server-nodejs/lib/server.js', { paths: [root] });
  return new Server('dockerfile-language-server-nodejs', process.execPath, [bin, '--stdio'], { cwd: root, rootUri });
}
