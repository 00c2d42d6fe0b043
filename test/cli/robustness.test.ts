/**
 * CLI robustness, on the bundle (`node dist/cli.js`): unreadable files, dangling symlinks, FIFOs, binary and oversized
 * files, a directory of 100,000 files, usage errors (exit 2 with a one-line reason), and SARIF output validated
 * against a faithful subset of the SARIF 2.1.0 schema (offline: test/cli/sarif-2.1.0.subset.schema.json).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBundle, cleanupTrees, isRoot, makeTree, run } from './helpers';
import { BAD_DOCKERFILE, GOOD_DOCKERFILE } from './fixtures';
import { validate, type Schema } from './jsonSchema';
import { Rng } from '../fuzz/prng';

beforeAll(assertBundle);
afterAll(cleanupTrees);

const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, 'sarif-2.1.0.subset.schema.json'), 'utf8')) as Schema;

/** stderr must not show a crash: no stack frames, no "internal error". */
function noCrash(stderr: string): void {
  expect(stderr).not.toMatch(/internal error|^\s+at .+:\d+:\d+\)?$/m);
}

describe('CLI robustness: files that cannot or must not be read', () => {
  it.skipIf(isRoot)('an unreadable file is reported as skipped and the rest is checked', () => {
    const dir = makeTree({ 'a/Dockerfile': BAD_DOCKERFILE, 'b/Dockerfile': GOOD_DOCKERFILE });
    fs.chmodSync(path.join(dir, 'a', 'Dockerfile'), 0o000);
    try {
      const r = run(['check', '--format', 'json'], { cwd: dir });
      expect(r.stderr).toMatch(/^cgo-lens: skipped a\/Dockerfile: permission denied$/m);
      expect(r.stdout).toMatch(/"findings"/);
      expect(r.status).toBe(0);
      noCrash(r.stderr);
    } finally {
      fs.chmodSync(path.join(dir, 'a', 'Dockerfile'), 0o644);
    }
  });

  it('an unreadable directory (or, as root, a readable one) never crashes the run', () => {
    const dir = makeTree({ 'locked/Dockerfile': BAD_DOCKERFILE, 'ok/Dockerfile': GOOD_DOCKERFILE });
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      const r = run(['check'], { cwd: dir });
      noCrash(r.stderr);
      if (!isRoot) expect(r.stderr).toMatch(/skipped locked: permission denied/);
      expect([0, 1]).toContain(r.status);
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });

  it('dangling symlinks, symlink loops, a FIFO named Dockerfile and a directory named Dockerfile are skipped, not fatal', () => {
    const dir = makeTree({ 'ok/Dockerfile': BAD_DOCKERFILE, 'Dockerfile.d/Dockerfile': GOOD_DOCKERFILE });
    fs.symlinkSync(path.join(dir, 'missing'), path.join(dir, 'Dockerfile'));
    fs.symlinkSync('loop2.Dockerfile', path.join(dir, 'loop1.Dockerfile'));
    fs.symlinkSync('loop1.Dockerfile', path.join(dir, 'loop2.Dockerfile'));
    let fifo = false;
    try {
      execFileSync('mkfifo', [path.join(dir, 'ok', 'Containerfile')]);
      fifo = true;
    } catch {
      // no mkfifo: that part is skipped
    }
    const r = run(['check', '--format', 'json'], { cwd: dir });
    noCrash(r.stderr);
    expect(r.stderr).toMatch(/skipped Dockerfile: dangling symbolic link/);
    expect(r.stderr).toMatch(/skipped loop1\.Dockerfile: /);
    if (fifo) expect(r.stderr).toMatch(/skipped ok\/Containerfile: not a regular file/);
    const json = JSON.parse(r.stdout) as { findings: { file: string; code: string }[] };
    expect(json.findings.some((f) => f.file === 'ok/Dockerfile' && f.code === 'CGO101')).toBe(true);
    expect(r.status).toBe(1);
    // Named explicitly, a dangling link is the user's mistake: exit 2 with one line.
    const explicit = run(['check', 'Dockerfile'], { cwd: dir });
    expect(explicit.status).toBe(2);
    expect(explicit.stderr.trim().split('\n')).toHaveLength(1);
    expect(explicit.stderr).toMatch(/^cgo-lens: Dockerfile: no such file or directory$/m);
  });

  it('binary, invalid UTF-8, NUL-laden, oversized and empty files never crash it', () => {
    const rng = new Rng(42);
    const bytes = (n: number, noNul = false) => Buffer.from(Array.from({ length: n }, () => (noNul ? 1 + rng.int(255) : rng.int(256))));
    const dir = makeTree({
      'binary/Dockerfile': bytes(4096),
      'latin1/Dockerfile': Buffer.concat([Buffer.from('FROM golang:1.22\nRUN go build -o /app . # caf'), Buffer.from([0xe9, 0xff, 0xfe, 0x0a]), bytes(2000, true)]),
      'nul-late/Dockerfile': Buffer.concat([Buffer.from(`${BAD_DOCKERFILE}\n# `), Buffer.alloc(10_000, 0x41), Buffer.from([0, 0, 0])]),
      'bom/Dockerfile': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BAD_DOCKERFILE)]),
      'utf16/Dockerfile': Buffer.from(`\ufeff${BAD_DOCKERFILE}`, 'utf16le'),
      'empty/Dockerfile': '',
      'huge/Dockerfile': Buffer.alloc(3 * 1024 * 1024, 0x61),
      'scripts/build.sh': bytes(3000, true),
      '.github/workflows/ci.yml': bytes(3000, true),
      'Makefile': bytes(3000, true),
      'go.mod': bytes(3000, true),
    });
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const r = run(['check', '--format', format], { cwd: dir });
      noCrash(r.stderr);
      expect([0, 1], `${format}: ${r.stderr}`).toContain(r.status);
      expect(r.stderr).toMatch(/skipped binary\/Dockerfile: binary file/);
      expect(r.stderr).toMatch(/skipped huge\/Dockerfile: file is 3\.0 MB, over the 2\.0 MB limit/);
      if (format === 'json') JSON.parse(r.stdout);
      if (format === 'sarif') expect(validate(SCHEMA, JSON.parse(r.stdout))).toEqual([]);
    }
  });
});

