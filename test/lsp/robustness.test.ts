/**
 * Robustness of the bundled language server over stdio (DESIGN §2.5: never crash, never hang): malformed frames,
 * requests before `initialize`, out-of-range positions, unknown documents, an edit storm, close during analysis,
 * a 5 MB document, binary content, shutdown/exit, and the parent-process watchdog. Every wait is on a condition
 * (a message, a process exit), never a sleep.
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeActionParams, Diagnostic, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { GLIBC_ON_SCRATCH, pushOnlyCapabilities, type LspClient } from './harness';
import { frame, rssKb, spawnServer, timed, writeRaw, type SpawnOptions } from './rawHarness';
import { Rng } from '../fuzz/prng';

const URI = 'file:///work/Dockerfile';
const OTHER = 'file:///work/other/Dockerfile';
const T = 20_000;

const clients: LspClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

async function start(options: Partial<SpawnOptions> = {}): Promise<LspClient> {
  const c = await spawnServer({ capabilities: pushOnlyCapabilities(), initializationOptions: { debounceMs: 0 }, ...options });
  clients.push(c);
  return c;
}

const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

/** A request the server always answers for an open document (no analysis needed): a quick-fix code action. */
function cheapRequest(c: LspClient, uri: string): Promise<unknown> {
  return c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: range(0, 0, 0, 0), context: { diagnostics: [], only: ['quickfix'] } } satisfies CodeActionParams);
}

/** Round trip proving the server still reads and answers requests. */
async function alive(c: LspClient): Promise<void> {
  await expect(cheapRequest(c, URI)).resolves.not.toThrow();
  expect(c.exited).toBe(false);
}

/**
 * The server answers a request. vscode-jsonrpc's reader stops at a bad header and leaves whatever else arrived in
 * the same chunk buffered until more data comes — a client always sends more, so this nudges with `$/ping`
 * notifications until the answer arrives (bounded), instead of assuming the chunking of a pipe.
 */
async function responsive(c: LspClient): Promise<void> {
  let answered = false;
  const p = cheapRequest(c, URI).then(
    () => (answered = true),
    () => (answered = true),
  );
  for (let i = 0; i < 40 && !answered; i++) {
    await writeRaw(c, frame('{"jsonrpc":"2.0","method":"$/ping"}'));
    await Promise.race([p, c.waitUntil('any message', () => answered, 100).catch(() => undefined)]);
  }
  expect(answered, `no answer after malformed input; log:\n${c.logText()}\n${c.stderr}`).toBe(true);
  expect(c.exited).toBe(false);
}

function fatal(c: LspClient): string[] {
  // An uncaught exception the process-level handlers caught is a bug even when the server survives it.
  return [...c.errorLogs(), c.stderr].filter((m) => /uncaught exception|unhandled rejection/i.test(m));
}

