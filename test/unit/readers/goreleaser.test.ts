import { beforeAll, describe, expect, it } from 'vitest';
import { YamlFile } from '../../../server/src/readers/yaml/document';
import { buildTargets } from '../../../server/src/readers/goreleaser/targets';
import { MAX_BUILD_TARGETS } from '../../../server/src/readers/goreleaser/reader';
import { GORELEASER, RELEASE_WORKFLOW, ROOT, brief, plan, ready, textAt, y } from './yamlHelpers';

beforeAll(ready);

const gr = (...build: string[]) => y('version: 2', 'builds:', ...build);
/** Every target of every build (the plan's invocations keep one per kind of build; the targets are all there). */
const targets = (text: string) => {
  const f = new YamlFile(GORELEASER, text);
  return f.items(f.get(f.root, 'builds')).flatMap((b) => buildTargets(f, b).targets.map((t) => `${t.goos}/${t.goarch}`));
};

describe('goreleaser reader: targets', () => {
  it.each<[string, string, string[]]>([
    ['goos × goarch', gr('  - goos: [linux, darwin]', '    goarch: [amd64, arm64]'), ['linux/amd64', 'linux/arm64', 'darwin/amd64', 'darwin/arm64']],
    ['defaults (v2): linux/darwin/windows × amd64/arm64/386, darwin/386 does not exist', gr('  - id: app'), ['linux/amd64', 'linux/arm64', 'linux/386', 'darwin/amd64', 'darwin/arm64', 'windows/amd64', 'windows/arm64', 'windows/386']],
    ['ignore removes a pair', gr('  - goos: [linux, windows]', '    goarch: [amd64, arm64]', '    ignore:', '      - goos: windows', '        goarch: arm64'), ['linux/amd64', 'linux/arm64', 'windows/amd64']],
    ['ignore with only goos', gr('  - goos: [linux, windows]', '    goarch: [amd64]', '    ignore: [{goos: windows}]'), ['linux/amd64']],
    ['targets win over goos/goarch', gr('  - goos: [windows]', '    targets: [linux_amd64_v1, darwin_arm64]'), ['linux/amd64', 'darwin/arm64']],
    ['go_first_class', gr('  - targets: [go_first_class]'), ['darwin/amd64', 'darwin/arm64', 'linux/386', 'linux/amd64', 'linux/arm', 'linux/arm64', 'windows/386', 'windows/amd64']],
    ['goarm variants collapse into one linux/arm target', gr('  - goos: [linux]', '    goarch: [arm]', '    goarm: ["6", "7"]'), ['linux/arm']],
    ['a single scalar instead of a list', gr('  - goos: linux', '    goarch: arm64'), ['linux/arm64']],
    ['templated goos entries are left out', gr('  - goos: [linux, "{{ .Env.EXTRA_OS }}"]', '    goarch: [amd64]'), ['linux/amd64']],
  ])('%s', (_d, text, expected) => {
    expect(targets(text)).toEqual(expected);
  });

  it(`at most ${MAX_BUILD_TARGETS} build targets are read per file, with a note`, () => {
    const builds = (n: number) => gr(...Array.from({ length: n }, (_, k) => `  - {id: b${k}, targets: [linux_amd64_v1]}`));
    const note = { message: `more than ${MAX_BUILD_TARGETS} build targets: the rest are not analysed`, loc: expect.anything() };
    const exact = plan(GORELEASER, builds(MAX_BUILD_TARGETS));
    expect(exact.invocations).toHaveLength(MAX_BUILD_TARGETS);
    expect(exact.notes).not.toContainEqual(note);
    const over = plan(GORELEASER, builds(MAX_BUILD_TARGETS + 1));
    expect(over.invocations).toHaveLength(MAX_BUILD_TARGETS);
    expect(over.invocations.at(-1)!.commandLoc.range.start.line).toBe(MAX_BUILD_TARGETS + 1); // b511, on its line
    expect(over.notes).toContainEqual(note);
    // Merge keys multiply targets: 400 builds of 10 × 5 stop at the bound too.
    const merged = y('x-build: &build', '  goos: [linux, darwin, windows, freebsd, netbsd]', '  goarch: [amd64, arm64]', 'builds:', ...Array(400).fill('  - <<: *build'));
    expect(plan(GORELEASER, merged).notes).toContainEqual(note);
  });

  it('builder other than go, skip: true → no go command', () => {
    expect(plan(GORELEASER, gr('  - builder: rust', '    targets: [x86_64-unknown-linux-gnu]', '  - skip: true', '    goos: [linux]', '  - builder: go', '    goos: [linux]', '    goarch: [amd64]')).invocations.map(brief)).toEqual(['linux/amd64 CGO=- unknown cross=no unknown']);
  });

  it('targets that build alike are one invocation for the rules (linux/arm64 and linux/386 with cgo on)', () => {
    const p = plan(GORELEASER, gr('  - env: [CGO_ENABLED=1]', '    goos: [linux, darwin]', '    goarch: [amd64, arm64, 386]'));
    expect(p.invocations.map(brief)).toEqual(['linux/amd64 CGO=1 on cross=no unknown', 'linux/arm64 CGO=1 on cross=yes unknown', 'darwin/amd64 CGO=1 on cross=yes unknown']);
  });
});

