import { describe, expect, it } from 'vitest';
import { df, expectFires, expectFixClears, expectFixes, expectSilent, range, type Expected } from './harness';

// CGO205 cgo-enabled-invalid-value: only "0" and "1" mean anything; other values are treated as unset (cgo-facts A11, §0.1).
const GO = (...lines: string[]) => df('FROM golang:1.22 AS build', ...lines);
const VALUE = (line: number, c1: number, text: string, has: string[] = []): Expected => ({ at: range(line, c1, line, c1 + text.length), severity: 'error', text, has });

describe('CGO205 cgo-enabled-invalid-value', () => {
  it('ENV CGO_ENABLED=false: the exact finding, anchored on the value', async () => {
    await expectFires(GO('ENV CGO_ENABLED=false', 'RUN go build -o /app .'), 'CGO205', {
      ...VALUE(1, 16, 'false'),
      message:
        'CGO_ENABLED=false is not 0 or 1: the go command treats it as unset and falls back to its default (on for native builds with a C compiler on PATH, off for cross builds and without one), so this does not turn cgo off. Use 0.',
    });
  });

  it.each<[string, string, Expected]>([
    ['CGO_ENABLED=true go build', GO('RUN CGO_ENABLED=true go build -o /app .'), VALUE(1, 16, 'true', ['Use 1.'])],
    ['ARG CGO_ENABLED=yes', GO('ARG CGO_ENABLED=yes', 'RUN go build -o /app .'), VALUE(1, 16, 'yes', ['Use 1.'])],
    ['CGO_ENABLED=off', GO('RUN CGO_ENABLED=off go build -o /app .'), VALUE(1, 16, 'off', ['so this does not turn cgo off', 'Use 0.'])],
    ['quoted "false"', GO('ENV CGO_ENABLED="false"', 'RUN go build -o /app .'), VALUE(1, 16, '"false"', ['CGO_ENABLED=false is not 0 or 1'])],
    ['uppercase FALSE', GO('ENV CGO_ENABLED=FALSE', 'RUN go build -o /app .'), VALUE(1, 16, 'FALSE', ['Use 0.'])],
    ['export CGO_ENABLED=no', GO('RUN export CGO_ENABLED=no && go build -o /app .'), VALUE(1, 23, 'no', ['Use 0.'])],
    ['env CGO_ENABLED=true go build', GO('RUN env CGO_ENABLED=true go build -o /app .'), VALUE(1, 20, 'true', ['Use 1.'])],
    ['global ARG CGO_ENABLED=false re-declared', df('ARG CGO_ENABLED=false', 'FROM golang:1.22 AS build', 'ARG CGO_ENABLED', 'RUN go build -o /app .'), VALUE(0, 16, 'false')],
    ['unrecognised word: no intended value', GO('RUN CGO_ENABLED=maybe go build -o /app .'), VALUE(1, 16, 'maybe', ['Use 0 or 1.'])],
    ['ENV without a build after it', GO('ENV CGO_ENABLED=false'), VALUE(1, 16, 'false')],
    ['ENV key value form', GO('ENV CGO_ENABLED false', 'RUN go build -o /app .'), VALUE(1, 16, 'false')],
    ['multi ENV', GO('ENV GOOS=linux CGO_ENABLED=false GOARCH=amd64', 'RUN go build -o /app .'), VALUE(1, 27, 'false')],
    ['lowercase keywords', df('from golang:1.22 as build', 'env CGO_ENABLED=false', 'run go build -o /app .'), VALUE(1, 16, 'false')],
    ['heredoc', GO('RUN <<EOF', 'CGO_ENABLED=true go build -o /app .', 'EOF'), VALUE(2, 12, 'true')],
    ['go env -w CGO_ENABLED=false (anchor: the command; CGO206 offers the rewrite)', GO('RUN go env -w CGO_ENABLED=false'), { at: range(1, 4, 1, 31), severity: 'error', text: 'go env -w CGO_ENABLED=false', has: ['so this does not turn cgo off'] }],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO205', expected);
  });

  it.each<[string, string]>([
    ['CGO_ENABLED=0', GO('ENV CGO_ENABLED=0', 'RUN go build -o /app .')],
    ['CGO_ENABLED=1', GO('RUN CGO_ENABLED=1 go build -o /app .')],
    ['quoted "0"', GO('ENV CGO_ENABLED="0"', 'RUN go build -o /app .')],
    ['empty value (unset)', GO('ENV CGO_ENABLED=""', 'RUN go build -o /app .')],
    ['value from a variable', GO('ARG CGO', 'ENV CGO_ENABLED=$CGO', 'RUN go build -o /app .')],
    ['ARG without default', GO('ARG CGO_ENABLED', 'RUN go build -o /app .')],
    ['${VAR:-0} expands to 0', GO('ENV CGO_ENABLED=${CGO:-0}', 'RUN go build -o /app .')],
    ['a different variable set to false', GO('ENV ENABLE_CGO=false', 'RUN CGO_ENABLED=0 go build -o /app .')],
    ['in a comment', GO('# ENV CGO_ENABLED=false', 'RUN CGO_ENABLED=0 go build -o /app .')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO205');
  });

  it.each<[string, string, [string, boolean][]]>([
    ['false → 0', GO('ENV CGO_ENABLED=false', 'RUN go build -o /app .'), [['Use CGO_ENABLED=0', true]]],
    ['true → 1', GO('RUN CGO_ENABLED=true go build -o /app .'), [['Use CGO_ENABLED=1', true]]],
    ['yes → 1', GO('ARG CGO_ENABLED=yes', 'RUN go build -o /app .'), [['Use CGO_ENABLED=1', true]]],
    ['maybe → both, none preferred', GO('RUN CGO_ENABLED=maybe go build -o /app .'), [['Use CGO_ENABLED=0', false], ['Use CGO_ENABLED=1', false]]],
  ])('fixes: %s', async (_d, source, fixes) => {
    await expectFixes(source, 'CGO205', fixes);
  });

  it.each<[string, string, string, string]>([
    ['ENV false → 0', GO('ENV CGO_ENABLED=false', 'RUN go build -o /app .'), 'CGO_ENABLED=0', 'ENV CGO_ENABLED=0\n'],
    ['prefix true → 1', GO('RUN CGO_ENABLED=true go build -o /app .'), 'CGO_ENABLED=1', 'RUN CGO_ENABLED=1 go build'],
    ['ARG yes → 1', GO('ARG CGO_ENABLED=yes', 'RUN go build -o /app .'), 'CGO_ENABLED=1', 'ARG CGO_ENABLED=1\n'],
    ['quoted "false" → 0 (quotes replaced too)', GO('ENV CGO_ENABLED="false"', 'RUN go build -o /app .'), 'CGO_ENABLED=0', 'ENV CGO_ENABLED=0\n'],
    ['maybe → 0', GO('RUN CGO_ENABLED=maybe go build -o /app .'), 'CGO_ENABLED=0', 'RUN CGO_ENABLED=0 go build'],
    ['maybe → 1', GO('RUN CGO_ENABLED=maybe go build -o /app .'), 'CGO_ENABLED=1', 'RUN CGO_ENABLED=1 go build'],
    ['global ARG false → 0', df('ARG CGO_ENABLED=false', 'FROM golang:1.22 AS build', 'ARG CGO_ENABLED', 'RUN go build -o /app .'), 'CGO_ENABLED=0', 'ARG CGO_ENABLED=0\nFROM'],
  ])('fix clears it: %s', async (_d, source, title, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO205', title);
    expect(fixed).toContain(expectedText);
  });

  it('true → 1 on golang:1.22-alpine without gcc: the fix installs the toolchain too and is not safe', async () => {
    const { fix, fixed } = await expectFixClears(df('FROM golang:1.22-alpine AS build', 'ENV CGO_ENABLED=true', 'RUN go build -o /app .'), 'CGO205', 'CGO_ENABLED=1');
    expect(fix.safe).toBe(false);
    expect(fixed).toContain('ENV CGO_ENABLED=1\nRUN apk add --no-cache gcc musl-dev\nRUN go build');
  });
});
