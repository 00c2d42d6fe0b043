import type { BuildHost, EnvValue, GoInvocation, GoTarget } from '../../model/types';
import { decideCgo } from '../../model/cgo';
import { decideLinkage } from '../../model/linkage';

export const UNKNOWN_MACHINE_LABEL = 'the machine running this script';

/**
 * A shell script or a Makefile opened on its own runs on a machine we know nothing about: a developer's
 * Mac, a CI runner, a container. Libc, C compiler and Go version are unknown, so the implicit CGO
 * default stays `unknown` and host-dependent rules keep quiet; explicit values still decide.
 */
export function unknownMachine(label = UNKNOWN_MACHINE_LABEL): BuildHost {
  return { label, libc: 'unknown', cCompiler: 'unknown', libcHeaders: 'unknown' };
}

/**
 * `resolveTarget` assumes a Linux/amd64 builder (true for Docker builds and the usual CI runners). On an
 * unknown machine an explicit GOOS/GOARCH may or may not differ from the host, so whether the build
 * crosses is unknown; re-decide cgo and linkage with that target.
 */
export function onUnknownPlatform(inv: GoInvocation, goEnvW: EnvValue | undefined): GoInvocation {
  const t = inv.target;
  if (t.viaXx || (!t.goos && !t.goarch)) return inv;
  const set = [t.goos && `GOOS=${t.goos.value ?? '…'}`, t.goarch && `GOARCH=${t.goarch.value ?? '…'}`].filter(Boolean).join(' ');
  const target: GoTarget = { ...t, cross: 'unknown', platformDependent: false, crossWhy: `${set} is set, and whether that differs from ${inv.host.label} is not known` };
  const cgo = decideCgo(inv.env, inv.host, target, goEnvW);
  const linkage = decideLinkage({ cgo, host: inv.host, target, tags: inv.tags.values, ldflags: inv.ldflags, buildmode: inv.buildmode?.value });
  return { ...inv, target, cgo, linkage };
}
