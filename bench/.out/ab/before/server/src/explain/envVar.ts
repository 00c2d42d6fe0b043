// Hovers on build variables: CGO_ENABLED (what it resolves to *here* and whether this assignment reaches the go
// commands after it), GOOS/GOARCH/CC/GOFLAGS and BuildKit's TARGETARCH/TARGETOS (what they mean for cross builds).
import type { EnvOccurrence, EnvValue, GoInvocation, Position, Range } from '../model/types';
import {
  commandRef, decidingReason, descendsFrom, linkageLabel, linkageSentence, resolvesTo, runtimeNeeds, stageLabel, targetSentence,
} from './describe';
import { capped, type HoverContext, type HoverPart } from './part';
import { before, lineOf, sameRange, type WordHit } from './text';

/** Variables with a hover of their own. */
export const EXPLAINED_VARIABLES = new Set(['CGO_ENABLED', 'GOOS', 'GOARCH', 'CC', 'GOFLAGS', 'TARGETARCH', 'TARGETOS']);

const HOW_GO_DECIDES =
  'How the go command decides: only `1` and `0` count; any other value (`true`, `false`, `yes`, …) is treated as unset. ' +
  'Unset → off for cross builds; native builds with Go ≥ 1.20 → on only if `CC` is set or a C compiler is on PATH; Go < 1.20 → on.';

const MEANING: Record<string, string> = {
  GOOS:
    '`GOOS` is the target operating system of the go command. Docker builds run on Linux, so any other `GOOS` is a **cross build**: ' +
    'cgo is off by default, and with `CGO_ENABLED=1` `CC` must be a C compiler for the target.',
  GOARCH:
    '`GOARCH` is the target architecture. A `GOARCH` other than the build machine\'s is a **cross build**: cgo is off by default ' +
    '(`GOOS=linux GOARCH=amd64` on an amd64 host is native and keeps the default). Forcing `CGO_ENABLED=1` with the host\'s gcc fails ' +
    'for another architecture (`gcc_arm64.S: Assembler messages: … Error: no such instruction`): `CC` must be a cross compiler.',
  CC:
    '`CC` is the C compiler cgo uses. In a native build with `CGO_ENABLED` unset, setting `CC` keeps cgo on (Go ≥ 1.20) even when gcc ' +
    'is not on PATH — the compiler it names must exist. It does **not** turn cgo on for a cross build: set `CGO_ENABLED=1` as well, ' +
    'and `CC` must be a cross compiler for the target (e.g. `aarch64-linux-gnu-gcc` with `libc6-dev-arm64-cross`, or tonistiigi/xx\'s `xx-go`).',
  GOFLAGS:
    '`GOFLAGS` adds flags to every go command that receives it (e.g. `-buildmode=pie`, `-tags=netgo`). Hover a flag in the value for what it does.',
  TARGETARCH:
    '`TARGETARCH` is BuildKit\'s platform argument: the architecture of the platform being built (`--platform`, by default the builder\'s own). ' +
    'Declare it in the stage (`ARG TARGETARCH`) for `RUN` to see it. In a `FROM --platform=$BUILDPLATFORM` stage, `GOARCH=$TARGETARCH` is a native ' +
    'build only for the build platform\'s own architecture; every other platform is a **cross build with cgo off** by default, so one Dockerfile ' +
    'yields static binaries for some architectures and dynamic ones for others.',
  TARGETOS:
    '`TARGETOS` is BuildKit\'s platform argument: the operating system of the platform being built (`linux` for Linux images). Declare it in the ' +
    'stage (`ARG TARGETOS`) for `RUN` to see it. `GOOS=$TARGETOS` is `linux` for Linux images, which is native for the OS; the architecture ' +
    '(`TARGETARCH`) decides whether the build is cross.',
};

/** Hover for an assignment recorded in plan.occurrences. */
export function assignmentHover(ctx: HoverContext, o: EnvOccurrence): HoverPart {
  const written = ctx.view.slice(o.loc.range).replace(/\s+/g, ' ').trim() || o.name;
  const lines: string[] = [`**\`${written}\`** — ${formOf(ctx, o)}, line ${lineOf(o.loc)}`];
  const docs: string[] = [];
  if (o.name === 'CGO_ENABLED') lines.push(cgoValueMeaning(o, docs));
  else if (MEANING[o.name]) lines.push(MEANING[o.name]);

  const effects = effectsOf(ctx, o, docs);
  if (effects.length) lines.push(`**At the go commands after it:**\n${capped(effects, 6).join('\n')}`);
  else lines.push(o.stage === undefined ? 'No go command in this file receives it.' : 'No go command follows it in this stage.');
  if (o.name === 'CGO_ENABLED') lines.push(HOW_GO_DECIDES);
  docs.push(...(o.name === 'CGO_ENABLED' ? ['CGO202'] : ['CGO203', 'CGO202']));
  return { markdown: lines.join('\n\n'), range: o.loc.range, docs };
}

