import { describe, expect, it } from 'vitest';
import { analyze, df, expectFires, expectFixClears, expectFixes, expectSilent, only, range, type Expected } from './harness';

// CGO208 buildmode-needs-cgo: plugin / c-shared / c-archive / -linkmode=external with cgo off (cgo-facts A19, A20).
const GO = (...lines: string[]) => df('FROM golang:1.22 AS build', ...lines);
const AT = (line: number, c1: number, text: string, has: string[] = []): Expected => ({ at: range(line, c1, line, c1 + text.length), severity: 'error', text, has });

describe('CGO208 buildmode-needs-cgo', () => {
  it('-buildmode=plugin with CGO_ENABLED=0: the exact finding', async () => {
    await expectFires(GO('RUN CGO_ENABLED=0 go build -buildmode=plugin -o /p.so .'), 'CGO208', {
      ...AT(1, 27, '-buildmode=plugin'),
      message:
        '-buildmode=plugin needs cgo, but cgo is off for this build (CGO_ENABLED=0 set by an inline prefix on this command): it fails with `loadinternal: cannot find runtime/cgo`.',
    });
  });

  it("-ldflags '-linkmode external' with CGO_ENABLED=0: the exact finding, anchored on the -ldflags value", async () => {
    await expectFires(GO("RUN CGO_ENABLED=0 go build -ldflags '-linkmode external' -o /app ."), 'CGO208', {
      ...AT(1, 36, "'-linkmode external'"),
      message:
        '-linkmode=external needs cgo, but cgo is off for this build (CGO_ENABLED=0 set by an inline prefix on this command): it fails with `-linkmode=external requires external (cgo) linking, but cgo is not enabled`.',
    });
  });

  it.each<[string, string, Expected]>([
    ['-buildmode=c-shared', GO('RUN CGO_ENABLED=0 go build -buildmode=c-shared -o /lib.so .'), AT(1, 27, '-buildmode=c-shared')],
    ['-buildmode=c-archive', GO('RUN CGO_ENABLED=0 go build -buildmode=c-archive -o /lib.a .'), AT(1, 27, '-buildmode=c-archive')],
    ['-buildmode plugin (separate value)', GO('RUN CGO_ENABLED=0 go build -buildmode plugin -o /p.so .'), AT(1, 27, '-buildmode plugin')],
    ['-ldflags=-linkmode=external', GO('RUN CGO_ENABLED=0 go build -ldflags=-linkmode=external -o /app .'), AT(1, 36, '-linkmode=external', ['-linkmode=external requires external (cgo) linking'])],
    ['-ldflags with -linkmode external -extldflags -static', GO(`RUN CGO_ENABLED=0 go build -ldflags '-linkmode external -extldflags "-static"' -o /app .`), AT(1, 36, `'-linkmode external -extldflags "-static"'`)],
    ['ENV CGO_ENABLED=0', GO('ENV CGO_ENABLED=0', 'RUN go build -buildmode=plugin -o /p.so .'), AT(2, 13, '-buildmode=plugin', ['CGO_ENABLED=0 set by ENV on line 2'])],
    ['golang:1.22-alpine without gcc (cgo off by default)', df('FROM golang:1.22-alpine AS build', 'RUN go build -buildmode=plugin -o /p.so .'), AT(1, 13, '-buildmode=plugin', ['has no C compiler on PATH'])],
    ['GOFLAGS=-buildmode=c-shared', GO('ENV CGO_ENABLED=0 GOFLAGS=-buildmode=c-shared', 'RUN go build -o /lib.so .'), AT(1, 26, '-buildmode=c-shared')],
    ['cross build GOARCH=arm64 (cgo off by default)', GO('RUN GOARCH=arm64 go build -buildmode=c-shared -o /lib.so .'), AT(1, 26, '-buildmode=c-shared', ['this is a cross build'])],
    ['lowercase keywords', df('from golang:1.22 as build', 'run CGO_ENABLED=0 go build -buildmode=plugin -o /p.so .'), AT(1, 27, '-buildmode=plugin')],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO208', expected);
  });

  it.each<[string, string]>([
    ['cgo on by default (golang:1.22 ships gcc)', GO('RUN go build -buildmode=plugin -o /p.so .')],
    ['CGO_ENABLED=1', GO('RUN CGO_ENABLED=1 go build -buildmode=c-shared -o /lib.so .')],
    ['-buildmode=pie does not need cgo on amd64 (CGO104 is about where it runs)', GO('RUN CGO_ENABLED=0 go build -buildmode=pie -o /app .')],
    ['-buildmode=exe', GO('RUN CGO_ENABLED=0 go build -buildmode=exe -o /app .')],
    ['-linkmode internal', GO("RUN CGO_ENABLED=0 go build -ldflags '-linkmode internal' -o /app .")],
    ['-extldflags alone', GO(`RUN CGO_ENABLED=0 go build -ldflags '-s -w -extldflags "-static"' -o /app .`)],
    ['unknown image: cgo state unknown', df('FROM registry.corp/go:1', 'RUN go build -buildmode=plugin -o /p.so .')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO208');
  });

  it('offers enabling cgo (preferred)', async () => {
    await expectFixes(GO('RUN CGO_ENABLED=0 go build -buildmode=plugin -o /p.so .'), 'CGO208', [['Enable cgo for this build (CGO_ENABLED=1)', true]]);
  });

  it('a cross build offers no enabling fix (it would need a cross compiler, CGO203)', async () => {
    const [f] = only(await analyze(GO('RUN GOARCH=arm64 go build -buildmode=c-shared -o /lib.so .')), 'CGO208');
    expect(f.fixes).toEqual([]);
  });

  it.each<[string, string, string]>([
    ['plugin', GO('RUN CGO_ENABLED=0 go build -buildmode=plugin -o /p.so .'), 'RUN CGO_ENABLED=1 go build -buildmode=plugin'],
    ['-linkmode external', GO("RUN CGO_ENABLED=0 go build -ldflags '-linkmode external' -o /app ."), "RUN CGO_ENABLED=1 go build -ldflags '-linkmode external'"],
    ['ENV: scoped prefix', GO('ENV CGO_ENABLED=0', 'RUN go build -buildmode=c-shared -o /lib.so .'), 'ENV CGO_ENABLED=0\nRUN CGO_ENABLED=1 go build'],
    ['alpine: also installs gcc musl-dev', df('FROM golang:1.22-alpine AS build', 'RUN go build -buildmode=plugin -o /p.so .'), 'RUN apk add --no-cache gcc musl-dev\nRUN CGO_ENABLED=1 go build -buildmode=plugin'],
  ])('fix clears it: %s', async (_d, source, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO208', 'Enable cgo');
    expect(fixed).toContain(expectedText);
  });
});
