import { describe, expect, it } from 'vitest';
import { df, expectFires, expectFixClears, expectFixes, expectSilent, range, type Expected } from './harness';

// CGO504 installsuffix-obsolete: -installsuffix cgo (and -a) have had no effect since Go 1.10 (cgo-facts A9).
const GO = (...lines: string[]) => df('FROM golang:1.22 AS build', ...lines);
const FLAG = (line: number, c1: number, text: string, has: string[] = []): Expected => ({ at: range(line, c1, line, c1 + text.length), severity: 'hint', text, has });

describe('CGO504 installsuffix-obsolete', () => {
  it('go build -a -installsuffix cgo: the exact finding, a hint tagged unnecessary', async () => {
    const [f] = await expectFires(GO('RUN CGO_ENABLED=0 go build -a -installsuffix cgo -o /app .'), 'CGO504', {
      ...FLAG(1, 30, '-installsuffix cgo'),
      message:
        '-installsuffix cgo (and -a) has had no effect on the output since Go 1.10: the build cache keeps cgo and non-cgo objects apart; -a only forces a full rebuild of the standard library and every dependency.',
    });
    expect(f.tags).toEqual(['unnecessary']);
  });

  it.each<[string, string, Expected]>([
    ['-installsuffix cgo without -a', GO('RUN CGO_ENABLED=0 go build -installsuffix cgo -o /app .'), FLAG(1, 27, '-installsuffix cgo', ['-installsuffix cgo has had no effect on the output since Go 1.10'])],
    ['-installsuffix=cgo', GO('RUN CGO_ENABLED=0 go build -a -installsuffix=cgo -o /app .'), FLAG(1, 30, '-installsuffix=cgo', ['(and -a)'])],
    ['flags after -o', GO('RUN CGO_ENABLED=0 go build -o /app -a -installsuffix cgo .'), FLAG(1, 38, '-installsuffix cgo')],
    ['go install', GO('RUN CGO_ENABLED=0 go install -a -installsuffix cgo ./cmd/app'), FLAG(1, 32, '-installsuffix cgo')],
    ['with -ldflags (the jqplay pattern)', GO(`RUN CGO_ENABLED=0 GOOS=linux go build -a -installsuffix cgo -ldflags '-s -w' -o /app .`), FLAG(1, 41, '-installsuffix cgo')],
    ['continuation', GO('RUN CGO_ENABLED=0 go build \\', '    -a -installsuffix cgo \\', '    -o /app .'), FLAG(2, 7, '-installsuffix cgo')],
    ['lowercase keywords', df('from golang:1.22 as build', 'run CGO_ENABLED=0 go build -a -installsuffix cgo -o /app .'), FLAG(1, 30, '-installsuffix cgo')],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO504', expected);
  });

  it.each<[string, string]>([
    ['plain go build', GO('RUN CGO_ENABLED=0 go build -o /app .')],
    ['-a alone is a deliberate full rebuild', GO('RUN CGO_ENABLED=0 go build -a -o /app .')],
    ['-installsuffix in GOFLAGS is not on the command', GO('ENV GOFLAGS=-installsuffix=cgo', 'RUN CGO_ENABLED=0 go build -o /app .')],
    ['mentioned in a comment', GO('# go build -a -installsuffix cgo', 'RUN CGO_ENABLED=0 go build -o /app .')],
    ['an argument of another program', GO('RUN echo -installsuffix cgo')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO504');
  });

  it.each<[string, string, [string, boolean][]]>([
    ['with -a', GO('RUN CGO_ENABLED=0 go build -a -installsuffix cgo -o /app .'), [['Remove -a and -installsuffix', true]]],
    ['without -a', GO('RUN CGO_ENABLED=0 go build -installsuffix cgo -o /app .'), [['Remove -installsuffix', true]]],
  ])('offers removing the flags (preferred, safe): %s', async (_d, source, fixes) => {
    const [fix] = await expectFixes(source, 'CGO504', fixes);
    expect(fix.safe).toBe(true);
  });

  it.each<[string, string, string]>([
    ['-a -installsuffix cgo', GO('RUN CGO_ENABLED=0 go build -a -installsuffix cgo -o /app .'), 'RUN CGO_ENABLED=0 go build -o /app .\n'],
    ['-installsuffix cgo only', GO('RUN CGO_ENABLED=0 go build -installsuffix cgo -o /app .'), 'RUN CGO_ENABLED=0 go build -o /app .\n'],
    ['-installsuffix=cgo', GO('RUN CGO_ENABLED=0 go build -a -installsuffix=cgo -o /app .'), 'RUN CGO_ENABLED=0 go build -o /app .\n'],
    ['at the end of the line', GO('RUN CGO_ENABLED=0 go build -o /app . -a -installsuffix cgo'), 'RUN CGO_ENABLED=0 go build -o /app .\n'],
    ['keeps the other flags', GO(`RUN CGO_ENABLED=0 GOOS=linux go build -a -installsuffix cgo -ldflags '-s -w' -o /app .`), `RUN CGO_ENABLED=0 GOOS=linux go build -ldflags '-s -w' -o /app .\n`],
    ['continuation line keeps its shape', GO('RUN CGO_ENABLED=0 go build \\', '    -a -installsuffix cgo \\', '    -o /app .'), 'RUN CGO_ENABLED=0 go build \\\n    \\\n    -o /app .\n'],
  ])('fix clears it: %s', async (_d, source, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO504', 'Remove');
    expect(fixed).toContain(expectedText);
  });
});
