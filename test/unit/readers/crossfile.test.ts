import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser } from '../../../server/src/shell/parser';
import { readDockerfile } from '../../../server/src/readers/dockerfile/reader';
import { followCommand } from '../../../server/src/readers/commands/followCommand';
import { runShell, type ShellCommand } from '../../../server/src/shell/interpret';
import { ShellEnv } from '../../../server/src/shell/env';
import { ShellSource } from '../../../server/src/shell/source';
import { LineIndex } from '../../../server/src/text/lineIndex';
import { MemoryWorkspaceFiles } from '../../../server/src/workspace/files';
import type { BuildPlan, GoInvocation } from '../../../server/src/model/types';
import { analyzeIn, DOCKERFILE, findings, lines, MAKEFILE, only, ROOT, textAt } from './linked';

beforeAll(() => initShellParser());

function dockerPlan(df: string, files: Record<string, string>): BuildPlan {
  return readDockerfile(DOCKERFILE, df, { images: {}, files: new MemoryWorkspaceFiles({ [DOCKERFILE]: df, ...files }, ROOT) });
}

const ACCEPT_MAKEFILE = lines('CGO_ENABLED := 0', '', 'build:', '\tgo build -o bin/app .');
const ACCEPT_DOCKERFILE = lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', 'RUN make build', 'FROM scratch', 'COPY --from=build /src/bin/app /app');
/** A Dockerfile that runs `cmd` in /src and ships /src/bin/app in scratch. */
const shipping = (cmd: string, extra: string[] = []) => lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', ...extra, `RUN ${cmd}`, 'FROM scratch', 'COPY --from=build /src/bin/app /app');

describe('acceptance: unexported CGO_ENABLED in a Makefile, built by a Dockerfile', () => {
  const files = { [MAKEFILE]: ACCEPT_MAKEFILE, [DOCKERFILE]: ACCEPT_DOCKERFILE };

  it('CGO204 on the Makefile line when analysing the Makefile', async () => {
    const fs = only(await findings(MAKEFILE, files), 'CGO204');
    expect(fs.map((f) => [f.loc.uri, f.loc.range, f.severity])).toEqual([[MAKEFILE, { start: { line: 0, character: 0 }, end: { line: 0, character: 16 } }, 'error']]);
  });

  it('CGO101 in the Dockerfile, with related information at the Makefile\'s go command', async () => {
    const result = await analyzeIn(DOCKERFILE, files);
    const [f] = only(result.findings, 'CGO101');
    expect(f.loc).toEqual({ uri: DOCKERFILE, range: { start: { line: 5, character: 0 }, end: { line: 5, character: 35 } } });
    expect(f.severity).toBe('error');
    expect(f.message).toContain('`/src/bin/app` is linked dynamically against glibc 2.36');
    expect(f.related[0]).toMatchObject({ loc: { uri: MAKEFILE, range: { start: { line: 3, character: 1 }, end: { line: 3, character: 9 } } } });
    expect(result.dependencies).toEqual([MAKEFILE]);
  });

  it('the Makefile\'s CGO204 is reported once, in the Makefile (the Makefile reports it on its own)', async () => {
    expect(only(await findings(DOCKERFILE, files), 'CGO204')).toEqual([]);
  });

  it('exporting it in the Makefile clears both', async () => {
    const fixed = { ...files, [MAKEFILE]: 'export ' + ACCEPT_MAKEFILE };
    expect(only(await findings(MAKEFILE, fixed), 'CGO204')).toEqual([]);
    expect(only(await findings(DOCKERFILE, fixed), 'CGO101')).toEqual([]);
  });
});

