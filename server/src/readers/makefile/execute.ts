import type { EnvValue, IneffectiveAssignment, Location, Word } from '../../model/types';
import { BUILD_VARS } from '../../shell/env';
import type { ShellCommand } from '../../shell/interpret';
import { LineIndex } from '../../text/lineIndex';
import { ShellRun } from '../commands/runner';
import { absoluteCwd, budgetOf, LIMITS, moveTo, readLinked, resolveFile, type Place, type RunContext } from '../commands/runContext';
import { evaluate, applyAssignment, type CmdVar, type EvaluatedMakefile, type MakeRule } from './evaluate';
import { Expander, matchPattern, type Automatic, type Piece } from './expand';
import { RecipeSource } from './recipeSource';
import { parseMakefile, type MakefileSyntax } from './syntax';
import { LayerScope, type MakeVar, type VarScope } from './vars';

/** A `make` command line, parsed (see followCommand.parseMakeArgs). */
export interface MakeCall {
  dirs: string[];
  file?: string;
  envOverrides: boolean;
  /** `-n`, `-q`, `-t`: recipes are not run. */
  noRun: boolean;
  vars: { name: string; value: string | undefined; word: Word; op?: string }[];
  goals: string[];
}

const DEFAULT_MAKEFILES = ['GNUmakefile', 'makefile', 'Makefile'];
const SPECIAL_TARGET = /^\.[A-Z_]+$/;
const EXPORTABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

const parsed = new WeakMap<Set<string>, Map<string, { text: string; syntax: MakefileSyntax }>>();

/** Parse once per analysed document and file text. */
export function parseCached(ctx: RunContext, uri: string, text: string): MakefileSyntax {
  let m = parsed.get(ctx.dependencies);
  if (!m) parsed.set(ctx.dependencies, (m = new Map()));
  const hit = m.get(uri);
  if (hit && hit.text === text) return hit.syntax;
  const syntax = parseMakefile(text);
  m.set(uri, { text, syntax });
  return syntax;
}

/** `make [-C dir] [-f file] [VAR=value] [goals]` run by `cmd` in `place`: find the Makefile and make the goals. */
export function runMakeCall(call: MakeCall, cmd: ShellCommand, ctx: RunContext, place: Place): void {
  if (call.noRun) return;
  let dir: Place = { ...place, makefileUri: undefined };
  for (const d of call.dirs) {
    dir = moveTo(ctx, dir, d);
    if (!dir.dirUri) return; // outside the workspace (`make -C /`) or unknown
  }
  let uri: string | undefined;
  let text: string | undefined;
  if (call.file !== undefined) {
    uri = call.file === '-' ? undefined : resolveFile(ctx, dir, call.file);
    text = uri === undefined ? undefined : readLinked(ctx, uri);
  } else if (call.dirs.length === 0 && place.makefileUri) {
    // `$(MAKE) target` in a recipe: the same Makefile (an approximation when the outer make was given -f).
    uri = place.makefileUri;
    text = readLinked(ctx, uri);
  } else {
    for (const name of DEFAULT_MAKEFILES) {
      const u = resolveFile(ctx, dir, name);
      const t = u === undefined ? undefined : readLinked(ctx, u);
      if (t !== undefined) {
        uri = u;
        text = t;
        break;
      }
    }
  }
  if (uri === undefined || text === undefined) return;
  const index = new LineIndex(text);
  const cmdVars: CmdVar[] = call.vars.map((v) => ({ name: v.name, value: v.value, op: v.op, env: commandLineValue(v, cmd) }));
  const model = evaluate(parseCached(ctx, uri, text), {
    uri, index, env: cmd.env, cmdVars, envOverrides: call.envOverrides, envKnown: ctx.envKnown, budget: budgetOf(ctx.dependencies),
    curdir: absoluteCwd(ctx.root.cwd, dir.cwd), include: includer(ctx, dir),
  });
  const run = new MakeRun(model, ctx, { ...dir, makefileUri: uri });
  const goals = call.goals.length ? call.goals : model.defaultGoal ? [model.defaultGoal] : [];
  for (const g of goals) run.make(g);
}

/** Included makefiles, relative to make's directory (as make resolves them), read within the bounds. */
export function includer(ctx: RunContext, dir: Place): (path: string) => { uri: string; index: LineIndex; syntax: MakefileSyntax } | undefined {
  return (path) => {
    const uri = resolveFile(ctx, dir, path);
    const text = uri === undefined ? undefined : readLinked(ctx, uri);
    return uri === undefined || text === undefined ? undefined : { uri, index: new LineIndex(text), syntax: parseCached(ctx, uri, text) };
  };
}

