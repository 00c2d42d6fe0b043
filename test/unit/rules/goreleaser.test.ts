import { describe, expect, it } from 'vitest';
import { GORELEASER, RELEASE_WORKFLOW, ROOT, findings, fixClears, textAt, y } from '../readers/yamlHelpers';

// The same rules on .goreleaser.yaml (cgo-facts A6, A11, A28): no rule knows it looks at goreleaser.

const ACCEPTANCE = y(
  'version: 2',
  'builds:',
  '  - id: app',
  '    main: ./cmd/app',
  '    env:',
  '      - CGO_ENABLED=1',
  '    goos: [linux, darwin, windows]',
  '    goarch: [amd64, arm64]',
);

/** A release workflow that runs goreleaser on ubuntu-latest: the builds' host is a glibc 2.39 runner. */
const RUNNER = {
  [RELEASE_WORKFLOW]: y('on: {push: {tags: ["v*"]}}', 'jobs:', '  goreleaser:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - uses: actions/setup-go@v5', "        with: {go-version: '1.22'}", '      - uses: goreleaser/goreleaser-action@v6', '        with: {args: release --clean}'),
};

describe('goreleaser: CGO203 cross-compile-cgo-without-cc', () => {
  it('acceptance: env [CGO_ENABLED=1] for linux/darwin/windows × amd64/arm64 without CC overrides → CGO203 on the env item', async () => {
    const found = await findings(GORELEASER, ACCEPTANCE, {}, 'CGO203');
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f.severity).toBe('error');
    expect(textAt(ACCEPTANCE, f.loc)).toBe('CGO_ENABLED=1');
    expect(f.message).toContain('GOARCH=arm64 on an amd64 build machine');
    expect(f.fixes.map((x) => x.title)).toEqual(['Build with CGO_ENABLED=0']);
  });

  it('the fix sets CGO_ENABLED=0 in the env item and the finding is gone', async () => {
    expect(await fixClears(GORELEASER, ACCEPTANCE, 'CGO203', 'CGO_ENABLED=0')).toBe(ACCEPTANCE.replace('CGO_ENABLED=1', 'CGO_ENABLED=0'));
  });

  it.each<[string, string]>([
    ['a CC override for linux/arm64', ACCEPTANCE + y('    overrides:', '      - goos: linux', '        goarch: arm64', '        env: [CC=aarch64-linux-gnu-gcc]')],
    ['only linux/amd64', y('builds:', '  - env: [CGO_ENABLED=1]', '    goos: [linux]', '    goarch: [amd64]')],
    ['CGO_ENABLED=0', ACCEPTANCE.replace('CGO_ENABLED=1', 'CGO_ENABLED=0')],
    ['a templated CC for every target', ACCEPTANCE.replace('      - CGO_ENABLED=1', '      - CGO_ENABLED=1\n      - CC={{ .Env.CC }}')],
  ])('silent with %s', async (_d, text) => {
    expect(await findings(GORELEASER, text, {}, 'CGO203')).toEqual([]);
  });
});

describe('goreleaser: CGO205 and CGO207', () => {
  it('CGO_ENABLED=false in a build env → CGO205 on the value, fix to 0', async () => {
    const text = y('builds:', '  - env: [CGO_ENABLED=false]', '    goos: [linux]', '    goarch: [amd64]');
    const [f] = await findings(GORELEASER, text, {}, 'CGO205');
    expect(textAt(text, f.loc)).toBe('false');
    expect(await fixClears(GORELEASER, text, 'CGO205', 'CGO_ENABLED=0')).toContain('CGO_ENABLED=0]');
  });

  it('flags: [-race] with CGO_ENABLED=0 → CGO207 on the flag; enabling cgo rewrites the env item', async () => {
    const text = y('builds:', '  - env: [CGO_ENABLED=0]', '    flags: [-race]', '    goos: [linux]', '    goarch: [amd64]');
    const [f] = await findings(GORELEASER, text, {}, 'CGO207');
    expect(textAt(text, f.loc)).toBe('-race');
    expect(await fixClears(GORELEASER, text, 'CGO207', 'CGO_ENABLED=1')).toContain('CGO_ENABLED=1');
  });
});

