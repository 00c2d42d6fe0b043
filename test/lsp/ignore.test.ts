/**
 * "Ignore" code actions end to end against the bundled server: every action is applied the way an editor would, the
 * document is sent back, and the server must no longer report that finding while reporting every other one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { applyWorkspaceEdit, isCodeAction, pullCapabilities, pushOnlyCapabilities, startServer, type LspClient } from './harness';

const T = 15_000;
let client: LspClient | undefined;
afterEach(() => {
  client?.dispose();
  client = undefined;
});

const DOCKERFILE = [
  '# syntax=docker/dockerfile:1',
  'FROM golang:1.22 AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN go build -o /out/app . && \\',
  '    go build -a -installsuffix cgo -o /out/tool ./tool',
  '',
  'FROM scratch',
  'COPY --from=build /out/app /app',
  'COPY --from=build /out/tool /tool',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');

/** `code@line` of each diagnostic, sorted; lines at or after `shiftFrom` moved down by one (an inserted pragma line). */
function keys(ds: readonly Diagnostic[], shiftFrom = Infinity): string[] {
  return ds.map((d) => `${d.code}@${d.range.start.line >= shiftFrom ? d.range.start.line + 1 : d.range.start.line}`).sort();
}

/** The line an edit inserts a whole line at (pragma above a line), or Infinity when it only appends to a line. */
function insertedLine(edit: WorkspaceEdit): number {
  const edits = [...Object.values(edit.changes ?? {}).flat(), ...(edit.documentChanges ?? []).flatMap((c) => ('edits' in c ? c.edits : []))];
  const e = edits[0]!;
  return 'newText' in e && e.newText.endsWith('\n') ? e.range.start.line : Infinity;
}

let n = 0;
/**
 * Open `text` under a fresh URI, find the diagnostic `pick` selects, apply the action titled `title`, send the result
 * and return the diagnostics before and after (and what was expected to go).
 */
async function applyIgnore(c: LspClient, file: string, languageId: string, text: string, pick: (d: Diagnostic) => boolean, title: (code: string) => string) {
  const uri = `file:///work/ignore-${++n}/${file}`;
  await c.open(uri, text, languageId);
  const before = (await c.diagnosticsAt(uri, 1)).diagnostics;
  const diag = before.find(pick);
  if (!diag) throw new Error(`no such diagnostic in ${file}: ${keys(before).join(' ')}`);
  const actions = ((await c.codeActions(uri, diag.range, [diag])) ?? []).filter(isCodeAction);
  const action = actions.find((a) => a.title === title(String(diag.code)));
  if (!action) throw new Error(`no action "${title(String(diag.code))}" among ${actions.map((a) => a.title).join(' | ')}`);
  const fixed = applyWorkspaceEdit(uri, text, action.edit!);
  await c.change(uri, 2, [{ text: fixed }]);
  const after = (await c.diagnosticsAt(uri, 2)).diagnostics;
  return { uri, diag, action, actions, before, after, fixed, shift: insertedLine(action.edit!) };
}

