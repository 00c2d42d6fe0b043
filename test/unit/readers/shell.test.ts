import { beforeAll, describe, expect, it } from 'vitest';
import { clearShellCache, initShellParser, MAX_SHELL_CHARS } from '../../../server/src/shell/parser';
import { readShellScript } from '../../../server/src/readers/shell/reader';
import { fileKindOf, shellShebang } from '../../../server/src/service/fileKind';
import { MemoryWorkspaceFiles } from '../../../server/src/workspace/files';
import type { BuildPlan } from '../../../server/src/model/types';
import { analyzeIn, findings, fixClears, lines, MAKEFILE, only, ROOT, SCRIPT, textAt } from './linked';

beforeAll(() => initShellParser());

function plan(text: string, files: Record<string, string> = {}): BuildPlan {
  return readShellScript(SCRIPT, text, { files: new MemoryWorkspaceFiles({ [SCRIPT]: text, ...files }, ROOT) });
}

const cgo = (text: string) => plan(text).invocations.map((i) => [i.env.CGO_ENABLED?.value, i.cgo.state]);

describe('file kind: shell scripts', () => {
  it.each<[string, string | undefined, string | undefined]>([
    ['file:///w/build.sh', undefined, 'shell'],
    ['file:///w/scripts/release.bash', undefined, 'shell'],
    ['file:///w/scripts/release', 'shellscript', 'shell'],
    ['file:///w/scripts/release', undefined, undefined],
    ['file:///w/Makefile', undefined, 'makefile'],
    ['file:///w/build/rules.mk', undefined, 'makefile'],
    ['file:///w/GNUmakefile', undefined, 'makefile'],
  ])('%s (%s) → %s', (uri, languageId, kind) => {
    expect(fileKindOf(uri, languageId)).toBe(kind);
  });

  it.each<[string, boolean]>([
    ['#!/bin/sh\n', true],
    ['#!/bin/bash -eu\n', true],
    ['#! /usr/bin/env bash\nset -e\n', true],
    ['#!/usr/bin/env -S bash -e\n', true],
    ['#!/usr/bin/env zsh\n', true],
    ['\uFEFF#!/bin/dash\n', true],
    ['#!/usr/bin/env python3\n', false],
    ['#!/usr/bin/perl\n', false],
    ['echo hi\n#!/bin/sh\n', false],
    ['', false],
  ])('shellShebang(%j) = %s', (text, expected) => {
    expect(shellShebang(text)).toBe(expected);
  });
});