describe('LSP robustness: the wire', () => {
  it('answers requests and notifications sent before initialize, then initializes normally', async () => {
    const c = await start({ initialize: false });
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text: GLIBC_ON_SCRATCH } });
    // Either a result or a ResponseError: what matters is an answer and a live process.
    const early = await cheapRequest(c, URI).then(
      (r) => ({ ok: true as const, r }),
      (e: unknown) => ({ ok: false as const, e }),
    );
    expect(early).toBeDefined();
    const init = await c.initialize();
    expect(init.capabilities.textDocumentSync).toBeDefined();
    await c.open(OTHER, GLIBC_ON_SCRATCH);
    expect((await c.diagnosticsAt(OTHER, 1)).diagnostics.map((d) => d.code)).toContain('CGO101');
    expect(fatal(c)).toEqual([]);
  }, T);

  it('survives malformed frames and bodies and keeps serving', async () => {
    const c = await start();
    await c.open(URI, GLIBC_ON_SCRATCH);
    await c.diagnosticsAt(URI, 1);
    const garbage = [
      'Content-Length: abc\r\n\r\n', // not a number
      'Content-Type: application/vscode-jsonrpc\r\n\r\n', // no Content-Length at all
      'Content-Length: 0\r\n\r\n', // empty body
      frame('{not json'),
      frame('null'),
      frame('42'),
      frame('[]'),
      frame('"a string"'),
      frame('{}'),
      frame('{"jsonrpc":"2.0"}'),
      frame('{"jsonrpc":"2.0","id":99999,"result":{}}'), // a response to nothing
      frame('{"jsonrpc":"1.0","id":1,"method":"initialize"}'),
      frame('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":null}'),
      frame('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":42,"text":null}}}'),
      frame('{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///work/Dockerfile","version":"x"},"contentChanges":[{"range":"bad","text":7}]}}'),
      frame('{"jsonrpc":"2.0","method":"textDocument/didClose","params":{}}'),
      frame('{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":{"cgoLens":{"rules":"nope","maxFileBytes":-1}}}}'),
      frame('{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"nope"}}'),
      frame('{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":42}}'),
      frame('{"jsonrpc":"2.0","method":"cgoLens/unknownNotification","params":[1,2,3]}'),
      frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/emoji/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM \\ud800 golang\\u0000\\r\\n"}}}`),
      // Several frames in one write, and one frame split over two writes, are ordinary stream behaviour.
      frame('{"jsonrpc":"2.0","method":"$/x"}') + frame('{"jsonrpc":"2.0","method":"$/y"}'),
    ];
    for (const g of garbage) {
      await writeRaw(c, g);
      await responsive(c);
    }
    const split = frame('{"jsonrpc":"2.0","method":"$/z","params":{}}');
    await writeRaw(c, split.slice(0, 10));
    await writeRaw(c, split.slice(10));

    // Malformed requests get an error response (or a null result), never silence.
    const bad = await Promise.allSettled([
      c.conn.sendRequest('cgoLens/noSuchMethod', { a: 1 }),
      c.conn.sendRequest('textDocument/codeAction', null),
      c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: 42 }, range: 'x', context: null }),
      c.conn.sendRequest('textDocument/diagnostic', { textDocument: null }),
      c.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 'a', character: {} } }),
      c.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri: URI }, range: null }),
      c.conn.sendRequest('workspace/executeCommand', { command: 'cgoLens.applyFix', arguments: [{ not: 'an edit' }] }),
      c.conn.sendRequest('workspace/executeCommand', null),
    ]);
    expect(bad).toHaveLength(8);
    const unknown = bad[0]!;
    expect(unknown.status).toBe('rejected');
    expect(String((unknown as PromiseRejectedResult).reason?.code)).toBe('-32601'); // MethodNotFound

    // Still serving: a new document is analysed and published.
    await c.open(OTHER, GLIBC_ON_SCRATCH);
    expect((await c.diagnosticsAt(OTHER, 1)).diagnostics.map((d) => d.code)).toContain('CGO101');
    await alive(c);
    expect(fatal(c)).toEqual([]);
  }, T);

  it('shutdown then exit ends the process with code 0; exit without shutdown with code 1', async () => {
    const a = await start();
    expect(await a.shutdownAndExit()).toBe(0);
    const b = await start();
    await b.conn.sendNotification('exit');
    await b.waitUntil('the server to exit', () => b.exited);
    expect(b.proc!.exitCode).toBe(1);
  }, T);

  it('exits when the process given by --clientProcessId dies', async () => {
    const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
    try {
      await new Promise<void>((resolve, reject) => {
        sleeper.once('spawn', resolve);
        sleeper.once('error', reject);
      });
      const c = await start({ processId: null, serverArgs: [`--clientProcessId=${sleeper.pid}`] });
      await c.open(URI, GLIBC_ON_SCRATCH);
      await c.diagnosticsAt(URI, 1);
      expect(c.exited).toBe(false);
      sleeper.kill('SIGKILL');
      // vscode-languageserver polls the parent every 3 s.
      await c.waitUntil('the server to notice its parent died and exit', () => c.exited, 12_000);
    } finally {
      if (sleeper.exitCode === null && sleeper.signalCode === null) sleeper.kill('SIGKILL');
    }
  }, T);
});

