import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assertBundle, cleanupTrees, isRoot, makeTree, run } from './helpers';
import { BAD_DOCKERFILE, GOOD_DOCKERFILE } from './fixtures';

// Each test spawns the CLI a few times; a loaded machine (parallel suites) can make that slow.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(assertBundle);
afterAll(cleanupTrees);

const MAX_FILE_BYTES = 2 * 1024 * 1024;

describe('check: directory walk', () => {
  it('skips node_modules, vendor, .git and hidden directories, but not .github', () => {
    const dir = makeTree({
      Dockerfile: GOOD_DOCKERFILE,
      'node_modules/pkg/Dockerfile': BAD_DOCKERFILE,
      'vendor/example.com/x/Dockerfile': BAD_DOCKERFILE,
      '.git/Dockerfile': BAD_DOCKERFILE,
      '.cache/Dockerfile': BAD_DOCKERFILE,
      'sub/node_modules/Dockerfile': BAD_DOCKERFILE,
      '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
      'README.md': '# not analysed\n',
      'main.go': 'package main\n',
    });
    const r = run(['check', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.status).toBe(0);
    // Dockerfile and the workflow: nothing from the skipped directories, nothing of another kind.
    expect(run(['check'], { cwd: dir }).stdout).toMatch(/ in 2 files\n$/);
  });

  it('checks a skipped directory when it is named as PATH', () => {
    const dir = makeTree({ 'vendor/Dockerfile': GOOD_DOCKERFILE });
    expect(run(['check', 'vendor'], { cwd: dir }).stdout).toMatch(/ in 1 files\n$/);
  });

  it('recognises every file kind by name', () => {
    const dir = makeTree({
      Dockerfile: GOOD_DOCKERFILE,
      'api.Dockerfile': GOOD_DOCKERFILE,
      'Dockerfile.prod': GOOD_DOCKERFILE,
      Containerfile: GOOD_DOCKERFILE,
      Makefile: 'build:\n\tgo build ./...\n',
      'rules.mk': 'x := 1\n',
      'scripts/build.sh': '#!/bin/sh\ngo build ./...\n',
      '.goreleaser.yaml': 'builds: []\n',
      'Taskfile.yml': 'version: "3"\n',
      'go.mod': 'module example.com/x\n\ngo 1.22\n',
      'notes.txt': 'FROM scratch\n',
    });
    expect(run(['check'], { cwd: dir }).stdout).toMatch(/ in 10 files\n$/);
  });

  it('checks an extensionless script by its shell shebang, not other extensionless files', () => {
    const script = '#!/usr/bin/env bash\nset -eu\nCGO_ENABLED=0 go build -race .\n';
    const dir = makeTree({
      'scripts/release': script,
      'scripts/notes': 'CGO_ENABLED=0 go build -race .\n', // no shebang: not a script we know
      'scripts/run.py': '#!/bin/sh\ngo build -race .\n', // has an extension that is not a shell one
      LICENSE: 'MIT\n',
    });
    const r = run(['check', '--format', 'json', '--failure-threshold', 'none'], { cwd: dir });
    const files = new Set((JSON.parse(r.stdout).findings as { file: string }[]).map((f) => f.file));
    expect([...files]).toEqual(['scripts/release']);
    expect(run(['check', '--failure-threshold', 'none'], { cwd: dir }).stdout).toMatch(/ in 1 files\n$/);
    // Named explicitly, it is checked too; an extensionless file without a shebang is reported as another kind.
    expect(run(['check', 'scripts/release', '--failure-threshold', 'none'], { cwd: dir }).stdout).toMatch(/ in 1 files\n$/);
    expect(run(['check', 'scripts/notes'], { cwd: dir }).stderr).toMatch(/skipped scripts\/notes: not a file kind cgo-lens checks/);
  });

  it('does not follow symlinked directories', () => {
    const dir = makeTree({ 'real/Dockerfile': GOOD_DOCKERFILE });
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'linked'), 'dir');
    symlinkSync(dir, path.join(dir, 'real', 'loop'), 'dir');
    const r = run(['check'], { cwd: dir });
    expect(r.stdout).toMatch(/ in 1 files\n$/);
    expect(r.status).toBe(0);
  });

  it('follows a symlinked file inside the tree, not one pointing outside it', () => {
    const outside = makeTree({ 'Dockerfile': GOOD_DOCKERFILE });
    const dir = makeTree({ 'real/Dockerfile': GOOD_DOCKERFILE });
    symlinkSync(path.join(dir, 'real', 'Dockerfile'), path.join(dir, 'Dockerfile.alias'));
    symlinkSync(path.join(outside, 'Dockerfile'), path.join(dir, 'Dockerfile.outside'));
    const r = run(['check'], { cwd: dir });
    expect(r.stdout).toMatch(/ in 2 files\n$/);
    expect(r.stderr).toBe('cgo-lens: skipped Dockerfile.outside: symbolic link to a file outside .\n');
    expect(r.status).toBe(0);
  });
});

