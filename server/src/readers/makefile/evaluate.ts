import type { EnvValue, Location } from '../../model/types';
import type { LineIndex } from '../../text/lineIndex';
import type { Budget } from '../commands/runContext';
import { Expander, words } from './expand';
import { skipRef, startOf, type AssignSyntax, type MakefileSyntax, type MText } from './syntax';
import { VarTable, type MakeAssignment, type MakeVar, type VarScope } from './vars';

/** A variable given on make's command line (`make build CGO_ENABLED=0`). */
export interface CmdVar {
  name: string;
  value: string | undefined;
  op?: string;
  env: EnvValue;
}

export interface EvalInit {
  uri: string;
  index: LineIndex;
  /** make's process environment. */
  env: Record<string, EnvValue>;
  cmdVars: CmdVar[];
  /** `make -e`: the environment wins over Makefile assignments. */
  envOverrides: boolean;
  envKnown: boolean;
  budget: Budget;
  /** make's working directory as an absolute path, when known ($(CURDIR)). */
  curdir?: string;
  /** Every assignment read (global and target-specific), for occurrences. */
  onAssignment?(a: MakeAssignment): void;
  /**
   * `include file…`: the included makefile, when it can be read (bounded by the caller). Only its variable
   * statements are taken (assignments, export/unexport, conditionals); its rules are not run.
   */
  include?(path: string): { uri: string; index: LineIndex; syntax: MakefileSyntax } | undefined;
}

export interface MakeRule {
  /** Undefined when the target names depend on something unknown. */
  targets: string[] | undefined;
  prereqs: string[];
  orderOnly: string[];
  /** Static pattern rules (`$(OBJS): %.o: %.c`): the target pattern. */
  targetPattern?: string;
  recipe: MText[];
  doubleColon: boolean;
  loc: Location;
}

/** A target- or pattern-specific assignment (`build: CGO_ENABLED := 0`, `bin/%: export X = 1`). */
export interface TargetVar {
  /** A target name, or a pattern with `%`. */
  target: string;
  a: AssignSyntax;
  assignment: MakeAssignment;
}

export interface EvaluatedMakefile {
  uri: string;
  index: LineIndex;
  globals: VarTable;
  rules: MakeRule[];
  targetVars: TargetVar[];
  exportAll: boolean;
  oneShell: boolean;
  defaultGoal?: string;
  envKnown: boolean;
  envOverrides: boolean;
  /** A mandatory `include` could not be read: variables may be exported there, so "not exported" is not certain. */
  unreadInclude: boolean;
}

const DEFAULTS: Record<string, string> = { MAKE: 'make', CC: 'cc', CXX: 'g++', SHELL: '/bin/sh', MAKEFLAGS: '' };
const SPECIAL_NOT_GOAL = /^\.[A-Z_]+$/;

/**
 * Read the statements in order, as make does before running anything: variables get their values
 * (simple ones expanded now, recursive ones when used), target and prerequisite lists are expanded now,
 * conditionals keep every branch (VarTable merges them).
 */
