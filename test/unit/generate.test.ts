import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildConfiguration,
  buildRepoConfigSchema,
  repoConfigSchemaText,
  REPO_CONFIG_SCHEMA,
  checkDocsPages,
  checkReport,
  docsIndexTemplate,
  GENERATED_NOTE,
  MARK_END,
  MARK_START,
  MarkerError,
  plan,
  replaceBetweenMarkers,
  staleOutputs,
  updatePackageJson,
  validateRules,
  type PlanIO,
  type RuleLike,
} from '../../scripts/generate-lib.mjs';

const rules: RuleLike[] = [
  { meta: { id: 'CGO101', name: 'first-rule', title: 'The first | rule', severity: 'error' } },
  { meta: { id: 'CGO504', name: 'second-rule', title: 'The second rule.', severity: 'hint', tags: ['unnecessary'] } },
];
const url = (id: string) => `https://example.test/docs/${id}.md`;

const page = (id: string, name: string, severity: string) => `# ${id} — ${name}\n\nDefault severity: **${severity}**\n\nText.\n`;

function memoryRepo(files: Record<string, string>): PlanIO & { files: Record<string, string> } {
  return {
    files,
    read: (p) => files[p],
    listDocs: () => Object.keys(files).filter((p) => p.startsWith('docs/rules/')).map((p) => p.slice('docs/rules/'.length)),
  };
}

function goodRepo() {
  const pkg = { name: 'x', contributes: { languages: [], configuration: { title: 'old', properties: {} }, commands: [] }, scripts: { test: 't' } };
  return memoryRepo({
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'README.md': `# X\n\nintro\n\n${MARK_START}\n${MARK_END}\n\nafter\n`,
    'docs/rules/CGO101.md': page('CGO101', 'first-rule', 'error'),
    'docs/rules/CGO504.md': page('CGO504', 'second-rule', 'hint'),
  });
}

/** Run the generator the way `node scripts/generate.mjs` does, on an in-memory repository. */
function generateInto(repo: ReturnType<typeof memoryRepo>) {
  for (const o of staleOutputs(plan(rules, url, repo).outputs)) repo.files[o.path] = o.expected;
}

describe('settings schema', () => {
  it('has one entry per rule with the registry severity as default', () => {
    const config = buildConfiguration(rules, url);
    expect(config.title).toBe('CGO Lens');
    const ruleProps = config.properties['cgoLens.rules'].properties;
    expect(Object.keys(ruleProps)).toEqual(['CGO101', 'CGO504']);
    expect(ruleProps.CGO101).toEqual({
      type: 'string',
      enum: ['off', 'hint', 'information', 'warning', 'error'],
      default: 'error',
      markdownDescription: '**CGO101** — The first | rule. [Docs](https://example.test/docs/CGO101.md)',
    });
    // A title that already ends a sentence gets no second period.
    expect(ruleProps.CGO504.markdownDescription).toBe('**CGO504** — The second rule. [Docs](https://example.test/docs/CGO504.md)');
  });

  it('declares every setting with its type, default and scope', () => {
    const p = buildConfiguration(rules, url).properties;
    expect(Object.keys(p)).toEqual([
      'cgoLens.enable', 'cgoLens.rules', 'cgoLens.inlayHints.enable', 'cgoLens.images', 'cgoLens.maxFileBytes', 'cgoLens.trace.server',
    ]);
    expect(p['cgoLens.enable']).toMatchObject({ type: 'boolean', default: true, scope: 'resource' });
    expect(p['cgoLens.rules']).toMatchObject({ type: 'object', scope: 'resource', additionalProperties: false });
    expect(p['cgoLens.inlayHints.enable']).toMatchObject({ type: 'boolean', default: true });
    expect(p['cgoLens.images']).toMatchObject({ type: 'object', scope: 'resource' });
    expect(p['cgoLens.images'].additionalProperties.properties.libc.enum).toEqual(['glibc', 'musl', 'none']);
    expect(p['cgoLens.images'].additionalProperties.required).toEqual(['libc']);
    expect(p['cgoLens.images'].markdownDescription).toContain('```json');
    expect(p['cgoLens.maxFileBytes']).toMatchObject({ type: 'number', default: 2097152 });
    expect(p['cgoLens.trace.server']).toMatchObject({ enum: ['off', 'messages', 'verbose'], default: 'off', scope: 'window' });
  });
});

