import type { Finding, Severity } from '../../rules/types';

/** What every output format renders: findings tagged with the path the user sees, in output order. */
export interface ReportEntry {
  /** Path relative to the working directory, `/`-separated. */
  file: string;
  finding: Finding;
}

export interface Report {
  entries: ReportEntry[];
  /** How many files were analysed (for the text summary). */
  filesChecked: number;
  /** Turns a related location's URI into the path to print. */
  displayUri(uri: string): string;
}

export const SEVERITY_RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

export function countBySeverity(entries: readonly ReportEntry[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const e of entries) counts[e.finding.severity]++;
  return counts;
}
