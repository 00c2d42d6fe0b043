// Shared wording for hovers and inlay hints: what an invocation resolves to, what its binary needs at run time,
// and whether it starts on a given image. Every statement follows knowledge/cgo-facts.md (§0.1, §0.3, table B
// and its builder → runtime cheat-sheet); when an input is unknown the text says so instead of guessing.
import type { BuildHost, BuildPlan, CgoState, EffectiveCgo, GoInvocation, GoTarget, Linkage, RuntimeTarget, Stage } from '../model/types';
import type { ImageFacts, LibcFamily, Tri } from '../knowledge/images';
import { compareVersions } from '../knowledge/images';
import { lineOf } from './text';

/** A Markdown code span that survives backticks inside (the glibc error message has one). */
export function code(s: string): string {
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}

export function cgoDigit(state: CgoState): '1' | '0' | '?' {
  return state === 'on' ? '1' : state === 'off' ? '0' : '?';
}

/** `go build` as written (tool + subcommand), for headings and lists. */
export function commandName(inv: GoInvocation): string {
  return `${inv.tool} ${inv.subcommand}`;
}

export function commandRef(inv: GoInvocation): string {
  return `\`${commandName(inv)}\` (line ${lineOf(inv.commandLoc)})`;
}

/** "resolves to **1** (cgo on)" — the sentence head used wherever a CGO outcome is stated. */
export function resolvesTo(cgo: EffectiveCgo): string {
  if (cgo.state === 'unknown') return 'CGO_ENABLED cannot be resolved statically (cgo **unknown**)';
  return `CGO_ENABLED resolves to **${cgoDigit(cgo.state)}** (cgo **${cgo.state}**)`;
}

/** A reason with its line, e.g. "… turns cgo on for native builds (line 1)". */
export function reasonText(r: { text: string; loc?: { range: { start: { line: number } } } }): string {
  return r.loc ? `${r.text} (line ${r.loc.range.start.line + 1})` : r.text;
}

export function decidingReason(cgo: EffectiveCgo): string {
  const r = cgo.reasons[0];
  return r ? reasonText(r) : 'no reason recorded';
}

/** Short linkage label for inlay hints and headings: `static`, `dynamic glibc ≥ 2.34`, `dynamic musl`, `unknown`. */
export function linkageLabel(inv: Pick<GoInvocation, 'linkage' | 'cgo'>): string {
  const l = inv.linkage;
  switch (l.kind) {
    case 'static':
      return 'static';
    case 'dynamic-glibc':
      if (inv.cgo.state === 'off') return 'dynamic (PIE)';
      return l.minGlibc ? `dynamic glibc ≥ ${l.minGlibc}` : 'dynamic glibc';
    case 'dynamic-musl':
      return 'dynamic musl';
    default:
      return 'unknown';
  }
}

/** A sentence on the linkage: "dynamically linked against glibc 2.36 (…)". */
export function linkageSentence(inv: GoInvocation): string {
  const l = inv.linkage;
  switch (l.kind) {
    case 'static':
      return `**statically linked** — ${l.why}`;
    case 'dynamic-glibc':
      if (inv.cgo.state === 'off') return `**dynamically linked** (PIE) — ${l.why}`;
      return `**dynamically linked against glibc${l.builtOn ? ` ${l.builtOn}` : ''}** — ${l.why}`;
    case 'dynamic-musl':
      return `**dynamically linked against musl** — ${l.why}`;
    default:
      return `**linkage unknown** — ${l.why}`;
  }
}

