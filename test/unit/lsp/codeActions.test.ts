import { describe, expect, it } from 'vitest';
import { fixAllAction, kindRequested, overlaps, selectFixAllEdits, toWorkspaceEdit } from '../../../server/src/lsp/codeActions';
import type { Finding, Fix, TextEditSpec } from '../../../server/src/rules/types';

const U = 'file:///w/Dockerfile';
const e = (l: number, a: number, b: number, newText = 'x', uri = U): TextEditSpec => ({ uri, range: { start: { line: l, character: a }, end: { line: l, character: b } }, newText });
const finding = (line: number, fixes: Fix[]): Finding => ({
  code: 'CGO101',
  severity: 'error',
  message: 'm',
  loc: { uri: U, range: { start: { line, character: 0 }, end: { line, character: 1 } } },
  related: [],
  fixes,
});
const fix = (edits: TextEditSpec[], preferred = true, safe = true, title = 't'): Fix => ({ title, preferred, safe, edits });

describe('kindRequested', () => {
  it('matches hierarchical kinds; no only = no source actions', () => {
    expect(kindRequested(undefined, 'quickfix')).toBe(true);
    expect(kindRequested(undefined, 'source.fixAll.cgo-lens')).toBe(false);
    expect(kindRequested(['quickfix'], 'quickfix')).toBe(true);
    expect(kindRequested(['source'], 'quickfix')).toBe(false);
    for (const k of ['source', 'source.fixAll', 'source.fixAll.cgo-lens']) expect(kindRequested([k], 'source.fixAll.cgo-lens')).toBe(true);
    expect(kindRequested(['source.fix'], 'source.fixAll.cgo-lens')).toBe(false);
    expect(kindRequested(['source.fixAll.eslint'], 'source.fixAll.cgo-lens')).toBe(false);
  });
});

describe('overlaps', () => {
  it('ranges that intersect, inserts at the same point, inserts strictly inside a range', () => {
    expect(overlaps(e(0, 0, 5), e(0, 4, 8))).toBe(true);
    expect(overlaps(e(0, 0, 5), e(0, 5, 8))).toBe(false); // touching
    expect(overlaps(e(0, 3, 3), e(0, 3, 3))).toBe(true);
    expect(overlaps(e(0, 3, 3), e(0, 0, 5))).toBe(true);
    expect(overlaps(e(0, 5, 5), e(0, 0, 5))).toBe(false);
    expect(overlaps(e(0, 0, 5), e(0, 0, 5, 'x', 'file:///other'))).toBe(false);
  });
});

describe('selectFixAllEdits', () => {
  it('takes the first preferred safe fix per finding, skipping overlaps and deduplicating identical edits', () => {
    const findings = [
      finding(3, [fix([e(1, 0, 0, 'unsafe')], true, false), fix([e(1, 0, 2, 'a')], false, true), fix([e(1, 4, 4, 'A')])]),
      finding(1, [fix([e(0, 0, 3, 'B')])]),
      finding(5, [fix([e(1, 4, 4, 'A')])]), // same edit as the first finding's: applied once
      finding(6, [fix([e(0, 2, 4, 'C'), e(2, 0, 0, 'D')])]), // overlaps B: the whole fix is skipped
      finding(7, [fix([])]),
      finding(8, [fix([e(4, 0, 1, 'E', 'file:///w/Makefile')])]),
    ];
    expect(selectFixAllEdits(findings).map((x) => x.newText)).toEqual(['B', 'A', 'E']);
  });

  it('visits errors before lower severities, so the error fix wins a conflict', () => {
    const info: Finding = { ...finding(3, [fix([e(3, 4, 4, 'CGO_ENABLED=1 ')])]), code: 'CGO202', severity: 'information' };
    const error: Finding = { ...finding(6, [fix([e(3, 4, 4, 'CGO_ENABLED=0 ')])]), code: 'CGO101', severity: 'error' };
    expect(selectFixAllEdits([info, error]).map((x) => x.newText)).toEqual(['CGO_ENABLED=0 ']);
  });

  it('fixAllAction is undefined when nothing is fixable', () => {
    expect(fixAllAction([finding(0, [fix([e(0, 0, 1)], false, true)])], { codeActionLiterals: true, documentChanges: false }, () => 1)).toBeUndefined();
  });
});

describe('toWorkspaceEdit', () => {
  const edits = [e(2, 0, 1, 'b'), e(0, 0, 1, 'a'), e(0, 0, 0, 'm', 'file:///w/Makefile')];
  it('changes, grouped per URI and sorted', () => {
    expect(toWorkspaceEdit(edits, { documentChanges: false }, () => 3)).toEqual({
      changes: {
        [U]: [{ range: e(0, 0, 1).range, newText: 'a' }, { range: e(2, 0, 1).range, newText: 'b' }],
        'file:///w/Makefile': [{ range: e(0, 0, 0).range, newText: 'm' }],
      },
    });
  });
  it('documentChanges with the open version, null for unopened files', () => {
    const we = toWorkspaceEdit(edits, { documentChanges: true }, (uri) => (uri === U ? 3 : null));
    expect(we.documentChanges?.map((c) => ('textDocument' in c ? c.textDocument : null))).toEqual([
      { uri: U, version: 3 },
      { uri: 'file:///w/Makefile', version: null },
    ]);
  });
});