describe('.cgo-lens.yaml schema', () => {
  it('generates the rule id enum and one markdown description per rule, like the settings', () => {
    const schema = buildRepoConfigSchema(rules, url);
    expect(schema.definitions.ruleId).toEqual({
      type: 'string',
      enum: ['CGO101', 'CGO504'],
      markdownEnumDescriptions: [
        '**CGO101** — The first | rule. [Docs](https://example.test/docs/CGO101.md)',
        '**CGO504** — The second rule. [Docs](https://example.test/docs/CGO504.md)',
      ],
    });
    const settings = buildConfiguration(rules, url).properties['cgoLens.rules'].properties;
    expect(schema.definitions.ruleId.markdownEnumDescriptions).toEqual(Object.values(settings).map((p: any) => p.markdownDescription));
  });

  it('keeps the fixed part: draft-07, closed, every rule list points at the generated definition', () => {
    const schema = buildRepoConfigSchema(rules, url);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.ignored.items).toEqual({ $ref: '#/definitions/ruleId' });
    for (const level of Object.keys(schema.properties.override.properties)) {
      expect(schema.properties.override.properties[level].items).toEqual({ $ref: '#/definitions/ruleId' });
    }
  });

  it('is 2-space JSON with a final newline, and --check flags a stale or missing file', () => {
    const text = repoConfigSchemaText(rules, url);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(buildRepoConfigSchema(rules, url));
    const repo = goodRepo();
    expect(checkReport(plan(rules, url, repo))).toContain(`  - ${REPO_CONFIG_SCHEMA} (.cgo-lens.yaml schema (rule ids)) — file missing`);
    generateInto(repo);
    expect(repo.files[REPO_CONFIG_SCHEMA]).toBe(text);
    repo.files[REPO_CONFIG_SCHEMA] = text.replace('"CGO504"', '"CGO505"');
    expect(checkReport(plan(rules, url, repo))).toContain(`  - ${REPO_CONFIG_SCHEMA} (.cgo-lens.yaml schema (rule ids))`);
  });
});