describe('ignore actions on a Dockerfile', () => {
  const push = () => startServer({ capabilities: pushOnlyCapabilities(), initializationOptions: { debounceMs: 0 } }).then((c) => (client = c));

  it('offers line, stage and file ignores after the fixes, as quickfixes that are never preferred', async () => {
    const c = await push();
    const uri = 'file:///work/offer/Dockerfile';
    await c.open(uri, DOCKERFILE);
    const diags = (await c.diagnosticsAt(uri, 1)).diagnostics;
    const cgo101 = diags.find((d) => d.code === 'CGO101')!;
    expect(cgo101.data).toMatchObject({ stage: 1, stageLine: 7 });
    const actions = ((await c.codeActions(uri, cgo101.range, [cgo101])) ?? []).filter(isCodeAction);
    const ignores = actions.filter((a) => a.title.startsWith('Ignore'));
    expect(ignores.map((a) => a.title)).toEqual(['Ignore CGO101 on this line', 'Ignore CGO101 in this stage', 'Ignore CGO101 in this file']);
    expect(actions.indexOf(ignores[0]!)).toBeGreaterThan(0); // the rule's own fixes come first
    for (const a of ignores) {
      expect(a.kind).toBe('quickfix');
      expect(a.isPreferred).toBeUndefined();
      expect(a.diagnostics).toEqual([cgo101]);
    }
    // No workspace/configuration (Neovim 0.7): no "Disable in settings".
    expect(actions.some((a) => a.title.startsWith('Disable'))).toBe(false);
    // A finding outside any stage-specific place (CGO202 on the build) still gets line and file ignores.
    const cgo202 = diags.find((d) => d.code === 'CGO202')!;
    const titles = ((await c.codeActions(uri, cgo202.range, [cgo202])) ?? []).map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining(['Ignore CGO202 on this line', 'Ignore CGO202 in this file']));
  }, T);

  it('on this line: that CGO101 goes, the CGO101 of the next COPY and everything else stay', async () => {
    const c = await push();
    const r = await applyIgnore(c, 'Dockerfile', 'dockerfile', DOCKERFILE, (d) => d.code === 'CGO101', (code) => `Ignore ${code} on this line`);
    expect(r.fixed.split('\n')[8]).toBe('# cgo-lens ignore=CGO101');
    expect(keys(r.after)).toEqual(keys(r.before.filter((d) => d !== r.diag), r.shift));
    expect(r.after.filter((d) => d.code === 'CGO101')).toHaveLength(1);
  }, T);

  it('on this line, for a finding on a continuation line: the pragma goes above the RUN', async () => {
    const c = await push();
    const r = await applyIgnore(c, 'Dockerfile', 'dockerfile', DOCKERFILE, (d) => d.code === 'CGO504', (code) => `Ignore ${code} on this line`);
    expect(r.diag.range.start.line).toBe(5);
    expect(r.fixed.split('\n').slice(4, 6)).toEqual(['# cgo-lens ignore=CGO504', 'RUN go build -o /out/app . && \\']);
    expect(keys(r.after)).toEqual(keys(r.before.filter((d) => d !== r.diag), r.shift));
  }, T);

  it('on this line, twice: the second ignore is appended to the first pragma', async () => {
    const c = await push();
    const first = await applyIgnore(c, 'Dockerfile', 'dockerfile', DOCKERFILE, (d) => d.code === 'CGO504', (code) => `Ignore ${code} on this line`);
    const second = await applyIgnore(c, 'Dockerfile', 'dockerfile', first.fixed, (d) => d.code === 'CGO202' && d.range.start.line === 6, (code) => `Ignore ${code} on this line`);
    expect(second.fixed.split('\n')[4]).toBe('# cgo-lens ignore=CGO504,CGO202');
    // The pragma covers the whole RUN instruction (both of its lines), so both of its CGO202s go; the rest stays.
    expect(keys(second.after)).toEqual(keys(second.before.filter((d) => d.code !== 'CGO202')));
    expect(second.before.filter((d) => d.code === 'CGO202').map((d) => d.range.start.line)).toEqual([5, 6]);
  }, T);

  it('in this stage: every CGO101 of the runtime stage goes; the rest stays', async () => {
    const c = await push();
    const r = await applyIgnore(c, 'Dockerfile', 'dockerfile', DOCKERFILE, (d) => d.code === 'CGO101', (code) => `Ignore ${code} in this stage`);
    expect(r.fixed.split('\n').slice(7, 9)).toEqual(['# cgo-lens stage ignore=CGO101', 'FROM scratch']);
    expect(keys(r.after)).toEqual(keys(r.before.filter((d) => d.code !== 'CGO101'), r.shift));
  }, T);

  it('in this file: after the # syntax directive, which stays first; the rest stays', async () => {
    const c = await push();
    const r = await applyIgnore(c, 'Dockerfile', 'dockerfile', DOCKERFILE, (d) => d.code === 'CGO101', (code) => `Ignore ${code} in this file`);
    expect(r.fixed.split('\n').slice(0, 2)).toEqual(['# syntax=docker/dockerfile:1', '# cgo-lens global ignore=CGO101']);
    expect(keys(r.after)).toEqual(keys(r.before.filter((d) => d.code !== 'CGO101'), r.shift));
  }, T);

  it('versioned documentChanges when the client supports them', async () => {
    const c = await startServer({ capabilities: pushOnlyCapabilities({ documentChanges: true }), initializationOptions: { debounceMs: 0 } });
    client = c;
    const uri = 'file:///work/versioned/Dockerfile';
    await c.open(uri, DOCKERFILE, 'dockerfile', 5);
    const d = (await c.diagnosticsAt(uri, 5)).diagnostics.find((x) => x.code === 'CGO101')!;
    const a = ((await c.codeActions(uri, d.range, [d])) ?? []).filter(isCodeAction).find((x) => x.title === 'Ignore CGO101 in this stage')!;
    expect(a.edit).toEqual({
      documentChanges: [{ textDocument: { uri, version: 5 }, edits: [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, newText: '# cgo-lens stage ignore=CGO101\n' }] }],
    });
  }, T);
});

