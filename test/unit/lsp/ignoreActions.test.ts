/**
 * The "ignore" pragma edits, checked the way DESIGN §8 asks of every fix: apply the edit, re-analyse with the real
 * engine, and the ignored finding is gone while every other finding stays (at its line, shifted by an inserted line).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CgoLensService } from '../../../server/src/service/service';
import { fileKindOf } from '../../../server/src/service/fileKind';
import type { Finding, TextEditSpec } from '../../../server/src/rules/types';
import type { PragmaScope } from '../../../server/src/config/pragmas';
import { ignoreActions, ignoreEdits, type IgnoreTarget } from '../../../server/src/lsp/ignoreActions';
import { findingToDiagnostic } from '../../../server/src/lsp/convert';

let service: CgoLensService;
beforeAll(async () => {
  service = await CgoLensService.create({ log: { info: () => undefined, error: (m) => { throw new Error(m); } } });
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

const SCRIPT = ['#!/bin/sh', 'set -e', 'go build -installsuffix cgo -o app .', 'CGO_ENABLED=2 go build -o app2 .', ''].join('\n');

const MAKEFILE = ['build:', '\tgo build -installsuffix cgo -o app .', '\tCGO_ENABLED=yes go build -o app2 .', ''].join('\n');

const WORKFLOW = [
  'on: push',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: go build -installsuffix cgo ./...',
  '      - run: |',
  '          CGO_ENABLED=2 go build ./...',
  '',
].join('\n');

const URIS = {
  dockerfile: 'file:///w/Dockerfile',
  shell: 'file:///w/build.sh',
  makefile: 'file:///w/Makefile',
  workflow: 'file:///w/.github/workflows/ci.yml',
} as const;

function analyze(uri: string, text: string): Finding[] {
  return service.analyze({ uri, text }).findings;
}

/** `code@line` of every finding, sorted; lines at or after `shiftFrom` moved down by `shiftBy`. */
function keys(findings: readonly Finding[], shiftFrom = Infinity, shiftBy = 1): string[] {
  return findings.map((f) => `${f.code}@${f.loc.range.start.line >= shiftFrom ? f.loc.range.start.line + shiftBy : f.loc.range.start.line}`).sort();
}

function apply(text: string, edits: readonly TextEditSpec[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 0, text), edits.map((e) => ({ range: e.range, newText: e.newText })));
}

function target(uri: string, text: string, f: Finding): IgnoreTarget {
  const lines = service.stageStartLines({ uri, text });
  const fromLine = f.stage === undefined ? undefined : lines[f.stage];
  return { code: f.code, line: f.loc.range.start.line, stage: f.stage !== undefined && fromLine !== undefined ? { index: f.stage, fromLine } : undefined };
}

/**
 * Ignore `f` with the `scope` action; return the new text and the findings before/after. `suppressed` are the findings
 * (besides `f`) that the pragma is expected to silence as well.
 */
function ignore(uri: string, text: string, pick: (f: Finding) => boolean, scope: PragmaScope) {
  const before = analyze(uri, text);
  const f = before.find(pick);
  if (!f) throw new Error(`no such finding in ${uri}: ${keys(before).join(' ')}`);
  const edit = ignoreEdits(uri, text, fileKindOf(uri)!, target(uri, text, f)).find((e) => e.scope === scope);
  if (!edit) throw new Error(`no ${scope} action`);
  expect(edit.edits).toHaveLength(1);
  const after = apply(text, edit.edits);
  const e = edit.edits[0]!;
  const inserted = e.newText.endsWith('\n') ? e.range.start.line : Infinity;
  return { f, edit, text: after, before, after: analyze(uri, after), inserted };
}

