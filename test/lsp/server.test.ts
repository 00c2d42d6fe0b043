/**
 * End-to-end tests of the bundled language server (`node dist/server.js --stdio`), spoken to over JSON-RPC like a
 * real editor. `npm test` builds dist/ first.
 */
import { spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol/node';
import {
  COPY_LINE,
  COPY_RANGE,
  GLIBC_ON_SCRATCH,
  applyWorkspaceEdit,
  isCodeAction,
  pullCapabilities,
  pushOnlyCapabilities,
  SERVER_JS,
  startServer,
  type LspClient,
} from './harness';

const URI = 'file:///work/Dockerfile';
const T = 10_000;

let client: LspClient | undefined;
afterEach(() => {
  client?.dispose();
  client = undefined;
});

const push = (init: Record<string, unknown> = { debounceMs: 0 }, caps = pushOnlyCapabilities()) =>
  startServer({ capabilities: caps, initializationOptions: init }).then((c) => (client = c));

/** Line 3 (`RUN go build …`) with cgo disabled inline. */
const DISABLE_CGO_EDIT = { range: { start: { line: 3, character: 4 }, end: { line: 3, character: 4 } }, text: 'CGO_ENABLED=0 ' };

describe('push-only client (Neovim 0.7-like)', () => {
  it('publishes CGO101 on the COPY --from of a glibc binary into scratch', async () => {
    const c = await push();
    await c.open(URI, GLIBC_ON_SCRATCH);
    const p = await c.diagnosticsAt(URI, 1);
    expect(c.errorLogs(), 'the server logged errors (engine failed to start?)').toEqual([]);
    // Exactly one CGO101; anything else may only be an information/hint (e.g. CGO202 "cgo setting implicit").
    const cgo101 = p.diagnostics.filter((x) => x.code === 'CGO101');
    expect(cgo101).toHaveLength(1);
    expect(p.diagnostics.filter((x) => x.code !== 'CGO101' && (x.severity ?? 1) <= DiagnosticSeverity.Warning)).toEqual([]);
    const d = cgo101[0];
    expect(d.severity).toBe(DiagnosticSeverity.Error);
    expect(d.source).toBe('cgo-lens');
    expect(d.range).toEqual(COPY_RANGE);
    expect(d.codeDescription?.href).toMatch(/\/docs\/rules\/CGO101\.md$/);
    const data = d.data as { fixes: { title: string; preferred: boolean; safe: boolean; edits: { range: unknown; newText: string; uri?: string }[] }[] };
    expect(Array.isArray(data.fixes)).toBe(true);
    expect(data.fixes.length).toBeGreaterThan(0);
    for (const f of data.fixes) {
      expect(typeof f.title).toBe('string');
      expect(typeof f.preferred).toBe('boolean');
      expect(typeof f.safe).toBe('boolean');
      expect(f.edits.length).toBeGreaterThan(0);
    }
  }, T);

  it('omits codeDescription when the client does not support it', async () => {
    const c = await push({ debounceMs: 0 }, pushOnlyCapabilities({ codeDescription: false }));
    await c.open(URI, GLIBC_ON_SCRATCH);
    const p = await c.diagnosticsAt(URI, 1);
    expect(p.diagnostics.map((d) => d.code)).toContain('CGO101');
    for (const d of p.diagnostics) expect(d.codeDescription).toBeUndefined();
  }, T);

  it('publishes nothing for the version an incremental change made clean, and tags it with that version', async () => {
    const c = await push({}); // default debounce (150 ms)
    await c.open(URI, GLIBC_ON_SCRATCH);
    expect((await c.diagnosticsAt(URI, 1)).diagnostics.map((d) => d.code)).toContain('CGO101');
    await c.change(URI, 2, [DISABLE_CGO_EDIT]);
    const p2 = await c.diagnosticsAt(URI, 2);
    expect(p2.version).toBe(2);
    expect(p2.diagnostics).toEqual([]);
  }, T);

  it('debounceMs 0 validates every version; a debounce coalesces a burst into the last version', async () => {
    const c = await push({ debounceMs: 0 });
    await c.open(URI, GLIBC_ON_SCRATCH);
    await c.diagnosticsAt(URI, 1);
    for (let v = 2; v <= 6; v++) await c.change(URI, v, [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: '#' }]);
    await c.diagnosticsAt(URI, 6);
    expect(c.publishedFor(URI).map((p) => p.version)).toEqual([1, 2, 3, 4, 5, 6]);
    c.dispose();

    const d = await push({ debounceMs: 600 });
    await d.open(URI, GLIBC_ON_SCRATCH);
    await d.diagnosticsAt(URI, 1); // the first validation after open is immediate
    for (let v = 2; v <= 6; v++) await d.change(URI, v, [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: '#' }]);
    await d.diagnosticsAt(URI, 6);
    expect(d.publishedFor(URI).map((p) => p.version)).toEqual([1, 6]);
  }, T);

  it('closing a document cancels its pending validation and clears its diagnostics', async () => {
    const c = await push({ debounceMs: 600 });
    await c.open(URI, GLIBC_ON_SCRATCH);
    await c.diagnosticsAt(URI, 1);
    await c.change(URI, 2, [DISABLE_CGO_EDIT]);
    await c.close(URI);
    const cleared = await c.diagnostics(URI, (p) => p.version === undefined);
    expect(cleared.diagnostics).toEqual([]);
    // Barrier without sleeping: an edit of another document, debounced the same way and scheduled later, is
    // published; the closed document's version 2 (whose timer would have fired first) never is.
    const other = 'file:///work/other/Dockerfile';
    await c.open(other, GLIBC_ON_SCRATCH);
    await c.diagnosticsAt(other, 1);
    await c.change(other, 2, [DISABLE_CGO_EDIT]);
    await c.diagnosticsAt(other, 2);
    expect(c.publishedFor(URI).some((p) => p.version === 2)).toBe(false);
  }, T);

  it('quick fix: the preferred CGO101 fix, applied and sent back, leaves no CGO101', async () => {
    const c = await push();
    await c.open(URI, GLIBC_ON_SCRATCH);
    const diag = (await c.diagnosticsAt(URI, 1)).diagnostics.find((d) => d.code === 'CGO101')!;
    expect(diag).toBeDefined();
    const actions = (await c.codeActions(URI, diag.range, [diag])) ?? [];
    const quickfixes = actions.filter(isCodeAction).filter((a) => a.kind === 'quickfix');
    expect(quickfixes.length).toBeGreaterThan(0);
    for (const a of quickfixes) expect(a.diagnostics).toEqual([diag]);
    const preferred = quickfixes.find((a) => a.isPreferred) ?? quickfixes[0];
    expect(preferred.edit?.changes?.[URI]?.length).toBeGreaterThan(0); // no documentChanges capability → `changes`
    const fixed = applyWorkspaceEdit(URI, GLIBC_ON_SCRATCH, preferred.edit!);
    expect(fixed).not.toBe(GLIBC_ON_SCRATCH);
    await c.change(URI, 2, [{ text: fixed }]);
    const after = await c.diagnosticsAt(URI, 2);
    expect(after.diagnostics.filter((d) => d.code === 'CGO101')).toEqual([]);
  }, T);

  it('without codeActionLiteralSupport returns cgoLens.applyFix commands that apply via workspace/applyEdit', async () => {
    const c = await push({ debounceMs: 0 }, pushOnlyCapabilities({ literals: false }));
    expect(c.initializeResult.capabilities.executeCommandProvider?.commands).toContain('cgoLens.applyFix');
    await c.open(URI, GLIBC_ON_SCRATCH);
    const diag = (await c.diagnosticsAt(URI, 1)).diagnostics.find((d) => d.code === 'CGO101')!;
    expect(diag).toBeDefined();
    const actions = (await c.codeActions(URI, diag.range, [diag])) ?? [];
    expect(actions.length).toBeGreaterThan(0);
    const cmd = actions[0];
    expect(isCodeAction(cmd)).toBe(false);
    if (isCodeAction(cmd)) return;
    expect(cmd.command).toBe('cgoLens.applyFix');
    const applied = await c.conn.sendRequest('workspace/executeCommand', { command: cmd.command, arguments: cmd.arguments });
    expect(applied).toBe(true);
    expect(c.appliedEdits).toHaveLength(1);
    expect(c.appliedEdits[0].edit).toEqual(cmd.arguments![0]);
  }, T);

  it('settings pushed with didChangeConfiguration (no workspace/configuration) apply to open documents', async () => {
    const c = await push();
    await c.open(URI, GLIBC_ON_SCRATCH);
    await c.diagnosticsAt(URI, 1);
    const before = c.published.length;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { cgoLens: { rules: { CGO101: 'off' } } } });
    const p = await c.diagnostics(URI, () => true, before);
    expect(p.diagnostics.filter((d) => d.code === 'CGO101')).toEqual([]);
  }, T);
});