describe('Dockerfile → Makefile: the recipe runs in the stage', () => {
  const outcome = async (cmd: string, makefile: string, extra: string[] = [], more: Record<string, string> = {}) => {
    const df = shipping(cmd, extra);
    const p = dockerPlan(df, { [MAKEFILE]: makefile, ...more });
    const fs = await findings(DOCKERFILE, { [DOCKERFILE]: df, [MAKEFILE]: makefile, ...more });
    return { p, inv: p.invocations[0], cgo101: only(fs, 'CGO101').length };
  };
  const BUILD = lines('build:', '\tgo build -o bin/app .');

  it.each<[string, string, string, string[], string | undefined, string, number]>([
    ['ENV in the stage reaches the recipe', 'make build', BUILD, ['ENV CGO_ENABLED=0'], '0', 'off', 0],
    ['prefix on make reaches the recipe', 'CGO_ENABLED=0 make build', BUILD, [], '0', 'off', 0],
    ['make command-line variable', 'make build CGO_ENABLED=0', BUILD, [], '0', 'off', 0],
    ['`&&` before make: a shell variable', 'CGO_ENABLED=0 && make build', BUILD, [], undefined, 'on', 1],
    ['ARG in the stage', 'make build', BUILD, ['ARG CGO_ENABLED=0'], '0', 'off', 0],
    ['Makefile export', 'make build', 'export CGO_ENABLED := 0\n' + BUILD, [], '0', 'off', 0],
    // make exports a variable it found in its environment, with the Makefile's value.
    ['ENV=0 overridden by an unexported Makefile assignment', 'make build', 'CGO_ENABLED := 1\n' + BUILD, ['ENV CGO_ENABLED=0'], '1', 'on', 1],
    ['make -e: the environment wins', 'make -e build', 'CGO_ENABLED := 1\n' + BUILD, ['ENV CGO_ENABLED=0'], '0', 'off', 0],
    ['command line wins over the Makefile', 'make build CGO_ENABLED=0', 'export CGO_ENABLED := 1\n' + BUILD, [], '0', 'off', 0],
    ['override wins over the command line', 'make build CGO_ENABLED=1', 'export override CGO_ENABLED := 0\n' + BUILD, [], '0', 'off', 0],
    ['default goal', 'make', lines('.PHONY: all', 'all: build', 'build:', '\tgo build -o bin/app .'), [], undefined, 'on', 1],
    ['prerequisites run with the target\'s variables', 'make release', lines('release: export CGO_ENABLED = 0', 'release: build', 'build:', '\tgo build -o bin/app .'), [], '0', 'off', 0],
    ['recursive $(MAKE) with a variable', 'make release', lines('release:', '\t$(MAKE) build CGO_ENABLED=0', 'build:', '\tgo build -o bin/app .'), [], '0', 'off', 0],
    ['make -f', 'make -f build.mk', BUILD.replace('build:', 'x:'), [], undefined, 'on', 1],
    ['exec form RUN', '["make", "build"]', BUILD, ['ENV CGO_ENABLED=0'], '0', 'off', 0],
  ])('%s', async (_name, cmd, makefile, extra, env, state, cgo101) => {
    const more: Record<string, string> = cmd.includes('build.mk') ? { [`${ROOT}build.mk`]: makefile } : {};
    const r = await outcome(cmd, cmd.includes('build.mk') ? 'nothing:\n' : makefile, extra, more);
    expect([r.inv?.env.CGO_ENABLED?.value, r.inv?.cgo.state, r.cgo101]).toEqual([env, state, cgo101]);
  });

  it('invocations keep their Makefile location and carry the stage and the RUN', () => {
    const p = dockerPlan(ACCEPT_DOCKERFILE, { [MAKEFILE]: ACCEPT_MAKEFILE });
    const inv = p.invocations[0];
    expect(textAt(ACCEPT_MAKEFILE, inv.commandLoc.range)).toBe('go build');
    expect(inv.commandLoc.uri).toBe(MAKEFILE);
    expect(inv.stage).toBe(0);
    expect(inv.instructionLoc).toEqual({ uri: DOCKERFILE, range: { start: { line: 3, character: 0 }, end: { line: 3, character: 14 } } });
    expect(inv.host.label).toBe('`golang:1.22`');
  });

  it('`make -C dir`: the Makefile in that directory, outputs relative to it', async () => {
    const df = lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', 'RUN make -C cmd/server build', 'FROM scratch', 'COPY --from=build /src/cmd/server/bin/app /app');
    const files = { [DOCKERFILE]: df, [`${ROOT}cmd/server/Makefile`]: lines('build:', '\tgo build -o bin/app .') };
    const [f] = only(await findings(DOCKERFILE, files), 'CGO101');
    expect(f.message).toContain('`/src/cmd/server/bin/app`');
    expect(f.related[0].loc.uri).toBe(`${ROOT}cmd/server/Makefile`);
  });

  it('`cd` inside a recipe line moves the output', () => {
    const p = dockerPlan(shipping('make build'), { [MAKEFILE]: lines('build:', '\tcd cmd && go build -o ../bin/app .') });
    expect(p.deliveries.map((d) => d.artifact.path)).toEqual(['/src/bin/app']);
  });

  it('the stage\'s toolchain installs and go env -w apply to the recipe', () => {
    const df = lines('FROM golang:1.22-alpine AS build', 'RUN apk add --no-cache gcc musl-dev', 'RUN go env -w GOFLAGS=-mod=mod', 'WORKDIR /src', 'COPY . .', 'RUN make build');
    const inv = dockerPlan(df, { [MAKEFILE]: lines('build:', '\tgo build -o bin/app .') }).invocations[0];
    expect([inv.host.cCompiler, inv.cgo.state, inv.linkage.kind]).toEqual(['yes', 'on', 'dynamic-musl']);
    const df2 = lines('FROM golang:1.22 AS build', 'RUN go env -w CGO_ENABLED=0', 'WORKDIR /src', 'RUN make build');
    expect(dockerPlan(df2, { [MAKEFILE]: lines('build:', '\tgo build -o bin/app .') }).invocations[0].cgo.state).toBe('off');
  });

  it('`CGO_ENABLED=0 && make build`: CGO204 in the Dockerfile, pointing at the Makefile\'s go command', async () => {
    const df = shipping('CGO_ENABLED=0 && make build');
    const fs = only(await findings(DOCKERFILE, { [DOCKERFILE]: df, [MAKEFILE]: lines('build:', '\tgo build -o bin/app .') }), 'CGO204');
    expect(fs.map((f) => [f.loc.uri, textAt(df, f.loc.range), f.related[0].loc.uri])).toEqual([[DOCKERFILE, 'CGO_ENABLED=0', MAKEFILE]]);
    expect(fs[0].message).toContain('so make and the go commands it runs never see it');
  });

  it('CGO502 for a static glibc link in a Makefile built on golang:1.22: only the Dockerfile knows the glibc host, so it anchors on `RUN make build`', async () => {
    const mk = lines('export CGO_ENABLED=1', 'build:', '\tgo build -ldflags \'-linkmode external -extldflags "-static"\' -o bin/app .');
    const fs = only(await findings(DOCKERFILE, { [DOCKERFILE]: shipping('make build'), [MAKEFILE]: mk }), 'CGO502');
    expect(fs.map((f) => [f.loc.uri, f.loc.range.start.line, f.related[0]?.loc.uri, f.related[0]?.loc.range.start.line])).toEqual([[DOCKERFILE, 3, MAKEFILE, 2]]);
    expect(fs[0].message).toMatch(/\(in Makefile:3, run from here\)$/);
    expect(only(await findings(MAKEFILE, { [MAKEFILE]: mk }), 'CGO502')).toEqual([]);
  });

  it('CGO207 for `go test -race` under an exported CGO_ENABLED=0, found from the Dockerfile', async () => {
    const mk = lines('export CGO_ENABLED=0', 'test:', '\tgo test -race ./...');
    // The Makefile alone already reports it (cgo is explicitly off there): the Dockerfile does not repeat it.
    expect(only(await findings(DOCKERFILE, { [DOCKERFILE]: lines('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN make test'), [MAKEFILE]: mk }), 'CGO207')).toEqual([]);
    const fs = only(await findings(MAKEFILE, { [MAKEFILE]: mk }), 'CGO207');
    expect(fs.map((f) => [f.loc.uri, textAt(mk, f.loc.range)])).toEqual([[MAKEFILE, '-race']]);
  });
});

