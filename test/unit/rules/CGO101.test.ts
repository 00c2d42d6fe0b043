import { describe, expect, it } from 'vitest';
import { analyze, applyFix, df, expectFires, expectFixClears, expectFixes, expectSilent, only, range, type Expected } from './harness';

// CGO101 dynamic-binary-without-its-libc: a dynamic binary lands where its loader is missing (cgo-facts A1).
const SCRATCH = (build: string, runtime = 'scratch') => df('FROM golang:1.22 AS build', build, `FROM ${runtime}`, 'COPY --from=build /app /app');
const COPY_L3: Expected = { at: range(3, 0, 3, 27), severity: 'error', text: 'COPY --from=build /app /app' };
const GLIBC = (...has: string[]): Expected => ({ ...COPY_L3, has: ['linked dynamically against glibc 2.36', 'exec /app: no such file or directory', ...has] });

describe('CGO101 dynamic-binary-without-its-libc', () => {
  it('golang:1.22 + plain go build into scratch: the exact finding', async () => {
    const [f] = await expectFires(SCRATCH('RUN go build -o /app .'), 'CGO101', {
      ...COPY_L3,
      message:
        '`/app` is linked dynamically against glibc 2.36 because CGO_ENABLED is unset and a C compiler is on PATH (shipped with `golang:1.22`): Go ≥ 1.20 turns cgo on for native builds; `scratch` has no libc at all, so the container fails to start with `exec /app: no such file or directory`.',
    });
    // Related information: the build, what decided cgo (the builder's FROM), the runtime's FROM.
    expect(f.related.map((r) => r.loc.range.start.line)).toEqual([1, 0, 2]);
  });

  it.each<[string, string, Expected]>([
    ['explicit CGO_ENABLED=1 prefix', SCRATCH('RUN CGO_ENABLED=1 go build -o /app .'), GLIBC('CGO_ENABLED=1 set by an inline prefix')],
    ['ENV CGO_ENABLED=1', df('FROM golang:1.22 AS build', 'ENV CGO_ENABLED=1', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), { ...GLIBC('CGO_ENABLED=1 set by ENV on line 2'), at: range(4, 0, 4, 27) }],
    ['distroless/static-debian12', SCRATCH('RUN go build -o /app .', 'gcr.io/distroless/static-debian12'), GLIBC('`gcr.io/distroless/static-debian12` has no libc at all')],
    ['chainguard/static', SCRATCH('RUN go build -o /app .', 'cgr.dev/chainguard/static'), GLIBC('`cgr.dev/chainguard/static` has no libc at all')],
    ['alpine (musl, no glibc loader)', SCRATCH('RUN go build -o /app .', 'alpine:3.20'), GLIBC('`alpine:3.20` has musl, not glibc, and no `/lib64/ld-linux-x86-64.so.2`')],
    ['busybox:musl', SCRATCH('RUN go build -o /app .', 'busybox:musl'), GLIBC('`busybox:musl` has musl, not glibc')],
    ['busybox:uclibc', SCRATCH('RUN go build -o /app .', 'busybox:uclibc'), GLIBC('`busybox:uclibc` has uclibc, not glibc')],
    ['golang:1.22-alpine + apk add build-base (gcc turns cgo on): musl binary in scratch', df('FROM golang:1.22-alpine AS build', 'RUN apk add build-base', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), { at: range(4, 0, 4, 27), severity: 'error', has: ['linked dynamically against musl', 'a C compiler is on PATH (installed here)', '`scratch` has no libc at all'] }],
    ['golang:1.19-alpine without gcc (Go < 1.20: cgo on anyway): musl binary in scratch', df('FROM golang:1.19-alpine AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), { ...COPY_L3, has: ['linked dynamically against musl', 'Go 1.19 turns cgo on for native builds even without a C compiler'] }],
    ['golang:1.19 (glibc, Go < 1.20)', df('FROM golang:1.19 AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), { ...COPY_L3, has: ['linked dynamically against glibc'] }],
    ['CGO_ENABLED=0 && go build sets only a shell variable', SCRATCH('RUN CGO_ENABLED=0 && go build -o /app .'), GLIBC()],
    ['`export` in an earlier RUN is lost', df('FROM golang:1.22 AS build', 'RUN export CGO_ENABLED=0', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), { ...GLIBC(), at: range(4, 0, 4, 27) }],
    ['global ARG CGO_ENABLED=0 not re-declared', df('ARG CGO_ENABLED=0', 'FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), { ...GLIBC(), at: range(4, 0, 4, 27) }],
    ['ENV CGO_ENABLED=1 inherited through FROM <stage>', df('FROM golang:1.22 AS base', 'ENV CGO_ENABLED=1', 'FROM base AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), { ...GLIBC('CGO_ENABLED=1 set by ENV on line 2'), at: range(5, 0, 5, 27) }],
    ['multi-name ARG A=1 CGO_ENABLED=1', df('FROM golang:1.22 AS build', 'ARG A=1 CGO_ENABLED=1', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), { ...GLIBC('CGO_ENABLED=1 set by ARG on line 2'), at: range(4, 0, 4, 27) }],
    ['lowercase keywords', df('from golang:1.22 as build', 'run go build -o /app .', 'from scratch', 'copy --from=build /app /app'), { ...GLIBC(), text: 'copy --from=build /app /app' }],
    ['COPY --from=0 (stage index)', df('FROM golang:1.22', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=0 /app /app'), { at: range(3, 0, 3, 23), severity: 'error', has: ['glibc 2.36'] }],
    ['ARG GO_VERSION=1.22 + FROM golang:${GO_VERSION}', df('ARG GO_VERSION=1.22', 'FROM golang:${GO_VERSION} AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), { ...GLIBC('shipped with `golang:1.22`'), at: range(4, 0, 4, 27) }],
    ['FROM golang:${GO_VERSION:-1.22} without any ARG (default applies)', df('FROM golang:${GO_VERSION:-1.22} AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), GLIBC()],
    ['ARG with default, FROM with a different :- default: the ARG value wins', df('ARG GO_VERSION=1.22', 'FROM golang:${GO_VERSION:-1.19} AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), { ...GLIBC('Go ≥ 1.20'), at: range(4, 0, 4, 27) }],
    ['go install → /go/bin/<name>', df('FROM golang:1.22 AS build', 'RUN go install example.com/cmd/server@latest', 'FROM scratch', 'COPY --from=build /go/bin/server /server'), { at: range(3, 0, 3, 40), severity: 'error', has: ['`/go/bin/server` is linked dynamically against glibc 2.36'] }],
    ['COPY of the directory that holds the binary', df('FROM golang:1.22 AS build', 'RUN go build -o /out/app .', 'FROM scratch', 'COPY --from=build /out/ /'), { at: range(3, 0, 3, 25), severity: 'error', has: ['`/out/app` is linked dynamically'] }],
    ['relative -o resolved against WORKDIR', df('FROM golang:1.22 AS build', 'WORKDIR /src', 'RUN go build -o app .', 'FROM scratch', 'COPY --from=build /src/app /app'), { at: range(4, 0, 4, 31), severity: 'error', has: ['`/src/app`'] }],
    ['intermediate stage hop: build → packer → final (anchor: the last COPY)', df('FROM golang:1.22 AS build', 'RUN go build -o /out/app .', 'FROM alpine:3.20 AS packer', 'COPY --from=build /out/app /pack/app', 'FROM scratch', 'COPY --from=packer /pack/app /app'), { at: range(5, 0, 5, 33), severity: 'error', has: ['`/out/app`', '`scratch` has no libc'] }],
    ['exec-form RUN ["go","build",…]', df('FROM golang:1.22 AS build', 'RUN ["go","build","-o","/app","."]', 'FROM scratch', 'COPY --from=build /app /app'), GLIBC()],
    ['heredoc build without CGO_ENABLED (control for the heredoc negatives)', df('FROM golang:1.22 AS build', 'RUN <<EOF', 'set -e', 'go build -o /app .', 'EOF', 'FROM scratch', 'COPY --from=build /app /app'), { ...GLIBC(), at: range(6, 0, 6, 27) }],
    ['continuation-split build without CGO_ENABLED (control)', df('FROM golang:1.22 AS build', 'RUN go mod download && \\', '    go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), { ...GLIBC(), at: range(4, 0, 4, 27) }],
    ['backtick escape build without CGO_ENABLED (control)', df('# escape=`', 'FROM golang:1.22 AS build', 'RUN go mod download && `', '    go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), { ...GLIBC(), at: range(5, 0, 5, 27) }],
    ['prefix lost in a subshell', SCRATCH('RUN (export CGO_ENABLED=0) && go build -o /app .'), GLIBC()],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO101', expected);
  });

  it.each<[string, string]>([
    ['CGO_ENABLED=0 on the build', SCRATCH('RUN CGO_ENABLED=0 go build -o /app .')],
    ['ENV CGO_ENABLED=0 in the stage', df('FROM golang:1.22 AS build', 'ENV CGO_ENABLED=0', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['export CGO_ENABLED=0 && go build', SCRATCH('RUN export CGO_ENABLED=0 && go build -o /app .')],
    ['env CGO_ENABLED=0 go build', SCRATCH('RUN env CGO_ENABLED=0 go build -o /app .')],
    ['unknown/private builder image', df('FROM registry.corp/base:1 AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['builder $BASE_IMAGE without default', df('ARG BASE_IMAGE', 'FROM $BASE_IMAGE AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['golang:$GO_VERSION without default', df('ARG GO_VERSION', 'FROM golang:$GO_VERSION AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['unknown/private runtime image', SCRATCH('RUN go build -o /app .', 'registry.corp/runtime:1')],
    ['runtime $RUNTIME without default', df('ARG RUNTIME', 'FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM $RUNTIME', 'COPY --from=build /app /app')],
    ['heredoc RUN <<EOF that sets CGO_ENABLED=0', df('FROM golang:1.22 AS build', 'RUN <<EOF', 'set -e', 'CGO_ENABLED=0 go build -o /app .', 'EOF', 'FROM scratch', 'COPY --from=build /app /app')],
    ['heredoc RUN <<-EOF (tab-indented)', df('FROM golang:1.22 AS build', 'RUN <<-EOF', '\tCGO_ENABLED=0 go build -o /app .', '\tEOF', 'FROM scratch', 'COPY --from=build /app /app')],
    ['heredoc RUN bash <<EOF with export', df('FROM golang:1.22 AS build', 'RUN bash <<EOF', 'export CGO_ENABLED=0', 'go build -o /app .', 'EOF', 'FROM scratch', 'COPY --from=build /app /app')],
    ['continuation with \\ that sets CGO_ENABLED=0', df('FROM golang:1.22 AS build', 'RUN go mod download && \\', '    CGO_ENABLED=0 \\', '    go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['continuation with a comment line inside', df('FROM golang:1.22 AS build', 'RUN go mod download && \\', '    # static build', '    CGO_ENABLED=0 \\', '    go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['continuation with # escape=`', df('# escape=`', 'FROM golang:1.22 AS build', 'RUN go mod download && `', '    CGO_ENABLED=0 `', '    go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['ENV CGO_ENABLED=0 inherited through FROM <stage>', df('FROM golang:1.22 AS base', 'ENV CGO_ENABLED=0', 'FROM base AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['global ARG CGO_ENABLED=0 re-declared in the stage', df('ARG CGO_ENABLED=0', 'FROM golang:1.22 AS build', 'ARG CGO_ENABLED', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['stage ARG CGO_ENABLED=0', df('FROM golang:1.22 AS build', 'ARG CGO_ENABLED=0', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['multi-name ARG A=1 CGO_ENABLED=0', df('FROM golang:1.22 AS build', 'ARG A=1 CGO_ENABLED=0', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['golang:1.22-alpine without gcc (Go ≥ 1.20 turns cgo off)', df('FROM golang:1.22-alpine AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')],
    ['glibc runtime debian:bookworm-slim', SCRATCH('RUN go build -o /app .', 'debian:bookworm-slim')],
    ['glibc runtime distroless/base-debian12', SCRATCH('RUN go build -o /app .', 'gcr.io/distroless/base-debian12')],
    ['musl binary on alpine', df('FROM golang:1.22-alpine AS build', 'RUN apk add --no-cache gcc musl-dev', 'RUN go build -o /app .', 'FROM alpine:3.20', 'COPY --from=build /app /app')],
    ['glibc binary on alpine with libc6-compat (CGO105 warns instead)', df('FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM alpine:3.20', 'RUN apk add --no-cache libc6-compat', 'COPY --from=build /app /app')],
    ['netgo,osusergo tags make it static', SCRATCH('RUN CGO_ENABLED=1 go build -tags netgo,osusergo -o /app .')],
    ['-linkmode external -extldflags -static makes it static', SCRATCH(`RUN CGO_ENABLED=1 go build -tags netgo,osusergo -ldflags '-linkmode external -extldflags "-static"' -o /app .`)],
    ['GOARCH=arm64 cross build: cgo off by default', SCRATCH('RUN GOARCH=arm64 go build -o /app .')],
    ['only a data file is copied', df('FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/')],
    ['single stage: nothing is copied', df('FROM golang:1.22', 'RUN go build -o /app .', 'CMD ["/app"]')],
    ['exec form with ENV CGO_ENABLED=0', df('FROM golang:1.22 AS build', 'ENV CGO_ENABLED=0', 'RUN ["go","build","-o","/app","."]', 'FROM scratch', 'COPY --from=build /app /app')],
    ['lowercase keywords with env CGO_ENABLED=0', df('from golang:1.22 as build', 'env CGO_ENABLED=0', 'run go build -o /app .', 'from scratch', 'copy --from=build /app /app')],
    ['RUN --mount=type=cache with CGO_ENABLED=0', SCRATCH('RUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /app .')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO101');
  });

  // Without a --build-arg the variable is unset, so BuildKit uses the `:-` default (golang:1.22).
  it('fires: ARG GO_VERSION (no default) + FROM golang:${GO_VERSION:-1.22}', async () => {
    await expectFires(df('ARG GO_VERSION', 'FROM golang:${GO_VERSION:-1.22} AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), 'CGO101', { ...GLIBC(), at: range(4, 0, 4, 27) });
  });

  it('offers CGO_ENABLED=0 first, then a glibc runtime matching the builder', async () => {
    await expectFixes(SCRATCH('RUN go build -o /app .'), 'CGO101', [
      ['Build with CGO_ENABLED=0 (line 2)', true],
      ['Run on gcr.io/distroless/base-debian12 (glibc 2.36, like the builder)', false],
    ]);
  });

  it('a musl binary offers only CGO_ENABLED=0 (no glibc runtime would run it)', async () => {
    await expectFixes(df('FROM golang:1.22-alpine AS build', 'RUN apk add build-base', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), 'CGO101', [['Build with CGO_ENABLED=0 (line 3)', true]]);
  });

  it.each<[string, string, string, string]>([
    ['preferred CGO_ENABLED=0', SCRATCH('RUN go build -o /app .'), 'CGO_ENABLED=0', 'RUN CGO_ENABLED=0 go build -o /app .'],
    ['switch the runtime image', SCRATCH('RUN go build -o /app .'), 'Run on gcr.io/distroless/base-debian12', 'FROM gcr.io/distroless/base-debian12'],
    ['rewrites an explicit CGO_ENABLED=1', SCRATCH('RUN CGO_ENABLED=1 go build -o /app .'), 'CGO_ENABLED=0', 'RUN CGO_ENABLED=0 go build -o /app .'],
    ['musl build-base case', df('FROM golang:1.22-alpine AS build', 'RUN apk add build-base', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), 'CGO_ENABLED=0', 'RUN CGO_ENABLED=0 go build -o /app .'],
    ['golang:1.19-alpine', df('FROM golang:1.19-alpine AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), 'CGO_ENABLED=0', 'RUN CGO_ENABLED=0 go build -o /app .'],
    ['inside a heredoc body', df('FROM golang:1.22 AS build', 'RUN <<EOF', 'go build -o /app .', 'EOF', 'FROM scratch', 'COPY --from=build /app /app'), 'CGO_ENABLED=0', '\nCGO_ENABLED=0 go build -o /app .\n'],
    ['on a continuation line', df('FROM golang:1.22 AS build', 'RUN go mod download && \\', '    go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), 'CGO_ENABLED=0', '    CGO_ENABLED=0 go build -o /app .'],
    ['exec form gets an ENV line', df('FROM golang:1.22 AS build', 'RUN ["go","build","-o","/app","."]', 'FROM scratch', 'COPY --from=build /app /app'), 'CGO_ENABLED=0', 'ENV CGO_ENABLED=0\nRUN ["go"'],
    ['lowercase exec form gets a lowercase env line', df('from golang:1.22 as build', 'run ["go","build","-o","/app","."]', 'from scratch', 'copy --from=build /app /app'), 'CGO_ENABLED=0', 'env CGO_ENABLED=0\nrun ["go"'],
    ['next to a shell-only CGO_ENABLED=0 &&', SCRATCH('RUN CGO_ENABLED=0 && go build -o /app .'), 'CGO_ENABLED=0', '&& CGO_ENABLED=0 go build'],
    ['go install', df('FROM golang:1.22 AS build', 'RUN go install example.com/cmd/server@latest', 'FROM scratch', 'COPY --from=build /go/bin/server /server'), 'CGO_ENABLED=0', 'RUN CGO_ENABLED=0 go install'],
  ])('fix clears it: %s', async (_d, source, title, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO101', title);
    expect(fixed).toContain(expectedText);
  });

  it('exec form followed by a race test: the ENV the fix adds is put back after the build', async () => {
    const source = df('FROM golang:1.22 AS build', 'RUN ["go","build","-o","/app","."]', 'RUN go test -race ./...', 'FROM scratch', 'COPY --from=build /app /app');
    const { fixed } = await expectFixClears(source, 'CGO101', 'CGO_ENABLED=0');
    expect(fixed).toBe(df('FROM golang:1.22 AS build', 'ENV CGO_ENABLED=0', 'RUN ["go","build","-o","/app","."]', 'ENV CGO_ENABLED=', 'RUN go test -race ./...', 'FROM scratch', 'COPY --from=build /app /app'));
  });

  it('the preferred fix leaves no error at all', async () => {
    const source = SCRATCH('RUN go build -o /app .');
    const [f] = only(await analyze(source), 'CGO101');
    const preferred = f.fixes.filter((x) => x.preferred);
    expect(preferred).toHaveLength(1);
    expect((await analyze(applyFix(source, preferred[0]))).filter((x) => x.severity === 'error')).toEqual([]);
  });
});
