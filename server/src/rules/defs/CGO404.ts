import type { Rule, RuleFinding } from '../types';
import { rangeText, at } from '../util';

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
      // The binaries that run where this GODEBUG is set: delivered into that stage, or built in it.
      const binaries = plan.deliveries.filter((d) => d.runtime.stage === g.stage).map((d) => d.artifact.producer);
      if (binaries.length === 0 || binaries.some((b) => b.cgo.state !== 'off')) continue;
      const raw = rangeText(text, g.loc.range);
      out.push({
        loc: g.loc,
        stage: g.stage,
        message: `GODEBUG=netdns=cgo is ignored: the binary is built with cgo off (${binaries[0].cgo.reasons[0]?.text ?? 'CGO_ENABLED=0'}), so it has no cgo resolver and prints \`go package net: ignoring GODEBUG=netdns=cgo as the binary was compiled without support for the cgo resolver\`.`,
        related: [{ loc: binaries[0].commandLoc, message: 'Built without cgo here.' }],
        fixes: raw.includes('netdns=cgo') ? [{ title: 'Use GODEBUG netdns=go (the resolver the binary really uses)', preferred: true, safe: true, edits: [at(g.loc, raw.replace(/netdns=cgo/g, 'netdns=go'))] }] : [],
      });
    }
    return out;
  },
};
