/**
 * Hover explanations (DESIGN §7): what the thing under the cursor resolves to *here* and why, the diagnostics on
 * it, and the static-vs-dynamic tradeoff with a docs link. Pure and cheap: it reads the BuildPlan and findings of
 * the last analysis and the text they came from — it never parses the document again.
 */
import type { BuildPlan, Position, Range } from '../model/types';
import type { Finding } from '../rules/types';
import { assignmentHover, EXPLAINED_VARIABLES, referenceHover } from './envVar';
import { findingSection, findingsAt } from './findings';
import { flagHover } from './flags';
import { gomodHover } from './gomod';
import { goCommandHover } from './goCommand';
import { copyHover, fromHover } from './image';
import type { HoverContext, HoverPart } from './part';
import { contains, extent, identifierAt, TextView } from './text';
import { tradeoffSection } from './tradeoff';

export { toPlainText } from './plainText';

export interface HoverResult {
  markdown: string;
  range: Range;
}

const SEPARATOR = '\n\n---\n\n';

export function hoverAt(plan: BuildPlan, text: string, position: Position, findings: readonly Finding[]): HoverResult | undefined {
  const ctx: HoverContext = { plan, view: new TextView(text), position };
  const part = targetAt(ctx);
  const hits = findingsAt(findings, plan.uri, position);
  if (!part && hits.length === 0) return undefined;
  const sections: string[] = [];
  if (part) sections.push(part.markdown);
  sections.push(...hits.slice(0, 4).map(findingSection));
  sections.push(tradeoffSection(part ? [...part.docs, ...hits.map((f) => f.code)] : hits.map((f) => f.code)));
  const range = part?.range ?? tightest(hits.map((f) => f.loc.range));
  return { markdown: sections.join(SEPARATOR), range };
}

/** The most specific thing under the cursor, in order: flag, go command word, variable, COPY --from, FROM. */
function targetAt(ctx: HoverContext): HoverPart | undefined {
  const { plan, position } = ctx;
  if (plan.kind === 'gomod') return gomodHover(ctx);
  const flag = flagHover(ctx);
  if (flag) return flag;

  const commands = plan.invocations.filter((i) => contains(i.commandLoc.range, position));
  if (commands.length) return goCommandHover(ctx, commands.reduce((a, b) => (extent(b.commandLoc.range) < extent(a.commandLoc.range) ? b : a)));

  const word = identifierAt(ctx.view, position);
  const occurrences = plan.occurrences.filter((o) => o.kind === 'assignment' && EXPLAINED_VARIABLES.has(o.name) && contains(o.loc.range, position));
  // `GOARCH=$TARGETARCH`: hovering TARGETARCH explains TARGETARCH, not the GOARCH assignment around it.
  const otherWord = word && EXPLAINED_VARIABLES.has(word.word) && !occurrences.some((o) => o.name === word.word);
  if (occurrences.length && !otherWord) {
    return assignmentHover(ctx, occurrences.reduce((a, b) => (extent(b.loc.range) < extent(a.loc.range) ? b : a)));
  }
  if (word) {
    const ref = referenceHover(ctx, word);
    if (ref) return ref;
  }

  const copy = copyHover(ctx);
  if (copy) return copy;

  const stage = plan.stages.find((s) => contains(s.fromLoc.range, position));
  if (stage) return fromHover(ctx, stage);
  return undefined;
}

function tightest(ranges: Range[]): Range {
  return ranges.reduce((a, b) => (extent(b) < extent(a) ? b : a));
}