export function evaluate(syntax: MakefileSyntax, init: EvalInit): EvaluatedMakefile {
  const globals = new VarTable();
  for (const [name, text] of Object.entries(DEFAULTS)) globals.set(name, { name, flavor: 'recursive', text, origin: 'default', export: 'default', assignments: [] });
  globals.set('CURDIR', { name: 'CURDIR', flavor: 'simple', text: init.curdir, origin: 'file', export: 'default', assignments: [] });
  // Every variable make finds in its environment is exported to recipes, even when the Makefile changes its value.
  for (const [name, ev] of Object.entries(init.env)) {
    globals.set(name, { name, flavor: 'recursive', text: ev.value, origin: 'environment', export: 'default', assignments: [], env: ev, fromEnv: true });
  }
  for (const c of init.cmdVars) {
    globals.set(c.name, { name: c.name, flavor: c.op === ':=' || c.op === '::=' ? 'simple' : 'recursive', text: c.value, origin: 'command line', export: 'default', assignments: [], env: c.env });
  }
  const model: EvaluatedMakefile = {
    uri: init.uri, index: init.index, globals, rules: [], targetVars: [], exportAll: false, oneShell: false, envKnown: init.envKnown, envOverrides: init.envOverrides,
    unreadInclude: false,
  };
  const expander = new Expander(globals, { envKnown: init.envKnown, budget: init.budget });
  readStatements(syntax, init.uri, init.index, 0);
  globals.closeAll();
  const dg = globals.get('.DEFAULT_GOAL');
  if (dg?.text !== undefined) {
    const v = expander.expand(dg.text)?.trim();
    if (v) model.defaultGoal = words(v)[0];
  }
  return model;

  /** The statements of the Makefile (depth 0) or of a file it includes (variables only). */
  function readStatements(syn: MakefileSyntax, uri: string, index: LineIndex, depth: number): void {
    const included = depth > 0;
    const loc = (start: number, end: number): Location => ({ uri, range: index.range(start, end) });
    for (const st of syn.stmts) {
      if (included && st.kind === 'targetVar') continue;
      switch (st.kind) {
        case 'if':
          globals.open();
          break;
        case 'else':
          globals.branch(true);
          break;
        case 'endif':
          globals.close();
          break;
        case 'include': {
          const paths = expander.expand(st.paths.s);
          if (paths === undefined || depth >= MAX_INCLUDE_DEPTH) {
            if (!st.optional) model.unreadInclude = true;
            break;
          }
          for (const p of words(paths)) {
            const inc = /[*?[]/.test(p) ? undefined : init.include?.(p);
            if (inc) readStatements(inc.syntax, inc.uri, inc.index, depth + 1);
            else if (!st.optional) model.unreadInclude = true;
          }
          break;
        }
        case 'assign': {
          const a = toAssignment(st.a, expander, loc);
          if (!a) break;
          if (!included) init.onAssignment?.(a);
          applyAssignment(globals, a, st.a, expander, init);
          break;
        }
        case 'define': {
          const prev = globals.get(st.name);
          globals.set(st.name, {
            name: st.name, flavor: 'recursive', text: undefined, origin: st.override ? 'override' : 'file',
            export: st.export === true ? 'export' : st.export === false ? 'unexport' : prev?.export ?? 'default', assignments: [],
          });
          break;
        }
        case 'undefine': {
          const name = expander.expand(st.name.s)?.trim();
          if (name) globals.set(name, undefined);
          break;
        }
        case 'export': {
          if (!st.names) {
            model.exportAll = st.export;
            break;
          }
          const names = expander.expand(st.names.s);
          if (names === undefined) break;
          for (const n of words(names)) {
            const v = globals.get(n) ?? { name: n, flavor: 'recursive' as const, text: '', origin: 'file' as const, export: 'default' as const, assignments: [] };
            globals.set(n, { ...v, export: st.export ? 'export' : 'unexport' });
          }
          break;
        }
        case 'targetVar': {
          const targets = expander.expand(st.targets.s);
          const a = toAssignment(st.a, expander, loc, false);
          if (targets === undefined || !a) break;
          if (!included) init.onAssignment?.(a);
          for (const t of words(targets)) model.targetVars.push({ target: t, a: st.a, assignment: a });
          break;
        }
        case 'rule': {
          const r = st.rule;
          const targets = expander.expand(r.targets.s);
          const list = targets === undefined ? undefined : words(targets);
          if (list?.includes('.ONESHELL')) model.oneShell = true;
          if (list?.includes('.EXPORT_ALL_VARIABLES')) model.exportAll = true;
          if (included) break; // rules of included makefiles are not run (an approximation)
          // Static pattern rule: `targets: target-pattern: prereq-patterns`.
          let prereqText = r.prereqs.s;
          let targetPattern: string | undefined;
          const second = colonAt(prereqText);
          if (second >= 0 && !/^[:=]/.test(prereqText.slice(second + 1))) {
            targetPattern = prereqText.slice(0, second).trim();
            prereqText = prereqText.slice(second + 1);
          }
          const expanded = expander.expand(prereqText) ?? '';
          const [normal, orderOnly = ''] = splitOnce(expanded, '|');
          model.rules.push({
            targets: list, prereqs: words(normal), orderOnly: words(orderOnly), targetPattern, recipe: r.recipe, doubleColon: r.doubleColon, loc: loc(r.start, r.end),
          });
          if (model.defaultGoal === undefined && list) {
            const goal = list.find((t) => !t.includes('%') && (!t.startsWith('.') || t.includes('/')) && !SPECIAL_NOT_GOAL.test(t));
            if (goal) model.defaultGoal = goal;
          }
          break;
        }
      }
    }
  }
}

const MAX_INCLUDE_DEPTH = 8;

/** The first `:` outside references. */
function colonAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '$') i = skipRef(s, i) - 1;
    else if (s[i] === ':') return i;
  }
  return -1;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