describe('CLI robustness: a directory of 100,000 files', () => {
  let dir: string;
  beforeAll(() => {
    // Created once, empty files, 100 of them Dockerfiles (the rest are not a file kind cgo-lens reads).
    dir = makeTree({});
    const root = path.join(dir, 'many');
    fs.mkdirSync(root);
    for (let i = 0; i < 100_000; i++) {
      const name = i % 1000 === 0 ? `s${i}.Dockerfile` : `f${String(i).padStart(6, '0')}.txt`;
      fs.closeSync(fs.openSync(path.join(root, name), 'w'));
    }
    fs.writeFileSync(path.join(root, 's0.Dockerfile'), BAD_DOCKERFILE);
  }, 60_000);

  it('checks all of them (100,000 entries: exactly the visit cap) and reports', () => {
    const t0 = performance.now();
    const r = run(['check', 'many', '--format', 'json'], { cwd: dir });
    const ms = performance.now() - t0;
    noCrash(r.stderr);
    expect(r.stderr).not.toMatch(/stopped after visiting/);
    const json = JSON.parse(r.stdout) as { findings: { file: string; code: string }[] };
    expect(json.findings.filter((f) => f.code === 'CGO101').map((f) => f.file)).toEqual(['many/s0.Dockerfile']);
    expect(r.status).toBe(1);
    const text = run(['check', 'many'], { cwd: dir });
    expect(text.stdout).toMatch(/in 100 files$/m);
    console.info(`[cli] 100,000-entry directory checked in ${ms.toFixed(0)} ms (json run)`);
  }, 30_000);

  it('one more entry stops the walk at the cap, says so, and still reports what it found', () => {
    fs.closeSync(fs.openSync(path.join(dir, 'many', 'zz-extra.txt'), 'w'));
    const r = run(['check', 'many'], { cwd: dir });
    noCrash(r.stderr);
    expect(r.stderr).toMatch(/^cgo-lens: stopped after visiting 100000 files; the rest were not checked \(pass narrower PATHs\)$/m);
    expect(r.stdout).toMatch(/errors, \d+ warnings, \d+ infos, \d+ hints in \d+ files$/m);
    expect([0, 1]).toContain(r.status);
  }, 30_000);
});