describe('ignore actions on scripts, Makefiles and workflows', () => {
  const push = () => startServer({ capabilities: pushOnlyCapabilities(), initializationOptions: { debounceMs: 0 } }).then((c) => (client = c));

  const cases = [
    {
      file: 'build.sh',
      languageId: 'shellscript',
      text: '#!/bin/sh\nset -e\ngo build -installsuffix cgo -o app .\nCGO_ENABLED=2 go build -o app2 .\n',
      line: { code: 'CGO205', expect: [3, '# cgo-lens ignore=CGO205'] },
      file1: [1, '# cgo-lens global ignore=CGO202'],
      fileCode: 'CGO202',
    },
    {
      file: 'Makefile',
      languageId: 'makefile',
      text: 'build:\n\tgo build -installsuffix cgo -o app .\n\tCGO_ENABLED=yes go build -o app2 .\n',
      line: { code: 'CGO504', expect: [1, '# cgo-lens ignore=CGO504'] },
      file1: [0, '# cgo-lens global ignore=CGO205'],
      fileCode: 'CGO205',
    },
    {
      file: '.github/workflows/ci.yml',
      languageId: 'yaml',
      text: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: go build -installsuffix cgo ./...\n      - run: |\n          CGO_ENABLED=2 go build ./...\n',
      line: { code: 'CGO205', expect: [7, '          # cgo-lens ignore=CGO205'] },
      file1: [0, '# cgo-lens global ignore=CGO504'],
      fileCode: 'CGO504',
    },
  ] as const;

  for (const k of cases) {
    it(`${k.file}: on this line and in this file (no stage outside Dockerfiles)`, async () => {
      const c = await push();
      const line = await applyIgnore(c, k.file, k.languageId, k.text, (d) => d.code === k.line.code, (code) => `Ignore ${code} on this line`);
      expect(line.actions.some((a) => a.title.includes('in this stage'))).toBe(false);
      expect(line.fixed.split('\n')[k.line.expect[0]]).toBe(k.line.expect[1]);
      expect(keys(line.after)).toEqual(keys(line.before.filter((d) => d !== line.diag), line.shift));

      const file = await applyIgnore(c, k.file, k.languageId, k.text, (d) => d.code === k.fileCode, (code) => `Ignore ${code} in this file`);
      expect(file.fixed.split('\n')[k.file1[0]]).toBe(k.file1[1]);
      expect(keys(file.after)).toEqual(keys(file.before.filter((d) => d.code !== k.fileCode), file.shift));
    }, T);
  }
});

describe('Disable in settings', () => {
  it('a client with workspace/configuration gets a cgoLens.disableRule command; the setting it writes silences only that rule', async () => {
    let rules: Record<string, string> = {};
    const c = await startServer({
      capabilities: pullCapabilities(),
      initializationOptions: { debounceMs: 0 },
      configuration: (item) => (item.section === 'cgoLens' ? { rules } : null),
    });
    client = c;
    const uri = 'file:///work/disable/Dockerfile';
    await c.open(uri, DOCKERFILE);
    const report = await c.pull(uri);
    const before = report.kind === 'full' ? report.items : [];
    const d = before.find((x) => x.code === 'CGO101')!;
    const actions = ((await c.codeActions(uri, d.range, [d])) ?? []).filter(isCodeAction);
    const disable = actions.find((a) => a.title === 'Disable CGO101 in settings') as CodeAction;
    expect(disable).toMatchObject({ kind: 'quickfix', diagnostics: [d], command: { command: 'cgoLens.disableRule', arguments: ['CGO101', uri] } });
    expect(disable.isPreferred).toBeUndefined();
    expect(disable.edit).toBeUndefined();
    // What the VS Code client does with it: cgoLens.rules.CGO101 = off, then the configuration change.
    rules = { [String(disable.command!.arguments![0])]: 'off' };
    const refreshes = c.refreshRequests;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.waitUntil('workspace/diagnostic/refresh', () => c.refreshRequests > refreshes);
    const again = await c.pull(uri);
    const after = again.kind === 'full' ? again.items : [];
    expect(keys(after)).toEqual(keys(before.filter((x) => x.code !== 'CGO101')));
  }, T);
});