describe('pull-capable client (VS Code-like)', () => {
  const pull = () =>
    startServer({
      capabilities: pullCapabilities(),
      initializationOptions: { debounceMs: 0 },
      configuration: (item) => (item.section === 'cgoLens' ? { rules: { CGO101: 'warning' } } : null),
    }).then((c) => (client = c));

  it('advertises the pull provider and answers textDocument/diagnostic with configured severities, never pushing', async () => {
    const c = await pull();
    expect(c.initializeResult.capabilities.diagnosticProvider).toMatchObject({ identifier: 'cgo-lens', interFileDependencies: true });
    await c.open(URI, GLIBC_ON_SCRATCH);
    const report = await c.pull(URI);
    expect(report.kind).toBe('full');
    const items = report.kind === 'full' ? report.items.filter((d) => d.code === 'CGO101') : [];
    expect(items).toHaveLength(1);
    expect(items[0].severity).toBe(DiagnosticSeverity.Warning);
    expect(items[0].range).toEqual(COPY_RANGE);
    expect(c.configurationRequests).toContainEqual({ scopeUri: URI, section: 'cgoLens' });
    // Another round trip after an edit: still nothing pushed.
    await c.change(URI, 2, [DISABLE_CGO_EDIT]);
    const report2 = await c.pull(URI);
    expect(report2.kind === 'full' ? report2.items : null).toEqual([]);
    expect(c.published).toEqual([]);
  }, T);

  it('a configuration change invalidates the cache and asks the client to re-pull', async () => {
    let level = 'warning';
    const c = await startServer({
      capabilities: pullCapabilities(),
      initializationOptions: { debounceMs: 0 },
      configuration: () => ({ rules: { CGO101: level } }),
    });
    client = c;
    await c.open(URI, GLIBC_ON_SCRATCH);
    const r1 = await c.pull(URI);
    expect(r1.kind === 'full' ? r1.items.filter((d) => d.code === 'CGO101').map((d) => d.severity) : null).toEqual([DiagnosticSeverity.Warning]);
    level = 'off';
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitUntil('workspace/diagnostic/refresh', () => c.refreshRequests > 0);
    const r2 = await c.pull(URI);
    expect(r2.kind === 'full' ? r2.items.filter((d) => d.code === 'CGO101') : null).toEqual([]);
  }, T);

  it('code actions carry versioned documentChanges; source.fixAll.cgo-lens is offered when asked for', async () => {
    const c = await pull();
    await c.open(URI, GLIBC_ON_SCRATCH, 'dockerfile', 7);
    const report = await c.pull(URI);
    const diag = report.kind === 'full' ? report.items.find((d) => d.code === 'CGO101') : undefined;
    expect(diag).toBeDefined();
    const actions = ((await c.codeActions(URI, diag!.range, [diag!])) ?? []).filter(isCodeAction);
    const qf = actions.find((a) => a.kind === 'quickfix' && a.isPreferred) ?? actions.find((a) => a.kind === 'quickfix');
    expect(qf?.edit?.documentChanges?.[0]).toMatchObject({ textDocument: { uri: URI, version: 7 } });
    expect(actions.some((a) => a.kind === 'source.fixAll.cgo-lens')).toBe(false); // only on request

    const fixAll = ((await c.codeActions(URI, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll'])) ?? []).filter(isCodeAction);
    expect(fixAll.map((a) => a.kind)).toEqual(['source.fixAll.cgo-lens']);
    const fixed = applyWorkspaceEdit(URI, GLIBC_ON_SCRATCH, fixAll[0].edit!);
    await c.change(URI, 8, [{ text: fixed }]);
    const after = await c.pull(URI);
    expect(after.kind === 'full' ? after.items.filter((d) => d.code === 'CGO101') : null).toEqual([]);
  }, T);
});

describe('robustness', () => {
  it('unknown documents and out-of-range positions give null/empty answers, not errors', async () => {
    const c = await push();
    expect(await c.codeActions('file:///work/nope/Dockerfile', COPY_RANGE, [])).toBeNull();
    await c.open(URI, GLIBC_ON_SCRATCH);
    await c.diagnosticsAt(URI, 1);
    const far = { start: { line: 9999, character: 9999 }, end: { line: 10000, character: 0 } };
    expect(await c.codeActions(URI, far, [])).toEqual([]);
    const bogus: Diagnostic = { range: far, message: 'x', source: 'cgo-lens', code: 'CGO101', data: { fixes: 'nope' } };
    expect(await c.codeActions(URI, far, [bogus])).toEqual([]);
    const foreign: Diagnostic = { range: far, message: 'x', source: 'hadolint', code: 'DL3006', data: { fixes: [{ title: 't', edits: [] }] } };
    expect(await c.codeActions(URI, far, [foreign])).toEqual([]);
    expect(await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: URI } })).toEqual([]);
    expect(await c.conn.sendRequest('workspace/executeCommand', { command: 'cgoLens.applyFix', arguments: [42] })).toBeNull();
    expect(await c.conn.sendRequest('workspace/executeCommand', { command: 'cgoLens.nope' })).toBeNull();
    // Params the protocol layer rejects come back as an error response; the server keeps running.
    await expect(c.conn.sendRequest('textDocument/codeAction', null)).rejects.toThrow();
    expect(await c.codeActions(URI, COPY_RANGE, [])).toEqual([]);
    expect(c.exited).toBe(false);
  }, T);

  it('pull on an unknown document returns an empty report', async () => {
    const c = await startServer({ capabilities: pullCapabilities(), initializationOptions: { debounceMs: 0 } });
    client = c;
    expect(await c.pull('file:///work/nope/Dockerfile')).toEqual({ kind: 'full', items: [] });
  }, T);

  it('survives malformed notifications and keeps serving', async () => {
    const c = await push();
    await c.conn.sendNotification('textDocument/didOpen', {});
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 42, text: null } });
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 3 }, contentChanges: 'garbage' });
    await c.conn.sendNotification('textDocument/didClose', null);
    await c.conn.sendNotification('workspace/didChangeConfiguration', 'garbage');
    await c.conn.sendNotification('$/cgoLens/unknown', { x: 1 });
    await c.open(URI, GLIBC_ON_SCRATCH);
    await c.diagnosticsAt(URI, 1);
    await c.change(URI, 2, [DISABLE_CGO_EDIT]);
    const p = await c.diagnosticsAt(URI, 2);
    expect(p.diagnostics).toEqual([]);
    expect(c.exited).toBe(false);
    expect(c.stderr).toBe('');
  }, T);

  it('shutdown + exit ends the process with code 0', async () => {
    const c = await push();
    expect(await c.shutdownAndExit()).toBe(0);
  }, T);

  it('gives non-build files (README.md) no diagnostics', async () => {
    const c = await push();
    const readme = 'file:///work/README.md';
    await c.open(readme, '# FROM scratch\nCOPY --from=build /out/app /app\n', 'markdown');
    const p = await c.diagnosticsAt(readme, 1);
    expect(p.diagnostics).toEqual([]);
  }, T);

  it('reports the line of COPY for CGO101 even with CRLF line endings', async () => {
    const c = await push();
    await c.open(URI, GLIBC_ON_SCRATCH.replace(/\n/g, '\r\n'));
    const p = await c.diagnosticsAt(URI, 1);
    expect(p.diagnostics.filter((d) => d.code === 'CGO101').map((d) => d.range)).toEqual([COPY_RANGE]);
    expect(COPY_RANGE.start.line).toBe(COPY_LINE);
  }, T);

  it('exits when the editor process given as initialize.processId dies', async () => {
    const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const c = await startServer({ capabilities: pushOnlyCapabilities(), processId: parent.pid! });
      client = c;
      expect(c.exited).toBe(false);
      parent.kill();
      // vscode-languageserver polls the parent every 3 s.
      await c.waitUntil('the server to exit after its parent died', () => c.exited, 8000);
    } finally {
      parent.kill();
    }
  }, T);
});

describe('command line', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [SERVER_JS, ...args], { encoding: 'utf8', timeout: 5000 });
  it('--version and --help print and exit 0; no transport is a usage error', () => {
    const v = run('--version');
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const h = run('--help');
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('--stdio');
    const none = run();
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no transport');
  });
});