export function toAssignment(a: AssignSyntax, expander: Expander, loc: (s: number, e: number) => Location, expandNow = true): MakeAssignment | undefined {
  const name = expander.expand(a.name.s)?.trim();
  if (!name || /\s/.test(name)) return undefined;
  const raw = a.value.s;
  const simple = a.op === ':=' || a.op === '::=' || a.op === ':::=';
  const value = a.op === '!=' ? undefined : !raw.includes('$') ? raw : simple && expandNow ? expander.expand(raw) : undefined;
  const valueStart = startOf(a.value);
  return {
    name, op: a.op, raw, value,
    loc: loc(a.start, a.end),
    valueLoc: loc(valueStart, a.value.s.length ? a.value.end : valueStart),
    insertAt: loc(a.start, a.start),
    exported: a.export === true,
  };
}

/**
 * One assignment with GNU make's precedence: command-line and `override` values win unless this one is
 * an `override`; with `-e` so do environment values. `export`/`unexport` apply even when the value does
 * not change. A variable from the environment stays exported with its new value (GNU make marks every
 * imported variable for export).
 */
export function applyAssignment(scope: VarScope & { set(n: string, v: MakeVar | undefined): void }, a: MakeAssignment, syntax: AssignSyntax, expander: Expander, init: { envOverrides: boolean }): void {
  const existing = scope.get(a.name);
  const exportState: MakeVar['export'] = syntax.export === true ? 'export' : syntax.export === false ? 'unexport' : existing?.export ?? 'default';
  const blocked = existing && !syntax.override && (existing.origin === 'command line' || existing.origin === 'override' || (existing.origin === 'environment' && init.envOverrides));
  if (blocked) {
    if (exportState !== existing.export) scope.set(a.name, { ...existing, export: exportState });
    return;
  }
  const origin: MakeVar['origin'] = syntax.override ? 'override' : 'file';
  let next: MakeVar;
  switch (a.op) {
    case '?=':
      // Defined in any way — even by make's defaults (`CC ?= gcc` keeps `cc`) — leaves the value alone.
      if (existing) {
        if (exportState !== existing.export) scope.set(a.name, { ...existing, export: exportState });
        return;
      }
      next = { name: a.name, flavor: 'recursive', text: a.raw, origin, export: exportState, assignments: [a] };
      break;
    case '+=':
      if (existing) {
        const text = existing.flavor === 'simple' ? join(existing.text, expander.expand(a.raw)) : join(existing.text, a.raw);
        next = { ...existing, text, origin, export: exportState, assignments: [...existing.assignments, a], env: undefined };
      } else next = { name: a.name, flavor: 'recursive', text: a.raw, origin, export: exportState, assignments: [a] };
      break;
    case '!=':
      next = { name: a.name, flavor: 'simple', text: undefined, origin, export: exportState, assignments: [a] };
      break;
    case ':=':
    case '::=':
    case ':::=':
      next = { name: a.name, flavor: 'simple', text: expander.expand(a.raw), origin, export: exportState, assignments: [a] };
      break;
    default:
      next = { name: a.name, flavor: 'recursive', text: a.raw, origin, export: exportState, assignments: [a] };
  }
  if (existing?.fromEnv) next.fromEnv = true;
  scope.set(a.name, next);
}

function join(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return undefined;
  return a ? (b ? `${a} ${b}` : a) : b;
}
