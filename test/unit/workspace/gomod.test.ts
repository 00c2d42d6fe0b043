import { describe, expect, it } from 'vitest';
import { parseGoMod } from '../../../server/src/readers/gomod/parse';
import { readGoMod } from '../../../server/src/readers/gomod/reader';
import { lines } from './harness';

describe('go.mod parser', () => {
  const MOD = lines(
    'module example.com/app // the app',
    '',
    'go 1.22',
    '',
    'toolchain go1.22.3',
    '',
    'require github.com/lib/pq v1.10.9',
    '',
    'require (',
    '\tgithub.com/mattn/go-sqlite3 v1.14.22',
    '\tgolang.org/x/sys v0.20.0 // indirect',
    '\t"github.com/quoted/mod" v1.0.0',
    ')',
    '',
    'replace example.com/lib => ../lib',
    'replace (',
    '\tgithub.com/a/b v1.0.0 => github.com/c/d v1.2.0',
    ')',
  );

  it('module, go and toolchain directives', () => {
    const f = parseGoMod(MOD);
    expect(f.module?.path).toBe('example.com/app');
    expect(f.go?.version).toBe('1.22');
    expect(f.toolchain?.version).toBe('go1.22.3');
  });

  it('direct and indirect requires with line ranges, single-line and block form, quoted paths', () => {
    const f = parseGoMod(MOD);
    expect(f.requires.map((r) => [r.path, r.version, r.indirect, r.range.start.line])).toEqual([
      ['github.com/lib/pq', 'v1.10.9', false, 6],
      ['github.com/mattn/go-sqlite3', 'v1.14.22', false, 9],
      ['golang.org/x/sys', 'v0.20.0', true, 10],
      ['github.com/quoted/mod', 'v1.0.0', false, 11],
    ]);
    expect(f.requires[1].pathRange).toEqual({ start: { line: 9, character: 1 }, end: { line: 9, character: 28 } });
    expect(f.requires[1].range).toEqual({ start: { line: 9, character: 1 }, end: { line: 9, character: 37 } });
  });

  it('replaces: local directories and module versions', () => {
    const f = parseGoMod(MOD);
    expect(f.replaces.map((r) => [r.from, r.to, r.local, r.toVersion])).toEqual([
      ['example.com/lib', '../lib', true, undefined],
      ['github.com/a/b', 'github.com/c/d', false, 'v1.2.0'],
    ]);
  });

  it('go.work use directives', () => {
    const f = parseGoMod(lines('go 1.22', '', 'use (', '\t./api', '\t./lib // shared', ')', 'use ./tools'));
    expect(f.uses.map((u) => u.dir)).toEqual(['./api', './lib', './tools']);
  });

  it('broken input never throws', () => {
    for (const t of ['require (', 'module', 'replace x =>', '"unterminated', ')\n)\n', 'require ()']) expect(() => parseGoMod(t)).not.toThrow();
  });
});

describe('go.mod reader', () => {
  it('a plan with no go commands, with the requires as located facts', () => {
    const plan = readGoMod('file:///w/go.mod', lines('module example.com/app', 'go 1.22', 'require github.com/mattn/go-sqlite3 v1.14.22 // indirect'));
    expect(plan.kind).toBe('gomod');
    expect(plan.invocations).toEqual([]);
    expect(plan.gomod?.module?.path).toBe('example.com/app');
    expect(plan.gomod?.requires).toEqual([
      {
        path: 'github.com/mattn/go-sqlite3', version: 'v1.14.22', indirect: true,
        loc: { uri: 'file:///w/go.mod', range: { start: { line: 2, character: 8 }, end: { line: 2, character: 44 } } },
        pathLoc: { uri: 'file:///w/go.mod', range: { start: { line: 2, character: 8 }, end: { line: 2, character: 35 } } },
      },
    ]);
  });
});

describe('go.mod parser: unusual blanks (fuzz finding gomod-unicode-space-hang)', () => {
  it.each(['\f', '\v', '\u00a0', '\u2028', '\u3000', '\uFEFF'])('%j between tokens neither hangs nor loses tokens', (blank) => {
    const f = parseGoMod(`module example.com/x${blank}\nrequire${blank}github.com/mattn/go-sqlite3${blank}v1.14.22\n`);
    expect(f.module?.path).toBe('example.com/x');
    expect(f.requires.map((r) => [r.path, r.version])).toEqual([['github.com/mattn/go-sqlite3', 'v1.14.22']]);
  });
});
