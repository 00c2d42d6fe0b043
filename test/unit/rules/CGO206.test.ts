import { describe, expect, it } from 'vitest';
import { df, expectFires, expectFixClears, expectFixes, expectSilent, range, type Expected } from './harness';

// CGO206 go-env-w-cgo: `go env -w CGO_ENABLED=…` hides the setting in a per-user file (cgo-facts A12).
const GO = (...lines: string[]) => df('FROM golang:1.22 AS build', ...lines);
const CMD = (line: number, c1: number, text: string, has: string[] = []): Expected => ({ at: range(line, c1, line, c1 + text.length), severity: 'information', text, has });

describe('CGO206 go-env-w-cgo', () => {
  it('RUN go env -w CGO_ENABLED=0: the exact finding', async () => {
    await expectFires(GO('RUN go env -w CGO_ENABLED=0', 'RUN go build -o /app .'), 'CGO206', {
      ...CMD(1, 4, 'go env -w CGO_ENABLED=0'),
      message:
        "`go env -w CGO_ENABLED=0` writes the setting to $HOME/.config/go/env: it is invisible in the image's ENV, lost when USER or HOME changes, and any CGO_ENABLED in the environment overrides it. Use `ENV CGO_ENABLED=0`.",
    });
  });

  it.each<[string, string, Expected]>([
    ['CGO_ENABLED=1', GO('RUN go env -w CGO_ENABLED=1'), CMD(1, 4, 'go env -w CGO_ENABLED=1', ['Use `ENV CGO_ENABLED=1`'])],
    ['after other commands in the same RUN', GO('RUN go mod download && go env -w CGO_ENABLED=0'), CMD(1, 23, 'go env -w CGO_ENABLED=0')],
    ['several variables at once', GO('RUN go env -w GOPRIVATE=example.com CGO_ENABLED=0'), CMD(1, 4, 'go env -w GOPRIVATE=example.com CGO_ENABLED=0')],
    ['invalid value: the advice names a valid one', GO('RUN go env -w CGO_ENABLED=false'), CMD(1, 4, 'go env -w CGO_ENABLED=false', ['Use `ENV CGO_ENABLED=0`'])],
    ['lowercase keywords', df('from golang:1.22 as build', 'run go env -w CGO_ENABLED=0'), CMD(1, 4, 'go env -w CGO_ENABLED=0')],
    ['heredoc', GO('RUN <<EOF', 'go env -w CGO_ENABLED=0', 'EOF'), CMD(2, 0, 'go env -w CGO_ENABLED=0')],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO206', expected);
  });

  it.each<[string, string]>([
    ['go env CGO_ENABLED (read only)', GO('RUN go env CGO_ENABLED')],
    ['go env -w of another variable', GO('RUN go env -w GOPRIVATE=example.com')],
    ['go env -u CGO_ENABLED', GO('RUN go env -u CGO_ENABLED')],
    ['ENV CGO_ENABLED=0', GO('ENV CGO_ENABLED=0')],
    ['in a comment', GO('# RUN go env -w CGO_ENABLED=0', 'RUN CGO_ENABLED=0 go build -o /app .')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO206');
  });

  it('offers replacing the RUN with ENV (preferred, safe)', async () => {
    const [fix] = await expectFixes(GO('RUN go env -w CGO_ENABLED=0'), 'CGO206', [['Replace with `ENV CGO_ENABLED=0`', true]]);
    expect(fix.safe).toBe(true);
  });

  it('offers no rewrite when the RUN does more than go env -w', async () => {
    await expectFixes(GO('RUN go mod download && go env -w CGO_ENABLED=0'), 'CGO206', []);
  });

  it('an invalid value is replaced by the intended one, never copied (and not as a safe fix)', async () => {
    const [fix] = await expectFixes(GO('RUN go env -w CGO_ENABLED=false'), 'CGO206', [['Replace with `ENV CGO_ENABLED=0`', true]]);
    expect(fix.safe).toBe(false);
  });

  it.each<[string, string, string]>([
    ['0', GO('RUN go env -w CGO_ENABLED=0', 'RUN go build -o /app .'), 'FROM golang:1.22 AS build\nENV CGO_ENABLED=0\nRUN go build -o /app .\n'],
    ['1', GO('RUN go env -w CGO_ENABLED=1'), '\nENV CGO_ENABLED=1\n'],
    ['false → 0 (clears CGO205 too)', GO('RUN go env -w CGO_ENABLED=false'), '\nENV CGO_ENABLED=0\n'],
    ['lowercase keyword', df('from golang:1.22 as build', 'run go env -w CGO_ENABLED=0'), '\nenv CGO_ENABLED=0\n'],
  ])('fix clears it: %s', async (_d, source, expectedText) => {
    const { fixed, after } = await expectFixClears(source, 'CGO206', 'Replace with');
    expect(fixed).toContain(expectedText);
    expect(after.filter((f) => f.code === 'CGO205')).toEqual([]);
  });
});
