import type { EnvValue, IneffectiveAssignment, Location } from '../../model/types';
import { BUILD_VARS, ShellEnv } from '../../shell/env';
import { runShell, type ShellHooks, type ShellRunResult } from '../../shell/interpret';
import type { MappedText } from './mapped';
import { substituteScript, type Lookup, type TemplateSyntax } from './templates';

export interface ScriptInputs {
  script: MappedText;
  /** What the shell inherits (exported). */
  env: Record<string, EnvValue>;
  /** The tool's template syntax, expanded before the shell runs. */
  template?: { syntax: TemplateSyntax; lookup: Lookup };
}

/** Run a script from a YAML scalar through the shell interpreter, templates expanded first. */
export function runYamlScript(i: ScriptInputs, hooks: ShellHooks): ShellRunResult {
  let script = i.script;
  const env = ShellEnv.fromExported(i.env);
  if (i.template) {
    const sub = substituteScript(script, i.template.syntax, i.template.lookup);
    script = sub.text;
    for (const name of sub.unknownVars) {
      env.set(name, undefined, { name, value: undefined, origin: 'shell-assignment', describe: 'a template expanded at run time' }, false);
    }
  }
  return runShell(script.toSource(), env, hooks);
}

/**
 * `export CGO_ENABLED=…` left at the end of a script that runs in its own shell (a workflow step, a Task
 * command): later steps never see it. Exports a go command in the same script already used are not lost.
 */
export function lostExports(result: ShellRunResult, inherited: Record<string, EnvValue>, goCommands: Location[], why: (exportLoc: Location) => string): IneffectiveAssignment[] {
  const out: IneffectiveAssignment[] = [];
  for (const [name, v] of result.env.vars) {
    if (!BUILD_VARS.has(name) || !v.exported || v.origin.origin !== 'export' || !v.origin.loc) continue;
    if (inherited[name] === v.origin) continue;
    const loc = v.origin.loc;
    if (goCommands.some((g) => after(g, loc))) continue;
    out.push({ name, value: v.value, loc, valueLoc: v.origin.valueLoc, kind: 'earlier-step', why: why(loc) });
  }
  return out;
}

function after(a: Location, b: Location): boolean {
  const x = a.range.start;
  const y = b.range.start;
  return x.line > y.line || (x.line === y.line && x.character > y.character);
}
