import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileChangeType } from 'vscode-languageserver/node';
import { startIndexing, onWatchedFiles, type IndexingConnection } from '../../../server/src/lsp/workspaceIndexing';
import type { WorkspaceIndex } from '../../../server/src/workspace/index/index';
import { GO } from './harness';

let tmp: string;
beforeEach(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cgo-lens-lsp-index-')));
  fs.writeFileSync(path.join(tmp, 'go.mod'), GO.mod());
  fs.writeFileSync(path.join(tmp, 'main.go'), GO.main(['"fmt"']));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Sent {
  requests: { method: string; params: unknown }[];
  progress: { token: unknown; value: { kind: string; title?: string; message?: string } }[];
  logs: string[];
}

function fakeConnection(refuseCreate = false): IndexingConnection & { sent: Sent } {
  const sent: Sent = { requests: [], progress: [], logs: [] };
  return {
    sent,
    sendRequest: (async (type: { method: string } | string, params: unknown) => {
      sent.requests.push({ method: typeof type === 'string' ? type : type.method, params });
      if (refuseCreate) throw new Error('refused');
      return null;
    }) as unknown as IndexingConnection['sendRequest'],
    sendProgress: (async (_type: unknown, token: unknown, value: Sent['progress'][number]['value']) => {
      sent.progress.push({ token, value });
    }) as unknown as IndexingConnection['sendProgress'],
    console: { info: (m: string) => void sent.logs.push(m), error: (m: string) => void sent.logs.push(`ERROR ${m}`) },
  };
}

function fakeService() {
  const s = { index: undefined as WorkspaceIndex | undefined, setIndex: (i: WorkspaceIndex | undefined) => void (s.index = i) };
  return s;
}

describe('LSP workspace indexing', () => {
  it('scans in the background with work-done progress (create, begin, end) and re-validates when done', async () => {
    const conn = fakeConnection();
    const svc = fakeService();
    let revalidated = 0;
    const indexing = startIndexing(conn, svc, [tmp], { window: { workDoneProgress: true } }, { revalidate: () => revalidated++ });
    // The service has the index at once, but it is not ready: first diagnostics do not wait for the scan.
    expect(svc.index).toBe(indexing.index);
    expect(indexing.index.isReady()).toBe(false);
    await indexing.ready;
    expect(indexing.index.isReady()).toBe(true);
    expect(indexing.index.goFileCount()).toBe(1);
    expect(revalidated).toBe(1);
    expect(conn.sent.requests.map((r) => r.method)).toEqual(['window/workDoneProgress/create']);
    const token = (conn.sent.requests[0].params as { token: string }).token;
    const kinds = conn.sent.progress.map((p) => p.value.kind);
    expect(conn.sent.progress.every((p) => p.token === token)).toBe(true);
    expect([kinds[0], kinds[kinds.length - 1]]).toEqual(['begin', 'end']);
    expect(kinds.slice(1, -1).every((k) => k === 'report')).toBe(true);
    expect(conn.sent.progress[0].value.title).toBe('CGO Lens: indexing Go sources');
    expect(conn.sent.progress[kinds.length - 1].value.message).toBe('Indexed 1 Go files and 1 go.mod/go.work');
    expect(conn.sent.logs.some((l) => l.startsWith('CGO Lens: indexed 1 Go files'))).toBe(true);
  });

  it('no progress requests when the client does not support window.workDoneProgress', async () => {
    const conn = fakeConnection();
    const indexing = startIndexing(conn, fakeService(), [tmp], {});
    await indexing.ready;
    expect(conn.sent.requests).toEqual([]);
    expect(conn.sent.progress).toEqual([]);
    expect(indexing.index.isReady()).toBe(true);
  });

  it('a client that refuses the progress token still gets the scan', async () => {
    const conn = fakeConnection(true);
    const indexing = startIndexing(conn, fakeService(), [tmp], { window: { workDoneProgress: true } });
    await indexing.ready;
    expect(conn.sent.progress).toEqual([]);
    expect(indexing.index.goFileCount()).toBe(1);
  });

  it('watched-file events update go.mod / *.go facts and re-validate; other files do not', async () => {
    let revalidated = 0;
    const indexing = startIndexing(fakeConnection(), fakeService(), [tmp], undefined, { revalidate: () => revalidated++ });
    await indexing.ready;
    revalidated = 0;
    const db = path.join(tmp, 'db.go');
    fs.writeFileSync(db, 'package main\nimport "C"\n');
    expect(onWatchedFiles(indexing, [{ uri: pathToFileURL(db).href, type: FileChangeType.Created }])).toBe(true);
    expect(indexing.index.goFile(pathToFileURL(db).href)?.facts.importsC).toBeDefined();
    expect(revalidated).toBe(1);
    fs.rmSync(db);
    expect(indexing.onWatchedFiles([{ uri: pathToFileURL(db).href, type: FileChangeType.Deleted }])).toBe(true);
    expect(indexing.index.goFile(pathToFileURL(db).href)).toBeUndefined();
    expect(indexing.onWatchedFiles([{ uri: pathToFileURL(path.join(tmp, 'README.md')).href, type: FileChangeType.Changed }])).toBe(false);
    const dockerfile = path.join(tmp, 'Dockerfile');
    fs.writeFileSync(dockerfile, 'FROM scratch\n');
    expect(indexing.onWatchedFiles([{ uri: pathToFileURL(dockerfile).href, type: FileChangeType.Created }])).toBe(false);
    expect(indexing.index.buildFiles()).toContain(pathToFileURL(dockerfile).href);
    expect(revalidated).toBe(2);
  });

  it('dispose cancels a running scan', async () => {
    for (let i = 0; i < 200; i++) {
      fs.mkdirSync(path.join(tmp, `p${i}`));
      fs.writeFileSync(path.join(tmp, `p${i}`, 'x.go'), `package p${i}\n`);
    }
    let revalidated = 0;
    const indexing = startIndexing(fakeConnection(), fakeService(), [tmp], undefined, { revalidate: () => revalidated++ });
    indexing.dispose();
    await indexing.ready;
    expect(revalidated).toBe(0);
    expect(indexing.index.isReady()).toBe(false);
  });
});
