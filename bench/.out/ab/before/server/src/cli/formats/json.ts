import { docsUrl } from '../../rules/registry';
import type { Report } from './report';

/**
 * DESIGN §10: `{"version":1,"findings":[…]}` with 0-based LSP positions. The required fields come first in
 * every object (consumers and diff tools read them in that order); `related` and `docsUrl` are additions.
 * Compact, on one line: it is read by programs (`jq`), and pretty-printing positions quadruples the size.
 */
export function formatJson(report: Report): string {
  const findings = report.entries.map(({ file, finding }) => ({
    file,
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    range: range(finding.loc.range),
    related: finding.related.map((r) => ({ file: report.displayUri(r.loc.uri), message: r.message, range: range(r.loc.range) })),
    docsUrl: docsUrl(finding.code),
  }));
  return JSON.stringify({ version: 1, findings }) + '\n';
}

// Copies only the four numbers, so extra properties on hand-made or future positions never leak out.
function range(r: { start: { line: number; character: number }; end: { line: number; character: number } }) {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}