describe('shell reader: what reaches each go command', () => {
  it.each<[string, string, (string | undefined)[][]]>([
    ['inline prefix', 'CGO_ENABLED=0 go build -o bin/app .', [['0', 'off']]],
    ['export', 'export CGO_ENABLED=0\ngo build .', [['0', 'off']]],
    ['env VAR=… cmd', 'env CGO_ENABLED=0 go build .', [['0', 'off']]],
    ['set -a exports later assignments', 'set -a\nCGO_ENABLED=0\nset +a\ngo build .', [['0', 'off']]],
    ['&& leaves a shell variable', 'CGO_ENABLED=0 && go build .', [[undefined, 'unknown']]],
    ['; leaves a shell variable', 'CGO_ENABLED=0; go build .', [[undefined, 'unknown']]],
    ['functions', 'build() {\n  go build -o "bin/$1" .\n}\nexport CGO_ENABLED=0\nbuild app', [['0', 'off']]],
    ['prefix on a function call', 'build() { go build .; }\nCGO_ENABLED=1 build', [['1', 'on']]],
    ['loops', 'for os in linux darwin; do\n  CGO_ENABLED=0 GOOS=$os go build -o "bin/app-$os" .\ndone', [['0', 'off']]],
    ['branches that disagree', 'if [ -n "$STATIC" ]; then export CGO_ENABLED=0; else export CGO_ENABLED=1; fi\ngo build .', [[undefined, 'unknown']]],
    ['invalid value counts as unset', 'CGO_ENABLED=true go build .', [['true', 'unknown']]],
    ['${VAR:-default}', 'CGO_ENABLED=${CGO_ENABLED:-0} go build .', [['0', 'off']]],
    ['go env -w applies to later go commands of the script', 'go env -w CGO_ENABLED=0\ngo build .', [[undefined, 'off']]],
    ['go run / go test / go install', 'export CGO_ENABLED=1\ngo run ./cmd/gen\ngo test ./...\ngo install ./cmd/x', [['1', 'on'], ['1', 'on'], ['1', 'on']]],
    ['go vet / go generate are not builds', 'go vet ./...\ngo generate ./...', []],
  ])('%s', (_name, script, expected) => {
    expect(cgo(script)).toEqual(expected);
  });

  it('an implicit setting on an unknown machine stays unknown, with the host named', () => {
    const inv = plan('go build -o bin/app .').invocations[0];
    expect([inv.host.label, inv.host.libc, inv.host.cCompiler, inv.cgo.state, inv.linkage.kind]).toEqual(['the machine running this script', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect(inv.cgo.reasons[0].text).toContain('the machine running this script');
  });

  it('GOOS/GOARCH: whether it crosses is unknown (the script may run on a Mac or an arm64 host)', () => {
    const [a, b] = plan('GOOS=windows go build .\nGOARCH=amd64 go build .').invocations;
    expect([a.target.cross, a.cgo.state, b.target.cross, b.cgo.state]).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(a.target.crossWhy).toBe('GOOS=windows is set, and whether that differs from the machine running this script is not known');
  });

  it('a compiler installed by the script is on PATH afterwards', () => {
    const inv = plan('apt-get install -y gcc\ngo build .').invocations[0];
    expect(inv.host.cCompiler).toBe('yes');
  });

  it('exact ranges of the go command, flags and shell-variable assignment', () => {
    const text = lines('#!/bin/sh', 'set -e', 'CGO_ENABLED=0 &&', '  go build -race \\', '    -o bin/app .');
    const inv = plan(text).invocations[0];
    expect(inv.commandLoc.range).toEqual({ start: { line: 3, character: 2 }, end: { line: 3, character: 10 } });
    expect(textAt(text, inv.sanitizers[0].loc.range)).toBe('-race');
    expect(textAt(text, inv.output!.loc.range)).toBe('bin/app');
    const [lost] = inv.ineffective;
    expect([lost.kind, textAt(text, lost.loc.range), textAt(text, lost.valueLoc!.range)]).toEqual(['shell-variable', 'CGO_ENABLED=0', '0']);
    expect(inv.instructionLoc).toBeUndefined();
  });

  it('records CGO_ENABLED assignments as occurrences', () => {
    const text = 'export CGO_ENABLED=0\nCGO_ENABLED=1 go build .\n';
    expect(plan(text).occurrences.map((o) => [o.value, o.loc.range.start.line])).toEqual([['0', 0], ['1', 1]]);
  });

  it('follows `make` and other scripts the script calls; lists them as dependencies', () => {
    const files = {
      [MAKEFILE]: lines('build:', '\tgo build -o bin/app .'),
      [`${ROOT}scripts/lib.sh`]: lines('#!/bin/sh', 'go test -race ./...'),
    };
    const p = plan(lines('#!/bin/sh', 'export CGO_ENABLED=0', 'make build', './scripts/lib.sh'), files);
    expect(p.invocations.map((i) => [i.commandLoc.uri, i.env.CGO_ENABLED?.value])).toEqual([[MAKEFILE, '0'], [`${ROOT}scripts/lib.sh`, '0']]);
    expect(p.dependencies).toEqual([MAKEFILE, `${ROOT}scripts/lib.sh`]);
  });

  it('`source` / `.` and `bash -c` are not followed; a non-shell file is not a script', () => {
    const files = { [`${ROOT}env.sh`]: 'go build ./x\n', [`${ROOT}tool.py`]: '#!/usr/bin/env python3\n', [`${ROOT}run`]: '#!/usr/bin/env python3\ngo build .\n' };
    const p = plan(lines('. ./env.sh', 'source ./env.sh', "bash -c 'go version'", './tool.py', './run'), files);
    expect(p.invocations).toEqual([]);
    expect(p.dependencies).toBeUndefined();
  });

  it('a script calling itself is bounded', () => {
    const text = lines('#!/bin/sh', 'go build .', './build.sh');
    const p = plan(text);
    expect(p.invocations.length).toBeGreaterThan(0);
    expect(p.invocations.length).toBeLessThanOrEqual(9);
  });
});

describe('rules on a shell script', () => {
  const files = (text: string) => ({ [SCRIPT]: text });

  it('CGO204: `CGO_ENABLED=0 &&` — fixed by exporting it', async () => {
    const text = lines('#!/bin/sh', 'CGO_ENABLED=0 && go build -o bin/app .');
    const [f] = only(await findings(SCRIPT, files(text)), 'CGO204');
    expect([f.severity, textAt(text, f.loc.range)]).toEqual(['error', 'CGO_ENABLED=0']);
    expect(f.message).toContain('it only sets a shell variable');
    const fixed = await fixClears(SCRIPT, files(text), 'CGO204', 'Export it');
    expect(fixed).toBe(lines('#!/bin/sh', 'export CGO_ENABLED=0 && go build -o bin/app .'));
  });

  it('CGO205: CGO_ENABLED=yes', async () => {
    const text = 'CGO_ENABLED=yes go build .\n';
    const [f] = only(await findings(SCRIPT, files(text)), 'CGO205');
    expect(textAt(text, f.loc.range)).toBe('yes');
    await fixClears(SCRIPT, files(text), 'CGO205', 'CGO_ENABLED=1');
  });

  it('CGO207: go test -race after export CGO_ENABLED=0, fixed on the command', async () => {
    const text = lines('export CGO_ENABLED=0', 'go build -o bin/app .', 'go test -race ./...');
    const [f] = only(await findings(SCRIPT, files(text)), 'CGO207');
    expect(textAt(text, f.loc.range)).toBe('-race');
    const fixed = await fixClears(SCRIPT, files(text), 'CGO207', 'Enable cgo');
    expect(fixed.split('\n')[2]).toBe('CGO_ENABLED=1 go test -race ./...');
  });

  it('CGO208, CGO501, CGO503, CGO504 fire on explicit values; CGO502 needs a known glibc host', async () => {
    const text = lines(
      'CGO_ENABLED=0 go build -ldflags=-linkmode=external -o a .',
      'CGO_ENABLED=1 go build -ldflags \'-extldflags "-static"\' -o b .',
      'CGO_ENABLED=1 go build -tags netgo -o c .',
      'go build -a -installsuffix cgo -o d .',
      'CGO_ENABLED=1 go build -tags osusergo,netgo -ldflags \'-linkmode external -extldflags "-static"\' -o e .',
    );
    const fs = await findings(SCRIPT, files(text));
    expect(only(fs, 'CGO208').map((f) => f.loc.range.start.line)).toEqual([0]);
    expect(only(fs, 'CGO501').map((f) => f.loc.range.start.line)).toEqual([1]);
    expect(only(fs, 'CGO503').map((f) => f.loc.range.start.line)).toEqual([2]);
    expect(only(fs, 'CGO504').map((f) => f.loc.range.start.line)).toEqual([3]);
    expect(only(fs, 'CGO502')).toEqual([]);
  });

  it('host-dependent rules stay quiet on an unknown machine', async () => {
    const text = lines('go build -o bin/app .', 'CGO_ENABLED=1 GOARCH=arm64 go build -o bin/arm .', 'CGO_ENABLED=1 go build -race .');
    const fs = await findings(SCRIPT, files(text));
    expect(fs.filter((f) => ['CGO101', 'CGO103', 'CGO201', 'CGO203', 'CGO207'].includes(f.code))).toEqual([]);
  });

  it('an extensionless script with languageId shellscript is analysed', async () => {
    const uri = `${ROOT}scripts/release`;
    const result = await analyzeIn(uri, { [uri]: '#!/bin/bash\nCGO_ENABLED=0 && go build .\n' }, 'shellscript');
    expect(result.kind).toBe('shell');
    expect(only(result.findings, 'CGO204')).toHaveLength(1);
  });
});

describe('size bounds: a whole script file is not an embedded script', () => {
  const long = (n: number) => Array.from({ length: n }, (_, i) => `if [ -f step${i} ]; then echo "step ${i}" | tee -a log; fi`).join('\n');

  it(`a build script longer than ${MAX_SHELL_CHARS / 1024} KB is still analysed, and so is one a script calls`, () => {
    const text = long(1500) + '\nCGO_ENABLED=0 go build -o app .\n';
    expect(text.length).toBeGreaterThan(MAX_SHELL_CHARS * 2);
    expect(cgo(text)).toEqual([['0', 'off']]);
    const called = plan('./other.sh\n', { 'file:///w/other.sh': text });
    expect(called.invocations.map((i) => i.env.CGO_ENABLED?.value)).toEqual(['0']);
  });

  it('its parse budget grows with its lines, so a long valid script is not cut off', () => {
    clearShellCache();
    const text = long(6000) + '\nCGO_ENABLED=1 go build .\n';
    expect(cgo(text)).toEqual([['1', 'on']]);
  });
});
