import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ANSI, assertBundle, cleanupTrees, makeTree, run } from './helpers';
import { BAD_DOCKERFILE, BAD_LINE, GOOD_DOCKERFILE } from './fixtures';

// Tests marked "engine:" need the Dockerfile rules to report CGO101; the rest hold with any engine.
// BAD_DOCKERFILE may also earn findings from other rules (e.g. information CGO202 on the build), so the
// assertions look at CGO101 and at severities, never at "exactly one finding".

// Each test spawns the CLI a few times; a loaded machine (parallel suites) can make that slow.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(assertBundle);
afterAll(cleanupTrees);

interface JsonFinding {
  file: string;
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

describe('check: text format', () => {
  it('engine: prints path:line:col: severity code message and a summary, exits 1 on an error', () => {
    const dir = makeTree({ Dockerfile: BAD_DOCKERFILE });
    const r = run(['check'], { cwd: dir });
    expect(r.stdout).toMatch(new RegExp(`^Dockerfile:${BAD_LINE}:\\d+: error CGO101 \\S.*$`, 'm'));
    expect(r.stdout).toMatch(/^1 errors, 0 warnings, \d+ infos, \d+ hints in 1 files$/m);
    for (const line of r.stdout.trimEnd().split('\n').slice(0, -1)) expect(line).toMatch(/^Dockerfile:\d+:\d+: (error|warning|information|hint) CGO\d+ \S/);
    expect(r.status).toBe(1);
  });

  it('prints only the summary and exits 0 on a clean tree', () => {
    const dir = makeTree({ Dockerfile: GOOD_DOCKERFILE });
    const r = run(['check'], { cwd: dir });
    expect(r.stdout).toBe('0 errors, 0 warnings, 0 infos, 0 hints in 1 files\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('defaults PATH to the current directory and accepts several PATHs', () => {
    const dir = makeTree({ 'a/Dockerfile': GOOD_DOCKERFILE, 'b/Dockerfile': GOOD_DOCKERFILE, 'c/Dockerfile': GOOD_DOCKERFILE });
    expect(run(['check'], { cwd: dir }).stdout).toMatch(/in 3 files$/m);
    expect(run(['check', 'a', 'b/Dockerfile'], { cwd: dir }).stdout).toMatch(/in 2 files$/m);
    // The same file reached twice is checked once.
    expect(run(['check', 'a', 'a/Dockerfile'], { cwd: dir }).stdout).toMatch(/in 1 files$/m);
  });

  it('engine: prints paths relative to the working directory with forward slashes', () => {
    const dir = makeTree({ 'deploy/api/Dockerfile': BAD_DOCKERFILE });
    const r = run(['check', 'deploy'], { cwd: dir });
    expect(r.stdout).toMatch(new RegExp(`^deploy/api/Dockerfile:${BAD_LINE}:\\d+: error CGO101 `, 'm'));
  });

  it('engine: --explain adds the rule title, summary and docs URL under the finding', () => {
    const dir = makeTree({ Dockerfile: BAD_DOCKERFILE });
    const r = run(['check', '.', '--explain'], { cwd: dir });
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => /^Dockerfile:\d+:\d+: error CGO101 /.test(l));
    expect(at).toBeGreaterThanOrEqual(0);
    const block = lines.slice(at + 1, lines.findIndex((l, i) => i > at && l === '')).join('\n');
    expect(block).toMatch(/^ {4}A dynamically linked binary/m);
    expect(block).toContain('https://github.com/cgo-lens/cgo-lens/blob/main/docs/rules/CGO101.md');
    expect(block.split('\n').every((l) => l.startsWith('    '))).toBe(true);
  });

  it('never colours piped output, and honours NO_COLOR and --no-color over FORCE_COLOR', () => {
    const dir = makeTree({ Dockerfile: BAD_DOCKERFILE });
    expect(run(['check'], { cwd: dir }).stdout).not.toMatch(ANSI);
    // FORCE_COLOR stands in for a terminal: a child process's stdout is a pipe.
    expect(run(['check'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout).toMatch(ANSI);
    expect(run(['check'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(ANSI);
    expect(run(['check'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '' } }).stdout).not.toMatch(ANSI);
    expect(run(['check', '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(ANSI);
    expect(run(['check', '--explain'], { cwd: dir, env: { NO_COLOR: '1' } }).stdout).not.toMatch(ANSI);
  });
});

describe('check: json format', () => {
  it('engine: prints one object with version 1 and the findings, 0-based positions', () => {
    const dir = makeTree({ Dockerfile: BAD_DOCKERFILE, 'ok/Dockerfile': GOOD_DOCKERFILE });
    const r = run(['check', '--format', 'json'], { cwd: dir });
    const out = JSON.parse(r.stdout) as { version: number; findings: JsonFinding[] };
    expect(out.version).toBe(1);
    // Nothing from the clean file.
    expect(out.findings.every((x) => x.file === 'Dockerfile')).toBe(true);
    const cgo101 = out.findings.filter((x) => x.code === 'CGO101');
    expect(cgo101).toHaveLength(1);
    const f = cgo101[0]!;
    expect(Object.keys(f).slice(0, 5)).toEqual(['file', 'code', 'severity', 'message', 'range']);
    expect(f).toMatchObject({ file: 'Dockerfile', code: 'CGO101', severity: 'error' });
    expect(f.range.start.line).toBe(BAD_LINE - 1);
    expect(typeof f.message).toBe('string');
    expect(r.status).toBe(1);
  });

  it('is valid JSON with an empty list on a clean tree, and nothing else on stdout', () => {
    const dir = makeTree({ Dockerfile: GOOD_DOCKERFILE });
    const r = run(['check', '--format=json', '.'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toEqual({ version: 1, findings: [] });
    expect(r.status).toBe(0);
  });
});

describe('check: sarif format', () => {
  it('is a SARIF 2.1.0 log listing every rule; results reference them with 1-based regions', () => {
    const dir = makeTree({ Dockerfile: BAD_DOCKERFILE });
    const r = run(['check', '--format', 'sarif'], { cwd: dir });
    const log = JSON.parse(r.stdout);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('cgo-lens');
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    const rules = run(['rules'], { cwd: dir }).stdout.split('\n').slice(1).filter(Boolean).map((l) => l.split(/\s+/)[0]);
    expect(driver.rules.map((x: { id: string }) => x.id)).toEqual(rules);
    for (const rule of driver.rules) {
      expect(rule.name).toMatch(/^[a-z0-9-]+$/);
      expect(rule.shortDescription.text).toBeTruthy();
      expect(rule.fullDescription.text).toBeTruthy();
      expect(rule.helpUri).toBe(`https://github.com/cgo-lens/cgo-lens/blob/main/docs/rules/${rule.id}.md`);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    validateResults(log.runs[0].results, driver.rules);
  });

  it('engine: reports the finding at its 1-based line', () => {
    const dir = makeTree({ Dockerfile: BAD_DOCKERFILE });
    const r = run(['check', '--format', 'sarif'], { cwd: dir });
    const log = JSON.parse(r.stdout);
    const result = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'CGO101');
    expect(result).toMatchObject({ ruleId: 'CGO101', level: 'error' });
    const loc = result.locations[0].physicalLocation;
    expect(loc.artifactLocation).toEqual({ uri: 'Dockerfile', uriBaseId: '%SRCROOT%' });
    expect(loc.region.startLine).toBe(BAD_LINE);
    expect(log.runs[0].tool.driver.rules[result.ruleIndex].id).toBe('CGO101');
    expect(r.status).toBe(1);
  });
});

function validateResults(results: unknown[], rules: { id: string }[]): void {
  expect(Array.isArray(results)).toBe(true);
  for (const res of results as Record<string, any>[]) {
    expect(rules.map((x) => x.id)).toContain(res.ruleId);
    expect(rules[res.ruleIndex]!.id).toBe(res.ruleId);
    expect(['error', 'warning', 'note']).toContain(res.level);
    expect(typeof res.message.text).toBe('string');
    for (const loc of [...res.locations, ...(res.relatedLocations ?? [])]) {
      const { artifactLocation, region } = loc.physicalLocation;
      expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(artifactLocation.uri).not.toMatch(/^\//);
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
        expect(Number.isInteger(region[k])).toBe(true);
        expect(region[k]).toBeGreaterThanOrEqual(1);
      }
    }
  }
}

describe('check: github format', () => {
  it('engine: prints one workflow command per finding and nothing else', () => {
    const dir = makeTree({ Dockerfile: BAD_DOCKERFILE });
    const r = run(['check', '--format', 'github'], { cwd: dir });
    const lines = r.stdout.split('\n').filter(Boolean);
    const count = JSON.parse(run(['check', '--format', 'json'], { cwd: dir }).stdout).findings.length;
    expect(lines).toHaveLength(count);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=CGO\d+::[^\r\n]+$/);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^::error file=Dockerfile,line=${BAD_LINE},col=\\d+,endLine=\\d+,endColumn=\\d+,title=CGO101::`)));
    expect(r.status).toBe(1);
  });

  it('prints nothing on a clean tree', () => {
    const dir = makeTree({ Dockerfile: GOOD_DOCKERFILE });
    const r = run(['check', '--format', 'github'], { cwd: dir });
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('check: failure threshold', () => {
  it('engine: fails at or above the threshold only', () => {
    const dir = makeTree({ Dockerfile: BAD_DOCKERFILE });
    expect(run(['check', '--failure-threshold', 'error'], { cwd: dir }).status).toBe(1);
    expect(run(['check', '--failure-threshold', 'hint'], { cwd: dir }).status).toBe(1);
  });

  it('never fails with none', () => {
    const dir = makeTree({ Dockerfile: BAD_DOCKERFILE });
    expect(run(['check', '--failure-threshold', 'none'], { cwd: dir }).status).toBe(0);
  });

  it('engine: a warning passes the default threshold and fails --failure-threshold warning', () => {
    const dir = makeTree({ Dockerfile: BAD_DOCKERFILE, 'cfg.yaml': 'override:\n  warning: [CGO101]\n' });
    const r = run(['check', 'Dockerfile', '--config', 'cfg.yaml'], { cwd: dir });
    expect(r.stdout).toMatch(/^Dockerfile:\d+:\d+: warning CGO101 /m);
    expect(r.status).toBe(0);
    expect(run(['check', 'Dockerfile', '--config', 'cfg.yaml', '--failure-threshold', 'warning'], { cwd: dir }).status).toBe(1);
  });

  it('engine: takes failure-threshold from the config file, the flag winning over it', () => {
    const dir = makeTree({ Dockerfile: BAD_DOCKERFILE, 'cfg.yaml': 'failure-threshold: none\n' });
    expect(run(['check', 'Dockerfile', '--config', 'cfg.yaml'], { cwd: dir }).status).toBe(0);
    expect(run(['check', 'Dockerfile', '--config', 'cfg.yaml', '--failure-threshold', 'error'], { cwd: dir }).status).toBe(1);
  });
});

describe('check: configuration', () => {
  it('drops ignored rules', () => {
    const dir = makeTree({ Dockerfile: BAD_DOCKERFILE, 'cfg.yaml': 'ignored: [CGO101]\n' });
    const r = run(['check', 'Dockerfile', '--config', 'cfg.yaml', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(r.stdout).findings.filter((f: JsonFinding) => f.code === 'CGO101')).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('engine: changes severities with override', () => {
    const dir = makeTree({ Dockerfile: BAD_DOCKERFILE, 'cfg.yaml': 'override:\n  hint: [CGO101]\n' });
    const r = run(['check', 'Dockerfile', '--config', 'cfg.yaml', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(r.stdout).findings.filter((f: JsonFinding) => f.code === 'CGO101').map((f: JsonFinding) => f.severity)).toEqual(['hint']);
    expect(r.status).toBe(0);
  });

  it('discovers .cgo-lens.yaml in the working directory', () => {
    const dir = makeTree({ Dockerfile: BAD_DOCKERFILE, '.cgo-lens.yaml': 'ignored: [CGO101]\n' });
    const r = run(['check', 'Dockerfile', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(r.stdout).findings.filter((f: JsonFinding) => f.code === 'CGO101')).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('reports a bad auto-discovered .cgo-lens.yaml as a config error', () => {
    const dir = makeTree({ Dockerfile: GOOD_DOCKERFILE, '.cgo-lens.yaml': 'ignored: [CGO999]\n' });
    const r = run(['check'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('cgo-lens: .cgo-lens.yaml: line 1: unknown rule "CGO999" in ignored\n');
  });

  it.each([
    ['unknown key', 'ignore: [CGO101]\n', /unknown key "ignore"/],
    ['unknown rule', 'override:\n  error: [CGO101, NOPE]\n', /unknown rule "NOPE" in override\.error/],
    ['wrong type', 'ignored: CGO101\n', /ignored must be a list/],
    ['bad threshold', 'failure-threshold: fatal\n', /failure-threshold must be one of/],
    ['bad severity', 'override:\n  warn: [CGO101]\n', /unknown severity "warn".*did you mean "warning"/],
    ['invalid YAML', 'ignored: [CGO101\n', /invalid YAML/],
  ])('exits 2 on %s with one line naming the file', (_name, yaml, pattern) => {
    const dir = makeTree({ Dockerfile: GOOD_DOCKERFILE, 'bad.yaml': yaml });
    const r = run(['check', '--config', 'bad.yaml'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cgo-lens: bad\.yaml: /);
    expect(lines[0]).toMatch(pattern);
  });

  it('exits 2 when --config names a missing file', () => {
    const dir = makeTree({ Dockerfile: GOOD_DOCKERFILE });
    const r = run(['check', '--config', 'nope.yaml'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('cgo-lens: nope.yaml: no such file or directory\n');
  });

  it('prefers --config over .cgo-lens.yaml', () => {
    const dir = makeTree({ Dockerfile: GOOD_DOCKERFILE, '.cgo-lens.yaml': 'nonsense: 1\n', 'ok.yaml': 'ignored: []\n' });
    expect(run(['check', 'Dockerfile', '--config', 'ok.yaml'], { cwd: dir }).status).toBe(0);
    expect(run(['check', 'Dockerfile'], { cwd: dir }).status).toBe(2);
  });
});
