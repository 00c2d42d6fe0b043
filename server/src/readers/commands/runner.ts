import type { EnvValue, IneffectiveAssignment, Location } from '../../model/types';
import { ShellEnv } from '../../shell/env';
import { runShell, type ShellCommand, type ShellRunResult, type ShellTextLimits } from '../../shell/interpret';
import type { ShellSource } from '../../shell/source';
import { isGoTool } from './goCommand';
import { buildInvocation } from './invocation';
import { onUnknownPlatform } from './machine';
import { C_COMPILERS, LIBC_HEADERS, packageBaseName, packageChange } from './packages';
import { budgetOf, LIMITS, moveTo, type Place, type RunContext } from './runContext';
import { follow } from './followCommand';

export const SHELL_VARIABLE_WHY = 'it only sets a shell variable (`&&` and `;` do not export it), so `go` never sees it';

/** Build variables the command's shell left unexported: they never reach the process. */
export function shellVariables(cmd: ShellCommand, why = SHELL_VARIABLE_WHY): IneffectiveAssignment[] {
  return cmd.shellOnly.map((s) => ({
    name: s.name, value: s.value, loc: s.loc, valueLoc: s.valueLoc, kind: 'shell-variable', why,
    fixHint: { insertPrefixAt: cmd.insertPrefixAt },
  }));
}

export interface ShellRunOptions {
  /** More assignments that do not reach a go command run by this shell (Makefile: unexported variables). */
  extraIneffective?(cmd: ShellCommand): IneffectiveAssignment[];
}

/**
 * One shell process of a script or recipe line: follows `cd`, compiler installs, `go env -w`, make and
 * script calls, and turns each go command into a GoInvocation with the environment that reaches it.
 * Commands arrive in the order the interpreter walks them; `cd` is tracked in that order (a `cd` inside a
 * subshell leaks to later commands — an approximation that only affects where relative outputs land).
 */
export class ShellRun {
  place: Place;
  /** Go commands and followed calls, for "assigned but never used by a later command" checks. */
  readonly used: Location[] = [];

  constructor(readonly ctx: RunContext, place: Place, private readonly options: ShellRunOptions = {}) {
    this.place = { ...place };
  }

  /** Run `source` as a new shell whose process environment is `env`. */
  run(source: ShellSource, env: Record<string, EnvValue>, limits?: ShellTextLimits): ShellRunResult | undefined {
    const budget = budgetOf(this.ctx.dependencies);
    if (++budget.shells > LIMITS.shells) return undefined;
    return runShell(source, ShellEnv.fromExported(env), { onCommand: (c) => this.command(c), onAssignment: this.ctx.onAssignment }, limits);
  }

  command(cmd: ShellCommand): void {
    const name = base(cmd.name.value);
    if (name === 'cd' || name === 'pushd' || name === 'popd') {
      this.cd(cmd, name);
      return;
    }
    const change = packageChange(cmd);
    if (change) {
      const host = this.ctx.machine.host;
      const names = change.install?.packages.map((p) => packageBaseName(p.value ?? '')) ?? [];
      if (change.install && !change.install.manager.startsWith('xx-') && names.some((n) => C_COMPILERS.has(n))) {
        host.cCompiler = 'yes';
        host.cCompilerLoc = cmd.loc;
      }
      if (names.some((n) => LIBC_HEADERS.has(n))) host.libcHeaders = 'yes';
      if (change.removed?.some((n) => C_COMPILERS.has(packageBaseName(n)))) host.cCompiler = 'no';
      return;
    }
    if (follow(cmd, this.ctx, this.place)) {
      this.used.push(cmd.loc);
      return;
    }
    const tool = isGoTool(cmd.name.value);
    if (!tool) return;
    if (cmd.args[0]?.value === 'env' && cmd.args.some((a) => a.value === '-w')) {
      for (const a of cmd.args) {
        const m = a.value && /^CGO_ENABLED=(.*)$/.exec(a.value);
        if (m) this.ctx.machine.goEnvW = { name: 'CGO_ENABLED', value: m[1], origin: 'go-env-w', loc: cmd.loc, describe: `\`go env -w\` (line ${cmd.loc.range.start.line + 1})` };
      }
      return;
    }
    const ctx = this.ctx;
    const budget = budgetOf(ctx.dependencies);
    const inv = buildInvocation({
      id: `${ctx.uri}#run${budget.nextId++}`, tool, cmd, host: { ...ctx.machine.host }, onBuildPlatform: ctx.onBuildPlatform, goEnvW: ctx.machine.goEnvW,
      ineffective: [...shellVariables(cmd), ...(this.options.extraIneffective?.(cmd) ?? []), ...ctx.inherited.map((i) => ({ ...i, fixHint: i.fixHint ?? { insertPrefixAt: cmd.insertPrefixAt } }))],
      stage: ctx.stage, instructionLoc: ctx.instructionLoc,
    });
    if (!inv) return;
    this.used.push(cmd.loc);
    ctx.onInvocation(ctx.unknownPlatform ? onUnknownPlatform(inv, ctx.machine.goEnvW) : inv, { cwd: this.place.cwd });
  }

  private cd(cmd: ShellCommand, name: string): void {
    const target = name === 'popd' ? undefined : cmd.args.find((a) => !(a.value ?? '').startsWith('-') || a.value === '-');
    const p = target?.value;
    if (p === undefined || p === '-' || p.startsWith('~') || p === '') {
      this.place = { ...this.place, cwd: undefined, dirUri: undefined };
      return;
    }
    this.place = moveTo(this.ctx, this.place, p);
  }
}

function base(v: string | undefined): string {
  if (!v) return '';
  return v.slice(v.lastIndexOf('/') + 1);
}