describe('LSP robustness: documents', () => {
  it('out-of-range and negative positions in requests and edits never break the server', async () => {
    const c = await start();
    await c.open(URI, GLIBC_ON_SCRATCH);
    await c.diagnosticsAt(URI, 1);
    const ranges = [range(-1, -1, -1, -1), range(1e9, 0, 1e9 + 1, 5), range(0, 1e9, 0, 1e9), range(5, 3, 2, 1), range(0, -5, 100, -5)];
    for (const r of ranges) {
      const diagnostic: Diagnostic = { range: r, message: 'x', source: 'cgo-lens', code: 'CGO101', data: { fixes: [{ title: 't', preferred: true, safe: true, edits: [{ range: r, newText: 'y' }] }] } };
      await c.codeActions(URI, r, [diagnostic]);
      await c.codeActions(URI, r, [diagnostic], ['quickfix', 'source.fixAll.cgo-lens']);
      await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: r.start }).catch(() => null);
      await c.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri: URI }, range: r }).catch(() => null);
    }
    // Edits with ranges outside the document are clamped by the document model; the server must agree with it.
    const local = TextDocument.create(URI, 'dockerfile', 1, GLIBC_ON_SCRATCH);
    const changes: TextDocumentContentChangeEvent[] = [
      { range: range(1e6, 0, 1e6, 0), text: '\nRUN echo tail' },
      { range: range(-3, -3, -1, -1), text: '# head\n' },
      { range: range(2, 500, 2, 900), text: ' ' },
      { range: range(8, 0, 3, 0), text: '' }, // end before start
    ];
    let version = 1;
    for (const ch of changes) {
      version++;
      TextDocument.update(local, [ch], version);
      await c.change(URI, version, [ch]);
    }
    const p = await c.diagnosticsAt(URI, version);
    for (const d of p.diagnostics) {
      expect(d.range.start.line).toBeGreaterThanOrEqual(0);
      expect(d.range.end.line).toBeLessThan(local.lineCount);
    }
    // The server's text is the clamped text: a fresh document with it gets the same diagnostics.
    await c.open(OTHER, local.getText());
    const fresh = await c.diagnosticsAt(OTHER, 1);
    expect(normalize(fresh, OTHER)).toEqual(normalize(p, URI));
    await alive(c);
    expect(fatal(c)).toEqual([]);
  }, T);

  it('requests on closed and never-opened documents are answered with nothing', async () => {
    const c = await start();
    const never = 'file:///work/never/Dockerfile';
    expect(await c.codeActions(never, range(0, 0, 0, 0), [], ['quickfix', 'source.fixAll.cgo-lens'])).toBeNull();
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: never, version: 2 }, contentChanges: [{ text: 'FROM scratch' }] });
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: never } });
    await c.open(URI, GLIBC_ON_SCRATCH);
    await c.diagnosticsAt(URI, 1);
    await c.close(URI);
    await c.diagnostics(URI, (p) => p.diagnostics.length === 0);
    expect(await c.codeActions(URI, range(0, 0, 0, 0), [], ['quickfix', 'source.fixAll.cgo-lens'])).toBeNull();
    const hover = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 0 } }).catch(() => null);
    expect(hover ?? null).toBeNull();
    // A change to a closed document is ignored: nothing is published for it.
    const before = c.publishedFor(URI).length;
    await c.change(URI, 5, [{ text: GLIBC_ON_SCRATCH }]);
    await c.open(OTHER, GLIBC_ON_SCRATCH);
    await c.diagnosticsAt(OTHER, 1);
    expect(c.publishedFor(URI).length).toBe(before);
    expect(c.publishedFor(never)).toEqual([]);
    expect(fatal(c)).toEqual([]);
  }, T);

  it('binary content (NUL bytes) gets an information diagnostic, not an analysis', async () => {
    const c = await start();
    await c.open(URI, 'FROM golang:1.22\u0000\u0001\u0002\nRUN go build -o /app .\n\u0000\u0000');
    const p = await c.diagnosticsAt(URI, 1);
    expect(p.diagnostics).toHaveLength(1);
    expect(p.diagnostics[0]!.severity).toBe(3);
    expect(p.diagnostics[0]!.message).toMatch(/NUL|binary/i);
    await alive(c);
  }, T);

  it('closing a document while its analysis waits for settings publishes nothing stale', async () => {
    // A client with workspace/configuration whose answer is held until the document has been closed: the
    // validation that was in flight must see the close and drop its result.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let asked = 0;
    const c = await start({
      capabilities: { ...pushOnlyCapabilities(), workspace: { ...pushOnlyCapabilities().workspace, configuration: true } },
      configuration: async () => {
        asked++;
        await held;
        return null;
      },
    });
    await c.open(URI, GLIBC_ON_SCRATCH);
    await c.waitUntil('the settings request for the document', () => asked > 0);
    await c.close(URI);
    await c.diagnostics(URI, (p) => p.diagnostics.length === 0);
    release();
    // Barrier: a later document's diagnostics; the held validation has resumed by then.
    await c.open(OTHER, GLIBC_ON_SCRATCH);
    await c.diagnosticsAt(OTHER, 1);
    expect(c.publishedFor(URI).every((p) => p.diagnostics.length === 0)).toBe(true);

    // And with analysis itself in flight (push, no settings round trip): open + close back to back.
    const heavy = Array.from({ length: 40 }, (_, i) => GLIBC_ON_SCRATCH.replace(/build/g, `b${i}`)).join('\n');
    const third = 'file:///work/third/Dockerfile';
    await c.open(third, heavy);
    await c.close(third);
    await c.diagnostics(third, (p) => p.diagnostics.length === 0);
    await c.open('file:///work/fourth/Dockerfile', GLIBC_ON_SCRATCH);
    await c.diagnosticsAt('file:///work/fourth/Dockerfile', 1);
    const last = c.publishedFor(third).at(-1)!;
    expect(last.diagnostics).toEqual([]);
    expect(fatal(c)).toEqual([]);
  }, T);
});