describe('package.json update', () => {
  it('replaces only contributes.configuration and keeps key order, 2-space indent and a trailing newline', () => {
    const repo = goodRepo();
    const before = JSON.parse(repo.files['package.json']!);
    const { text, changed } = updatePackageJson(repo.files['package.json']!, buildConfiguration(rules, url));
    expect(changed).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "contributes": {\n    "languages": []');
    const after = JSON.parse(text);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(Object.keys(after.contributes)).toEqual(['languages', 'configuration', 'commands']);
    expect(after.scripts).toEqual(before.scripts);
  });

  it('leaves the text untouched when the configuration is already current', () => {
    const once = updatePackageJson(goodRepo().files['package.json']!, buildConfiguration(rules, url)).text;
    const weird = once.replace('"name": "x"', '"name":   "x"'); // someone else's formatting
    const again = updatePackageJson(weird, buildConfiguration(rules, url));
    expect(again).toEqual({ text: weird, changed: false });
  });

  it('rejects invalid JSON with a clear message', () => {
    expect(() => updatePackageJson('{', {})).toThrow(/package.json is not valid JSON/);
  });
});

describe('markers', () => {
  it('replaces the block between the markers and is idempotent', () => {
    const text = `a\n${MARK_START}\nold\n${MARK_END}\nb\n`;
    const once = replaceBetweenMarkers(text, '| t |');
    expect(once).toBe(`a\n${MARK_START}\n${GENERATED_NOTE}\n\n| t |\n\n${MARK_END}\nb\n`);
    expect(replaceBetweenMarkers(once, '| t |')).toBe(once);
  });

  it('keeps CRLF line endings', () => {
    const out = replaceBetweenMarkers(`a\r\n${MARK_START}\r\n${MARK_END}\r\n`, 'x\ny');
    expect(out).toBe(`a\r\n${MARK_START}\r\n${GENERATED_NOTE}\r\n\r\nx\r\ny\r\n\r\n${MARK_END}\r\n`);
  });

  it('refuses missing, duplicated or reversed markers', () => {
    expect(() => replaceBetweenMarkers('no markers', 'x', 'README.md')).toThrow(MarkerError);
    expect(() => replaceBetweenMarkers(`${MARK_START}${MARK_START}${MARK_END}`, 'x')).toThrow(/exactly once/);
    expect(() => replaceBetweenMarkers(`${MARK_END}\n${MARK_START}`, 'x')).toThrow(/before/);
  });
});

describe('docs pages', () => {
  const read = (files: Record<string, string>) => (n: string) => files[n];

  it('accepts one page per rule with matching title and severity', () => {
    const files = { 'CGO101.md': page('CGO101', 'first-rule', 'error'), 'CGO504.md': page('CGO504', 'second-rule', 'hint') };
    expect(checkDocsPages(rules, [...Object.keys(files), 'README.md'], read(files))).toEqual([]);
  });

  it('reports a rule without a page and a page without a rule', () => {
    const files = { 'CGO101.md': page('CGO101', 'first-rule', 'error'), 'CGO999.md': page('CGO999', 'gone', 'error') };
    const problems = checkDocsPages(rules, Object.keys(files), read(files));
    expect(problems).toEqual([
      'docs/rules/CGO504.md is missing: rule CGO504 (second-rule) is in the registry but has no docs page',
      'docs/rules/CGO999.md has no rule in the registry (remove the page, or add the rule to server/src/rules/registry.ts)',
    ]);
  });

  it('reports a page whose title or severity drifted from the registry', () => {
    const files = { 'CGO101.md': page('CGO101', 'old-name', 'warning'), 'CGO504.md': '# CGO504 — second-rule\n\nNo severity line.\n' };
    const problems = checkDocsPages(rules, Object.keys(files), read(files));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('first line must be "# CGO101 — first-rule"');
    expect(problems[1]).toContain('Default severity: **error**');
    expect(problems[2]).toContain('found no such line');
  });
});

describe('plan and --check report', () => {
  it('a freshly generated repository has nothing stale and no problems', () => {
    const repo = goodRepo();
    generateInto(repo);
    expect(repo.files['docs/rules/README.md']).toBe(replaceBetweenMarkers(docsIndexTemplate(), [
      '| Rule | Severity | Name | Title |',
      '|---|---|---|---|',
      '| [CGO101](CGO101.md) | error | `first-rule` | The first \\| rule |',
      '| [CGO504](CGO504.md) | hint | `second-rule` | The second rule. |',
    ].join('\n')));
    expect(repo.files['README.md']).toContain('| [CGO101](docs/rules/CGO101.md) | error | The first \\| rule |');
    expect(repo.files['README.md']!.startsWith('# X\n\nintro\n')).toBe(true);
    expect(repo.files['README.md']!.endsWith(`${MARK_END}\n\nafter\n`)).toBe(true);
    const result = plan(rules, url, repo);
    expect(staleOutputs(result.outputs)).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(checkReport(result)).toBe('');
  });

  it('lists every out-of-date file', () => {
    const repo = goodRepo();
    generateInto(repo);
    const changed = rules.map((r) => (r.meta.id === 'CGO101' ? { meta: { ...r.meta, severity: 'warning' } } : r));
    repo.files['docs/rules/CGO101.md'] = page('CGO101', 'first-rule', 'warning');
    const report = checkReport(plan(changed, url, repo));
    expect(report).toContain('Generated files are out of date');
    expect(report).toContain('  - package.json (contributes.configuration)');
    expect(report).not.toContain(REPO_CONFIG_SCHEMA); // severities are not part of the .cgo-lens.yaml schema
    expect(report).toContain('  - docs/rules/README.md (rule index)');
    expect(report).toContain('  - README.md (rules table)');
    expect(report).toContain('npm run generate');
  });

  it('catches a deleted docs page', () => {
    const repo = goodRepo();
    generateInto(repo);
    delete repo.files['docs/rules/CGO504.md'];
    const report = checkReport(plan(rules, url, repo));
    expect(report).toContain('docs/rules/CGO504.md is missing');
    expect(report).not.toContain('out of date');
  });

  it('reports a README without markers instead of guessing where the table goes', () => {
    const repo = goodRepo();
    repo.files['README.md'] = '# X\n';
    expect(plan(rules, url, repo).problems).toContain(`README.md must contain ${MARK_START} and ${MARK_END} exactly once each (found 0 and 0)`);
  });

  it('validates the registry shape', () => {
    expect(validateRules([])).toEqual(['the registry exports no rules (RULES is empty or missing)']);
    const bad = [rules[0]!, { meta: { id: 'CGO101', name: 'Bad Name', title: '', severity: 'off' } }];
    expect(validateRules(bad)).toEqual([
      'rule id CGO101 appears twice in RULES',
      'CGO101: name "Bad Name" is not kebab-case',
      'CGO101: missing title',
      'CGO101: severity "off" is not one of hint, information, warning, error',
    ]);
  });
});

describe('this repository', () => {
  // Imported here, not at the top, so the pure tests above still run when a rule file does not compile.
  let RULES: readonly RuleLike[] = [];
  let docsUrl: (id: any) => string = () => '';
  beforeAll(async () => {
    ({ RULES, docsUrl } = await import('../../server/src/rules/registry'));
  });
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const repo: PlanIO = {
    read: (p) => (existsSync(join(root, p)) ? readFileSync(join(root, p), 'utf8') : undefined),
    listDocs: () => readdirSync(join(root, 'docs/rules')).filter((n) => n.endsWith('.md')),
  };

  it('generated files and docs pages match the registry (same as `npm run check:generated`)', () => {
    expect(checkReport(plan(RULES, docsUrl, repo))).toBe('');
  });

  it('would notice if any rule page were deleted', () => {
    for (const { meta } of RULES) {
      const without: PlanIO = { ...repo, listDocs: () => repo.listDocs().filter((n) => n !== `${meta.id}.md`) };
      expect(plan(RULES, docsUrl, without).problems).toContain(
        `docs/rules/${meta.id}.md is missing: rule ${meta.id} (${meta.name}) is in the registry but has no docs page`,
      );
    }
  });
});
