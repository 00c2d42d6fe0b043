import { describe, expect, it } from 'vitest';
import { analyzeWith, codes, findingsWith, GO, lines, memIndex, toScratch } from './harness';

// With workspace facts the model knows the program: a provably cgo-free program is static even with cgo on, and a
// program that needs cgo makes CGO101/CGO102/CGO201 say so instead of suggesting CGO_ENABLED=0.
const PLAIN = 'RUN go build -o /app .'; // golang:1.22 ships gcc: cgo is on by default

describe('linkage from the program', () => {
  it('a program without net, os/user, plugin, cgo code or modules is static with cgo on: no CGO101', async () => {
    const index = memIndex({ 'go.mod': GO.mod(), 'main.go': GO.main(['"fmt"', '"strings"'], '\tfmt.Println(strings.ToUpper("x"))') });
    const r = await analyzeWith(index, toScratch(PLAIN));
    expect(r.plan?.invocations[0].linkage.kind).toBe('static');
    expect(r.plan?.invocations[0].linkage.why).toContain('links no cgo code');
    expect(codes(r.findings, 'CGO101')).toEqual([]);
  });

  it.each<[string, Record<string, string>]>([
    ['net/http', { 'go.mod': GO.mod(), 'main.go': GO.main(['"net/http"'], '\thttp.ListenAndServe(":80", nil)') }],
    ['os/user', { 'go.mod': GO.mod(), 'main.go': GO.main(['"os/user"']) }],
    ['an import the index cannot see into', { 'go.mod': GO.mod('example.com/app', 'github.com/foo/bar v1.0.0'), 'main.go': GO.main(['"github.com/foo/bar"']) }],
  ])('a program using %s keeps the dynamic assumption: CGO101', async (_d, files) => {
    expect(codes(await findingsWith(memIndex(files), toScratch(PLAIN)), 'CGO101')).toHaveLength(1);
  });

  it('unresolved program: the assumption stands (CGO101 as without an index)', async () => {
    const index = memIndex({ 'go.mod': GO.mod(), 'main.go': GO.main(['"fmt"']) });
    expect(codes(await findingsWith(index, toScratch('RUN go build -o /app ./missing')), 'CGO101')).toHaveLength(1);
  });

  it('netgo,osusergo with go-sqlite3 and cgo on: still dynamic (CGO101), and CGO_ENABLED=0 is not offered', async () => {
    const index = memIndex({ 'go.mod': GO.mod('example.com/app', 'github.com/mattn/go-sqlite3 v1.14.22'), 'main.go': GO.main(['_ "github.com/mattn/go-sqlite3"']) });
    const withoutIndex = await findingsWith(undefined, toScratch('RUN go build -tags netgo,osusergo -o /app .'));
    expect(codes(withoutIndex, 'CGO101')).toEqual([]);
    const f = codes(await findingsWith(index, toScratch('RUN go build -tags netgo,osusergo -o /app .')), 'CGO101');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('CGO_ENABLED=0 is no way out: the program imports go-sqlite3');
    expect(f[0].fixes.some((x) => x.title.includes('CGO_ENABLED=0'))).toBe(false);
    expect(f[0].related.some((r) => r.loc.uri.endsWith('/go.mod'))).toBe(true);
  });

  it('CGO101 on a glibc runtime fix is preferred when the program needs cgo', async () => {
    const index = memIndex({ 'go.mod': GO.mod('example.com/app', 'github.com/mattn/go-sqlite3 v1.14.22'), 'main.go': GO.main(['_ "github.com/mattn/go-sqlite3"']) });
    const text = lines('FROM golang:1.22-bookworm AS build', 'WORKDIR /src', 'COPY . .', PLAIN, 'FROM alpine:3.20', 'COPY --from=build /app /app');
    const f = codes(await findingsWith(index, text), 'CGO101');
    expect(f[0].fixes.map((x) => [x.title.split(' (')[0], x.preferred])).toEqual([['Run on gcr.io/distroless/base-debian12', true]]);
  });

  it('CGO102 (musl binary on glibc) without the CGO_ENABLED=0 fix when the program needs cgo', async () => {
    const index = memIndex({ 'go.mod': GO.mod('example.com/app', 'github.com/mattn/go-sqlite3 v1.14.22'), 'main.go': GO.main(['_ "github.com/mattn/go-sqlite3"']) });
    const text = lines('FROM golang:1.22-alpine AS build', 'RUN apk add --no-cache gcc musl-dev', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=1 go build -o /app .', 'FROM debian:bookworm-slim', 'COPY --from=build /app /app');
    const f = codes(await findingsWith(index, text), 'CGO102');
    expect(f).toHaveLength(1);
    expect(f[0].fixes).toEqual([]);
    expect(f[0].message).toContain('no way out');
  });

  it('CGO201: Go < 1.20 turns cgo on without gcc; a program that needs cgo then fails to build', async () => {
    const index = memIndex({ 'go.mod': GO.mod('example.com/app', 'github.com/mattn/go-sqlite3 v1.14.22'), 'main.go': GO.main(['_ "github.com/mattn/go-sqlite3"']) });
    const text = lines('FROM golang:1.19-alpine AS build', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /app .');
    const f = codes(await findingsWith(index, text), 'CGO201');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('cgo (on because');
    expect(f[0].message).toContain('Turning cgo off is no way out');
    // Without the module (or without an index) the implicit case stays silent, as before.
    expect(codes(await findingsWith(memIndex({ 'go.mod': GO.mod(), 'main.go': GO.main(['"fmt"']) }), text), 'CGO201')).toEqual([]);
    expect(codes(await findingsWith(undefined, text), 'CGO201')).toEqual([]);
  });

  it('CGO201 with CGO_ENABLED=1: no "CGO_ENABLED=0 instead" fix when the program needs cgo', async () => {
    const index = memIndex({ 'go.mod': GO.mod(), 'main.go': lines('package main', 'import "C"', 'func main() {}') });
    const f = codes(await findingsWith(index, lines('FROM golang:1.22-alpine AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=1 go build -o /app .')), 'CGO201');
    expect(f.map((x) => x.fixes.map((y) => y.title))).toEqual([['Install a C toolchain: apk add --no-cache gcc musl-dev']]);
  });
});
