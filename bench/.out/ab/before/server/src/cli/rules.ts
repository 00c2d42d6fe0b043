import { RULES } from '../rules/registry';
import type { Palette } from './ansi';

/** `cgo-lens rules`: id, default severity, name, title — padded columns, one rule a line. */
export function formatRulesTable(pal: Palette): string {
  const rows = [['ID', 'SEVERITY', 'NAME', 'TITLE'], ...RULES.map((r) => [r.meta.id, r.meta.severity, r.meta.name, r.meta.title])];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell)).join('  ');
      return i === 0 ? pal.bold(line) : line;
    })
    .join('\n') + '\n';
}
