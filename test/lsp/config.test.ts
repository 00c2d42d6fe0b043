/**
 * `.cgo-lens.yaml` end to end, against the bundled server (`node dist/server.js --stdio`) with a real workspace
 * folder on disk: the file changes what the Dockerfile reports, an open config with mistakes gets ranged error
 * diagnostics, and editing it re-validates the Dockerfile. Plus the manifest side: the schema VS Code's YAML support
 * validates the file with, and that it ships.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, FileChangeType } from 'vscode-languageserver-protocol/node';
import { GLIBC_ON_SCRATCH, ROOT, pullCapabilities, pushOnlyCapabilities, startServer, type LspClient, type StartOptions } from './harness';

const T = 10_000;
let client: LspClient | undefined;
const tmp: string[] = [];
afterEach(() => {
  client?.dispose();
  client = undefined;
  for (const d of tmp.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A workspace folder on disk with `files` (relative path → text). */
function workspace(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cgo-lens-e2e-')));
  tmp.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}
const url = (p: string) => pathToFileURL(p).href;

async function start(dir: string, options: Partial<StartOptions> = {}): Promise<LspClient> {
  client = await startServer({
    capabilities: pushOnlyCapabilities(),
    initializationOptions: { debounceMs: 0 },
    rootUri: url(dir),
    workspaceFolders: [{ uri: url(dir), name: path.basename(dir) }],
    ...options,
  });
  return client;
}

const codes = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.map((d) => d.code).sort();

