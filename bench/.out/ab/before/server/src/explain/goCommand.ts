// Hover on a `go build|install|test|run` command word: effective CGO with its reason chain, target, linkage, what the
// binary needs at run time, the build host, and where the binary ends up.
import type { GoInvocation, RuntimeTarget } from '../model/types';
import {
  cgoDigit, commandName, compatibility, hostSentence, linkageLabel, linkageSentence, reasonText, resolvesTo, runtimeNeeds,
  stageLabel, targetSentence, verdictWord,
} from './describe';
import { capped, type HoverContext, type HoverPart } from './part';
import { lineOf } from './text';

export function goCommandHover(ctx: HoverContext, inv: GoInvocation): HoverPart {
  const docs: string[] = [];
  const head = `**\`${commandName(inv)}\`** (line ${lineOf(inv.commandLoc)}) — \`CGO_ENABLED=${cgoDigit(inv.cgo.state)}\` · ${linkageLabel(inv)}`;
  const reasons = inv.cgo.reasons.map((r, i) => `${i + 1}. ${reasonText(r)}`);
  const why = `${resolvesTo(inv.cgo)} because:\n${reasons.join('\n') || '1. no reason recorded'}`;

  const facts = [
    `- **Target:** ${targetSentence(inv.target)}`,
    `- **Linkage:** ${linkageSentence(inv)}`,
    `- **Needs at run time:** ${runtimeNeeds(inv)}`,
    `- **Build host:** ${hostSentence(inv.host)}`,
  ];

  const runsOn: string[] = [];
  for (const d of ctx.plan.deliveries) {
    if (d.artifact.producer !== inv && d.artifact.producer.id !== inv.id) continue;
    const c = compatibility(inv, d.runtime);
    const stage = d.runtime.stage === undefined ? undefined : ctx.plan.stages[d.runtime.stage];
    const where = `${d.runtime.label}${stage ? ` (${stageLabel(stage)})` : ''}`;
    runsOn.push(`- ${d.artifact.path ? `\`${d.artifact.path}\`` : 'the binary'} on ${where}: ${verdictWord(c.verdict)} — ${c.text}`);
    if (c.verdict === 'fails' || c.verdict === 'may-fail') docs.push(failureRule(inv, d.runtime));
  }

  const lost = inv.ineffective.map((x) => `- \`${x.name}=${x.value ?? '…'}\` (line ${lineOf(x.loc)}) has no effect: ${x.why}`);
  if (lost.length) docs.push('CGO204');
  if (inv.sanitizers.length && inv.cgo.state === 'off') docs.push('CGO207');
  if (inv.target.cross === 'yes' && inv.cgo.state === 'on' && !inv.target.targetCc && !inv.target.viaXx) docs.push('CGO203');
  if (inv.cgo.implicit) docs.push('CGO202');
  docs.push('CGO202');

  const parts = [head, why, facts.join('\n')];
  if (runsOn.length) parts.push(`**Where the binary runs:**\n${capped(runsOn, 5).join('\n')}`);
  if (lost.length) parts.push(`**Assignments that do not reach this command:**\n${capped(lost, 5).join('\n')}`);
  return { markdown: parts.join('\n\n'), range: inv.commandLoc.range, docs };
}

/** The rule that reports this runtime mismatch, for the docs link. */
function failureRule(inv: GoInvocation, rt: RuntimeTarget): string {
  if (inv.cgo.state === 'off' && inv.linkage.kind === 'dynamic-glibc') return 'CGO104';
  if (inv.linkage.kind === 'dynamic-musl' && rt.libc === 'glibc') return 'CGO102';
  if (inv.linkage.kind === 'dynamic-glibc' && rt.libc === 'glibc') return 'CGO103';
  if (rt.compatHacks.length) return 'CGO105';
  return 'CGO101';
}