describe('CLI robustness: usage errors', () => {
  const cases: [string, string[]][] = [
    ['no command', []],
    ['unknown command', ['lint']],
    ['option before the command', ['--format', 'json', 'check']],
    ['unknown option', ['check', '--frobnicate']],
    ['unknown format', ['check', '--format', 'xml']],
    ['missing format value', ['check', '--format']],
    ['unknown threshold', ['check', '--failure-threshold', 'catastrophic']],
    ['empty --config', ['check', '--config=']],
    ['missing config file', ['check', '--config', 'nope.yaml']],
    ['missing PATH', ['check', 'does/not/exist']],
    ['explain without an id', ['explain']],
    ['explain with two ids', ['explain', 'CGO101', 'CGO102']],
    ['explain of an unknown rule', ['explain', 'CGO999']],
    ['rules with an argument', ['rules', 'extra']],
    ['--version with an argument', ['--version', 'x']],
    ['a control character in a PATH', ['check', 'a\u0001b']],
  ];

  it.each(cases)('%s: exit 2, one line "cgo-lens: <reason>" (plus at most the --help pointer), nothing on stdout', (_name, args) => {
    const dir = makeTree({ 'Dockerfile': GOOD_DOCKERFILE });
    const r = run(args, { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    noCrash(r.stderr);
    const lines = r.stderr.replace(/\n$/, '').split('\n');
    expect(lines[0]).toMatch(/^cgo-lens: \S.*$/);
    expect(lines.length).toBeLessThanOrEqual(2);
    if (lines.length === 2) expect(lines[1]).toBe('Run "cgo-lens --help" for usage.');
  });

  it('a malformed .cgo-lens.yaml is a config error: exit 2, one line naming the file', () => {
    for (const bad of ['ignored: [CGO101', 'override: 42', '\u0000\u0001', 'failure-threshold: sometimes', 'a: &a [*a]']) {
      const dir = makeTree({ 'Dockerfile': GOOD_DOCKERFILE, '.cgo-lens.yaml': bad });
      const r = run(['check'], { cwd: dir });
      expect(r.status, bad).toBe(2);
      noCrash(r.stderr);
      expect(r.stderr.trim().split('\n'), bad).toHaveLength(1);
      expect(r.stderr).toMatch(/^cgo-lens: \.cgo-lens\.yaml: /);
    }
  });
});

describe('CLI robustness: SARIF 2.1.0', () => {
  it('the subset schema rejects what the standard rejects (control)', () => {
    const ok = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'error' }] }] };
    expect(validate(SCHEMA, ok)).toEqual([]);
    const bad = [
      { runs: [] },
      { version: '2.0.0', runs: [] },
      { version: '2.1.0', runs: [{ tool: {} }] },
      { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: {} }] }] },
      { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'information' }] }] },
      { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { region: { startLine: 0 } } }] }] }] },
      { version: '2.1.0', runs: [{ tool: { driver: { name: 'x', rule: [] } } }] },
      { version: '2.1.0', runs: [{ tool: { driver: { name: 'x', rules: [{ name: 'no id' }] } } }] },
    ];
    for (const b of bad) expect(validate(SCHEMA, b), JSON.stringify(b)).not.toEqual([]);
  });

  it('sarif output over every example, a clean tree and an empty tree validates', () => {
    const examples = path.resolve(__dirname, '..', '..', 'examples');
    const trees = [examples, makeTree({ 'Dockerfile': GOOD_DOCKERFILE }), makeTree({})];
    for (const cwd of trees) {
      const r = run(['check', '.', '--format', 'sarif'], { cwd });
      noCrash(r.stderr);
      expect([0, 1]).toContain(r.status);
      const log = JSON.parse(r.stdout) as { runs: { results: unknown[]; tool: { driver: { rules: { id: string }[] } } }[] };
      expect(validate(SCHEMA, log), cwd).toEqual([]);
      expect(log.runs[0]!.tool.driver.rules.length).toBeGreaterThan(10);
    }
    // The examples do produce results, so result/location/region objects were validated too.
    const r = run(['check', '.', '--format', 'sarif'], { cwd: examples });
    expect((JSON.parse(r.stdout) as { runs: { results: unknown[] }[] }).runs[0]!.results.length).toBeGreaterThan(5);
  }, 30_000);

  it('sarif stays valid with odd file names and odd content', () => {
    const dir = makeTree({
      'a dir with spaces/Dockerfile': BAD_DOCKERFILE,
      'ünï%cødé/#x?y/Dockerfile': BAD_DOCKERFILE,
      'crlf/Dockerfile': BAD_DOCKERFILE.replace(/\n/g, '\r\n'),
      'lone-cr/Dockerfile': BAD_DOCKERFILE.replace(/\n/g, '\r'),
      'surrogates/Dockerfile': `${BAD_DOCKERFILE}# \ud83d\ude00 \u2028\n`,
    });
    const r = run(['check', '.', '--format', 'sarif'], { cwd: dir });
    noCrash(r.stderr);
    const log = JSON.parse(r.stdout) as unknown;
    expect(validate(SCHEMA, log)).toEqual([]);
  });
});
