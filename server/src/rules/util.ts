import type { Delivery, GoInvocation, Location, Range } from '../model/types';
import type { Fix, TextEditSpec } from './types';
import { glibcRuntimeSuggestion, type GoVersion } from '../knowledge/images';
import { GOLANG_CURRENT_DEBIAN_VARIANTS, GOLANG_DEBIAN_SWITCHES, GOLANG_PATCH_ERAS, KNOWLEDGE_DATE, goMinorStatus } from '../knowledge/goReleases';
import { LineIndex } from '../text/lineIndex';

export function line(loc: Location | undefined): number {
  return (loc?.range.start.line ?? 0) + 1;
}

export function at(loc: Location, newText: string): TextEditSpec {
  return { uri: loc.uri, range: loc.range, newText };
}

export function insertAt(loc: Location, newText: string): TextEditSpec {
  return { uri: loc.uri, range: { start: loc.range.start, end: loc.range.start }, newText };
}

/** The path a binary is known by, for messages. */
export function binaryName(inv: GoInvocation, path?: string): string {
  if (path) return `\`${path}\``;
  if (inv.output?.value) return `\`${inv.output.value}\``;
  return 'the binary';
}

/**
 * Set CGO_ENABLED=<value> where it takes effect for this command: rewrite an existing prefix, else add
 * one right before the go command (never `CGO_ENABLED=0 &&`). Exec-form RUNs get an ENV line instead.
 */
export function cgoValueEdits(inv: GoInvocation, value: '0' | '1', text: string): TextEditSpec[] {
  const current = inv.env.CGO_ENABLED;
  if (current && (current.origin === 'inline-prefix' || current.origin === 'env-command')) {
    // Without a valueLoc the value is not written where the command is (a Makefile's `$(GO)` expanding to
    // `env CGO_ENABLED=0 go`): a prefix added before it would be overridden, so there is no edit to offer.
    return current.valueLoc ? [at(current.valueLoc, value)] : [];
  }
  // Go commands no shell runs (goreleaser builds) get their own env entry instead of a prefix.
  if (inv.setEnvEdit) return [insertAt(inv.setEnvEdit.at, inv.setEnvEdit.text.replace('{value}', value))];
  // Only a go command written in the analysed file itself can be an exec-form RUN (`text` is that file).
  const local = inv.instructionLoc !== undefined && inv.instructionLoc.uri === inv.prefixInsertAt.uri;
  const index = new LineIndex(text);
  const start = index.offsetAt(inv.prefixInsertAt.range.start);
  if (local && (text[start] === '"' || text[start] === '[')) {
    if (!inv.instructionLoc) return [];
    const set = insertLineBefore(inv.instructionLoc, text, 'ENV', `CGO_ENABLED=${value}`);
    if (!laterInStage(inv.instructionLoc, text)) return [set];
    // An ENV outlives the RUN: put the previous value back for the instructions after it (an empty value
    // is unset for the go command). A value only known at build time cannot be put back.
    if (current && current.value === undefined) return [];
    return [set, insertLineAfter(inv.instructionLoc, text, 'ENV', `CGO_ENABLED=${current?.value ?? ''}`)];
  }
  return [insertAt(inv.prefixInsertAt, `CGO_ENABLED=${value} `)];
}

export function cgoFix(inv: GoInvocation, value: '0' | '1', text: string, preferred: boolean, title?: string): Fix | undefined {
  const edits = cgoValueEdits(inv, value, text);
  if (!edits.length) return undefined;
  return { title: title ?? `Build with CGO_ENABLED=${value} (line ${line(inv.commandLoc)})`, preferred, safe: preferred, edits };
}

/** A new instruction on its own line before `before`, with the same indentation and keyword casing. */
export function insertLineBefore(before: Location, text: string, keyword: string, args: string): TextEditSpec {
  const index = new LineIndex(text);
  const lineText = index.lineText(before.range.start.line);
  const indent = /^\s*/.exec(lineText)?.[0] ?? '';
  const lower = /^\s*[a-z]/.test(lineText);
  const kw = lower ? keyword.toLowerCase() : keyword;
  const pos = { line: before.range.start.line, character: 0 };
  return { uri: before.uri, range: { start: pos, end: pos }, newText: `${indent}${kw} ${args}\n` };
}

