import * as fs from 'node:fs';
import * as path from 'node:path';
import { docsUrl, ruleById } from '../rules/registry';
import type { RuleMeta } from '../rules/types';
import type { Palette } from './ansi';
import { CliError } from './io';
import { renderMarkdown, wrapMarkdown } from './markdown';

/**
 * `cgo-lens explain CGOxxx`: the rule's docs page rendered for the terminal, or — when the page is not
 * shipped — what the registry knows, so the command is useful from any install.
 */
export function explainRule(idArg: string, pal: Palette, width = 100): string {
  const rule = ruleById(idArg.trim());
  // The id comes from the registry, never from the argument, so it cannot name a path outside docs/rules.
  if (!rule) throw new CliError(`unknown rule "${idArg}" (run "cgo-lens rules" to list them)`);
  const meta = rule.meta;
  const page = findDocsPage(meta.id);
  const header = `${pal.bold(meta.id)} ${meta.name} ${pal.gray(`(default severity: ${meta.severity})`)}\n\n`;
  if (page !== undefined) {
    const body = renderMarkdown(page, pal);
    // Pages usually open with a heading naming the rule; add the header only when they do not.
    return (body.includes(meta.id) ? '' : header) + body + `\n${pal.gray('Online:')} ${docsUrl(meta.id)}\n`;
  }
  return header + fallback(meta, pal, width);
}

function fallback(meta: RuleMeta, pal: Palette, width: number): string {
  return [
    pal.bold(meta.title),
    '',
    ...wrapMarkdown(meta.summary, width, '', pal),
    '',
    `${pal.gray('Documentation:')} ${docsUrl(meta.id)}`,
  ].join('\n') + '\n';
}

/**
 * From the bundle (`dist/cli.js`) the page is at `../docs/rules`; from the sources (tests) a few levels
 * further up. The working directory is deliberately not searched: it is the user's project.
 */
export function findDocsPage(id: string): string | undefined {
  if (typeof __dirname !== 'string') return undefined;
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, '..', 'docs', 'rules', `${id}.md`);
    try {
      return fs.readFileSync(candidate, 'utf8');
    } catch {
      // not here; try one level up
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
