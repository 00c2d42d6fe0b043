// The part of a hover that explains the diagnostics under the cursor: rule id and title, the finding's own
// message, the rule's summary and its docs page.
import type { Position } from '../model/types';
import type { Finding } from '../rules/types';
import { docsUrl, ruleById } from '../rules/registry';
import { contains } from './text';

export function findingsAt(findings: readonly Finding[], uri: string, position: Position): Finding[] {
  return findings.filter((f) => f.loc.uri === uri && contains(f.loc.range, position));
}

export function findingSection(f: Finding): string {
  const rule = ruleById(f.code);
  const title = rule?.meta.title ?? '';
  const lines = [`**${f.code}** — ${title}${title ? ' ' : ''}(${f.severity})`, f.message];
  if (rule?.meta.summary) lines.push(rule.meta.summary);
  lines.push(`[${f.code} documentation](${docsUrl(f.code)})`);
  return lines.join('\n\n');
}
