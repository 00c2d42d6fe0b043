import type { BuildHost, EnvValue, GoInvocation, GoTarget, IneffectiveAssignment, Location, Word } from '../../model/types';
import type { ShellCommand } from '../../shell/interpret';
import { buildInvocation } from '../commands/invocation';
import { isGoTool } from '../commands/goCommand';
import { decideCgo } from '../../model/cgo';
import { decideLinkage } from '../../model/linkage';

/** The build machine's own GOOS/GOARCH, when the file says what it is (a GitHub-hosted runner). */
export interface Platform { os: string; arch: string }

export interface YamlInvocationInputs {
  id: string;
  cmd: ShellCommand;
  host: BuildHost;
  /** Undefined: an amd64 Linux builder is assumed (what resolveTarget says in its reasons). */
  platform?: Platform;
  ineffective: IneffectiveAssignment[];
  /**
   * Assignments that reach the process in the usual case but may be overridden (Task's OS-env precedence):
   * kept on the invocation even though the variable is in its environment.
   */
  advisory?: IneffectiveAssignment[];
}

/** A go command found in a YAML file (a `run:` script, a Task `cmds` entry, a goreleaser build) as a GoInvocation. */
export function yamlInvocation(i: YamlInvocationInputs): GoInvocation | undefined {
  const tool = isGoTool(i.cmd.name.value);
  if (!tool) return undefined;
  const inv = buildInvocation({ id: i.id, tool, cmd: i.cmd, host: i.host, onBuildPlatform: false, ineffective: i.ineffective });
  if (!inv) return undefined;
  if (i.platform && !(i.platform.os === 'linux' && i.platform.arch === 'amd64')) retarget(inv, i.platform);
  // A CC only known at run time (`CC={{ .Env.CC_linux_arm64 }}`, `CC: ${{ matrix.cc }}` from an unknown matrix) is how
  // release configs pick a cross compiler per target: do not claim the target has none.
  if (!inv.target.targetCc && inv.env.CC && inv.env.CC.value === undefined) inv.target = { ...inv.target, targetCc: inv.env.CC };
  if (i.advisory?.length) inv.ineffective.push(...i.advisory);
  return inv;
}

/** Cross or native relative to a build machine that is not linux/amd64 (an arm64 or macOS runner). */
function retarget(inv: GoInvocation, p: Platform): void {
  const goos = inv.env.GOOS;
  const goarch = inv.env.GOARCH;
  const os = goos ? goos.value : p.os;
  const arch = goarch ? goarch.value : p.arch;
  const target: GoTarget = { ...inv.target, platformDependent: false };
  if (os === undefined || arch === undefined) {
    target.cross = 'unknown';
    target.crossWhy = `${os === undefined ? 'GOOS' : 'GOARCH'} is only known at build time`;
  } else if (os !== p.os || arch !== p.arch) {
    target.cross = 'yes';
    target.crossWhy = `the target ${os}/${arch} differs from the ${p.os}/${p.arch} build machine (${inv.host.label})`;
  } else {
    target.cross = 'no';
    target.crossWhy = undefined;
  }
  // A native build on macOS or Windows targets that OS even without GOOS (linkage and sanitizer rules need to know).
  if (!goos && p.os !== 'linux') target.goos = { name: 'GOOS', value: p.os, origin: 'image', describe: `the build machine (${inv.host.label})` };
  inv.target = target;
  inv.cgo = decideCgo(inv.env, inv.host, target);
  inv.linkage = decideLinkage({ cgo: inv.cgo, host: inv.host, target, tags: inv.tags.values, ldflags: inv.ldflags, buildmode: inv.buildmode?.value });
}

/** A go command that no shell runs (a goreleaser build): words with their own locations, env as given. */
export function syntheticCommand(anchor: Location, words: Word[], env: Record<string, EnvValue>): ShellCommand {
  const zero: Location = { uri: anchor.uri, range: { start: anchor.range.start, end: anchor.range.start } };
  return {
    name: { value: 'go', raw: 'go', loc: anchor },
    args: words,
    env,
    shellOnly: [],
    prefixes: [],
    loc: anchor,
    insertPrefixAt: zero,
  };
}

/**
 * Two combinations of a matrix (or two targets of a release) that produce the same build are one build for
 * the rules: keep the first of each kind so one mistake is reported once.
 */
export function buildSignature(inv: GoInvocation): string {
  const r = inv.commandLoc.range;
  const e = (n: string) => inv.env[n]?.value ?? (inv.env[n] ? '?' : '-');
  return [
    inv.commandLoc.uri, r.start.line, r.start.character, inv.subcommand, inv.cgo.state, inv.cgo.explicit?.value ?? '-', inv.linkage.kind,
    inv.target.cross, inv.target.goos?.value ?? '-', e('GOARCH'), e('CC'), inv.host.label, inv.host.libcVersion ?? '-', String(inv.host.goAtLeast120),
    inv.ineffective.map((x) => `${x.kind}@${x.loc.range.start.line}:${x.loc.range.start.character}`).join(','),
  ].join('|');
}
