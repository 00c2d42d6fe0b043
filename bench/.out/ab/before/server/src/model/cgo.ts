import type { BuildHost, CgoReason, EffectiveCgo, EnvValue, GoTarget } from './types';

/**
 * How the go command decides CGO_ENABLED (cgo-facts §0.1): only the exact strings "0" and "1" count;
 * anything else is unset. Unset → off for cross builds; native with Go ≥ 1.20 → on iff CC is set or a
 * C compiler is on PATH; native with Go < 1.20 → on. `go env -w` applies when the process env has nothing.
 */
export function decideCgo(env: Record<string, EnvValue>, host: BuildHost, target: GoTarget, goEnvW?: EnvValue): EffectiveCgo {
  const reasons: CgoReason[] = [];
  let invalid: EnvValue | undefined;
  for (const candidate of [env.CGO_ENABLED, goEnvW]) {
    if (!candidate) continue;
    if (candidate.value === '1' || candidate.value === '0') {
      const state = candidate.value === '1' ? 'on' : 'off';
      return { state, reasons: [{ text: `CGO_ENABLED=${candidate.value} set by ${candidate.describe}`, loc: candidate.loc }], explicit: candidate, invalid, implicit: false };
    }
    if (candidate.value === undefined) {
      return { state: 'unknown', reasons: [{ text: `CGO_ENABLED is set by ${candidate.describe} to a value that is only known at build time`, loc: candidate.loc }], explicit: candidate, invalid, implicit: false };
    }
    if (candidate.value !== '') {
      invalid ??= candidate;
      reasons.push({ text: `CGO_ENABLED=${candidate.value} (${candidate.describe}) is not 0 or 1, so the go command treats it as unset`, loc: candidate.loc });
    }
  }
  const decided = defaultCgo(env, host, target);
  return { ...decided, reasons: [...decided.reasons, ...reasons], invalid, implicit: true };
}

function defaultCgo(env: Record<string, EnvValue>, host: BuildHost, target: GoTarget): Pick<EffectiveCgo, 'state' | 'reasons'> {
  if (target.cross === 'yes') {
    return { state: 'off', reasons: [{ text: `CGO_ENABLED is unset and this is a cross build (${target.crossWhy ?? 'target differs from the build host'}): the go command turns cgo off` }] };
  }
  if (target.cross === 'unknown' && !target.platformDependent) {
    return { state: 'unknown', reasons: [{ text: `CGO_ENABLED is unset and whether this is a cross build is not known (${target.crossWhy ?? 'target unknown'})` }] };
  }
  const crossNote = target.cross === 'unknown' && target.crossWhy ? ` — for the build platform's own architecture; ${target.crossWhy}` : '';
  if (host.goAtLeast120 === false) {
    const v = host.goVersion ? `Go ${host.goVersion.major}.${host.goVersion.minor}` : 'Go < 1.20';
    return { state: 'on', reasons: [{ text: `CGO_ENABLED is unset and ${v} turns cgo on for native builds even without a C compiler${crossNote}`, loc: host.loc }] };
  }
  if (env.CC?.value) {
    return { state: 'on', reasons: [{ text: `CGO_ENABLED is unset and CC=${env.CC.value} is set (${env.CC.describe}): cgo is on for native builds${crossNote}`, loc: env.CC.loc }] };
  }
  if (host.goAtLeast120 === undefined && host.cCompiler !== 'yes') {
    return { state: 'unknown', reasons: [{ text: `CGO_ENABLED is unset and the Go version of ${host.label} is not known (before Go 1.20 cgo is on even without a C compiler)` }] };
  }
  switch (host.cCompiler) {
    case 'yes':
      return {
        state: 'on',
        reasons: [{ text: `CGO_ENABLED is unset and a C compiler is on PATH (${host.cCompilerLoc ? 'installed here' : `shipped with ${host.label}`}): Go ≥ 1.20 turns cgo on for native builds${crossNote}`, loc: host.cCompilerLoc ?? host.loc }],
      };
    case 'no':
      return { state: 'off', reasons: [{ text: `CGO_ENABLED is unset and ${host.label} has no C compiler on PATH: Go ≥ 1.20 turns cgo off`, loc: host.loc }] };
    default:
      return { state: 'unknown', reasons: [{ text: `CGO_ENABLED is unset and it is not known whether ${host.label} has a C compiler` }] };
  }
}
