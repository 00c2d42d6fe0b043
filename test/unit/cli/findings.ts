import type { Finding, RuleId, Severity } from '../../../server/src/rules/types';
import type { Report, ReportEntry } from '../../../server/src/cli/formats/report';
import { displayUri } from '../../../server/src/cli/paths';

export const CWD = '/work/project';
export const uri = (rel: string) => `file://${CWD}/${rel}`;

/** A finding as the engine would produce it; positions are 0-based. */
export function finding(code: RuleId, severity: Severity, line: number, character: number, endCharacter: number, message: string, extra: Partial<Finding> = {}): Finding {
  return {
    code,
    severity,
    message,
    loc: { uri: uri('Dockerfile'), range: { start: { line, character }, end: { line, character: endCharacter } } },
    related: [],
    fixes: [],
    ...extra,
  };
}

export function report(entries: ReportEntry[], filesChecked = 1): Report {
  return { entries, filesChecked, displayUri: (u) => displayUri(u, CWD) };
}

export const ERROR = finding('CGO101', 'error', 6, 0, 30, 'the binary built in stage "build" is dynamically linked against glibc, but scratch has no libc', {
  related: [{ loc: { uri: uri('Dockerfile'), range: { start: { line: 3, character: 4 }, end: { line: 3, character: 30 } } }, message: 'built here with cgo on' }],
});
export const WARNING = finding('CGO105', 'warning', 2, 4, 20, 'gcompat, 100% a hack:\nuse a real build');
export const INFO = finding('CGO202', 'information', 3, 4, 30, 'CGO_ENABLED is not set');
export const HINT = finding('CGO504', 'hint', 3, 31, 49, '-installsuffix cgo has no effect');