/** What the binary needs from the image it runs in. */
export function runtimeNeeds(inv: GoInvocation): string {
  const l = inv.linkage;
  switch (l.kind) {
    case 'static':
      return 'no libc: it runs on `scratch` (add CA certificates or zoneinfo if it uses TLS or time zones)';
    case 'dynamic-glibc':
      if (inv.cgo.state === 'off') return 'the glibc loader `/lib64/ld-linux-x86-64.so.2` (linux/amd64): a glibc image, not `scratch` or Alpine';
      if (l.minGlibc) {
        const upTo = l.builtOn && compareVersions(l.builtOn, l.minGlibc) > 0 ? `; C code of its own or of cgo modules can need up to the builder's glibc ${l.builtOn}` : '';
        return `**glibc ≥ ${l.minGlibc}** (it references \`GLIBC_${l.minGlibc}\` symbols such as \`pthread_create\`)${upTo}`;
      }
      return l.builtOn
        ? `glibc at run time: a runtime with the builder's glibc ${l.builtOn} or newer is safe; an older one can fail with ${code("version `GLIBC_…' not found")}`
        : 'glibc at run time (the build host\'s glibc version is not known)';
    case 'dynamic-musl':
      return 'musl at run time (loader `/lib/ld-musl-<arch>.so.1`): an Alpine/musl image with the same or a newer musl';
    default:
      return 'unknown, because the linkage is unknown';
  }
}

export function libcLabel(libc: LibcFamily, version: string | undefined): string {
  switch (libc) {
    case 'none':
      return 'no libc';
    case 'unknown':
      return 'libc unknown';
    case 'uclibc':
      return 'uClibc';
    default:
      return version ? `${libc} ${version}` : libc;
  }
}

export function tri(t: Tri | undefined): string {
  return t === 'yes' ? 'yes' : t === 'no' ? 'no' : 'unknown';
}

export function hostSentence(host: BuildHost): string {
  const name = host.image?.known ? `${host.label} — ${host.image.name}` : host.label;
  const go = host.goVersion ? `Go ${host.goVersion.major}.${host.goVersion.minor}` : host.goAtLeast120 === true ? 'Go ≥ 1.20' : host.goAtLeast120 === false ? 'Go < 1.20' : 'Go version unknown';
  const cc =
    host.cCompiler === 'yes'
      ? `C compiler on PATH: yes (${host.cCompilerLoc ? `installed on line ${lineOf(host.cCompilerLoc)}` : shipsGcc(host) ? 'gcc, shipped with the image' : 'shipped with the image'})`
      : host.cCompiler === 'no'
        ? 'C compiler on PATH: **no**'
        : 'C compiler on PATH: unknown';
  return `${name} · ${libcLabel(host.libc, host.libcVersion)} · ${go} · ${cc}`;
}

/** The Debian-based golang and buildpack-deps images ship gcc (cgo-facts table B). */
function shipsGcc(host: BuildHost): boolean {
  const repo = host.image?.ref.repository;
  return host.image?.libc === 'glibc' && (repo === 'golang' || repo === 'buildpack-deps');
}

export function targetSentence(t: GoTarget): string {
  const os = t.goos?.value ?? (t.goos ? t.goos.raw ?? '?' : undefined);
  const arch = t.goarch?.value ?? (t.goarch ? t.goarch.raw ?? '?' : undefined);
  const pair = os || arch ? `GOOS=${os ?? '(host)'} GOARCH=${arch ?? '(host)'}` : 'GOOS/GOARCH not set';
  const cc = t.targetCc ? ` · target C compiler: \`CC=${t.targetCc.value ?? t.targetCc.raw ?? '?'}\`` : t.viaXx ? ' · target C compiler supplied by xx-go' : '';
  switch (t.cross) {
    case 'yes':
      return `${pair} — **cross build** (${t.crossWhy ?? 'target differs from the build host'}): cgo is off unless CGO_ENABLED=1 is set, and then CC must be a C compiler for the target${cc}`;
    case 'no':
      return `${pair} — **native build**${t.crossWhy ? ` (${t.crossWhy})` : ' (builds for the build host)'}${cc}`;
    default:
      return `${pair} — cross or native **unknown**${t.crossWhy ? ` (${t.crossWhy})` : ''}${cc}`;
  }
}

export type Verdict = 'runs' | 'fails' | 'may-fail' | 'unknown';

/**
 * Will a binary with this linkage start on that runtime? Mirrors the rules (CGO101/102/103/104): same libc
 * family and a glibc at least as new as the symbols it needs; static binaries run anywhere.
 */
