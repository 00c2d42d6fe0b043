import { describe, expect, it } from 'vitest';
import { analyze, applyFix, df, expectFires, expectFixClears, expectFixes, expectSilent, only, range, type Expected } from './harness';

// CGO202 cgo-setting-implicit: CGO_ENABLED never set, the environment decides (cgo-facts A5, §0.1).
const GO = (image: string, ...lines: string[]) => df(`FROM ${image} AS build`, ...lines);
const INFO = (line: number, c1: number, c2: number, has: string[] = []): Expected => ({ at: range(line, c1, line, c2), severity: 'information', has });
const PLATFORM = df('FROM --platform=$BUILDPLATFORM golang:1.22 AS build', 'ARG TARGETARCH', 'RUN GOARCH=$TARGETARCH go build -o /app .');

describe('CGO202 cgo-setting-implicit', () => {
  it('golang:1.22 + plain go build (on: gcc in the image): the exact finding', async () => {
    await expectFires(GO('golang:1.22', 'RUN go build -o /app .'), 'CGO202', {
      ...INFO(1, 4, 12),
      text: 'go build',
      message:
        'CGO_ENABLED is not set for this build, so it is on: CGO_ENABLED is unset and a C compiler is on PATH (shipped with `golang:1.22`): Go ≥ 1.20 turns cgo on for native builds. The same file gives a different binary on another Go version, builder image or architecture; set it explicitly.',
    });
  });

  it.each<[string, string, Expected]>([
    ['golang:1.22-alpine: off (no gcc)', GO('golang:1.22-alpine', 'RUN go build -o /app .'), INFO(1, 4, 12, ['so it is off', '`golang:1.22-alpine` has no C compiler on PATH: Go ≥ 1.20 turns cgo off'])],
    ['golang:1.22-alpine + build-base: on', GO('golang:1.22-alpine', 'RUN apk add build-base', 'RUN go build -o /app .'), INFO(2, 4, 12, ['so it is on', 'installed here'])],
    ['golang:1.19-alpine: on without gcc', GO('golang:1.19-alpine', 'RUN go build -o /app .'), INFO(1, 4, 12, ['so it is on', 'Go 1.19 turns cgo on for native builds even without a C compiler'])],
    ['unknown image: decided by the environment', GO('registry.corp/base:1', 'RUN go build -o /app .'), INFO(1, 4, 12, ['decided by the environment', 'the Go version of `registry.corp/base:1` is not known'])],
    ['cross build GOARCH=arm64: off', GO('golang:1.22', 'RUN GOARCH=arm64 go build -o /app .'), INFO(1, 17, 25, ['so it is off', 'this is a cross build (GOARCH=arm64'])],
    ['GOOS=windows: off', GO('golang:1.22', 'RUN GOOS=windows go build -o /app.exe .'), INFO(1, 17, 25, ['GOOS=windows while the build runs on Linux'])],
    ['GOARCH=$TARGETARCH on $BUILDPLATFORM: on only natively', PLATFORM, INFO(2, 23, 31, ["for the build platform's own architecture", 'other architectures are cross builds with cgo off'])],
    ['go install', GO('golang:1.22', 'RUN go install example.com/cmd/server@latest'), { ...INFO(1, 4, 14), text: 'go install' }],
    ['heredoc', GO('golang:1.22', 'RUN <<EOF', 'go build -o /app .', 'EOF'), INFO(2, 0, 8)],
    ['continuation', GO('golang:1.22', 'RUN go mod download && \\', '    go build -o /app .'), INFO(2, 4, 12)],
    ['exec form', GO('golang:1.22', 'RUN ["go","build","-o","/app","."]'), { ...INFO(1, 5, 17), text: '"go","build"' }],
    ['RUN --mount', GO('golang:1.22', 'RUN --mount=type=cache,target=/root/.cache/go-build go build -o /app .'), INFO(1, 52, 60)],
    ['lowercase keywords', df('from golang:1.22 as build', 'run go build -o /app .'), INFO(1, 4, 12)],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO202', expected);
  });

  it.each<[string, string]>([
    ['CGO_ENABLED=0 prefix', GO('golang:1.22', 'RUN CGO_ENABLED=0 go build -o /app .')],
    ['CGO_ENABLED=1 prefix', GO('golang:1.22', 'RUN CGO_ENABLED=1 go build -o /app .')],
    ['ENV CGO_ENABLED=0', GO('golang:1.22', 'ENV CGO_ENABLED=0', 'RUN go build -o /app .')],
    ['ENV inherited through FROM <stage>', df('FROM golang:1.22 AS base', 'ENV CGO_ENABLED=0', 'FROM base AS build', 'RUN go build -o /app .')],
    ['stage ARG with default', GO('golang:1.22', 'ARG CGO_ENABLED=0', 'RUN go build -o /app .')],
    ['global ARG re-declared', df('ARG CGO_ENABLED=0', 'FROM golang:1.22 AS build', 'ARG CGO_ENABLED', 'RUN go build -o /app .')],
    ['ARG CGO_ENABLED without default (--build-arg decides, explicitly)', GO('golang:1.22', 'ARG CGO_ENABLED', 'RUN go build -o /app .')],
    ['export … && go build', GO('golang:1.22', 'RUN export CGO_ENABLED=0 && go build -o /app .')],
    ['ENV CGO_ENABLED=1 then CGO_ENABLED=0 && (updates the exported variable)', GO('golang:1.22', 'ENV CGO_ENABLED=1', 'RUN CGO_ENABLED=0 && go build -o /app .')],
    ['go env -w CGO_ENABLED=0 (CGO206 reports it)', GO('golang:1.22', 'RUN go env -w CGO_ENABLED=0', 'RUN go build -o /app .')],
    ['invalid value (CGO205 reports it)', GO('golang:1.22', 'ENV CGO_ENABLED=false', 'RUN go build -o /app .')],
    ['heredoc with CGO_ENABLED=0', GO('golang:1.22', 'RUN <<EOF', 'CGO_ENABLED=0 go build -o /app .', 'EOF')],
    ['continuation with CGO_ENABLED=0', GO('golang:1.22', 'RUN go mod download && \\', '    CGO_ENABLED=0 go build -o /app .')],
    ['backtick escape with CGO_ENABLED=0', df('# escape=`', 'FROM golang:1.22 AS build', 'RUN go mod download && `', '    CGO_ENABLED=0 go build -o /app .')],
    ['go test / go run / go vet are not builds that ship', GO('golang:1.22', 'RUN go run ./cmd/gen && go test ./... && go vet ./...')],
    ['xx-go sets it up itself', df('FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build', 'RUN xx-go build -o /app .')],
    ['no go command', GO('golang:1.22', 'RUN make all')],
    ['CGO_ENABLED=0 && go build (CGO204 says why it has no effect)', GO('golang:1.22', 'RUN CGO_ENABLED=0 && go build -o /app .')],
    ['global ARG not re-declared (CGO204 reports it)', df('ARG CGO_ENABLED=0', 'FROM golang:1.22 AS build', 'RUN go build -o /app .')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO202');
  });

  it('on: offers pinning what it resolves to (preferred, safe), then the static binary', async () => {
    const fixes = await expectFixes(GO('golang:1.22', 'RUN go build -o /app .'), 'CGO202', [
      ['Set CGO_ENABLED=1 (what it resolves to now)', true],
      ['Set CGO_ENABLED=0 (static binary)', false],
    ]);
    expect(fixes.map((f) => f.safe)).toEqual([true, false]);
  });

  it('off: offers pinning 0 (preferred, safe)', async () => {
    const fixes = await expectFixes(GO('golang:1.22-alpine', 'RUN go build -o /app .'), 'CGO202', [['Set CGO_ENABLED=0 (what it resolves to now)', true]]);
    expect(fixes[0].safe).toBe(true);
  });

  it('unknown: offers 0 as a choice, not as "what it resolves to now", and not as a safe fix', async () => {
    const fixes = await expectFixes(GO('registry.corp/base:1', 'RUN go build -o /app .'), 'CGO202', [['Set CGO_ENABLED=0 (static binary)', true]]);
    expect(fixes[0].safe).toBe(false);
  });

  it('platform-dependent ($TARGETARCH on $BUILDPLATFORM): offers only 0, as a choice (not safe)', async () => {
    const fixes = await expectFixes(PLATFORM, 'CGO202', [['Set CGO_ENABLED=0 (static binary)', true]]);
    expect(fixes[0].safe).toBe(false);
  });

  it('platform-dependent ($TARGETARCH on $BUILDPLATFORM): no fix that makes cross builds need a target C compiler', async () => {
    const [f] = only(await analyze(PLATFORM), 'CGO202');
    for (const fix of f.fixes.filter((x) => x.safe || x.preferred)) {
      const after = await analyze(applyFix(PLATFORM, fix));
      expect(after.filter((x) => x.severity === 'error').map((x) => `${fix.title} → ${x.code}`)).toEqual([]);
    }
  });

  it.each<[string, string, string, string]>([
    ['on → CGO_ENABLED=1', GO('golang:1.22', 'RUN go build -o /app .'), 'CGO_ENABLED=1', 'RUN CGO_ENABLED=1 go build -o /app .'],
    ['on → CGO_ENABLED=0', GO('golang:1.22', 'RUN go build -o /app .'), 'CGO_ENABLED=0', 'RUN CGO_ENABLED=0 go build -o /app .'],
    ['off → CGO_ENABLED=0', GO('golang:1.22-alpine', 'RUN go build -o /app .'), 'CGO_ENABLED=0', 'RUN CGO_ENABLED=0 go build -o /app .'],
    ['unknown → CGO_ENABLED=0', GO('registry.corp/base:1', 'RUN go build -o /app .'), 'CGO_ENABLED=0', 'RUN CGO_ENABLED=0 go build -o /app .'],
    ['cross → CGO_ENABLED=0', GO('golang:1.22', 'RUN GOARCH=arm64 go build -o /app .'), 'CGO_ENABLED=0', 'RUN GOARCH=arm64 CGO_ENABLED=0 go build -o /app .'],
    ['platform-dependent → CGO_ENABLED=0', PLATFORM, 'CGO_ENABLED=0', 'RUN GOARCH=$TARGETARCH CGO_ENABLED=0 go build -o /app .'],
    ['heredoc body', GO('golang:1.22', 'RUN <<EOF', 'go build -o /app .', 'EOF'), 'CGO_ENABLED=0', '\nCGO_ENABLED=0 go build -o /app .\nEOF'],
    ['exec form → ENV line', GO('golang:1.22', 'RUN ["go","build","-o","/app","."]'), 'CGO_ENABLED=1', 'ENV CGO_ENABLED=1\nRUN ["go"'],
    ['go install', GO('golang:1.22', 'RUN go install example.com/cmd/server@latest'), 'CGO_ENABLED=0', 'RUN CGO_ENABLED=0 go install'],
  ])('fix clears it: %s', async (_d, source, title, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO202', title);
    expect(fixed).toContain(expectedText);
  });
});