describe('Dockerfile → shell script', () => {
  const SCRIPT_TEXT = lines('#!/bin/sh', 'set -e', 'go build -o bin/app .');

  it.each<[string, string]>([
    ['./build.sh', `${ROOT}build.sh`],
    ['./scripts/build.sh', `${ROOT}scripts/build.sh`],
    ['bash scripts/build.sh', `${ROOT}scripts/build.sh`],
    ['sh ./scripts/build.sh', `${ROOT}scripts/build.sh`],
    ['bash -eu scripts/build.sh', `${ROOT}scripts/build.sh`],
    ['/src/scripts/build.sh', `${ROOT}scripts/build.sh`],
    ['chmod +x build.sh && ./build.sh', `${ROOT}build.sh`],
  ])('RUN %s → CGO101 on the COPY, related information in the script', async (cmd, scriptUri) => {
    const df = shipping(cmd);
    const result = await analyzeIn(DOCKERFILE, { [DOCKERFILE]: df, [scriptUri]: SCRIPT_TEXT });
    const [f] = only(result.findings, 'CGO101');
    expect(f?.loc.uri).toBe(DOCKERFILE);
    expect(f.loc.range.start.line).toBe(5);
    expect(f.related[0].loc).toEqual({ uri: scriptUri, range: { start: { line: 2, character: 0 }, end: { line: 2, character: 8 } } });
    expect(result.dependencies).toEqual([scriptUri]);
  });

  it('the stage environment reaches the script; the script\'s own export decides', () => {
    const p = dockerPlan(shipping('./build.sh', ['ENV CGO_ENABLED=0']), { [`${ROOT}build.sh`]: SCRIPT_TEXT });
    expect(p.invocations[0].env.CGO_ENABLED.origin).toBe('dockerfile-env');
    expect(p.deliveries[0].artifact.producer.cgo.state).toBe('off');
    const p2 = dockerPlan(shipping('./build.sh', ['ENV CGO_ENABLED=1']), { [`${ROOT}build.sh`]: lines('export CGO_ENABLED=0', 'go build -o bin/app .') });
    expect(p2.invocations[0].cgo.state).toBe('off');
  });

  it('a script that runs make, which runs a script', () => {
    const files = {
      [`${ROOT}build.sh`]: lines('#!/bin/sh', 'export CGO_ENABLED=0', 'make all'),
      [MAKEFILE]: lines('all:', '\t./scripts/inner.sh'),
      [`${ROOT}scripts/inner.sh`]: lines('#!/bin/sh', 'go build -o bin/app .'),
    };
    const p = dockerPlan(shipping('./build.sh'), files);
    expect(p.invocations.map((i) => [i.commandLoc.uri, i.env.CGO_ENABLED?.value])).toEqual([[`${ROOT}scripts/inner.sh`, '0']]);
    expect(p.dependencies).toEqual([`${ROOT}build.sh`, MAKEFILE, `${ROOT}scripts/inner.sh`]);
    expect(p.deliveries[0].artifact.path).toBe('/src/bin/app');
  });
});

