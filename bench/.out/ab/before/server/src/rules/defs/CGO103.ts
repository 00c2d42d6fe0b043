import type { Delivery } from '../../model/types';
import type { Fix, Rule, RuleFinding } from '../types';
import { compareVersions, golangTagFor } from '../../knowledge/images';
import { at, binaryName, buildRelated, capitalize, cgoFix, glibcRuntimeFix, golangVariantExists } from '../util';

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
      if (d.runtime.releasedBinary) {
        const r = released(d, text);
        if (r) out.push(r);
        continue;
      }
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
        // Never suggest a tag that was not published (golang:1.26-bullseye does not exist).
        if (golangVariantExists(builderImage.go.version, codename) !== true) return undefined;
        const tag = golangTagFor(builderImage.go.version, codename);
        return { title: `Build on ${tag} (the runtime's Debian release)`, preferred: false, safe: false, edits: [at(imageLoc, tag)] };
      }
    }
    return out;
  },
};

/**
 * A published binary (release asset, uploaded artifact) runs on hosts nobody listed. Built with cgo on glibc
 * ≥ 2.34 it references GLIBC_2.34 symbols, so older distributions cannot load it (cgo-facts A3, §0.3): likely,
 * not certain — a warning.
 */
function released(d: Delivery, text: string): RuleFinding | undefined {
  const inv = d.artifact.producer;
  const link = inv.linkage;
  if (inv.cgo.state !== 'on' || link.kind !== 'dynamic-glibc' || !link.minGlibc || !d.copyLoc) return undefined;
  const needed = link.minGlibc;
  const fixes: Fix[] = [cgoFix(inv, '0', text, true), olderContainerFix(d)].filter((f) => f !== undefined);
  return {
    loc: d.copyLoc,
    severity: 'warning',
    message: `${capitalize(binaryName(inv, d.artifact.path || undefined))} is built with cgo on ${inv.host.label} (glibc ${link.builtOn ?? '≥ ' + needed}) and published to ${d.runtime.label}: it needs glibc ≥ ${needed}, so older distributions (Debian 11, Ubuntu 20.04, RHEL 8, Amazon Linux 2) fail with: version \`GLIBC_${needed}' not found. Build with CGO_ENABLED=0, or build on an older glibc.`,
    related: buildRelated(inv),
    fixes,
  };
}

/** Build in a golang image on Debian bullseye (glibc 2.31), when one was published for the Go version used. */
function olderContainerFix(d: Delivery): Fix | undefined {
  const inv = d.artifact.producer;
  const where = d.runtime.olderBuildHost;
  const go = inv.host.goVersion ?? inv.host.image?.go?.version;
  if (!where || !go || golangVariantExists({ major: go.major, minor: go.minor }, 'bullseye') !== true) return undefined;
  const tag = golangTagFor({ major: go.major, minor: go.minor }, 'bullseye');
  return { title: `Build in an older container: \`container: ${tag}\` (glibc 2.31)`, preferred: false, safe: false, edits: [at(where.loc, where.text.replace('{image}', tag))] };
}
