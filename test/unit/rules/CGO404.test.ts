import { describe, expect, it } from 'vitest';
import { df, expectFires, expectFixClears, expectFixes, expectSilent, range, type Expected } from './harness';

// CGO404 netdns-cgo-without-cgo: GODEBUG=netdns=cgo in a binary built with cgo off is ignored (cgo-facts A16).
const RUNTIME = (runtime: string, build = 'RUN CGO_ENABLED=0 go build -o /app .', godebug = 'ENV GODEBUG=netdns=cgo') =>
  df('FROM golang:1.22 AS build', build, `FROM ${runtime}`, godebug, 'COPY --from=build /app /app');
const VALUE = (line: number, c1: number, text: string, has: string[] = []): Expected => ({ at: range(line, c1, line, c1 + text.length), severity: 'warning', text, has });

describe('CGO404 netdns-cgo-without-cgo', () => {
  it('ENV GODEBUG=netdns=cgo in the runtime stage of a CGO_ENABLED=0 binary: the exact finding', async () => {
    await expectFires(RUNTIME('alpine:3.20'), 'CGO404', {
      ...VALUE(3, 12, 'netdns=cgo'),
      message:
        'GODEBUG=netdns=cgo is ignored: the binary is built with cgo off (CGO_ENABLED=0 set by an inline prefix on this command), so it has no cgo resolver and silently uses the pure-Go resolver (with netdns=cgo+1 it prints `go package net: ignoring GODEBUG=netdns=cgo as the binary was compiled without support for the cgo resolver`).',
    });
  });

  it.each<[string, string, Expected]>([
    ['scratch', RUNTIME('scratch'), VALUE(3, 12, 'netdns=cgo')],
    ['distroless/static', RUNTIME('gcr.io/distroless/static-debian12'), VALUE(3, 12, 'netdns=cgo')],
    ['debug level netdns=cgo+1 prints the notice', RUNTIME('alpine:3.20', undefined, 'ENV GODEBUG=netdns=cgo+1'), VALUE(3, 12, 'netdns=cgo+1', ['uses the pure-Go resolver; it prints `go package net: ignoring'])],
    ['among other GODEBUG settings', RUNTIME('alpine:3.20', undefined, 'ENV GODEBUG=http2client=0,netdns=cgo'), VALUE(3, 12, 'http2client=0,netdns=cgo')],
    ['cgo off by default (golang:1.22-alpine, no gcc)', df('FROM golang:1.22-alpine AS build', 'RUN go build -o /app .', 'FROM alpine:3.20', 'ENV GODEBUG=netdns=cgo', 'COPY --from=build /app /app'), VALUE(3, 12, 'netdns=cgo', ['has no C compiler on PATH'])],
    ['GODEBUG in a base stage the runtime is built FROM', df('FROM golang:1.22 AS build', 'RUN CGO_ENABLED=0 go build -o /app .', 'FROM alpine:3.20 AS rt', 'ENV GODEBUG=netdns=cgo', 'FROM rt', 'COPY --from=build /app /app'), VALUE(3, 12, 'netdns=cgo')],
    ['single stage: built and run in the same stage', df('FROM golang:1.22', 'ENV GODEBUG=netdns=cgo CGO_ENABLED=0', 'RUN go build -o /app .', 'CMD ["/app"]'), VALUE(1, 12, 'netdns=cgo')],
    ['lowercase keywords', df('from golang:1.22 as build', 'run CGO_ENABLED=0 go build -o /app .', 'from alpine:3.20', 'env GODEBUG=netdns=cgo', 'copy --from=build /app /app'), VALUE(3, 12, 'netdns=cgo')],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO404', expected);
  });

  it.each<[string, string]>([
    ['binary built with cgo on', RUNTIME('debian:bookworm-slim', 'RUN CGO_ENABLED=1 go build -o /app .')],
    ['netdns=go', RUNTIME('alpine:3.20', undefined, 'ENV GODEBUG=netdns=go')],
    ['no GODEBUG', RUNTIME('alpine:3.20', undefined, 'ENV FOO=bar')],
    ['GODEBUG set in the build stage, not where the binary runs', df('FROM golang:1.22 AS build', 'ENV GODEBUG=netdns=cgo', 'RUN CGO_ENABLED=0 go build -o /app .', 'FROM alpine:3.20', 'COPY --from=build /app /app')],
    ['no binary arrives in the stage', df('FROM alpine:3.20', 'ENV GODEBUG=netdns=cgo')],
    ['one of two binaries uses cgo', df('FROM golang:1.22 AS build', 'RUN CGO_ENABLED=0 go build -o /a .', 'RUN CGO_ENABLED=1 go build -o /b .', 'FROM debian:bookworm-slim', 'ENV GODEBUG=netdns=cgo', 'COPY --from=build /a /a', 'COPY --from=build /b /b')],
    ['cgo state unknown (private builder)', df('FROM registry.corp/go:1 AS build', 'RUN go build -o /app .', 'FROM alpine:3.20', 'ENV GODEBUG=netdns=cgo', 'COPY --from=build /app /app')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO404');
  });

  it('offers netdns=go (preferred)', async () => {
    await expectFixes(RUNTIME('alpine:3.20'), 'CGO404', [['Use GODEBUG netdns=go (the resolver the binary really uses)', true]]);
  });

  it.each<[string, string, string]>([
    ['netdns=cgo', RUNTIME('alpine:3.20'), 'ENV GODEBUG=netdns=go\n'],
    ['netdns=cgo+1', RUNTIME('alpine:3.20', undefined, 'ENV GODEBUG=netdns=cgo+1'), 'ENV GODEBUG=netdns=go+1\n'],
    ['other settings kept', RUNTIME('alpine:3.20', undefined, 'ENV GODEBUG=http2client=0,netdns=cgo'), 'ENV GODEBUG=http2client=0,netdns=go\n'],
  ])('fix clears it: %s', async (_d, source, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO404', 'netdns=go');
    expect(fixed).toContain(expectedText);
  });
});