/** A cross build (or one that is cross for other platforms) with no C compiler for the target: cgo on would fail (CGO203). */
export function crossWithoutCc(inv: GoInvocation): boolean {
  const t = inv.target;
  return (t.cross === 'yes' || t.platformDependent === true) && !t.targetCc && !t.viaXx;
}

/** A new instruction on its own line after `after` (which must not end the file without a line break). */
export function insertLineAfter(after: Location, text: string, keyword: string, args: string): TextEditSpec {
  const edit = insertLineBefore(after, text, keyword, args);
  const pos = { line: after.range.end.line + 1, character: 0 };
  return { ...edit, range: { start: pos, end: pos } };
}

/** Does another instruction of the same stage follow? */
function laterInStage(loc: Location, text: string): boolean {
  const index = new LineIndex(text);
  for (let l = loc.range.end.line + 1; l < index.lineCount; l++) {
    const t = index.lineText(l).trim();
    if (t === '' || t.startsWith('#')) continue;
    return !/^from\s/i.test(t);
  }
  return false;
}

/** Switch the runtime stage's base image to a glibc image matching the builder's release. */
export function glibcRuntimeFix(d: Delivery, preferred = false): Fix | undefined {
  const inv = d.artifact.producer;
  const suggestion = glibcRuntimeSuggestion(inv.host.libcVersion);
  const imageLoc = d.runtime.stage !== undefined ? runtimeImageLoc(d) : undefined;
  if (!suggestion || !imageLoc) return undefined;
  return { title: `Run on ${suggestion} (glibc ${inv.host.libcVersion}, like the builder)`, preferred, safe: false, edits: [at(imageLoc, suggestion)] };
}

/** Set on deliveries by the reader: where the runtime stage names its image. */
export function runtimeImageLoc(d: Delivery): Location | undefined {
  return d.runtime.imageLoc;
}

/**
 * Does `golang:<version>-<codename>` exist? docker-library keeps only the two newest Debian suites per Go
 * version (cgo-facts table B): the default release the version was built on and the one before it. A pin
 * fix that names a tag which was never published would break the build (`manifest unknown`), so fixes
 * offer a pin only when this is true; undefined means the knowledge base cannot tell.
 */
export function golangVariantExists(go: GoVersion | undefined, codename: string): boolean | undefined {
  if (go === undefined || (go.major === 1 && goMinorStatus(go.minor, KNOWLEDGE_DATE) === 'maintained' && go.patch === undefined)) {
    return GOLANG_CURRENT_DEBIAN_VARIANTS.includes(codename);
  }
  const eras = go.major === 1 ? GOLANG_PATCH_ERAS[go.minor] : undefined;
  if (!eras || (goMinorStatus(go.minor, KNOWLEDGE_DATE) !== 'ended' && go.patch === undefined)) return undefined;
  const built = go.patch === undefined ? eras : eras.filter((e, i) => e.from <= go.patch! && (eras[i + 1]?.from ?? Infinity) > go.patch!);
  const order = GOLANG_DEBIAN_SWITCHES.map((s) => s.codename);
  const kept = new Set<string>();
  for (const e of built) {
    if (!e.codename) return undefined;
    const i = order.indexOf(e.codename);
    kept.add(e.codename);
    if (i > 0) kept.add(order[i - 1]);
  }
  return kept.has(codename);
}

export function toolchainInstall(packageManager: string | undefined, libc: string): string | undefined {
  switch (packageManager) {
    case 'apk':
      return 'apk add --no-cache gcc musl-dev';
    case 'apt':
      return 'apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*';
    case 'dnf':
    case 'microdnf':
    case 'yum':
      return `${packageManager} install -y gcc glibc-devel`;
    default:
      return libc === 'musl' ? 'apk add --no-cache gcc musl-dev' : undefined;
  }
}

export function toolchainFix(inv: GoInvocation, text: string, preferred: boolean): Fix | undefined {
  const cmd = toolchainInstall(inv.host.packageManager, inv.host.libc);
  if (!cmd || !inv.instructionLoc) return undefined;
  return { title: `Install a C toolchain: ${cmd.split(' && ').find((c) => c.includes('install') || c.includes('add')) ?? cmd}`, preferred, safe: false, edits: [insertLineBefore(inv.instructionLoc, text, 'RUN', cmd)] };
}

