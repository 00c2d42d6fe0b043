import { isScalar, type Node, type Scalar } from 'yaml';
import { followCommand } from '../commands/followCommand';
import type { BuildHost, BuildPlan, Delivery, EnvValue, GoInvocation, IneffectiveAssignment, Location, RuntimeTarget } from '../../model/types';
import type { ShellCommand } from '../../shell/interpret';
import { BUILD_VARS } from '../../shell/env';
import { YamlFile, emptyPlan } from '../yaml/document';
import { MappedText } from '../yaml/mapped';
import { layer, readEnvMap, recordOccurrences, tracked } from '../yaml/env';
import { ACTIONS_EXPR } from '../yaml/templates';
import { buildSignature, yamlInvocation } from '../yaml/invocation';
import { lostExports, runYamlScript } from '../yaml/script';
import { isGoTool } from '../commands/goCommand';
import { expandMatrix, matrixReferences } from './matrix';
import { envOptions, expressionLookup, jobContext, setupGo, stepUses, type JobContext, type WorkflowOptions } from './job';
import { releaseTarget, olderBuildHostEdit, RELEASE_ACTIONS, releasePaths, releasedByRun, pathsMatch } from './release';

export type { WorkflowOptions };

/**
 * GitHub Actions workflow → build plan. Each job runs once per (relevant) matrix combination; its `run:`
 * steps are bash scripts (the default shell on Linux and macOS runners) interpreted with the environment
 * workflow → job → `$GITHUB_ENV` → step gives them.
 */
export function readWorkflow(uri: string, text: string, options: WorkflowOptions): BuildPlan {
  const file = new YamlFile(uri, text);
  const plan = emptyPlan(uri, 'workflow');
  plan.notes.push(...file.notes());
  const deps: string[] = [];
  const followed = new Set<string>();
  const root = file.root;
  if (!root) return plan;
  recordOccurrences(plan, readEnvMap(file, file.get(root, 'env'), envOptions((l) => `line ${l}`, () => undefined)));
  let counter = 0;
  for (const pair of file.entries(file.get(root, 'jobs'))) {
    const jobId = file.keyOf(pair);
    const job = file.resolve(pair.value);
    if (!jobId || !job || file.get(job, 'uses')) continue; // reusable workflow call: its jobs live elsewhere
    const jobRange = (job as { range?: [number, number, number] }).range;
    const referenced = matrixReferences(jobRange ? text.slice(jobRange[0], jobRange[1]) : '');
    const { combos, unknown } = expandMatrix(file, file.get(file.get(job, 'strategy'), 'matrix'), referenced);
    for (const combo of combos) {
      const ctx = jobContext(file, jobId, job, combo, unknown, options);
      new JobWalker(file, plan, ctx, options, deps, () => `${uri}#${counter++}`, followed).walk();
    }
  }
  dedupe(plan);
  plan.dependencies = [...new Set([...deps, ...followed])];
  return plan;
}

