import { ruleById, docsUrl } from '../../rules/registry';
import type { Severity } from '../../rules/types';
import type { Palette } from '../ansi';
import { wrapMarkdown } from '../markdown';
import { countBySeverity, type Report } from './report';

export interface TextOptions {
  pal: Palette;
  explain: boolean;
  /** Columns to wrap explanations at. */
  width?: number;
}

const INDENT = '    ';

/**
 * `path:line:col: severity CODE message`, the shape compilers print, so terminals and editors make it a
 * link; then the summary. Messages are kept on one line: grep and CI log viewers work line by line.
 */
export function formatText(report: Report, options: TextOptions): string {
  const { pal } = options;
  const width = Math.max(40, Math.min(options.width ?? 100, 120));
  const paint: Record<Severity, (s: string) => string> = {
    error: (s) => pal.bold(pal.red(s)),
    warning: (s) => pal.bold(pal.yellow(s)),
    information: pal.blue,
    hint: pal.gray,
  };
  let out = '';
  for (const { file, finding } of report.entries) {
    const { line, character } = finding.loc.range.start;
    out += `${pal.bold(`${file}:${line + 1}:${character + 1}:`)} ${paint[finding.severity](finding.severity)} ${pal.gray(finding.code)} ${oneLine(finding.message)}\n`;
    if (!options.explain) continue;
    const meta = ruleById(finding.code)?.meta;
    if (meta) {
      out += `${INDENT}${pal.bold(meta.title)} ${pal.gray(`(${meta.name})`)}\n`;
      out += wrapMarkdown(oneLine(meta.summary), width, INDENT, pal).join('\n') + '\n';
    }
    for (const r of finding.related) {
      out += `${INDENT}${pal.bold(`${report.displayUri(r.loc.uri)}:${r.loc.range.start.line + 1}:${r.loc.range.start.character + 1}:`)} ${oneLine(r.message)}\n`;
    }
    out += `${INDENT}${pal.gray('Docs:')} ${docsUrl(finding.code)}\n\n`;
  }
  out += summary(report, pal) + '\n';
  return out;
}

/** The contract's fixed wording (`N errors, N warnings, N infos, N hints in F files`), kept verbatim for scripts. */
export function summary(report: Report, pal: Palette): string {
  const c = countBySeverity(report.entries);
  const text = `${c.error} errors, ${c.warning} warnings, ${c.information} infos, ${c.hint} hints in ${report.filesChecked} files`;
  return c.error ? pal.bold(pal.red(text)) : c.warning ? pal.bold(pal.yellow(text)) : pal.bold(text);
}

function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ').trim();
}
