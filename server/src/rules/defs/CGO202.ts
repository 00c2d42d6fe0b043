import type { Rule, RuleFinding } from '../types';
import { cgoFix } from '../util';

export const rule: Rule = {
  meta: {
    id: 'CGO202',
    name: 'cgo-setting-implicit',
    severity: 'information',
    title: 'CGO_ENABLED is not set, so the environment decides',
    summary:
      'When `CGO_ENABLED` is unset the go command decides: off for cross builds, on for native builds when a C compiler is on PATH (Go ≥ 1.20), always on before Go 1.20. Adding `build-base` or bumping the image silently changes the binary. Set it explicitly.',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const inv of plan.invocations) {
      if (!inv.cgo.implicit || inv.cgo.invalid || (inv.subcommand !== 'build' && inv.subcommand !== 'install')) continue;
      if (inv.target.viaXx) continue;
      const now = inv.cgo.state;
      const keep = now === 'on' ? cgoFix(inv, '1', text, false, 'Set CGO_ENABLED=1 (what it resolves to now)') : cgoFix(inv, '0', text, false, 'Set CGO_ENABLED=0 (what it resolves to now)');
      const other = now === 'on' ? cgoFix(inv, '0', text, false, 'Set CGO_ENABLED=0 (static binary)') : undefined;
      if (keep) {
        keep.preferred = true;
        keep.safe = now !== 'unknown';
      }
      out.push({
        loc: inv.commandLoc,
        stage: inv.stage,
        message: `CGO_ENABLED is not set for this build, so it is ${now === 'unknown' ? 'decided by the environment' : now}: ${inv.cgo.reasons[0]?.text ?? ''}. The same file gives a different binary on another Go version, builder image or architecture; set it explicitly.`,
        fixes: [keep, other].filter((f) => f !== undefined),
      });
    }
    return out;
  },
};
