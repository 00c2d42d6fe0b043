// Where does a Dockerfile's go command run, in terms of the workspace? Deliberately simple (documented in the
// README's design notes):
//
//  * the build context is the Dockerfile's directory (the caller may retry with its parent directories when nothing
//    resolves there — `docker build -f build/Dockerfile .` is common);
//  * the go command's container working directory is the stage's WORKDIR (golang images start in /go), changed by
//    a `cd <dir>` earlier in the same RUN and by `go build -C <dir>`;
//  * that directory maps back to the context through the `COPY <dir> <dest>` / `ADD` instructions of the stage
//    (and of the stages it is built FROM) and `RUN --mount=type=bind` of the same RUN: the longest destination that
//    contains the working directory wins (`COPY . .` into WORKDIR /src makes /src the context root);
//  * when no COPY maps it, the working directory is assumed to be the context root.
import type { Instruction } from 'dockerfile-ast';
import { parseDockerfile } from '../../readers/dockerfile/parse';
import type { BuildPlan, GoInvocation } from '../../model/types';
import { expandDockerVars } from '../../readers/dockerfile/expand';
import { LineIndex } from '../../text/lineIndex';
import { resolvePosix } from '../../text/posixPath';

export interface DockerCwd {
  /** The working directory relative to the build context ('' = the context root), slash-separated; undefined = not known. */
  contextPath: string | undefined;
  /** The working directory inside the container, when known. */
  containerPath?: string;
  /** True when no COPY / mount told where the sources are (the context root was assumed). */
  assumed: boolean;
}

interface Mapping {
  dest: string;
  src: string;
}

interface StageInfo {
  name?: string;
  workdir?: string;
  copies: Mapping[];
  vars: Map<string, string | undefined>;
}

interface RunSnapshot {
  startLine: number;
  endLine: number;
  workdir?: string;
  copies: Mapping[];
  mounts: Mapping[];
}

/** The working directory of each go command of a Dockerfile plan, keyed by invocation id. */
export function dockerWorkingDirs(plan: BuildPlan, text: string): Map<string, DockerCwd> {
  const out = new Map<string, DockerCwd>();
  let runs: RunSnapshot[];
  try {
    runs = snapshots(plan, text);
  } catch {
    return out;
  }
  const index = new LineIndex(text);
  for (const inv of plan.invocations) {
    const line = inv.commandLoc.range.start.line;
    const run = runs.find((r) => r.startLine <= line && line <= r.endLine);
    if (!run) continue;
    let cwd = run.workdir ?? '/';
    const before = text.slice(index.offsetAt((inv.instructionLoc ?? inv.commandLoc).range.start), index.offsetAt(inv.commandLoc.range.start));
    const cd = lastCd(before);
    if (cd === null) {
      out.set(inv.id, { contextPath: undefined, assumed: true });
      continue;
    }
    if (cd !== undefined) cwd = resolvePosix(cwd, cd);
    const dashC = flagValue(inv, '-C');
    if (dashC === null) {
      out.set(inv.id, { contextPath: undefined, assumed: true });
      continue;
    }
    if (dashC !== undefined) cwd = resolvePosix(cwd, dashC);
    out.set(inv.id, mapToContext(cwd, [...run.copies, ...run.mounts]));
  }
  return out;
}

function mapToContext(cwd: string, maps: Mapping[]): DockerCwd {
  let best: Mapping | undefined;
  for (const m of maps) {
    if (cwd !== m.dest && !cwd.startsWith(m.dest === '/' ? '/' : m.dest + '/')) continue;
    if (!best || m.dest.length >= best.dest.length) best = m;
  }
  if (!best) return { contextPath: '', containerPath: cwd, assumed: true };
  const rest = cwd.slice(best.dest.length).replace(/^\/+/, '');
  const joined = [best.src, rest].filter(Boolean).join('/');
  const norm = resolvePosix('/', joined).slice(1);
  return { contextPath: norm, containerPath: cwd, assumed: false };
}

