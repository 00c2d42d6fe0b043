import * as path from 'node:path';
import type { BuildPlan, Location, Range } from '../model/types';
import type { Finding } from '../rules/types';

/**
 * Findings a rule placed in a linked file (the Makefile a `RUN make build` runs). When analysing that file
 * on its own reports the same finding, it belongs there and is dropped here; otherwise it exists only
 * because of this file (its environment, image or toolchain), so it is re-anchored on the command here
 * that leads to it, with related information pointing at the linked line.
 */
export function relocateLinkedFindings(plan: BuildPlan, findings: Finding[], standalone: (uri: string) => Finding[] | undefined): Finding[] {
  const out: Finding[] = [];
  const cache = new Map<string, Finding[] | undefined>();
  for (const f of findings) {
    if (f.loc.uri === plan.uri) {
      out.push(f);
      continue;
    }
    if (!cache.has(f.loc.uri)) cache.set(f.loc.uri, standalone(f.loc.uri));
    const there = cache.get(f.loc.uri);
    if (there?.some((g) => g.code === f.code && sameRange(g.loc.range, f.loc.range))) continue;
    const via = entryPoint(plan, f.loc);
    if (!via) continue;
    const where = `${path.posix.basename(new URL(f.loc.uri).pathname)}:${f.loc.range.start.line + 1}`;
    out.push({
      ...f,
      loc: via,
      message: `${f.message} (in ${where}, run from here)`,
      related: [{ loc: f.loc, message: `The linked go command or setting (${where}).` }, ...f.related],
    });
  }
  return out;
}

/** The command in the analysed file through which the go command at `loc` runs. */
function entryPoint(plan: BuildPlan, loc: Location): Location | undefined {
  const candidates = plan.invocations.filter((i) => i.via && i.commandLoc.uri === loc.uri);
  const containing = candidates.find((i) => i.commandLoc.range.start.line <= loc.range.start.line && (i.flags.some((fl) => contains(fl.loc.range, loc.range)) || contains(i.commandLoc.range, loc.range)));
  return (containing ?? candidates[0])?.via;
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