/** Hover for a variable name that is read (`${CGO_ENABLED}`, `go env CGO_ENABLED`, `$TARGETARCH`) or declared without a record. */
export function referenceHover(ctx: HoverContext, hit: WordHit): HoverPart | undefined {
  const name = hit.word;
  if (!EXPLAINED_VARIABLES.has(name)) return undefined;
  const lines: string[] = [`**\`${name}\`** — line ${hit.range.start.line + 1}`];
  if (MEANING[name]) lines.push(MEANING[name]);
  const stage = stageAt(ctx, hit.range.start);
  if (name === 'TARGETARCH' || name === 'TARGETOS') {
    lines.push(...platformNotes(ctx, stage));
  } else if (stage !== undefined) {
    const pos = hit.range.start;
    const next = ctx.plan.invocations.find((i) => i.stage === stage && !before(i.commandLoc.range.start, pos));
    lines.push(valueAtPoint(ctx, name, stage, pos, next));
    if (next && name === 'CGO_ENABLED') {
      lines.push(`For ${commandRef(next)}, the next go command in this stage: ${resolvesTo(next.cgo)} — ${decidingReason(next.cgo)}. The binary will be ${linkageSentence(next)}. Needs at run time: ${runtimeNeeds(next)}.`);
    } else if (next) {
      lines.push(`For ${commandRef(next)}, the next go command in this stage: ${targetSentence(next.target)}; cgo **${next.cgo.state}**.`);
    } else {
      lines.push('No go command follows in this stage.');
    }
  }
  if (name === 'CGO_ENABLED') lines.push(HOW_GO_DECIDES);
  return { markdown: lines.join('\n\n'), range: hit.range, docs: name === 'CGO_ENABLED' ? ['CGO202'] : ['CGO203', 'CGO202'] };
}

function cgoValueMeaning(o: EnvOccurrence, docs: string[]): string {
  const v = o.value;
  if (v === '0') return '`CGO_ENABLED=0` turns cgo **off** for the go commands it reaches: they link statically and need no libc at run time (except with `-buildmode=pie`).';
  if (v === '1') return '`CGO_ENABLED=1` turns cgo **on** for the go commands it reaches: they need a C compiler, and a program using `net` or `os/user` links dynamically against the build host\'s libc.';
  if (v === undefined) {
    return o.stage === undefined
      ? 'No default value: it is set only with `--build-arg CGO_ENABLED=…`.'
      : 'No value here: it comes from `--build-arg CGO_ENABLED=…` (or a re-declared global `ARG`); when nothing sets it, the go command uses its default.';
  }
  if (v.includes('$')) return `The value \`${v}\` is only known at build time.`;
  if (v === '') return 'An empty value counts as unset: the go command falls back to its default.';
  docs.push('CGO205');
  return `\`${v}\` is not \`0\` or \`1\`: the go command **treats CGO_ENABLED as unset** and falls back to its default.`;
}

function formOf(ctx: HoverContext, o: EnvOccurrence): string {
  if (ctx.plan.kind !== 'dockerfile') return 'assignment';
  if (o.stage === undefined) return 'global `ARG` (before the first `FROM`: only `FROM` lines see it unless a stage re-declares it)';
  const stage = ctx.plan.stages[o.stage];
  const where = stage ? ` in ${stageLabel(stage)}` : '';
  const kw = instructionKeyword(ctx, o.loc.range.start.line);
  if (kw === 'ENV') return `\`ENV\`${where}`;
  if (kw === 'ARG') return `\`ARG\`${where}`;
  return `shell assignment in a \`RUN\`${where}`;
}

