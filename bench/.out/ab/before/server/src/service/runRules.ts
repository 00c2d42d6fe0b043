import type { BuildPlan } from '../model/types';
import type { Finding, RuleId } from '../rules/types';
import type { Settings } from '../config/settings';
import { RULES } from '../rules/registry';
import { compactStack, type Logger } from './logger';

const reported = new Set<string>();

/** Run every enabled rule in isolation: one rule throwing is logged once and the others still report. */
export function runRules(plan: BuildPlan, text: string, settings: Settings, log: Logger): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const level = settings.rules[rule.meta.id as RuleId];
    if (level === 'off') continue;
    let results;
    try {
      results = rule.check({ plan, text });
    } catch (err) {
      const key = `${rule.meta.id}:${err instanceof Error ? err.message : String(err)}`;
      if (!reported.has(key)) {
        reported.add(key);
        log.error(`rule ${rule.meta.id} failed on ${plan.uri}: ${compactStack(err)}`);
      }
      continue;
    }
    for (const r of results) {
      findings.push({
        ...r,
        code: rule.meta.id,
        severity: level ?? r.severity ?? rule.meta.severity,
        related: r.related ?? [],
        fixes: r.fixes ?? [],
        tags: rule.meta.tags,
      });
    }
  }
  findings.sort((a, b) => a.loc.range.start.line - b.loc.range.start.line || a.loc.range.start.character - b.loc.range.start.character || a.code.localeCompare(b.code));
  return findings;
}
