import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { BuildHost, BuildPlan, EnvValue, IneffectiveAssignment, Location } from '../../model/types';
import type { WorkspaceFiles } from '../../workspace/files';
import { YamlFile, emptyPlan } from '../yaml/document';
import { MappedText } from '../yaml/mapped';
import { layer, readEnvMap, recordOccurrences, tracked } from '../yaml/env';
import { GO_TEMPLATE, evaluate, type Lookup } from '../yaml/templates';
import { yamlInvocation } from '../yaml/invocation';
import { lostExports, runYamlScript } from '../yaml/script';
import { envPrecedenceEnabled, parseDotenv } from './dotenv';

export interface TaskfileReadOptions { files?: WorkspaceFiles }

const HOST: BuildHost = { label: 'the machine running `task`', libc: 'unknown', cCompiler: 'unknown', libcHeaders: 'unknown' };
const MAX_VAR_DEPTH = 8;

const PRECEDENCE_WHY =
  'Task lets a variable that is already set in the environment `task` runs in (a CI job, a shell profile) win over `env:`, unless the TASK_X_ENV_PRECEDENCE=1 experiment is on — it only takes effect where CGO_ENABLED is not set already';

/**
 * Taskfile.yml → build plan. Every `cmds` entry is a script of its own for Task's built-in shell (mvdan/sh,
 * bash-compatible), after Go-template expansion of `{{.VAR}}`; its environment is the Taskfile's `dotenv`,
 * global `env:` and the task's `env:` — and, before all of them, whatever the OS environment already has.
 */
export function readTaskfile(uri: string, text: string, options: TaskfileReadOptions): BuildPlan {
  return new TaskfileReader(uri, text, options).read();
}

class TaskfileReader {
  private readonly file: YamlFile;
  private readonly plan: BuildPlan;
  private readonly deps: string[] = [];
  private counter = 0;
  private readonly advisories: { a: IneffectiveAssignment; at: Location }[] = [];
  private precedenceExperiment = false;

  constructor(private readonly uri: string, text: string, private readonly options: TaskfileReadOptions) {
    this.file = new YamlFile(uri, text);
    this.plan = emptyPlan(uri, 'taskfile');
    this.plan.notes.push(...this.file.notes());
  }

  read(): BuildPlan {
    const { file } = this;
    const root = file.root;
    if (!root) return this.plan;
    this.precedenceExperiment = envPrecedenceEnabled(this.readSibling('.taskrc.yml') ?? this.readSibling('.taskrc.yaml'), this.readSibling('.env'));
    const globalVars = this.vars(file.get(root, 'vars'), new Map());
    const dotenv = this.dotenv(file.get(root, 'dotenv'), globalVars);
    const globalEnv = readEnvMap(file, file.get(root, 'env'), this.envOptions((l) => `the Taskfile's global \`env:\` (line ${l})`, globalVars, []));
    recordOccurrences(this.plan, globalEnv);
    for (const pair of file.entries(file.get(root, 'tasks'))) {
      const name = file.keyOf(pair);
      const task = file.resolve(pair.value);
      if (name && task) this.task(name, task, globalVars, [...dotenv, ...globalEnv]);
    }
    // One fix prefixes every go command a precedence-affected `env:` entry is meant for.
    const byLoc = new Map<string, Location[]>();
    for (const { a, at } of this.advisories) {
      const k = `${a.loc.range.start.line}:${a.loc.range.start.character}`;
      byLoc.set(k, [...(byLoc.get(k) ?? []), at]);
    }
    for (const { a } of this.advisories) a.fixHint = { ...a.fixHint, insertPrefixAtEach: byLoc.get(`${a.loc.range.start.line}:${a.loc.range.start.character}`) };
    this.plan.dependencies = [...new Set(this.deps)];
    return this.plan;
  }

  private readSibling(name: string): string | undefined {
    const f = this.options.files;
    const target = f?.resolve(this.uri, name);
    if (!f || !target) return undefined;
    this.deps.push(target);
    return f.read(target);
  }

  /** `vars:` — literal strings (templates resolved against what is known so far); `sh:` and the like are unknown. */
  private vars(node: unknown, outer: Map<string, string | undefined>): Map<string, string | undefined> {
    const out = new Map(outer);
    for (const pair of this.file.entries(node)) {
      const name = this.file.keyOf(pair);
      if (!name) continue;
      const v = this.file.resolve(pair.value);
      const raw = isScalar(v) ? this.file.str(v) : undefined;
      out.set(name, raw === undefined ? undefined : evaluate(raw, GO_TEMPLATE, this.lookup(out, [])));
    }
    return out;
  }

