import type { BuildPlan } from '../../model/types';
import type { Rule, RuleFinding } from '../types';
import { rangeText, at } from '../util';

const IGNORED = '`go package net: ignoring GODEBUG=netdns=cgo as the binary was compiled without support for the cgo resolver`';

export const rule: Rule = {
  meta: {
    id: 'CGO404',
    name: 'netdns-cgo-without-cgo',
    severity: 'warning',
    title: 'GODEBUG=netdns=cgo has no effect in a binary built without cgo',
    summary:
      'A binary built with `CGO_ENABLED=0` has no cgo resolver: `GODEBUG=netdns=cgo` is ignored at run time (`go package net: ignoring GODEBUG=netdns=cgo as the binary was compiled without support for the cgo resolver`).',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const g of plan.godebug) {
      // The binaries that run where this GODEBUG is set: delivered into that stage (or a stage built FROM it,
      // which inherits its ENV), or built in it.
      const binaries = plan.deliveries.filter((d) => inherits(plan.stages, d.runtime.stage, g.stage)).map((d) => d.artifact.producer);
      if (binaries.length === 0 || binaries.some((b) => b.cgo.state !== 'off')) continue;
      const raw = rangeText(text, g.loc.range);
      out.push({
        loc: g.loc,
        stage: g.stage,
        // Go only reports the ignored setting at a debug level (netdns=cgo+1); plain netdns=cgo is silent (cgo-facts A16).
        message: `GODEBUG=netdns=cgo is ignored: the binary is built with cgo off (${binaries[0].cgo.reasons[0]?.text ?? 'CGO_ENABLED=0'}), so it has no cgo resolver and ${/netdns=cgo\+\d/.test(g.value) ? `uses the pure-Go resolver; it prints ${IGNORED}` : `silently uses the pure-Go resolver (with netdns=cgo+1 it prints ${IGNORED})`}.`,
        related: [{ loc: binaries[0].commandLoc, message: 'Built without cgo here.' }],
        fixes: raw.includes('netdns=cgo') ? [{ title: 'Use GODEBUG netdns=go (the resolver the binary really uses)', preferred: true, safe: true, edits: [at(g.loc, raw.replace(/netdns=cgo/g, 'netdns=go'))] }] : [],
      });
    }
    return out;
  },
};

/** Is `stage` the stage `ancestor` or built FROM it (directly or through other stages)? */
function inherits(stages: BuildPlan['stages'], stage: number | undefined, ancestor: number | undefined): boolean {
  for (let s = stage; s !== undefined; s = stages[s]?.parent) if (s === ancestor) return true;
  return false;
}
