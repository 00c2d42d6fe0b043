/**
 * Hover and inlay hints end to end against the bundled server (`node dist/server.js --stdio`). `npm test` builds
 * dist/ first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientCapabilities, Hover, InlayHint, MarkupContent } from 'vscode-languageserver-protocol/node';
import { GLIBC_ON_SCRATCH, pullCapabilities, pushOnlyCapabilities, startServer, type LspClient } from './harness';

const URI = 'file:///work/Dockerfile';
const T = 10_000;
/** `go` of `RUN go build -o /out/app .` (line 3 of the contract Dockerfile). */
const GO_BUILD = { line: 3, character: 5 };

let client: LspClient | undefined;
afterEach(() => {
  client?.dispose();
  client = undefined;
});

async function open(capabilities: ClientCapabilities, init: Record<string, unknown> = { debounceMs: 0 }) {
  client = await startServer({ capabilities, initializationOptions: init });
  await client.open(URI, GLIBC_ON_SCRATCH);
  return client;
}

const hover = (c: LspClient, position = GO_BUILD) => c.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position }) as Promise<Hover | null>;

describe('hover over stdio', () => {
  it('advertises hover and inlay hints', async () => {
    const c = await open(pushOnlyCapabilities());
    expect(c.initializeResult.capabilities.hoverProvider).toBe(true);
    expect(c.initializeResult.capabilities.inlayHintProvider).toEqual({ resolveProvider: false });
  }, T);

  it('returns Markdown to a client that accepts it', async () => {
    const c = await open(pushOnlyCapabilities());
    const h = await hover(c);
    expect(c.errorLogs()).toEqual([]);
    const contents = h!.contents as MarkupContent;
    expect(contents.kind).toBe('markdown');
    expect(contents.value.split('\n')[0]).toBe('**`go build`** (line 4) — `CGO_ENABLED=1` · dynamic glibc ≥ 2.34');
    expect(contents.value).toContain(
      '1. CGO_ENABLED is unset and a C compiler is on PATH (shipped with `golang:1.22`): Go ≥ 1.20 turns cgo on for native builds (line 1)',
    );
    expect(contents.value).toContain('- **Needs at run time:** **glibc ≥ 2.34**');
    expect(h!.range).toEqual({ start: { line: 3, character: 4 }, end: { line: 3, character: 12 } });
  }, T);

  it('returns plain text to a plaintext-only client', async () => {
    const caps = pushOnlyCapabilities();
    caps.textDocument!.hover = { contentFormat: ['plaintext'] };
    const c = await open(caps);
    const contents = (await hover(c))!.contents as MarkupContent;
    expect(contents.kind).toBe('plaintext');
    expect(contents.value.split('\n')[0]).toBe('go build (line 4) — CGO_ENABLED=1 · dynamic glibc ≥ 2.34');
    expect(contents.value).toContain('- Needs at run time: glibc ≥ 2.34');
    expect(contents.value).not.toMatch(/\*\*|`/);
  }, T);

  it('explains the CGO101 diagnostic on the COPY --from', async () => {
    const c = await open(pushOnlyCapabilities());
    const value = ((await hover(c, { line: 6, character: 2 }))!.contents as MarkupContent).value;
    expect(value).toContain('**CGO101** — A dynamically linked binary is copied into an image that has no matching libc loader (error)');
    expect(value).toContain('- **Verdict:** **will not start**');
  }, T);

  it('null where there is nothing to explain, and for unknown documents', async () => {
    const c = await open(pushOnlyCapabilities());
    expect(await hover(c, { line: 1, character: 2 })).toBeNull();
    expect(await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///work/other' }, position: GO_BUILD })).toBeNull();
  }, T);
});

describe('inlay hints over stdio', () => {
  it('after the go command and after each FROM, within the requested range', async () => {
    const c = await open(pullCapabilities());
    const hints = (await c.conn.sendRequest('textDocument/inlayHint', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } },
    })) as InlayHint[];
    expect(hints.map((h) => [h.position.line, h.position.character, h.label, h.paddingLeft])).toEqual([
      [0, 25, 'glibc 2.36', true],
      [3, 26, 'CGO_ENABLED=1 · dynamic glibc ≥ 2.34', true],
      [5, 12, 'no libc', true],
    ]);
  }, T);

  it('none when cgoLens.inlayHints.enable is false', async () => {
    client = await startServer({ capabilities: pullCapabilities(), configuration: () => ({ inlayHints: { enable: false } }) });
    await client.open(URI, GLIBC_ON_SCRATCH);
    const hints = await client.conn.sendRequest('textDocument/inlayHint', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } },
    });
    expect(hints).toEqual([]);
  }, T);
});