describe('bounds: never outside the workspace, never unbounded', () => {
  it.each<[string, Record<string, string>]>([
    ['make -C / build', { 'file:///Makefile': 'build:\n\tgo build .\n' }],
    ['make -C ../.. build', {}],
    ['../../x.sh', { 'file:///x.sh': 'go build .\n' }],
    ['sh ../../x.sh', {}],
    ['/etc/build.sh', {}],
    ['make -f /Makefile build', {}],
  ])('RUN %s is refused', async (cmd, outside) => {
    const df = shipping(cmd);
    const result = await analyzeIn(DOCKERFILE, { [DOCKERFILE]: df, ...outside });
    expect(result.plan?.invocations).toEqual([]);
    expect(result.dependencies).toBeUndefined();
  });

  it('absolute paths map into the workspace only below a WORKDIR other than /', () => {
    const df = lines('FROM golang:1.22', 'WORKDIR /', 'RUN /build.sh');
    expect(dockerPlan(df, { [`${ROOT}build.sh`]: 'go build .\n' }).invocations).toEqual([]);
  });

  it('nesting depth is bounded (8)', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`${ROOT}s${i}.sh`] = lines('#!/bin/sh', `go build -o bin/s${i} .`, `./s${i + 1}.sh`);
    const p = dockerPlan(lines('FROM golang:1.22', 'WORKDIR /src', 'RUN ./s0.sh'), files);
    expect(p.invocations.map((i) => i.output?.value)).toEqual(['bin/s0', 'bin/s1', 'bin/s2', 'bin/s3', 'bin/s4', 'bin/s5', 'bin/s6', 'bin/s7']);
  });

  it('at most 32 linked files per document', () => {
    const files: Record<string, string> = {};
    const runs: string[] = [];
    for (let i = 0; i < 40; i++) {
      files[`${ROOT}s${i}.sh`] = `go build -o bin/s${i} .\n`;
      runs.push(`RUN ./s${i}.sh`);
    }
    const p = dockerPlan(lines('FROM golang:1.22', 'WORKDIR /src', ...runs), files);
    expect(p.dependencies).toHaveLength(32);
    expect(p.invocations).toHaveLength(32);
  });

  it('without WorkspaceFiles nothing is followed', () => {
    const p = readDockerfile(DOCKERFILE, ACCEPT_DOCKERFILE, { images: {} });
    expect([p.invocations.length, p.dependencies]).toEqual([0, undefined]);
  });

  it('a missing Makefile is not an error', async () => {
    const result = await analyzeIn(DOCKERFILE, { [DOCKERFILE]: ACCEPT_DOCKERFILE });
    expect(result.plan?.invocations).toEqual([]);
  });
});

