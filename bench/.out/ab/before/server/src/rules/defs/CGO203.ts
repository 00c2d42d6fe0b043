import type { Rule, RuleFinding } from '../types';
import { at, capitalize, line } from '../util';

export const rule: Rule = {
  meta: {
    id: 'CGO203',
    name: 'cross-compile-cgo-without-cc',
    severity: 'error',
    title: 'cgo is enabled for a cross build without a C compiler for the target',
    summary:
      'Cross builds need a C compiler for the target architecture. With `CGO_ENABLED=1` and the host gcc the build fails in `runtime/cgo` (`gcc_arm64.S: Error: no such instruction`). Use tonistiigi/xx, set `CC` to a cross compiler, or build with `CGO_ENABLED=0`.',
  },
  check({ plan }) {
    const out: RuleFinding[] = [];
    for (const inv of plan.invocations) {
      const t = inv.target;
      if (inv.cgo.state !== 'on' || inv.cgo.implicit || t.viaXx || t.targetCc) continue;
      if (t.cross !== 'yes' && !t.platformDependent) continue;
      const goos = t.goos?.value;
      if (goos && goos !== 'linux') continue; // darwin/windows need their own toolchains; not decidable here
      const explicit = inv.cgo.explicit!;
      out.push({
        loc: inv.commandLoc,
        stage: inv.stage,
        message: `CGO_ENABLED=1 (line ${line(explicit.loc)}) on a cross build without a C compiler for the target (CC is not a cross compiler and xx-go is not used): the host gcc cannot build runtime/cgo for another architecture (for arm64: \`gcc_arm64.S: Error: no such instruction\`). ${capitalize(t.crossWhy ?? '')}.`,
        related: explicit.loc ? [{ loc: explicit.loc, message: `CGO_ENABLED=1 set by ${explicit.describe}.` }] : [],
        fixes: explicit.valueLoc ? [{ title: 'Build with CGO_ENABLED=0', preferred: true, safe: false, edits: [at(explicit.valueLoc, '0')] }] : [],
      });
    }
    return out;
  },
};