/** The keyword of the instruction a line belongs to (walking up over `\` continuations). */
function instructionKeyword(ctx: HoverContext, line: number): string {
  let l = line;
  while (l > 0 && /[\\`]\s*$/.test(ctx.view.lineText(l - 1))) l--;
  return /^\s*([A-Za-z]+)/.exec(ctx.view.lineText(l))?.[1]?.toUpperCase() ?? '';
}

/** One list item per go command the assignment could reach: received, no effect (and why), or not seen. */
function effectsOf(ctx: HoverContext, o: EnvOccurrence, docs: string[]): string[] {
  const { plan } = ctx;
  const out: string[] = [];
  for (const inv of plan.invocations) {
    const inScope = o.stage === undefined ? true : descendsFrom(plan, inv.stage, o.stage);
    if (!inScope || before(inv.commandLoc.range.start, o.loc.range.start)) continue;
    const lost = inv.ineffective.find((x) => x.name === o.name && sameRange(x.loc.range, o.loc.range));
    const got: EnvValue | undefined = inv.env[o.name];
    const receives = got?.loc !== undefined && sameRange(got.loc.range, o.loc.range);
    const viaRedeclared = o.stage === undefined && got?.origin === 'dockerfile-arg' && got.describe.includes(`global ARG of line ${lineOf(o.loc)}`);
    if (lost) {
      docs.push('CGO204');
      out.push(`- ${commandRef(inv)}: **has no effect** — ${lost.why}. ${outcome(inv, o.name)}`);
    } else if (receives || viaRedeclared) {
      out.push(`- ${commandRef(inv)}: receives it${viaRedeclared ? ` through ${got!.describe}` : ''} → ${outcome(inv, o.name)}`);
    } else if (o.stage === undefined || isStageWide(ctx, o) || sameInstruction(inv, o.loc.range)) {
      // A prefix or export elsewhere in another RUN is unrelated to this command: only list what it could reach.
      out.push(`- ${commandRef(inv)} does not see this value${got ? ` (${o.name}=${got.value ?? got.raw ?? '…'} from ${got.describe})` : ''}: ${outcome(inv, o.name)}`);
    }
  }
  return out;
}

function outcome(inv: GoInvocation, name: string): string {
  if (name === 'CGO_ENABLED') return `${resolvesTo(inv.cgo)}: ${decidingReason(inv.cgo)} · ${linkageLabel(inv)}`;
  return `${targetSentence(inv.target)}; cgo **${inv.cgo.state}** · ${linkageLabel(inv)}`;
}

function isStageWide(ctx: HoverContext, o: EnvOccurrence): boolean {
  if (ctx.plan.kind !== 'dockerfile') return false;
  const kw = instructionKeyword(ctx, o.loc.range.start.line);
  return kw === 'ENV' || kw === 'ARG';
}

function sameInstruction(inv: GoInvocation, r: Range): boolean {
  const i = inv.instructionLoc?.range;
  return !!i && !before(r.start, i.start) && !before(i.end, r.end);
}

function stageAt(ctx: HoverContext, pos: Position): number | undefined {
  let found: number | undefined;
  for (const s of ctx.plan.stages) if (!before(pos, s.fromLoc.range.start)) found = s.index;
  return found;
}

/**
 * What a variable read at `pos` holds: a shell assignment earlier in the same RUN that the next go command also
 * sees, else the last ENV/ARG of the stage (ENV also from parent stages) before it.
 */
function valueAtPoint(ctx: HoverContext, name: string, stage: number, pos: Position, next: GoInvocation | undefined): string {
  const fromShell = next?.env[name];
  if (fromShell?.loc && before(fromShell.loc.range.start, pos) && sameInstruction(next!, fromShell.loc.range) && instructionContains(next!, pos)) {
    return describeValue(name, fromShell.value ?? fromShell.raw, fromShell.describe);
  }
  let last: EnvOccurrence | undefined;
  for (const o of ctx.plan.occurrences) {
    if (o.name !== name || o.kind !== 'assignment' || o.stage === undefined || !before(o.loc.range.start, pos)) continue;
    if (!descendsFrom(ctx.plan, stage, o.stage)) continue;
    const kw = instructionKeyword(ctx, o.loc.range.start.line);
    if (kw === 'ENV' || (kw === 'ARG' && o.stage === stage)) last = o;
  }
  if (last) return describeValue(name, last.value, `${instructionKeyword(ctx, last.loc.range.start.line)} on line ${lineOf(last.loc)}`);
  return `\`${name}\` is not set in the environment at this point.`;
}

function describeValue(name: string, value: string | undefined, origin: string): string {
  if (value === undefined) return `At this point \`${name}\` is set by ${origin} to a value only known at build time.`;
  const invalid = name === 'CGO_ENABLED' && value !== '0' && value !== '1' && value !== '' && !value.includes('$');
  return `At this point \`${name}=${value}\`, set by ${origin}${invalid ? ` — not \`0\` or \`1\`, so the go command **treats it as unset**` : ''}.`;
}

function instructionContains(inv: GoInvocation, pos: Position): boolean {
  const i = inv.instructionLoc?.range;
  return !!i && !before(pos, i.start) && !before(i.end, pos);
}

function platformNotes(ctx: HoverContext, stage: number | undefined): string[] {
  if (stage === undefined) return ['Before the first `FROM` it can only be used in `FROM` lines.'];
  const s = ctx.plan.stages[stage];
  const out: string[] = [
    s?.platformBuild
      ? `${s ? stageLabel(s) : 'This stage'} runs on \`$BUILDPLATFORM\`: go commands that target \`$TARGETARCH\` are cross builds for every other platform.`
      : `${s ? stageLabel(s) : 'This stage'} runs on the target platform itself, so \`GOARCH=$TARGETARCH\` is its own architecture: a native build.`,
  ];
  const items = ctx.plan.invocations
    .filter((i) => i.stage === stage && (i.target.platformDependent || i.target.goarch || i.target.goos))
    .map((inv) => `- ${commandRef(inv)}: ${targetSentence(inv.target)}; cgo **${inv.cgo.state}**.`);
  if (items.length) out.push(capped(items, 4).join('\n'));
  return out;
}