export function compatibility(inv: GoInvocation, rt: Pick<RuntimeTarget, 'libc' | 'libcVersion' | 'label' | 'compatHacks'>): { verdict: Verdict; text: string } {
  const l: Linkage = inv.linkage;
  const where = rt.label;
  const noLoader = (loader: string) => `${where} has ${rt.libc === 'none' ? 'no libc' : rt.libc === 'unknown' ? 'an unknown libc' : rt.libc} and no \`${loader}\`: the container fails with \`exec /app: no such file or directory\``;
  switch (l.kind) {
    case 'static':
      return { verdict: 'runs', text: `static: runs on ${where} (needs no libc)` };
    case 'unknown':
      return { verdict: 'unknown', text: `cannot tell: ${l.why}` };
    case 'dynamic-musl':
      if (rt.libc === 'musl') return { verdict: 'runs', text: `musl binary on ${where} (musl${rt.libcVersion ? ` ${rt.libcVersion}` : ''}): runs when the runtime's musl is the same or newer than the builder's` };
      if (rt.libc === 'unknown') return { verdict: 'unknown', text: `musl binary; the libc of ${where} is not known` };
      return { verdict: 'fails', text: `musl binary: ${noLoader('/lib/ld-musl-<arch>.so.1')}` };
    case 'dynamic-glibc': {
      if (rt.libc === 'unknown') return { verdict: 'unknown', text: `glibc binary; the libc of ${where} is not known` };
      if (rt.libc !== 'glibc') {
        if (rt.libc === 'musl' && rt.compatHacks.length) {
          return { verdict: 'may-fail', text: `glibc binary on musl through libc6-compat/gcompat or a loader symlink: may start, and breaks on glibc-only symbols (\`Error relocating …: symbol not found\`)` };
        }
        return { verdict: 'fails', text: `glibc binary: ${noLoader('/lib64/ld-linux-x86-64.so.2')}` };
      }
      if (inv.cgo.state === 'off') return { verdict: 'runs', text: `PIE on ${where}: the glibc loader is there` };
      const have = rt.libcVersion;
      if (!have || !l.builtOn) return { verdict: 'unknown', text: `glibc binary on ${where}${have ? ` (glibc ${have})` : ''}: the glibc version ${have ? 'of the builder' : 'of the runtime'} is not known` };
      if (compareVersions(have, l.builtOn) >= 0) return { verdict: 'runs', text: `built on glibc ${l.builtOn}, ${where} has glibc ${have}: runs` };
      if (l.minGlibc && compareVersions(have, l.minGlibc) < 0) {
        return { verdict: 'fails', text: `needs glibc ≥ ${l.minGlibc}, ${where} has glibc ${have}: fails with ${code(`version \`GLIBC_${l.minGlibc}' not found`)}` };
      }
      return { verdict: 'may-fail', text: `built on glibc ${l.builtOn}, ${where} has the older glibc ${have}: any newer symbol it uses fails with ${code("version `GLIBC_…' not found")}` };
    }
  }
}

export function verdictWord(v: Verdict): string {
  return v === 'runs' ? 'runs' : v === 'fails' ? '**will not start**' : v === 'may-fail' ? '**may fail**' : 'unknown';
}

/** The stage at the root of `FROM <stage>` chains: its base image is what the stage really runs on. */
export function rootStage(plan: BuildPlan, index: number): Stage | undefined {
  let s = plan.stages[index];
  for (let guard = 0; s?.parent !== undefined && guard < plan.stages.length; guard++) s = plan.stages[s.parent];
  return s;
}

export function stageLabel(s: Stage): string {
  return s.name ? `stage \`${s.name}\`` : `stage ${s.index}`;
}

/** Is `stage` the stage `ancestor` or built `FROM` it (directly or not)? */
export function descendsFrom(plan: BuildPlan, stage: number | undefined, ancestor: number): boolean {
  let s = stage === undefined ? undefined : plan.stages[stage];
  for (let guard = 0; s && guard <= plan.stages.length; guard++) {
    if (s.index === ancestor) return true;
    s = s.parent === undefined ? undefined : plan.stages[s.parent];
  }
  return false;
}

export function imageLibc(image: ImageFacts | undefined): string {
  if (!image || !image.known) return 'libc unknown';
  return libcLabel(image.libc, image.libcVersion);
}
