import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkspaceIndex } from '../../../server/src/workspace/index/index';
import { GO, lines } from './harness';

let tmp: string;
let outside: string;
beforeEach(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cgo-lens-index-')));
  outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cgo-lens-outside-')));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

function write(base: string, rel: string, text: string): string {
  const p = path.join(base, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}
const uri = (p: string) => pathToFileURL(p).href;
const dirUri = (rel: string) => uri(path.join(tmp, rel)).replace(/\/$/, '');
const MAIN = GO.main(['"fmt"'], '\tfmt.Println(1)');

describe('workspace index: scan of real directories', () => {
  it('multi-module repositories: every go.mod, the module of each directory, the Go files per package', async () => {
    write(tmp, 'go.mod', GO.mod('example.com/app'));
    write(tmp, 'main.go', MAIN);
    write(tmp, 'internal/db/db.go', 'package db\n');
    write(tmp, 'tools/go.mod', GO.mod('example.com/tools'));
    write(tmp, 'tools/gen/main.go', MAIN);
    const index = new WorkspaceIndex();
    expect(index.isReady()).toBe(false);
    const r = await index.scan([tmp]);
    expect(index.isReady()).toBe(true);
    expect(r).toMatchObject({ aborted: false, goFiles: 3, modules: 2, truncated: false });
    expect(index.modules().map((m) => m.facts.module?.path).sort()).toEqual(['example.com/app', 'example.com/tools']);
    expect(index.moduleFor(dirUri('internal/db'))?.facts.module?.path).toBe('example.com/app');
    expect(index.moduleFor(dirUri('tools/gen'))?.facts.module?.path).toBe('example.com/tools');
    expect(index.filesIn(dirUri('internal/db')).map((f) => f.facts.packageName)).toEqual(['db']);
  });

  it('go.work governs the directories below it', async () => {
    write(tmp, 'go.work', lines('go 1.22', 'use (', '\t./api', '\t./lib', ')'));
    write(tmp, 'api/go.mod', GO.mod('example.com/api'));
    write(tmp, 'lib/go.mod', GO.mod('example.com/lib'));
    const index = new WorkspaceIndex();
    await index.scan([tmp]);
    expect(index.workFor(dirUri('api'))?.facts.uses.map((u) => u.dir)).toEqual(['./api', './lib']);
  });

  it('vendor/, testdata/, node_modules/, hidden and _ directories are skipped', async () => {
    write(tmp, 'go.mod', GO.mod());
    write(tmp, 'main.go', MAIN);
    for (const d of ['vendor/github.com/x/y', 'testdata', 'node_modules/pkg', '.git/hooks', '.cache', '_old']) write(tmp, `${d}/x.go`, 'package x\n');
    const index = new WorkspaceIndex();
    const r = await index.scan([tmp]);
    expect(r.goFiles).toBe(1);
    expect(index.dirsUnder(dirUri(''))).toEqual([dirUri('')]);
  });

  it('a symbolic link out of the workspace is refused (directories and files); one inside is followed once', async () => {
    write(tmp, 'go.mod', GO.mod());
    write(tmp, 'main.go', MAIN);
    write(outside, 'secret/s.go', 'package secret\n');
    write(outside, 'x.go', 'package x\n');
    write(tmp, 'real/r.go', 'package real\n');
    fs.symlinkSync(path.join(outside, 'secret'), path.join(tmp, 'escape'));
    fs.symlinkSync(path.join(outside, 'x.go'), path.join(tmp, 'linked.go'));
    fs.symlinkSync(path.join(tmp, 'real'), path.join(tmp, 'alias'));
    fs.symlinkSync(tmp, path.join(tmp, 'loop'));
    const index = new WorkspaceIndex();
    const r = await index.scan([tmp]);
    expect(index.goFile(uri(path.join(tmp, 'escape/s.go')))).toBeUndefined();
    expect(index.goFile(uri(path.join(tmp, 'linked.go')))).toBeUndefined();
    // real/ and its alias are one directory: indexed once (whichever comes first in name order), no loop.
    expect(r.goFiles).toBe(2);
  });

  it('files over the size limit are left out', async () => {
    write(tmp, 'go.mod', GO.mod());
    write(tmp, 'small.go', 'package main\n');
    write(tmp, 'big.go', `package main\n// ${'x'.repeat(500)}\n`);
    const index = new WorkspaceIndex({ maxFileBytes: 200 });
    const r = await index.scan([tmp]);
    expect(r.goFiles).toBe(1);
    expect(index.goFile(uri(path.join(tmp, 'big.go')))).toBeUndefined();
    // …and through update() too (nothing was indexed, so nothing changed).
    expect(index.update(uri(path.join(tmp, 'big2.go')), 'x'.repeat(300))).toBe(false);
    expect(index.goFile(uri(path.join(tmp, 'big2.go')))).toBeUndefined();
  });

  it('stops at the Go file cap and says so', async () => {
    for (let i = 0; i < 6; i++) write(tmp, `p${i}/f.go`, `package p${i}\n`);
    const index = new WorkspaceIndex({ maxGoFiles: 4 });
    const r = await index.scan([tmp]);
    expect(r.goFiles).toBe(4);
    expect(r.truncated).toBe(true);
    expect(index.truncated).toBe(true);
  });

  it('does not descend below the depth limit', async () => {
    write(tmp, 'a/a.go', 'package a\n');
    write(tmp, 'a/b/c/d/deep.go', 'package d\n');
    const index = new WorkspaceIndex({ maxDepth: 2 });
    const r = await index.scan([tmp]);
    expect(r.goFiles).toBe(1);
  });

  it('remembers build files (Dockerfiles, Makefiles, workflows) for buildsUsing', async () => {
    write(tmp, 'Dockerfile', 'FROM scratch\n');
    write(tmp, 'deploy/api.Dockerfile', 'FROM scratch\n');
    write(tmp, 'Makefile', 'all:\n');
    write(tmp, '.github/workflows/ci.yml', 'on: push\n');
    write(tmp, 'README.md', '# x\n');
    const index = new WorkspaceIndex();
    await index.scan([tmp]);
    expect(index.buildFiles().map((u) => u.slice(uri(tmp).length + 1)).sort()).toEqual(['.github/workflows/ci.yml', 'Dockerfile', 'Makefile', 'deploy/api.Dockerfile']);
  });

  it('yields to the event loop and reports progress; an abort signal stops it', async () => {
    for (let i = 0; i < 30; i++) write(tmp, `p${i}/f.go`, `package p${i}\n`);
    const seen: number[] = [];
    const index = new WorkspaceIndex();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const r = await index.scan([tmp], { yieldEvery: 5, onProgress: (p) => seen.push(p.goFiles) });
    clearInterval(timer);
    expect(r.goFiles).toBe(30);
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(ticks).toBeGreaterThan(0); // timers ran while scanning

    const controller = new AbortController();
    const index2 = new WorkspaceIndex();
    const r2 = await index2.scan([tmp], { yieldEvery: 5, onProgress: () => controller.abort(), signal: controller.signal });
    expect(r2.aborted).toBe(true);
    expect(r2.goFiles).toBeLessThan(30);
    expect(index2.isReady()).toBe(false);
  });

  it('a second scan drops files that disappeared', async () => {
    write(tmp, 'go.mod', GO.mod());
    const gone = write(tmp, 'gone.go', 'package main\n');
    const index = new WorkspaceIndex();
    await index.scan([tmp]);
    expect(index.goFile(uri(gone))).toBeDefined();
    fs.rmSync(gone);
    await index.scan([tmp]);
    expect(index.goFile(uri(gone))).toBeUndefined();
  });

  it('readText reads inside the roots only', async () => {
    const inside = write(tmp, 'Dockerfile', 'FROM scratch\n');
    write(outside, 'Dockerfile', 'FROM secret\n');
    const index = new WorkspaceIndex();
    await index.scan([tmp]);
    expect(index.readText(uri(inside))).toBe('FROM scratch\n');
    expect(index.readText(uri(path.join(outside, 'Dockerfile')))).toBeUndefined();
  });
});

describe('workspace index: incremental updates', () => {
  it('update replaces one file; undefined removes it; the version moves; other names are ignored', () => {
    const index = new WorkspaceIndex();
    const v0 = index.version;
    expect(index.update('file:///w/go.mod', GO.mod('example.com/a'))).toBe(true);
    expect(index.update('file:///w/main.go', 'package main\nimport "C"\n')).toBe(true);
    expect(index.goFile('file:///w/main.go')?.facts.importsC).toBeDefined();
    expect(index.update('file:///w/main.go', 'package main\n')).toBe(true);
    expect(index.goFile('file:///w/main.go')?.facts.importsC).toBeUndefined();
    expect(index.update('file:///w/main.go', undefined)).toBe(true);
    expect(index.filesIn('file:///w')).toEqual([]);
    expect(index.update('file:///w/README.md', '# x')).toBe(false);
    expect(index.update('file:///w/vendor/x/x.go', 'package x\n')).toBe(false);
    expect(index.update('file:///w/go.mod', GO.mod('example.com/b'))).toBe(true);
    expect(index.moduleFor('file:///w/sub')?.facts.module?.path).toBe('example.com/b');
    expect(index.version).toBeGreaterThan(v0);
    expect(index.isReady()).toBe(true);
  });

  it('records builds per build file and answers buildsUsing by module and go.mod', () => {
    const index = new WorkspaceIndex();
    index.update('file:///w/go.mod', GO.mod());
    const loc = { uri: 'file:///w/Dockerfile', range: { start: { line: 3, character: 4 }, end: { line: 3, character: 12 } } };
    index.recordBuilds('file:///w/Dockerfile', [{ buildUri: 'file:///w/Dockerfile', commandLoc: loc, cgo: 'off', cgoWhy: 'x', modules: [{ module: 'github.com/mattn/go-sqlite3', gomodUri: 'file:///w/go.mod' }] }]);
    expect(index.buildsUsing('github.com/mattn/go-sqlite3')).toHaveLength(1);
    expect(index.buildsUsing('github.com/mattn/go-sqlite3', 'file:///w/go.mod')).toHaveLength(1);
    expect(index.buildsUsing('github.com/mattn/go-sqlite3', 'file:///w/other/go.mod')).toHaveLength(0);
    expect(index.hasFreshRecord('file:///w/Dockerfile')).toBe(true);
    index.update('file:///w/main.go', 'package main\n');
    expect(index.hasFreshRecord('file:///w/Dockerfile')).toBe(false);
    index.recordBuilds('file:///w/Dockerfile', []);
    expect(index.buildsUsing('github.com/mattn/go-sqlite3')).toEqual([]);
  });
});
