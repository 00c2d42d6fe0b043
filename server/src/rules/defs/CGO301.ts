import type { BuildPlan } from '../../model/types';
import type { Rule, RuleFinding } from '../types';
import { line } from '../util';
import { alternativesSentence, cgoReason, enableCgoFix, reasonRelated, relativeName, where } from '../programUtil';
import { cgoModulesForModule } from '../../knowledge/cgoModules';

export const rule: Rule = {
  meta: {
    id: 'CGO301',
    name: 'cgo-module-runtime-stub',
    severity: 'error',
    title: 'A module that needs cgo compiles to a stub because the build turns cgo off',
    summary:
      "Some cgo modules still compile with `CGO_ENABLED=0` but only as a stub: `github.com/mattn/go-sqlite3` (also through `gorm.io/driver/sqlite`) builds and starts, then fails on first use with `Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub`. Switch to a pure-Go module (e.g. `modernc.org/sqlite`) or build with cgo, a C compiler and a matching runtime image.",
  },
  check({ plan, text }) {
    if (plan.kind === 'gomod') return goModFindings(plan);
    const out: RuleFinding[] = [];
    for (const inv of plan.invocations) {
      const p = inv.program;
      if (inv.cgo.state !== 'off' || !p?.known) continue;
      const fix = enableCgoFix(inv, plan, text);
      for (const m of p.cgoModules) {
        const w = m.entry.withoutCgo;
        if (w.kind !== 'runtime-stub' || w.confidence === 'unconfirmed') continue;
        const via = m.entry.via ? ` (through \`${m.entry.via}\`)` : '';
        out.push({
          loc: inv.commandLoc,
          stage: inv.stage,
          message:
            `Built with cgo off (${cgoReason(inv)}), but the program imports \`${m.importPath}\` (${where(m.importLoc)})${via}, which needs cgo: without it \`${m.module}\` compiles to a stub. ` +
            `The build succeeds and the binary starts, then fails on first use with \`${w.message}\`.${alternativesSentence(m.entry.alternatives)}`,
          related: [
            ...(m.requireLoc ? [{ loc: m.requireLoc, message: `\`${m.module}\` is required here; it needs ${m.entry.needs} and cgo. See the hover for pure-Go alternatives.` }] : []),
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

/** On go.mod: the require of a stub module that some build of the workspace compiles with cgo off (information). */
function goModFindings(plan: BuildPlan): RuleFinding[] {
  const out: RuleFinding[] = [];
  const dir = plan.uri.slice(0, plan.uri.lastIndexOf('/'));
  for (const r of plan.gomod?.requires ?? []) {
    if (!r.cgoOffBuilds?.length) continue;
    const entry = cgoModulesForModule(r.path, r.version).find((e) => e.withoutCgo.kind === 'runtime-stub' && e.withoutCgo.confidence !== 'unconfirmed');
    if (!entry || entry.withoutCgo.kind !== 'runtime-stub') continue;
    const first = r.cgoOffBuilds[0];
    const more = r.cgoOffBuilds.length > 1 ? ` (and ${r.cgoOffBuilds.length - 1} more build${r.cgoOffBuilds.length > 2 ? 's' : ''})` : '';
    out.push({
      loc: r.loc,
      severity: 'information',
      message:
        `\`${r.path}\` needs cgo and ${entry.needs}, but ${relativeName(first.loc.uri, dir)} line ${line(first.loc)}${more} builds the program that imports it with cgo off: ` +
        `it compiles to a stub that fails on first use with \`${entry.withoutCgo.message}\`.${alternativesSentence(entry.alternatives)}`,
      related: r.cgoOffBuilds.slice(0, 5).map((b) => ({ loc: b.loc, message: `Built with cgo off: ${b.cgoWhy}.` })),
    });
  }
  return out;
}
