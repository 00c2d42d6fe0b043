import type { BuildHost, EnvValue, GoInvocation, Location, Word } from '../../model/types';
import { WHOLE_SCRIPT_FILE, type ShellCommand } from '../../shell/interpret';
import { ShellSource } from '../../shell/source';
import { LineIndex } from '../../text/lineIndex';
import type { WorkspaceFiles } from '../../workspace/files';
import { shellShebang } from '../../service/fileKind';
import { runMakeCall, type MakeCall } from '../makefile/execute';
import { ShellRun, shellVariables } from './runner';
import { absoluteCwd, budgetOf, dirOf, LIMITS, readLinked, resolveFile, type Place, type RunContext } from './runContext';

/**
 * Cross-file links: a command that runs a Makefile target (`make build`, `make -C dir target`,
 * `$(MAKE) target`) or a shell script (`./scripts/build.sh`, `bash x.sh`, `sh ./x.sh`) is followed into
 * that file, which runs with the command's process environment on the same build host. Every go
 * command found there becomes a GoInvocation that keeps its own file's location.
 *
 * Paths resolve with WorkspaceFiles against the caller's directory — for a Dockerfile that is the
 * Dockerfile's own directory, assumed to be the build context copied into WORKDIR (`COPY . .`).
 * Nothing outside the workspace is read (`make -C /`, `../../x.sh` are skipped), and everything is
 * bounded: nesting depth 8, 32 linked files and a fixed amount of work per analysed document.
 */
export interface FollowContext {
  /** The file the command is written in. */
  uri: string;
  /** The workspace directory the command runs in (default: the directory of `uri`). */
  baseDirUri?: string;
  files?: WorkspaceFiles;
  host: BuildHost;
  /** Each go command found in the linked files; `where.cwd` is its working directory (see `followedWorkdir`). */
  onInvocation(inv: GoInvocation, where?: { cwd?: string }): void;
  depth?: number;
  /** Files read so far for the analysed document (also the key of its work budget). */
  dependencies: Set<string>;
  /** The container path `baseDirUri` stands for (a Dockerfile's WORKDIR): maps absolute paths, like `/src/build.sh`. */
  cwd?: string;
  goEnvW?: EnvValue;
  onBuildPlatform?: boolean;
  stage?: number;
  instructionLoc?: Location;
  /** True when the OS/arch of the build host is unknown (so an explicit GOOS/GOARCH may or may not cross). */
  unknownPlatform?: boolean;
}

/** Follow `cmd` when it runs a make target or a shell script. True when it was such a call (followed or refused). */
export function followCommand(cmd: ShellCommand, ctx: FollowContext): boolean {
  const dirUri = ctx.baseDirUri ?? dirOf(ctx.uri);
  const run: RunContext = {
    uri: ctx.uri,
    machine: { host: { ...ctx.host }, goEnvW: ctx.goEnvW },
    onBuildPlatform: ctx.onBuildPlatform ?? false,
    unknownPlatform: ctx.unknownPlatform ?? false,
    envKnown: true,
    stage: ctx.stage,
    instructionLoc: ctx.instructionLoc,
    files: ctx.files,
    dependencies: ctx.dependencies,
    depth: ctx.depth ?? 0,
    root: { cwd: ctx.cwd, dirUri },
    inherited: [],
    texts: new Map(),
    onInvocation: (inv, where) => ctx.onInvocation(inv, where),
  };
  return follow(cmd, run, { dirUri, cwd: '.' });
}

/** The absolute working directory of a followed go command, from the caller's WORKDIR and `where.cwd`. */
export function followedWorkdir(workdir: string | undefined, where: { cwd?: string } | undefined): string | undefined {
  // No `where`: the command ran where it started. `where.cwd` undefined: a `cd` to somewhere unknown.
  return absoluteCwd(workdir, where ? where.cwd : '.');
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'mksh', 'zsh']);

/** Internal entry used by every shell run: make and script calls. */
export function follow(cmd: ShellCommand, ctx: RunContext, place: Place): boolean {
  const name = base(cmd.name.value);
  if (name === 'make' || name === 'gmake') {
    const call = parseMakeArgs(cmd.args);
    if (call) enter(ctx, () => runMakeCall(call, cmd, child(ctx, cmd, 'make'), place));
    return true;
  }
  const script = scriptCall(cmd);
  if (!script) return false;
  const byName = script.explicitShell || /\.(sh|bash)$/.test(script.path);
  const uri = resolveFile(ctx, place, script.path);
  const text = uri === undefined ? undefined : readLinked(ctx, uri, false);
  if (uri === undefined || text === undefined) return byName;
  if (!byName && !shellShebang(text)) return false;
  if (!ctx.texts.has(uri)) ctx.dependencies.add(uri);
  enter(ctx, () => {
    const source = new ShellSource(uri, new LineIndex(text));
    source.appendDoc(0, text.length);
    // A script is a new shell in the caller's working directory with the caller's process environment.
    new ShellRun(child(ctx, cmd, 'the script'), { dirUri: place.dirUri, cwd: place.cwd }).run(source, cmd.env, WHOLE_SCRIPT_FILE);
  });
  return true;
}

/** Runs `body` one level deeper when the depth and the follow budget allow it. */
function enter(ctx: RunContext, body: () => void): void {
  const budget = budgetOf(ctx.dependencies);
  if (ctx.depth >= LIMITS.depth || budget.follows >= LIMITS.follows) return;
  budget.follows++;
  body();
}

