import type { BuildPlan } from '../../model/types';
import type { Rule, RuleFinding } from '../types';
import { line } from '../util';
import { alternativesSentence, cgoReason, enableCgoFix, reasonRelated, relativeName, where } from '../programUtil';
import { buildFailureError, cgoModulesForModule, type CgoModule } from '../../knowledge/cgoModules';

export const rule: Rule = {
  meta: {
    id: 'CGO302',
    name: 'cgo-module-build-failure',
    severity: 'error',
    title: 'A module that has no build without cgo is compiled with cgo off',
    summary:
      'Modules such as `github.com/confluentinc/confluent-kafka-go`, `github.com/DataDog/zstd`, `github.com/google/gopacket/pcap` or `github.com/miekg/pkcs11` are C bindings with no pure-Go build: with `CGO_ENABLED=0` (explicit, a cross build, or no C compiler with Go ≥ 1.20) the build fails with `build constraints exclude all Go files in …` or `undefined: …`. Build with cgo and a C toolchain, or switch to a pure-Go module.',
  },
  check({ plan, text }) {
    if (plan.kind === 'gomod') return goModFindings(plan);
    const out: RuleFinding[] = [];
    for (const inv of plan.invocations) {
      const p = inv.program;
      if (inv.cgo.state !== 'off' || !p?.known) continue;
      const fix = enableCgoFix(inv, plan, text);
      for (const m of p.cgoModules) {
        if (m.entry.withoutCgo.kind !== 'build-failure') continue;
        const unconfirmed = m.entry.withoutCgo.confidence === 'unconfirmed';
        out.push({
          loc: inv.commandLoc,
          stage: inv.stage,
          ...(unconfirmed ? { severity: 'warning' as const } : {}),
          message:
            `Built with cgo off (${cgoReason(inv)}), but the program imports \`${m.importPath}\` (${where(m.importLoc)}), ` +
            `a binding to ${m.entry.needs} that ${failure(m.entry, m.module)}.${alternativesSentence(m.entry.alternatives)}`,
          related: [
            ...(m.requireLoc ? [{ loc: m.requireLoc, message: `\`${m.module}\` is required here; it needs ${m.entry.needs} and cgo. See the hover for alternatives.` }] : []),
            { loc: m.importLoc, message: `\`${m.importPath}\` is imported here.` },
            ...reasonRelated(inv),
          ],
          fixes: fix ? [fix] : [],
        });
      }
    }
    return out;
  },
};

/** "has no build without cgo: the build fails with `…`", worded as unconfirmed for [U] entries. */
function failure(entry: CgoModule, module: string): string {
  const err = buildFailureError(entry, module);
  if (entry.withoutCgo.confidence === 'unconfirmed') {
    return 'is listed as cgo-only: the build is expected to fail without cgo (unconfirmed: the knowledge base has not verified it)';
  }
  return err ? `has no build without cgo: the build fails with \`${err}\`` : 'has no build without cgo: the build fails';
}

/** On go.mod: the require of a cgo-only module that some build compiles with cgo off (information). */
function goModFindings(plan: BuildPlan): RuleFinding[] {
  const out: RuleFinding[] = [];
  const dir = plan.uri.slice(0, plan.uri.lastIndexOf('/'));
  for (const r of plan.gomod?.requires ?? []) {
    if (!r.cgoOffBuilds?.length) continue;
    const entry = cgoModulesForModule(r.path, r.version).find((e) => e.withoutCgo.kind === 'build-failure');
    if (!entry) continue;
    const first = r.cgoOffBuilds[0];
    const more = r.cgoOffBuilds.length > 1 ? ` (and ${r.cgoOffBuilds.length - 1} more build${r.cgoOffBuilds.length > 2 ? 's' : ''})` : '';
    out.push({
      loc: r.loc,
      severity: 'information',
      message:
        `\`${r.path}\` needs cgo and ${entry.needs}, but ${relativeName(first.loc.uri, dir)} line ${line(first.loc)}${more} builds the program that imports it with cgo off: it ${failure(entry, r.path)}.` +
        alternativesSentence(entry.alternatives),
      related: r.cgoOffBuilds.slice(0, 5).map((b) => ({ loc: b.loc, message: `Built with cgo off: ${b.cgoWhy}.` })),
    });
  }
  return out;
}
