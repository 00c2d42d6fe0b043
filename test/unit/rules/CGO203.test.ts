import { describe, expect, it } from 'vitest';
import { df, expectFires, expectFixClears, expectFixes, expectSilent, range, type Expected } from './harness';

// CGO203 cross-compile-cgo-without-cc: cgo on for a target ≠ build host without a target C compiler (cgo-facts A6).
const GO = (...lines: string[]) => df('FROM golang:1.22 AS build', ...lines);
const PLATFORM = (build: string, ...before: string[]) => df('FROM --platform=$BUILDPLATFORM golang:1.22 AS build', 'ARG TARGETARCH', ...before, build);
const ERR = (line: number, c1: number, c2: number, has: string[] = []): Expected => ({ at: range(line, c1, line, c2), severity: 'error', text: 'go build', has });

describe('CGO203 cross-compile-cgo-without-cc', () => {
  it('FROM --platform=$BUILDPLATFORM + CGO_ENABLED=1 GOARCH=$TARGETARCH without CC/xx: the exact finding', async () => {
    await expectFires(PLATFORM('RUN CGO_ENABLED=1 GOARCH=$TARGETARCH go build -o /app .'), 'CGO203', {
      ...ERR(2, 37, 45),
      message:
        'CGO_ENABLED=1 (line 3) on a cross build without a C compiler for the target (CC is not a cross compiler and xx-go is not used): the host gcc cannot build runtime/cgo for another architecture (for arm64: `gcc_arm64.S: Error: no such instruction`). GOARCH follows the requested target platform: the build is native only when the target platform equals the build platform (plain `docker build`); other architectures are cross builds with cgo off by default.',
    });
  });

  it.each<[string, string, Expected]>([
    ['GOARCH=arm64 CGO_ENABLED=1 go build', GO('RUN GOARCH=arm64 CGO_ENABLED=1 go build -o /app .'), ERR(1, 31, 39, ['GOARCH=arm64 on an amd64 build machine'])],
    ['GOOS=linux GOARCH=arm64', GO('RUN CGO_ENABLED=1 GOOS=linux GOARCH=arm64 go build -o /app .'), ERR(1, 42, 50)],
    ['CC=gcc is the host compiler, not a cross compiler', GO('RUN CGO_ENABLED=1 GOARCH=arm64 CC=gcc go build -o /app .'), ERR(1, 38, 46)],
    ['ENV CGO_ENABLED=1 + GOARCH prefix', GO('ENV CGO_ENABLED=1', 'RUN GOARCH=arm64 go build -o /app .'), ERR(2, 17, 25, ['CGO_ENABLED=1 (line 2)'])],
    ['ENV GOARCH=arm64 + ENV CGO_ENABLED=1', GO('ENV GOARCH=arm64 CGO_ENABLED=1', 'RUN go build -o /app .'), ERR(2, 4, 12)],
    ['ARG TARGETARCH via ENV GOARCH=${TARGETARCH}', PLATFORM('RUN CGO_ENABLED=1 go build -o /app .', 'ENV GOARCH=${TARGETARCH}'), ERR(3, 18, 26)],
    ['export in the same RUN', PLATFORM('RUN export CGO_ENABLED=1 GOARCH=$TARGETARCH && go build -o /app .'), ERR(2, 47, 55)],
    ['heredoc', GO('RUN <<EOF', 'GOARCH=arm64 CGO_ENABLED=1 go build -o /app .', 'EOF'), ERR(2, 27, 35)],
    ['lowercase keywords', df('from --platform=$BUILDPLATFORM golang:1.22 as build', 'arg TARGETARCH', 'run CGO_ENABLED=1 GOARCH=$TARGETARCH go build -o /app .'), ERR(2, 37, 45)],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO203', expected);
  });

  it.each<[string, string]>([
    ['CC=aarch64-linux-gnu-gcc', GO('RUN GOARCH=arm64 CGO_ENABLED=1 CC=aarch64-linux-gnu-gcc go build -o /app .')],
    ['ENV CC=aarch64-linux-gnu-gcc', GO('ENV CC=aarch64-linux-gnu-gcc', 'RUN GOARCH=arm64 CGO_ENABLED=1 go build -o /app .')],
    ['xx-go build', df('FROM --platform=$BUILDPLATFORM tonistiigi/xx AS xx', 'FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build', 'COPY --from=xx / /', 'ARG TARGETPLATFORM', 'RUN apk add clang lld', 'RUN xx-apk add musl-dev gcc', 'ENV CGO_ENABLED=1', 'RUN xx-go build -o /app . && xx-verify /app')],
    ['zig as CC', GO('RUN GOARCH=arm64 CGO_ENABLED=1 CC="zig cc -target aarch64-linux-musl" go build -o /app .')],
    ['CGO_ENABLED=0 cross build', GO('RUN GOARCH=arm64 CGO_ENABLED=0 go build -o /app .')],
    ['implicit: the cross build turns cgo off (CGO202 informs)', PLATFORM('RUN GOARCH=$TARGETARCH go build -o /app .')],
    ['native GOARCH=amd64', GO('RUN GOARCH=amd64 CGO_ENABLED=1 go build -o /app .')],
    ['$BUILDPLATFORM stage without GOARCH builds for the build platform', df('FROM --platform=$BUILDPLATFORM golang:1.22 AS build', 'RUN CGO_ENABLED=1 go build -o /app .')],
    ['stage on the target platform: $TARGETARCH is native', df('FROM golang:1.22 AS build', 'ARG TARGETARCH', 'RUN CGO_ENABLED=1 GOARCH=$TARGETARCH go build -o /app .')],
    ['GOARCH from an ARG without default (not knowable)', df('FROM golang:1.22 AS build', 'ARG ARCH', 'RUN CGO_ENABLED=1 GOARCH=$ARCH go build -o /app .')],
    ['GOOS=darwin needs its own SDK; not decidable here', GO('RUN GOOS=darwin GOARCH=arm64 CGO_ENABLED=1 go build -o /app .')],
    ['CGO_ENABLED=1 && only a shell variable', GO('RUN CGO_ENABLED=1 && GOARCH=arm64 go build -o /app .')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO203');
  });

  it('offers CGO_ENABLED=0 (preferred)', async () => {
    await expectFixes(PLATFORM('RUN CGO_ENABLED=1 GOARCH=$TARGETARCH go build -o /app .'), 'CGO203', [['Build with CGO_ENABLED=0', true]]);
  });

  it.each<[string, string, string]>([
    ['platform build', PLATFORM('RUN CGO_ENABLED=1 GOARCH=$TARGETARCH go build -o /app .'), 'RUN CGO_ENABLED=0 GOARCH=$TARGETARCH go build'],
    ['GOARCH=arm64', GO('RUN GOARCH=arm64 CGO_ENABLED=1 go build -o /app .'), 'RUN GOARCH=arm64 CGO_ENABLED=0 go build'],
    ['ENV value', GO('ENV CGO_ENABLED=1', 'RUN GOARCH=arm64 go build -o /app .'), 'ENV CGO_ENABLED=0\n'],
    ['export', PLATFORM('RUN export CGO_ENABLED=1 GOARCH=$TARGETARCH && go build -o /app .'), 'RUN export CGO_ENABLED=0 GOARCH'],
  ])('fix clears it: %s', async (_d, source, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO203', 'CGO_ENABLED=0');
    expect(fixed).toContain(expectedText);
  });
});