/** Diagnostics as JSON with the document's URI replaced, so two documents with the same text compare equal. */
function normalize(p: PublishDiagnosticsParams, uri: string): unknown {
  return JSON.parse(JSON.stringify(p.diagnostics).split(uri).join('<doc>'));
}

describe('LSP robustness: load', () => {
  it('an edit storm of 2,000 incremental edits in < 5 s ends with the diagnostics of the final text and version; RSS stays near its baseline and a second storm does not grow it', async () => {
    const c = await start({ initializationOptions: {} }); // the default debounce
    const pid = c.proc!.pid;
    await c.open(URI, GLIBC_ON_SCRATCH);
    await c.diagnosticsAt(URI, 1);
    const baselineKb = rssKb(pid);

    const rng = new Rng(2000);
    const local = TextDocument.create(URI, 'dockerfile', 1, GLIBC_ON_SCRATCH);
    const EDITS = 2000;
    const snippets = ['CGO_ENABLED=0 ', 'x', ' ', '\n', 'RUN go build -o /app .\n', '\\\n', '# c\n', 'FROM alpine:3.20\n', 'COPY --from=build /app /app\n', '$', '"'];
    let version = 1;
    let peakKb = baselineKb ?? 0;

    /** 2,000 random incremental edits as fast as the pipe takes them, pausing every 250 for a mid-storm publish. */
    const storm = async (): Promise<{ ms: number; final: PublishDiagnosticsParams }> => {
      const t0 = performance.now();
      for (let i = 0; i < EDITS; i++) {
        const text = local.getText();
        const a = rng.int(text.length + 1);
        const b = rng.chance(0.4) ? Math.min(text.length, a + rng.int(6)) : a;
        // Keep the document between ~200 and ~3,000 characters.
        const insert = text.length > 3000 ? '' : text.length < 200 ? rng.pick(snippets) + rng.pick(snippets) : rng.chance(0.5) ? rng.pick(snippets) : '';
        const change = { range: { start: local.positionAt(a), end: local.positionAt(b) }, text: insert };
        version++;
        TextDocument.update(local, [change], version);
        void c.change(URI, version, [change]);
        if (i % 250 === 249) {
          // Let a debounced validation run mid-storm: wait for its publish (a condition, not a fixed time).
          const v = version;
          await c.waitUntil(`a mid-storm publish at version ${v}`, () => c.publishedFor(URI).some((p) => (p.version ?? 0) >= v));
          peakKb = Math.max(peakKb, rssKb(pid) ?? 0);
        }
      }
      const ms = performance.now() - t0;
      return { ms, final: await c.diagnosticsAt(URI, version) };
    };

    const first = await storm();
    const afterFirstKb = rssKb(pid);
    // Published versions never go backwards: a stale analysis is never published over a newer one.
    const versions = c.publishedFor(URI).map((p) => p.version ?? 0);
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect(first.final.version).toBe(EDITS + 1);
    // The final diagnostics are those of a fresh analysis of the final text.
    await c.open(OTHER, local.getText());
    expect(normalize(first.final, URI)).toEqual(normalize(await c.diagnosticsAt(OTHER, 1), OTHER));

    const second = await storm();
    const afterSecondKb = rssKb(pid);
    expect(second.final.version).toBe(2 * EDITS + 1);
    await c.close(OTHER);
    const fresh2 = 'file:///work/fresh2/Dockerfile';
    await c.open(fresh2, local.getText());
    expect(normalize(second.final, URI)).toEqual(normalize(await c.diagnosticsAt(fresh2, 1), fresh2));

    console.info(
      `[storm] 2 × ${EDITS} edits in ${first.ms.toFixed(0)} / ${second.ms.toFixed(0)} ms, ${c.publishedFor(URI).length} publishes; ` +
        `RSS baseline ${baselineKb} kB, peak ${peakKb} kB, after storm 1 ${afterFirstKb} kB, after storm 2 ${afterSecondKb} kB`,
    );
    expect(first.ms).toBeLessThan(5000);
    expect(second.ms).toBeLessThan(5000);
    if (baselineKb !== undefined && afterFirstKb !== undefined && afterSecondKb !== undefined) {
      // Near the baseline: what stays is V8's grown young generation, JIT code and its worker-thread malloc arenas,
      // sized by the first storm (measured: +12–13 MB on ~65 MB); the second storm — same work — adds 0–5 MB (V8's
      // sizing heuristics), where a leak of even 4 KB an edit would add 8. Keeping the young generation small
      // (--semi-space-growth-factor=1) saved ~3.5 MB here but cost ~15% edit latency (bench B2), so it is not done.
      expect(afterFirstKb - baselineKb).toBeLessThan(16 * 1024);
      expect(afterSecondKb - afterFirstKb).toBeLessThan(8 * 1024);
    }
    expect(fatal(c)).toEqual([]);
  }, 40_000);

  it('a 5 MB / 100,000-line document is skipped with an information diagnostic naming the limit; other documents stay responsive', async () => {
    const c = await start({ initializationOptions: {} });
    await c.open(OTHER, GLIBC_ON_SCRATCH);
    await c.diagnosticsAt(OTHER, 1);
    // Hover when the server offers it (what a user does in the other document), else a code action.
    const probe = c.initializeResult.capabilities.hoverProvider
      ? () => c.conn.sendRequest('textDocument/hover', { textDocument: { uri: OTHER }, position: { line: 3, character: 6 } })
      : () => cheapRequest(c, OTHER);
    const warm = await timed(probe);

    const BIG = 'file:///work/big/Dockerfile';
    const line = 'RUN echo 0123456789abcdefghijklmnopqrstuvwxyz0123\n'; // 50 bytes
    const big = 'FROM golang:1.22 AS build\n' + line.repeat(100_000);
    expect(big.length).toBeGreaterThan(5_000_000);
    await c.open(BIG, big);
    const afterOpen = await timed(probe);
    const p = await c.diagnosticsAt(BIG, 1);
    expect(p.diagnostics).toHaveLength(1);
    expect(p.diagnostics[0]!.severity).toBe(3);
    expect(p.diagnostics[0]!.message).toMatch(/maxFileBytes/);
    expect(p.diagnostics[0]!.message).toMatch(/2(\.0)? MB/);

    // Typing in the big document (incremental edits) must not stall requests on another one.
    const samples: number[] = [];
    for (let i = 0; i < 7; i++) {
      await c.change(BIG, 2 + i, [{ range: range(50_000 + i, 4, 50_000 + i, 4), text: 'x' }]);
      samples.push((await timed(probe)).ms);
    }
    await c.diagnosticsAt(BIG, 8);
    const steady = (await timed(probe)).ms;
    console.info(
      `[big-doc] ${(big.length / 1e6).toFixed(1)} MB: request on another document warm ${warm.ms.toFixed(1)} ms, right after the 5 MB didOpen ${afterOpen.ms.toFixed(1)} ms, ` +
        `${c.initializeResult.capabilities.hoverProvider ? 'hover' : 'code action'} during edits ${samples.map((s) => s.toFixed(1)).join('/')} ms, steady ${steady.toFixed(1)} ms`,
    );
    // Median of the samples: one unlucky scheduling slice on a shared CI machine is not unresponsiveness.
    const median = [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
    expect(median).toBeLessThanOrEqual(100);
    expect(steady).toBeLessThanOrEqual(100);
    expect(fatal(c)).toEqual([]);
  }, T);
});
