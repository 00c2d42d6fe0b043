import type { Delivery, GoInvocation, Location, Range } from '../model/types';
import type { Fix, TextEditSpec } from './types';
import { glibcRuntimeSuggestion } from '../knowledge/images';
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
  if (current && (current.origin === 'inline-prefix' || current.origin === 'env-command') && current.valueLoc) {
    return [at(current.valueLoc, value)];
  }
  const index = new LineIndex(text);
  const start = index.offsetAt(inv.prefixInsertAt.range.start);
  if (text[start] === '"' || text[start] === '[') {
    if (!inv.instructionLoc) return [];
    return [insertLineBefore(inv.instructionLoc, text, 'ENV', `CGO_ENABLED=${value}`)];
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
  return [insertAt(afterSubcommand(inv), ` -tags ${add.join(',')}`)];
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
