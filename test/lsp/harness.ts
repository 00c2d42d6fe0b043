/**
 * A tiny LSP client for end-to-end tests: spawns the bundled server (`node dist/server.js --stdio`) or runs the
 * LSP layer in-process over in-memory streams (with an injected analyzer), and records everything the server sends.
 * Waits are event-driven (never blind sleeps) and time out with a readable message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  createProtocolConnection,
  DiagnosticTag,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Command,
  type ConfigurationItem,
  type ConfigurationParams,
  type Diagnostic,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
  type ApplyWorkspaceEditParams,
  type WorkspaceEdit,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = path.resolve(__dirname, '..', '..');
/** The bundled server; `CGO_LENS_SERVER_JS` points the tests at another build (e.g. an installed package). */
export const SERVER_JS = process.env.CGO_LENS_SERVER_JS ? path.resolve(process.env.CGO_LENS_SERVER_JS) : path.join(ROOT, 'dist', 'server.js');
export const DEFAULT_TIMEOUT_MS = 8000;

/** The Dockerfile of the LSP contract tests: a glibc cgo binary (golang:1.22, cgo on by default) copied into scratch. */
export const GLIBC_ON_SCRATCH = [
  'FROM golang:1.22 AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN go build -o /out/app .',
  '',
  'FROM scratch',
  'COPY --from=build /out/app /app',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');

/** Line (0-based) and full range of the `COPY --from=build …` instruction CGO101 is anchored on. */
export const COPY_LINE = 6;
export const COPY_RANGE = { start: { line: COPY_LINE, character: 0 }, end: { line: COPY_LINE, character: 'COPY --from=build /out/app /app'.length } };

// ---- capability presets ----------------------------------------------------------------------------------------

/** Neovim 0.7-like: push only, no workspace/configuration, no didChangeConfiguration, literal code actions with data. */
export function pushOnlyCapabilities(overrides: { codeDescription?: boolean; documentChanges?: boolean; literals?: boolean } = {}): ClientCapabilities {
  return {
    textDocument: {
      synchronization: { dynamicRegistration: false, willSave: false, willSaveWaitUntil: false, didSave: true },
      publishDiagnostics: {
        relatedInformation: true,
        tagSupport: { valueSet: [1, 2] },
        ...(overrides.codeDescription === false ? {} : { codeDescriptionSupport: true }),
        dataSupport: true,
      },
      codeAction: {
        dynamicRegistration: false,
        ...(overrides.literals === false
          ? {}
          : { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.organizeImports'] } } }),
        isPreferredSupport: true,
        dataSupport: true,
        resolveSupport: { properties: ['edit'] },
      },
      hover: { dynamicRegistration: false, contentFormat: ['markdown', 'plaintext'] },
    },
    workspace: {
      applyEdit: true,
      workspaceEdit: { resourceOperations: ['rename', 'create', 'delete'], ...(overrides.documentChanges ? { documentChanges: true } : {}) },
      workspaceFolders: true,
    },
    window: { workDoneProgress: true },
  };
}

/** VS Code-like: pull diagnostics, workspace/configuration, refresh, versioned documentChanges. */
export function pullCapabilities(): ClientCapabilities {
  const diag = { relatedInformation: true, tagSupport: { valueSet: [DiagnosticTag.Unnecessary, DiagnosticTag.Deprecated] }, codeDescriptionSupport: true, dataSupport: true };
  return {
    textDocument: {
      synchronization: { dynamicRegistration: true, didSave: true },
      publishDiagnostics: { ...diag, versionSupport: true },
      diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false, ...diag },
      codeAction: {
        dynamicRegistration: true,
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } },
        isPreferredSupport: true,
        dataSupport: true,
      },
    },
    workspace: {
      applyEdit: true,
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: true },
      workspaceEdit: { documentChanges: true },
      diagnostics: { refreshSupport: true },
    },
  };
}

// ---- the client ------------------------------------------------------------------------------------------------

export interface StartOptions {
  capabilities: ClientCapabilities;
  initializationOptions?: unknown;
  /** Answer one `workspace/configuration` item (default: null, i.e. nothing configured). May return a promise. */
  configuration?: (item: ConfigurationItem) => unknown;
  /** `initialize.processId` (default: this process; in-process servers use null to avoid the parent watchdog). */
  processId?: number | null;
  /** Answer `workspace/applyEdit` (default: applied). */
  applyEdit?: (params: ApplyWorkspaceEditParams) => { applied: boolean };
  /** `initialize.rootUri` and `workspaceFolders` (default: `file:///work`, one folder). */
  rootUri?: string | null;
  workspaceFolders?: { uri: string; name: string }[] | null;
  timeoutMs?: number;
}

type Waiter = { check: () => boolean; cancel: () => void };

