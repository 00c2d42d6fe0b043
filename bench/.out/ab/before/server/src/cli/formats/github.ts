import type { Severity } from '../../rules/types';
import type { Report } from './report';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/**
 * GitHub Actions workflow commands, which the runner turns into annotations on the pull request. Nothing
 * else is printed: every stdout line is a command.
 */
export function formatGithub(report: Report): string {
  let out = '';
  for (const { file, finding } of report.entries) {
    const { start, end } = finding.loc.range;
    const line = start.line + 1;
    const col = start.character + 1;
    const endLine = end.line + 1;
    // GitHub's endColumn is the last annotated column (inclusive); LSP's end is exclusive and 0-based.
    const endColumn = Math.max(end.character, endLine === line ? col : 1);
    const props = [`file=${escapeProperty(file)}`, `line=${line}`, `col=${col}`, `endLine=${endLine}`, `endColumn=${endColumn}`, `title=${escapeProperty(finding.code)}`];
    out += `::${COMMAND[finding.severity]} ${props.join(',')}::${escapeData(finding.message)}\n`;
  }
  return out;
}

/** As in @actions/core's command.ts: data escapes %, CR, LF. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Properties additionally escape the separators `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