/** `make build CGO_ENABLED=0`: a variable on make's command line, as an environment origin for messages and fixes. */
function commandLineValue(v: MakeCall['vars'][number], cmd: ShellCommand): EnvValue {
  const w = v.word;
  const eq = w.raw.search(/:?:?=/);
  const plain = w.value !== undefined && w.raw === w.value;
  const opLen = v.op?.length ?? 1;
  // Offsets into the word are offsets from its location only when the document holds it as written.
  const valueLoc: Location | undefined = plain && w.verbatim !== false && eq >= 0 && w.loc.range.start.line === w.loc.range.end.line
    ? { uri: w.loc.uri, range: { start: { line: w.loc.range.start.line, character: w.loc.range.start.character + eq + opLen }, end: w.loc.range.end } }
    : undefined;
  return {
    name: v.name, value: v.value, origin: 'inline-prefix', loc: w.loc, valueLoc,
    describe: `\`${v.name}=${v.value ?? '…'}\` on the make command line (line ${cmd.loc.range.start.line + 1})`,
  };
}

/**
 * One make process: makes goals (prerequisites first, each target once), runs recipes line by line (each
 * line its own shell, or the whole recipe in one with `.ONESHELL`), with the environment make gives them.
 */
export class MakeRun {
  private readonly made = new Set<string>();
  private targetsMade = 0;
  private readonly envCache = new WeakMap<VarScope, Record<string, EnvValue>>();

  /** Does an exported global's value mention an automatic variable (then its value differs per target)? */
  private readonly autoInGlobals: boolean;

  constructor(private readonly model: EvaluatedMakefile, private readonly ctx: RunContext, private readonly place: Place) {
    const g = model.globals;
    this.autoInGlobals = [...g.names()].some((n) => {
      const v = g.get(n);
      return !!v && v.flavor === 'recursive' && this.exported(v) && /\$[@<^+?*|]|\$[({][@<^+?*|][DF]?[)}]/.test(v.text ?? '');
    });
  }

  /** Make `target` as `make target` would: its prerequisites (with its target-specific variables), then its recipe. */
  make(target: string, parent: VarScope = this.model.globals, depth = 0): void {
    if (this.made.has(target) || depth > 64 || ++this.targetsMade > LIMITS.targets) return;
    this.made.add(target);
    const plan = this.rulesFor(target);
    const scope = this.scopeFor(target, parent, plan.stem);
    for (const p of [...plan.prereqs, ...plan.orderOnly]) this.make(p, scope, depth + 1);
    for (const r of plan.recipes) this.recipe(r, { target, prereqs: plan.prereqs, orderOnly: plan.orderOnly, stem: plan.stem }, scope);
  }

  /**
   * A Makefile opened on its own: run every target's recipe once, with its own target- and pattern-specific
   * variables (prerequisites are not made: they are analysed as targets of their own).
   */
  eachTarget(): void {
    this.model.rules.forEach((r, i) => {
      if (!r.recipe.length) return;
      for (const t of r.targets ?? [undefined]) {
        if (t !== undefined && SPECIAL_TARGET.test(t)) continue;
        const key = t ?? `#rule${i}`;
        if (this.made.has(key) || ++this.targetsMade > LIMITS.targets) continue;
        this.made.add(key);
        // A pattern rule runs with unknown $@ / $*; a static pattern rule's target knows its stem.
        const pattern = t === undefined || t.includes('%');
        const stem = pattern ? undefined : r.targetPattern ? matchPattern(r.targetPattern, t) : '';
        const prereqs = pattern ? [] : r.targetPattern ? r.prereqs.map((p) => (stem === undefined ? p : p.replace('%', stem))) : r.prereqs;
        const scope = t === undefined ? this.model.globals : this.scopeFor(t, this.model.globals, stem);
        this.recipe(r, { target: pattern ? undefined : t, prereqs, orderOnly: r.orderOnly, stem }, scope);
      }
    });
  }

