import type { Delivery, RuntimeTarget } from '../../model/types';
import type { StageState } from './stageState';

/**
 * Which binaries end up in an image that runs: stages nothing later builds on (targets) receive
 * deliveries of every Go artifact present in their filesystem.
 */
export function computeDeliveries(states: StageState[]): Delivery[] {
  const out: Delivery[] = [];
  for (const s of states) {
    if (s.usedLater && !s.stage.isFinal) continue;
    const runtime = runtimeOf(s);
    for (const [path, entry] of s.files) {
      const runtimePath = path.startsWith('/') ? path : undefined;
      out.push({ artifact: entry.artifact, copyLoc: entry.via.length ? entry.via[entry.via.length - 1] : undefined, runtime, via: entry.via.slice(0, -1), runtimePath });
    }
  }
  return out;
}

export function runtimeOf(s: StageState): RuntimeTarget {
  let root: StageState = s;
  while (root.parent) root = root.parent;
  const img = root.stage.image;
  const label = root.stage.imageText ?? 'an unknown image';
  return {
    image: img,
    label: `\`${label}\``,
    libc: s.host.libc,
    libcVersion: s.host.libcVersion,
    compatHacks: s.extras.compat,
    caCertificates: s.extras.ca,
    tzdata: s.extras.tz,
    passwd: s.extras.passwd,
    loc: root.stage.fromLoc,
    imageLoc: root.stage.imageLoc,
    stage: s.stage.index,
  };
}