describe('goreleaser: the binary in the Dockerfile of dockers[] (CGO101/CGO102)', () => {
  const build = y('builds:', '  - id: app', '    env: [CGO_ENABLED=1]', '    goos: [linux]', '    goarch: [amd64]', 'dockers:', '  - image_templates: ["ghcr.io/x/app:{{ .Tag }}"]', '    dockerfile: Dockerfile');

  it('cgo binary from an ubuntu runner into FROM scratch → CGO101 on `dockerfile:`, related to the FROM', async () => {
    const files = { ...RUNNER, [`${ROOT}Dockerfile`]: y('FROM scratch', 'COPY app /app', 'ENTRYPOINT ["/app"]') };
    const [f] = await findings(GORELEASER, build, files, 'CGO101');
    expect(f.severity).toBe('error');
    expect(textAt(build, f.loc)).toBe('dockerfile: Dockerfile');
    expect(f.message).toContain('`scratch` (final stage of Dockerfile) has no libc at all');
    expect(f.related.some((r) => r.loc.uri === `${ROOT}Dockerfile` && r.loc.range.start.line === 0)).toBe(true);
    await fixClears(GORELEASER, build, 'CGO101', 'CGO_ENABLED=0', files);
  });

  it('same build, unknown host (no workflow runs goreleaser) → silent: the libc of the builder is not known', async () => {
    expect(await findings(GORELEASER, build, { [`${ROOT}Dockerfile`]: y('FROM scratch', 'COPY app /app') }, 'CGO101')).toEqual([]);
  });

  it('built in a musl container → CGO102 into a debian image', async () => {
    const files = {
      [RELEASE_WORKFLOW]: y('jobs:', '  r:', '    runs-on: ubuntu-latest', '    container: golang:1.22-alpine', '    steps:', '      - uses: goreleaser/goreleaser-action@v6'),
      [`${ROOT}Dockerfile`]: y('FROM debian:bookworm-slim', 'COPY app /app'),
    };
    const [f] = await findings(GORELEASER, build, files, 'CGO102');
    expect(textAt(build, f.loc)).toBe('dockerfile: Dockerfile');
  });
});

describe('goreleaser: CGO103 for released binaries', () => {
  it('cgo on an ubuntu-latest runner → warning: older distributions lack GLIBC_2.34', async () => {
    const text = y('builds:', '  - env: [CGO_ENABLED=1]', '    goos: [linux]', '    goarch: [amd64]');
    const [f] = await findings(GORELEASER, text, RUNNER, 'CGO103');
    expect(f.severity).toBe('warning');
    expect(textAt(text, f.loc)).toBe('CGO_ENABLED=1');
    expect(f.message).toContain("version `GLIBC_2.34' not found");
    expect(f.message).toContain('Debian 11, Ubuntu 20.04, RHEL 8, Amazon Linux 2');
    await fixClears(GORELEASER, text, 'CGO103', 'CGO_ENABLED=0', RUNNER);
  });

  it('silent with CGO_ENABLED=0 and without a known runner', async () => {
    expect(await findings(GORELEASER, y('builds:', '  - env: [CGO_ENABLED=0]', '    goos: [linux]'), RUNNER, 'CGO103')).toEqual([]);
    expect(await findings(GORELEASER, y('builds:', '  - env: [CGO_ENABLED=1]', '    goos: [linux]', '    goarch: [amd64]'), {}, 'CGO103')).toEqual([]);
  });
});

describe('goreleaser: robustness', () => {
  it.each<string>(['', 'builds: {}', 'builds: [1, "x", null]', 'dockers: [{dockerfile: "../../etc/passwd"}]\nbuilds: [{}]', '{{ .Env.X }}: 1', 'builds:\n  - env: [=, "=x", "CGO_ENABLED"]'])('no crash: %j', async (text) => {
    await findings(GORELEASER, text);
  });
});
