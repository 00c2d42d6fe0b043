import type { Rule, RuleFinding } from '../types';
import { cgoReason, enableCgoFix, reasonRelated, where } from '../programUtil';

export const rule: Rule = {
  meta: {
    id: 'CGO303',
    name: 'own-cgo-code-disabled',
    severity: 'error',
    title: 'A workspace package with `import "C"` is built with cgo off',
    summary:
      'Files that `import "C"` are only compiled when cgo is on. With `CGO_ENABLED=0` (explicit, a cross build, or no C compiler with Go ≥ 1.20) a package made only of such files fails with `build constraints exclude all Go files in …`; a package that mixes them with plain Go files fails with `undefined: …` for what the cgo files define. Enable cgo with a C toolchain, or give the package a `//go:build !cgo` fallback.',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const inv of plan.invocations) {
      const p = inv.program;
      if (inv.cgo.state !== 'off' || !p?.known) continue;
      const fix = enableCgoFix(inv, plan, text);
      for (const own of p.ownCgo) {
        if (own.fallback) continue;
        const pkg = own.importPath ? `\`${own.importPath}\`` : 'a workspace package';
        const dir = own.dir.slice(own.dir.lastIndexOf('/') + 1);
        const outcome = own.onlyCgo
          ? `every Go file of ${pkg} uses cgo, so the build fails with \`${own.importPath ? `package ${own.importPath}: ` : ''}build constraints exclude all Go files in …/${decodeURIComponent(dir)}\``
          : `the cgo files of ${pkg} are left out, so the build will most likely fail with \`undefined: …\` for the functions they define (the package has no \`//go:build !cgo\` fallback)`;
        out.push({
          loc: inv.commandLoc,
          stage: inv.stage,
          ...(own.onlyCgo ? {} : { severity: 'warning' as const }),
          message: `Built with cgo off (${cgoReason(inv)}), but ${pkg} has its own cgo code (\`import "C"\`, ${where(own.loc)}): ${outcome}.`,
          related: [{ loc: own.loc, message: 'cgo code: this file is only compiled with cgo on.' }, ...reasonRelated(inv)],
          fixes: fix ? [fix] : [],
        });
      }
    }
    return out;
  },
};
