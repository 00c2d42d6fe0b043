/**
 * The LSP layer in-process, over in-memory streams, with a fake analyzer: checks the wiring (sync, debounce,
 * version checks, push/pull, conversion, code actions, configuration) independently of the real rules.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { startLanguageServer, type Analyzer } from '../../../server/src/lsp/languageServer';
import {
  COPY_RANGE,
  GLIBC_ON_SCRATCH,
  applyWorkspaceEdit,
  isCodeAction,
  pullCapabilities,
  pushOnlyCapabilities,
  startInMemory,
  type LspClient,
  type StartOptions,
} from '../../lsp/harness';
import { FakeAnalyzer } from './fakeAnalyzer';

const URI = 'file:///work/Dockerfile';
const RUN_RANGE = { start: { line: 3, character: 0 }, end: { line: 3, character: 'RUN go build -o /out/app .'.length } };

let client: LspClient | undefined;
afterEach(() => {
  client?.dispose();
  client = undefined;
});

async function start(options: Partial<StartOptions> = {}, analyzer: Analyzer = new FakeAnalyzer()): Promise<LspClient> {
  client = await startInMemory(
    { capabilities: pushOnlyCapabilities(), initializationOptions: { debounceMs: 0 }, ...options },
    (reader, writer) => {
      const connection = createConnection(ProposedFeatures.all, reader, writer);
      startLanguageServer(connection, { version: '0.0.0-test', createAnalyzer: async () => analyzer });
      connection.listen();
      return { dispose: () => connection.dispose() };
    },
  );
  return client;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('diagnostics conversion over the wire', () => {
  it('publishes a complete CGO101 diagnostic with the documented data shape', async () => {
    const c = await start();
    await c.open(URI, GLIBC_ON_SCRATCH);
    const p = await c.diagnosticsAt(URI, 1);
    expect(p.diagnostics).toEqual([
      {
        range: COPY_RANGE,
        severity: DiagnosticSeverity.Error,
        code: 'CGO101',
        source: 'cgo-lens',
        message: 'The binary is dynamically linked against glibc, but scratch has no glibc loader.',
        codeDescription: { href: 'https://github.com/cgo-lens/cgo-lens/blob/main/docs/rules/CGO101.md' },
        relatedInformation: [{ location: { uri: URI, range: RUN_RANGE }, message: 'built with cgo here' }],
        data: {
          fixes: [
            {
              title: 'Set CGO_ENABLED=0 on the build',
              preferred: true,
              safe: true,
              edits: [{ range: { start: { line: 3, character: 4 }, end: { line: 3, character: 4 } }, newText: 'CGO_ENABLED=0 ' }],
            },
            {
              title: 'Use gcr.io/distroless/base-debian12 as the runtime image',
              preferred: false,
              safe: false,
              edits: [{ range: { start: { line: 5, character: 5 }, end: { line: 5, character: 12 } }, newText: 'gcr.io/distroless/base-debian12' }],
            },
          ],
        },
      },
    ]);
  });

  it('drops relatedInformation, codeDescription and tags the client does not support', async () => {
    const caps = pushOnlyCapabilities({ codeDescription: false });
    delete caps.textDocument!.publishDiagnostics!.relatedInformation;
    delete caps.textDocument!.publishDiagnostics!.tagSupport;
    const c = await start({ capabilities: caps });
    await c.open(URI, GLIBC_ON_SCRATCH.replace('go build', 'go build -installsuffix cgo'));
    const p = await c.diagnosticsAt(URI, 1);
    expect(p.diagnostics.map((d) => d.code).sort()).toEqual(['CGO101', 'CGO504']);
    for (const d of p.diagnostics) {
      expect(d.relatedInformation).toBeUndefined();
      expect(d.codeDescription).toBeUndefined();
      expect(d.tags).toBeUndefined();
    }
  });

  it('tags hygiene findings Unnecessary when the client lists the tag', async () => {
    const c = await start();
    await c.open(URI, 'FROM golang:1.22\nRUN go build -a -installsuffix cgo .\n');
    const p = await c.diagnosticsAt(URI, 1);
    expect(p.diagnostics).toHaveLength(1);
    expect(p.diagnostics[0]).toMatchObject({ code: 'CGO504', severity: DiagnosticSeverity.Hint, tags: [DiagnosticTag.Unnecessary] });
  });

  it('shows an information diagnostic on the first line when the file is skipped', async () => {
    const c = await start();
    await c.open(URI, 'FROM scratch # SKIPME\nRUN true\n');
    const p = await c.diagnosticsAt(URI, 1);
    expect(p.diagnostics).toEqual([
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 'FROM scratch # SKIPME'.length } },
        severity: DiagnosticSeverity.Information,
        code: 'cgo-lens.skipped',
        source: 'cgo-lens',
        message: 'CGO Lens skipped this file: test.',
      },
    ]);
  });

  it('does not publish findings located in other files on this document', async () => {
    const c = await start();
    await c.open(URI, 'FROM golang\nRUN make make-elsewhere\n');
    const p = await c.diagnosticsAt(URI, 1);
    expect(p.diagnostics).toEqual([]);
  });

  it('an engine exception is logged once and yields empty diagnostics', async () => {
    const c = await start();
    await c.open(URI, 'FROM x\n# THROWME\n');
    expect((await c.diagnosticsAt(URI, 1)).diagnostics).toEqual([]);
    for (let v = 2; v <= 4; v++) await c.change(URI, v, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '#' }]);
    await c.diagnosticsAt(URI, 4);
    const errors = c.errorLogs().filter((m) => m.includes('fake engine failure'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(URI);
  });
});

describe('document manager', () => {
  it('drops results computed for a version that is no longer current', async () => {
    const gate = deferred<unknown>();
    let calls = 0;
    const c = await start({
      capabilities: { ...pullCapabilities(), textDocument: { ...pullCapabilities().textDocument, diagnostic: undefined } },
      configuration: () => (++calls === 1 ? gate.promise : null),
    });
    await c.open(URI, GLIBC_ON_SCRATCH);
    await c.waitUntil('the configuration request', () => c.configurationRequests.length === 1);
    // Version 2 arrives while version 1 still waits for its settings.
    await c.change(URI, 2, [{ range: { start: { line: 3, character: 4 }, end: { line: 3, character: 4 } }, text: 'CGO_ENABLED=0 ' }]);
    gate.resolve({ rules: { CGO101: 'warning' } });
    const p = await c.diagnosticsAt(URI, 2);
    expect(p.diagnostics).toEqual([]);
    expect(c.publishedFor(URI).map((x) => x.version)).toEqual([2]);
  });

  it('a document closed while validating publishes only the empty clear', async () => {
    const gate = deferred<unknown>();
    const c = await start({
      capabilities: { ...pullCapabilities(), textDocument: { ...pullCapabilities().textDocument, diagnostic: undefined } },
      configuration: () => gate.promise,
    });
    await c.open(URI, GLIBC_ON_SCRATCH);
    await c.waitUntil('the configuration request', () => c.configurationRequests.length === 1);
    await c.close(URI);
    await c.diagnostics(URI);
    gate.resolve(null);
    // Barrier: another document goes through the whole pipeline after the gate opened.
    await c.open('file:///work/b/Dockerfile', 'FROM scratch\n');
    await c.diagnosticsAt('file:///work/b/Dockerfile', 1);
    expect(c.publishedFor(URI)).toEqual([{ uri: URI, diagnostics: [] }]);
  });

  it('reads cgoLens settings per document and maps them onto Settings', async () => {
    const fake = new FakeAnalyzer();
    const c = await start(
      {
        capabilities: { ...pullCapabilities(), textDocument: { ...pullCapabilities().textDocument, diagnostic: undefined } },
        configuration: () => ({
          enable: true,
          rules: { cgo101: 'information', CGO504: 'bogus', nope: 'off' },
          inlayHints: { enable: false },
          images: { 'registry.local/base:*': { libc: 'musl', version: '1.2', toolchain: true }, bad: { libc: 'bsd' } },
          maxFileBytes: 'big',
        }),
      },
      fake,
    );
    await c.open(URI, GLIBC_ON_SCRATCH);
    const p = await c.diagnosticsAt(URI, 1);
    expect(p.diagnostics.map((d) => d.severity)).toEqual([DiagnosticSeverity.Information]);
    expect(c.configurationRequests).toEqual([{ scopeUri: URI, section: 'cgoLens' }]);
    expect(fake.calls.at(-1)!.settings).toEqual({
      enable: true,
      rules: { CGO101: 'information' },
      inlayHints: { enable: false },
      images: { 'registry.local/base:*': { libc: 'musl', version: '1.2', toolchain: true } },
      maxFileBytes: 2 * 1024 * 1024,
    });
    const warnings = c.logs.filter((l) => l.type === 2).map((l) => l.message);
    expect(warnings.some((w) => w.includes('CGO504'))).toBe(true);
    expect(warnings.some((w) => w.includes('maxFileBytes'))).toBe(true);
    // Cached: a second validation does not ask again.
    await c.change(URI, 2, [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: '#' }]);
    await c.diagnosticsAt(URI, 2);
    expect(c.configurationRequests).toHaveLength(1);
  });

  it('a failing workspace/configuration falls back to defaults', async () => {
    const c = await start({
      capabilities: { ...pullCapabilities(), textDocument: { ...pullCapabilities().textDocument, diagnostic: undefined } },
      configuration: () => {
        throw new Error('no config for you');
      },
    });
    await c.open(URI, GLIBC_ON_SCRATCH);
    const p = await c.diagnosticsAt(URI, 1);
    expect(p.diagnostics.map((d) => [d.code, d.severity])).toEqual([['CGO101', DiagnosticSeverity.Error]]);
  });

  it('cgoLens.enable false clears diagnostics after a configuration change (push + workspace/configuration)', async () => {
    let enable = true;
    const c = await start({
      capabilities: { ...pullCapabilities(), textDocument: { ...pullCapabilities().textDocument, diagnostic: undefined } },
      configuration: () => ({ enable }),
    });
    await c.open(URI, GLIBC_ON_SCRATCH);
    expect((await c.diagnosticsAt(URI, 1)).diagnostics).toHaveLength(1);
    const before = c.published.length;
    enable = false;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    expect((await c.diagnostics(URI, () => true, before)).diagnostics).toEqual([]);
    expect(c.configurationRequests).toHaveLength(2);
  });

  it('a pull client gets no pushes and pulls with its configured severity', async () => {
    const c = await start({ capabilities: pullCapabilities(), configuration: () => ({ rules: { CGO101: 'warning' } }) });
    expect(c.initializeResult.capabilities.diagnosticProvider).toEqual({ identifier: 'cgo-lens', interFileDependencies: true, workspaceDiagnostics: false });
    expect(c.initializeResult.capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'source.fixAll.cgo-lens'], resolveProvider: false });
    await c.open(URI, GLIBC_ON_SCRATCH);
    const r = await c.pull(URI);
    expect(r.kind === 'full' ? r.items.map((d) => [d.code, d.severity]) : null).toEqual([['CGO101', DiagnosticSeverity.Warning]]);
    await c.close(URI);
    expect(await c.pull(URI)).toEqual({ kind: 'full', items: [] });
    expect(c.published).toEqual([]);
  });
});

describe('code actions', () => {
  async function openWithDiagnostic(options: Partial<StartOptions> = {}): Promise<{ c: LspClient; diag: Diagnostic }> {
    const c = await start(options);
    await c.open(URI, GLIBC_ON_SCRATCH);
    const [diag] = (await c.diagnosticsAt(URI, 1)).diagnostics;
    return { c, diag };
  }

  it('one quickfix per fix, preferred first, linked to its diagnostic; applying it clears CGO101', async () => {
    const { c, diag } = await openWithDiagnostic();
    const actions = (await c.codeActions(URI, diag.range, [diag]))!.filter(isCodeAction);
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred])).toEqual([
      ['Set CGO_ENABLED=0 on the build', 'quickfix', true],
      ['Use gcr.io/distroless/base-debian12 as the runtime image', 'quickfix', undefined],
      // then the ignore actions, never preferred (the fake finding has no stage; no workspace/configuration here)
      ['Ignore CGO101 on this line', 'quickfix', undefined],
      ['Ignore CGO101 in this file', 'quickfix', undefined],
    ]);
    expect(actions[0].diagnostics).toEqual([diag]);
    expect(actions[0].edit).toEqual({ changes: { [URI]: [{ range: { start: { line: 3, character: 4 }, end: { line: 3, character: 4 } }, newText: 'CGO_ENABLED=0 ' }] } });
    const fixed = applyWorkspaceEdit(URI, GLIBC_ON_SCRATCH, actions[0].edit!);
    expect(fixed.split('\n')[3]).toBe('RUN CGO_ENABLED=0 go build -o /out/app .');
    await c.change(URI, 2, [{ text: fixed }]);
    expect((await c.diagnosticsAt(URI, 2)).diagnostics).toEqual([]);
  });

  it('versioned documentChanges when the client supports them', async () => {
    const { c, diag } = await openWithDiagnostic({ capabilities: pushOnlyCapabilities({ documentChanges: true }) });
    const [first] = (await c.codeActions(URI, diag.range, [diag]))!.filter(isCodeAction);
    expect(first.edit).toEqual({
      documentChanges: [{ textDocument: { uri: URI, version: 1 }, edits: [{ range: { start: { line: 3, character: 4 }, end: { line: 3, character: 4 } }, newText: 'CGO_ENABLED=0 ' }] }],
    });
  });

  it('falls back to the last analysis when the client does not echo data', async () => {
    const { c, diag } = await openWithDiagnostic();
    const stripped = { ...diag };
    delete stripped.data;
    const actions = (await c.codeActions(URI, diag.range, [stripped]))!.filter(isCodeAction);
    expect(actions.map((a) => a.title)).toEqual([
      'Set CGO_ENABLED=0 on the build',
      'Use gcr.io/distroless/base-debian12 as the runtime image',
      'Ignore CGO101 on this line',
      'Ignore CGO101 in this file',
    ]);
  });

  it('honours context.only and offers source.fixAll.cgo-lens only on request', async () => {
    const text = GLIBC_ON_SCRATCH.replace('go build', 'go build -installsuffix cgo');
    const c = await start({ capabilities: pushOnlyCapabilities({ documentChanges: true }) });
    await c.open(URI, text);
    const diags = (await c.diagnosticsAt(URI, 1)).diagnostics;
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    expect(await c.codeActions(URI, zero, diags, ['refactor'])).toEqual([]);
    const quick = (await c.codeActions(URI, zero, diags, ['quickfix']))!;
    expect(quick.every((a) => isCodeAction(a) && a.kind === 'quickfix')).toBe(true);
    const fixAll = (await c.codeActions(URI, zero, [], ['source.fixAll.cgo-lens']))!.filter(isCodeAction);
    expect(fixAll).toHaveLength(1);
    expect(fixAll[0].kind).toBe('source.fixAll.cgo-lens');
    const fixed = applyWorkspaceEdit(URI, text, fixAll[0].edit!);
    expect(fixed.split('\n')[3]).toBe('RUN CGO_ENABLED=0 go build -o /out/app .');
    expect((await c.codeActions(URI, zero, [], ['source']))!.filter(isCodeAction).map((a) => a.kind)).toEqual(['source.fixAll.cgo-lens']);
  });

  it('returns commands without literal support, and cgoLens.applyFix goes through workspace/applyEdit', async () => {
    const { c, diag } = await openWithDiagnostic({ capabilities: pushOnlyCapabilities({ literals: false }) });
    expect(c.initializeResult.capabilities.codeActionProvider).toBe(true);
    const actions = (await c.codeActions(URI, diag.range, [diag]))!;
    expect(actions.every((a) => !isCodeAction(a))).toBe(true);
    const [cmd] = actions;
    if (isCodeAction(cmd)) throw new Error('expected a command');
    expect(cmd.command).toBe('cgoLens.applyFix');
    expect(await c.conn.sendRequest('workspace/executeCommand', { command: cmd.command, arguments: cmd.arguments })).toBe(true);
    expect(c.appliedEdits.map((e) => e.edit)).toEqual([cmd.arguments![0]]);
  });

  it('ignores diagnostics of other servers and malformed data', async () => {
    const { c, diag } = await openWithDiagnostic();
    const other = { ...diag, source: 'hadolint' };
    expect(await c.codeActions(URI, diag.range, [other])).toEqual([]);
    const malformed = { ...diag, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, data: { fixes: [{ title: 1 }] } };
    // No fix survives malformed data (and the last analysis has no finding there); ignoring the code still works.
    expect(((await c.codeActions(URI, diag.range, [malformed])) ?? []).map((a) => a.title)).toEqual(['Ignore CGO101 on this line', 'Ignore CGO101 in this file']);
    // Our own non-rule diagnostics (skipped file, config errors) get no ignore actions.
    const skipped = { ...diag, code: 'cgo-lens.skipped', data: undefined };
    expect(await c.codeActions(URI, diag.range, [skipped])).toEqual([]);
  });
});