  /** `{{.VAR}}`: task vars, then global vars, then env values; functions and pipelines are unknown. */
  private lookup(vars: Map<string, string | undefined>, env: EnvValue[], depth = 0): Lookup {
    return (expr) => {
      const m = /^\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr.trim());
      if (!m || depth > MAX_VAR_DEPTH) return undefined;
      if (vars.has(m[1])) return vars.get(m[1]);
      const e = [...env].reverse().find((v) => v.name === m[1]);
      return e?.value;
    };
  }

  private envOptions(describe: (line: number) => string, vars: Map<string, string | undefined>, env: EnvValue[]) {
    return { origin: 'yaml-env' as const, describe, template: { syntax: GO_TEMPLATE, lookup: this.lookup(vars, env) } };
  }

  /** `dotenv:` files, read from the workspace; their values reach commands below any `env:`. */
  private dotenv(node: unknown, vars: Map<string, string | undefined>): EnvValue[] {
    const out: EnvValue[] = [];
    const files = this.options.files;
    for (const item of this.file.scalars(node)) {
      const raw = this.file.str(item);
      const path = raw === undefined ? undefined : evaluate(raw, GO_TEMPLATE, this.lookup(vars, []));
      const loc = this.file.loc(item);
      if (!path || !loc || !files) continue;
      const target = files.resolve(this.uri, path);
      if (!target) continue;
      this.deps.push(target);
      const text = files.read(target);
      if (text === undefined) continue;
      for (const [name, value] of parseDotenv(text)) {
        if (!tracked(name)) continue;
        // loc points at the `dotenv:` entry of this file; no valueLoc, so no fix edits the other file.
        out.push({ name, value, origin: 'yaml-env', loc, describe: `\`${path}\` (dotenv, line ${loc.range.start.line + 1})` });
      }
    }
    return out;
  }

  private task(name: string, task: Node, globalVars: Map<string, string | undefined>, outerEnv: EnvValue[]): void {
    const { file } = this;
    // Short forms: `build: go build .` and `build: [cmd, cmd]`.
    const isShort = isScalar(task) || isSeq(task);
    const vars = isShort ? globalVars : this.vars(file.get(task, 'vars'), globalVars);
    const dotenv = isShort ? [] : this.dotenv(file.get(task, 'dotenv'), vars);
    const taskEnv = isShort ? [] : readEnvMap(file, file.get(task, 'env'), this.envOptions((l) => `task \`${name}\`'s \`env:\` (line ${l})`, vars, [...outerEnv, ...dotenv]));
    recordOccurrences(this.plan, taskEnv);
    const env = layer(outerEnv, dotenv, taskEnv);
    const cmds = isShort ? (isSeq(task) ? file.items(task) : [task]) : file.items(file.get(task, 'cmds'));
    const lost: IneffectiveAssignment[] = [];
    for (const c of cmds) {
      const scriptNode = isScalar(c) ? c : isMap(c) ? file.get(c, 'cmd') : undefined;
      if (!isScalar(scriptNode)) continue; // `task:` calls, `defer:` and `for:` loops run other tasks
      const script = MappedText.fromScalar(this.uri, file.index, scriptNode as Scalar);
      if (!script) continue;
      const goCommands: Location[] = [];
      const lookup = this.lookup(vars, Object.values(env));
      const result = runYamlScript({ script, env, template: { syntax: GO_TEMPLATE, lookup } }, {
        onCommand: (cmd) => {
          if (cmd.args[0]?.value === 'env') return;
          const ineffective: IneffectiveAssignment[] = cmd.shellOnly.map((s) => ({
            name: s.name, value: s.value, loc: s.loc, valueLoc: s.valueLoc, kind: 'shell-variable' as const,
            why: 'it only sets a shell variable (`&&` and `;` do not export it), so `go` never sees it', fixHint: { insertPrefixAt: cmd.insertPrefixAt },
          }));
          for (const l of lost) if (!cmd.env[l.name]) ineffective.push({ ...l, fixHint: { insertPrefixAt: cmd.insertPrefixAt } });
          const advisory: IneffectiveAssignment[] = [];
          const cgo = cmd.env.CGO_ENABLED;
          // The value came from `env:`/dotenv (not from the command line): the OS environment may override it.
          const fromTaskfile = cgo && cgo.origin === 'yaml-env' && cgo.valueLoc && Object.values(env).includes(cgo);
          if (fromTaskfile && !this.precedenceExperiment && (cgo.value === '0' || cgo.value === '1') && cgo.loc) {
            const a: IneffectiveAssignment = { name: 'CGO_ENABLED', value: cgo.value, loc: cgo.loc, valueLoc: cgo.valueLoc, kind: 'taskfile-precedence', why: PRECEDENCE_WHY, fixHint: { insertPrefixAt: cmd.insertPrefixAt } };
            advisory.push(a);
          }
          const inv = yamlInvocation({ id: `${this.uri}#${this.counter++}`, cmd, host: { ...HOST }, ineffective, advisory });
          if (!inv) return;
          for (const a of advisory) this.advisories.push({ a, at: cmd.insertPrefixAt });
          goCommands.push(cmd.loc);
          this.plan.invocations.push(inv);
        },
        onAssignment: (a) => {
          if (tracked(a.name)) recordOccurrences(this.plan, [{ name: a.name, value: a.value, origin: 'shell-assignment', loc: a.loc, valueLoc: a.valueLoc, describe: '' }]);
        },
      });
      lost.push(...lostExports(result, env, goCommands, (loc) => `\`export\` on line ${loc.range.start.line + 1} only lasts until the end of that command; Task runs every \`cmds\` entry in a new shell`));
    }
  }
}
