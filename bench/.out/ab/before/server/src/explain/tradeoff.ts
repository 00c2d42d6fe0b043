// The closing block every hover ends with: the static-vs-dynamic tradeoff in short (DESIGN §7) and links to the
// docs pages the hovered thing is about. Links come from the rule registry so they never point at a missing page.
import { DOCS_BASE_URL, docsUrl, ruleById } from '../rules/registry';
import type { RuleId } from '../rules/types';

/** The rules index: the topic page when no rule page fits. */
export const DOCS_INDEX_URL = `${DOCS_BASE_URL}README.md`;

export const TRADEOFF_MARKDOWN = [
  '**Static or dynamic?**',
  '- Static (`CGO_ENABLED=0`): scratch-ready, pure-Go DNS resolver and `os/user`, no cgo packages.',
  '- Dynamic (`CGO_ENABLED=1`): needs the matching libc at run time, NSS-aware lookups, C libraries usable.',
  '- Image size, for scale: `ubuntu:20.04` 73.9 MB vs `alpine:3.12.1` 5.57 MB.',
].join('\n');

/** `Docs: [CGO101 — title](url) · …`, registered rules only, falling back to the rules index. */
export function docsLine(ids: readonly string[]): string {
  const seen = new Set<string>();
  const links: string[] = [];
  for (const id of ids) {
    const rule = ruleById(id);
    if (!rule || seen.has(rule.meta.id)) continue;
    seen.add(rule.meta.id);
    links.push(`[${rule.meta.id} — ${rule.meta.title}](${docsUrl(rule.meta.id as RuleId)})`);
    if (links.length === 3) break;
  }
  if (!links.length) links.push(`[CGO Lens rules](${DOCS_INDEX_URL})`);
  return `Docs: ${links.join(' · ')}`;
}

export function tradeoffSection(docIds: readonly string[]): string {
  return `${TRADEOFF_MARKDOWN}\n\n${docsLine(docIds)}`;
}
