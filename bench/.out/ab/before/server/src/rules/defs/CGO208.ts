import type { Rule, RuleFinding } from '../types';
import { cgoFix, crossWithoutCc, toolchainFix } from '../util';

const NEEDS_CGO = new Set(['plugin', 'c-shared', 'c-archive']);

export const rule: Rule = {
  meta: {
    id: 'CGO208',
    name: 'buildmode-needs-cgo',
    severity: 'error',
    title: 'A build mode or -linkmode=external that needs cgo, with cgo off',
    summary:
      '`-buildmode=plugin|c-shared|c-archive` and `-linkmode=external` need cgo: with `CGO_ENABLED=0` the build fails (`-linkmode=external requires external (cgo) linking, but cgo is not enabled`).',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const inv of plan.invocations) {
      if (inv.cgo.state !== 'off') continue;
      const mode = inv.buildmode && NEEDS_CGO.has(inv.buildmode.value) ? inv.buildmode : undefined;
      const linkExternal = inv.ldflags?.linkmodeExternal ? inv.ldflags : undefined;
      if (!mode && !linkExternal) continue;
      const noCompiler = inv.host.cCompiler === 'no';
      const enable = cgoFix(inv, '1', text, true, 'Enable cgo for this build (CGO_ENABLED=1)');
      const toolchain = noCompiler ? toolchainFix(inv, text, false) : undefined;
      if (enable && toolchain) enable.edits.push(...toolchain.edits);
      out.push({
        loc: mode ? mode.loc : linkExternal!.loc,
        stage: inv.stage,
        message: mode
          ? `-buildmode=${mode.value} needs cgo, but cgo is off for this build (${inv.cgo.reasons[0]?.text ?? ''}): it fails with \`loadinternal: cannot find runtime/cgo\`.`
          : `-linkmode=external needs cgo, but cgo is off for this build (${inv.cgo.reasons[0]?.text ?? ''}): it fails with \`-linkmode=external requires external (cgo) linking, but cgo is not enabled\`.`,
        // Enabling cgo for a cross build would need a C compiler for the target (CGO203): no one-click fix.
        fixes: enable && (!noCompiler || toolchain) && !crossWithoutCc(inv) ? [enable] : [],
      });
    }
    return out;
  },
};
