import { describe, expect, it } from 'vitest';
import { applyRepoConfig, MAX_REPO_CONFIG_CHARS, MAX_REPO_CONFIG_ERRORS, parseRepoConfig } from '../../../server/src/config/repoConfig';
import { MAX_YAML_DEPTH } from '../../../server/src/readers/yaml/depthGuard';
import { defaultSettings } from '../../../server/src/config/settings';

const parse = (text: string) => parseRepoConfig(text, '.cgo-lens.yaml');

describe('parseRepoConfig', () => {
  it('accepts an empty file', () => {
    expect(parse('')).toEqual({ config: { ignored: [], override: {}, images: {} }, errors: [] });
    expect(parse('# only a comment\n').errors).toEqual([]);
  });

  it('reads every key', () => {
    const { config, errors } = parse(
      [
        'ignored: [CGO504, cgo202]',
        'override:',
        '  warning: [CGO101]',
        '  hint:',
        '    - CGO105',
        'failure-threshold: warning',
        'images:',
        '  registry.example.com/base/*:',
        '    libc: glibc',
        '    version: 2.30',
        '    toolchain: false',
        '  internal/alpine:',
        '    libc: musl',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(config).toEqual({
      ignored: ['CGO504', 'CGO202'],
      override: { warning: ['CGO101'], hint: ['CGO105'] },
      failureThreshold: 'warning',
      // 2.30 stays "2.30": read from the source, not from YAML's float.
      images: { 'registry.example.com/base/*': { libc: 'glibc', version: '2.30', toolchain: false }, 'internal/alpine': { libc: 'musl' } },
    });
  });

  it('accepts none as failure threshold and empty lists', () => {
    expect(parse('failure-threshold: none\nignored: []\noverride: {}\n')).toEqual({ config: { ignored: [], override: {}, images: {}, failureThreshold: 'none' }, errors: [] });
  });

  it.each([
    ['ignore: [CGO101]', 'unknown key "ignore" (expected ignored, override, failure-threshold, images)', 0, 0],
    ['ignored: CGO101', 'ignored must be a list of rule ids, e.g. [CGO101]', 0, 9],
    ['ignored: [CGO101, CGO999]', 'unknown rule "CGO999" in ignored', 0, 18],
    ['ignored: [1]', 'ignored must contain rule ids (strings such as CGO101)', 0, 10],
    ['override: [CGO101]', 'override must be a mapping from severity (error, warning, information, hint) to a list of rule ids', 0, 10],
    ['override:\n  warn: [CGO101]', 'unknown severity "warn" in override (expected error, warning, information, hint); did you mean "warning"?', 1, 2],
    ['override:\n  fatal: [CGO101]', 'unknown severity "fatal" in override (expected error, warning, information, hint)', 1, 2],
    ['override:\n  error: CGO101', 'override.error must be a list of rule ids, e.g. [CGO101]', 1, 9],
    ['failure-threshold: warn', 'failure-threshold must be one of error, warning, information, hint, none; did you mean "warning"?', 0, 19],
    ['failure-threshold: [error]', 'failure-threshold must be one of error, warning, information, hint, none', 0, 19],
    ['images: [foo]', 'images must be a mapping from image pattern to {libc, version, toolchain}', 0, 8],
    ['images:\n  foo: musl', 'images.foo must be a mapping with libc (glibc, musl or none) and optional version and toolchain', 1, 7],
    ['images:\n  foo:\n    libc: musl\n    version: [1]', 'images.foo.version must be a version string such as "2.36"', 3, 13],
    ['ignored: [CGO101]\noverride:\n  info: [CGO101]', 'CGO101 is listed in both ignored and override.information', 2, 9],
    ['"just a string"', '.cgo-lens.yaml must be a mapping of settings (ignored, override, failure-threshold, images)', 0, 0],
    ['override:\n  error: [XYZ]', 'unknown rule "XYZ" in override.error', 1, 10],
    ['failure-threshold: fatal', 'failure-threshold must be one of error, warning, information, hint, none', 0, 19],
    ['failure-threshold: 1', 'failure-threshold must be one of error, warning, information, hint, none', 0, 19],
    ['ignored: [CGO101]\noverride:\n  error: [CGO101]', 'CGO101 is listed in both ignored and override.error', 2, 10],
    ['images:\n  foo:\n    libc: bsd', 'images.foo.libc must be one of glibc, musl, none', 2, 10],
    ['images:\n  foo:\n    version: "2.36"', 'images.foo needs libc (glibc, musl or none)', 2, 4],
    ['images:\n  foo:\n    libc: musl\n    arch: arm', 'unknown key "arch" in images.foo (expected libc, version, toolchain)', 3, 4],
    ['images:\n  foo:\n    libc: musl\n    toolchain: yes', 'images.foo.toolchain must be true or false', 3, 15],
    ['- CGO101', '.cgo-lens.yaml must be a mapping of settings (ignored, override, failure-threshold, images)', 0, 0],
  ])('%j → %s', (text, message, line, character) => {
    const { errors } = parse(text);
    expect(errors[0]).toEqual({ message, range: expect.objectContaining({ start: { line, character } }) });
  });

  it('reports YAML syntax errors on one line with a position', () => {
    const { errors } = parse('ignored: [CGO101\nfoo: bar\n');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.message).toMatch(/^invalid YAML: /);
    expect(errors[0]!.message).not.toContain('\n');
    expect(errors[0]!.range).toBeDefined();
  });

  it('reports duplicate keys', () => {
    expect(parse('ignored: []\nignored: [CGO101]\n').errors[0]!.message).toMatch(/^invalid YAML: .*unique/i);
  });

  it('accepts hadolint\'s level spellings info and style', () => {
    const { config, errors } = parse('override:\n  info: [CGO101]\n  style: [CGO202]\n  information: [CGO203]\nfailure-threshold: style\n');
    expect(errors).toEqual([]);
    expect(config.override).toEqual({ information: ['CGO101', 'CGO203'], hint: ['CGO202'] });
    expect(config.failureThreshold).toBe('hint');
    expect(parse('failure-threshold: info').config.failureThreshold).toBe('information');
  });

  it('gives full ranges (start and end) for the offending node', () => {
    expect(parse('ignored: [CGO101, CGO999]\n').errors).toEqual([
      { message: 'unknown rule "CGO999" in ignored', range: { start: { line: 0, character: 18 }, end: { line: 0, character: 24 } } },
    ]);
    expect(parse('x: 1\nignored: []\n').errors).toEqual([
      { message: 'unknown key "x" (expected ignored, override, failure-threshold, images)', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
    ]);
  });

  it('reports every problem, not only the first', () => {
    const { errors } = parse('ignore: []\nignored: [NOPE, CGO101]\nfailure-threshold: loud\nimages:\n  a:\n    libc: bsd\n');
    expect(errors.map((e) => e.range!.start.line)).toEqual([0, 1, 2, 5]);
  });

  it('every error has a range', () => {
    for (const text of ['a: [', '- x', 'ignored: 1', '\u0000', 'x'.repeat(MAX_REPO_CONFIG_CHARS + 1), 'a: 1\n---\nb: 2\n']) {
      for (const e of parse(text).errors) expect(e.range).toBeDefined();
    }
  });

  it('refuses binary and oversized input without parsing it', () => {
    expect(parse('ignored: [CGO101]\u0000').errors).toEqual([{ message: '.cgo-lens.yaml is not a text file (it contains NUL bytes)', range: expect.anything() }]);
    const huge = parse('#'.repeat(MAX_REPO_CONFIG_CHARS + 1));
    expect(huge.errors[0]!.message).toMatch(/too large/);
    expect(huge.config).toEqual({ ignored: [], override: {}, images: {} });
  });

  it('reports multiple documents, aliases used as lists, tags and odd keys as errors', () => {
    expect(parse('ignored: []\n---\nignored: []\n').errors[0]!.message).toMatch(/^invalid YAML: /);
    expect(parse('base: &b [CGO101]\nignored: *b\n').errors.length).toBeGreaterThan(0);
    expect(parse('? [a]\n: 1\n').errors[0]!.message).toMatch(/^unknown key/);
    expect(parse('1: x\n').errors[0]!.message).toBe('unknown key "1" (expected ignored, override, failure-threshold, images)');
  });

  it('never throws on garbage', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = 'ignored:override[]{}-,&*!|>"\'#%@` \n\tCGO101\ufffd\ud800';
    const samples = ['[[[[[[[[[[[[[[[[[[[[', '{'.repeat(5000), '- '.repeat(3000), '&a [*a]', '!!binary AAAA', 'a: !!int x', '%YAML 9.9\n---\na: 1', '\ud83d'];
    for (let i = 0; i < 300; i++) {
      let t = '';
      const n = Math.floor(rand() * 200);
      for (let k = 0; k < n; k++) t += alphabet[Math.floor(rand() * alphabet.length)];
      samples.push(t);
    }
    for (const t of samples) {
      const r = parse(t);
      expect(Array.isArray(r.errors)).toBe(true);
      expect(r.config).toBeDefined();
    }
  });

  it('keeps the valid parts when other parts are wrong', () => {
    const { config, errors } = parse('ignored: [CGO101, NOPE]\nfailure-threshold: hint\n');
    expect(errors).toHaveLength(1);
    expect(config).toMatchObject({ ignored: ['CGO101'], failureThreshold: 'hint' });
  });
});

describe('applyRepoConfig', () => {
  it('turns ignored rules off and overrides levels, without touching the input', () => {
    const base = defaultSettings();
    base.rules = { CGO202: 'warning' };
    const { config } = parse('ignored: [CGO504]\noverride:\n  error: [CGO105]\nimages:\n  x:\n    libc: none\n');
    const out = applyRepoConfig(base, config);
    expect(out.rules).toEqual({ CGO202: 'warning', CGO504: 'off', CGO105: 'error' });
    expect(out.images).toEqual({ x: { libc: 'none' } });
    expect(base.rules).toEqual({ CGO202: 'warning' });
    expect(out.maxFileBytes).toBe(base.maxFileBytes);
  });

  it('shares effectiveSettings\' precedence: explicit settings win over the file', () => {
    const base = defaultSettings();
    base.rules = { CGO101: 'warning' };
    expect(applyRepoConfig(base, parse('ignored: [CGO101]').config).rules).toEqual({ CGO101: 'warning' });
  });
});

describe('parseRepoConfig: bounded cost on any input', () => {
  const cpuMs = (fn: () => void): number => {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };

  it('a real config is tiny: over 64 KB is refused with one error at the top, unparsed', () => {
    expect(MAX_REPO_CONFIG_CHARS).toBe(64 * 1024);
    const r = parse('ignored: [' + '"'.repeat(100_000) + ']');
    expect(r.errors).toEqual([{ message: '.cgo-lens.yaml is too large for a configuration file (over 64 KB)', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
  });

  it('YAML nested deeper than 200 levels is refused with one error where it got too deep, not parsed', () => {
    for (const text of ['\t' + '['.repeat(5000), 'ignored:\n' + '  - '.repeat(10_000), 'override:\n  error: ' + '{a: '.repeat(3000)]) {
      for (let i = 0; i < 3; i++) {
        const r = parse(text);
        expect(r.config).toEqual({ ignored: [], override: {}, images: {} });
        expect(r.errors).toEqual([{ message: `invalid YAML: YAML nested deeper than ${MAX_YAML_DEPTH} levels: skipped`, range: expect.anything() }]);
        expect(r.errors[0]!.range!.start.line).toBe(text.startsWith('\t') ? 0 : 1);
      }
    }
  });

  it(`at most ${MAX_REPO_CONFIG_ERRORS} problems are reported; the last one counts the rest`, () => {
    const yamlFlood = parse('ignored: [' + '"'.repeat(60_000) + ']').errors;
    expect(yamlFlood).toHaveLength(MAX_REPO_CONFIG_ERRORS);
    expect(yamlFlood[MAX_REPO_CONFIG_ERRORS - 1]!.message).toMatch(/^\d+ more problems in \.cgo-lens\.yaml are not shown$/);
    expect(Number(yamlFlood[MAX_REPO_CONFIG_ERRORS - 1]!.message.split(' ')[0])).toBeGreaterThan(20_000);
    const unknownRules = parse('ignored: [' + Array.from({ length: 120 }, (_, i) => `NOPE${i}`).join(', ') + ']').errors;
    expect(unknownRules).toHaveLength(MAX_REPO_CONFIG_ERRORS);
    expect(unknownRules[0]!.message).toBe('unknown rule "NOPE0" in ignored');
    expect(unknownRules[MAX_REPO_CONFIG_ERRORS - 1]!.message).toBe(`${120 - (MAX_REPO_CONFIG_ERRORS - 1)} more problems in .cgo-lens.yaml are not shown`);
    // Exactly at the cap: nothing is summarised.
    expect(parse('ignored: [' + Array.from({ length: MAX_REPO_CONFIG_ERRORS }, (_, i) => `NOPE${i}`).join(', ') + ']').errors.every((e) => e.message.startsWith('unknown rule'))).toBe(true);
  });

  it('a config just under the size bound full of YAML errors stays well under the 200 ms analysis budget', () => {
    const text = 'ignored: [' + '"'.repeat(MAX_REPO_CONFIG_CHARS - 20) + ']';
    parse(text); // warm up
    expect(Math.min(cpuMs(() => parse(text)), cpuMs(() => parse(text)))).toBeLessThan(150);
  });
});
