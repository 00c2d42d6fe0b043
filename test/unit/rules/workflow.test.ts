import { describe, expect, it } from 'vitest';
import { WORKFLOW, findings, fixClears, textAt, y } from '../readers/yamlHelpers';

// The same rules on GitHub Actions workflows (cgo-facts A3 runners, A6, A10 earlier step / $GITHUB_ENV, A11, A18).

describe('workflow: CGO207 sanitizer-needs-cgo', () => {
  const ACCEPTANCE = y(
    'name: ci',
    'on: [push]',
    'env:',
    '  CGO_ENABLED: 0',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-go@v5',
    "        with: {go-version: '1.22'}",
    '      - run: go test -race ./...',
  );

  it('acceptance: workflow-level env CGO_ENABLED: 0 and a step `go test -race ./...` → CGO207 on -race', async () => {
    const [f, ...rest] = await findings(WORKFLOW, ACCEPTANCE, {}, 'CGO207');
    expect(rest).toEqual([]);
    expect([f.severity, textAt(ACCEPTANCE, f.loc)]).toEqual(['error', '-race']);
    expect(f.message).toContain("CGO_ENABLED=0 set by the workflow's `env:` (line 4)");
    expect(f.related.map((r) => textAt(ACCEPTANCE, r.loc))).toEqual(['CGO_ENABLED: 0']);
  });

  it('the fix enables cgo for that command only (a prefix in the run script)', async () => {
    expect(await fixClears(WORKFLOW, ACCEPTANCE, 'CGO207', 'CGO_ENABLED=1')).toBe(ACCEPTANCE.replace('- run: go test', '- run: CGO_ENABLED=1 go test'));
  });

  it('silent on a macOS runner (the race detector needs no cgo there)', async () => {
    expect(await findings(WORKFLOW, ACCEPTANCE.replace('ubuntu-latest', 'macos-14'), {}, 'CGO207')).toEqual([]);
  });
});

describe('workflow: CGO203 with a matrix GOARCH', () => {
  const ACCEPTANCE = y(
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    strategy:',
    '      matrix:',
    '        goarch: [amd64, arm64]',
    '    env:',
    '      CGO_ENABLED: 1',
    '      GOARCH: ${{ matrix.goarch }}',
    '    steps:',
    '      - run: go build -o dist/app-${{ matrix.goarch }} .',
  );

  it('acceptance: GOARCH from [amd64, arm64] with CGO_ENABLED: 1 and no CC → CGO203 (once)', async () => {
    const found = await findings(WORKFLOW, ACCEPTANCE, {}, 'CGO203');
    expect(found).toHaveLength(1);
    expect([found[0].severity, textAt(ACCEPTANCE, found[0].loc)]).toEqual(['error', 'go build']);
    expect(found[0].message).toContain('GOARCH=arm64');
  });

  it('the fix sets the job env to 0', async () => {
    expect(await fixClears(WORKFLOW, ACCEPTANCE, 'CGO203', 'CGO_ENABLED=0')).toBe(ACCEPTANCE.replace('CGO_ENABLED: 1', 'CGO_ENABLED: 0'));
  });

  it('silent with a CC per matrix entry', async () => {
    const text = ACCEPTANCE.replace('        goarch: [amd64, arm64]', '        include:\n          - {goarch: amd64, cc: gcc}\n          - {goarch: arm64, cc: aarch64-linux-gnu-gcc}').replace('      GOARCH: ${{ matrix.goarch }}', '      GOARCH: ${{ matrix.goarch }}\n      CC: ${{ matrix.cc }}');
    expect(await findings(WORKFLOW, text, {}, 'CGO203')).toEqual([]);
  });
});

describe('workflow: CGO205 and CGO204', () => {
  it.each<[string, string]>([
    ['workflow env', y('env:', '  CGO_ENABLED: false', 'jobs:', '  b:', '    runs-on: ubuntu-latest', '    steps:', '      - run: go build .')],
    ['step env', y('jobs:', '  b:', '    runs-on: ubuntu-latest', '    steps:', '      - run: go build .', '        env:', '          CGO_ENABLED: false')],
    ['$GITHUB_ENV', y('jobs:', '  b:', '    runs-on: ubuntu-latest', '    steps:', '      - run: echo "CGO_ENABLED=false" >> $GITHUB_ENV', '      - run: go build .')],
  ])('CGO_ENABLED: false in %s → CGO205; the fix writes 0', async (_d, text) => {
    const [f] = await findings(WORKFLOW, text, {}, 'CGO205');
    expect([f.severity, textAt(text, f.loc)]).toEqual(['error', 'false']);
    await fixClears(WORKFLOW, text, 'CGO205', 'CGO_ENABLED=0');
  });

  it('`export CGO_ENABLED=0` in one step, go build in a later step → CGO204 error; fix: prefix on the go command', async () => {
    const text = y('jobs:', '  b:', '    runs-on: ubuntu-latest', '    steps:', '      - run: export CGO_ENABLED=0', '      - run: go build -o app .');
    const [f] = await findings(WORKFLOW, text, {}, 'CGO204');
    expect([f.severity, textAt(text, f.loc)]).toEqual(['error', 'CGO_ENABLED=0']);
    expect(f.message).toContain('every `run:` step starts a new shell');
    expect(await fixClears(WORKFLOW, text, 'CGO204', 'on the go command')).toBe(text.replace('- run: go build', '- run: CGO_ENABLED=0 go build'));
  });

  it('silent when the value goes to $GITHUB_ENV instead', async () => {
    const text = y('jobs:', '  b:', '    runs-on: ubuntu-latest', '    steps:', '      - run: echo "CGO_ENABLED=0" >> "$GITHUB_ENV"', '      - run: go build -o app .');
    expect(await findings(WORKFLOW, text, {}, 'CGO204')).toEqual([]);
  });
});

