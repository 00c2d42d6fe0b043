import { describe, expect, it } from 'vitest';
import { resolveProgram, type ProgramRequest } from '../../../server/src/workspace/index/programs';
import { programLinksCgo } from '../../../server/src/model/program';
import { GO, lines, memIndex, ROOT } from './harness';

const req = (cwd: string, packages: (string | undefined)[] = [], over: Partial<ProgramRequest> = {}): ProgramRequest => ({
  cwd, packages, subcommand: 'build', cgo: 'off', goos: 'linux', goarch: 'amd64', tags: [], ...over,
});

const APP = {
  'go.mod': GO.mod('example.com/app', 'github.com/mattn/go-sqlite3 v1.14.22'),
  'main.go': GO.main(['"fmt"', '"example.com/app/internal/store"'], '\tfmt.Println(store.X)'),
  'internal/store/store.go': lines('package store', '', 'import (', '\t"database/sql"', '\t_ "github.com/mattn/go-sqlite3"', ')', 'var X = sql.ErrNoRows'),
  'cmd/api/main.go': GO.main(['"net/http"'], '\thttp.ListenAndServe(":80", nil)'),
  'cmd/fetch/main.go': GO.main(['"net/http"', '"time"'], '\thttp.Get("https://x")\n\ttime.LoadLocation("Europe/Berlin")'),
  'cmd/who/main.go': GO.main(['"os/user"'], '\tuser.Current()'),
  'cmd/pure/main.go': GO.main(['"fmt"', '"strings"'], '\tfmt.Println(strings.ToUpper("x"))'),
  'cmd/cgo/main.go': lines('package main', '', '// int add(int a, int b) { return a + b; }', 'import "C"', '', 'func main() { C.add(1, 2) }'),
  'main_test.go': lines('package main', '', 'import "testing"', 'func TestX(t *testing.T) {}'),
  'testdata/x.go': 'package x\n',
};

