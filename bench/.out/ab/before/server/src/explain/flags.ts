// Hovers on go command flags: the parts of -ldflags (-linkmode, -extldflags, -s -w), -buildmode, the sanitizers,
// -a, -installsuffix and -tags. Grounded in cgo-facts §0.3, §0.4, A7–A9, A18–A20; each ends with what the flag does
// for *this* command (its cgo state and linkage).
import type { GoFlag, GoInvocation, Range } from '../model/types';
import { commandRef, decidingReason, linkageSentence } from './describe';
import type { HoverContext, HoverPart } from './part';
import { tagTopic, tagsHere } from './tags';
import { contains, extent, quotedFields, sameRange, tokenAt } from './text';

const EXPLAINED = new Set(['-ldflags', '-tags', '-buildmode', '-race', '-msan', '-asan', '-a', '-installsuffix']);

/** A piece of document text with the document offset it starts at. */
interface Segment {
  text: string;
  offset: number;
}

export function flagHover(ctx: HoverContext): HoverPart | undefined {
  const { plan, view, position } = ctx;
  const cursor = view.offsetAt(position);
  let best: { inv: GoInvocation; flag: GoFlag; seg: Segment } | undefined;
  for (const inv of plan.invocations) {
    for (const flag of inv.flags) {
      if (!EXPLAINED.has(normal(flag.name)) || !contains(flag.loc.range, position)) continue;
      const seg = flagSegment(ctx, flag, cursor);
      if (!seg) continue;
      if (!best || extent(flag.loc.range) < extent(best.flag.loc.range)) best = { inv, flag, seg };
    }
  }
  if (!best) return undefined;
  const { inv, flag, seg } = best;
  // GOFLAGS in an ENV reaches every go command of the stage: say which ones it applies to.
  const sharing = plan.invocations.filter((i) => i.flags.some((f) => f.name === flag.name && sameRange(f.loc.range, flag.loc.range)));
  const viaGoflags = inv.env.GOFLAGS?.valueLoc !== undefined && sameRange(inv.env.GOFLAGS.valueLoc.range, flag.loc.range);
  const topic = topicFor(ctx, inv, flag, seg, cursor);
  const parts = [topic.text];
  if (topic.here) parts.push(topic.here);
  if (viaGoflags) parts.push(`Set through \`GOFLAGS\` — ${inv.env.GOFLAGS!.describe} — so it applies to ${sharing.map(commandRef).join(', ')}.`);
  return { markdown: parts.join('\n\n'), range: topic.range ?? segRange(ctx, seg), docs: topic.docs };
}

function normal(name: string): string {
  return name.replace(/^--/, '-');
}

/**
 * The text of the one flag under the cursor. A GOFLAGS value holds several flags in one location, so there the
 * whitespace-separated chunk around the cursor is the flag, and it must be the one asked about.
 */