export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly configurationRequests: ConfigurationItem[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly registrations: unknown[] = [];
  refreshRequests = 0;
  initializeResult!: InitializeResult;
  private readonly waiters = new Set<Waiter>();
  private exitCode: number | null | undefined;
  private readonly timeoutMs: number;

  constructor(
    readonly conn: ProtocolConnection,
    private readonly options: StartOptions,
    readonly proc?: ChildProcess,
    private readonly disposeHook?: () => void,
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.poke();
    });
    conn.onNotification('window/logMessage', (p: LogMessageParams) => {
      this.logs.push(p);
      this.poke();
    });
    conn.onRequest('workspace/configuration', (p: ConfigurationParams) => {
      this.configurationRequests.push(...p.items);
      // Ask the test's callback first, then wake waiters: a waiter may be watching what the callback records.
      const answers = p.items.map((item) => (options.configuration ? options.configuration(item) : null));
      this.poke();
      return Promise.all(answers);
    });
    conn.onRequest('client/registerCapability', (p: unknown) => {
      this.registrations.push(p);
      this.poke();
      return null;
    });
    conn.onRequest('client/unregisterCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests++;
      this.poke();
      return null;
    });
    conn.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      this.appliedEdits.push(p);
      this.poke();
      return options.applyEdit ? options.applyEdit(p) : { applied: true };
    });
    proc?.on('exit', (code) => {
      this.exitCode = code;
      this.poke();
    });
    conn.listen();
  }

  async initialize(): Promise<InitializeResult> {
    this.initializeResult = await this.conn.sendRequest('initialize', {
      processId: this.options.processId === undefined ? process.pid : this.options.processId,
      rootUri: this.options.rootUri === undefined ? 'file:///work' : this.options.rootUri,
      capabilities: this.options.capabilities,
      initializationOptions: this.options.initializationOptions,
      workspaceFolders: this.options.workspaceFolders === undefined ? [{ uri: 'file:///work', name: 'work' }] : this.options.workspaceFolders,
    });
    await this.conn.sendNotification('initialized', {});
    return this.initializeResult;
  }

  open(uri: string, text: string, languageId = 'dockerfile', version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  codeActions(uri: string, range: CodeActionParams['range'], diagnostics: Diagnostic[], only?: string[]): Promise<(CodeAction | Command)[] | null> {
    return this.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  pull(uri: string): Promise<DocumentDiagnosticReport> {
    return this.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  }

  /** Resolve when `check()` holds (checked now and after every message from the server). */
  waitUntil(what: string, check: () => boolean, timeoutMs = this.timeoutMs): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          if (!check()) return false;
          clearTimeout(timer);
          resolve();
          return true;
        },
        // The test that waited has already ended (failed): just stop the timer, leave the promise pending.
        cancel: () => clearTimeout(timer),
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; server log:\n${this.logText()}${this.stderr ? `\nstderr:\n${this.stderr}` : ''}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The first publishDiagnostics for `uri` (from the `since`-th notification on) that satisfies `predicate`. */
  async diagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, since = 0): Promise<PublishDiagnosticsParams> {
    let found: PublishDiagnosticsParams | undefined;
    await this.waitUntil(`publishDiagnostics for ${uri}`, () => {
      found = this.published.slice(since).find((p) => p.uri === uri && predicate(p));
      return found !== undefined;
    });
    return found!;
  }

  /** publishDiagnostics for `uri` at document `version`. */
  diagnosticsAt(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.diagnostics(uri, (p) => p.version === version);
  }

  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  logText(): string {
    return this.logs.map((l) => `[${l.type}] ${l.message}`).join('\n');
  }

  errorLogs(): string[] {
    return this.logs.filter((l) => l.type === 1).map((l) => l.message);
  }

  stderr = '';

  /** `shutdown` then `exit`; resolves with the process exit code (spawned servers only). */
  async shutdownAndExit(): Promise<number | null> {
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    if (!this.proc) return null;
    await this.waitUntil('the server process to exit', () => this.exitCode !== undefined);
    return this.exitCode ?? null;
  }

  get exited(): boolean {
    return this.exitCode !== undefined;
  }

  dispose(): void {
    for (const w of this.waiters) w.cancel();
    this.waiters.clear();
    try {
      this.conn.dispose();
    } catch {
      // already closed
    }
    if (this.proc && this.exitCode === undefined) this.proc.kill();
    this.disposeHook?.();
  }

  private poke(): void {
    for (const w of [...this.waiters]) if (w.check()) this.waiters.delete(w);
  }
}

/** Spawn the bundled server over stdio, initialize it and return the client. */
export async function startServer(options: StartOptions): Promise<LspClient> {
  if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`npm run build\` first (the test script does)`);
  const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const client = new LspClient(conn, options, proc);
  proc.stderr!.on('data', (b: Buffer) => (client.stderr += b.toString()));
  // A failed write after the server exited must not fail the test run.
  proc.stdin!.on('error', () => undefined);
  await client.initialize();
  return client;
}

/**
 * Run the LSP layer in this process over in-memory streams. `wire` receives the server-side reader/writer and must
 * create the connection and start the server (kept as a callback so this file does not import server code).
 */
export async function startInMemory(
  options: StartOptions,
  wire: (reader: StreamMessageReader, writer: StreamMessageWriter) => { dispose(): void },
): Promise<LspClient> {
  const clientToServer = new PassThrough();
  const serverToClient = new PassThrough();
  const server = wire(new StreamMessageReader(clientToServer), new StreamMessageWriter(serverToClient));
  const conn = createProtocolConnection(new StreamMessageReader(serverToClient), new StreamMessageWriter(clientToServer));
  const client = new LspClient(conn, { processId: null, ...options }, undefined, () => {
    server.dispose();
    clientToServer.destroy();
    serverToClient.destroy();
  });
  await client.initialize();
  return client;
}

// ---- edits -----------------------------------------------------------------------------------------------------

/** Apply a WorkspaceEdit (`changes` or `documentChanges`) to one document's text, as an editor would. */
export function applyWorkspaceEdit(uri: string, text: string, edit: WorkspaceEdit): string {
  const doc = TextDocument.create(uri, 'dockerfile', 0, text);
  const edits = [
    ...(edit.changes?.[uri] ?? []),
    ...(edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? c.edits : [])),
  ];
  return TextDocument.applyEdits(doc, edits as { range: Diagnostic['range']; newText: string }[]);
}

export function isCodeAction(x: CodeAction | Command): x is CodeAction {
  return typeof (x as Command).command !== 'string';
}