describe('program resolution: which packages a go command compiles', () => {
  const index = memIndex(APP);

  it('no package = the working directory; workspace imports are followed transitively to the cgo module', () => {
    const p = resolveProgram(index, req(ROOT));
    expect(p.known).toBe(true);
    expect(p.packageDirs).toEqual([ROOT, `${ROOT}/internal/store`]);
    expect(p.cgoModules.map((m) => [m.module, m.importPath, m.version, m.requireLoc?.range.start.line, m.importLoc.uri])).toEqual([
      ['github.com/mattn/go-sqlite3', 'github.com/mattn/go-sqlite3', 'v1.14.22', 5, `${ROOT}/internal/store/store.go`],
    ]);
    expect(p.why).toContain('module example.com/app');
  });

  it('`.` is the same as no package', () => {
    expect(resolveProgram(index, req(ROOT, ['.'])).packageDirs).toEqual([ROOT, `${ROOT}/internal/store`]);
  });

  it('./cmd/x relative to the working directory', () => {
    const p = resolveProgram(index, req(ROOT, ['./cmd/api']));
    expect(p.packageDirs).toEqual([`${ROOT}/cmd/api`]);
    expect(p.usesNet).toBe(true);
    expect(p.usesTLS).toBe(false);
    expect(p.cgoModules).toEqual([]);
  });

  it('a relative path from a subdirectory working directory', () => {
    expect(resolveProgram(index, req(`${ROOT}/cmd/api`, ['../fetch'])).packageDirs).toEqual([`${ROOT}/cmd/fetch`]);
  });

  it('./... compiles every package of the module (testdata excluded)', () => {
    const p = resolveProgram(index, req(ROOT, ['./...']));
    expect(p.packageDirs.sort()).toEqual([ROOT, `${ROOT}/cmd/api`, `${ROOT}/cmd/cgo`, `${ROOT}/cmd/fetch`, `${ROOT}/cmd/pure`, `${ROOT}/cmd/who`, `${ROOT}/internal/store`].sort());
  });

  it('./cmd/... and an import path with ...', () => {
    expect(resolveProgram(index, req(ROOT, ['./cmd/...'])).packageDirs).toHaveLength(5);
    expect(resolveProgram(index, req(ROOT, ['example.com/app/cmd/...'])).packageDirs).toHaveLength(5);
  });

  it('a full import path of the module', () => {
    expect(resolveProgram(index, req(`${ROOT}/cmd/api`, ['example.com/app/cmd/fetch'])).packageDirs).toEqual([`${ROOT}/cmd/fetch`]);
  });

  it('a list of .go files', () => {
    const p = resolveProgram(index, req(ROOT, ['main.go']));
    expect(p.packageDirs).toEqual([ROOT, `${ROOT}/internal/store`]);
  });

  it('tests are compiled only by go test', () => {
    const build = resolveProgram(index, req(ROOT));
    const test = resolveProgram(index, req(ROOT, [], { subcommand: 'test' }));
    expect(build.opaqueImports).toEqual([]);
    expect(test.known).toBe(true);
  });

  it('facts for the runtime image: TLS client, time zones, os/user', () => {
    const fetch = resolveProgram(index, req(ROOT, ['./cmd/fetch']));
    expect(fetch).toMatchObject({ usesTLS: true, loadsTimezones: true, importsTzdata: false });
    expect(fetch.evidence.tls?.what).toBe('http.Get');
    const who = resolveProgram(index, req(ROOT, ['./cmd/who']));
    expect(who.usesOsUser).toBe(true);
    expect(who.evidence.osUserCall?.what).toBe('user.Current');
  });

  it('own cgo code: found when cgo is on, and marked as the only files of its package', () => {
    const on = resolveProgram(index, req(ROOT, ['./cmd/cgo'], { cgo: 'on' }));
    expect(on.ownCgo).toHaveLength(1);
    expect(on.ownCgo[0]).toMatchObject({ onlyCgo: true, fallback: false, importPath: 'example.com/app/cmd/cgo' });
    const off = resolveProgram(index, req(ROOT, ['./cmd/cgo'], { cgo: 'off' }));
    expect(off.ownCgo).toHaveLength(1);
  });

  it('provably cgo-free programs', () => {
    expect(programLinksCgo(resolveProgram(index, req(ROOT, ['./cmd/pure'])))).toBe('no');
    expect(programLinksCgo(resolveProgram(index, req(ROOT, ['./cmd/api'])))).toBe('yes');
    expect(programLinksCgo(resolveProgram(index, req(ROOT, ['./cmd/api'])), true)).toBe('no');
    expect(programLinksCgo(resolveProgram(index, req(ROOT)))).toBe('yes');
  });

  it.each<[string, ProgramRequest]>([
    ['an unresolved package word', req(ROOT, [undefined])],
    ['a module version (go install x@latest)', req(ROOT, ['github.com/x/y@latest'])],
    ['a directory without Go files', req(ROOT, ['./docs'])],
    ['a package outside the workspace', req(ROOT, ['github.com/other/tool'])],
    ['no go.mod above the working directory', req('file:///elsewhere')],
    ['the working directory is not known', req(undefined as unknown as string)],
  ])('unknown: %s (the common case is assumed)', (_d, r) => {
    const p = resolveProgram(index, r);
    expect(p.known).toBe(false);
    expect(p.usesNet).toBe(true);
    expect(p.why).not.toBe('');
  });
});

