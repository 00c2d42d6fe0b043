import { describe, expect, it } from 'vitest';
import { df, expectFires, expectFixClears, expectFixes, expectSilent, range, type Expected } from './harness';

// CGO102 musl-binary-on-glibc: a musl-dynamic binary (Alpine builder with cgo) runs on a glibc image (cgo-facts A2).
const ALPINE_CGO = (runtime: string, build = 'RUN go build -o /app .', install = 'RUN apk add --no-cache gcc musl-dev') =>
  df('FROM golang:1.22-alpine AS build', install, build, `FROM ${runtime}`, 'COPY --from=build /app /app');
const AT: Expected = { at: range(4, 0, 4, 27), severity: 'error', text: 'COPY --from=build /app /app' };

describe('CGO102 musl-binary-on-glibc', () => {
  it('alpine builder with gcc, cgo on by default, into debian:bookworm-slim: the exact finding', async () => {
    await expectFires(ALPINE_CGO('debian:bookworm-slim'), 'CGO102', {
      ...AT,
      message:
        '`/app` is linked dynamically against musl on `golang:1.22-alpine` (CGO_ENABLED is unset and a C compiler is on PATH (installed here): Go ≥ 1.20 turns cgo on for native builds), but `debian:bookworm-slim` is a glibc image without the musl loader: the container fails to start with `exec /app: no such file or directory`.',
    });
  });

  it.each<[string, string, Expected]>([
    ['distroless/base-debian12, explicit CGO_ENABLED=1, build-base', ALPINE_CGO('gcr.io/distroless/base-debian12', 'RUN CGO_ENABLED=1 go build -o /app .', 'RUN apk add --no-cache build-base'), { ...AT, has: ['CGO_ENABLED=1 set by an inline prefix', '`gcr.io/distroless/base-debian12` is a glibc image'] }],
    ['distroless/cc-debian12', ALPINE_CGO('gcr.io/distroless/cc-debian12'), { ...AT, has: ['`gcr.io/distroless/cc-debian12` is a glibc image'] }],
    ['ubuntu:24.04', ALPINE_CGO('ubuntu:24.04'), { ...AT, has: ['`ubuntu:24.04` is a glibc image'] }],
    ['redhat ubi9', ALPINE_CGO('registry.access.redhat.com/ubi9/ubi-minimal'), { ...AT, has: ['glibc image without the musl loader'] }],
    ['golang:1.19-alpine without gcc (Go < 1.20: cgo on) into debian', df('FROM golang:1.19-alpine AS build', 'RUN go build -o /app .', 'FROM debian:bookworm-slim', 'COPY --from=build /app /app'), { at: range(3, 0, 3, 27), severity: 'error', has: ['Go 1.19 turns cgo on for native builds even without a C compiler'] }],
    ['plain alpine builder with apk add go gcc musl-dev', df('FROM alpine:3.20 AS build', 'RUN apk add --no-cache go gcc musl-dev', 'RUN CGO_ENABLED=1 go build -o /app .', 'FROM debian:bookworm-slim', 'COPY --from=build /app /app'), { ...AT, has: ['musl on `alpine:3.20`'] }],
    ['lowercase keywords', df('from golang:1.22-alpine as build', 'run apk add --no-cache gcc musl-dev', 'run go build -o /app .', 'from debian:bookworm-slim', 'copy --from=build /app /app'), { ...AT, text: 'copy --from=build /app /app' }],
    ['via an intermediate stage', df('FROM golang:1.22-alpine AS build', 'RUN apk add --no-cache gcc musl-dev', 'RUN go build -o /out/app .', 'FROM alpine:3.20 AS pack', 'COPY --from=build /out/app /app', 'FROM debian:bookworm-slim', 'COPY --from=pack /app /app'), { at: range(6, 0, 6, 26), severity: 'error', has: ['`/out/app`'] }],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO102', expected);
  });

  it.each<[string, string]>([
    ['golang:1.22-alpine without gcc (Go ≥ 1.20: cgo off, static)', df('FROM golang:1.22-alpine AS build', 'RUN go build -o /app .', 'FROM debian:bookworm-slim', 'COPY --from=build /app /app')],
    ['CGO_ENABLED=0 on the build', ALPINE_CGO('debian:bookworm-slim', 'RUN CGO_ENABLED=0 go build -o /app .')],
    ['ENV CGO_ENABLED=0 inherited through FROM <stage>', df('FROM golang:1.22-alpine AS base', 'RUN apk add --no-cache gcc musl-dev', 'ENV CGO_ENABLED=0', 'FROM base AS build', 'RUN go build -o /app .', 'FROM debian:bookworm-slim', 'COPY --from=build /app /app')],
    ['heredoc that sets CGO_ENABLED=0', df('FROM golang:1.22-alpine AS build', 'RUN apk add --no-cache gcc musl-dev', 'RUN <<EOF', 'CGO_ENABLED=0 go build -o /app .', 'EOF', 'FROM debian:bookworm-slim', 'COPY --from=build /app /app')],
    ['static musl link (-linkmode external -extldflags -static)', ALPINE_CGO('debian:bookworm-slim', `RUN CGO_ENABLED=1 go build -ldflags '-linkmode external -extldflags "-static"' -o /app .`)],
    ['musl binary on a musl runtime', ALPINE_CGO('alpine:3.20')],
    ['glibc builder into glibc runtime', df('FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM debian:bookworm-slim', 'COPY --from=build /app /app')],
    ['unknown runtime image', ALPINE_CGO('registry.corp/runtime:1')],
    ['runtime $RUNTIME without default', df('ARG RUNTIME', 'FROM golang:1.22-alpine AS build', 'RUN apk add --no-cache gcc musl-dev', 'RUN go build -o /app .', 'FROM $RUNTIME', 'COPY --from=build /app /app')],
    ['unknown builder image', df('FROM registry.corp/alpine-go:1 AS build', 'RUN go build -o /app .', 'FROM debian:bookworm-slim', 'COPY --from=build /app /app')],
    ['into scratch (CGO101, not CGO102)', ALPINE_CGO('scratch')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO102');
  });

  it('offers CGO_ENABLED=0 as the preferred fix', async () => {
    await expectFixes(ALPINE_CGO('debian:bookworm-slim'), 'CGO102', [['Build with CGO_ENABLED=0 (line 3)', true]]);
  });

  it.each<[string, string, string]>([
    ['adds the prefix', ALPINE_CGO('debian:bookworm-slim'), 'RUN CGO_ENABLED=0 go build -o /app .'],
    ['rewrites CGO_ENABLED=1', ALPINE_CGO('gcr.io/distroless/base-debian12', 'RUN CGO_ENABLED=1 go build -o /app .'), 'RUN CGO_ENABLED=0 go build -o /app .'],
  ])('fix clears it: %s', async (_d, source, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO102', 'CGO_ENABLED=0');
    expect(fixed).toContain(expectedText);
  });
});