describe('Ignore on this line', () => {
  it('Dockerfile: a pragma above the instruction start (not the continuation line) silences only that code there', () => {
    const r = ignore(URIS.dockerfile, DOCKERFILE, (f) => f.code === 'CGO504', 'line');
    expect(r.edit.title).toBe('Ignore CGO504 on this line');
    expect(r.text.split('\n').slice(4, 6)).toEqual(['# cgo-lens ignore=CGO504', 'RUN go build -o /out/app . && \\']);
    expect(keys(r.after)).toEqual(keys(r.before.filter((f) => f !== r.f), r.inserted));
    expect(r.after.some((f) => f.code === 'CGO202')).toBe(true);
  });

  it('Dockerfile: only the CGO101 of that COPY goes; the one on the next COPY stays', () => {
    const r = ignore(URIS.dockerfile, DOCKERFILE, (f) => f.code === 'CGO101', 'line');
    expect(r.f.loc.range.start.line).toBe(8);
    expect(r.text.split('\n')[8]).toBe('# cgo-lens ignore=CGO101');
    expect(keys(r.after)).toEqual(keys(r.before.filter((f) => f !== r.f), r.inserted));
    expect(keys(r.after)).toContain('CGO101@10');
  });

  it('appends to the ignore pragma already above the instruction, keeping its # reason', () => {
    const text = DOCKERFILE.replace('RUN go build', '# cgo-lens ignore=CGO202 # decided by the builder image\nRUN go build');
    const r = ignore(URIS.dockerfile, text, (f) => f.code === 'CGO504', 'line');
    expect(r.edit.edits[0]!.newText).toBe(',CGO504');
    expect(r.text.split('\n')[4]).toBe('# cgo-lens ignore=CGO202,CGO504 # decided by the builder image');
    expect(keys(r.after)).toEqual(keys(r.before.filter((f) => f !== r.f)));
  });

  it('shell script: same indentation, above the command', () => {
    const text = SCRIPT.replace('CGO_ENABLED=2 go build -o app2 .', 'if true; then\n  CGO_ENABLED=2 go build -o app2 .\nfi');
    const r = ignore(URIS.shell, text, (f) => f.code === 'CGO205', 'line');
    expect(r.text.split('\n').slice(4, 6)).toEqual(['  # cgo-lens ignore=CGO205', '  CGO_ENABLED=2 go build -o app2 .']);
    expect(keys(r.after)).toEqual(keys(r.before.filter((f) => f !== r.f), r.inserted));
  });

  it('Makefile recipe: the pragma goes at column 0 (a make comment, not a command the shell would echo)', () => {
    const r = ignore(URIS.makefile, MAKEFILE, (f) => f.code === 'CGO504', 'line');
    expect(r.text.split('\n').slice(1, 3)).toEqual(['# cgo-lens ignore=CGO504', '\tgo build -installsuffix cgo -o app .']);
    expect(keys(r.after)).toEqual(keys(r.before.filter((f) => f !== r.f), r.inserted));
    expect(r.after.map((f) => f.code)).toContain('CGO202');
  });

  it('workflow YAML: above the step, and inside a run: | block (a shell comment there)', () => {
    const a = ignore(URIS.workflow, WORKFLOW, (f) => f.code === 'CGO504', 'line');
    expect(a.text.split('\n')[5]).toBe('      # cgo-lens ignore=CGO504');
    expect(keys(a.after)).toEqual(keys(a.before.filter((f) => f !== a.f), a.inserted));

    const b = ignore(URIS.workflow, WORKFLOW, (f) => f.code === 'CGO205', 'line');
    expect(b.text.split('\n').slice(6, 9)).toEqual(['      - run: |', '          # cgo-lens ignore=CGO205', '          CGO_ENABLED=2 go build ./...']);
    expect(keys(b.after)).toEqual(keys(b.before.filter((f) => f !== b.f), b.inserted));
  });

  it('appends to a trailing pragma on the same line (YAML)', () => {
    const text = WORKFLOW.replace('go build -installsuffix cgo ./...', 'go build -installsuffix cgo ./... # cgo-lens ignore=CGO202');
    const r = ignore(URIS.workflow, text, (f) => f.code === 'CGO504', 'line');
    expect(r.text.split('\n')[5]).toBe('      - run: go build -installsuffix cgo ./... # cgo-lens ignore=CGO202,CGO504');
    expect(keys(r.after)).toEqual(keys(r.before.filter((f) => f !== r.f)));
  });

  it('keeps CRLF line endings', () => {
    const text = DOCKERFILE.replace(/\n/g, '\r\n');
    const r = ignore(URIS.dockerfile, text, (f) => f.code === 'CGO101', 'line');
    expect(r.edit.edits[0]!.newText).toBe('# cgo-lens ignore=CGO101\r\n');
    expect(keys(r.after)).toEqual(keys(r.before.filter((f) => f !== r.f), r.inserted));
  });
});

