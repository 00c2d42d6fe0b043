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
      // The author did try to set it: CGO204 says why that has no effect; saying "not set" again is noise.
      if (inv.ineffective.some((a) => a.name === 'CGO_ENABLED')) continue;
      const now = inv.cgo.state;
      // GOARCH=$TARGETARCH on $BUILDPLATFORM: on natively, off for every other platform. Pinning 1 would
      // turn those cross builds into CGO203 failures, so 0 (the same static binary everywhere) is the choice.
      const perPlatform = inv.target.platformDependent === true;
      const keepTitle = now === 'unknown' || perPlatform ? 'Set CGO_ENABLED=0 (static binary)' : `Set CGO_ENABLED=${now === 'on' ? 1 : 0} (what it resolves to now)`;
      const keep = cgoFix(inv, now === 'on' && !perPlatform ? '1' : '0', text, false, keepTitle);
      const other = now === 'on' && !perPlatform ? cgoFix(inv, '0', text, false, 'Set CGO_ENABLED=0 (static binary)') : undefined;
      if (keep) {
        keep.preferred = true;
        keep.safe = now !== 'unknown' && !perPlatform;
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
