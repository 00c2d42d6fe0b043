import type { BuildHost, EnvValue, GoInvocation, IneffectiveAssignment, Location } from '../../model/types';
import type { ShellCommand } from '../../shell/interpret';
import { decideCgo } from '../../model/cgo';
import { decideLinkage } from '../../model/linkage';
import { resolveTarget } from '../../model/target';
import { parseGoCommand } from './goCommand';

export interface InvocationInputs {
  id: string;
  tool: 'go' | 'xx-go';
  cmd: ShellCommand;
  host: BuildHost;
  onBuildPlatform: boolean;
  goEnvW?: EnvValue;
  ineffective: IneffectiveAssignment[];
  stage?: number;
  instructionLoc?: Location;
}

/** Turn a `go build|install|test|run` command into a GoInvocation with its effective cgo and linkage. */
export function buildInvocation(i: InvocationInputs): GoInvocation | undefined {
  const parsed = parseGoCommand(i.tool, i.cmd.name, i.cmd.args, i.cmd.env);
  if (!parsed) return undefined;
  const target = resolveTarget({ env: i.cmd.env, onBuildPlatform: i.onBuildPlatform, viaXx: i.tool === 'xx-go' });
  const host: BuildHost = { ...i.host };
  if (i.cmd.env.CC?.value && host.cCompiler !== 'yes') host.cCompiler = 'unknown';
  const cgo = decideCgo(i.cmd.env, host, target, i.goEnvW);
  const linkage = decideLinkage({ cgo, host, target, tags: parsed.tags.values, ldflags: parsed.ldflags, buildmode: parsed.buildmode?.value });
  return {
    id: i.id,
    commandLoc: parsed.commandLoc,
    tool: parsed.tool,
    subcommand: parsed.subcommand,
    env: i.cmd.env,
    ineffective: i.ineffective.filter((x) => !i.cmd.env[x.name] || x.kind === 'shell-variable'),
    flags: parsed.flags,
    tags: parsed.tags,
    ldflags: parsed.ldflags,
    buildmode: parsed.buildmode,
    sanitizers: parsed.sanitizers,
    output: parsed.output,
    packages: parsed.packages,
    host,
    target,
    cgo,
    linkage,
    stage: i.stage,
    prefixInsertAt: i.cmd.insertPrefixAt,
    instructionLoc: i.instructionLoc,
  };
}
