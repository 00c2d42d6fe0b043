import type { EnvValue, Location, Word } from '../model/types';
import { BUILD_VARS, ShellEnv } from './env';
import { parseShellTree, type ShellNode as Node, type ShellSkip } from './parser';
import type { ShellSource } from './source';
import { resolveWord } from './words';

export interface Assignment {
  name: string;
  value: string | undefined;
  loc: Location;
  valueLoc?: Location;
  /** How it was written. */
  form: 'prefix' | 'export' | 'plain' | 'env-command';
  /** Does the value reach processes started after it (or, for prefixes, this command)? */
  exported: boolean;
}

export interface ShellCommand {
  name: Word;
  args: Word[];
  /** The environment the process receives. */
  env: Record<string, EnvValue>;
  /** Build variables set as plain shell variables (never exported) before this command. */
  shellOnly: { name: string; value: string | undefined; loc: Location; valueLoc?: Location }[];
  /** Prefix assignments written on this command (`CGO_ENABLED=0 go build`). */
  prefixes: Assignment[];
  loc: Location;
  /** Zero-width location where a new prefix assignment would take effect (before the command name). */
  insertPrefixAt: Location;
}

export interface ShellHooks {
  onCommand(cmd: ShellCommand): void;
  onAssignment?(a: Assignment): void;
}

export interface ShellRunResult {
  /** The environment at the end of the script (what `export` left behind, for "lost export" checks). */
  env: ShellEnv;
  hasErrors: boolean;
  /** Set when the script was not analysed at all (parser.ts MAX_SHELL_CHARS, SHELL_PARSE_BUDGET_MS). */
  skipped?: ShellSkip;
}

const MAX_FUNCTION_DEPTH = 8;
const MAX_NODES = 200_000;

export interface ShellTextLimits {
  /** Longer scripts are not analysed (`skipped: 'too-long'`); default MAX_SHELL_CHARS, Infinity for a whole script file. */
  maxChars?: number;
}

/** A whole script file (`build.sh`): bounded by maxFileBytes, not by MAX_SHELL_CHARS. */
export const WHOLE_SCRIPT_FILE: ShellTextLimits = { maxChars: Infinity };

/** Walk a shell script the way a shell would run it, tracking variables, and report each simple command. */
export function runShell(source: ShellSource, env: ShellEnv, hooks: ShellHooks, limits: ShellTextLimits = {}): ShellRunResult {
  const tree = parseShellTree(source.text, limits.maxChars);
  const walker = new Walker(source, hooks);
  const out = walker.statement(tree.rootNode, env);
  return { env: out, hasErrors: tree.hasError, ...(tree.skipped ? { skipped: tree.skipped } : {}) };
}

class Walker {
  private readonly functions = new Map<string, Node>();
  private depth = 0;
  private visited = 0;

  constructor(private readonly src: ShellSource, private readonly hooks: ShellHooks) {}

  private word(node: Node, env: ShellEnv): Word {
    return { value: resolveWord(node, env), raw: node.text, loc: this.src.loc(node.startIndex, node.endIndex), verbatim: this.src.isVerbatim(node.startIndex, node.endIndex) };
  }

  /** `loc` (of verbatim text) from its `from`th character on. */
  private within(loc: Location, from: number): Location {
    const start = this.src.index.offsetAt(loc.range.start) + from;
    return { uri: loc.uri, range: this.src.index.range(start, Math.max(start, this.src.index.offsetAt(loc.range.end))) };
  }

  /** Returns the environment after the statement has run. */
  statement(node: Node, env: ShellEnv): ShellEnv {
    if (++this.visited > MAX_NODES) return env;
    switch (node.type) {
      case 'program':
      case 'compound_statement':
      case 'list':
      case 'do_group':
        for (const c of node.namedChildren) if (c) env = this.statement(c, env);
        return env;
      case 'subshell':
      case 'pipeline':
        for (const c of node.namedChildren) if (c) this.statement(c, env.clone());
        return env;
      case 'negated_command':
        for (const c of node.namedChildren) if (c) env = this.statement(c, env);
        return env;
      case 'redirected_statement': {
        const body = node.childForFieldName('body');
        return body ? this.statement(body, env) : env;
      }
      case 'if_statement':
        return this.ifStatement(node, env);
      case 'case_statement': {
        const alts = [env.clone()];
        for (const item of node.namedChildren) {
          if (item?.type !== 'case_item') continue;
          let e = env.clone();
          for (const c of item.namedChildren) if (c && c !== item.childForFieldName('value')) e = this.statement(c, e);
          alts.push(e);
        }
        return ShellEnv.merge(env, alts);
      }
      case 'for_statement':
      case 'c_style_for_statement':
      case 'while_statement': {
        const body = node.childForFieldName('body');
        const cond = node.childForFieldName('condition');
        if (cond) env = this.statement(cond, env);
        if (!body) return env;
        const after = this.statement(body, env.clone());
        return ShellEnv.merge(env, [env, after]);
      }
      case 'function_definition': {
        const name = node.childForFieldName('name');
        const body = node.childForFieldName('body');
        if (name && body) this.functions.set(name.text, body);
        return env;
      }
      case 'variable_assignment':
        return this.assignment(node, env, 'plain');
      case 'variable_assignments':
        for (const c of node.namedChildren) if (c?.type === 'variable_assignment') env = this.assignment(c, env, 'plain');
        return env;
      case 'declaration_command':
        return this.declaration(node, env);
      case 'unset_command':
        for (const c of node.namedChildren) if (c && (c.type === 'word' || c.type === 'variable_name')) env.unset(c.text);
        return env;
      case 'command':
        return this.command(node, env);
      default:
        return env;
    }
  }

