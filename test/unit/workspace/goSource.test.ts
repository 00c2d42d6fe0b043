import { describe, expect, it } from 'vitest';
import { scanGoSource } from '../../../server/src/workspace/index/goSource';
import { lines } from './harness';

describe('Go source scan: package, imports, import "C"', () => {
  it('single and grouped imports, aliases, blank and dot imports, with ranges of the path literal', () => {
    const f = scanGoSource(lines('package main', '', 'import "fmt"', 'import (', '\tnh "net/http"', '\t_ "github.com/mattn/go-sqlite3"', '\t. "strings"', ')'));
    expect(f.packageName).toBe('main');
    expect(f.imports.map((i) => [i.path, i.name ?? ''])).toEqual([['fmt', ''], ['net/http', 'nh'], ['github.com/mattn/go-sqlite3', '_'], ['strings', '.']]);
    expect(f.imports[2].range).toEqual({ start: { line: 5, character: 3 }, end: { line: 5, character: 32 } });
  });

  it('raw-string imports and imports on one line with semicolons', () => {
    const f = scanGoSource('package x; import (`os`; "io")\n');
    expect(f.imports.map((i) => i.path)).toEqual(['os', 'io']);
  });

  it('import "C" with its preamble comment', () => {
    const f = scanGoSource(lines('package main', '', '/*', '#include <stdio.h>', 'static int add(int a, int b) { return a + b; }', '*/', 'import "C"', '', 'func main() { C.add(1, 2) }'));
    expect(f.importsC).toEqual({ start: { line: 6, character: 7 }, end: { line: 6, character: 10 } });
  });

  it.each([
    ['in a line comment', 'package main\n// import "C"\nfunc main() {}\n'],
    ['in a block comment', 'package main\n/* import "C" */\nfunc main() {}\n'],
    ['in a string', 'package main\nvar s = `import "C"`\n'],
    ['after the declarations (not an import)', 'package main\nfunc f() {}\nvar x = "C"\n'],
  ])('import "C" %s does not count', (_d, src) => {
    expect(scanGoSource(src).importsC).toBeUndefined();
  });

  it('no package clause: nothing (a broken file is not a package)', () => {
    expect(scanGoSource('// just a comment\n').packageName).toBeUndefined();
  });

  it('CRLF line endings and a BOM', () => {
    const f = scanGoSource('\uFEFFpackage main\r\n\r\nimport "C"\r\n');
    expect(f.importsC?.start).toEqual({ line: 2, character: 7 });
  });
});

describe('Go source scan: build constraints', () => {
  it('//go:build before the package clause', () => {
    expect(scanGoSource('//go:build linux && cgo\n\npackage x\n').goBuild).toBe('linux && cgo');
  });
  it('legacy // +build lines', () => {
    expect(scanGoSource('// +build linux,cgo\n// +build amd64\n\npackage x\n').plusBuild).toEqual(['linux,cgo', 'amd64']);
  });
  it('a //go:build after the package clause is just a comment', () => {
    expect(scanGoSource('package x\n//go:build ignore\n').goBuild).toBeUndefined();
  });
});

describe('Go source scan: calls that matter in a container', () => {
  it('time.LoadLocation with a zone name; not for "UTC" / "Local" / ""', () => {
    const f = scanGoSource(lines('package main', 'import "time"', 'func main() {', '\ttime.LoadLocation("UTC")', '\ttime.LoadLocation("Local")', '\ttime.LoadLocation(zone)', '}'));
    expect(f.uses.map((u) => [u.kind, u.range.start.line])).toEqual([['timezone', 5]]);
  });

  it('HTTP client calls: https and variable URLs count as TLS, literal http:// URLs are marked plain', () => {
    const f = scanGoSource(lines('package main', 'import "net/http"', 'func main() {', '\thttp.Get("https://x")', '\thttp.Get("http://localhost:8080/health")', '\thttp.NewRequest("GET", "http://x", nil)', '\thttp.Post(url, "", nil)', '\t_ = &http.Client{}', '\thttp.ListenAndServe(":80", nil)', '}'));
    expect(f.uses.map((u) => [u.name, u.plainHttp ?? false])).toEqual([
      ['http.Get', false],
      ['http.Get', true],
      ['http.NewRequest', true],
      ['http.Post', false],
      ['http.Client', false],
    ]);
  });

  it('aliased imports are followed; selectors on other identifiers are not', () => {
    const f = scanGoSource(lines('package main', 'import (', '\tu "os/user"', '\t"crypto/tls"', ')', 'func main() {', '\tu.Current()', '\tuser.Current()', '\tcfg.tls.Dial()', '\ttls.Dial("tcp", "x:443", nil)', '}'));
    expect(f.uses.map((u) => u.name)).toEqual(['user.Current', 'tls.Dial']);
  });

  it('calls inside strings and comments are ignored', () => {
    const f = scanGoSource(lines('package main', 'import "time"', '// time.LoadLocation("Europe/Berlin")', 'var s = "time.LoadLocation(\\"Europe/Berlin\\")"'));
    expect(f.uses).toEqual([]);
  });

  it('a package without the import: nothing (plugin.Open needs "plugin")', () => {
    expect(scanGoSource('package main\nfunc main() { plugin.Open("x") }\n').uses).toEqual([]);
    expect(scanGoSource('package main\nimport "plugin"\nfunc main() { plugin.Open("x") }\n').uses.map((u) => u.kind)).toEqual(['plugin']);
  });

  it('unterminated strings and comments never throw', () => {
    for (const src of ['package main\nimport "fmt', 'package main\n/* never closed', 'package main\nvar r = \'\\', 'package main\nimport (\n"a"\n']) {
      expect(() => scanGoSource(src)).not.toThrow();
    }
  });
});

describe('build constraint comments without super-linear regular expressions', () => {
  it('arguments after at least one blank, trimmed; anything else is not the directive', () => {
    expect(scanGoSource('//go:build\tlinux  \r\npackage x\n').goBuild).toBe('linux');
    expect(scanGoSource('//go:buildlinux\npackage x\n').goBuild).toBeUndefined();
    expect(scanGoSource('//  \t+build a b \npackage x\n').plusBuild).toEqual(['a b']);
    expect(scanGoSource('//+buildx\npackage x\n').plusBuild).toEqual([]);
  });

  it('a long run of blanks before the last word costs linear time (was ~0.6 s for 20,000, ~16 s for 100 KB)', () => {
    const blanks = ' '.repeat(100_000);
    const c0 = process.cpuUsage();
    const f = scanGoSource(`//go:build a${blanks}x\n// +build b${blanks}y\npackage x\n`);
    const c = process.cpuUsage(c0);
    expect(f.goBuild).toBe(`a${blanks}x`);
    expect(f.plusBuild).toEqual([`b${blanks}y`]);
    expect((c.user + c.system) / 1000).toBeLessThan(100);
  });
});
