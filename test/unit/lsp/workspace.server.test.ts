/**
 * The LSP layer's workspace wiring, in-process with a fake analyzer: `.cgo-lens.yaml` per document (disk, open
 * editor text, watched-file events, folder changes), config problems of closed files in the log, cross-file
 * dependents re-validated when a file they read changes, and the file watcher registration.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { DiagnosticSeverity, FileChangeType, type ClientCapabilities } from 'vscode-languageserver-protocol/node';
import { startLanguageServer, type Analyzer } from '../../../server/src/lsp/languageServer';
import type { AnalysisResult, DocumentInput } from '../../../server/src/service/service';
import type { Settings } from '../../../server/src/config/settings';
import type { WorkspaceFiles } from '../../../server/src/workspace/files';
import { GLIBC_ON_SCRATCH, pullCapabilities, pushOnlyCapabilities, startInMemory, type LspClient, type StartOptions } from '../../lsp/harness';
import { FakeAnalyzer } from './fakeAnalyzer';

let client: LspClient | undefined;
const tmp: string[] = [];
afterEach(() => {
  client?.dispose();
  client = undefined;
  for (const d of tmp.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cgo-lens-lsp-')));
  tmp.push(d);
  return d;
}
const url = (p: string) => pathToFileURL(p).href;

/**
 * The fake engine plus a cross-file link: a Dockerfile line `RUN make` reads the Makefile beside it through `files`
 * (a dependency) and reports CGO205 on that line when the Makefile says `CGO_ENABLED=2`.
 */
class LinkingAnalyzer extends FakeAnalyzer {
  readonly forgotten: string[] = [];
  override analyze(doc: DocumentInput, settings: Settings, files?: WorkspaceFiles): AnalysisResult {
    const result = super.analyze(doc, settings);
    const lines = doc.text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('RUN make'));
    if (at < 0 || !files) return result;
    const mk = files.resolve(doc.uri, 'Makefile');
    if (!mk) return result;
    const text = files.read(mk);
    const findings = [...result.findings];
    if (text?.includes('CGO_ENABLED=2')) {
      findings.push({
        code: 'CGO205',
        severity: 'error',
        message: 'CGO_ENABLED=2 in the Makefile',
        loc: { uri: doc.uri, range: { start: { line: at, character: 0 }, end: { line: at, character: lines[at]!.length } } },
        related: [],
        fixes: [],
      });
    }
    return { ...result, findings, dependencies: text === undefined ? [] : [mk] };
  }
  forget(uri: string): void {
    this.forgotten.push(uri);
  }
}

async function start(dir: string, options: Partial<StartOptions> = {}, analyzer: Analyzer = new LinkingAnalyzer()): Promise<LspClient> {
  client = await startInMemory(
    {
      capabilities: pushOnlyCapabilities(),
      initializationOptions: { debounceMs: 0 },
      rootUri: url(dir),
      workspaceFolders: [{ uri: url(dir), name: path.basename(dir) }],
      ...options,
    },
    (reader, writer) => {
      const connection = createConnection(ProposedFeatures.all, reader, writer);
      startLanguageServer(connection, { version: '0.0.0-test', createAnalyzer: async () => analyzer });
      connection.listen();
      return { dispose: () => connection.dispose() };
    },
  );
  return client;
}

const codes = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.map((d) => d.code);

