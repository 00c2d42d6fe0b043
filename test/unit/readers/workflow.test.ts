import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, WORKFLOW, brief, plan, ready, textAt, y } from './yamlHelpers';

beforeAll(ready);

/** A workflow with one job `b` running on `runsOn` with the given steps (already indented by 6). */
const wf = (runsOn: string, ...steps: string[]) => y('on: push', 'jobs:', '  b:', `    runs-on: ${runsOn}`, '    steps:', ...steps);
const cgo = (text: string, files: Record<string, string> = {}) => plan(WORKFLOW, text, files).invocations.map((i) => `${i.env.CGO_ENABLED?.value ?? '-'}:${i.cgo.state}`);

describe('workflow reader: environment layers', () => {
  it.each<[string, string, string[]]>([
    ['workflow env', y('env: {CGO_ENABLED: 0}', 'jobs:', '  b:', '    runs-on: ubuntu-latest', '    steps:', '      - run: go build .'), ['0:off']],
    ['job env wins over workflow env', y('env: {CGO_ENABLED: 1}', 'jobs:', '  b:', '    runs-on: ubuntu-latest', '    env: {CGO_ENABLED: 0}', '    steps:', '      - run: go build .'), ['0:off']],
    ['step env wins over job env', y('jobs:', '  b:', '    runs-on: ubuntu-latest', '    env: {CGO_ENABLED: 1}', '    steps:', '      - run: go build .', '        env: {CGO_ENABLED: 0}'), ['0:off']],
    ['inline prefix wins over step env', wf('ubuntu-latest', '      - run: CGO_ENABLED=1 go build .', '        env: {CGO_ENABLED: 0}'), ['1:on']],
    ['export in an earlier step is lost', wf('ubuntu-latest', '      - run: export CGO_ENABLED=0', '      - run: go build .'), ['-:unknown']],
    ['$GITHUB_ENV reaches later steps', wf('ubuntu-latest', '      - run: echo "CGO_ENABLED=0" >> "$GITHUB_ENV"', '      - run: go build .'), ['0:off']],
    ['$GITHUB_ENV does not reach its own step', wf('ubuntu-latest', '      - run: |', '          echo "CGO_ENABLED=0" >> $GITHUB_ENV', '          go build .'), ['-:unknown']],
    ['$GITHUB_ENV vs a job env of another value: undocumented, unknown', y('jobs:', '  b:', '    runs-on: ubuntu-latest', '    env: {CGO_ENABLED: 1}', '    steps:', '      - run: echo CGO_ENABLED=0 >> $GITHUB_ENV', '      - run: go build .'), ['-:unknown']],
    ['${{ env.X }} of a literal env value', y('env: {CGO: "0"}', 'jobs:', '  b:', '    runs-on: ubuntu-latest', '    env: {CGO_ENABLED: "${{ env.CGO }}"}', '    steps:', '      - run: go build .'), ['0:off']],
    ['${{ secrets.X }} is unknown', wf('ubuntu-latest', '      - run: go build .', '        env: {CGO_ENABLED: "${{ secrets.CGO }}"}'), ['-:unknown']],
    ['pwsh steps are not read', wf('ubuntu-latest', '      - run: go build .', '        shell: pwsh'), []],
    ['windows runners default to pwsh', wf('windows-latest', '      - run: go build .'), []],
    ['defaults.run.shell: bash on windows', y('defaults: {run: {shell: bash}}', 'jobs:', '  b:', '    runs-on: windows-latest', '    steps:', '      - run: CGO_ENABLED=0 go build .'), ['0:off']],
    ['YAML boolean in env', y('env: {CGO_ENABLED: false}', 'jobs:', '  b:', '    runs-on: ubuntu-latest', '    steps:', '      - run: go build .'), ['false:unknown']],
  ])('%s', (_d, text, expected) => {
    expect(cgo(text)).toEqual(expected);
  });

  it('the lost export is an earlier-step ineffective assignment with a prefix fix hint', () => {
    const text = wf('ubuntu-latest', '      - run: export CGO_ENABLED=0', '      - run: go build .');
    const [inv] = plan(WORKFLOW, text).invocations;
    const [a] = inv.ineffective;
    expect([a.kind, textAt(text, a.loc)]).toEqual(['earlier-step', 'CGO_ENABLED=0']);
    expect(a.fixHint?.insertPrefixAt?.range.start).toEqual({ line: 6, character: 13 });
  });

  it('$GITHUB_ENV writes are occurrences with the value range inside the quotes', () => {
    const text = wf('ubuntu-latest', '      - run: echo "CGO_ENABLED=false" >> "$GITHUB_ENV"');
    const p = plan(WORKFLOW, text);
    expect(p.occurrences.map((o) => [o.value, textAt(text, o.valueLoc!)])).toEqual([['false', 'false']]);
  });
});

