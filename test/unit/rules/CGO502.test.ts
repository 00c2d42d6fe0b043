import { describe, expect, it } from 'vitest';
import { df, expectFires, expectFixClears, expectFixes, expectSilent, range, type Expected } from './harness';

// CGO502 static-glibc-nss: static external link against glibc without netgo,osusergo (cgo-facts A7b).
const GO = (...lines: string[]) => df('FROM golang:1.22 AS build', ...lines);
const EXT = `'-linkmode external -extldflags "-static"'`;
const LD = (line: number, c1: number, text = EXT, has: string[] = []): Expected => ({ at: range(line, c1, line, c1 + text.length), severity: 'warning', text, has });

describe('CGO502 static-glibc-nss', () => {
  it(`-ldflags '-linkmode external -extldflags "-static"' on glibc without tags: the exact finding`, async () => {
    await expectFires(GO(`RUN CGO_ENABLED=1 go build -ldflags ${EXT} -o /app .`), 'CGO502', {
      ...LD(1, 36),
      message:
        "A static link against glibc without the netgo and osusergo tags keeps getaddrinfo/getpwuid_r: at run time they need libnss_*.so from glibc 2.36 (the linker warns \"Using 'getaddrinfo' in statically linked applications requires at runtime the shared libraries from the glibc version used for linking\").",
    });
  });

  it.each<[string, string, Expected]>([
    ['cgo on by default', GO(`RUN go build -ldflags ${EXT} -o /app .`), LD(1, 22)],
    ['-tags foo: both tags missing', GO(`RUN CGO_ENABLED=1 go build -tags foo -ldflags ${EXT} -o /app .`), LD(1, 46)],
    ['-tags netgo: osusergo missing', GO(`RUN CGO_ENABLED=1 go build -tags netgo -ldflags ${EXT} -o /app .`), LD(1, 48, EXT, ['without the osusergo tag keeps'])],
    ['-tags osusergo: netgo missing', GO(`RUN CGO_ENABLED=1 go build -tags osusergo -ldflags ${EXT} -o /app .`), LD(1, 51, EXT, ['without the netgo tag keeps'])],
    ['-linkmode=external -extldflags=-static', GO(`RUN CGO_ENABLED=1 go build -ldflags "-linkmode=external -extldflags=-static" -o /app .`), LD(1, 36, '"-linkmode=external -extldflags=-static"')],
    ['-extldflags -static-pie', GO(`RUN CGO_ENABLED=1 go build -buildmode=pie -ldflags '-linkmode=external -extldflags=-static-pie' -o /app .`), LD(1, 51, `'-linkmode=external -extldflags=-static-pie'`)],
    ['golang:1.22-bullseye: glibc 2.31 named', df('FROM golang:1.22-bullseye AS build', `RUN CGO_ENABLED=1 go build -ldflags ${EXT} -o /app .`), LD(1, 36, EXT, ['libnss_*.so from glibc 2.31'])],
    ['lowercase keywords', df('from golang:1.22 as build', `run CGO_ENABLED=1 go build -ldflags ${EXT} -o /app .`), LD(1, 36)],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO502', expected);
  });

  it.each<[string, string]>([
    ['-tags netgo,osusergo', GO(`RUN CGO_ENABLED=1 go build -tags netgo,osusergo -ldflags ${EXT} -o /app .`)],
    ["-tags 'netgo osusergo' (space-separated)", GO(`RUN CGO_ENABLED=1 go build -tags 'netgo osusergo' -ldflags ${EXT} -o /app .`)],
    ['musl builder: no NSS', df('FROM golang:1.22-alpine AS build', 'RUN apk add --no-cache gcc musl-dev', `RUN CGO_ENABLED=1 go build -ldflags ${EXT} -o /app .`)],
    ['cgo off (CGO208 reports -linkmode external)', GO(`RUN CGO_ENABLED=0 go build -ldflags ${EXT} -o /app .`)],
    ['no -linkmode external (CGO501 territory)', GO(`RUN CGO_ENABLED=1 go build -ldflags '-extldflags "-static"' -o /app .`)],
    ['-linkmode external without -static: dynamic, no NSS caveat', GO(`RUN CGO_ENABLED=1 go build -ldflags '-linkmode external' -o /app .`)],
    ['unknown builder', df('FROM registry.corp/go:1', `RUN CGO_ENABLED=1 go build -ldflags ${EXT} -o /app .`)],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO502');
  });

  it('offers adding the tags (preferred, safe)', async () => {
    const [fix] = await expectFixes(GO(`RUN CGO_ENABLED=1 go build -ldflags ${EXT} -o /app .`), 'CGO502', [['Add -tags netgo,osusergo', true]]);
    expect(fix.safe).toBe(true);
  });

  it.each<[string, string, string]>([
    ['new -tags after go build', GO(`RUN CGO_ENABLED=1 go build -ldflags ${EXT} -o /app .`), `RUN CGO_ENABLED=1 go build -tags netgo,osusergo -ldflags ${EXT} -o /app .`],
    ['merged into -tags foo', GO(`RUN CGO_ENABLED=1 go build -tags foo -ldflags ${EXT} -o /app .`), 'go build -tags foo,netgo,osusergo -ldflags'],
    ['merged into -tags=foo', GO(`RUN CGO_ENABLED=1 go build -tags=foo -ldflags ${EXT} -o /app .`), 'go build -tags=foo,netgo,osusergo -ldflags'],
    ['merged into -tags netgo', GO(`RUN CGO_ENABLED=1 go build -tags netgo -ldflags ${EXT} -o /app .`), 'go build -tags netgo,osusergo -ldflags'],
    ['merged into quoted space-separated tags', GO(`RUN CGO_ENABLED=1 go build -tags 'foo bar' -ldflags ${EXT} -o /app .`), 'go build -tags foo,bar,netgo,osusergo -ldflags'],
  ])('fix clears it: %s', async (_d, source, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO502', 'Add -tags');
    expect(fixed).toContain(expectedText);
  });
});