describe('goreleaser reader: environment of each target', () => {
  it('global env < build env < matching override env; GOOS/GOARCH from the target', () => {
    const p = plan(GORELEASER, y(
      'env: [CGO_ENABLED=0, CC=gcc]',
      'builds:',
      '  - id: app',
      '    env:',
      '      - CGO_ENABLED=1',
      '    goos: [linux]',
      '    goarch: [amd64, arm64]',
      '    overrides:',
      '      - goos: linux',
      '        goarch: arm64',
      '        env: [CC=aarch64-linux-gnu-gcc]',
    ));
    const [amd, arm] = p.invocations;
    expect([amd.env.CGO_ENABLED?.value, amd.env.CC?.value, arm.env.CC?.value]).toEqual(['1', 'gcc', 'aarch64-linux-gnu-gcc']);
    expect(brief(amd)).toBe('linux/amd64 CGO=1 on cross=no unknown');
    expect(brief(arm)).toBe('linux/arm64 CGO=1 on cross=yes unknown');
    expect(arm.target.targetCc?.value).toBe('aarch64-linux-gnu-gcc');
    expect(amd.tool).toBe('goreleaser');
  });

  it('the anchor (commandLoc) is the CGO_ENABLED item that decides, with the value range for fixes', () => {
    const text = gr('  - id: app', '    env:', '      - CGO_ENABLED=1', '    goos: [linux]', '    goarch: [arm64]');
    const [inv] = plan(GORELEASER, text).invocations;
    expect(textAt(text, inv.commandLoc)).toBe('CGO_ENABLED=1');
    expect(textAt(text, inv.cgo.explicit!.valueLoc!)).toBe('1');
    expect(inv.cgo.explicit!.origin).toBe('env-command');
  });

  it('without CGO_ENABLED the anchor is the build id, and setEnvEdit adds an env line', () => {
    const text = gr('  - id: app', '    goos: [linux]', '    goarch: [amd64]');
    const [inv] = plan(GORELEASER, text).invocations;
    expect(textAt(text, inv.commandLoc)).toBe('id: app');
    expect(inv.cgo.implicit).toBe(true);
    expect(inv.setEnvEdit).toEqual({ at: { uri: GORELEASER, range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } } }, text: '    env: [CGO_ENABLED={value}]\n' });
  });

  it.each<[string, string, string]>([
    ['block env list', gr('  - id: app', '    env:', '      - FOO=1', '    goos: [linux]'), '      - CGO_ENABLED={value}\n@4:0'],
    ['flow env list', gr('  - id: app', '    env: [FOO=1]', '    goos: [linux]'), 'CGO_ENABLED={value}, @3:10'],
  ])('setEnvEdit into an existing %s', (_d, text, expected) => {
    const e = plan(GORELEASER, text).invocations[0].setEnvEdit!;
    expect(`${e.text}@${e.at.range.start.line}:${e.at.range.start.character}`).toBe(expected);
  });

  it('a templated value is known only at run time', () => {
    const [inv] = plan(GORELEASER, gr('  - env: ["CGO_ENABLED={{ .Env.CGO }}"]', '    goos: [linux]', '    goarch: [amd64]')).invocations;
    expect(inv.env.CGO_ENABLED?.value).toBeUndefined();
    expect(inv.cgo.state).toBe('unknown');
  });

  it('v1 config: ldflags as a string, flags, tags and buildmode reach the model', () => {
    const text = y(
      'builds:',
      '  - binary: app',
      '    env: [CGO_ENABLED=1]',
      '    flags: [-trimpath, -race]',
      '    tags: [netgo, osusergo]',
      '    buildmode: pie',
      "    ldflags: -s -w -linkmode external -extldflags '-static'",
      '    goos: [linux]',
      '    goarch: [amd64]',
    );
    const [inv] = plan(GORELEASER, text).invocations;
    expect(inv.tags.values).toEqual(['netgo', 'osusergo']);
    expect(inv.ldflags?.linkmodeExternal).toBe(true);
    expect(inv.ldflags?.extldflagsStatic).toBe(true);
    expect(inv.buildmode?.value).toBe('pie');
    expect(inv.sanitizers.map((s) => textAt(text, s.loc))).toEqual(['-race']);
    expect(inv.output?.value).toBe('app');
    expect(textAt(text, inv.ldflags!.loc)).toBe("-s -w -linkmode external -extldflags '-static'");
  });

  it('v2 ldflags list is joined; an override replaces the tags of its target', () => {
    const p = plan(GORELEASER, gr('  - ldflags:', '      - -s -w', '      - -X main.v={{.Version}}', '    tags: [a]', '    goos: [linux]', '    goarch: [amd64, arm64]', '    overrides:', '      - {goos: linux, goarch: arm64, tags: [b]}'));
    expect(p.invocations.map((i) => i.tags.values)).toEqual([['a'], ['b']]);
    expect(p.invocations[0].ldflags?.text).toBe('-s -w -X main.v={{.Version}}');
  });

  it('YAML anchors and merge keys: a shared build definition', () => {
    const text = y(
      'x-defaults: &defaults',
      '  env: &env [CGO_ENABLED=0]',
      '  goos: [linux]',
      'builds:',
      '  - <<: *defaults',
      '    id: a',
      '    goarch: [amd64]',
      '  - id: b',
      '    env: *env',
      '    goos: [darwin]',
      '    goarch: [arm64]',
    );
    const p = plan(GORELEASER, text);
    expect(p.invocations.map(brief)).toEqual(['linux/amd64 CGO=0 off cross=no static', 'darwin/arm64 CGO=0 off cross=yes unknown']);
    // Both point at the one place the value is written.
    expect(p.invocations.map((i) => textAt(text, i.commandLoc))).toEqual(['CGO_ENABLED=0', 'CGO_ENABLED=0']);
    expect(p.occurrences.map((o) => textAt(text, o.loc))).toEqual(['CGO_ENABLED=0']);
  });

  it('records CGO_ENABLED=false as an occurrence with its value range', () => {
    const text = gr('  - env: [CGO_ENABLED=false]', '    goos: [linux]');
    const p = plan(GORELEASER, text);
    expect(p.occurrences.map((o) => [o.value, textAt(text, o.valueLoc!)])).toEqual([['false', 'false']]);
  });

  it('broken YAML: a note, no exception, what parsed still counts', () => {
    const p = plan(GORELEASER, y('builds:', '  - env: [CGO_ENABLED=1]', '    goos: [linux', '    goarch: [amd64]', 'dockers: {'));
    expect(p.notes.length).toBeGreaterThan(0);
    expect(() => plan(GORELEASER, '\t: : [')).not.toThrow();
    expect(() => plan(GORELEASER, '')).not.toThrow();
    expect(() => plan(GORELEASER, 'builds: 3\n')).not.toThrow();
  });
});

