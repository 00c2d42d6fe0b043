// Helpers for the rules that use workspace facts (CGO30x, CGO40x): where things are, what a stage ships, and the
// fixes that add a line to a runtime stage or turn cgo on where that cannot break the runtime image.
import type { BuildPlan, Delivery, GoInvocation, Location, ProgramFacts } from '../model/types';
import type { Tri } from '../knowledge/images';
import type { Fix, TextEditSpec } from './types';
import { cgoFix, line } from './util';
import { compareVersions } from '../knowledge/images';
import { LineIndex } from '../text/lineIndex';

/** "`main.go` line 12" for a location in another file. */
export function where(loc: Location): string {
  const path = decodeURIComponent(loc.uri.replace(/^[a-z]+:\/\/[^/]*/i, ''));
  return `\`${path.slice(path.lastIndexOf('/') + 1)}\` line ${line(loc)}`;
}

/** A file-relative display of `uri` seen from the directory `fromDir` (a URI), e.g. `deploy/Dockerfile`. */
export function relativeName(uri: string, fromDir: string): string {
  const dir = fromDir.endsWith('/') ? fromDir : fromDir + '/';
  const rel = uri.startsWith(dir) ? uri.slice(dir.length) : uri.slice(uri.lastIndexOf('/') + 1);
  return decodeURIComponent(rel);
}

/** How a later stage names the stage that ran `inv` in `COPY --from=…`. */
export function stageRef(plan: BuildPlan, stage: number | undefined): string | undefined {
  if (stage === undefined) return undefined;
  const s = plan.stages[stage];
  if (!s) return undefined;
  return s.name ?? String(stage);
}

/** Does the stage's base image (followed through `FROM <stage>`) ship this, or did the stage install it? */
export function stageHas(plan: BuildPlan, stage: number | undefined, what: 'ca' | 'tz' | 'passwd'): Tri {
  if (stage === undefined) return 'unknown';
  let s = plan.stages[stage];
  const chain: number[] = [];
  for (let guard = 0; s && guard < 50; guard++) {
    chain.push(s.index);
    if (s.parent === undefined) break;
    s = plan.stages[s.parent];
  }
  const pkg = what === 'ca' ? ['ca-certificates', 'ca-certificates-bundle'] : what === 'tz' ? ['tzdata'] : [];
  if (plan.installs.some((i) => i.stage !== undefined && chain.includes(i.stage) && i.packages.some((p) => p.value !== undefined && pkg.includes(p.value)))) return 'yes';
  const img = s?.image;
  if (!img) return 'unknown';
  return what === 'ca' ? img.caCertificates : what === 'tz' ? img.tzdata : img.passwd;
}

/** Insert `KEYWORD args` on a new line right after the FROM of `stage` (keyword casing follows that FROM). */
export function insertAfterFrom(plan: BuildPlan, stage: number, text: string, keyword: string, args: string): TextEditSpec | undefined {
  const s = plan.stages[stage];
  if (!s) return undefined;
  const index = new LineIndex(text);
  const fromLine = s.fromLoc.range.end.line;
  const lower = /^\s*[a-z]/.test(index.lineText(s.fromLoc.range.start.line));
  const kw = lower ? keyword.toLowerCase() : keyword;
  if (fromLine + 1 < index.lineCount) {
    const pos = { line: fromLine + 1, character: 0 };
    return { uri: s.fromLoc.uri, range: { start: pos, end: pos }, newText: `${kw} ${args}\n` };
  }
  const end = index.positionAt(text.length);
  return { uri: s.fromLoc.uri, range: { start: end, end }, newText: `${/[\r\n]$/.test(text) ? '' : '\n'}${kw} ${args}\n` };
}

/**
 * "Build with CGO_ENABLED=1", offered only when it cannot break the image the binary runs in: the builder has a C
 * compiler (and libc headers on musl), the build is native, and every image the binary reaches ships the builder's
 * libc in the same or a newer version. Never preferred, never applied by fix-all: the module or the code needs it,
 * but turning cgo on changes the binary's linkage.
 */
export function enableCgoFix(inv: GoInvocation, plan: BuildPlan, text: string): Fix | undefined {
  const h = inv.host;
  if (h.cCompiler !== 'yes' || (h.libc === 'musl' && h.libcHeaders !== 'yes')) return undefined;
  if (h.libc !== 'glibc' && h.libc !== 'musl') return undefined;
  if (inv.target.cross !== 'no' && !inv.target.platformDependent) return undefined;
  const deliveries = plan.deliveries.filter((d) => d.artifact.producer === inv || d.artifact.producer.id === inv.id);
  if (!deliveries.every((d) => libcCompatible(inv, d))) return undefined;
  return cgoFix(inv, '1', text, false, `Build with CGO_ENABLED=1 (line ${line(inv.commandLoc)}; ${h.label} has a C compiler)`);
}

function libcCompatible(inv: GoInvocation, d: Delivery): boolean {
  const rt = d.runtime;
  if (rt.releasedBinary || rt.libc !== inv.host.libc) return false;
  if (rt.libc === 'musl') return true;
  const built = inv.host.libcVersion;
  const runs = rt.libcVersion;
  return built !== undefined && runs !== undefined && compareVersions(runs, built) >= 0;
}

/** The cgo reason, lower-cased for the middle of a sentence. */
export function cgoReason(inv: GoInvocation): string {
  return inv.cgo.reasons[0]?.text ?? `cgo is ${inv.cgo.state}`;
}

/** Related information for the setting that decided cgo, when it is on another line than the command. */
export function reasonRelated(inv: GoInvocation): { loc: Location; message: string }[] {
  const r = inv.cgo.reasons[0];
  return r?.loc && r.loc.range.start.line !== inv.commandLoc.range.start.line ? [{ loc: r.loc, message: r.text }] : [];
}

/** Alternatives of a catalogued module, as a sentence: "Pure-Go alternatives: `modernc.org/sqlite`, …". */
export function alternativesSentence(alts: readonly { module: string; unconfirmed?: boolean }[]): string {
  if (!alts.length) return '';
  return ` Pure-Go alternatives: ${alts.slice(0, 3).map((a) => `\`${a.module}\`${a.unconfirmed ? ' (unconfirmed)' : ''}`).join(', ')}.`;
}

export interface ProgramDelivery { d: Delivery; inv: GoInvocation; program: ProgramFacts; stage: number }

/**
 * Binaries whose program the workspace knows, reaching an image stage and passing `applies` — each build reported
 * once per runtime stage (several COPY hops or targets deliver the same build to the same stage).
 */
export function programDeliveries(plan: BuildPlan, applies: (x: ProgramDelivery) => boolean): ProgramDelivery[] {
  const out: ProgramDelivery[] = [];
  const seen = new Set<string>();
  for (const d of plan.deliveries) {
    const inv = d.artifact.producer;
    const program = inv.program;
    const stage = d.runtime.stage;
    if (!program?.known || stage === undefined) continue;
    const x = { d, inv, program, stage };
    if (!applies(x)) continue;
    const key = `${stage}\u0000${inv.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(x);
  }
  return out;
}
