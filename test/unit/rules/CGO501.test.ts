import { describe, expect, it } from 'vitest';
import { df, expectFires, expectFixClears, expectFixes, expectSilent, range, type Expected } from './harness';

// CGO501 extldflags-static-ineffective: -extldflags "-static" without -linkmode external (cgo-facts A7a, §0.4).
const GO = (...lines: string[]) => df('FROM golang:1.22 AS build', ...lines);
const LD = (line: number, c1: number, text: string, has: string[] = []): Expected => ({ at: range(line, c1, line, c1 + text.length), severity: 'warning', text, has });
const STATIC = `'-extldflags "-static"'`;

describe('CGO501 extldflags-static-ineffective', () => {
  it(`CGO_ENABLED=1 go build -ldflags '-extldflags "-static"': the exact finding`, async () => {
    await expectFires(GO(`RUN CGO_ENABLED=1 go build -ldflags ${STATIC} -o /app .`), 'CGO501', {
      ...LD(1, 36, STATIC),
      message:
        '-extldflags "-static" has no effect here: without -linkmode external the Go linker links internally when only the standard library uses cgo, so the binary stays dynamically linked against glibc.',
    });
  });

  it.each<[string, string, Expected]>([
    ['cgo on by default (gcc in golang:1.22)', GO(`RUN go build -ldflags ${STATIC} -o /app .`), LD(1, 22, STATIC)],
    ['alpine with gcc: stays dynamic against musl', df('FROM golang:1.22-alpine AS build', 'RUN apk add --no-cache gcc musl-dev', `RUN CGO_ENABLED=1 go build -ldflags ${STATIC} -o /app .`), LD(2, 36, STATIC, ['dynamically linked against musl'])],
    ['with -s -w and -extldflags=-static', GO(`RUN CGO_ENABLED=1 go build -ldflags "-s -w -extldflags=-static" -o /app .`), LD(1, 36, '"-s -w -extldflags=-static"')],
    ['-extldflags -static-pie', GO(`RUN CGO_ENABLED=1 go build -ldflags '-extldflags "-static-pie"' -o /app .`), LD(1, 36, `'-extldflags "-static-pie"'`)],
    ['-linkmode internal is not external', GO(`RUN CGO_ENABLED=1 go build -ldflags '-linkmode internal -extldflags "-static"' -o /app .`), LD(1, 36, `'-linkmode internal -extldflags "-static"'`)],
    ['CGO_ENABLED=0 && go build (shell variable only: cgo stays on)', GO(`RUN CGO_ENABLED=0 && go build -a -ldflags ${STATIC} -o /app .`), LD(1, 42, STATIC)],
    ['continuation', GO('RUN CGO_ENABLED=1 go build \\', `    -ldflags ${STATIC} \\`, '    -o /app .'), LD(2, 13, STATIC)],
    ['lowercase keywords', df('from golang:1.22 as build', `run CGO_ENABLED=1 go build -ldflags ${STATIC} -o /app .`), LD(1, 36, STATIC)],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO501', expected);
  });

  it.each<[string, string]>([
    ['-linkmode external makes -extldflags apply', GO(`RUN CGO_ENABLED=1 go build -tags netgo,osusergo -ldflags '-linkmode external -extldflags "-static"' -o /app .`)],
    ['-linkmode=external', GO(`RUN CGO_ENABLED=1 go build -tags netgo,osusergo -ldflags '-linkmode=external -extldflags "-static"' -o /app .`)],
    ['cgo off: already static', GO(`RUN CGO_ENABLED=0 go build -ldflags ${STATIC} -o /app .`)],
    ['alpine without gcc: cgo off', df('FROM golang:1.22-alpine AS build', `RUN go build -ldflags ${STATIC} -o /app .`)],
    ['no -extldflags', GO(`RUN CGO_ENABLED=1 go build -ldflags '-s -w' -o /app .`)],
    ['-extldflags without -static', GO(`RUN CGO_ENABLED=1 go build -ldflags '-extldflags "-Wl,--as-needed"' -o /app .`)],
    ['unknown image', df('FROM registry.corp/go:1', `RUN go build -ldflags ${STATIC} -o /app .`)],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO501');
  });

  it('offers CGO_ENABLED=0 first, then -linkmode external', async () => {
    await expectFixes(GO(`RUN CGO_ENABLED=1 go build -ldflags ${STATIC} -o /app .`), 'CGO501', [
      ['Build with CGO_ENABLED=0 (static without a C linker)', true],
      ['Add -linkmode external', false],
    ]);
  });

  it.each<[string, string, string, string]>([
    ['CGO_ENABLED=0', GO(`RUN CGO_ENABLED=1 go build -ldflags ${STATIC} -o /app .`), 'CGO_ENABLED=0', `RUN CGO_ENABLED=0 go build -ldflags ${STATIC} -o /app .`],
    ['CGO_ENABLED=0 added as a prefix', GO(`RUN go build -ldflags ${STATIC} -o /app .`), 'CGO_ENABLED=0', `RUN CGO_ENABLED=0 go build -ldflags`],
    ['-linkmode external (CGO502 may follow, as a warning)', GO(`RUN CGO_ENABLED=1 go build -ldflags ${STATIC} -o /app .`), '-linkmode external', `-ldflags '-linkmode external -extldflags "-static"'`],
    ['-linkmode external inside a longer -ldflags', GO(`RUN CGO_ENABLED=1 go build -ldflags "-s -w -extldflags=-static" -o /app .`), '-linkmode external', '-ldflags "-s -w -linkmode external -extldflags=-static"'],
  ])('fix clears it: %s', async (_d, source, title, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO501', title);
    expect(fixed).toContain(expectedText);
  });
});