  private ifStatement(node: Node, env: ShellEnv): ShellEnv {
    // Conditions run for real; each branch is an alternative.
    const alts: ShellEnv[] = [];
    let current: ShellEnv | undefined;
    let hasElse = false;
    let inCondition = true;
    for (const c of node.children) {
      if (!c) continue;
      if (!c.isNamed) {
        if (c.type === 'then') {
          inCondition = false;
          current = env.clone();
        }
        continue;
      }
      if (c.type === 'elif_clause' || c.type === 'else_clause') {
        if (current) alts.push(current);
        current = undefined;
        if (c.type === 'else_clause') hasElse = true;
        let e = env.clone();
        let branchStarted = c.type === 'else_clause';
        for (const cc of c.children) {
          if (!cc) continue;
          if (!cc.isNamed) {
            if (cc.type === 'then') branchStarted = true;
            continue;
          }
          if (branchStarted) e = this.statement(cc, e);
          else env = this.statement(cc, env);
        }
        alts.push(e);
        continue;
      }
      if (inCondition) env = this.statement(c, env);
      else if (current) current = this.statement(c, current);
    }
    if (current) alts.push(current);
    if (!hasElse) alts.push(env.clone());
    return ShellEnv.merge(env, alts);
  }

  private assignmentParts(node: Node, env: ShellEnv): { name: string; value: string | undefined; raw: string; loc: Location; valueLoc?: Location } | undefined {
    const nameNode = node.childForFieldName('name');
    if (!nameNode || nameNode.type !== 'variable_name') return undefined;
    const valueNode = node.childForFieldName('value');
    const value = valueNode ? resolveWord(valueNode, env) : '';
    return {
      name: nameNode.text,
      value,
      raw: valueNode?.text ?? '',
      loc: this.src.loc(node.startIndex, node.endIndex),
      // Only where the document holds the value as the shell sees it: fixes edit it (no value inside an expansion).
      valueLoc: valueNode ? this.src.editableLoc(valueNode.startIndex, valueNode.endIndex) : this.src.editableLoc(node.endIndex, node.endIndex),
    };
  }

  private assignment(node: Node, env: ShellEnv, form: 'plain' | 'export'): ShellEnv {
    const a = this.assignmentParts(node, env);
    if (!a) return env;
    const wasExported = env.get(a.name)?.exported ?? false;
    const exported = form === 'export' || wasExported || env.allexport;
    const origin: EnvValue = {
      name: a.name,
      value: a.value,
      origin: form === 'export' ? 'export' : 'shell-assignment',
      loc: a.loc,
      valueLoc: a.valueLoc,
      raw: a.raw,
      describe: form === 'export' ? '`export` in the same shell' : 'a shell assignment to an exported variable',
    };
    env.set(a.name, a.value, origin, exported);
    this.hooks.onAssignment?.({ name: a.name, value: a.value, loc: a.loc, valueLoc: a.valueLoc, form, exported });
    return env;
  }

  private declaration(node: Node, env: ShellEnv): ShellEnv {
    const keyword = node.child(0)?.text ?? '';
    const args = node.namedChildren;
    const flags = args.filter((a) => a.type === 'word' && a.text.startsWith('-')).map((a) => a.text);
    const exports = keyword === 'export' || flags.some((f) => /^-[a-zA-Z]*x/.test(f));
    const unexport = keyword === 'export' && flags.includes('-n');
    for (const a of args) {
      if (a.type === 'variable_assignment') {
        env = this.assignment(a, env, exports && !unexport ? 'export' : 'plain');
      } else if (a.type === 'variable_name' || (a.type === 'word' && !a.text.startsWith('-'))) {
        if (unexport) {
          const v = env.get(a.text);
          if (v) env.vars.set(a.text, { ...v, exported: false });
        } else if (exports) {
          env.export(a.text, this.src.loc(a.startIndex, a.endIndex), '`export` in the same shell');
        }
      }
    }
    return env;
  }

