/**
 * The workspace index end to end, against the bundled server with a real folder on disk: the background scan
 * finds the module and its imports, the Dockerfile's diagnostics are refined when it is ready, and a watched-file
 * event for a changed .go file updates the index and re-validates the open Dockerfile.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { pushOnlyCapabilities, startServer, type LspClient } from './harness';

const T = 15_000;
let client: LspClient | undefined;
let dir: string | undefined;
afterEach(() => {
  client?.dispose();
  client = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const GOMOD = 'module example.com/notes\n\ngo 1.24\n\nrequire github.com/mattn/go-sqlite3 v1.14.22\n';
const MAIN_SQLITE = 'package main\n\nimport (\n\t"database/sql"\n\n\t_ "github.com/mattn/go-sqlite3"\n)\n\nfunc main() { sql.Open("sqlite3", "x.db") }\n';
const MAIN_PLAIN = 'package main\n\nfunc main() {}\n';
const DOCKERFILE = 'FROM golang:1.24 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/notes .\nFROM scratch\nCOPY --from=build /out/notes /notes\n';

describe('workspace index over LSP', () => {
  it('reports CGO301 once the index is ready, and clears it when main.go stops importing go-sqlite3', async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cgo-lens-index-')));
    fs.writeFileSync(path.join(dir, 'go.mod'), GOMOD);
    fs.writeFileSync(path.join(dir, 'main.go'), MAIN_SQLITE);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
    const root = pathToFileURL(dir).href;
    const c = (client = await startServer({
      capabilities: pushOnlyCapabilities(),
      initializationOptions: { debounceMs: 0 },
      rootUri: root,
      workspaceFolders: [{ uri: root, name: 'notes' }],
    }));
    const doc = pathToFileURL(path.join(dir, 'Dockerfile')).href;
    await c.open(doc, DOCKERFILE);
    const withStub = await c.diagnostics(doc, (p) => p.diagnostics.some((d) => d.code === 'CGO301'));
    const cgo301 = withStub.diagnostics.find((d) => d.code === 'CGO301')!;
    expect(cgo301.range.start.line).toBe(3);
    expect(cgo301.message).toContain("Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub");

    const before = c.published.length;
    fs.writeFileSync(path.join(dir, 'main.go'), MAIN_PLAIN);
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(dir, 'main.go')).href, type: FileChangeType.Changed }],
    });
    const after = await c.diagnostics(doc, () => true, before);
    expect(after.diagnostics.map((d) => d.code)).not.toContain('CGO301');
    expect(c.errorLogs()).toEqual([]);
  }, T);
});
