import type { Rule, RuleFinding } from '../types';
import { compareVersions, golangTagFor } from '../../knowledge/images';
import { at, golangVariantExists } from '../util';

export const rule: Rule = {
  meta: {
    id: 'CGO106',
    name: 'unpinned-golang-codename',
    severity: 'warning',
    title: 'A cgo build uses a golang tag whose Debian release can move under a pinned glibc runtime',
    summary:
      'Bare `golang:<version>` tags follow the newest Debian release (bullseye → bookworm on 2023-06-13, bookworm → trixie on 2025-08-12). A cgo binary built on them can suddenly need a newer glibc than a pinned runtime image provides.',
  },
  check({ plan }) {
    const out: RuleFinding[] = [];
    const reported = new Set<number>();
    for (const d of plan.deliveries) {
      const inv = d.artifact.producer;
      if (inv.cgo.state !== 'on' || inv.linkage.kind !== 'dynamic-glibc' || d.runtime.libc !== 'glibc' || !d.copyLoc) continue;
      let stage = plan.stages[inv.stage ?? -1];
      while (stage?.parent !== undefined) stage = plan.stages[stage.parent];
      const img = stage?.image;
      if (!stage?.imageLoc || !img?.go || img.ref.repository !== 'golang' || img.libc !== 'glibc' || img.ref.digest) continue;
      const tag = img.ref.tag ?? 'latest';
      if (/(trixie|bookworm|bullseye|buster|stretch)/.test(tag)) continue;
      const runtimeCodename = d.runtime.image?.distro?.id === 'debian' ? d.runtime.image.distro.codename : undefined;
      const runtimeVersion = d.runtime.libcVersion;
      if (!runtimeVersion || d.runtime.image?.tagMayMove) continue;
      // When the builder is already newer than the runtime, CGO103 reports the certain failure.
      if (img.libcVersion && compareVersions(img.libcVersion, runtimeVersion) > 0) continue;
      const differs = img.distro?.codename !== undefined && runtimeCodename !== undefined && img.distro.codename !== runtimeCodename;
      if (!img.tagMayMove && !differs) continue;
      if (reported.has(stage.index)) continue;
      reported.add(stage.index);
      // Only a tag that was published (golang:1.22-trixie never was).
      const pin = runtimeCodename !== undefined && golangVariantExists(img.go.version, runtimeCodename) === true ? golangTagFor(img.go.version, runtimeCodename) : undefined;
      const fixes = pin ? [{ title: `Pin ${pin}`, preferred: true, safe: false, edits: [at(stage.imageLoc, pin)] }] : [];
      out.push({
        loc: stage.imageLoc,
        stage: stage.index,
        message: img.tagMayMove
          ? `\`golang:${tag}\` follows the newest Debian release (now ${img.distro?.codename ?? 'unknown'}, glibc ${img.libcVersion ?? '?'}); the cgo binary runs on ${d.runtime.label} (glibc ${runtimeVersion}), so the next switch of the tag can break it with: version \`GLIBC_2.xx' not found. Pin the builder's Debian release.`
          : `\`golang:${tag}\` is built on Debian ${img.distro?.codename} while the cgo binary runs on ${d.runtime.label} (Debian ${runtimeCodename}); pin the builder to the runtime's release so both move together.`,
        related: [{ loc: d.copyLoc, message: `The binary runs on ${d.runtime.label} (glibc ${runtimeVersion}).` }],
        fixes,
      });
    }
    return out;
  },
};