describe('workflow reader: runners, containers and Go versions', () => {
  it.each<[string, string, string, string | undefined]>([
    ['ubuntu-latest', 'ubuntu-latest', 'glibc', '2.39'],
    ['ubuntu-24.04', 'ubuntu-24.04', 'glibc', '2.39'],
    ['ubuntu-22.04', 'ubuntu-22.04', 'glibc', '2.35'],
    ['ubuntu-20.04', 'ubuntu-20.04', 'glibc', '2.31'],
    ['ubuntu-24.04-arm', 'ubuntu-24.04-arm', 'glibc', '2.39'],
    ['macos-14', 'macos-14', 'unknown', undefined],
    ['self-hosted', '[self-hosted, linux]', 'unknown', undefined],
  ])('%s', (_d, runsOn, libc, version) => {
    const [inv] = plan(WORKFLOW, wf(runsOn, '      - run: go build .')).invocations;
    expect([inv.host.libc, inv.host.libcVersion, inv.host.cCompiler]).toEqual([libc, version, 'unknown']);
  });

  it('setup-go: the version decides the implicit default (Go ≥ 1.20 with an unknown compiler → unknown)', () => {
    const p = plan(WORKFLOW, wf('ubuntu-latest', '      - uses: actions/setup-go@v5', "        with: {go-version: '1.19'}", '      - run: go build .'));
    expect([p.invocations[0].host.goVersion, p.invocations[0].cgo.state]).toEqual([{ major: 1, minor: 19 }, 'on']);
  });

  it('setup-go with go-version-file reads go.mod', () => {
    const files = { [`${ROOT}go.mod`]: 'module x\n\ngo 1.22\n\ntoolchain go1.22.4\n' };
    const p = plan(WORKFLOW, wf('ubuntu-latest', '      - uses: actions/setup-go@v5', '        with: {go-version-file: go.mod}', '      - run: go build .'), files);
    expect(p.invocations[0].host.goVersion).toEqual({ major: 1, minor: 22, patch: 4 });
    expect(p.dependencies).toContain(`${ROOT}go.mod`);
  });

  it('a job container is the host of run steps', () => {
    const p = plan(WORKFLOW, y('jobs:', '  b:', '    runs-on: ubuntu-latest', '    container: golang:1.22-alpine', '    steps:', '      - run: go build .'));
    expect([p.invocations[0].host.libc, p.invocations[0].host.label, p.invocations[0].cgo.state]).toEqual(['musl', '`golang:1.22-alpine` container', 'off']);
  });

  it('native builds on a macOS runner target darwin (race detector works without cgo there)', () => {
    const [inv] = plan(WORKFLOW, wf('macos-14', '      - run: CGO_ENABLED=0 go test -race ./...')).invocations;
    expect([inv.target.goos?.value, inv.target.cross]).toEqual(['darwin', 'no']);
  });

  it('an arm64 runner: GOARCH=arm64 is native, GOARCH=amd64 is cross', () => {
    const p = plan(WORKFLOW, wf('ubuntu-24.04-arm', '      - run: GOARCH=arm64 go build .', '      - run: GOARCH=amd64 go build .'));
    expect(p.invocations.map((i) => i.target.cross)).toEqual(['no', 'yes']);
  });
});

describe('workflow reader: matrix', () => {
  const matrixJob = (matrix: string[], ...steps: string[]) => y('jobs:', '  b:', '    runs-on: ubuntu-latest', '    strategy:', '      matrix:', ...matrix, '    steps:', ...steps);

  it('GOARCH from the matrix: one invocation per value', () => {
    const p = plan(WORKFLOW, matrixJob(['        goarch: [amd64, arm64]'], '      - run: go build .', '        env: {CGO_ENABLED: 1, GOARCH: "${{ matrix.goarch }}"}'));
    expect(p.invocations.map(brief)).toEqual(['-/amd64 CGO=1 on cross=no dynamic-glibc', '-/arm64 CGO=1 on cross=yes unknown']);
    expect(p.invocations[1].env.GOARCH?.raw).toBe('${{ matrix.goarch }}');
  });

  it('include / exclude', () => {
    const p = plan(WORKFLOW, matrixJob(
      ['        goos: [linux, darwin]', '        goarch: [amd64, arm64]', '        exclude: [{goos: darwin, goarch: amd64}]', '        include:', '          - {goos: windows, goarch: amd64}', '          - {goos: linux, cc: aarch64-linux-gnu-gcc, goarch: arm64}'],
      '      - run: go build .',
      '        env: {GOOS: "${{ matrix.goos }}", GOARCH: "${{ matrix.goarch }}", CC: "${{ matrix.cc }}"}',
    ));
    expect(p.invocations.map((i) => `${i.env.GOOS?.value}/${i.env.GOARCH?.value}/${i.env.CC?.value ?? ''}`)).toEqual(['linux/amd64/', 'linux/arm64/aarch64-linux-gnu-gcc', 'darwin/arm64/', 'windows/amd64/']);
  });

  it('keys a job never reads do not multiply the findings (go versions × one build)', () => {
    const p = plan(WORKFLOW, matrixJob(['        go: ["1.21", "1.22", "1.23"]', '        os: [a, b]'], '      - run: go test -race ./...'));
    expect(p.invocations).toHaveLength(1);
  });

  it('runs-on from the matrix', () => {
    const p = plan(WORKFLOW, y('jobs:', '  b:', '    runs-on: ${{ matrix.os }}', '    strategy: {matrix: {os: [ubuntu-22.04, macos-14]}}', '    steps:', '      - run: go build .'));
    expect(p.invocations.map((i) => i.host.libcVersion ?? i.host.label)).toEqual(['2.35', '`macos-14` runner (macOS)']);
  });

  it('a matrix from an expression: values unknown', () => {
    const p = plan(WORKFLOW, matrixJob(['        ${{ fromJSON(needs.setup.outputs.matrix) }}: x'], '      - run: go build .', '        env: {GOARCH: "${{ matrix.goarch }}"}'));
    expect(p.invocations.map((i) => [i.env.GOARCH?.value, i.target.cross])).toEqual([[undefined, 'unknown']]);
  });
});

