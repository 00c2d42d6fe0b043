import { describe, expect, it } from 'vitest';
import { analyzeWith, applyAndReanalyse, codes, findingsWith, GO, lines, memIndex, ROOT, toScratch } from '../workspace/harness';

// CGO301 cgo-module-runtime-stub (cgo-facts A13): a module that compiles to a stub without cgo, built with cgo off.
const SQLITE = {
  'go.mod': GO.mod('example.com/app', 'github.com/mattn/go-sqlite3 v1.14.22'),
  'main.go': GO.main(['"database/sql"', '_ "github.com/mattn/go-sqlite3"'], '\tsql.Open("sqlite3", "x")'),
};
const STUB = "Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub";

describe('CGO301 cgo-module-runtime-stub', () => {
  it.each<[string, string, string[]]>([
    ['CGO_ENABLED=0 prefix', toScratch('RUN CGO_ENABLED=0 go build -o /app .'), ['CGO_ENABLED=0 set by']],
    ['ENV CGO_ENABLED=0', lines('FROM golang:1.22 AS build', 'ENV CGO_ENABLED=0', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /app .'), ['ENV on line 2']],
    ['golang:*-alpine without gcc (Go ≥ 1.20 turns cgo off)', lines('FROM golang:1.22-alpine AS build', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /app .'), ['C compiler']],
    ['a cross build (cgo off by default)', lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', 'RUN GOARCH=arm64 go build -o /app .'), ['cross build']],
    ['go run', lines('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go run .'), []],
  ])('fires: %s', async (_d, text, has) => {
    const f = codes(await findingsWith(memIndex(SQLITE), text), 'CGO301');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain(STUB);
    for (const h of has) expect(f[0].message).toContain(h);
  });

  it('through gorm.io/driver/sqlite', async () => {
    const index = memIndex({ 'go.mod': GO.mod('example.com/app', 'gorm.io/driver/sqlite v1.5.6', 'github.com/mattn/go-sqlite3 v1.14.22 // indirect'), 'main.go': GO.main(['"gorm.io/driver/sqlite"']) });
    const f = codes(await findingsWith(index, toScratch('RUN CGO_ENABLED=0 go build -o /app .')), 'CGO301');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('through `github.com/mattn/go-sqlite3`');
    expect(f[0].message).toContain('`github.com/glebarez/sqlite`');
    expect(f[0].related[0].loc.uri).toBe(`${ROOT}/go.mod`);
  });

  it.each<[string, Record<string, string>, string]>([
    ['cgo on', SQLITE, lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=1 go build -o /app .')],
    ['required in go.mod but not imported', { ...SQLITE, 'main.go': GO.main(['"fmt"']) }, toScratch('RUN CGO_ENABLED=0 go build -o /app .')],
    ['imported only by a //go:build cgo file', { ...SQLITE, 'main.go': GO.main(['"fmt"']), 'db.go': lines('//go:build cgo', 'package main', 'import _ "github.com/mattn/go-sqlite3"') }, toScratch('RUN CGO_ENABLED=0 go build -o /app .')],
    ['the pure-Go driver', { 'go.mod': GO.mod('example.com/app', 'modernc.org/sqlite v1.29.0'), 'main.go': GO.main(['_ "modernc.org/sqlite"']) }, toScratch('RUN CGO_ENABLED=0 go build -o /app .')],
    ['package only known at build time (ARG without default)', SQLITE, lines('FROM golang:1.22 AS build', 'ARG PKG', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /app $PKG')],
    ['another package of the module', { ...SQLITE, 'cmd/tool/main.go': GO.main(['"fmt"']) }, toScratch('RUN CGO_ENABLED=0 go build -o /app ./cmd/tool')],
  ])('does not fire: %s', async (_d, files, text) => {
    expect(codes(await findingsWith(memIndex(files), text), 'CGO301')).toEqual([]);
  });

  it('no quick fix that would break the scratch image; related information points at go.mod and the import', async () => {
    const f = codes(await findingsWith(memIndex(SQLITE), toScratch('RUN CGO_ENABLED=0 go build -o /app .')), 'CGO301')[0];
    expect(f.fixes).toEqual([]);
    expect(f.related.map((r) => r.loc.uri)).toEqual([`${ROOT}/go.mod`, `${ROOT}/main.go`]);
  });

  it('CGO_ENABLED=1 is offered when the runtime image has the builder\'s glibc, and clears the finding', async () => {
    const text = lines('FROM golang:1.22-bookworm AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /app .', 'FROM debian:bookworm-slim', 'COPY --from=build /app /app');
    const { fixed, before, after } = await applyAndReanalyse(memIndex(SQLITE), text, 'CGO301', 'Build with CGO_ENABLED=1');
    expect(fixed).toContain('RUN CGO_ENABLED=1 go build -o /app .');
    expect(codes(after, 'CGO301')).toEqual([]);
    const known = new Set(before.filter((f) => f.severity === 'error').map((f) => f.code));
    expect(after.filter((f) => f.severity === 'error' && !known.has(f.code))).toEqual([]);
    const fix = codes(before, 'CGO301')[0].fixes[0];
    expect([fix.preferred, fix.safe]).toEqual([false, false]);
  });

  it('on go.mod: information on the require, only for builds with cgo off', async () => {
    const index = memIndex(SQLITE);
    await findingsWith(index, toScratch('RUN CGO_ENABLED=0 go build -o /app .'));
    await analyzeWith(index, lines('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=1 go build -o /app .'), `${ROOT}/cgo.Dockerfile`);
    const f = codes((await analyzeWith(index, SQLITE['go.mod'], `${ROOT}/go.mod`)).findings, 'CGO301');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('information');
    expect(f[0].related.map((r) => r.loc.uri)).toEqual([`${ROOT}/Dockerfile`]);
  });

  it('on go.mod: nothing when no build turns cgo off', async () => {
    const index = memIndex(SQLITE);
    await analyzeWith(index, lines('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=1 go build -o /app .'));
    expect(codes((await analyzeWith(index, SQLITE['go.mod'], `${ROOT}/go.mod`)).findings, 'CGO301')).toEqual([]);
  });
});