describe('Ignore in this stage', () => {
  it('Dockerfile: above the stage FROM; both CGO101s of the stage go, everything else stays', () => {
    const r = ignore(URIS.dockerfile, DOCKERFILE, (f) => f.code === 'CGO101', 'stage');
    expect(r.edit.title).toBe('Ignore CGO101 in this stage');
    expect(r.text.split('\n').slice(7, 9)).toEqual(['# cgo-lens stage ignore=CGO101', 'FROM scratch']);
    expect(r.after.filter((f) => f.code === 'CGO101')).toEqual([]);
    expect(keys(r.after)).toEqual(keys(r.before.filter((f) => f.code !== 'CGO101'), r.inserted));
  });

  it('appends to the stage pragma already above that FROM', () => {
    const text = DOCKERFILE.replace('FROM scratch', '# cgo-lens stage ignore=CGO105\nFROM scratch');
    const r = ignore(URIS.dockerfile, text, (f) => f.code === 'CGO101', 'stage');
    expect(r.text.split('\n')[7]).toBe('# cgo-lens stage ignore=CGO105,CGO101');
    expect(keys(r.after)).toEqual(keys(r.before.filter((f) => f.code !== 'CGO101')));
  });

  it('is offered only for Dockerfile findings with a stage, and only while the FROM line is still there', () => {
    const f = analyze(URIS.dockerfile, DOCKERFILE).find((x) => x.code === 'CGO101')!;
    const t = target(URIS.dockerfile, DOCKERFILE, f);
    expect(t.stage).toEqual({ index: 1, fromLine: 7 });
    const moved = { ...t, stage: { index: 1, fromLine: 8 } };
    expect(ignoreEdits(URIS.dockerfile, DOCKERFILE, 'dockerfile', moved).map((e) => e.scope)).toEqual(['line', 'global']);
    const sh = analyze(URIS.shell, SCRIPT)[0]!;
    expect(ignoreEdits(URIS.shell, SCRIPT, 'shell', { code: sh.code, line: 2, stage: { index: 0, fromLine: 0 } }).map((e) => e.scope)).toEqual(['line', 'global']);
  });
});

describe('Ignore in this file', () => {
  it('Dockerfile: after the parser directives, which must stay first', () => {
    const r = ignore(URIS.dockerfile, DOCKERFILE, (f) => f.code === 'CGO101', 'global');
    expect(r.edit.title).toBe('Ignore CGO101 in this file');
    expect(r.text.split('\n').slice(0, 3)).toEqual(['# syntax=docker/dockerfile:1', '# cgo-lens global ignore=CGO101', 'FROM golang:1.22 AS build']);
    expect(keys(r.after)).toEqual(keys(r.before.filter((f) => f.code !== 'CGO101'), r.inserted));
  });

  it('Dockerfile without directives: the very first line', () => {
    const text = DOCKERFILE.split('\n').slice(1).join('\n');
    const r = ignore(URIS.dockerfile, text, (f) => f.code === 'CGO504', 'global');
    expect(r.text.split('\n')[0]).toBe('# cgo-lens global ignore=CGO504');
    expect(keys(r.after)).toEqual(keys(r.before.filter((f) => f.code !== 'CGO504'), r.inserted));
  });

  it('shell script: after the shebang; appends to an existing global pragma', () => {
    const r = ignore(URIS.shell, SCRIPT, (f) => f.code === 'CGO202', 'global');
    expect(r.text.split('\n').slice(0, 2)).toEqual(['#!/bin/sh', '# cgo-lens global ignore=CGO202']);
    expect(keys(r.after)).toEqual(keys(r.before.filter((f) => f.code !== 'CGO202'), r.inserted));

    const again = ignore(URIS.shell, r.text, (f) => f.code === 'CGO205', 'global');
    expect(again.text.split('\n')[1]).toBe('# cgo-lens global ignore=CGO202,CGO205');
    expect(keys(again.after)).toEqual(keys(again.before.filter((f) => f.code !== 'CGO205')));
  });

  it('Makefile and workflow: first line', () => {
    for (const [uri, text, code] of [[URIS.makefile, MAKEFILE, 'CGO205'], [URIS.workflow, WORKFLOW, 'CGO202']] as const) {
      const r = ignore(uri, text, (f) => f.code === code, 'global');
      expect(r.text.split('\n')[0]).toBe(`# cgo-lens global ignore=${code}`);
      expect(keys(r.after)).toEqual(keys(r.before.filter((f) => f.code !== code), r.inserted));
    }
  });

  it('a file of nothing but directives and no final newline gets the pragma on a new last line', () => {
    const [e] = ignoreEdits(URIS.dockerfile, '# syntax=x', 'dockerfile', { code: 'CGO101', line: 0 }).filter((x) => x.scope === 'global');
    expect(apply('# syntax=x', e!.edits)).toBe('# syntax=x\n# cgo-lens global ignore=CGO101');
  });
});

