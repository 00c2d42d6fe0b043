import { describe, expect, it } from 'vitest';
import { analyze, applyFix, df, expectFires, expectFixClears, expectFixes, expectSilent, only, range, service, textAt, URI, type Expected } from './harness';

// CGO207 sanitizer-needs-cgo: -race/-msan/-asan need cgo on Linux (cgo-facts A18).
const GO = (...lines: string[]) => df('FROM golang:1.22 AS build', ...lines);
const ALPINE = (...lines: string[]) => df('FROM golang:1.22-alpine AS build', ...lines);
const FLAG = (line: number, c1: number, text = '-race', has: string[] = []): Expected => ({ at: range(line, c1, line, c1 + text.length), severity: 'error', text, has });

describe('CGO207 sanitizer-needs-cgo', () => {
  it('ENV CGO_ENABLED=0 + go test -race ./...: the exact finding', async () => {
    await expectFires(GO('ENV CGO_ENABLED=0', 'RUN go test -race ./...'), 'CGO207', {
      ...FLAG(2, 12),
      message:
        '-race needs cgo, but cgo is off for this command (CGO_ENABLED=0 set by ENV on line 2 (stage `build`)): it fails with `go: -race requires cgo; enable cgo by setting CGO_ENABLED=1`.',
    });
  });

  it('golang:1.22-alpine without gcc + go test -race (cgo off by default): the exact finding', async () => {
    await expectFires(ALPINE('RUN go test -race ./...'), 'CGO207', {
      ...FLAG(1, 12),
      message:
        '-race needs cgo, but cgo is off for this command (CGO_ENABLED is unset and `golang:1.22-alpine` has no C compiler on PATH: Go ≥ 1.20 turns cgo off): it fails with `go: -race requires cgo; enable cgo by setting CGO_ENABLED=1`; `golang:1.22-alpine` also needs a C compiler.',
    });
  });

  it.each<[string, string, Expected[]]>([
    ['CGO_ENABLED=0 go build -race', GO('RUN CGO_ENABLED=0 go build -race -o /app .'), [FLAG(1, 27)]],
    ['-race=true', GO('RUN CGO_ENABLED=0 go test -race=true ./...'), [FLAG(1, 26, '-race=true')]],
    ['-msan and -asan: one finding each', GO('RUN CGO_ENABLED=0 go test -msan -asan ./...'), [FLAG(1, 26, '-msan', ['`go: -msan requires cgo;']), FLAG(1, 32, '-asan', ['`go: -asan requires cgo;'])]],
    ['GOFLAGS=-race from ENV (anchor: the GOFLAGS value)', GO('ENV CGO_ENABLED=0 GOFLAGS=-race', 'RUN go test ./...'), [FLAG(1, 26)]],
    ['ENV inherited through FROM <stage>', df('FROM golang:1.22 AS base', 'ENV CGO_ENABLED=0', 'FROM base AS test', 'RUN go test -race ./...'), [FLAG(3, 12)]],
    ['cross build GOARCH=arm64: cgo off by default', GO('RUN GOARCH=arm64 go test -race ./...'), [FLAG(1, 25, '-race', ['this is a cross build'])]],
    ['exec form', GO('ENV CGO_ENABLED=0', 'RUN ["go","test","-race","./..."]'), [FLAG(2, 17, '"-race"')]],
    ['heredoc', GO('ENV CGO_ENABLED=0', 'RUN <<EOF', 'go test -race ./...', 'EOF'), [FLAG(3, 8)]],
    ['lowercase keywords', df('from golang:1.22-alpine as test', 'run go test -race ./...'), [FLAG(1, 12)]],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO207', expected);
  });

  it.each<[string, string]>([
    ['golang:1.22 ships gcc: cgo on by default', GO('RUN go test -race ./...')],
    ['alpine with gcc musl-dev', ALPINE('RUN apk add --no-cache gcc musl-dev', 'RUN go test -race ./...')],
    ['CGO_ENABLED=1 on the test command, CGO_ENABLED=0 for the stage', GO('ENV CGO_ENABLED=0', 'RUN CGO_ENABLED=1 go test -race ./...')],
    ['-race=false', GO('RUN CGO_ENABLED=0 go test -race=false ./...')],
    ['no sanitizer', GO('RUN CGO_ENABLED=0 go test ./...')],
    ['GOOS=darwin: macOS has a cgo-less race detector since Go 1.20', GO('RUN CGO_ENABLED=0 GOOS=darwin go test -race -c ./...')],
    ['unknown image: cgo state unknown', df('FROM registry.corp/go:1', 'RUN go test -race ./...')],
    ['-race in a test name filter is not the flag', GO('RUN CGO_ENABLED=0 go test -run -race ./...')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO207');
  });

  it('offers enabling cgo for the command (preferred)', async () => {
    await expectFixes(GO('ENV CGO_ENABLED=0', 'RUN go test -race ./...'), 'CGO207', [['Enable cgo for this command (CGO_ENABLED=1)', true]]);
  });

  it('without a compiler the enabling fix also installs one', async () => {
    await expectFixes(ALPINE('RUN go test -race ./...'), 'CGO207', [['Enable cgo for this command (CGO_ENABLED=1) and install a C toolchain', true]]);
  });

  it('a cross build offers no enabling fix: cgo for arm64 would need a cross compiler (CGO203)', async () => {
    const [f] = only(await analyze(GO('RUN GOARCH=arm64 go test -race ./...')), 'CGO207');
    expect(f.fixes).toEqual([]);
  });

  it.each<[string, string, string]>([
    ['ENV CGO_ENABLED=0: scoped prefix on the test', GO('ENV CGO_ENABLED=0', 'RUN go test -race ./...'), 'ENV CGO_ENABLED=0\nRUN CGO_ENABLED=1 go test -race ./...\n'],
    ['inline CGO_ENABLED=0 rewritten', GO('RUN CGO_ENABLED=0 go build -race -o /app .'), 'RUN CGO_ENABLED=1 go build -race'],
    ['alpine: cgo on and gcc musl-dev installed', ALPINE('RUN go test -race ./...'), 'FROM golang:1.22-alpine AS build\nRUN apk add --no-cache gcc musl-dev\nRUN CGO_ENABLED=1 go test -race ./...\n'],
    ['GOFLAGS=-race', GO('ENV CGO_ENABLED=0 GOFLAGS=-race', 'RUN go test ./...'), 'RUN CGO_ENABLED=1 go test ./...'],
    ['heredoc', GO('ENV CGO_ENABLED=0', 'RUN <<EOF', 'go test -race ./...', 'EOF'), '\nCGO_ENABLED=1 go test -race ./...\n'],
    ['exec form', GO('ENV CGO_ENABLED=0', 'RUN ["go","test","-race","./..."]'), 'ENV CGO_ENABLED=1\nRUN ["go","test","-race","./..."]'],
  ])('fix clears it: %s', async (_d, source, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO207', 'Enable cgo');
    expect(fixed).toContain(expectedText);
  });

  it('exec form followed by a static build: enabling cgo for the test must not leak into the build', async () => {
    const source = GO('ENV CGO_ENABLED=0', 'RUN ["go","test","-race","./..."]', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app');
    const { fixed } = await expectFixClears(source, 'CGO207', 'Enable cgo');
    expect(fixed).toContain('ENV CGO_ENABLED=0\nENV CGO_ENABLED=1\nRUN ["go","test","-race","./..."]\nENV CGO_ENABLED=0\nRUN go build');
  });
});

describe('CGO207 fixes where the value comes from a Makefile expansion', () => {
  const makefile = async (text: string) => only((await service()).analyze({ uri: 'file:///w/Makefile', text }).findings, 'CGO207');
  it.each([
    ['`$(GO)` expanding to `env CGO_ENABLED=0 go build`', 'GO=env CGO_ENABLED=0 go build\nt:\n\t$(GO) -race\n'],
    ['`$(GO)` expanding to `CGO_ENABLED=0 go`', 'GO=CGO_ENABLED=0 go\nt:\n\t$(GO) build -race\n'],
  ])('%s: the finding, but no edit (the value is not written on the recipe line; a prefix there would be overridden)', async (_d, text) => {
    const [f] = await makefile(text);
    expect(f).toBeDefined();
    expect(f!.fixes).toEqual([]);
  });

  it('`CGO_ENABLED=$(X)`: the fix replaces the whole reference, and the finding is gone after it', async () => {
    const text = 'X=0\nt:\n\tCGO_ENABLED=$(X) go build -race\n';
    const [f] = await makefile(text);
    const fix = f!.fixes.find((x) => x.title.startsWith('Enable cgo'))!;
    expect(fix.edits.map((e) => [textAt(text, e.range), e.newText])).toEqual([['$(X)', '1']]);
    expect(await makefile(applyFix(text, { ...fix, edits: fix.edits.map((e) => ({ ...e, uri: URI })) }))).toEqual([]);
  });
});
