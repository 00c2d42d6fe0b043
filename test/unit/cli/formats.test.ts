import { describe, expect, it } from 'vitest';
import { palette } from '../../../server/src/cli/ansi';
import { escapeData, escapeProperty, formatGithub } from '../../../server/src/cli/formats/github';
import { formatJson } from '../../../server/src/cli/formats/json';
import { formatSarif } from '../../../server/src/cli/formats/sarif';
import { formatText } from '../../../server/src/cli/formats/text';
import { RULES } from '../../../server/src/rules/registry';
import { CWD, ERROR, HINT, INFO, WARNING, report } from './findings';

const all = report([
  { file: 'Dockerfile', finding: ERROR },
  { file: 'Dockerfile', finding: WARNING },
  { file: 'build/Dockerfile', finding: INFO },
  { file: 'build/Dockerfile', finding: HINT },
], 3);
const plain = palette(false);

describe('text', () => {
  it('prints one line per finding with 1-based positions, then the summary', () => {
    expect(formatText(all, { pal: plain, explain: false })).toBe(
      [
        'Dockerfile:7:1: error CGO101 the binary built in stage "build" is dynamically linked against glibc, but scratch has no libc',
        'Dockerfile:3:5: warning CGO105 gcompat, 100% a hack: use a real build',
        'build/Dockerfile:4:5: information CGO202 CGO_ENABLED is not set',
        'build/Dockerfile:4:32: hint CGO504 -installsuffix cgo has no effect',
        '1 errors, 1 warnings, 1 infos, 1 hints in 3 files',
        '',
      ].join('\n'),
    );
  });

  it('colours by severity only when asked', () => {
    const coloured = formatText(all, { pal: palette(true), explain: false });
    expect(coloured).toContain('\u001b[31merror\u001b[39m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[39m');
    expect(formatText(all, { pal: plain, explain: true })).not.toMatch(/\u001b\[/);
  });

  it('explains each finding: title, wrapped summary, related locations, docs URL', () => {
    const out = formatText(report([{ file: 'Dockerfile', finding: ERROR }]), { pal: plain, explain: true, width: 80 });
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^Dockerfile:7:1: error CGO101 /);
    const block = lines.slice(1, lines.indexOf(''));
    expect(block[0]).toBe(`    ${RULES[0]!.meta.title} (dynamic-binary-without-its-libc)`);
    expect(block).toContain('    Dockerfile:4:5: built here with cgo on');
    expect(block[block.length - 1]).toBe('    Docs: https://github.com/cgo-lens/cgo-lens/blob/main/docs/rules/CGO101.md');
    for (const l of block) expect(l.startsWith('    ')).toBe(true);
    // Summary lines are wrapped, and a code span is never cut in two.
    for (const l of block.slice(1, -2)) {
      expect(l.length).toBeLessThanOrEqual(80);
      expect((l.match(/`/g) ?? []).length % 2).toBe(0);
    }
  });

  it('summarises an empty report', () => {
    expect(formatText(report([], 0), { pal: plain, explain: true })).toBe('0 errors, 0 warnings, 0 infos, 0 hints in 0 files\n');
  });
});

describe('json', () => {
  it('has exactly the contract shape, required fields first, 0-based positions', () => {
    const out = JSON.parse(formatJson(all));
    expect(Object.keys(out)).toEqual(['version', 'findings']);
    expect(out.version).toBe(1);
    expect(out.findings).toHaveLength(4);
    const [first] = out.findings;
    expect(Object.keys(first).slice(0, 5)).toEqual(['file', 'code', 'severity', 'message', 'range']);
    expect(first).toMatchObject({
      file: 'Dockerfile',
      code: 'CGO101',
      severity: 'error',
      range: { start: { line: 6, character: 0 }, end: { line: 6, character: 30 } },
      related: [{ file: 'Dockerfile', message: 'built here with cgo on', range: { start: { line: 3, character: 4 }, end: { line: 3, character: 30 } } }],
      docsUrl: 'https://github.com/cgo-lens/cgo-lens/blob/main/docs/rules/CGO101.md',
    });
    expect(out.findings[1].message).toBe('gcompat, 100% a hack:\nuse a real build');
  });

  it('prints an empty list when there is nothing to report', () => {
    expect(JSON.parse(formatJson(report([])))).toEqual({ version: 1, findings: [] });
  });
});

describe('sarif', () => {
  const log = JSON.parse(formatSarif(all, { version: '1.2.3', cwd: CWD }));
  const run = log.runs[0];

  it('is a 2.1.0 log with one run and every registry rule', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'cgo-lens', version: '1.2.3', informationUri: 'https://github.com/cgo-lens/cgo-lens' });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    const cgo504 = run.tool.driver.rules.find((r: { id: string }) => r.id === 'CGO504');
    expect(cgo504).toMatchObject({
      name: 'installsuffix-obsolete',
      shortDescription: { text: RULES.find((r) => r.meta.id === 'CGO504')!.meta.title },
      helpUri: 'https://github.com/cgo-lens/cgo-lens/blob/main/docs/rules/CGO504.md',
      defaultConfiguration: { level: 'note' },
    });
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///work/project/');
  });

  it('maps severities to levels and ranges to 1-based regions', () => {
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(['error', 'warning', 'note', 'note']);
    const [err] = run.results;
    expect(err.ruleId).toBe('CGO101');
    expect(run.tool.driver.rules[err.ruleIndex].id).toBe('CGO101');
    expect(err.message.text).toBe(ERROR.message);
    expect(err.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' },
      region: { startLine: 7, startColumn: 1, endLine: 7, endColumn: 31 },
    });
    expect(err.relatedLocations[0]).toMatchObject({
      id: 1,
      message: { text: 'built here with cgo on' },
      physicalLocation: { region: { startLine: 4, startColumn: 5, endLine: 4, endColumn: 31 } },
    });
    expect(run.results[2].locations[0].physicalLocation.artifactLocation.uri).toBe('build/Dockerfile');
  });

  it('encodes paths as URI references', () => {
    const out = JSON.parse(formatSarif(report([{ file: 'my app/Dockerfile #1', finding: HINT }]), { version: '1.0.0', cwd: CWD }));
    expect(out.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('my%20app/Dockerfile%20%231');
  });
});

describe('github', () => {
  it('prints one workflow command per finding, with notice for information and hint', () => {
    const lines = formatGithub(all).trimEnd().split('\n');
    expect(lines).toEqual([
      `::error file=Dockerfile,line=7,col=1,endLine=7,endColumn=30,title=CGO101::${ERROR.message}`,
      '::warning file=Dockerfile,line=3,col=5,endLine=3,endColumn=20,title=CGO105::gcompat, 100%25 a hack:%0Ause a real build',
      '::notice file=build/Dockerfile,line=4,col=5,endLine=4,endColumn=30,title=CGO202::CGO_ENABLED is not set',
      '::notice file=build/Dockerfile,line=4,col=32,endLine=4,endColumn=49,title=CGO504::-installsuffix cgo has no effect',
    ]);
  });

  it('escapes data and properties like @actions/core', () => {
    expect(escapeData('50% a\r\nb: c, d')).toBe('50%25 a%0D%0Ab: c, d');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    const out = formatGithub(report([{ file: 'odd,dir:x/Dockerfile', finding: HINT }]));
    expect(out).toMatch(/^::notice file=odd%2Cdir%3Ax\/Dockerfile,line=4,/);
  });

  it('prints nothing for an empty report', () => {
    expect(formatGithub(report([]))).toBe('');
  });
});
