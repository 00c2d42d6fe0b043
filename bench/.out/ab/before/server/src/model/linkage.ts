import type { BuildHost, EffectiveCgo, GoTarget, LdflagsInfo, Linkage, ProgramFacts } from './types';
import { compareVersions } from '../knowledge/images';
import { programLinksCgo } from './program';

export interface LinkInputs {
  cgo: EffectiveCgo;
  host: BuildHost;
  target: GoTarget;
  tags: string[];
  ldflags?: LdflagsInfo;
  buildmode?: string;
  /** What the workspace says about the program (absent: assume a main package that imports net). */
  program?: ProgramFacts;
}

/**
 * What the binary will need at run time (cgo-facts §0.3, §0.4). Without knowledge of the program we assume
 * the common case: a main package that imports net (so cgo, when on, links libc).
 */
export function decideLinkage(i: LinkInputs): Linkage {
  const goos = i.target.goos?.value;
  if (goos !== undefined && goos !== 'linux' && goos !== '') return { kind: 'unknown', why: `the target is ${goos}, not Linux` };
  if (i.buildmode === 'pie' && i.cgo.state === 'off') {
    return { kind: 'dynamic-glibc', why: '-buildmode=pie links an internally linked PIE that still needs the loader /lib64/ld-linux-x86-64.so.2 (linux/amd64), even with cgo off' };
  }
  if (i.cgo.state === 'off') return { kind: 'static', why: 'cgo is off, so the Go linker produces a statically linked binary' };
  if (i.cgo.state === 'unknown') return { kind: 'unknown', why: 'whether cgo is on is not known' };
  const ext = i.ldflags;
  if (ext?.linkmodeExternal && (ext.extldflagsStatic || ext.extldflagsStaticPie)) {
    return { kind: 'static', why: '-linkmode external with -extldflags -static links libc statically' };
  }
  // Workspace facts: a program that provably links no cgo code is static even with cgo on (cgo-facts §0.3).
  const pure = i.tags.includes('netgo') && i.tags.includes('osusergo');
  if (i.program?.known && i.buildmode !== 'pie' && programLinksCgo(i.program, pure) === 'no') {
    return { kind: 'static', why: `cgo is on, but the program links no cgo code (${pure ? 'netgo and osusergo take net and os/user out; ' : ''}no net, os/user, plugin, \`import "C"\` or cgo module), so the Go linker still produces a statically linked binary` };
  }
  if (pure && i.buildmode !== 'pie' && programLinksCgo(i.program, true) !== 'yes') {
    return { kind: 'static', why: 'the netgo and osusergo tags remove the only cgo code of the standard library (assuming no cgo packages of your own)' };
  }
  if (i.target.cross === 'yes' && !i.target.targetCc && !i.target.viaXx) {
    return { kind: 'unknown', why: 'a cross build with cgo on needs a target C compiler' };
  }
  switch (i.host.libc) {
    case 'glibc': {
      const v = i.host.libcVersion;
      const needs234 = v !== undefined && compareVersions(v, '2.34') >= 0;
      return {
        kind: 'dynamic-glibc',
        minGlibc: needs234 ? '2.34' : undefined,
        builtOn: v,
        why: `cgo is on and ${i.host.label} links against glibc${v ? ` ${v}` : ''}${needs234 ? ': the binary references GLIBC_2.34 symbols (pthread_create…) and needs glibc ≥ 2.34' : ''}`,
      };
    }
    case 'musl':
      return { kind: 'dynamic-musl', why: `cgo is on and ${i.host.label} links against musl: the binary needs /lib/ld-musl-<arch>.so.1` };
    default:
      return { kind: 'unknown', why: `the libc of ${i.host.label} is not known` };
  }
}