describe('.cgo-lens.yaml in the server', () => {
  it('a config on disk turns a rule off for the documents below it, and only there', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'svc'));
    fs.mkdirSync(path.join(dir, 'other'));
    fs.writeFileSync(path.join(dir, 'svc', '.cgo-lens.yaml'), 'ignored: [CGO101]\n');
    const fake = new LinkingAnalyzer();
    const c = await start(dir, {}, fake);
    const svc = url(path.join(dir, 'svc', 'Dockerfile'));
    const other = url(path.join(dir, 'other', 'Dockerfile'));
    await c.open(svc, GLIBC_ON_SCRATCH);
    await c.open(other, GLIBC_ON_SCRATCH);
    expect(codes(await c.diagnosticsAt(svc, 1))).toEqual([]);
    expect(codes(await c.diagnosticsAt(other, 1))).toEqual(['CGO101']);
    expect(fake.calls.find((x) => x.uri === svc)!.settings.rules).toEqual({ CGO101: 'off' });
  });

  it('explicit editor settings win over the file (resolve.ts precedence)', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '.cgo-lens.yaml'), 'ignored: [CGO101]\n');
    const caps = { ...pullCapabilities(), textDocument: { ...pullCapabilities().textDocument, diagnostic: undefined } };
    const c = await start(dir, { capabilities: caps, configuration: () => ({ rules: { CGO101: 'warning' } }) });
    const doc = url(path.join(dir, 'Dockerfile'));
    await c.open(doc, GLIBC_ON_SCRATCH);
    expect((await c.diagnosticsAt(doc, 1)).diagnostics.map((d) => d.severity)).toEqual([DiagnosticSeverity.Warning]);
  });

  it('editing the open config re-validates the documents below its folder with the unsaved text', async () => {
    const dir = tempDir();
    const cfgPath = path.join(dir, '.cgo-lens.yaml');
    fs.writeFileSync(cfgPath, 'ignored: []\n');
    const c = await start(dir);
    const doc = url(path.join(dir, 'Dockerfile'));
    const outside = 'file:///elsewhere/Dockerfile';
    await c.open(doc, GLIBC_ON_SCRATCH);
    await c.open(outside, GLIBC_ON_SCRATCH);
    expect(codes(await c.diagnosticsAt(doc, 1))).toEqual(['CGO101']);
    await c.diagnosticsAt(outside, 1);
    await c.open(url(cfgPath), 'ignored: []\n', 'yaml');
    await c.diagnosticsAt(url(cfgPath), 1);
    const before = c.published.length;
    await c.change(url(cfgPath), 2, [{ text: 'ignored: [CGO101]\n' }]);
    expect(codes(await c.diagnostics(doc, () => true, before))).toEqual([]);
    expect(fs.readFileSync(cfgPath, 'utf8')).toBe('ignored: []\n'); // nothing was saved
    // Closing the unsaved config: the disk version applies again.
    const beforeClose = c.published.length;
    await c.close(url(cfgPath));
    expect(codes(await c.diagnostics(doc, () => true, beforeClose))).toEqual(['CGO101']);
    expect(c.publishedFor(outside)).toHaveLength(1); // outside the config's folder: never re-validated
  });

  it('a watched-file event for a config re-validates the documents below it', async () => {
    const dir = tempDir();
    const cfgPath = path.join(dir, '.cgo-lens.yml');
    const c = await start(dir);
    const doc = url(path.join(dir, 'Dockerfile'));
    await c.open(doc, GLIBC_ON_SCRATCH);
    expect(codes(await c.diagnosticsAt(doc, 1))).toEqual(['CGO101']);
    fs.writeFileSync(cfgPath, 'override:\n  hint: [CGO101]\n');
    const before = c.published.length;
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: url(cfgPath), type: FileChangeType.Created }] });
    const p = await c.diagnostics(doc, () => true, before);
    expect(p.diagnostics.map((d) => [d.code, d.severity])).toEqual([['CGO101', DiagnosticSeverity.Hint]]);
    fs.rmSync(cfgPath);
    const before2 = c.published.length;
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: url(cfgPath), type: FileChangeType.Deleted }] });
    expect((await c.diagnostics(doc, () => true, before2)).diagnostics.map((d) => d.severity)).toEqual([DiagnosticSeverity.Error]);
  });

  it('problems of a config that is not open are logged once, with the path, and the valid part is used', async () => {
    const dir = tempDir();
    const cfgPath = path.join(dir, '.cgo-lens.yaml');
    fs.writeFileSync(cfgPath, 'ignored: [CGO101]\nignore: [CGO202]\n');
    const c = await start(dir);
    const a = url(path.join(dir, 'a', 'Dockerfile'));
    const b = url(path.join(dir, 'b', 'Dockerfile'));
    await c.open(a, GLIBC_ON_SCRATCH);
    await c.open(b, GLIBC_ON_SCRATCH);
    expect(codes(await c.diagnosticsAt(a, 1))).toEqual([]);
    expect(codes(await c.diagnosticsAt(b, 1))).toEqual([]);
    const warnings = c.logs.filter((l) => l.type === 2).map((l) => l.message);
    expect(warnings.filter((w) => w.includes('unknown key "ignore"'))).toEqual([`${cfgPath}:2:1: unknown key "ignore" (expected ignored, override, failure-threshold, images)`]);
  });

  it('a workspace folder added later brings its config; removing it takes it away', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '.cgo-lens.yaml'), 'ignored: [CGO101]\n');
    const c = await start(dir, { rootUri: null, workspaceFolders: null });
    const doc = url(path.join(dir, 'Dockerfile'));
    await c.open(doc, GLIBC_ON_SCRATCH);
    expect(codes(await c.diagnosticsAt(doc, 1))).toEqual(['CGO101']); // no folder: no config
    const folder = { uri: url(dir), name: 'w' };
    let before = c.published.length;
    await c.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
    expect(codes(await c.diagnostics(doc, () => true, before))).toEqual([]);
    before = c.published.length;
    await c.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
    expect(codes(await c.diagnostics(doc, () => true, before))).toEqual(['CGO101']);
  });

  it('an open invalid config gets cgo-lens.config error diagnostics from the engine result', async () => {
    const dir = tempDir();
    const cfg = url(path.join(dir, '.cgo-lens.yaml'));
    const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } };
    const analyzer: Analyzer = {
      analyze: (doc) => (doc.uri === cfg ? { kind: 'config', findings: [], configErrors: [{ message: 'unknown key "ignore"', range }] } : { findings: [] }),
    };
    const c = await start(dir, {}, analyzer);
    await c.open(cfg, 'ignored: []\nignore: []\n', 'yaml');
    expect((await c.diagnosticsAt(cfg, 1)).diagnostics).toEqual([
      { range, severity: DiagnosticSeverity.Error, source: 'cgo-lens', code: 'cgo-lens.config', message: 'unknown key "ignore"' },
    ]);
    expect(await c.codeActions(cfg, range, (await c.diagnosticsAt(cfg, 1)).diagnostics)).toEqual([]);
  });
});

