import { describe, expect, it } from 'vitest';
import { analyzeWith, codes, findingsWith, GO, lines, memIndex, ROOT, toScratch } from './harness';
import { SQLITE_STUB_MESSAGE } from '../../../server/src/knowledge/cgoModules';

// The acceptance list of the issue "Workspace awareness: go.mod, cgo modules and the Go sources".

const SQLITE_MOD = GO.mod('example.com/app', 'github.com/mattn/go-sqlite3 v1.14.22');
const SQLITE_MAIN = GO.main(['"database/sql"', '', '_ "github.com/mattn/go-sqlite3"'], '\tdb, _ := sql.Open("sqlite3", "x.db")\n\t_ = db.Ping()');
const STUB_DOCKERFILE = toScratch('RUN CGO_ENABLED=0 go build -o /app .');

describe('acceptance: go-sqlite3 built with CGO_ENABLED=0', () => {
  it('CGO301 on the build line, quoting the stub message, related to the go.mod require and the import', async () => {
    const index = memIndex({ 'go.mod': SQLITE_MOD, 'main.go': SQLITE_MAIN });
    const found = codes(await findingsWith(index, STUB_DOCKERFILE), 'CGO301');
    expect(found).toHaveLength(1);
    const f = found[0];
    expect(f.severity).toBe('error');
    expect(f.loc.range).toEqual({ start: { line: 3, character: 18 }, end: { line: 3, character: 26 } }); // `go build`
    expect(f.message).toContain(SQLITE_STUB_MESSAGE);
    expect(f.message).toContain("Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub");
    expect(f.message).toContain('`modernc.org/sqlite`');
    const gomod = f.related.find((r) => r.loc.uri === `${ROOT}/go.mod`);
    expect(gomod?.loc.range.start.line).toBe(5); // `\tgithub.com/mattn/go-sqlite3 v1.14.22` inside the require block
    expect(gomod?.message).toContain('github.com/mattn/go-sqlite3');
    expect(f.related.some((r) => r.loc.uri === `${ROOT}/main.go` && r.loc.range.start.line === 5)).toBe(true);
  });

  it('deleting the import (an index update) clears it', async () => {
    const index = memIndex({ 'go.mod': SQLITE_MOD, 'main.go': SQLITE_MAIN });
    expect(codes(await findingsWith(index, STUB_DOCKERFILE), 'CGO301')).toHaveLength(1);
    index.update(`${ROOT}/main.go`, GO.main(['"fmt"'], '\tfmt.Println("no database")'));
    expect(codes(await findingsWith(index, STUB_DOCKERFILE), 'CGO301')).toEqual([]);
  });

  it('deleting the file that imports it clears it too', async () => {
    const index = memIndex({ 'go.mod': SQLITE_MOD, 'main.go': GO.main(['"fmt"']), 'db.go': lines('package main', '', 'import _ "github.com/mattn/go-sqlite3"') });
    expect(codes(await findingsWith(index, STUB_DOCKERFILE), 'CGO301')).toHaveLength(1);
    index.update(`${ROOT}/db.go`, undefined);
    expect(codes(await findingsWith(index, STUB_DOCKERFILE), 'CGO301')).toEqual([]);
  });

  it('the same Dockerfile without a workspace index: no CGO301 (nothing is guessed)', async () => {
    expect(codes(await findingsWith(undefined, STUB_DOCKERFILE), 'CGO301')).toEqual([]);
  });

  it('the go.mod require gets an information diagnostic once the Dockerfile build is known', async () => {
    const index = memIndex({ 'go.mod': SQLITE_MOD, 'main.go': SQLITE_MAIN });
    await findingsWith(index, STUB_DOCKERFILE);
    const r = await analyzeWith(index, SQLITE_MOD, `${ROOT}/go.mod`);
    const f = codes(r.findings, 'CGO301');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('information');
    expect(f[0].loc.range.start.line).toBe(5);
    expect(f[0].message).toContain('Dockerfile line 4');
    expect(f[0].related[0].loc.uri).toBe(`${ROOT}/Dockerfile`);
  });
});

describe('acceptance: TLS client in FROM scratch', () => {
  const MOD = GO.mod();

  it('http.Get("https://…") and no CA bundle: CGO401 on the runtime FROM', async () => {
    const index = memIndex({ 'go.mod': MOD, 'main.go': GO.main(['"net/http"'], '\tresp, _ := http.Get("https://api.example.com/v1")\n\t_ = resp') });
    const f = codes(await findingsWith(index, toScratch('RUN CGO_ENABLED=0 go build -o /app .')), 'CGO401');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].loc.range.start.line).toBe(5); // FROM scratch
    expect(f[0].message).toContain('x509: certificate signed by unknown authority');
    expect(f[0].related[0].loc.uri).toBe(`${ROOT}/main.go`);
  });

  it('a program that only listens on a TCP socket: no CGO401', async () => {
    const index = memIndex({ 'go.mod': MOD, 'main.go': GO.main(['"net"'], '\tln, _ := net.Listen("tcp", ":8080")\n\tfor {\n\t\tc, _ := ln.Accept()\n\t\tc.Close()\n\t}') });
    expect(codes(await findingsWith(index, toScratch('RUN CGO_ENABLED=0 go build -o /app .')), 'CGO401')).toEqual([]);
  });

  it('an HTTP server (ListenAndServe) only: no CGO401', async () => {
    const index = memIndex({ 'go.mod': MOD, 'main.go': GO.main(['"net/http"'], '\t_ = http.ListenAndServe(":8080", nil)') });
    expect(codes(await findingsWith(index, toScratch('RUN CGO_ENABLED=0 go build -o /app .')), 'CGO401')).toEqual([]);
  });
});
