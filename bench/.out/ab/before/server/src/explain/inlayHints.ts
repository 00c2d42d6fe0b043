/**
 * Inlay hints (DESIGN §7): after each go command the resolved `CGO_ENABLED=1 · dynamic glibc ≥ 2.34`, after each
 * FROM the libc of the image the stage really runs on. Pure: built from the plan alone.
 */
import type { BuildPlan, GoInvocation, Position, Range } from '../model/types';
import { cgoDigit, decidingReason, imageLibc, linkageLabel, rootStage, runtimeNeeds } from './describe';
import { toPlainText } from './plainText';
import { before, contains } from './text';

export interface InlayHintSpec {
  position: Position;
  label: string;
  paddingLeft: boolean;
  tooltip?: string;
}

export function inlayHints(plan: BuildPlan, range: Range): InlayHintSpec[] {
  const out: InlayHintSpec[] = [];
  for (const stage of plan.stages) {
    const position = stage.fromLoc.range.end;
    if (!contains(range, position)) continue;
    const root = rootStage(plan, stage.index) ?? stage;
    const tooltip = root.image?.known ? `${root.image.name}${root !== stage ? ` (through stage ${root.name ?? root.index})` : ''}` : undefined;
    out.push({ position, label: imageLibc(root.image), paddingLeft: true, ...(tooltip ? { tooltip } : {}) });
  }
  for (const inv of plan.invocations) {
    const position = commandEnd(inv);
    if (!contains(range, position)) continue;
    out.push({
      position,
      label: `CGO_ENABLED=${cgoDigit(inv.cgo.state)} · ${linkageLabel(inv)}`,
      paddingLeft: true,
      tooltip: toPlainText(`${decidingReason(inv.cgo)}.\nNeeds at run time: ${runtimeNeeds(inv)}.`),
    });
  }
  return out.sort((a, b) => (before(a.position, b.position) ? -1 : before(b.position, a.position) ? 1 : 0));
}

/**
 * The end of the whole go command as written: its last flag, output or package word. Flags that came from GOFLAGS
 * sit elsewhere in the file (an ENV line) and must not move the hint there.
 */
function commandEnd(inv: GoInvocation): Position {
  let end = inv.commandLoc.range.end;
  const start = inv.commandLoc.range.start;
  const words = [...inv.flags.map((f) => f.loc), ...inv.packages.map((p) => p.loc), ...(inv.output ? [inv.output.loc] : [])];
  for (const loc of words) {
    if (loc.uri !== inv.commandLoc.uri || before(loc.range.start, start)) continue;
    if (inv.instructionLoc && before(inv.instructionLoc.range.end, loc.range.end)) continue;
    if (before(end, loc.range.end)) end = loc.range.end;
  }
  return end;
}
