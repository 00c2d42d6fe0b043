import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RULES } from '../../server/src/rules/registry';
import { ANSI, assertBundle, cleanupTrees, makeTree, run } from './helpers';

// Each test spawns the CLI a few times; a loaded machine (parallel suites) can make that slow.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(assertBundle);
afterAll(cleanupTrees);

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('rules', () => {
  it('lists every registry rule with its default severity, name and title', () => {
    const r = run(['rules'], { cwd: makeTree({}) });
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+SEVERITY\s+NAME\s+TITLE$/);
    expect(lines.slice(1)).toHaveLength(RULES.length);
    RULES.forEach((rule, i) => {
      const cols = lines[i + 1]!.split(/\s{2,}/);
      expect(cols).toEqual([rule.meta.id, rule.meta.severity, rule.meta.name, rule.meta.title]);
    });
    expect(r.stdout).not.toMatch(ANSI);
  });
});

describe('explain', () => {
  it('prints the rule documentation, mentioning the rule', () => {
    const r = run(['explain', 'CGO101'], { cwd: makeTree({}) });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('CGO101');
    expect(r.stdout).toContain('https://github.com/cgo-lens/cgo-lens/blob/main/docs/rules/CGO101.md');
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('accepts a lower-case id', () => {
    expect(run(['explain', 'cgo504'], { cwd: makeTree({}) }).stdout).toContain('CGO504');
  });

  it('exits 2 with a one-line reason on an unknown id', () => {
    const r = run(['explain', 'NOPE'], { cwd: makeTree({}) });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('cgo-lens: unknown rule "NOPE" (run "cgo-lens rules" to list them)\n');
  });

  it('exits 2 without an id', () => {
    const r = run(['explain'], { cwd: makeTree({}) });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^cgo-lens: explain needs a rule id/);
  });
});

describe('help and version', () => {
  it('--help prints usage with every command and option, exit 0', () => {
    for (const args of [['--help'], ['-h'], ['check', '--help'], ['help']]) {
      const r = run(args, { cwd: makeTree({}) });
      expect(r.status).toBe(0);
      for (const word of ['check', 'rules', 'explain', '--format', '--config', '--failure-threshold', '--explain', '--no-color']) {
        expect(r.stdout).toContain(word);
      }
    }
  });

  it('--version prints the package version', () => {
    const r = run(['--version'], { cwd: makeTree({}) });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });
});

describe('usage errors', () => {
  it.each([
    [['frobnicate'], 'unknown command "frobnicate" (expected check, rules or explain)'],
    [[], 'missing command (check, rules or explain)'],
    [['check', '--bogus'], 'unknown option "--bogus"'],
    [['check', '--format', 'xml'], 'unknown format "xml" (expected text, json, sarif, github)'],
    [['check', '--format'], '--format needs a value'],
    [['check', '--failure-threshold', 'fatal'], 'unknown failure threshold "fatal" (expected error, warning, information, hint, none)'],
    [['rules', 'extra'], 'rules takes no arguments (got "extra")'],
  ])('%j exits 2 with a reason and a pointer to --help', (args, reason) => {
    const r = run(args, { cwd: makeTree({}) });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`cgo-lens: ${reason}\nRun "cgo-lens --help" for usage.\n`);
  });
});