  private rulesFor(target: string): { recipes: MakeRule[]; prereqs: string[]; orderOnly: string[]; stem?: string } {
    const prereqs: string[] = [];
    const orderOnly: string[] = [];
    let recipes: MakeRule[] = [];
    let stem: string | undefined = '';
    for (const r of this.model.rules) {
      if (!r.targets?.includes(target)) continue;
      let pre = r.prereqs;
      if (r.targetPattern) {
        const s = matchPattern(r.targetPattern, target);
        if (s === undefined) continue;
        stem = s;
        pre = pre.map((p) => p.replace('%', s));
      }
      prereqs.push(...pre);
      orderOnly.push(...r.orderOnly);
      if (r.recipe.length) recipes = r.doubleColon ? [...recipes, r] : [r];
    }
    if (recipes.length === 0) {
      // Implicit rule from a pattern rule of this Makefile (make's built-in rules never run go).
      for (const r of this.model.rules) {
        if (!r.recipe.length || !r.targets || r.targetPattern) continue;
        for (const p of r.targets) {
          if (!p.includes('%')) continue;
          const s = matchPattern(p, target);
          if (s === undefined) continue;
          stem = s;
          prereqs.push(...r.prereqs.map((x) => x.replace('%', s)));
          recipes = [r];
          break;
        }
        if (recipes.length) break;
      }
    }
    return { recipes, prereqs, orderOnly, stem };
  }

  /** Variables while `target` is made: the parent's, then pattern-specific, then target-specific ones. */
  private scopeFor(target: string, parent: VarScope, stem: string | undefined): VarScope {
    const tvs = this.model.targetVars.filter((tv) => tv.target === target || (tv.target.includes('%') && matchPattern(tv.target, target) !== undefined));
    if (tvs.length === 0) return parent;
    const layer = new LayerScope(parent);
    const expander = new Expander(layer, { envKnown: this.model.envKnown, budget: budgetOf(this.ctx.dependencies), auto: { target, prereqs: [], orderOnly: [], stem } });
    const ordered = [...tvs.filter((tv) => tv.target !== target), ...tvs.filter((tv) => tv.target === target)];
    for (const tv of ordered) applyAssignment(layer, tv.assignment, tv.a, expander, this.model);
    return layer;
  }

  private recipe(rule: MakeRule, auto: Automatic, scope: VarScope): void {
    const env = this.environment(scope, auto);
    const { index, uri } = this.model;
    if (this.model.oneShell) {
      const ex = this.expander(scope, auto);
      const src = new RecipeSource(uri, index);
      rule.recipe.forEach((line, i) => {
        if (i) src.add({ text: '\n', docStart: rule.recipe[i - 1].end, docEnd: rule.recipe[i - 1].end, doc: false });
        for (const p of stripPrefixes(ex.pieces(line, index.text))) src.add(p);
      });
      this.shell(src, env, scope, ex, []);
      return;
    }
    // Each line is its own shell: what one line assigns or exports is gone on the next.
    const lost: IneffectiveAssignment[] = [];
    for (const line of rule.recipe) {
      const ex = this.expander(scope, auto);
      const pieces = stripPrefixes(ex.pieces(line, index.text));
      if (pieces.length === 0) continue;
      const src = new RecipeSource(uri, index);
      for (const p of pieces) src.add(p);
      const { result, used } = this.shell(src, env, scope, ex, lost);
      if (!result) continue;
      for (const [name, v] of result.env.vars) {
        const loc = v.origin.loc;
        if (!BUILD_VARS.has(name) || !loc || loc.uri !== uri || (v.origin.origin !== 'export' && v.origin.origin !== 'shell-assignment')) continue;
        if (used.some((u) => after(u, loc)) || lost.some((l) => sameLoc(l.loc, loc))) continue;
        lost.push({
          name, value: v.value, loc, valueLoc: v.origin.valueLoc, kind: 'earlier-run',
          why: `each recipe line runs in its own shell, so what line ${loc.range.start.line + 1} sets is gone when the next line runs`,
        });
      }
    }
  }

  private expander(scope: VarScope, auto: Automatic): Expander {
    return new Expander(scope, { envKnown: this.model.envKnown, budget: budgetOf(this.ctx.dependencies), auto });
  }

  private shell(src: RecipeSource, env: Record<string, EnvValue>, scope: VarScope, ex: Expander, lost: IneffectiveAssignment[]) {
    let unexported: IneffectiveAssignment[] | undefined;
    const run = new ShellRun(this.ctx, this.place, {
      extraIneffective: (cmd) => {
        unexported ??= this.unexported(scope, ex.refs);
        return [
          ...unexported,
          ...lost.filter((l) => !cmd.env[l.name]).map((l) => ({ ...l, fixHint: { insertPrefixAt: cmd.insertPrefixAt } })),
        ];
      },
    });
    return { result: run.run(src, env), used: run.used };
  }