describe('workflow reader: run scripts', () => {
  it.each<[string, string[]]>([
    ['literal block', ['      - run: |', '          set -e', '          CGO_ENABLED=0 go build -o dist/app .']],
    ['folded block', ['      - run: >-', '          CGO_ENABLED=0', '          go build -o dist/app .']],
    ['plain multi-line scalar', ['      - run: CGO_ENABLED=0', '          go build -o dist/app .']],
    ['double-quoted', ['      - run: "CGO_ENABLED=0 go build -o dist/app ."']],
  ])('%s: exact ranges', (_d, steps) => {
    const text = wf('ubuntu-latest', ...steps);
    const [inv] = plan(WORKFLOW, text).invocations;
    expect(inv.cgo.state).toBe('off');
    expect(textAt(text, inv.commandLoc)).toBe('go build');
    expect(textAt(text, inv.env.CGO_ENABLED!.loc!)).toBe('CGO_ENABLED=0');
    expect(textAt(text, inv.output!.loc)).toBe('dist/app');
  });

  it('${{ }} in a script is substituted before bash runs (its range spans the expression)', () => {
    const text = y('jobs:', '  b:', '    runs-on: ubuntu-latest', '    strategy: {matrix: {arch: [arm64]}}', '    steps:', '      - run: GOARCH=${{ matrix.arch }} go build -o app-${{ github.sha }} .');
    const [inv] = plan(WORKFLOW, text).invocations;
    expect(inv.env.GOARCH?.value).toBe('arm64');
    expect(textAt(text, inv.env.GOARCH!.valueLoc!)).toBe('${{ matrix.arch }}');
    expect(inv.output?.value).toBeUndefined();
  });

  it('a job calling a reusable workflow has no steps to read', () => {
    expect(plan(WORKFLOW, y('jobs:', '  b:', '    uses: ./.github/workflows/build.yml')).invocations).toEqual([]);
  });

  it('broken YAML never throws and leaves a note', () => {
    const p = plan(WORKFLOW, wf('ubuntu-latest', '      - run: go build .', '      - run: [oops'));
    expect(p.notes.length).toBeGreaterThan(0);
    for (const t of ['', 'jobs: 1', 'jobs: {b: {steps: 3}}', 'jobs:\n  b:\n    steps:\n      - run: {x: 1}\n', '%YAML 9\n---\n']) expect(() => plan(WORKFLOW, t)).not.toThrow();
  });
});

describe('workflow reader: released binaries', () => {
  const job = (...steps: string[]) => y('jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/setup-go@v5', "        with: {go-version: '1.22'}", ...steps);

  it.each<[string, string[], number]>([
    ['upload-artifact of the binary', ['      - run: CGO_ENABLED=1 go build -o dist/app .', '      - uses: actions/upload-artifact@v4', '        with: {name: app, path: dist/}'], 1],
    ['gh-release with a glob', ['      - run: CGO_ENABLED=1 go build -o dist/app .', '      - uses: softprops/action-gh-release@v2', "        with: {files: 'dist/*'}"], 1],
    ['gh release upload in a script', ['      - run: CGO_ENABLED=1 go build -o dist/app .', '      - run: gh release upload v1 dist/app'], 1],
    ['upload of something else', ['      - run: CGO_ENABLED=1 go build -o dist/app .', '      - uses: actions/upload-artifact@v4', '        with: {path: coverage.out}'], 0],
    ['upload before the build', ['      - uses: actions/upload-artifact@v4', '      - run: CGO_ENABLED=1 go build -o dist/app .'], 0],
    ['no upload', ['      - run: CGO_ENABLED=1 go build -o dist/app .'], 0],
  ])('%s', (_d, steps, n) => {
    const p = plan(WORKFLOW, job(...steps));
    expect(p.deliveries.filter((d) => d.runtime.releasedBinary)).toHaveLength(n);
  });

  it('where the build could move into a container: before runs-on, with the indentation of the job', () => {
    const text = job('      - run: CGO_ENABLED=1 go build -o dist/app .', '      - uses: actions/upload-artifact@v4');
    const [d] = plan(WORKFLOW, text).deliveries;
    expect(d.runtime.olderBuildHost?.text).toBe('    container: {image}\n');
    expect(d.runtime.olderBuildHost?.loc.range.start).toEqual({ line: 2, character: 0 });
  });
});
