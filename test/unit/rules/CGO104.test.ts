import { describe, expect, it } from 'vitest';
import { df, expectFires, expectFixClears, expectFixes, expectSilent, range, type Expected } from './harness';

// CGO104 pie-needs-loader: -buildmode=pie is dynamic even with cgo off on linux/amd64 (cgo-facts A19, §0.3).
const PIE = (build: string, runtime = 'scratch') => df('FROM golang:1.22 AS build', build, `FROM ${runtime}`, 'COPY --from=build /app /app');
const FLAG: Expected = { at: range(1, 27, 1, 41), severity: 'error', text: '-buildmode=pie' };

describe('CGO104 pie-needs-loader', () => {
  it('-buildmode=pie with CGO_ENABLED=0 into scratch: the exact finding', async () => {
    await expectFires(PIE('RUN CGO_ENABLED=0 go build -buildmode=pie -o /app .'), 'CGO104', {
      ...FLAG,
      message:
        '-buildmode=pie makes `/app` a dynamically linked PIE with the interpreter /lib64/ld-linux-x86-64.so.2 even with cgo off, and `scratch` has no such loader: the container fails to start with `exec /app: no such file or directory`.',
    });
  });

  it.each<[string, string, Expected]>([
    ['distroless/static', PIE('RUN CGO_ENABLED=0 go build -buildmode=pie -o /app .', 'gcr.io/distroless/static-debian12'), { ...FLAG, has: ['`gcr.io/distroless/static-debian12` has no such loader'] }],
    ['alpine (musl loader only)', PIE('RUN CGO_ENABLED=0 go build -buildmode=pie -o /app .', 'alpine:3.20'), { ...FLAG, has: ['`alpine:3.20` has no such loader'] }],
    ['-buildmode pie (separate value)', PIE('RUN CGO_ENABLED=0 go build -buildmode pie -o /app .'), { ...FLAG, text: '-buildmode pie' }],
    ['ENV CGO_ENABLED=0 in the stage', df('FROM golang:1.22 AS build', 'ENV CGO_ENABLED=0', 'RUN go build -buildmode=pie -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), { at: range(2, 13, 2, 27), severity: 'error' }],
    ['golang:1.22-alpine without gcc (cgo off by default)', df('FROM golang:1.22-alpine AS build', 'RUN go build -buildmode=pie -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), { at: range(1, 13, 1, 27), severity: 'error' }],
    ['GOFLAGS=-buildmode=pie from ENV (anchor: the GOFLAGS value)', df('FROM golang:1.22 AS build', 'ENV GOFLAGS=-buildmode=pie', 'RUN CGO_ENABLED=0 go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app'), { at: range(1, 12, 1, 26), severity: 'error', text: '-buildmode=pie' }],
    ['explicit GOARCH=amd64', PIE('RUN CGO_ENABLED=0 GOARCH=amd64 go build -buildmode=pie -o /app .'), { at: range(1, 40, 1, 54), severity: 'error' }],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO104', expected);
  });

  it.each<[string, string]>([
    ['no -buildmode=pie', PIE('RUN CGO_ENABLED=0 go build -o /app .')],
    ['glibc runtime has the loader', PIE('RUN CGO_ENABLED=0 go build -buildmode=pie -o /app .', 'debian:bookworm-slim')],
    ['distroless/base has the loader', PIE('RUN CGO_ENABLED=0 go build -buildmode=pie -o /app .', 'gcr.io/distroless/base-debian12')],
    ['GOARCH=arm64 (the amd64 fact does not transfer)', PIE('RUN CGO_ENABLED=0 GOARCH=arm64 go build -buildmode=pie -o /app .')],
    ['cgo on: CGO101 reports the dynamic binary', PIE('RUN CGO_ENABLED=1 go build -buildmode=pie -o /app .')],
    ['unknown runtime image', PIE('RUN CGO_ENABLED=0 go build -buildmode=pie -o /app .', 'registry.corp/runtime:1')],
    ['not delivered anywhere (single stage)', df('FROM golang:1.22', 'RUN CGO_ENABLED=0 go build -buildmode=pie -o /app .')],
    ['musl runtime with libc6-compat (CGO105 warns instead)', df('FROM golang:1.22 AS build', 'RUN CGO_ENABLED=0 go build -buildmode=pie -o /app .', 'FROM alpine:3.20', 'RUN apk add --no-cache libc6-compat', 'COPY --from=build /app /app')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO104');
  });

  it('offers removing the flag (preferred)', async () => {
    await expectFixes(PIE('RUN CGO_ENABLED=0 go build -buildmode=pie -o /app .'), 'CGO104', [['Remove -buildmode=pie', true]]);
  });

  it('offers no edit when the flag comes from GOFLAGS (other builds share it)', async () => {
    const source = df('FROM golang:1.22 AS build', 'ENV GOFLAGS=-buildmode=pie', 'RUN CGO_ENABLED=0 go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app');
    const [f] = await expectFires(source, 'CGO104', { at: range(1, 12, 1, 26), severity: 'error' });
    expect(f.fixes).toEqual([]);
  });

  it.each<[string, string, string]>([
    ['-buildmode=pie', PIE('RUN CGO_ENABLED=0 go build -buildmode=pie -o /app .'), 'RUN CGO_ENABLED=0 go build -o /app .\n'],
    ['-buildmode pie', PIE('RUN CGO_ENABLED=0 go build -buildmode pie -o /app .'), 'RUN CGO_ENABLED=0 go build -o /app .\n'],
    ['flag at the end of the line', PIE('RUN CGO_ENABLED=0 go build -o /app -buildmode=pie'), 'RUN CGO_ENABLED=0 go build -o /app\n'],
  ])('fix clears it: %s', async (_d, source, expectedText) => {
    const { fixed } = await expectFixClears(source, 'CGO104', 'Remove -buildmode=pie');
    expect(fixed).toContain(expectedText);
  });
});
