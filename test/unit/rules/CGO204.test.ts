import { describe, expect, it } from 'vitest';
import { df, expectFires, expectFixClears, expectFixes, expectSilent, range, type Expected } from './harness';

// CGO204 cgo-setting-has-no-effect: the assignment never reaches the go process (cgo-facts A10).
const GO = (...lines: string[]) => df('FROM golang:1.22 AS build', ...lines);
const ASSIGN = (line: number, c1: number, has: string[] = []): Expected => ({ at: range(line, c1, line, c1 + 13), severity: 'error', text: 'CGO_ENABLED=0', has });
const SHELL_VAR = 'it only sets a shell variable (`&&` and `;` do not export it), so `go` never sees it';

describe('CGO204 cgo-setting-has-no-effect', () => {
  it('RUN CGO_ENABLED=0 && go build: the exact finding', async () => {
    await expectFires(GO('RUN CGO_ENABLED=0 && go build -o /app .'), 'CGO204', {
      ...ASSIGN(1, 4),
      message:
        '`CGO_ENABLED=0` has no effect on the build on line 2: it only sets a shell variable (`&&` and `;` do not export it), so `go` never sees it. That build runs with cgo on (CGO_ENABLED is unset and a C compiler is on PATH (shipped with `golang:1.22`): Go ≥ 1.20 turns cgo on for native builds).',
    });
  });

  it.each<[string, string, Expected]>([
    ['CGO_ENABLED=0; go build', GO('RUN CGO_ENABLED=0; go build -o /app .'), ASSIGN(1, 4, [SHELL_VAR])],
    ['CGO_ENABLED=0 GOOS=linux && go build', GO('RUN CGO_ENABLED=0 GOOS=linux && go build -o /app .'), ASSIGN(1, 4, [SHELL_VAR])],
    ['continuation: CGO_ENABLED=0 ; \\ go build', GO('RUN CGO_ENABLED=0 ; \\', '    go build -o /app .'), ASSIGN(1, 4, ['the build on line 3'])],
    ['heredoc: assignment and build on separate lines', GO('RUN <<EOF', 'CGO_ENABLED=0', 'go build -o /app .', 'EOF'), ASSIGN(2, 0, ['the build on line 4', SHELL_VAR])],
    ['RUN export CGO_ENABLED=0, then a later RUN go build', GO('RUN export CGO_ENABLED=0', 'RUN go build -o /app .'), ASSIGN(1, 11, ['`export` on line 2 only lasts until the end of that RUN; every RUN starts a new shell', 'the build on line 3'])],
    ['global ARG CGO_ENABLED=0 before FROM, not re-declared', df('ARG CGO_ENABLED=0', 'FROM golang:1.22 AS build', 'RUN go build -o /app .'), ASSIGN(0, 4, ['an ARG declared before the first FROM is only visible to FROM lines; stage `build` does not re-declare it'])],
    ['global ARG, unnamed stage', df('ARG CGO_ENABLED=0', 'FROM golang:1.22', 'RUN go build -o /app .'), ASSIGN(0, 4, ['stage 0 does not re-declare it'])],
    ['CGO_ENABLED=1 && go build on alpine: the build runs with cgo off', df('FROM golang:1.22-alpine AS build', 'RUN CGO_ENABLED=1 && go build -o /app .'), { at: range(1, 4, 1, 17), severity: 'error', text: 'CGO_ENABLED=1', has: ['That build runs with cgo off'] }],
    ['lowercase keywords', df('from golang:1.22 as build', 'run CGO_ENABLED=0 && go build -o /app .'), ASSIGN(1, 4)],
    ['go install', GO('RUN CGO_ENABLED=0 && go install example.com/cmd/server@latest'), ASSIGN(1, 4)],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO204', expected);
  });

  // A bare shell variable dies with its RUN like a lost `export`.
  it('fires: RUN CGO_ENABLED=0 on its own, then RUN go build', async () => {
    await expectFires(GO('RUN CGO_ENABLED=0', 'RUN go build -o /app .'), 'CGO204', ASSIGN(1, 4));
  });

  it.each<[string, string]>([
    ['export CGO_ENABLED=0 && go build', GO('RUN export CGO_ENABLED=0 && go build -o /app .')],
    ['export CGO_ENABLED=0; go build', GO('RUN export CGO_ENABLED=0; go build -o /app .')],
    ['prefix CGO_ENABLED=0 go build', GO('RUN CGO_ENABLED=0 go build -o /app .')],
    ['CGO_ENABLED=0; export CGO_ENABLED; go build', GO('RUN CGO_ENABLED=0; export CGO_ENABLED; go build -o /app .')],
    ['set -a; CGO_ENABLED=0; go build', GO('RUN set -a; CGO_ENABLED=0; go build -o /app .')],
    ['ENV CGO_ENABLED=1 then CGO_ENABLED=0 && go build (updates the exported variable: effective)', GO('ENV CGO_ENABLED=1', 'RUN CGO_ENABLED=0 && go build -o /app .')],
    ['global ARG re-declared in the stage', df('ARG CGO_ENABLED=0', 'FROM golang:1.22 AS build', 'ARG CGO_ENABLED', 'RUN go build -o /app .')],
    ['global ARG, but the build sets its own prefix', df('ARG CGO_ENABLED=0', 'FROM golang:1.22 AS build', 'RUN CGO_ENABLED=0 go build -o /app .')],
    ['global ARG, but ENV in the stage', df('ARG CGO_ENABLED=0', 'FROM golang:1.22 AS build', 'ENV CGO_ENABLED=0', 'RUN go build -o /app .')],
    ['global ARG used only by FROM (not a build variable)', df('ARG GO_VERSION=1.22', 'FROM golang:${GO_VERSION} AS build', 'RUN CGO_ENABLED=0 go build -o /app .')],
    ['multi-name ARG re-declared', df('ARG A=1 CGO_ENABLED=0', 'FROM golang:1.22 AS build', 'ARG A CGO_ENABLED', 'RUN go build -o /app .')],
    ['export in one RUN reached its build; a later RUN builds again', GO('RUN export CGO_ENABLED=0 && go build -o /app .', 'RUN CGO_ENABLED=0 go build -o /app2 .')],
    ['no go command after the assignment', GO('RUN CGO_ENABLED=0 && echo done')],
    ['heredoc with the prefix on the command', GO('RUN <<EOF', 'CGO_ENABLED=0 go build -o /app .', 'EOF')],
    ['continuation-split prefix', GO('RUN go mod download && \\', '    CGO_ENABLED=0 \\', '    go build -o /app .')],
    ['ENV inherited through FROM <stage>', df('FROM golang:1.22 AS base', 'ENV CGO_ENABLED=0', 'FROM base AS build', 'RUN go build -o /app .')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO204');
  });

  it.each<[string, string, [string, boolean][]]>([
    ['shell variable', GO('RUN CGO_ENABLED=0 && go build -o /app .'), [['Export it: `export CGO_ENABLED=0`', true]]],
    ['earlier RUN', GO('RUN export CGO_ENABLED=0', 'RUN go build -o /app .'), [['Set CGO_ENABLED=0 on the go command', true]]],
    ['global ARG', df('ARG CGO_ENABLED=0', 'FROM golang:1.22 AS build', 'RUN go build -o /app .'), [['Re-declare `ARG CGO_ENABLED` in the stage', true]]],
  ])('offers one preferred fix: %s', async (_d, source, fixes) => {
    const offered = await expectFixes(source, 'CGO204', fixes);
    expect(offered.every((f) => f.safe)).toBe(true);
  });

  it.each<[string, string, string, string]>([
    ['&&: export it', GO('RUN CGO_ENABLED=0 && go build -o /app .'), 'Export it', 'RUN export CGO_ENABLED=0 && go build -o /app .'],
    [';: export it', GO('RUN CGO_ENABLED=0; go build -o /app .'), 'Export it', 'RUN export CGO_ENABLED=0; go build -o /app .'],
    ['heredoc: export it', GO('RUN <<EOF', 'CGO_ENABLED=0', 'go build -o /app .', 'EOF'), 'Export it', '\nexport CGO_ENABLED=0\ngo build'],
    ['earlier RUN: prefix on the go command', GO('RUN export CGO_ENABLED=0', 'RUN go build -o /app .'), 'on the go command', 'RUN CGO_ENABLED=0 go build -o /app .'],
    ['global ARG: re-declare it in the stage', df('ARG CGO_ENABLED=0', 'FROM golang:1.22 AS build', 'RUN go build -o /app .'), 'Re-declare', 'FROM golang:1.22 AS build\nARG CGO_ENABLED\nRUN go build'],
    ['CGO_ENABLED=1 on alpine: export it', df('FROM golang:1.22-alpine AS build', 'RUN apk add --no-cache gcc musl-dev', 'RUN CGO_ENABLED=1 && go build -o /app .'), 'Export it', 'RUN export CGO_ENABLED=1 && go build'],
  ])('fix clears it: %s', async (_d, source, title, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO204', title);
    expect(fixed).toContain(expectedText);
  });
});

describe('CGO204 fixes never trade a silent default for a build failure', () => {
  it.each<[string, string, string]>([
    ['CGO_ENABLED=1 && go build on golang:1.22-alpine without gcc', df('FROM golang:1.22-alpine AS build', 'RUN CGO_ENABLED=1 && go build -o /app .'), 'Export it'],
    ['RUN export CGO_ENABLED=1, later RUN go build, no gcc', df('FROM golang:1.22-alpine AS build', 'RUN export CGO_ENABLED=1', 'RUN go build -o /app .'), 'on the go command'],
    ['global ARG CGO_ENABLED=1, no gcc', df('ARG CGO_ENABLED=1', 'FROM golang:1.22-alpine AS build', 'RUN go build -o /app .'), 'Re-declare'],
  ])('%s: installs the toolchain too, and is not a safe fix', async (_d, source, title) => {
    const { fix, fixed } = await expectFixClears(source, 'CGO204', title);
    expect(fix.title).toMatch(/ and install a C toolchain$/);
    expect(fix.safe).toBe(false);
    expect(fixed).toContain('RUN apk add --no-cache gcc musl-dev\n');
  });
});
