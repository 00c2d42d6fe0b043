import { RULES, docsUrl } from '../../server/src/rules/registry';
import type { RuleId } from '../../server/src/rules/types';

export interface RuleDocItem {
  id: RuleId;
  label: string;
  description: string;
  detail: string;
  url: string;
}

/** Quick-pick entries for "CGO Lens: Show Rule Documentation", straight from the rule registry. */
export function ruleDocItems(): RuleDocItem[] {
  return RULES.map((r) => ({
    id: r.meta.id,
    label: r.meta.id,
    description: `${r.meta.name} · ${r.meta.severity}`,
    detail: r.meta.title,
    url: docsUrl(r.meta.id),
  }));
}

/** The docs URL for a rule id given as a command argument (a string, or a diagnostic-like `{code}`), if known. */
export function ruleDocUrl(arg: unknown): string | undefined {
  const raw = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null ? (arg as { code?: unknown }).code : undefined;
  const id = typeof raw === 'string' ? raw : typeof raw === 'object' && raw !== null ? (raw as { value?: unknown }).value : undefined;
  if (typeof id !== 'string') return undefined;
  return ruleDocItems().find((i) => i.id === id.trim().toUpperCase())?.url;
}