describe('check: files that cannot be analysed', () => {
  it('reports oversized, binary and dangling-symlink files on stderr and carries on', () => {
    const dir = makeTree({
      Dockerfile: GOOD_DOCKERFILE,
      'big/Dockerfile': GOOD_DOCKERFILE + '#'.repeat(MAX_FILE_BYTES) + '\n',
      'bin/Dockerfile': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01, 0x02]),
    });
    symlinkSync(path.join(dir, 'missing'), path.join(dir, 'Dockerfile.gone'));
    // A dangling link whose name is not a file kind is not our business: no message.
    symlinkSync(path.join(dir, 'missing'), path.join(dir, 'notes.txt'));
    const r = run(['check'], { cwd: dir });
    const lines = r.stderr.split('\n').filter(Boolean).sort();
    expect(lines).toEqual([
      'cgo-lens: skipped Dockerfile.gone: dangling symbolic link (its target does not exist)',
      'cgo-lens: skipped big/Dockerfile: file is 2.0 MB, over the 2.0 MB limit',
      'cgo-lens: skipped bin/Dockerfile: binary file (NUL byte in the first 8 KB)',
    ]);
    expect(r.stdout).toMatch(/^0 errors, 0 warnings, 0 infos, 0 hints in 1 files\n$/);
    expect(r.status).toBe(0);
  });

  it('keeps stdout machine-readable when files are skipped', () => {
    const dir = makeTree({ Dockerfile: GOOD_DOCKERFILE, 'bin/Dockerfile': Buffer.from([0, 0, 0]) });
    const r = run(['check', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toEqual({ version: 1, findings: [] });
    expect(r.stderr).toMatch(/^cgo-lens: skipped bin\/Dockerfile: binary file/);
  });

  it.skipIf(isRoot)('reports unreadable files (chmod 000) and carries on', () => {
    const dir = makeTree({ Dockerfile: GOOD_DOCKERFILE, 'locked/Dockerfile': GOOD_DOCKERFILE });
    chmodSync(path.join(dir, 'locked', 'Dockerfile'), 0o000);
    try {
      const r = run(['check'], { cwd: dir });
      expect(r.stderr).toBe('cgo-lens: skipped locked/Dockerfile: permission denied\n');
      expect(r.stdout).toMatch(/ in 1 files\n$/);
      expect(r.status).toBe(0);
    } finally {
      chmodSync(path.join(dir, 'locked', 'Dockerfile'), 0o644);
    }
  });

  it.skipIf(isRoot)('reports unreadable directories and carries on', () => {
    const dir = makeTree({ Dockerfile: GOOD_DOCKERFILE });
    mkdirSync(path.join(dir, 'secret'));
    writeFileSync(path.join(dir, 'secret', 'Dockerfile'), GOOD_DOCKERFILE);
    chmodSync(path.join(dir, 'secret'), 0o000);
    try {
      const r = run(['check'], { cwd: dir });
      expect(r.stderr).toBe('cgo-lens: skipped secret: permission denied\n');
      expect(r.status).toBe(0);
    } finally {
      chmodSync(path.join(dir, 'secret'), 0o755);
    }
  });

  it('exits 2 when a PATH does not exist', () => {
    const dir = makeTree({ Dockerfile: BAD_DOCKERFILE });
    const r = run(['check', 'Dockerfile', 'nope'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('cgo-lens: nope: no such file or directory\n');
  });

  it('reports a named file of another kind without failing', () => {
    const dir = makeTree({ 'notes.txt': 'hello\n' });
    const r = run(['check', 'notes.txt'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^cgo-lens: skipped notes\.txt: not a file kind cgo-lens checks/);
  });
});