describe('ignoreActions', () => {
  const features = { codeActionLiterals: true, documentChanges: false, configuration: true };
  const diagnostics = () => {
    const result = service.analyze({ uri: URIS.dockerfile, text: DOCKERFILE });
    const lines = service.stageStartLines({ uri: URIS.dockerfile, text: DOCKERFILE });
    return result.findings.map((f) => findingToDiagnostic(f, URIS.dockerfile, { relatedInformation: true, codeDescription: true, unnecessaryTag: true }, lines));
  };

  it('quickfix actions, never preferred, linked to the diagnostic; disable-in-settings as a cgoLens.disableRule command', () => {
    const d = diagnostics().find((x) => x.code === 'CGO101')!;
    expect(d.data).toMatchObject({ stage: 1, stageLine: 7 });
    const actions = ignoreActions([d], { uri: URIS.dockerfile, text: DOCKERFILE, kind: 'dockerfile', features, versionOf: () => 3, stageOf: () => ({ index: 1, fromLine: 7 }) });
    expect(actions.map((a) => a.title)).toEqual([
      'Ignore CGO101 on this line',
      'Ignore CGO101 in this stage',
      'Ignore CGO101 in this file',
      'Disable CGO101 in settings',
    ]);
    for (const a of actions) {
      expect(a).toMatchObject({ kind: 'quickfix', diagnostics: [d] });
      expect('isPreferred' in a).toBe(false);
    }
    expect(actions[3]).toMatchObject({ command: { command: 'cgoLens.disableRule', arguments: ['CGO101', URIS.dockerfile] } });
  });

  it('no disable action without workspace/configuration; commands (cgoLens.applyFix) without literal support', () => {
    const d = diagnostics().find((x) => x.code === 'CGO504')!;
    const ctx = { uri: URIS.dockerfile, text: DOCKERFILE, kind: 'dockerfile' as const, versionOf: () => 3, stageOf: () => undefined };
    const plain = ignoreActions([d], { ...ctx, features: { ...features, configuration: false, codeActionLiterals: false } });
    expect(plain.map((a) => [a.title, (a as { command?: unknown }).command])).toEqual([
      ['Ignore CGO504 on this line', 'cgoLens.applyFix'],
      ['Ignore CGO504 in this file', 'cgoLens.applyFix'],
    ]);
  });

  it('one "in this file" / "in settings" action for several diagnostics of the same rule', () => {
    const ds = diagnostics().filter((x) => x.code === 'CGO101');
    expect(ds).toHaveLength(2);
    const actions = ignoreActions(ds, { uri: URIS.dockerfile, text: DOCKERFILE, kind: 'dockerfile', features, versionOf: () => 1, stageOf: () => ({ index: 1, fromLine: 7 }) });
    expect(actions.map((a) => a.title)).toEqual([
      'Ignore CGO101 on this line',
      'Ignore CGO101 in this stage',
      'Ignore CGO101 in this file',
      'Disable CGO101 in settings',
      'Ignore CGO101 on this line', // the second COPY: another line, another edit
    ]);
  });

  it('a diagnostic past the end of the document (stale) gets no actions', () => {
    const d = { range: { start: { line: 99, character: 0 }, end: { line: 99, character: 1 } }, message: 'm', source: 'cgo-lens', code: 'CGO101' };
    expect(ignoreActions([d], { uri: URIS.dockerfile, text: DOCKERFILE, kind: 'dockerfile', features, versionOf: () => 1, stageOf: () => undefined })).toEqual([]);
  });

  it('go.mod (// comments) gets no pragma actions, only disable-in-settings', () => {
    const d = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'm', source: 'cgo-lens', code: 'CGO202' };
    const actions = ignoreActions([d], { uri: 'file:///w/go.mod', text: 'module x\n', kind: 'gomod', features, versionOf: () => 1, stageOf: () => undefined });
    expect(actions.map((a) => a.title)).toEqual(['Disable CGO202 in settings']);
  });
});