function snapshots(plan: BuildPlan, text: string): RunSnapshot[] {
  const df = parseDockerfile(text);
  const escape = df.getEscapeCharacter();
  const stages: StageInfo[] = [];
  const globals = new Map<string, string | undefined>();
  const runs: RunSnapshot[] = [];
  let st: StageInfo | undefined;
  const lookup = (name: string) => (st?.vars.has(name) ? st.vars.get(name) : globals.has(name) ? globals.get(name) : null);
  const expand = (raw: string) => expandDockerVars(raw, lookup, escape);
  for (const instr of df.getInstructions()) {
    const kw = instr.getKeyword().toUpperCase();
    if (kw === 'FROM') {
      const idx = stages.length;
      const args = instr.getArguments().map((a) => a.getValue()).filter((v) => !v.startsWith('--'));
      const image = args[0] === undefined ? undefined : expandDockerVars(args[0], (n) => (globals.has(n) ? globals.get(n) : null), escape);
      const name = args[1]?.toLowerCase() === 'as' ? args[2]?.toLowerCase() : undefined;
      const parent = image ? stages.find((s) => s.name !== undefined && s.name === image.toLowerCase()) : undefined;
      st = {
        name,
        workdir: parent ? parent.workdir : plan.stages[idx]?.image?.go ? '/go' : undefined,
        copies: parent ? [...parent.copies] : [],
        vars: new Map(parent ? parent.vars : []),
      };
      stages.push(st);
      continue;
    }
    if (!st) {
      if (kw === 'ARG') for (const [k, v] of argDecls(instr)) globals.set(k, v === undefined ? undefined : expandDockerVars(v, (n) => (globals.has(n) ? globals.get(n) : null), escape));
      continue;
    }
    switch (kw) {
      case 'ENV':
      case 'ARG': {
        const decls = kw === 'ARG' ? argDecls(instr) : envDecls(instr);
        for (const [k, v] of decls) {
          if (kw === 'ARG' && v === undefined && globals.has(k)) st.vars.set(k, globals.get(k));
          else st.vars.set(k, v === undefined ? undefined : expand(v));
        }
        break;
      }
      case 'WORKDIR': {
        const raw = instr.getArguments()[0]?.getValue();
        const v = raw === undefined ? undefined : expand(raw);
        st.workdir = v === undefined ? undefined : resolvePosix(st.workdir ?? '/', v);
        break;
      }
      case 'COPY':
      case 'ADD': {
        if (flagsOf(instr).some((f) => f.name === 'from')) break;
        const args = argsOf(instr).map((a) => expand(a));
        if (args.length < 2) break;
        const destRaw = args[args.length - 1];
        if (destRaw === undefined || st.workdir === undefined && !destRaw.startsWith('/')) break;
        const dest = resolvePosix(st.workdir ?? '/', destRaw);
        for (const src of args.slice(0, -1)) {
          if (src === undefined || src.startsWith('<<') || /^[a-z]+:\/\//i.test(src) || /[*?[]/.test(src)) continue;
          if (!looksLikeDir(src)) continue;
          const norm = resolvePosix('/', src).slice(1);
          st.copies.push({ dest, src: norm });
        }
        break;
      }
      case 'RUN': {
        const r = instr.getRange();
        const mounts: Mapping[] = [];
        for (const f of flagsOf(instr)) {
          if (f.name !== 'mount' || !f.value) continue;
          const opts = new Map(f.value.split(',').map((kv) => [kv.split('=')[0].trim(), kv.slice(kv.indexOf('=') + 1).trim()] as [string, string]));
          if ((opts.get('type') ?? 'bind') !== 'bind' || opts.has('from')) continue;
          const target = opts.get('target') ?? opts.get('dst') ?? opts.get('destination');
          if (!target) continue;
          mounts.push({ dest: resolvePosix(st.workdir ?? '/', target), src: resolvePosix('/', opts.get('source') ?? opts.get('src') ?? '.').slice(1) });
        }
        runs.push({ startLine: r.start.line, endLine: r.end.line, workdir: st.workdir, copies: [...st.copies], mounts });
        break;
      }
    }
  }
  return runs;
}

/** A COPY source that is a directory: `.`, `dir/`, or a name without an extension (`cmd`, `internal`). */
function looksLikeDir(src: string): boolean {
  if (src === '.' || src === './' || src.endsWith('/')) return true;
  const base = src.slice(src.lastIndexOf('/') + 1);
  return base !== '' && !base.includes('.') && !/^(Dockerfile|Makefile|Containerfile|LICENSE|README)$/i.test(base);
}

function flagsOf(instr: Instruction): { name: string; value: string | null }[] {
  const flags = (instr as unknown as { getFlags?(): { getName(): string; getValue(): string | null }[] }).getFlags?.() ?? [];
  return flags.map((f) => ({ name: f.getName().toLowerCase(), value: f.getValue() }));
}

function argsOf(instr: Instruction): string[] {
  const raw = instr.getRawArgumentsContent?.() ?? '';
  const json = /^\s*\[/.test(raw);
  if (json) {
    try {
      const parsed: unknown = JSON.parse(raw.trim());
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed as string[];
    } catch {
      // fall through to the plain arguments
    }
  }
  return instr.getArguments().map((a) => a.getValue()).filter((v) => !v.startsWith('--'));
}

function argDecls(instr: Instruction): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  for (const a of instr.getArguments()) {
    const t = a.getValue();
    const eq = t.indexOf('=');
    const name = eq < 0 ? t : t.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    out.push([name, eq < 0 ? undefined : unquote(t.slice(eq + 1))]);
  }
  return out;
}

function envDecls(instr: Instruction): [string, string | undefined][] {
  const props = (instr as unknown as { getProperties?(): { getName(): string; getValue(): string | null }[] }).getProperties?.() ?? [];
  return props.map((p) => [p.getName(), p.getValue() ?? '']);
}

function unquote(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}

/**
 * The directory of the last `cd <dir>` in the shell text before the go command: undefined when there is none,
 * null when there is one whose target is not a plain word (`cd "$DIR"`, `cd $(…)`).
 */
function lastCd(before: string): string | undefined | null {
  const re = /(?:^|[;&|(\s])cd[ \t]+("[^"$`]*"|'[^']*'|[^\s;&|)"'`$]+|\S+)/g;
  let last: string | undefined | null;
  for (let m = re.exec(before); m; m = re.exec(before)) {
    const w = m[1];
    if (/^'[^']*'$/.test(w) || /^"[^"$`\\]*"$/.test(w)) last = w.slice(1, -1);
    else if (/[$`"'\\]/.test(w)) last = null;
    else last = w;
    if (last === '-' || last === '~' || last?.startsWith('~/')) last = null;
  }
  return last;
}

/** `go build -C dir`: the value, undefined when absent, null when not known statically. */
function flagValue(inv: GoInvocation, name: string): string | undefined | null {
  const f = inv.flags.find((x) => x.name === name);
  if (!f) return undefined;
  return f.value?.value ?? null;
}

