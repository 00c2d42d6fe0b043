import { describe, expect, it } from 'vitest';
import { df, expectFires, expectFixClears, expectFixes, expectSilent, range, type Expected } from './harness';

// CGO503 netgo-without-osusergo: only one of the two tags, so the binary stays dynamic (cgo-facts A8).
const GO = (...lines: string[]) => df('FROM golang:1.22 AS build', ...lines);
const TAGS = (line: number, c1: number, text: string, has: string[] = []): Expected => ({ at: range(line, c1, line, c1 + text.length), severity: 'warning', text, has });

describe('CGO503 netgo-without-osusergo', () => {
  it('-tags netgo alone with cgo on: the exact finding, anchored on the -tags flag', async () => {
    await expectFires(GO('RUN CGO_ENABLED=1 go build -tags netgo -o /app .'), 'CGO503', {
      ...TAGS(1, 27, '-tags netgo'),
      message: '-tags netgo without osusergo: os/user still uses cgo, so the binary stays dynamically linked. Add osusergo (or build with CGO_ENABLED=0).',
    });
  });

  it.each<[string, string, Expected]>([
    ['-tags osusergo alone', GO('RUN CGO_ENABLED=1 go build -tags osusergo -o /app .'), TAGS(1, 27, '-tags osusergo', ['-tags osusergo without netgo: net still uses cgo'])],
    ['-tags=netgo', GO('RUN CGO_ENABLED=1 go build -tags=netgo -o /app .'), TAGS(1, 27, '-tags=netgo')],
    ['netgo among other tags', GO('RUN CGO_ENABLED=1 go build -tags foo,netgo -o /app .'), TAGS(1, 27, '-tags foo,netgo')],
    ['cgo on by default (gcc in golang:1.22)', GO('RUN go build -tags netgo -o /app .'), TAGS(1, 13, '-tags netgo')],
    ['alpine with gcc', df('FROM golang:1.22-alpine AS build', 'RUN apk add --no-cache gcc musl-dev', 'RUN go build -tags netgo -o /app .'), TAGS(2, 13, '-tags netgo')],
    ['GOFLAGS=-tags=netgo (anchor: the GOFLAGS value)', GO('ENV GOFLAGS=-tags=netgo', 'RUN CGO_ENABLED=1 go build -o /app .'), TAGS(1, 12, '-tags=netgo')],
    ['lowercase keywords', df('from golang:1.22 as build', 'run CGO_ENABLED=1 go build -tags netgo -o /app .'), TAGS(1, 27, '-tags netgo')],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO503', expected);
  });

  it.each<[string, string]>([
    ['both tags', GO('RUN CGO_ENABLED=1 go build -tags netgo,osusergo -o /app .')],
    ['neither tag', GO('RUN CGO_ENABLED=1 go build -tags foo -o /app .')],
    ['no -tags', GO('RUN CGO_ENABLED=1 go build -o /app .')],
    ['cgo off: the tag is harmless', GO('RUN CGO_ENABLED=0 go build -tags netgo -o /app .')],
    ['alpine without gcc: cgo off', df('FROM golang:1.22-alpine AS build', 'RUN go build -tags netgo -o /app .')],
    ['unknown builder', df('FROM registry.corp/go:1', 'RUN go build -tags netgo -o /app .')],
    ['a tag that only contains the word', GO('RUN CGO_ENABLED=1 go build -tags netgo_extra -o /app .')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO503');
  });

  it('offers adding the missing tag (preferred, safe)', async () => {
    const [fix] = await expectFixes(GO('RUN CGO_ENABLED=1 go build -tags netgo -o /app .'), 'CGO503', [['Add the osusergo tag', true]]);
    expect(fix.safe).toBe(true);
  });

  it.each<[string, string, string]>([
    ['-tags netgo → netgo,osusergo', GO('RUN CGO_ENABLED=1 go build -tags netgo -o /app .'), 'RUN CGO_ENABLED=1 go build -tags netgo,osusergo -o /app .'],
    ['-tags osusergo → osusergo,netgo', GO('RUN CGO_ENABLED=1 go build -tags osusergo -o /app .'), '-tags osusergo,netgo -o'],
    ['-tags=netgo', GO('RUN CGO_ENABLED=1 go build -tags=netgo -o /app .'), '-tags=netgo,osusergo -o'],
    ['GOFLAGS=-tags=netgo: the new -tags keeps netgo (command-line -tags replaces GOFLAGS -tags)', GO('ENV GOFLAGS=-tags=netgo', 'RUN CGO_ENABLED=1 go build -o /app .'), 'go build -tags netgo,osusergo -o'],
  ])('fix clears it: %s', async (_d, source, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO503', 'Add the');
    expect(fixed).toContain(expectedText);
  });
});