describe('cross-file dependents', () => {
  const DOCKERFILE = 'FROM golang:1.22\nRUN make build\n';

  async function setup(options: Partial<StartOptions> = {}) {
    const dir = tempDir();
    const mkPath = path.join(dir, 'Makefile');
    fs.writeFileSync(mkPath, 'build:\n\tgo build .\n');
    const fake = new LinkingAnalyzer();
    const c = await start(dir, options, fake);
    const doc = url(path.join(dir, 'Dockerfile'));
    await c.open(doc, DOCKERFILE);
    if (c.initializeResult.capabilities.diagnosticProvider) {
      const r = await c.pull(doc);
      expect(r.kind === 'full' ? r.items : null).toEqual([]);
    } else expect(codes(await c.diagnosticsAt(doc, 1))).toEqual([]);
    return { c, dir, doc, mk: url(mkPath), mkPath, fake };
  }

  it('opening and editing a file a document read re-validates that document with the editor text', async () => {
    const { c, doc, mk, mkPath, fake } = await setup();
    let before = c.published.length;
    await c.open(mk, 'build:\n\tCGO_ENABLED=2 go build .\n', 'makefile');
    expect(codes(await c.diagnostics(doc, () => true, before))).toEqual(['CGO205']);
    expect(fake.forgotten).toContain(doc); // the engine's per-text cache is told the inputs changed
    before = c.published.length;
    await c.change(mk, 2, [{ text: 'build:\n\tCGO_ENABLED=0 go build .\n' }]);
    expect(codes(await c.diagnostics(doc, () => true, before))).toEqual([]);
    before = c.published.length;
    await c.change(mk, 3, [{ text: 'build:\n\tCGO_ENABLED=2 go build .\n' }]);
    expect(codes(await c.diagnostics(doc, () => true, before))).toEqual(['CGO205']);
    // Closed without saving: the disk text counts again.
    before = c.published.length;
    await c.close(mk);
    expect(codes(await c.diagnostics(doc, () => true, before))).toEqual([]);
    expect(fs.readFileSync(mkPath, 'utf8')).toBe('build:\n\tgo build .\n');
  });

  it('a watched-file change of a dependency on disk re-validates its dependents only', async () => {
    const { c, dir, doc, mk, mkPath } = await setup();
    const unrelated = url(path.join(dir, 'sub', 'Dockerfile'));
    await c.open(unrelated, 'FROM scratch\n');
    await c.diagnosticsAt(unrelated, 1);
    fs.writeFileSync(mkPath, 'build:\n\tCGO_ENABLED=2 go build .\n');
    const before = c.published.length;
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: mk, type: FileChangeType.Changed }] });
    expect(codes(await c.diagnostics(doc, () => true, before))).toEqual(['CGO205']);
    expect(c.publishedFor(unrelated)).toHaveLength(1);
  });

  it('a file created after a document failed to read it re-validates the open documents', async () => {
    const dir = tempDir();
    const c = await start(dir);
    const doc = url(path.join(dir, 'Dockerfile'));
    await c.open(doc, DOCKERFILE);
    expect(codes(await c.diagnosticsAt(doc, 1))).toEqual([]);
    const mkPath = path.join(dir, 'Makefile');
    fs.writeFileSync(mkPath, 'build:\n\tCGO_ENABLED=2 go build .\n');
    const before = c.published.length;
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: url(mkPath), type: FileChangeType.Created }] });
    expect(codes(await c.diagnostics(doc, () => true, before))).toEqual(['CGO205']);
  });

  it('pull clients are asked to re-pull when a dependency changes, and the pull sees the change', async () => {
    const { c, doc, mk } = await setup({ capabilities: pullCapabilities() });
    const refreshes = c.refreshRequests;
    await c.open(mk, 'build:\n\tCGO_ENABLED=2 go build .\n', 'makefile');
    await c.waitUntil('workspace/diagnostic/refresh', () => c.refreshRequests > refreshes);
    const r = await c.pull(doc);
    expect(r.kind === 'full' ? r.items.map((d) => d.code) : null).toEqual(['CGO205']);
    expect(c.published).toEqual([]);
  });
});