function flagSegment(ctx: HoverContext, flag: GoFlag, cursor: number): Segment | undefined {
  const start = ctx.view.offsetAt(flag.loc.range.start);
  const text = ctx.view.slice(flag.loc.range);
  const name = normal(flag.name);
  if (new RegExp(`^-{1,2}${name.slice(1)}(?=$|[=\\s])`).test(text)) return { text, offset: start };
  const rel = cursor - start;
  let a = Math.min(Math.max(rel, 0), text.length);
  let b = a;
  while (a > 0 && !/\s/.test(text[a - 1])) a--;
  while (b < text.length && !/\s/.test(text[b])) b++;
  const chunk = text.slice(a, b).replace(/^["']/, '');
  const lead = text.slice(a, b).length - chunk.length;
  if (!new RegExp(`^-{1,2}${name.slice(1)}(?=$|=)`).test(chunk)) return undefined;
  return { text: chunk.replace(/["']$/, ''), offset: start + a + lead };
}

function segRange(ctx: HoverContext, seg: Segment, from = 0, to = seg.text.length): Range {
  return { start: ctx.view.positionAt(seg.offset + from), end: ctx.view.positionAt(seg.offset + to) };
}

interface Topic {
  text: string;
  here?: string;
  docs: string[];
  range?: Range;
}

/** Split `-name[= ]value` and strip one pair of quotes around the value. */
function splitFlag(seg: Segment): { nameEnd: number; value: string; valueStart: number } {
  const m = /^-{1,2}[A-Za-z_][\w-]*/.exec(seg.text);
  const nameEnd = m ? m[0].length : 0;
  let valueStart = nameEnd;
  while (valueStart < seg.text.length && /[=\s]/.test(seg.text[valueStart])) valueStart++;
  let value = seg.text.slice(valueStart);
  const q = value[0];
  if ((q === '"' || q === "'") && value.length > 1 && value.endsWith(q)) {
    value = value.slice(1, -1);
    valueStart++;
  }
  return { nameEnd, value, valueStart };
}

function topicFor(ctx: HoverContext, inv: GoInvocation, flag: GoFlag, seg: Segment, cursor: number): Topic {
  const rel = cursor - seg.offset;
  const { nameEnd, value, valueStart } = splitFlag(seg);
  const onName = rel <= nameEnd;
  switch (normal(flag.name)) {
    case '-ldflags':
      return ldflagsTopic(ctx, inv, seg, onName ? undefined : { value, valueStart, rel: rel - valueStart });
    case '-tags': {
      const tok = onName ? undefined : tokenAt(value, rel - valueStart);
      if (tok) {
        const t = tagTopic(tok.text);
        const here = tok.text === 'netgo' || tok.text === 'osusergo' ? tagsHere(inv) : undefined;
        return { text: t.text, here, docs: t.docs, range: segRange(ctx, seg, valueStart + tok.start, valueStart + tok.end) };
      }
      const list = inv.tags.values.map((v) => `- ${tagTopic(v).text}`);
      return { text: `**\`-tags\`** — build tags for this command:\n${list.join('\n') || '- (none)'}`, here: tagsHere(inv), docs: ['CGO503'] };
    }
    case '-buildmode':
      return buildmodeTopic(inv, flag.value?.value ?? value);
    case '-race':
    case '-msan':
    case '-asan':
      return sanitizerTopic(inv, normal(flag.name), inv.sanitizers.some((x) => sameRange(x.loc.range, flag.loc.range)));
    case '-a':
      return {
        text:
          '**`-a`** forces a rebuild of every package, the standard library included. Since Go 1.10 the build cache keeps cgo and non-cgo ' +
          'builds apart, so it is not needed when switching `CGO_ENABLED`; it only makes the build slower.',
        docs: ['CGO504'],
      };
    default:
      return {
        text:
          '**`-installsuffix`** is obsolete since Go 1.10: the build cache keeps cgo and non-cgo objects apart, and `go build -a -installsuffix cgo` ' +
          'produces a byte-identical binary. It does **not** make the binary static — only `CGO_ENABLED=0` (or external static linking) does.',
        here: `Here the binary is ${linkageSentence(inv)}.`,
        docs: ['CGO504'],
      };
  }
}

const LINKMODE =
  '**`-linkmode external`** — link with the external C linker (gcc/clang) instead of Go\'s internal linker. It needs cgo: with cgo off the ' +
  'build fails with `-linkmode=external requires external (cgo) linking, but cgo is not enabled`. It is also what makes `-extldflags` count: ' +
  'when the only cgo code is the standard library\'s (`net`, `os/user`), Go links internally and ignores `-extldflags`.';
const EXTLDFLAGS =
  '**`-extldflags`** — flags for the external linker. They are used only when the link is external (`-linkmode external`, cgo packages ' +
  'outside the standard library, or build modes that force it); with only the standard library\'s cgo code the Go linker links internally ' +
  'and ignores them, so `-extldflags "-static"` alone leaves the binary **dynamic**.';
const STATIC_GLIBC =
  'A static link against glibc makes the linker warn `Using \'getaddrinfo\' in statically linked applications requires at runtime the shared ' +
  'libraries from the glibc version used for linking` (also `getpwuid_r`, `getpwnam_r`, …): add `-tags netgo,osusergo` to drop those calls. ' +
  'A static musl link has no such NSS caveat.';
const STATIC_PIE =
  '`-static-pie` makes a statically linked PIE: `CGO_ENABLED=1 go build -buildmode=pie -tags netgo,osusergo ' +
  "-ldflags='-linkmode=external -extldflags=-static-pie'` gives a `static-pie linked` binary.";
const STRIP =
  '**`-s -w`** — `-s` omits the symbol table and `-w` the DWARF debug information: a smaller binary that is harder to debug. Neither changes ' +
  'how the binary is linked (static or dynamic) or which libc it needs.';
const XFLAG = '**`-X importpath.name=value`** sets a string variable at link time (e.g. a version). It does not affect cgo or linkage.';

function ldflagsTopic(ctx: HoverContext, inv: GoInvocation, seg: Segment, at: { value: string; valueStart: number; rel: number } | undefined): Topic {
  const ld = inv.ldflags;
  const linkHere = `Here: ${linkageSentence(inv)}.`;
  if (at) {
    const fields = quotedFields(at.value);
    const i = fields.findIndex((f) => at.rel >= f.start && at.rel <= f.end);
    if (i >= 0) {
      const f = fields[i];
      const prev = fields[i - 1]?.text;
      const range = segRange(ctx, seg, at.valueStart + f.start, at.valueStart + f.end);
      if (f.text.startsWith('-linkmode') || prev === '-linkmode') {
        const external = /external/.test(f.text) || (f.text === '-linkmode' && fields[i + 1]?.text === 'external');
        if (!external) return { text: '**`-linkmode internal`** — Go\'s own linker; `-extldflags` is ignored.', here: linkHere, docs: ['CGO501'], range };
        const here = inv.cgo.state === 'off' ? `**Fails here:** cgo is off (${decidingReason(inv.cgo)}).` : linkHere;
        return { text: LINKMODE, here, docs: ['CGO208', 'CGO501'], range };
      }
      if (f.text.startsWith('-extldflags') || prev === '-extldflags') {
        const extValue = f.text.startsWith('-extldflags=') ? f.text.slice(12) : f.text === '-extldflags' ? fields[i + 1]?.text ?? '' : f.text;
        const extra = /-static-pie\b/.test(extValue) ? STATIC_PIE : /(^|\s)--?static(\s|$)/.test(extValue) ? STATIC_GLIBC : undefined;
        return { text: [EXTLDFLAGS, extra].filter(Boolean).join('\n\n'), here: extldHere(inv), docs: ['CGO501', 'CGO502'], range };
      }
      if (f.text === '-s' || f.text === '-w') return { text: STRIP, docs: [], range };
      if (f.text === '-X' || prev === '-X' || f.text.startsWith('-X=')) return { text: XFLAG, docs: [], range };
    }
  }
  const parts: string[] = [];
  if (ld?.linkmodeExternal || /-linkmode/.test(ld?.text ?? '')) parts.push(`- ${LINKMODE}`);
  if (/-extldflags/.test(ld?.text ?? '')) parts.push(`- ${EXTLDFLAGS}`);
  if (ld?.stripped || /(^|\s)-[sw](\s|$)/.test(ld?.text ?? '')) parts.push(`- ${STRIP}`);
  if (/(^|\s)-X[\s=]/.test(ld?.text ?? '')) parts.push(`- ${XFLAG}`);
  return {
    text: `**\`-ldflags\`** — arguments for the Go linker (\`go tool link\`).${parts.length ? `\n${parts.join('\n')}` : ''}`,
    here: linkHere,
    docs: ['CGO501', 'CGO502'],
  };
}

function extldHere(inv: GoInvocation): string {
  const ld = inv.ldflags;
  if (inv.cgo.state === 'off') {
    return ld?.linkmodeExternal
      ? `**Fails here:** \`-linkmode external\` with cgo off (${decidingReason(inv.cgo)}).`
      : 'Here cgo is **off**: there is no external link, so `-extldflags` does nothing (the binary is static anyway).';
  }
  if (!ld?.linkmodeExternal) return `Here there is no \`-linkmode external\`: unless a cgo package outside the standard library forces an external link, these flags are ignored. ${linkageSentence(inv)}.`;
  return `Here: ${linkageSentence(inv)}.`;
}

function buildmodeTopic(inv: GoInvocation, mode: string): Topic {
  const off = inv.cgo.state === 'off';
  if (mode === 'pie') {
    return {
      text:
        '**`-buildmode=pie`** — a position-independent executable. On linux/amd64 a PIE is **dynamically linked** with the interpreter ' +
        '`/lib64/ld-linux-x86-64.so.2` even with `CGO_ENABLED=0`, so it fails in `scratch` and Alpine with `exec /app: no such file or directory`. ' +
        `For a static PIE: ${STATIC_PIE.replace(/^`-static-pie` makes a statically linked PIE: /, '')}`,
      here: off ? `Here cgo is **off** and the binary is still dynamic: it needs the glibc loader at run time.` : `Here: ${linkageSentence(inv)}.`,
      docs: ['CGO104'],
    };
  }
  if (mode === 'plugin' || mode === 'c-shared' || mode === 'c-archive') {
    return {
      text:
        `**\`-buildmode=${mode}\`** needs cgo: with cgo off the build fails (\`loadinternal: cannot find runtime/cgo\`, seen with Go 1.19)` +
        (mode === 'plugin' ? '; and `plugin.Open` in a binary built without cgo returns `plugin: not implemented`.' : '.'),
      here: off ? `**Fails here:** cgo is off (${decidingReason(inv.cgo)}).` : `Here cgo is **${inv.cgo.state}**.`,
      docs: ['CGO208'],
    };
  }
  if (mode === 'exe' || mode === 'default') return { text: `**\`-buildmode=${mode}\`** — a normal executable (the default).`, here: `Here: ${linkageSentence(inv)}.`, docs: [] };
  return { text: `**\`-buildmode=${mode}\`** — see \`go help buildmode\`.`, docs: [] };
}

function sanitizerTopic(inv: GoInvocation, name: string, enabled: boolean): Topic {
  const what = name === '-race' ? 'the race detector' : name === '-msan' ? 'the memory sanitizer' : 'the address sanitizer';
  const exempt = name === '-race' ? ' on Linux and Windows (only macOS is exempt, since Go 1.20)' : '';
  let here: string;
  if (!enabled) here = `Here it is switched off (\`${name}=false\`).`;
  else if (inv.cgo.state === 'off') here = `**Fails here:** cgo is off (${decidingReason(inv.cgo)}): \`go: ${name} requires cgo; enable cgo by setting CGO_ENABLED=1\`.`;
  else if (inv.cgo.state === 'on' && inv.host.cCompiler === 'no') here = `**Fails here:** cgo is on but ${inv.host.label} has no C compiler: \`cgo: C compiler "gcc" not found\`.`;
  else if (inv.cgo.state === 'on') here = 'Here cgo is **on**.';
  else here = 'Whether cgo is on here is not known.';
  return {
    text:
      `**\`${name}\`** enables ${what}. It needs cgo${exempt}: with cgo off the command fails with \`go: ${name} requires cgo; enable cgo by setting CGO_ENABLED=1\`, ` +
      `and with cgo on it needs a C compiler (\`cgo: C compiler "gcc" not found: exec: "gcc": executable file not found in $PATH\`). Scope \`CGO_ENABLED=1\` to this command.`,
    here,
    docs: ['CGO207'],
  };
}

