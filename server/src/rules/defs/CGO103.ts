import type { Rule, RuleFinding } from '../types';
import { compareVersions, golangTagFor } from '../../knowledge/images';
import { at, binaryName, buildRelated, capitalize, cgoFix, glibcRuntimeFix } from '../util';

export const rule: Rule = {
  meta: {
    id: 'CGO103',
    name: 'glibc-version-skew',
    severity: 'error',
    title: 'A cgo binary needs a newer glibc than the runtime image has',
    summary:
      "glibc symbol versions are minimums: a cgo binary built on glibc 2.36 (bookworm) or any glibc ≥ 2.34 references `GLIBC_2.34` symbols and fails on an older runtime with ``version `GLIBC_2.34' not found``.",
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const d of plan.deliveries) {
      const inv = d.artifact.producer;
      const link = inv.linkage;
      if (inv.cgo.state !== 'on' || link.kind !== 'dynamic-glibc' || d.runtime.libc !== 'glibc' || !d.copyLoc) continue;
      const built = link.builtOn;
      const runtime = d.runtime.libcVersion;
      if (!built || !runtime || compareVersions(runtime, built) >= 0) continue;
      // Certain when the runtime is older than the GLIBC_2.34 symbols every cgo binary built on ≥ 2.34 needs.
      const certain = link.minGlibc !== undefined && compareVersions(runtime, link.minGlibc) < 0;
      const needed = certain ? link.minGlibc! : built;
      const fixes = [cgoFix(inv, '0', text, true), pinFix(), glibcRuntimeFix(d)].filter((f) => f !== undefined);
      out.push({
        loc: d.copyLoc,
        stage: d.runtime.stage,
        severity: certain ? 'error' : 'warning',
        message: certain
          ? `${capitalize(binaryName(inv, d.artifact.path || undefined))} is built with cgo on ${inv.host.label} (glibc ${built}) and needs glibc ≥ ${needed}, but ${d.runtime.label} has glibc ${runtime}: it fails with: version \`GLIBC_${needed}' not found.`
          : `${capitalize(binaryName(inv, d.artifact.path || undefined))} is built with cgo on ${inv.host.label} (glibc ${built}) and runs on ${d.runtime.label} (glibc ${runtime}): any symbol newer than GLIBC_${runtime} it uses fails with: version \`GLIBC_…' not found.`,
        related: [...buildRelated(inv), ...(d.runtime.loc ? [{ loc: d.runtime.loc, message: `Runs on ${d.runtime.label} (glibc ${runtime}).` }] : [])],
        fixes,
      });
      function pinFix() {
        const codename = d.runtime.image?.distro?.id === 'debian' ? d.runtime.image.distro.codename : undefined;
        const builderImage = inv.host.image;
        if (!codename || !builderImage?.go || !inv.host.loc || builderImage.ref.repository !== 'golang') return undefined;
        let stage = plan.stages[inv.stage ?? -1];
        while (stage?.parent !== undefined) stage = plan.stages[stage.parent];
        const imageLoc = stage?.imageLoc;
        if (!imageLoc) return undefined;
        const tag = golangTagFor(builderImage.go.version, codename);
        return { title: `Build on ${tag} (the runtime's Debian release)`, preferred: false, safe: false, edits: [at(imageLoc, tag)] };
      }
    }
    return out;
  },
};
