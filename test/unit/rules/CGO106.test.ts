import { describe, expect, it } from 'vitest';
import { df, expectFires, expectFixClears, expectFixes, expectSilent, range, type Expected } from './harness';
import { golangVariantExists } from '../../../server/src/rules/util';

// CGO106 unpinned-golang-codename: a bare golang tag whose Debian release can move, or differs from the
// pinned glibc runtime (cgo-facts A29, table B). Knowledge date 2026-11-24: Go 1.26 and 1.27 are maintained.
const PAIR = (builder: string, runtime: string, build = 'RUN CGO_ENABLED=1 go build -o /app .') =>
  df(`FROM ${builder} AS build`, build, `FROM ${runtime}`, 'COPY --from=build /app /app');
const TAG = (end: number, text: string, has: string[] = []): Expected => ({ at: range(0, 5, 0, end), severity: 'warning', text, has });

describe('CGO106 unpinned-golang-codename', () => {
  it('golang:1.26 (tag still moves) cgo build into distroless/base-debian13: the exact finding', async () => {
    await expectFires(PAIR('golang:1.26', 'gcr.io/distroless/base-debian13'), 'CGO106', {
      ...TAG(16, 'golang:1.26'),
      message:
        "`golang:1.26` follows the newest Debian release (now trixie, glibc 2.41); the cgo binary runs on `gcr.io/distroless/base-debian13` (glibc 2.41), so the next switch of the tag can break it with: version `GLIBC_2.xx' not found. Pin the builder's Debian release.",
    });
  });

  it.each<[string, string, Expected]>([
    ['golang:1.26 into debian:trixie-slim', PAIR('golang:1.26', 'debian:trixie-slim'), TAG(16, 'golang:1.26', ['runs on `debian:trixie-slim` (glibc 2.41)'])],
    ['golang:1.27, cgo on by default', PAIR('golang:1.27', 'gcr.io/distroless/base-debian13', 'RUN go build -o /app .'), TAG(16, 'golang:1.27')],
    ['golang:latest', PAIR('golang:latest', 'debian:trixie-slim'), TAG(18, 'golang:latest', ['`golang:latest` follows the newest Debian release'])],
    ['frozen golang:1.22 (bookworm) under a trixie runtime: releases differ', PAIR('golang:1.22', 'debian:trixie-slim'), TAG(16, 'golang:1.22', ['is built on Debian bookworm', '(Debian trixie)'])],
    ['the root stage is reported when the build runs in a child stage', df('FROM golang:1.26 AS base', 'FROM base AS build', 'RUN CGO_ENABLED=1 go build -o /app .', 'FROM debian:trixie-slim', 'COPY --from=build /app /app'), TAG(16, 'golang:1.26')],
    ['one finding for two binaries of the same builder', df('FROM golang:1.26 AS build', 'RUN CGO_ENABLED=1 go build -o /app .', 'RUN CGO_ENABLED=1 go build -o /app2 .', 'FROM debian:trixie-slim', 'COPY --from=build /app /app', 'COPY --from=build /app2 /app2'), TAG(16, 'golang:1.26')],
    ['lowercase keywords', df('from golang:1.26 as build', 'run go build -o /app .', 'from debian:trixie-slim', 'copy --from=build /app /app'), TAG(16, 'golang:1.26')],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO106', expected);
  });

  it.each<[string, string]>([
    ['pinned codename golang:1.26-trixie', PAIR('golang:1.26-trixie', 'debian:trixie-slim')],
    ['pinned codename golang:1.26-bookworm', PAIR('golang:1.26-bookworm', 'gcr.io/distroless/base-debian12')],
    ['frozen tag whose release matches: golang:1.22 → bookworm', PAIR('golang:1.22', 'debian:bookworm-slim')],
    ['frozen tag whose release matches: golang:1.25 → trixie', PAIR('golang:1.25', 'debian:trixie-slim')],
    ['digest-pinned builder', PAIR('golang:1.26@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'debian:trixie-slim')],
    ['cgo off', PAIR('golang:1.26', 'debian:trixie-slim', 'RUN CGO_ENABLED=0 go build -o /app .')],
    ['cgo off via heredoc', df('FROM golang:1.26 AS build', 'RUN <<EOF', 'CGO_ENABLED=0 go build -o /app .', 'EOF', 'FROM debian:trixie-slim', 'COPY --from=build /app /app')],
    ['builder newer than the runtime: CGO103 reports the certain failure', PAIR('golang:1.26', 'debian:bookworm-slim')],
    ['runtime release moves too (debian:stable-slim)', PAIR('golang:1.26', 'debian:stable-slim')],
    ['runtime without libc (CGO101 territory)', PAIR('golang:1.26', 'scratch')],
    ['alpine builder', df('FROM golang:1.26-alpine AS build', 'RUN apk add --no-cache gcc musl-dev', 'RUN go build -o /app .', 'FROM alpine:3.22', 'COPY --from=build /app /app')],
    ['unknown builder', PAIR('registry.corp/golang:1.26', 'debian:trixie-slim')],
    ['unknown runtime', PAIR('golang:1.26', 'registry.corp/runtime:1')],
    ['not delivered (single stage)', df('FROM golang:1.26', 'RUN CGO_ENABLED=1 go build -o /app .')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO106');
  });

  it('offers pinning the runtime release (preferred)', async () => {
    await expectFixes(PAIR('golang:1.26', 'gcr.io/distroless/base-debian13'), 'CGO106', [['Pin golang:1.26-trixie', true]]);
  });

  it('never offers a tag that was not published: golang:1.22-trixie does not exist', async () => {
    const [f] = await expectFires(PAIR('golang:1.22', 'debian:trixie-slim'), 'CGO106', TAG(16, 'golang:1.22'));
    expect(f.fixes).toEqual([]);
  });

  it.each<[string, string, string]>([
    ['golang:1.26 → golang:1.26-trixie', PAIR('golang:1.26', 'gcr.io/distroless/base-debian13'), 'FROM golang:1.26-trixie AS build'],
    ['golang:1.26 → debian:trixie-slim', PAIR('golang:1.26', 'debian:trixie-slim'), 'FROM golang:1.26-trixie AS build'],
    ['golang:latest → golang:trixie', PAIR('golang:latest', 'debian:trixie-slim'), 'FROM golang:trixie AS build'],
    ['root stage of a child build stage', df('FROM golang:1.26 AS base', 'FROM base AS build', 'RUN CGO_ENABLED=1 go build -o /app .', 'FROM debian:trixie-slim', 'COPY --from=build /app /app'), 'FROM golang:1.26-trixie AS base'],
  ])('fix clears it: %s', async (_d, source, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO106', 'Pin');
    expect(fixed).toContain(expectedText);
  });

  // The helper behind the pin fixes of CGO103 and CGO106 (docker-library keeps the two newest suites per version).
  it.each<[string, { major: number; minor: number; patch?: number } | undefined, string, boolean | undefined]>([
    ['maintained 1.26: trixie', { major: 1, minor: 26 }, 'trixie', true],
    ['maintained 1.26: bookworm', { major: 1, minor: 26 }, 'bookworm', true],
    ['maintained 1.26: bullseye was never published', { major: 1, minor: 26 }, 'bullseye', false],
    ['ended 1.22: bullseye', { major: 1, minor: 22 }, 'bullseye', true],
    ['ended 1.22: bookworm', { major: 1, minor: 22 }, 'bookworm', true],
    ['ended 1.22: trixie came after it', { major: 1, minor: 22 }, 'trixie', false],
    ['ended 1.24 spans the trixie switch', { major: 1, minor: 24 }, 'trixie', true],
    ['patch 1.24.3 was before the trixie switch', { major: 1, minor: 24, patch: 3 }, 'trixie', false],
    ['latest / floating', undefined, 'trixie', true],
    ['unknown future minor', { major: 1, minor: 40 }, 'trixie', undefined],
  ])('golangVariantExists: %s', (_d, go, codename, expected) => {
    expect(golangVariantExists(go, codename)).toBe(expected);
  });
});
