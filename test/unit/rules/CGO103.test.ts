import { describe, expect, it } from 'vitest';
import { df, expectFires, expectFixClears, expectFixes, expectSilent, range, type Expected } from './harness';

// CGO103 glibc-version-skew: a cgo binary built on glibc X runs on glibc Y < X (cgo-facts A3, §0.3).
const SKEW = (builder: string, runtime: string, build = 'RUN CGO_ENABLED=1 go build -o /app .') =>
  df(`FROM ${builder} AS build`, build, `FROM ${runtime}`, 'COPY --from=build /app /app');
const ERR: Expected = { at: range(3, 0, 3, 27), severity: 'error', text: 'COPY --from=build /app /app' };
const WARN: Expected = { ...ERR, severity: 'warning' };

describe('CGO103 glibc-version-skew', () => {
  it('golang:1.22 (bookworm, glibc 2.36) into debian:bullseye-slim (2.31): the exact finding', async () => {
    await expectFires(SKEW('golang:1.22', 'debian:bullseye-slim'), 'CGO103', {
      ...ERR,
      message:
        "`/app` is built with cgo on `golang:1.22` (glibc 2.36) and needs glibc ≥ 2.34, but `debian:bullseye-slim` has glibc 2.31: it fails with: version `GLIBC_2.34' not found.",
    });
  });

  it('golang:1.22 into ubuntu:22.04 (2.35 ≥ 2.34 but < 2.36): a warning that only may fail, the exact finding', async () => {
    await expectFires(SKEW('golang:1.22', 'ubuntu:22.04'), 'CGO103', {
      ...WARN,
      message:
        "`/app` is built with cgo on `golang:1.22` (glibc 2.36) and runs on `ubuntu:22.04` (glibc 2.35): any symbol newer than GLIBC_2.35 it uses fails with: version `GLIBC_…' not found.",
    });
  });

  it.each<[string, string, Expected]>([
    ['distroless/base-debian11', SKEW('golang:1.22', 'gcr.io/distroless/base-debian11'), { ...ERR, has: ['`gcr.io/distroless/base-debian11` has glibc 2.31', "GLIBC_2.34' not found"] }],
    ['distroless/cc-debian11', SKEW('golang:1.22', 'gcr.io/distroless/cc-debian11'), { ...ERR, has: ['glibc 2.31'] }],
    ['ubuntu:20.04 (2.31)', SKEW('golang:1.22', 'ubuntu:20.04'), { ...ERR, has: ['`ubuntu:20.04` has glibc 2.31'] }],
    ['ubi8 (2.28)', SKEW('golang:1.22', 'registry.access.redhat.com/ubi8/ubi-minimal'), { ...ERR, has: ['has glibc 2.28'] }],
    ['amazonlinux:2 (2.26)', SKEW('golang:1.22', 'amazonlinux:2'), { ...ERR, has: ['has glibc 2.26'] }],
    ['centos:7 (2.17)', SKEW('golang:1.22', 'centos:7'), { ...ERR, has: ['has glibc 2.17'] }],
    ['golang:1.22-bookworm pinned into bullseye', SKEW('golang:1.22-bookworm', 'debian:bullseye-slim'), { ...ERR, has: ['`golang:1.22-bookworm` (glibc 2.36)'] }],
    ['golang:1.25-trixie (2.41) into bookworm (2.36 ≥ 2.34): a warning', SKEW('golang:1.25-trixie', 'debian:bookworm-slim'), { ...WARN, has: ['(glibc 2.41)', '(glibc 2.36)', 'GLIBC_2.36'] }],
    ['golang:1.22 into ubuntu:22.04 (2.35): a warning', SKEW('golang:1.22', 'ubuntu:22.04'), { ...WARN, has: ['GLIBC_2.35'] }],
    ['cgo on by default (gcc in the image)', SKEW('golang:1.22', 'debian:bullseye-slim', 'RUN go build -o /app .'), { ...ERR, has: ['needs glibc ≥ 2.34'] }],
    ['ENV CGO_ENABLED=1 inherited through FROM <stage>', df('FROM golang:1.22 AS base', 'ENV CGO_ENABLED=1', 'FROM base AS build', 'RUN go build -o /app .', 'FROM debian:bullseye-slim', 'COPY --from=build /app /app'), { ...ERR, at: range(5, 0, 5, 27) }],
    ['lowercase keywords', df('from golang:1.22 as build', 'run go build -o /app .', 'from debian:bullseye-slim', 'copy --from=build /app /app'), { ...ERR, text: 'copy --from=build /app /app' }],
    ['builder version from ARG', df('ARG GO_VERSION=1.22', 'FROM golang:${GO_VERSION} AS build', 'RUN go build -o /app .', 'FROM debian:bullseye-slim', 'COPY --from=build /app /app'), { ...ERR, at: range(4, 0, 4, 27) }],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO103', expected);
  });

  it.each<[string, string]>([
    ['same release: golang:1.22-bullseye → debian:bullseye-slim', SKEW('golang:1.22-bullseye', 'debian:bullseye-slim')],
    ['same release: golang:1.22 → debian:bookworm-slim', SKEW('golang:1.22', 'debian:bookworm-slim')],
    ['older builder, newer runtime: golang:1.22-bullseye → bookworm', SKEW('golang:1.22-bullseye', 'debian:bookworm-slim')],
    ['newer runtime: golang:1.22 → ubuntu:24.04 (2.39)', SKEW('golang:1.22', 'ubuntu:24.04')],
    ['CGO_ENABLED=0: static binary runs anywhere', SKEW('golang:1.22', 'debian:bullseye-slim', 'RUN CGO_ENABLED=0 go build -o /app .')],
    ['continuation-split CGO_ENABLED=0', df('FROM golang:1.22 AS build', 'RUN go mod download && \\', '    CGO_ENABLED=0 go build -o /app .', 'FROM debian:bullseye-slim', 'COPY --from=build /app /app')],
    ['netgo,osusergo: no libc left', SKEW('golang:1.22', 'debian:bullseye-slim', 'RUN CGO_ENABLED=1 go build -tags netgo,osusergo -o /app .')],
    ['unknown runtime', SKEW('golang:1.22', 'registry.corp/runtime:1')],
    ['unknown builder', SKEW('registry.corp/go:1', 'debian:bullseye-slim')],
    ['runtime glibc version unknown (debian:stable-slim moves)', SKEW('golang:1.22', 'debian:stable-slim')],
    ['musl builder → glibc runtime is CGO102, not CGO103', df('FROM golang:1.22-alpine AS build', 'RUN apk add --no-cache gcc musl-dev', 'RUN go build -o /app .', 'FROM debian:bullseye-slim', 'COPY --from=build /app /app')],
    ['glibc into scratch is CGO101, not CGO103', SKEW('golang:1.22', 'scratch')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO103');
  });

  it('offers CGO_ENABLED=0, then pinning the builder to the runtime release, then a matching runtime', async () => {
    await expectFixes(SKEW('golang:1.22', 'debian:bullseye-slim'), 'CGO103', [
      ['Build with CGO_ENABLED=0 (line 2)', true],
      ['Build on golang:1.22-bullseye (the runtime\'s Debian release)', false],
      ['Run on gcr.io/distroless/base-debian12 (glibc 2.36, like the builder)', false],
    ]);
  });

  it('a non-Debian runtime has no builder pin to offer', async () => {
    await expectFixes(SKEW('golang:1.22', 'ubuntu:22.04'), 'CGO103', [
      ['Build with CGO_ENABLED=0 (line 2)', true],
      ['Run on gcr.io/distroless/base-debian12 (glibc 2.36, like the builder)', false],
    ]);
  });

  it('never offers an unpublished tag: golang:1.26-bullseye does not exist (only trixie and bookworm are built)', async () => {
    await expectFixes(SKEW('golang:1.26', 'debian:bullseye-slim'), 'CGO103', [
      ['Build with CGO_ENABLED=0 (line 2)', true],
      ['Run on gcr.io/distroless/base-debian13 (glibc 2.41, like the builder)', false],
    ]);
  });

  it.each<[string, string, string, string]>([
    ['CGO_ENABLED=0 (preferred)', SKEW('golang:1.22', 'debian:bullseye-slim'), 'CGO_ENABLED=0', 'RUN CGO_ENABLED=0 go build'],
    ['pin golang:1.22-bullseye', SKEW('golang:1.22', 'debian:bullseye-slim'), 'golang:1.22-bullseye', 'FROM golang:1.22-bullseye AS build'],
    ['pin for distroless/base-debian11', SKEW('golang:1.22', 'gcr.io/distroless/base-debian11'), 'golang:1.22-bullseye', 'FROM golang:1.22-bullseye AS build'],
    ['raise the runtime', SKEW('golang:1.22', 'debian:bullseye-slim'), 'Run on', 'FROM gcr.io/distroless/base-debian12'],
    ['warning case: raise the runtime', SKEW('golang:1.22', 'ubuntu:22.04'), 'Run on', 'FROM gcr.io/distroless/base-debian12'],
    ['pin the root stage when the build runs in a child stage', df('FROM golang:1.22 AS base', 'FROM base AS build', 'RUN CGO_ENABLED=1 go build -o /app .', 'FROM debian:bullseye-slim', 'COPY --from=build /app /app'), 'golang:1.22-bullseye', 'FROM golang:1.22-bullseye AS base'],
  ])('fix clears it: %s', async (_d, source, title, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO103', title);
    expect(fixed).toContain(expectedText);
  });
});