/** Matrix combinations that build the same thing report once. */
function dedupe(plan: BuildPlan): void {
  const keep = new Map<string, GoInvocation>();
  const alias = new Map<GoInvocation, GoInvocation>();
  for (const inv of plan.invocations) {
    const sig = buildSignature(inv);
    const first = keep.get(sig);
    if (first) alias.set(inv, first);
    else keep.set(sig, inv);
  }
  plan.invocations = [...keep.values()];
  const seen = new Set<string>();
  plan.deliveries = plan.deliveries.filter((d) => {
    const producer = alias.get(d.artifact.producer) ?? d.artifact.producer;
    d.artifact.producer = producer;
    const key = `${buildSignature(producer)}>${d.copyLoc?.range.start.line}:${d.copyLoc?.range.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface Release { loc: Location; paths?: string[]; step: number }

class JobWalker {
  private host: BuildHost;
  /** `$GITHUB_ENV` writes of earlier steps, in order. */
  private readonly githubEnv: EnvValue[] = [];
  private readonly lost: IneffectiveAssignment[] = [];
  private readonly builds: { inv: GoInvocation; step: number }[] = [];
  private readonly releases: Release[] = [];

  constructor(
    private readonly file: YamlFile, private readonly plan: BuildPlan, private readonly ctx: JobContext,
    private readonly options: WorkflowOptions, private readonly deps: string[], private readonly nextId: () => string,
    /** Files linked `run:` commands read (also the key of their work budget). */
    private readonly followed: Set<string> = new Set(),
  ) {
    this.host = ctx.host;
  }

  walk(): void {
    const { file, ctx } = this;
    recordOccurrences(this.plan, ctx.jobEnv);
    file.items(file.get(ctx.job, 'steps')).forEach((step, k) => this.step(step, k));
    this.deliver();
  }

  /** workflow < job < `$GITHUB_ENV` < step. */
  private envBefore(stepEnv: EnvValue[]): Record<string, EnvValue> {
    const base = layer(this.ctx.workflowEnv, this.ctx.jobEnv);
    for (const w of this.githubEnv) {
      const prev = base[w.name];
      // Whether `$GITHUB_ENV` beats a job/workflow `env:` of the same name is not documented: say "unknown" when they differ.
      base[w.name] = prev && prev.value !== w.value
        ? { ...w, value: undefined, describe: `${w.describe} and ${prev.describe} (which one wins is not documented)` }
        : w;
    }
    for (const v of stepEnv) base[v.name] = v;
    return base;
  }

  private step(step: Node, k: number): void {
    const { file, ctx } = this;
    const outer = this.envBefore([]);
    const lookupOuter = expressionLookup(ctx.combo, ctx.matrixUnknown, outer, ctx.platform);
    const stepEnv = readEnvMap(file, file.get(step, 'env'), envOptions((l) => `the step's \`env:\` (line ${l})`, lookupOuter));
    recordOccurrences(this.plan, stepEnv);
    const env = this.envBefore(stepEnv);
    const uses = stepUses(file, step);
    if (uses) {
      if (uses.name === 'actions/setup-go') this.host = setupGo(file, step, this.host, this.options, this.deps);
      const loc = file.pairLoc(uses.pair);
      if (RELEASE_ACTIONS.has(uses.name) && loc) this.releases.push({ loc, paths: releasePaths(file, step, uses.name), step: k });
      return;
    }
    const runNode = file.get(step, 'run');
    if (!isScalar(runNode)) return;
    const shell = file.str(file.get(step, 'shell')) ?? ctx.defaultShell ?? (ctx.platform?.os === 'windows' ? 'pwsh' : 'bash');
    if (!/^(bash|sh)\b/.test(shell.trim())) return; // pwsh, python, cmd: not shell we can read
    const script = MappedText.fromScalar(file.uri, file.index, runNode as Scalar);
    if (!script) return;
    const goCommands: Location[] = [];
    const writes: EnvValue[] = [];
    const lookup = expressionLookup(ctx.combo, ctx.matrixUnknown, env, ctx.platform);
    const result = runYamlScript({ script, env, template: { syntax: ACTIONS_EXPR, lookup } }, {
      onCommand: (cmd) => {
        const w = githubEnvWrite(file, cmd);
        if (w) {
          writes.push(w);
          recordOccurrences(this.plan, [w]);
          return;
        }
        const released = releasedByRun(cmd);
        if (released) {
          this.releases.push({ loc: cmd.loc, paths: released, step: k });
          return;
        }
        // `run: make release` / `run: ./scripts/build.sh`: the job's environment reaches those go commands.
        const followed = followCommand(cmd, {
          uri: file.uri, baseDirUri: repoRootOf(file.uri), files: this.options.files, host: { ...this.host }, dependencies: this.followed,
          unknownPlatform: !ctx.platform,
          onInvocation: (inv) => {
            inv.via ??= cmd.loc;
            goCommands.push(cmd.loc);
            this.plan.invocations.push(inv);
            if (inv.subcommand === 'build' || inv.subcommand === 'install') this.builds.push({ inv, step: k });
          },
        });
        if (followed) return;
        if (!isGoTool(cmd.name.value) || cmd.args[0]?.value === 'env') return;
        const ineffective: IneffectiveAssignment[] = cmd.shellOnly.map((s) => ({
          name: s.name, value: s.value, loc: s.loc, valueLoc: s.valueLoc, kind: 'shell-variable' as const,
          why: 'it only sets a shell variable (`&&` and `;` do not export it), so `go` never sees it', fixHint: { insertPrefixAt: cmd.insertPrefixAt },
        }));
        for (const l of this.lost) if (!cmd.env[l.name] && !ineffective.some((i) => i.name === l.name)) ineffective.push({ ...l, fixHint: { insertPrefixAt: cmd.insertPrefixAt } });
        const inv = yamlInvocation({ id: this.nextId(), cmd, host: { ...this.host }, platform: ctx.platform, ineffective });
        if (!inv) return;
        goCommands.push(cmd.loc);
        this.plan.invocations.push(inv);
        if (inv.subcommand === 'build' || inv.subcommand === 'install') this.builds.push({ inv, step: k });
      },
      onAssignment: (a) => {
        if (!tracked(a.name)) return;
        recordOccurrences(this.plan, [{ name: a.name, value: a.value, origin: 'shell-assignment', loc: a.loc, valueLoc: a.valueLoc, describe: '' }]);
      },
    });
    this.lost.push(...lostExports(result, env, goCommands, (loc) => `\`export\` on line ${loc.range.start.line + 1} only lasts until the end of that step; every \`run:\` step starts a new shell (use the step's \`env:\` or write it to \`$GITHUB_ENV\`)`));
    // Written to $GITHUB_ENV: visible from the next step on.
    for (const w of writes) {
      const i = this.githubEnv.findIndex((g) => g.name === w.name);
      if (i >= 0) this.githubEnv.splice(i, 1);
      this.githubEnv.push(w);
      const j = this.lost.findIndex((l) => l.name === w.name);
      if (j >= 0) this.lost.splice(j, 1);
    }
  }

  /** Binaries built before a release/upload step of the same job are shipped to unknown Linux hosts. */
  private deliver(): void {
    if (this.releases.length === 0) return;
    for (const b of this.builds) {
      const goos = b.inv.target.goos?.value ?? (this.ctx.platform?.os ?? 'linux');
      if (goos !== 'linux') continue;
      const release = this.releases.find((r) => r.step > b.step && pathsMatch(r.paths, b.inv.output?.value));
      if (!release) continue;
      const runtime: RuntimeTarget = releaseTarget(olderBuildHostEdit(this.file, this.ctx));
      const d: Delivery = { artifact: { path: b.inv.output?.value ?? '', producer: b.inv, stage: -1 }, copyLoc: release.loc, runtime, via: [] };
      this.plan.deliveries.push(d);
    }
  }
}

/** `echo "CGO_ENABLED=0" >> "$GITHUB_ENV"` (or printf): sets the variable for the job's later steps. */
function githubEnvWrite(file: YamlFile, cmd: ShellCommand): EnvValue | undefined {
  const name = cmd.name.value;
  if (name !== 'echo' && name !== 'printf') return undefined;
  const end = cmd.loc.range.end;
  const rest = file.index.lineText(end.line).slice(end.character);
  if (!/^\s*\d?>>?\s*["']?\$\{?GITHUB_ENV\}?["']?/.test(rest)) return undefined;
  const args = cmd.args.filter((a) => !(name === 'echo' && /^-[neE]+$/.test(a.value ?? '')));
  const word = args[0];
  if (!word || word.value === undefined) return undefined;
  const text = name === 'printf' ? word.value.replace(/\\n$/, '') : args.map((a) => a.value ?? '').join(' ');
  const eq = text.indexOf('=');
  if (eq <= 0) return undefined;
  const varName = text.slice(0, eq);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(varName) || !BUILD_VARS.has(varName) && varName !== 'GODEBUG') return undefined;
  const value = args.some((a) => a.value === undefined) ? undefined : text.slice(eq + 1);
  // The value's range inside the word: exact when the word sits on one line (quotes or not).
  const loc = word.loc;
  const rawEq = word.raw.indexOf('=');
  const single = loc.range.start.line === loc.range.end.line && loc.range.end.character - loc.range.start.character === word.raw.length;
  const closing = /["']$/.test(word.raw) ? 1 : 0;
  const valueLoc: Location = single && rawEq >= 0
    ? { uri: loc.uri, range: { start: { line: loc.range.start.line, character: loc.range.start.character + rawEq + 1 }, end: { line: loc.range.end.line, character: loc.range.end.character - closing } } }
    : loc;
  return { name: varName, value, origin: 'yaml-env', loc, valueLoc, describe: `\`$GITHUB_ENV\` written on line ${loc.range.start.line + 1}` };
}

/** Workflows live in `<repo>/.github/workflows/`: their `run:` steps start in the repository root. */
function repoRootOf(uri: string): string {
  return new URL('../../', uri).toString();
}
