import { describe, expect, it } from 'vitest';
import { df, expectFires, expectFixClears, expectFixes, expectSilent, range, type Expected } from './harness';

// CGO201 cgo-without-c-toolchain: cgo is required but the builder has no C compiler / libc headers (cgo-facts A4).
const ALPINE = (...lines: string[]) => df('FROM golang:1.22-alpine AS build', ...lines);
const BUILD_L1: Expected = { at: range(1, 18, 1, 26), severity: 'error', text: 'go build' };

describe('CGO201 cgo-without-c-toolchain', () => {
  it('CGO_ENABLED=1 on golang:1.22-alpine without gcc: the exact finding', async () => {
    await expectFires(ALPINE('RUN CGO_ENABLED=1 go build -o /app .'), 'CGO201', {
      ...BUILD_L1,
      message:
        'CGO_ENABLED=1 (line 2) needs a C compiler, but `golang:1.22-alpine` has none on PATH: the build fails with `cgo: C compiler "gcc" not found: exec: "gcc": executable file not found in $PATH`.',
    });
  });

  it.each<[string, string, Expected]>([
    ['ENV CGO_ENABLED=1', ALPINE('ENV CGO_ENABLED=1', 'RUN go build -o /app .'), { at: range(2, 4, 2, 12), severity: 'error', has: ['CGO_ENABLED=1 (line 2)'] }],
    ['stage ARG CGO_ENABLED=1', ALPINE('ARG CGO_ENABLED=1', 'RUN go build -o /app .'), { at: range(2, 4, 2, 12), severity: 'error' }],
    ['ENV CGO_ENABLED=1 inherited through FROM <stage>', df('FROM golang:1.22-alpine AS base', 'ENV CGO_ENABLED=1', 'FROM base AS build', 'RUN go build -o /app .'), { at: range(3, 4, 3, 12), severity: 'error' }],
    ['env CGO_ENABLED=1 go build', ALPINE('RUN env CGO_ENABLED=1 go build -o /app .'), { at: range(1, 22, 1, 30), severity: 'error' }],
    ['go test with CGO_ENABLED=1', ALPINE('RUN CGO_ENABLED=1 go test ./...'), { at: range(1, 18, 1, 25), severity: 'error', text: 'go test' }],
    ['gcc installed only after the build', ALPINE('RUN CGO_ENABLED=1 go build -o /app .', 'RUN apk add --no-cache gcc musl-dev'), BUILD_L1],
    ['plain alpine + apk add go', df('FROM alpine:3.20 AS build', 'RUN apk add --no-cache go', 'RUN CGO_ENABLED=1 go build -o /app .'), { at: range(2, 18, 2, 26), severity: 'error', has: ['`alpine:3.20` has none on PATH'] }],
    ['golang Debian image after apt-get purge gcc', df('FROM golang:1.22 AS build', 'RUN apt-get purge -y gcc', 'RUN CGO_ENABLED=1 go build -o /app .'), { at: range(2, 18, 2, 26), severity: 'error', has: ['`golang:1.22` has none on PATH'] }],
    ['lowercase keywords', df('from golang:1.22-alpine as build', 'run CGO_ENABLED=1 go build -o /app .'), BUILD_L1],
    ['heredoc', ALPINE('RUN <<EOF', 'CGO_ENABLED=1 go build -o /app .', 'EOF'), { at: range(2, 14, 2, 22), severity: 'error' }],
    ['exec form after ENV', ALPINE('ENV CGO_ENABLED=1', 'RUN ["go","build","-o","/app","."]'), { at: range(2, 5, 2, 17), severity: 'error' }],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO201', expected);
  });

  // golang:*-alpine adds only ca-certificates: gcc alone leaves the musl headers missing.
  it('fires: gcc installed but musl-dev missing (fatal error: errno.h)', async () => {
    await expectFires(ALPINE('RUN apk add --no-cache gcc', 'RUN CGO_ENABLED=1 go build -o /app .'), 'CGO201', {
      at: range(2, 18, 2, 26),
      severity: 'error',
      message: 'gcc is installed but musl-dev is not: the cgo build fails with `fatal error: errno.h: No such file or directory` (or `cannot find crti.o`).',
    });
  });

  it.each<[string, string]>([
    ['gcc and musl-dev installed', ALPINE('RUN apk add --no-cache gcc musl-dev', 'RUN CGO_ENABLED=1 go build -o /app .')],
    ['build-base installed', ALPINE('RUN apk add --no-cache build-base', 'RUN CGO_ENABLED=1 go build -o /app .')],
    ['toolchain installed in the same RUN', ALPINE('RUN apk add --no-cache gcc musl-dev && CGO_ENABLED=1 go build -o /app .')],
    ['toolchain installed in a parent stage', df('FROM golang:1.22-alpine AS base', 'RUN apk add --no-cache gcc musl-dev', 'FROM base AS build', 'RUN CGO_ENABLED=1 go build -o /app .')],
    ['golang Debian image ships gcc', df('FROM golang:1.22 AS build', 'RUN CGO_ENABLED=1 go build -o /app .')],
    ['CC set explicitly', ALPINE('RUN CGO_ENABLED=1 CC=clang go build -o /app .')],
    ['xx-go supplies the compiler', df('FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build', 'ENV CGO_ENABLED=1', 'RUN xx-go build -o /app .')],
    ['cgo not asked for: Go ≥ 1.20 just turns it off', ALPINE('RUN go build -o /app .')],
    ['CGO_ENABLED=0', ALPINE('RUN CGO_ENABLED=0 go build -o /app .')],
    ['unknown/private builder image', df('FROM registry.corp/go:1 AS build', 'RUN CGO_ENABLED=1 go build -o /app .')],
    ['builder $BASE without default', df('ARG BASE', 'FROM $BASE AS build', 'RUN CGO_ENABLED=1 go build -o /app .')],
    ['CGO_ENABLED=1 only a shell variable (CGO204 reports it)', ALPINE('RUN CGO_ENABLED=1 && go build -o /app .')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO201');
  });

  it('offers the toolchain first, then CGO_ENABLED=0', async () => {
    await expectFixes(ALPINE('RUN CGO_ENABLED=1 go build -o /app .'), 'CGO201', [
      ['Install a C toolchain: apk add --no-cache gcc musl-dev', true],
      ['Build with CGO_ENABLED=0 instead', false],
    ]);
  });

  it('with ENV CGO_ENABLED=1 only the toolchain is offered (the ENV may be wanted)', async () => {
    await expectFixes(ALPINE('ENV CGO_ENABLED=1', 'RUN go build -o /app .'), 'CGO201', [['Install a C toolchain: apk add --no-cache gcc musl-dev', true]]);
  });

  it('Debian builder gets an apt-get install', async () => {
    await expectFixes(df('FROM golang:1.22 AS build', 'RUN apt-get purge -y gcc', 'RUN CGO_ENABLED=1 go build -o /app .'), 'CGO201', [
      ['Install a C toolchain: apt-get install -y --no-install-recommends gcc libc6-dev', true],
      ['Build with CGO_ENABLED=0 instead', false],
    ]);
  });

  it.each<[string, string, string, string]>([
    ['inserts RUN apk add --no-cache gcc musl-dev before the RUN', ALPINE('RUN CGO_ENABLED=1 go build -o /app .'), 'Install a C toolchain', 'FROM golang:1.22-alpine AS build\nRUN apk add --no-cache gcc musl-dev\nRUN CGO_ENABLED=1 go build -o /app .\n'],
    ['CGO_ENABLED=0 instead', ALPINE('RUN CGO_ENABLED=1 go build -o /app .'), 'CGO_ENABLED=0', 'FROM golang:1.22-alpine AS build\nRUN CGO_ENABLED=0 go build -o /app .\n'],
    ['ENV case', ALPINE('ENV CGO_ENABLED=1', 'RUN go build -o /app .'), 'Install a C toolchain', 'ENV CGO_ENABLED=1\nRUN apk add --no-cache gcc musl-dev\nRUN go build'],
    ['lowercase keyword kept', df('from golang:1.22-alpine as build', 'run CGO_ENABLED=1 go build -o /app .'), 'Install a C toolchain', 'run apk add --no-cache gcc musl-dev\nrun CGO_ENABLED=1'],
    ['indentation kept', ALPINE('  RUN CGO_ENABLED=1 go build -o /app .'), 'Install a C toolchain', '\n  RUN apk add --no-cache gcc musl-dev\n  RUN CGO_ENABLED=1'],
    ['apt builder', df('FROM golang:1.22 AS build', 'RUN apt-get purge -y gcc', 'RUN CGO_ENABLED=1 go build -o /app .'), 'Install a C toolchain', 'RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*\nRUN CGO_ENABLED=1'],
  ])('fix clears it: %s', async (_d, source, title, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO201', title);
    expect(fixed).toContain(expectedText);
  });
});
