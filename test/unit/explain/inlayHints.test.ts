import { afterAll, describe, expect, it } from 'vitest';
import { inlayHints } from '../../../server/src/explain/inlayHints';
import type { Range } from '../../../server/src/model/types';
import { analyze, dockerfile, engineErrors } from './helpers';

afterAll(() => expect(engineErrors).toEqual([]));

const ALL: Range = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

async function hints(text: string, range: Range = ALL) {
  const r = await analyze(text);
  return inlayHints(r.plan!, range).map((h) => ({ at: `${h.position.line}:${h.position.character}`, label: h.label, pad: h.paddingLeft }));
}

describe('inlay hints', () => {
  it('acceptance: glibc builder, cgo on by default, scratch runtime', async () => {
    const text = dockerfile(
      'FROM golang:1.22 AS build',
      'WORKDIR /src',
      'RUN go build -o /out/app .',
      'FROM scratch',
      'COPY --from=build /out/app /app',
    );
    expect(await hints(text)).toEqual([
      { at: '0:25', label: 'glibc 2.36', pad: true },
      { at: '2:26', label: 'CGO_ENABLED=1 · dynamic glibc ≥ 2.34', pad: true },
      { at: '3:12', label: 'no libc', pad: true },
    ]);
  });

  it('tooltips carry the deciding reason and the run-time need', async () => {
    const r = await analyze(dockerfile('FROM golang:1.22', 'RUN go build -o /out/app .'));
    const go = inlayHints(r.plan!, ALL)[1];
    expect(go.tooltip).toBe(
      'CGO_ENABLED is unset and a C compiler is on PATH (shipped with golang:1.22): Go ≥ 1.20 turns cgo on for native builds (line 1).\n' +
        "Needs at run time: glibc ≥ 2.34 (it references GLIBC_2.34 symbols such as pthread_create); C code of its own or of cgo modules can need up to the builder's glibc 2.36.",
    );
    expect(inlayHints(r.plan!, ALL)[0].tooltip).toBe('golang 1.22 (Debian bookworm)');
  });

  it('static, dynamic musl, PIE and unknown builds', async () => {
    const text = dockerfile(
      'FROM golang:1.22-alpine AS a', //                                     0
      'RUN CGO_ENABLED=0 go build -o /out/a ./a', //                       1
      'RUN apk add --no-cache gcc musl-dev', //                             2
      'RUN go build -o /out/b ./b', //                                      3
      'RUN CGO_ENABLED=0 go build -buildmode=pie -o /out/c ./c', //         4
      'FROM registry.example.com/builder:1', //                             5
      'RUN go build -o /out/d ./d', //                                      6
    );
    expect(await hints(text)).toEqual([
      { at: '0:28', label: 'musl', pad: true },
      { at: '1:40', label: 'CGO_ENABLED=0 · static', pad: true },
      { at: '3:26', label: 'CGO_ENABLED=1 · dynamic musl', pad: true },
      { at: '4:55', label: 'CGO_ENABLED=0 · dynamic (PIE)', pad: true },
      { at: '5:35', label: 'libc unknown', pad: true },
      { at: '6:26', label: 'CGO_ENABLED=? · unknown', pad: true },
    ]);
  });

  it('FROM labels: glibc and musl versions, no libc, and the root image for FROM <stage>', async () => {
    const text = dockerfile(
      'FROM alpine:3.18 AS a',
      'FROM alpine:3.20 AS b',
      'FROM debian:bookworm-slim AS c',
      'FROM gcr.io/distroless/static-debian12 AS d',
      'FROM c AS e',
    );
    expect((await hints(text)).map((h) => h.label)).toEqual(['musl 1.2.4', 'musl 1.2', 'glibc 2.36', 'no libc', 'glibc 2.36']);
  });

  it('the hint goes after the whole command: continuation lines, before `&&`, not at GOFLAGS', async () => {
    const text = dockerfile(
      'FROM golang:1.22',
      'ENV GOFLAGS=-trimpath',
      'RUN CGO_ENABLED=0 go build \\',
      '      -ldflags "-s -w" \\',
      '      -o /out/app ./cmd/app && echo done',
    );
    const h = await hints(text);
    expect(h[1]).toEqual({ at: '4:27', label: 'CGO_ENABLED=0 · static', pad: true });
  });

  it('only hints inside the requested range', async () => {
    const text = dockerfile('FROM golang:1.22 AS build', 'RUN go build -o /out/app .', 'FROM scratch');
    expect(await hints(text, { start: { line: 1, character: 0 }, end: { line: 1, character: 100 } })).toEqual([
      { at: '1:26', label: 'CGO_ENABLED=1 · dynamic glibc ≥ 2.34', pad: true },
    ]);
    // The position itself must lie inside: a range ending before the end of the command gets nothing.
    expect(await hints(text, { start: { line: 1, character: 0 }, end: { line: 1, character: 10 } })).toEqual([]);
  });
});
