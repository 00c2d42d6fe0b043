import { pathToFileURL } from 'node:url';
import { RULES, docsUrl } from '../../rules/registry';
import type { Range } from '../../model/types';
import type { Severity } from '../../rules/types';
import type { Report } from './report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/cgo-lens/cgo-lens';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * SARIF 2.1.0 for code-scanning uploads. Every registry rule is listed (not only those that fired) so a
 * viewer can show the catalogue and `ruleIndex` stays meaningful across runs.
 */
export function formatSarif(report: Report, options: { version: string; cwd: string }): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id as string, i]));
  const rules = RULES.map((r) => ({
    id: r.meta.id,
    name: r.meta.name,
    shortDescription: { text: r.meta.title },
    fullDescription: { text: r.meta.summary },
    helpUri: docsUrl(r.meta.id),
    help: { text: `${r.meta.title}\n\n${r.meta.summary}\n\n${docsUrl(r.meta.id)}`, markdown: `**${r.meta.title}**\n\n${r.meta.summary}\n\n[Documentation](${docsUrl(r.meta.id)})` },
    defaultConfiguration: { level: LEVEL[r.meta.severity] },
    properties: { tags: ['cgo', ...(r.meta.tags ?? [])] },
  }));

  const results = report.entries.map(({ file, finding }) => ({
    ruleId: finding.code,
    // A finding whose code is missing from the registry would be a bug; SARIF allows omitting the index.
    ...(ruleIndex.has(finding.code) ? { ruleIndex: ruleIndex.get(finding.code)! } : {}),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [physical(file, finding.loc.range)],
    ...(finding.related.length
      ? {
          relatedLocations: finding.related.map((r, i) => ({
            id: i + 1,
            ...physical(report.displayUri(r.loc.uri), r.loc.range),
            message: { text: r.message },
          })),
        }
      : {}),
  }));

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'cgo-lens', informationUri: INFORMATION_URI, version: options.version, semanticVersion: options.version, rules } },
        // Paths are relative to where cgo-lens ran; this tells consumers what that was.
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(options.cwd.endsWith('/') ? options.cwd : options.cwd + '/').href } },
        // Our columns are LSP's: UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function physical(file: string, range: Range) {
  const startLine = range.start.line + 1;
  const startColumn = range.start.character + 1;
  const endLine = Math.max(range.end.line + 1, startLine);
  // SARIF's endColumn is exclusive like LSP's end, just 1-based; it may not precede the start on one line.
  const endColumn = endLine === startLine ? Math.max(range.end.character + 1, startColumn) : range.end.character + 1;
  return {
    physicalLocation: {
      artifactLocation: { uri: toUriReference(file), uriBaseId: '%SRCROOT%' },
      region: { startLine, startColumn, endLine, endColumn },
    },
  };
}

/** A relative path as a URI reference: segments percent-encoded, `/` kept. */
function toUriReference(file: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(file) && !/^[a-z]:\//i.test(file)) return file;
  return file.split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/');
}