describe('followCommand: the reusable API (e.g. a workflow step `run: make release`)', () => {
  function commandsOf(script: string): ShellCommand[] {
    const src = new ShellSource('file:///w/.github/workflows/release.yml', new LineIndex(script));
    src.appendDoc(0, script.length);
    const out: ShellCommand[] = [];
    runShell(src, ShellEnv.fromExported({ CGO_ENABLED: { name: 'CGO_ENABLED', value: '0', origin: 'yaml-env', describe: 'job env' } }), { onCommand: (c) => out.push(c) });
    return out;
  }

  it('follows make from a workflow run block; returns false for other commands', () => {
    const files = new MemoryWorkspaceFiles({ [MAKEFILE]: lines('release:', '\tgo build -o dist/app .') }, ROOT);
    const found: GoInvocation[] = [];
    const dependencies = new Set<string>();
    const ctx = {
      uri: 'file:///w/.github/workflows/release.yml', baseDirUri: ROOT, files, dependencies,
      host: { label: 'ubuntu-24.04 runner', libc: 'glibc' as const, libcVersion: '2.39', cCompiler: 'yes' as const, libcHeaders: 'yes' as const },
      onInvocation: (inv: GoInvocation) => found.push(inv),
    };
    const [echo, make] = commandsOf('echo hi\nmake release\n');
    expect(followCommand(echo, ctx)).toBe(false);
    expect(followCommand(make, ctx)).toBe(true);
    expect(found.map((i) => [i.commandLoc.uri, i.env.CGO_ENABLED?.value, i.cgo.state, i.host.label])).toEqual([[MAKEFILE, '0', 'off', 'ubuntu-24.04 runner']]);
    expect([...dependencies]).toEqual([MAKEFILE]);
  });
});

describe('GitHub Actions workflow → Makefile', () => {
  const WORKFLOW = `${ROOT}.github/workflows/ci.yml`;
  const wf = lines('on: push', 'env:', '  CGO_ENABLED: 0', 'jobs:', '  test:', '    runs-on: ubuntu-24.04', '    steps:', '      - uses: actions/checkout@v4', '      - run: make test');
  const mk = lines('test:', '\tgo test -race ./...');

  it('the job env reaches the Makefile recipe: CGO207 anchors on `run: make test`, related to the -race flag', async () => {
    const fs = only(await findings(WORKFLOW, { [WORKFLOW]: wf, [MAKEFILE]: mk }), 'CGO207');
    expect(fs.map((f) => [f.loc.uri, textAt(wf, f.loc.range), f.related[0]?.loc.uri, textAt(mk, f.related[0]!.loc.range)])).toEqual([[WORKFLOW, 'make test', MAKEFILE, '-race']]);
  });

  it('the Makefile alone does not know the environment: no CGO207 there', async () => {
    expect(only(await findings(MAKEFILE, { [MAKEFILE]: mk }), 'CGO207')).toEqual([]);
  });

  it('the workflow depends on the Makefile', async () => {
    expect((await analyzeIn(WORKFLOW, { [WORKFLOW]: wf, [MAKEFILE]: mk })).dependencies).toContain(MAKEFILE);
  });
});