  /** Does make put `v` into a recipe's environment? (GNU make's target_environment.) */
  private exported(v: MakeVar): boolean {
    if (v.export === 'export') return true;
    if (v.export === 'unexport' || v.origin === 'default' || v.origin === 'automatic') return false;
    return this.model.exportAll || !!v.fromEnv || v.origin === 'command line';
  }

  /** The process environment of the target's recipe lines. */
  private environment(scope: VarScope, auto: Automatic): Record<string, EnvValue> {
    // Per target scope; the global scope is shared by targets, so only while no exported value uses `$@` & co.
    const cached = this.envCache.get(scope);
    if (cached && (scope !== this.model.globals || !this.autoInGlobals)) return cached;
    const ex = this.expander(scope, auto);
    const out: Record<string, EnvValue> = {};
    for (const name of scope.names()) {
      const v = scope.get(name);
      if (!v || !EXPORTABLE.test(name) || !this.exported(v)) continue;
      const value = v.text === undefined ? undefined : v.flavor === 'simple' ? v.text : ex.expand(v.text);
      out[name] = this.envValue(v, value);
    }
    this.envCache.set(scope, out);
    return out;
  }

  private envValue(v: MakeVar, value: string | undefined): EnvValue {
    if (v.env && (v.origin === 'environment' || v.origin === 'command line')) return value === v.env.value ? v.env : { ...v.env, value };
    const a = v.assignments[v.assignments.length - 1];
    const file = basename(this.model.uri);
    const how = v.export === 'export' ? 'exported' : v.fromEnv ? `exported because ${v.name} was already in make's environment` : 'exported by `.EXPORT_ALL_VARIABLES` / `export`';
    return {
      name: v.name, value, origin: 'make-export', loc: a?.loc, valueLoc: a?.valueLoc, raw: a && a.raw !== value ? a.raw : undefined,
      describe: `\`${file}\`${a ? ` line ${a.loc.range.start.line + 1}` : ''} (${how})`,
    };
  }

  /**
   * Build variables assigned in the Makefile but not exported: the go commands of this line never see
   * them — unless the line hands the value over itself (`CGO_ENABLED=$(CGO_ENABLED) go build`).
   */
  private unexported(scope: VarScope, refs: Set<string>): IneffectiveAssignment[] {
    const out: IneffectiveAssignment[] = [];
    // A makefile we could not read may export it: not certain enough to report.
    if (this.model.unreadInclude) return out;
    for (const name of BUILD_VARS) {
      const v = scope.get(name);
      if (!v || refs.has(name) || this.exported(v) || v.export === 'unexport' || (v.origin !== 'file' && v.origin !== 'override')) continue;
      const caveat = this.model.envKnown ? '' : ` (unless ${name} is already set in the environment make runs in)`;
      for (const a of v.assignments) {
        if (a.value === '' || a.loc.uri !== this.model.uri) continue;
        out.push({
          name, value: a.value, loc: a.loc, valueLoc: a.valueLoc, kind: 'make-unexported',
          why: `make puts a variable into a recipe's environment only when it is exported (\`export ${name}\`), given on make's command line or already in make's environment${caveat}, so \`go\` never sees it`,
          fixHint: { insertPrefixAt: a.insertAt },
        });
      }
    }
    return out;
  }
}

/** Make strips `@`, `-`, `+` and blanks at the start of each recipe line (also when they come from an expansion). */
function stripPrefixes(pieces: Piece[]): Piece[] {
  const out = [...pieces];
  while (out.length) {
    const p = out[0];
    let k = 0;
    while (k < p.text.length && /[@+\-\s]/.test(p.text[k])) k++;
    if (k === p.text.length) {
      out.shift();
      continue;
    }
    if (k > 0) out[0] = p.doc ? { ...p, text: p.text.slice(k), docStart: p.docStart + k } : { ...p, text: p.text.slice(k) };
    break;
  }
  return out;
}

function basename(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

function after(a: Location, b: Location): boolean {
  const x = a.range.start;
  const y = b.range.start;
  return x.line > y.line || (x.line === y.line && x.character > y.character);
}

function sameLoc(a: Location, b: Location): boolean {
  return a.uri === b.uri && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