/** The context of the called process: one level deeper, plus the caller's assignments that never reached it. */
function child(ctx: RunContext, cmd: ShellCommand, what: string): RunContext {
  const lost = shellVariables(cmd, `it only sets a shell variable (\`&&\` and \`;\` do not export it), so ${what} and the go commands it runs never see it`);
  return { ...ctx, depth: ctx.depth + 1, inherited: [...ctx.inherited, ...lost], onAssignment: undefined };
}

interface ScriptCall {
  path: string;
  explicitShell: boolean;
}

/** `./x.sh`, `scripts/x.sh`, `/src/x.sh`, `bash [opts] x.sh`, `sh ./x.sh`; not `bash -c '…'`, not `. x.sh`. */
function scriptCall(cmd: ShellCommand): ScriptCall | undefined {
  const name = cmd.name.value;
  if (name === undefined) return undefined;
  if (SHELLS.has(base(name))) {
    for (let i = 0; i < cmd.args.length; i++) {
      const v = cmd.args[i].value;
      if (v === undefined) return undefined;
      if (v === '-c' || /^-[a-zA-Z]*c/.test(v) || v === '-s') return undefined;
      if (v === '-o' || v === '+o' || v === '-O' || v === '+O' || v === '--rcfile' || v === '--init-file') {
        i++;
        continue;
      }
      if (v === '--') return cmd.args[i + 1]?.value !== undefined ? { path: cmd.args[i + 1].value!, explicitShell: true } : undefined;
      if (v.startsWith('-') || v.startsWith('+')) continue;
      return { path: v, explicitShell: true };
    }
    return undefined;
  }
  // `source x.sh` / `. x.sh` change the calling shell itself; not followed (their effect on the caller would be lost).
  if (!name.includes('/')) return undefined;
  return { path: name, explicitShell: false };
}

/**
 * GNU make's command line: options, `VAR=value` overrides and goals. Undefined when it cannot be known
 * which targets run (a goal that is only known at build time).
 */
export function parseMakeArgs(args: Word[]): MakeCall | undefined {
  const call: MakeCall = { dirs: [], envOverrides: false, noRun: false, vars: [], goals: [] };
  const valueOf = (i: number): string | undefined => args[i]?.value;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const v = w.value;
    if (v === undefined) {
      if (/^[A-Za-z_][A-Za-z0-9_]*:?:?=/.test(w.raw)) {
        const name = w.raw.slice(0, w.raw.search(/:?:?=/));
        call.vars.push({ name, value: undefined, word: w });
        continue;
      }
      return undefined;
    }
    if (v.startsWith('--')) {
      const [opt, inline] = splitOnce(v.slice(2), '=');
      const takesValue = ['directory', 'file', 'makefile', 'include-dir', 'old-file', 'assume-old', 'new-file', 'assume-new', 'what-if', 'jobs', 'load-average', 'max-load', 'eval', 'output-sync', 'debug', 'shuffle', 'jobserver-style'];
      let value = inline;
      const optional = ['jobs', 'load-average', 'max-load'].includes(opt);
      if (value === undefined && optional && /^\d+(\.\d+)?$/.test(valueOf(i + 1) ?? '')) i++;
      else if (value === undefined && takesValue.includes(opt) && !optional && !['output-sync', 'debug', 'shuffle'].includes(opt)) value = valueOf(++i);
      if (opt === 'directory') {
        if (value === undefined) return undefined;
        call.dirs.push(value);
      } else if (opt === 'file' || opt === 'makefile') {
        if (value === undefined) return undefined;
        call.file = value;
      } else if (opt === 'environment-overrides') call.envOverrides = true;
      else if (['just-print', 'dry-run', 'recon', 'question', 'touch'].includes(opt)) call.noRun = true;
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      // Clustered short options: `-sj4`, `-Cdir`, `-f Makefile.ci`, `-j 8`.
      for (let k = 1; k < v.length; k++) {
        const c = v[k];
        if ('CfIoWO'.includes(c)) {
          const rest = v.slice(k + 1);
          const value = rest || (c === 'O' ? '' : valueOf(++i));
          if (c === 'C') {
            if (value === undefined) return undefined;
            call.dirs.push(value);
          } else if (c === 'f') {
            if (value === undefined) return undefined;
            call.file = value;
          }
          break;
        }
        if (c === 'j' || c === 'l') {
          const rest = v.slice(k + 1);
          if (!rest && /^\d+(\.\d+)?$/.test(valueOf(i + 1) ?? '')) i++;
          break;
        }
        if (c === 'e') call.envOverrides = true;
        if (c === 'n' || c === 'q' || c === 't') call.noRun = true;
      }
      continue;
    }
    const eq = /^([^\s=:]+)\s*(:::=|::=|:=|\?=|\+=|!=|=)/.exec(v);
    if (eq && /^[A-Za-z_.][A-Za-z0-9_.-]*$/.test(eq[1])) {
      call.vars.push({ name: eq[1], value: v.slice(eq[0].length), word: w, op: eq[2] });
      continue;
    }
    call.goals.push(v);
  }
  return call;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function base(v: string | undefined): string {
  if (!v) return '';
  return v.slice(v.lastIndexOf('/') + 1);
}