export function rangeText(text: string, range: Range): string {
  const index = new LineIndex(text);
  return text.slice(index.offsetAt(range.start), index.offsetAt(range.end));
}

/** Where the go command's flags start: right after `go build`. */
export function afterSubcommand(inv: GoInvocation): Location {
  return { uri: inv.commandLoc.uri, range: { start: inv.commandLoc.range.end, end: inv.commandLoc.range.end } };
}

/** Add build tags, merging with an existing -tags flag written on the command. */
export function addTagsEdits(inv: GoInvocation, add: string[], text: string): TextEditSpec[] {
  const goflags = inv.env.GOFLAGS;
  const flag = inv.flags.find((f) => f.name === '-tags' && f.value && f.loc !== goflags?.valueLoc && f.loc !== goflags?.loc);
  if (flag?.value) {
    const merged = [...inv.tags.values, ...add.filter((t) => !inv.tags.values.includes(t))].join(',');
    const raw = rangeText(text, flag.value.loc.range);
    const eqForm = raw.startsWith('-tags=') || raw.startsWith('--tags=');
    return [at(flag.value.loc, eqForm ? `-tags=${merged}` : merged)];
  }
  // A -tags on the command line replaces the one in GOFLAGS: carry those tags over.
  const all = [...inv.tags.values, ...add.filter((t) => !inv.tags.values.includes(t))];
  return [insertAt(afterSubcommand(inv), ` -tags ${all.join(',')}`)];
}

/** Drop a flag together with one adjacent space. */
export function removeFlagEdit(loc: Location, text: string): TextEditSpec {
  const index = new LineIndex(text);
  let start = index.offsetAt(loc.range.start);
  let end = index.offsetAt(loc.range.end);
  if (text[end] === ' ') end++;
  else if (text[start - 1] === ' ') start--;
  return { uri: loc.uri, range: index.range(start, end), newText: '' };
}

const TRUTHY = new Set(['true', 'yes', 'on', 'y', 'enable', 'enabled', 't']);
const FALSY = new Set(['false', 'no', 'off', 'n', 'disable', 'disabled', 'f']);

/** The 0/1 a CGO_ENABLED value was meant to be (`false` → 0, `yes` → 1); undefined when it cannot be told. */
export function intendedCgoValue(value: string | undefined): '0' | '1' | undefined {
  const v = (value ?? '').trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (v === '0' || v === '1') return v;
  return TRUTHY.has(v) ? '1' : FALSY.has(v) ? '0' : undefined;
}

/**
 * Drop several flags of one command. Flags separated only by blanks are removed as one span, so the single
 * blanks that removeFlagEdit takes along never overlap (`… . -a -installsuffix cgo` at the end of a line).
 */
export function removeFlagsEdits(locs: Location[], text: string): TextEditSpec[] {
  const index = new LineIndex(text);
  const spans = locs.map((l) => ({ uri: l.uri, start: index.offsetAt(l.range.start), end: index.offsetAt(l.range.end) })).sort((a, b) => a.start - b.start);
  const merged: typeof spans = [];
  for (const sp of spans) {
    const last = merged[merged.length - 1];
    if (last && /^[ \t]*$/.test(text.slice(last.end, sp.start))) last.end = Math.max(last.end, sp.end);
    else merged.push({ ...sp });
  }
  return merged.map((m) => removeFlagEdit({ uri: m.uri, range: index.range(m.start, m.end) }, text));
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Related information pointing at the build and what decided its cgo setting. */
export function buildRelated(inv: GoInvocation): { loc: Location; message: string }[] {
  const out = [{ loc: inv.commandLoc, message: `Built here (line ${line(inv.commandLoc)}): ${inv.linkage.why}.` }];
  const reason = inv.cgo.reasons[0];
  if (reason?.loc && reason.loc.range.start.line !== inv.commandLoc.range.start.line) out.push({ loc: reason.loc, message: reason.text });
  return out;
}

/** The start-up error the runtime prints for a binary whose loader is missing, with the binary's own path. */
export function execError(d: Delivery): string {
  return `\`exec ${d.runtimePath ?? '/app'}: no such file or directory\``;
}
