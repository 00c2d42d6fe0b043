import type { Rule, RuleFinding } from '../types';
import { cgoFix, crossWithoutCc, toolchainFix } from '../util';

export const rule: Rule = {
  meta: {
    id: 'CGO207',
    name: 'sanitizer-needs-cgo',
    severity: 'error',
    title: '-race, -msan or -asan with cgo turned off',
    summary: 'On Linux and Windows the race detector and the sanitizers need cgo: `go: -race requires cgo; enable cgo by setting CGO_ENABLED=1`.',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const inv of plan.invocations) {
      if (inv.cgo.state !== 'off' || inv.sanitizers.length === 0) continue;
      const goos = inv.target.goos?.value;
      if (goos === 'darwin') continue;
      const noCompiler = inv.host.cCompiler === 'no';
      for (const s of inv.sanitizers) {
        const enable = cgoFix(inv, '1', text, true, `Enable cgo for this command (CGO_ENABLED=1)${noCompiler ? ' and install a C toolchain' : ''}`);
        const toolchain = noCompiler ? toolchainFix(inv, text, false) : undefined;
        if (enable && toolchain) enable.edits.push(...toolchain.edits);
        // Enabling cgo for a cross build would need a C compiler for the target (CGO203): no one-click fix.
        const usable = enable && (!noCompiler || toolchain) && !crossWithoutCc(inv) ? [enable] : [];
        out.push({
          loc: s.loc,
          stage: inv.stage,
          message: `${s.name} needs cgo, but cgo is off for this command (${inv.cgo.reasons[0]?.text ?? 'CGO_ENABLED=0'}): it fails with \`go: ${s.name} requires cgo; enable cgo by setting CGO_ENABLED=1\`${noCompiler ? `; ${inv.host.label} also needs a C compiler` : ''}.`,
          related: inv.cgo.reasons[0]?.loc ? [{ loc: inv.cgo.reasons[0].loc, message: inv.cgo.reasons[0].text }] : [],
          fixes: usable,
        });
      }
    }
    return out;
  },
};
