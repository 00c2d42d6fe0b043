import { describe, expect, it } from 'vitest';
import { analyze, df, errors, expectFires, expectFixClears, only, range, summary } from './harness';

// The acceptance list of the issue, one test per bullet.

const GLIBC_TO_SCRATCH = (build: string) => df('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', build, 'FROM scratch', 'COPY --from=build /app /app', 'ENTRYPOINT ["/app"]');

describe('acceptance: FROM golang:1.22 + go build + COPY into FROM scratch', () => {
  it('plain go build → CGO101 (error) on the COPY line', async () => {
    await expectFires(GLIBC_TO_SCRATCH('RUN go build -o /app .'), 'CGO101', {
      at: range(5, 0, 5, 27),
      severity: 'error',
      text: 'COPY --from=build /app /app',
      message:
        '`/app` is linked dynamically against glibc 2.36 because CGO_ENABLED is unset and a C compiler is on PATH (shipped with `golang:1.22`): Go ≥ 1.20 turns cgo on for native builds; `scratch` has no libc at all, so the container fails to start with `exec /app: no such file or directory`.',
    });
  });

  it('with CGO_ENABLED=0 on the build → no error-severity finding at all', async () => {
    expect(summary(errors(await analyze(GLIBC_TO_SCRATCH('RUN CGO_ENABLED=0 go build -o /app .'))))).toEqual([]);
  });

  it('applying the preferred fix gives exactly that file', async () => {
    const { fixed, after } = await expectFixClears(GLIBC_TO_SCRATCH('RUN go build -o /app .'), 'CGO101', (f) => f.preferred);
    expect(fixed).toBe(GLIBC_TO_SCRATCH('RUN CGO_ENABLED=0 go build -o /app .'));
    expect(errors(after)).toEqual([]);
  });
});

describe('acceptance: golang:1.22-alpine into scratch', () => {
  const ALPINE = (...middle: string[]) => df('FROM golang:1.22-alpine AS build', ...middle, 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app');

  it('without gcc → no error (Go ≥ 1.20 turns cgo off)', async () => {
    expect(summary(errors(await analyze(ALPINE())))).toEqual([]);
  });

  it('with RUN apk add build-base → CGO101', async () => {
    await expectFires(ALPINE('RUN apk add build-base'), 'CGO101', { at: range(4, 0, 4, 27), severity: 'error', has: ['linked dynamically against musl'] });
  });
});

describe('acceptance: no false positives', () => {
  it.each<[string, string]>([
    ['unknown/private builder image', df('FROM registry.corp/base:1 AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['unknown/private runtime image', df('FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM registry.corp/runtime:1', 'COPY --from=build /app /app')],
    ['$BASE_IMAGE without default', df('ARG BASE_IMAGE', 'FROM $BASE_IMAGE AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['heredoc RUN <<EOF … CGO_ENABLED=0 go build … EOF', df('FROM golang:1.22 AS build', 'RUN <<EOF', 'set -e', 'go mod download', 'CGO_ENABLED=0 go build -o /app .', 'EOF', 'FROM scratch', 'COPY --from=build /app /app')],
    ['continuation-split build with \\', df('FROM golang:1.22 AS build', 'RUN go mod download && \\', '    CGO_ENABLED=0 GOOS=linux \\', '    go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['continuation-split build with # escape=`', df('# escape=`', 'FROM golang:1.22 AS build', 'RUN go mod download && `', '    CGO_ENABLED=0 GOOS=linux `', '    go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['ENV CGO_ENABLED=0 inherited through FROM <stage>', df('FROM golang:1.22 AS base', 'ENV CGO_ENABLED=0', 'FROM base AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['CGO_ENABLED=0 via a global ARG re-declared in the stage', df('ARG CGO_ENABLED=0', 'FROM golang:1.22 AS build', 'ARG CGO_ENABLED', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
  ])('%s → no error, no warning', async (_d, source) => {
    const findings = await analyze(source);
    expect(summary(findings.filter((f) => f.severity === 'error' || f.severity === 'warning'))).toEqual([]);
  });

  it('ARG BASE without default + FROM $BASE: nothing is known, so only the implicit-setting information remains', async () => {
    const findings = await analyze(df('ARG BASE', 'FROM $BASE', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=0 /app /app'));
    expect(summary(findings)).toEqual(['CGO202:information@2']);
    expect(findings[0].message).toContain('decided by the environment');
  });

  it('ENV CGO_ENABLED=1 then CGO_ENABLED=0 && go build: the plain assignment updates the exported variable, no finding at all', async () => {
    expect(summary(await analyze(df('FROM golang:1.22 AS build', 'ENV CGO_ENABLED=1', 'RUN CGO_ENABLED=0 && go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')))).toEqual([]);
  });

  it('the heredoc and continuation negatives are not silent by accident: without CGO_ENABLED=0 they fire', async () => {
    const heredoc = df('FROM golang:1.22 AS build', 'RUN <<EOF', 'go build -o /app .', 'EOF', 'FROM scratch', 'COPY --from=build /app /app');
    const continued = df('FROM golang:1.22 AS build', 'RUN go mod download && \\', '    go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app');
    expect(only(await analyze(heredoc), 'CGO101')).toHaveLength(1);
    expect(only(await analyze(continued), 'CGO101')).toHaveLength(1);
  });
});