describe('workflow: CGO103 for released binaries', () => {
  const job = (runsOn: string, cgo: string, ...extra: string[]) => y(
    'jobs:',
    '  release:',
    `    runs-on: ${runsOn}`,
    ...extra,
    '    env:',
    `      CGO_ENABLED: ${cgo}`,
    '    steps:',
    '      - uses: actions/setup-go@v5',
    "        with: {go-version: '1.22'}",
    '      - run: go build -o dist/app ./cmd/app',
    '      - uses: softprops/action-gh-release@v2',
    '        with:',
    '          files: dist/*',
  );

  it('CGO_ENABLED: 1 on ubuntu-latest, released → warning on the release step', async () => {
    const text = job('ubuntu-latest', '1');
    const [f, ...rest] = await findings(WORKFLOW, text, {}, 'CGO103');
    expect(rest).toEqual([]);
    expect([f.severity, textAt(text, f.loc)]).toEqual(['warning', 'uses: softprops/action-gh-release@v2']);
    expect(f.message).toBe(
      "`dist/app` is built with cgo on `ubuntu-latest` runner (Ubuntu 24.04) (glibc 2.39) and published to unknown Linux hosts (released binary): it needs glibc ≥ 2.34, so older distributions (Debian 11, Ubuntu 20.04, RHEL 8, Amazon Linux 2) fail with: version `GLIBC_2.34' not found. Build with CGO_ENABLED=0, or build on an older glibc.",
    );
    expect(f.fixes.map((x) => [x.title, x.preferred])).toEqual([
      ['Build with CGO_ENABLED=0 (line 9)', true],
      ['Build in an older container: `container: golang:1.22-bullseye` (glibc 2.31)', false],
    ]);
  });

  it.each<[string, string]>([
    ['CGO_ENABLED=0', 'CGO_ENABLED=0'],
    ['the older container', 'older container'],
  ])('fix: %s clears it', async (_d, title) => {
    await fixClears(WORKFLOW, job('ubuntu-latest', '1'), 'CGO103', title);
  });

  it('Go 1.25+ has no bullseye image: only the CGO_ENABLED=0 fix', async () => {
    const [f] = await findings(WORKFLOW, job('ubuntu-latest', '1').replace("'1.22'", "'1.25'"), {}, 'CGO103');
    expect(f.fixes.map((x) => x.title)).toEqual(['Build with CGO_ENABLED=0 (line 9)']);
  });

  it('an existing container with a newer glibc is replaced', async () => {
    const text = job('ubuntu-latest', '1', '    container: golang:1.22-bookworm');
    expect(await fixClears(WORKFLOW, text, 'CGO103', 'older container')).toBe(text.replace('golang:1.22-bookworm', 'golang:1.22-bullseye'));
  });

  it('ubuntu-22.04 (2.35 ≥ 2.34) still warns', async () => {
    expect(await findings(WORKFLOW, job('ubuntu-22.04', '1'), {}, 'CGO103')).toHaveLength(1);
  });

  it.each<[string, string]>([
    ['CGO_ENABLED: 0', job('ubuntu-latest', '0')],
    ['built in a bullseye container (glibc 2.31)', job('ubuntu-latest', '1', '    container: golang:1.22-bullseye')],
    ['macOS runner', job('macos-14', '1')],
  ])('silent: %s', async (_d, text) => {
    expect(await findings(WORKFLOW, text, {}, 'CGO103')).toEqual([]);
  });
});

describe('workflow: robustness', () => {
  it.each<string>(['', 'jobs: {b: null}', 'jobs:\n  b:\n    runs-on: [1, 2]\n    steps: [{run: 3}, {uses: 4}, null]', 'on: push\njobs:\n  b:\n    strategy: {matrix: {a: [1, 2], include: 7}}\n    steps: [{run: "${{ matrix.a }}"}]', 'jobs:\n  b:\n    steps:\n      - run: |\n          go build $(\n'])('no crash: %j', async (text) => {
    await findings(WORKFLOW, text);
  });
});
