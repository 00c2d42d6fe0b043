import type { EnvValue, GoTarget } from './types';

export interface TargetInputs {
  env: Record<string, EnvValue>;
  /** The stage runs on the build platform (`FROM --platform=$BUILDPLATFORM`): its arch may differ from the target's. */
  onBuildPlatform: boolean;
  /** Built with tonistiigi/xx's xx-go, which sets GOOS/GOARCH and a target CC itself. */
  viaXx: boolean;
}

const PLATFORM_ARGS = /\$\{?(TARGETARCH|TARGETOS|TARGETPLATFORM|TARGETVARIANT)\b/;

/**
 * Is this a cross build? Docker builds run on Linux, so a GOOS other than linux is certainly cross.
 * A literal GOARCH is compared with amd64, the architecture of nearly every CI builder (an assumption
 * the reasons say out loud); `$TARGETARCH` on a `--platform=$BUILDPLATFORM` stage depends on the platform requested.
 */
export function resolveTarget(i: TargetInputs): GoTarget {
  const goos = i.env.GOOS;
  const goarch = i.env.GOARCH;
  const cc = i.env.CC;
  const targetCc = cc?.value && /-(gcc|clang|cc)$|zig|--target|xx-clang|-target/.test(cc.value) && !/^(gcc|clang|cc)$/.test(cc.value) ? cc : undefined;
  const base = { goos, goarch, targetCc, viaXx: i.viaXx };
  if (i.viaXx) {
    return { ...base, cross: i.onBuildPlatform ? 'unknown' : 'no', platformDependent: i.onBuildPlatform, crossWhy: 'xx-go targets $TARGETPLATFORM and supplies a matching C compiler' };
  }
  if (goos?.value && goos.value !== 'linux') return { ...base, cross: 'yes', crossWhy: `GOOS=${goos.value} while the build runs on Linux` };
  const arch = goarch?.value;
  if (goarch && arch === undefined) {
    const followsTarget = mentionsPlatformArg(goarch.raw);
    if (followsTarget && !i.onBuildPlatform) return { ...base, cross: 'no', crossWhy: 'GOARCH follows the target platform, which is the platform this stage runs on' };
    if (followsTarget) return { ...base, cross: 'unknown', platformDependent: true, crossWhy: 'GOARCH follows the requested target platform: the build is native only when the target platform equals the build platform (plain `docker build`); other architectures are cross builds with cgo off by default' };
    return { ...base, cross: 'unknown', crossWhy: 'GOARCH is only known at build time' };
  }
  if (arch && arch !== 'amd64') {
    return { ...base, cross: 'yes', crossWhy: `GOARCH=${arch} on an amd64 build machine (the usual CI builder)` };
  }
  if (i.onBuildPlatform && !goarch) {
    return { ...base, cross: 'no', crossWhy: 'the stage runs on the build platform and GOARCH is not set, so Go builds for the build platform' };
  }
  return { ...base, cross: 'no' };
}

export function mentionsPlatformArg(text: string | undefined): boolean {
  return !!text && PLATFORM_ARGS.test(text);
}