describe('file watchers', () => {
  const watching = (): ClientCapabilities => {
    const caps = pushOnlyCapabilities();
    caps.workspace!.didChangeWatchedFiles = { dynamicRegistration: true };
    return caps;
  };

  it('registers the config and dependency globs when the client allows dynamic registration', async () => {
    const c = await start(tempDir(), { capabilities: watching() });
    await c.waitUntil('client/registerCapability', () => c.registrations.length > 0);
    expect(c.registrations).toEqual([
      {
        registrations: [
          {
            id: expect.any(String),
            method: 'workspace/didChangeWatchedFiles',
            registerOptions: {
              watchers: [{ globPattern: '**/.cgo-lens.{yaml,yml}' }, { globPattern: '**/{Makefile,GNUmakefile,*.mk,*.sh,Dockerfile,*.Dockerfile,go.mod,go.work,*.go}' }],
            },
          },
        ],
      },
    ]);
  });

  it('registers nothing otherwise (Neovim 0.7)', async () => {
    const c = await start(tempDir());
    // Barrier: a full round trip after `initialized`.
    await c.open('file:///elsewhere/Dockerfile', 'FROM scratch\n');
    await c.diagnosticsAt('file:///elsewhere/Dockerfile', 1);
    expect(c.registrations).toEqual([]);
  });
});