describe('.cgo-lens.yaml', () => {
  it('ignored: [CGO101] in the workspace folder removes the Dockerfile\'s CGO101 (and only in that folder)', async () => {
    const dir = workspace({ '.cgo-lens.yaml': 'ignored: [CGO101]\n', 'svc/Dockerfile': GLIBC_ON_SCRATCH });
    const bare = workspace({ Dockerfile: GLIBC_ON_SCRATCH });
    const c = await start(dir, { workspaceFolders: [{ uri: url(dir), name: 'a' }, { uri: url(bare), name: 'b' }] });
    const doc = url(path.join(dir, 'svc', 'Dockerfile'));
    const other = url(path.join(bare, 'Dockerfile'));
    await c.open(doc, GLIBC_ON_SCRATCH);
    await c.open(other, GLIBC_ON_SCRATCH);
    expect(codes(await c.diagnosticsAt(other, 1))).toContain('CGO101');
    expect(codes(await c.diagnosticsAt(doc, 1))).not.toContain('CGO101');
    expect(c.errorLogs()).toEqual([]);
  }, T);

  it('override levels apply, and an explicit editor setting wins over the file', async () => {
    const dir = workspace({ '.cgo-lens.yaml': 'override:\n  warning: [CGO101]\n' });
    const doc = url(path.join(dir, 'Dockerfile'));
    const c = await start(dir);
    await c.open(doc, GLIBC_ON_SCRATCH);
    expect((await c.diagnosticsAt(doc, 1)).diagnostics.filter((d) => d.code === 'CGO101').map((d) => d.severity)).toEqual([DiagnosticSeverity.Warning]);
    c.dispose();

    const pull = await start(dir, { capabilities: pullCapabilities(), configuration: () => ({ rules: { CGO101: 'error' } }) });
    await pull.open(doc, GLIBC_ON_SCRATCH);
    const r = await pull.pull(doc);
    expect(r.kind === 'full' ? r.items.filter((d) => d.code === 'CGO101').map((d) => d.severity) : null).toEqual([DiagnosticSeverity.Error]);
  }, T);

  it('an invalid .cgo-lens.yaml open in the editor gets cgo-lens.config error diagnostics with ranges', async () => {
    const text = ['ignored: [CGO101, CGO999]', 'override:', '  warn: [CGO202]', 'failure-threshold: loud', ''].join('\n');
    const dir = workspace({ '.cgo-lens.yaml': text });
    const cfg = url(path.join(dir, '.cgo-lens.yaml'));
    const c = await start(dir);
    await c.open(cfg, text, 'yaml');
    const p = await c.diagnosticsAt(cfg, 1);
    expect(p.diagnostics.length).toBe(3);
    for (const d of p.diagnostics) expect(d).toMatchObject({ severity: DiagnosticSeverity.Error, source: 'cgo-lens', code: 'cgo-lens.config' });
    const at = (needle: string) => p.diagnostics.find((d) => typeof d.message === 'string' && d.message.includes(needle));
    expect(at('CGO999')!.range).toEqual({ start: { line: 0, character: 18 }, end: { line: 0, character: 24 } });
    expect(at('warn')!.message).toContain('did you mean "warning"?');
    expect(at('warn')!.range).toEqual({ start: { line: 2, character: 2 }, end: { line: 2, character: 6 } });
    expect(at('failure-threshold')!.range.start).toEqual({ line: 3, character: 19 });
    // Not findings: no code description, no fixes, nothing to ignore.
    expect(p.diagnostics.every((d) => d.codeDescription === undefined)).toBe(true);
    expect(await c.codeActions(cfg, p.diagnostics[0]!.range, p.diagnostics)).toEqual([]);
    // Fixed in the editor: the diagnostics go.
    await c.change(cfg, 2, [{ text: 'ignored: [CGO101]\n' }]);
    expect((await c.diagnosticsAt(cfg, 2)).diagnostics).toEqual([]);
  }, T);

  it('editing the open config (didChange, unsaved) re-validates the Dockerfile', async () => {
    const dir = workspace({ '.cgo-lens.yaml': 'ignored: []\n' });
    const cfg = url(path.join(dir, '.cgo-lens.yaml'));
    const doc = url(path.join(dir, 'Dockerfile'));
    const c = await start(dir);
    await c.open(doc, GLIBC_ON_SCRATCH);
    expect(codes(await c.diagnosticsAt(doc, 1))).toContain('CGO101');
    await c.open(cfg, 'ignored: []\n', 'yaml');
    await c.diagnosticsAt(cfg, 1);
    let before = c.published.length;
    await c.change(cfg, 2, [{ range: { start: { line: 0, character: 10 }, end: { line: 0, character: 10 } }, text: 'CGO101' }]);
    expect(codes(await c.diagnostics(doc, (p) => p.version === 1, before))).not.toContain('CGO101');
    // A broken edit: the valid part still applies, the error shows on the config.
    before = c.published.length;
    await c.change(cfg, 3, [{ text: 'ignored: [CGO101]\nbogus: 1\n' }]);
    expect((await c.diagnosticsAt(cfg, 3)).diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['cgo-lens.config', 1]]);
    // The Dockerfile's diagnostics did not change, so nothing new is published for it: the last publish stands.
    const latest = [...c.published].reverse().find((p) => p.uri === doc);
    expect(codes(latest!)).not.toContain('CGO101');
    // Back to an empty list: CGO101 returns.
    before = c.published.length;
    await c.change(cfg, 4, [{ text: 'ignored: []\n' }]);
    expect(codes(await c.diagnostics(doc, () => true, before))).toContain('CGO101');
  }, T);

  it('a config saved outside the editor applies on the watched-file event; its problems go to the log once', async () => {
    const dir = workspace({});
    const cfgPath = path.join(dir, '.cgo-lens.yaml');
    const doc = url(path.join(dir, 'Dockerfile'));
    const c = await start(dir);
    await c.open(doc, GLIBC_ON_SCRATCH);
    expect(codes(await c.diagnosticsAt(doc, 1))).toContain('CGO101');
    fs.writeFileSync(cfgPath, 'ignored: [CGO101]\nignore: [CGO202]\n');
    const before = c.published.length;
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: url(cfgPath), type: FileChangeType.Created }] });
    expect(codes(await c.diagnostics(doc, () => true, before))).not.toContain('CGO101');
    await c.change(doc, 2, [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: '#' }]);
    await c.diagnosticsAt(doc, 2);
    const warnings = c.logs.filter((l) => l.type === 2 && l.message.includes('unknown key "ignore"')).map((l) => l.message);
    expect(warnings).toEqual([`${cfgPath}:2:1: unknown key "ignore" (expected ignored, override, failure-threshold, images)`]);
  }, T);
});

describe('manifest', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  it('contributes the .cgo-lens.yaml schema to VS Code\'s YAML validation', () => {
    expect(pkg.contributes.yamlValidation).toEqual([{ fileMatch: ['.cgo-lens.yaml', '.cgo-lens.yml'], url: './schemas/cgo-lens.schema.json' }]);
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'cgo-lens.schema.json'), 'utf8'));
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('.vscodeignore ships the schema', () => {
    const lines = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split(/\r?\n/).map((l) => l.trim());
    expect(lines).toContain('**');
    expect(lines.some((l) => l.startsWith('!schemas/') && (l.endsWith('**') || l.endsWith('*.schema.json') || l.endsWith('*.json')))).toBe(true);
  });
});
