import type { BuildPlan, FileKind, GoInvocation } from '../../model/types';
import { BUILD_VARS } from '../../shell/env';
import type { WorkspaceFiles } from '../../workspace/files';
import { unknownMachine } from './machine';
import { dirOf, type RunContext } from './runContext';

export function emptyPlan(uri: string, kind: FileKind): BuildPlan {
  return { uri, kind, stages: [], invocations: [], deliveries: [], installs: [], occurrences: [], goEnvWrites: [], godebug: [], loaderSymlinks: [], notes: [] };
}

/**
 * The run context of a script or Makefile analysed on its own: an unknown machine, an unknown environment,
 * linked files relative to the file's directory. The same go command reached twice with the same
 * environment (a target made directly and again through `$(MAKE) target`) is kept once.
 */
export function standaloneContext(uri: string, text: string, plan: BuildPlan, files: WorkspaceFiles | undefined): RunContext {
  const seenInvocations = new Set<string>();
  const seenAssignments = new Set<string>();
  return {
    uri,
    machine: { host: unknownMachine(plan.kind === 'makefile' ? 'the machine running make' : undefined) },
    onBuildPlatform: false,
    unknownPlatform: true,
    envKnown: false,
    files,
    dependencies: new Set(),
    depth: 0,
    root: { dirUri: dirOf(uri) },
    inherited: [],
    texts: new Map([[uri, text]]),
    onInvocation: (inv) => {
      const key = invocationKey(inv);
      if (seenInvocations.has(key)) return;
      seenInvocations.add(key);
      plan.invocations.push(inv);
    },
    onAssignment: (a) => {
      if (!BUILD_VARS.has(a.name) && a.name !== 'GODEBUG') return;
      if (a.loc.uri !== uri) return;
      const key = `${a.loc.range.start.line}:${a.loc.range.start.character}`;
      if (seenAssignments.has(key)) return;
      seenAssignments.add(key);
      plan.occurrences.push({ name: a.name, kind: 'assignment', value: a.value, loc: a.loc, valueLoc: a.valueLoc });
    },
  };
}

/** Same command, same environment, same lost assignments: the same finding. */
export function invocationKey(inv: GoInvocation): string {
  const r = inv.commandLoc.range;
  const env = Object.values(inv.env)
    .filter((e) => BUILD_VARS.has(e.name))
    .map((e) => `${e.name}=${e.value ?? '?'}@${e.loc ? `${e.loc.uri}:${e.loc.range.start.line}:${e.loc.range.start.character}` : ''}`)
    .sort()
    .join(',');
  const lost = inv.ineffective.map((i) => `${i.kind}:${i.loc.uri}:${i.loc.range.start.line}:${i.loc.range.start.character}`).sort().join(',');
  return `${inv.commandLoc.uri}:${r.start.line}:${r.start.character}|${env}|${lost}|${inv.output?.value ?? ''}|${inv.cgo.state}`;
}

export function finishPlan(plan: BuildPlan, ctx: RunContext): BuildPlan {
  const deps = [...ctx.dependencies].filter((d) => d !== plan.uri);
  if (deps.length) plan.dependencies = deps;
  return plan;
}
