import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import { configErrorDiagnostic, findingToDiagnostic, fixesFromData, skippedDiagnostic, stageFromData, toSeverity } from '../../../server/src/lsp/convert';
import type { Finding } from '../../../server/src/rules/types';

const URI = 'file:///w/Dockerfile';
const r = (l: number, a: number, b: number) => ({ start: { line: l, character: a }, end: { line: l, character: b } });
const ALL = { relatedInformation: true, codeDescription: true, unnecessaryTag: true };
const NONE = { relatedInformation: false, codeDescription: false, unnecessaryTag: false };

const finding: Finding = {
  code: 'CGO504',
  severity: 'hint',
  message: 'no effect',
  loc: { uri: URI, range: r(2, 4, 20) },
  related: [{ loc: { uri: 'file:///w/Makefile', range: r(0, 0, 5) }, message: 'set here' }],
  fixes: [
    { title: 'Remove', preferred: true, safe: true, edits: [{ uri: URI, range: r(2, 3, 20), newText: '' }] },
    { title: 'Also Makefile', preferred: false, safe: false, edits: [{ uri: 'file:///w/Makefile', range: r(0, 0, 5), newText: 'x' }] },
  ],
  tags: ['unnecessary'],
};

describe('findingToDiagnostic', () => {
  it('converts everything a capable client supports', () => {
    expect(findingToDiagnostic(finding, URI, ALL)).toEqual({
      range: r(2, 4, 20),
      severity: DiagnosticSeverity.Hint,
      code: 'CGO504',
      source: 'cgo-lens',
      message: 'no effect',
      codeDescription: { href: 'https://github.com/cgo-lens/cgo-lens/blob/main/docs/rules/CGO504.md' },
      tags: [DiagnosticTag.Unnecessary],
      relatedInformation: [{ location: { uri: 'file:///w/Makefile', range: r(0, 0, 5) }, message: 'set here' }],
      data: {
        fixes: [
          { title: 'Remove', preferred: true, safe: true, edits: [{ range: r(2, 3, 20), newText: '' }] },
          { title: 'Also Makefile', preferred: false, safe: false, edits: [{ uri: 'file:///w/Makefile', range: r(0, 0, 5), newText: 'x' }] },
        ],
      },
    });
  });

  it('leaves out what the client does not support, but always carries data', () => {
    const d = findingToDiagnostic({ ...finding, fixes: [] }, URI, NONE);
    expect(d.codeDescription).toBeUndefined();
    expect(d.tags).toBeUndefined();
    expect(d.relatedInformation).toBeUndefined();
    expect(d.data).toEqual({ fixes: [] });
  });

  it('maps every severity', () => {
    expect(['error', 'warning', 'information', 'hint'].map((s) => toSeverity(s as never))).toEqual([1, 2, 3, 4]);
  });
});

describe('fixesFromData', () => {
  it('round-trips the data of a diagnostic, restoring the document URI', () => {
    const d = findingToDiagnostic(finding, URI, ALL);
    expect(fixesFromData(JSON.parse(JSON.stringify(d.data)), URI)).toEqual(finding.fixes);
  });

  it('rejects data that is not ours', () => {
    for (const data of [undefined, null, 42, 'x', {}, { fixes: 'x' }, { fixes: [{ title: 't' }] }, { fixes: [{ title: 't', edits: [{ range: r(0, 0, 1) }] }] }, { fixes: [{ title: 't', edits: [{ newText: '', range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } }] }] }])
      expect(fixesFromData(data, URI)).toBeUndefined();
  });
});

describe('skippedDiagnostic', () => {
  it('is an information diagnostic spanning the first line', () => {
    expect(skippedDiagnostic('too big', 'FROM x')).toEqual({
      range: r(0, 0, 6),
      severity: DiagnosticSeverity.Information,
      code: 'cgo-lens.skipped',
      source: 'cgo-lens',
      message: 'too big',
    });
  });
});

describe('stage data for "ignore in this stage"', () => {
  it('carries the stage index and its FROM line when the finding has a stage', () => {
    const d = findingToDiagnostic({ ...finding, stage: 1 }, URI, NONE, [0, 7]);
    expect(d.data).toMatchObject({ stage: 1, stageLine: 7 });
    expect(stageFromData(d.data)).toEqual({ stage: 1, stageLine: 7 });
    expect(fixesFromData(d.data, URI)).toHaveLength(2); // the fixes contract is unchanged
  });

  it('leaves them out without a stage, without stage lines, or for an unknown stage', () => {
    for (const d of [
      findingToDiagnostic(finding, URI, NONE, [0, 7]),
      findingToDiagnostic({ ...finding, stage: 1 }, URI, NONE),
      findingToDiagnostic({ ...finding, stage: 5 }, URI, NONE, [0, 7]),
    ]) {
      expect(Object.keys(d.data as object)).toEqual(['fixes']);
      expect(stageFromData(d.data)).toBeUndefined();
    }
    expect(stageFromData({ stage: -1, stageLine: 2 })).toBeUndefined();
    expect(stageFromData({ stage: 0, stageLine: '2' })).toBeUndefined();
    expect(stageFromData(null)).toBeUndefined();
  });
});

describe('configErrorDiagnostic', () => {
  it('is an error with code cgo-lens.config at the problem\'s range', () => {
    expect(configErrorDiagnostic({ message: 'unknown key "x"', range: r(3, 0, 1) })).toEqual({
      range: r(3, 0, 1),
      severity: DiagnosticSeverity.Error,
      source: 'cgo-lens',
      code: 'cgo-lens.config',
      message: 'unknown key "x"',
    });
    expect(configErrorDiagnostic({ message: 'm', range: null as never }).range).toEqual(r(0, 0, 0));
  });
});