describe('goreleaser reader: links to the Dockerfile and to the workflow that runs it', () => {
  const files = {
    [`${ROOT}Dockerfile`]: y('FROM scratch', 'COPY app /app'),
    [`${ROOT}docker/Dockerfile.alpine`]: y('FROM alpine:3.20', 'RUN apk add --no-cache libc6-compat', 'COPY app /app'),
    [RELEASE_WORKFLOW]: y('jobs:', '  release:', '    runs-on: ubuntu-22.04', '    env:', '      CC: gcc', '    steps:', '      - uses: actions/setup-go@v5', "        with: {go-version: '1.22'}", '      - uses: goreleaser/goreleaser-action@v6', '        with: {args: release --clean}'),
  };

  it('dockers[] (v1): the final stage of the Dockerfile receives the linux/amd64 binary of the listed ids', () => {
    const text = y(
      'builds:',
      '  - id: app',
      '    env: [CGO_ENABLED=1]',
      '    goos: [linux]',
      '    goarch: [amd64, arm64]',
      '  - id: other',
      '    goos: [linux]',
      '    goarch: [amd64]',
      'dockers:',
      '  - ids: [app]',
      '    image_templates: ["x/app:{{ .Tag }}"]',
      '  - dockerfile: docker/Dockerfile.alpine',
      '    goarch: arm64',
    );
    const p = plan(GORELEASER, text, files);
    const docker = p.deliveries.filter((d) => !d.runtime.releasedBinary);
    expect(docker.map((d) => [brief(d.artifact.producer), d.runtime.libc, d.runtime.label, textAt(text, d.copyLoc!)])).toEqual([
      ['linux/amd64 CGO=1 on cross=no dynamic-glibc', 'none', '`scratch` (final stage of Dockerfile)', 'image_templates: ["x/app:{{ .Tag }}"]'],
      ['linux/arm64 CGO=1 on cross=yes unknown', 'musl', '`alpine:3.20` (final stage of docker/Dockerfile.alpine)', 'dockerfile: docker/Dockerfile.alpine'],
    ]);
    expect(docker[1].runtime.compatHacks).toHaveLength(1);
    expect(docker[0].runtime.loc?.uri).toBe(`${ROOT}Dockerfile`);
    expect(p.dependencies).toEqual(expect.arrayContaining([`${ROOT}Dockerfile`, `${ROOT}docker/Dockerfile.alpine`]));
  });

  it('dockers_v2[]: platforms (default linux/amd64 + linux/arm64)', () => {
    const p = plan(GORELEASER, y('builds:', '  - goos: [linux, darwin]', '    goarch: [amd64, arm64]', 'dockers_v2:', '  - images: [x/app]'), files);
    expect(p.deliveries.filter((d) => !d.runtime.releasedBinary).map((d) => brief(d.artifact.producer).split(' ')[0])).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it('a missing Dockerfile: no delivery, still a dependency (to re-analyse when it appears)', () => {
    const p = plan(GORELEASER, y('builds:', '  - goos: [linux]', 'dockers:', '  - dockerfile: nope/Dockerfile'), files);
    expect(p.deliveries.filter((d) => !d.runtime.releasedBinary)).toEqual([]);
    expect(p.dependencies).toContain(`${ROOT}nope/Dockerfile`);
  });

  it('the workflow running goreleaser-action gives the host (runner glibc, Go version) and the OS environment', () => {
    const [inv] = plan(GORELEASER, gr('  - goos: [linux]', '    goarch: [amd64]'), files).invocations;
    expect(inv.host.label).toBe('`ubuntu-22.04` runner (Ubuntu 22.04) of job `release` in .github/workflows/release.yml');
    expect([inv.host.libc, inv.host.libcVersion, inv.host.goAtLeast120]).toEqual(['glibc', '2.35', true]);
    // CC from the job's env reaches goreleaser, hence the build (cgo on for a native build with CC set).
    expect(inv.env.CC?.value).toBe('gcc');
    expect(inv.env.CC?.valueLoc).toBeUndefined();
    expect(inv.cgo.state).toBe('on');
  });

  it('released binaries: one delivery per build and linkage, to unknown Linux hosts', () => {
    const p = plan(GORELEASER, gr('  - env: [CGO_ENABLED=1]', '    goos: [linux, darwin]', '    goarch: [amd64, arm64]'), files);
    const released = p.deliveries.filter((d) => d.runtime.releasedBinary);
    expect(released.map((d) => brief(d.artifact.producer))).toEqual(['linux/amd64 CGO=1 on cross=no dynamic-glibc', 'linux/arm64 CGO=1 on cross=yes unknown']);
    expect(released[0].runtime.label).toBe('unknown Linux hosts (released binary)');
  });
});