  private command(node: Node, env: ShellEnv): ShellEnv {
    const prefixes: Assignment[] = [];
    const procEnv = env.clone();
    let nameNode: Node | undefined;
    const argNodes: Node[] = [];
    for (let i = 0; i < node.childCount; i++) {
      const c = node.child(i);
      if (!c) continue;
      const field = node.fieldNameForChild(i);
      if (c.type === 'variable_assignment' && !nameNode) {
        const a = this.assignmentParts(c, procEnv);
        if (a) {
          const assignment: Assignment = { name: a.name, value: a.value, loc: a.loc, valueLoc: a.valueLoc, form: 'prefix', exported: true };
          prefixes.push(assignment);
          procEnv.set(a.name, a.value, { name: a.name, value: a.value, origin: 'inline-prefix', loc: a.loc, valueLoc: a.valueLoc, raw: a.raw, describe: 'an inline prefix on this command' }, true);
          this.hooks.onAssignment?.(assignment);
        }
      } else if (field === 'name') nameNode = c.type === 'command_name' ? (c.namedChild(0) ?? c) : c;
      else if (field === 'argument') argNodes.push(c);
    }
    if (!nameNode) {
      // Assignments alone (tree-sitter may wrap them in a command node): they set shell variables.
      for (const a of prefixes) {
        const wasExported = env.get(a.name)?.exported ?? false;
        env.set(a.name, a.value, { name: a.name, value: a.value, origin: 'shell-assignment', loc: a.loc, valueLoc: a.valueLoc, describe: 'a shell assignment' }, wasExported || env.allexport);
      }
      return env;
    }
    let words = [nameNode, ...argNodes].map((n) => this.word(n, procEnv));
    let insertAt = words[0].loc;

    // Wrappers that run the next word as the command with the same (or an amended) environment.
    for (let guard = 0; guard < 4 && words.length > 0; guard++) {
      const head = basename(words[0].value);
      if (head === 'env') {
        let i = 1;
        for (; i < words.length; i++) {
          const w = words[i];
          const v = w.value;
          if (v === undefined) break;
          if (v === '-i' || v === '--ignore-environment' || v === '-') {
            for (const k of [...procEnv.vars.keys()]) procEnv.unset(k);
          } else if (v === '-u' || v === '--unset') {
            const n = words[++i]?.value;
            if (n) procEnv.unset(n);
          } else if (v.startsWith('--unset=')) procEnv.unset(v.slice(8));
          else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
            const eq = v.indexOf('=');
            const name = v.slice(0, eq);
            const value = v.slice(eq + 1);
            const rawEq = w.raw.indexOf('=');
            const valueLoc = w.verbatim && rawEq >= 0 && w.raw.length === v.length ? this.within(w.loc, rawEq + 1) : undefined;
            const a: Assignment = { name, value, loc: w.loc, valueLoc, form: 'env-command', exported: true };
            prefixes.push(a);
            procEnv.set(name, value, { name, value, origin: 'env-command', loc: w.loc, valueLoc, raw: w.raw.slice(w.raw.indexOf('=') + 1), describe: '`env` on this command' }, true);
            this.hooks.onAssignment?.(a);
          } else if (v.startsWith('-')) continue;
          else break;
        }
        words = words.slice(i);
        if (words.length) insertAt = words[0].loc;
        continue;
      }
      if (head === 'exec' || head === 'command' || head === 'nohup' || head === 'time' || head === 'nice' || head === 'sudo') {
        let i = 1;
        while (i < words.length && words[i].value?.startsWith('-')) i++;
        words = words.slice(i);
        if (words.length) insertAt = words[0].loc;
        continue;
      }
      break;
    }
    if (words.length === 0) return env;

    const head = basename(words[0].value);
    if (head === 'set') {
      for (let i = 1; i < words.length; i++) {
        const v = words[i].value ?? '';
        if (/^-[a-zA-Z]*a/.test(v) || (v === '-o' && words[i + 1]?.value === 'allexport')) env.allexport = true;
        if (/^\+[a-zA-Z]*a/.test(v) || (v === '+o' && words[i + 1]?.value === 'allexport')) env.allexport = false;
      }
      return env;
    }
    const fn = words[0].value !== undefined ? this.functions.get(words[0].value) : undefined;
    if (fn && this.depth < MAX_FUNCTION_DEPTH) {
      this.depth++;
      try {
        // A function runs in the current shell; its prefix assignments apply while it runs.
        const inner = this.statement(fn, procEnv.clone());
        for (const [k, v] of inner.vars) if (!prefixes.some((p) => p.name === k)) env.vars.set(k, v);
      } finally {
        this.depth--;
      }
      return env;
    }

    const shellOnly: ShellCommand['shellOnly'] = [];
    for (const [name, v] of procEnv.vars) {
      if (!v.exported && BUILD_VARS.has(name) && v.origin.loc) shellOnly.push({ name, value: v.value, loc: v.origin.loc, valueLoc: v.origin.valueLoc });
    }
    const insertPrefixAt: Location = { uri: insertAt.uri, range: { start: insertAt.range.start, end: insertAt.range.start } };
    this.hooks.onCommand({
      name: words[0],
      args: words.slice(1),
      env: procEnv.exported(),
      shellOnly,
      prefixes,
      loc: this.src.loc(node.startIndex, node.endIndex),
      insertPrefixAt,
    });
    return env;
  }
}

function basename(v: string | undefined): string {
  if (!v) return '';
  const i = v.lastIndexOf('/');
  return i >= 0 ? v.slice(i + 1) : v;
}