describe('program resolution: build constraints and modules', () => {
  it('a //go:build !cgo fallback file is a deliberate fallback; cgo files are skipped with cgo off', () => {
    const index = memIndex({
      'go.mod': GO.mod(),
      'add_cgo.go': lines('//go:build cgo', '', 'package main', '', 'import "C"', 'import _ "github.com/mattn/go-sqlite3"'),
      'add_nocgo.go': lines('//go:build !cgo', '', 'package main', 'func add(a, b int) int { return a + b }'),
      'main.go': GO.main(['"fmt"']),
    });
    const p = resolveProgram(index, req(ROOT));
    expect(p.ownCgo).toEqual([expect.objectContaining({ onlyCgo: false, fallback: true })]);
    // The import in the cgo file does not count with cgo off.
    expect(p.cgoModules).toEqual([]);
    expect(resolveProgram(index, req(ROOT, [], { cgo: 'on' })).cgoModules).toHaveLength(1);
  });

  it('files for other systems are left out', () => {
    const index = memIndex({ 'go.mod': GO.mod(), 'main.go': GO.main(['"fmt"']), 'db_windows.go': lines('package main', 'import _ "github.com/mattn/go-sqlite3"') });
    expect(resolveProgram(index, req(ROOT)).cgoModules).toEqual([]);
    expect(resolveProgram(index, req(ROOT, [], { goos: 'windows' })).cgoModules).toHaveLength(1);
  });

  it('-tags enable tagged files', () => {
    const index = memIndex({ 'go.mod': GO.mod(), 'main.go': GO.main(['"fmt"']), 'sqlite.go': lines('//go:build sqlite', 'package main', 'import _ "github.com/mattn/go-sqlite3"') });
    expect(resolveProgram(index, req(ROOT)).cgoModules).toEqual([]);
    expect(resolveProgram(index, req(ROOT, [], { tags: ['sqlite'] })).cgoModules).toHaveLength(1);
  });

  it('go.work: imports of another used module are workspace code', () => {
    const index = memIndex({
      'go.work': lines('go 1.22', 'use (', '\t./api', '\t./lib', ')'),
      'api/go.mod': GO.mod('example.com/api'),
      'api/main.go': GO.main(['"example.com/lib/db"']),
      'lib/go.mod': GO.mod('example.com/lib', 'github.com/confluentinc/confluent-kafka-go/v2 v2.3.0'),
      'lib/db/db.go': lines('package db', 'import "github.com/confluentinc/confluent-kafka-go/v2/kafka"', 'var _ = kafka.NewProducer'),
    });
    const p = resolveProgram(index, req(`${ROOT}/api`));
    expect(p.packageDirs).toEqual([`${ROOT}/api`, `${ROOT}/lib/db`]);
    expect(p.cgoModules.map((m) => [m.module, m.requireLoc?.uri])).toEqual([['github.com/confluentinc/confluent-kafka-go/v2', `${ROOT}/lib/go.mod`]]);
  });

  it('without go.work, a sibling module is outside code unless a local replace points at it', () => {
    const files = {
      'api/go.mod': GO.mod('example.com/api'),
      'api/main.go': GO.main(['"example.com/lib/db"']),
      'lib/go.mod': GO.mod('example.com/lib'),
      'lib/db/db.go': lines('package db', 'import _ "github.com/mattn/go-sqlite3"'),
    };
    const plain = resolveProgram(memIndex(files), req(`${ROOT}/api`));
    expect(plain.packageDirs).toEqual([`${ROOT}/api`]);
    expect(plain.opaqueImports).toEqual(['example.com/lib/db']);
    const replaced = resolveProgram(memIndex({ ...files, 'api/go.mod': GO.mod('example.com/api') + 'replace example.com/lib => ../lib\n' }), req(`${ROOT}/api`));
    expect(replaced.packageDirs).toEqual([`${ROOT}/api`, `${ROOT}/lib/db`]);
    expect(replaced.cgoModules).toHaveLength(1);
  });

  it('a nested module is not part of the outer module\'s ./...', () => {
    const index = memIndex({ 'go.mod': GO.mod(), 'main.go': GO.main(['"fmt"']), 'tools/go.mod': GO.mod('example.com/tools'), 'tools/main.go': lines('package main', 'import _ "github.com/mattn/go-sqlite3"') });
    const p = resolveProgram(index, req(ROOT, ['./...']));
    expect(p.packageDirs).toEqual([ROOT]);
  });

  it('a package-specific catalogue entry: only gopacket/pcap needs cgo', () => {
    const index = memIndex({ 'go.mod': GO.mod('example.com/app', 'github.com/google/gopacket v1.1.19'), 'main.go': GO.main(['"github.com/google/gopacket/layers"']) });
    const p = resolveProgram(index, req(ROOT));
    expect(p.cgoModules).toEqual([]);
    expect(p.opaqueImports).toEqual(['github.com/google/gopacket/layers']);
    index.update(`${ROOT}/pcap.go`, lines('package main', 'import "github.com/google/gopacket/pcap"'));
    expect(resolveProgram(index, req(ROOT)).cgoModules.map((m) => m.importPath)).toEqual(['github.com/google/gopacket/pcap']);
  });

  it('version-bounded entries: old sarama only', () => {
    const old = memIndex({ 'go.mod': GO.mod('example.com/app', 'github.com/Shopify/sarama v1.22.1'), 'main.go': GO.main(['"github.com/Shopify/sarama"']) });
    expect(resolveProgram(old, req(ROOT)).cgoModules.map((m) => m.entry.name)).toEqual(['sarama']);
    const recent = memIndex({ 'go.mod': GO.mod('example.com/app', 'github.com/Shopify/sarama v1.38.1'), 'main.go': GO.main(['"github.com/Shopify/sarama"']) });
    expect(resolveProgram(recent, req(ROOT)).cgoModules).toEqual([]);
  });
});
