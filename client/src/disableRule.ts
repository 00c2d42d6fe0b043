import { ruleById } from '../../server/src/rules/registry';
import type { RuleId } from '../../server/src/rules/types';

/**
 * `cgoLens.disableRule` — the "Disable CGO101 in settings" code action of the server (it only offers it to clients
 * with `workspace/configuration`). The server never claims the command: a server-side claim would make the language
 * client register the same id and clash with this one.
 */
export const DISABLE_RULE_COMMAND = 'cgoLens.disableRule';

/** The command's arguments, `[ruleId, documentUri?]`, checked: an unknown rule id gives undefined. */
export function disableRuleArgs(args: readonly unknown[]): { id: RuleId; uri?: string } | undefined {
  const [rawId, rawUri] = args;
  if (typeof rawId !== 'string') return undefined;
  const rule = ruleById(rawId.trim());
  if (!rule) return undefined;
  return typeof rawUri === 'string' && rawUri ? { id: rule.meta.id, uri: rawUri } : { id: rule.meta.id };
}

/** The new `cgoLens.rules` value at one configuration level: what was there, plus `id: "off"`. Never mutates. */
export function rulesWithOff(current: unknown, id: RuleId): Record<string, unknown> {
  const base = typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as Record<string, unknown>) : {};
  return { ...base, [id]: 'off' };
}
