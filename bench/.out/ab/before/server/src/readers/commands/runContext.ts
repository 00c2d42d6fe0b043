import type { BuildHost, EnvValue, GoInvocation, IneffectiveAssignment, Location } from '../../model/types';
import type { Assignment } from '../../shell/interpret';
import type { WorkspaceFiles } from '../../workspace/files';

/** Hard bounds for following commands across files: depth, distinct files, and total work per document. */
export const LIMITS = {
  /** Nested make / script calls (a script that runs make that runs a script …). */
  depth: 8,
  /** Distinct linked files read per analysed document. */
  linkedFiles: 32,
  /** make / script calls followed per analysed document. */
  follows: 128,
  /** Shells started (recipe lines, scripts) per analysed document. */
  shells: 4000,
  /** Make expansion steps per analysed document. */
  expansionSteps: 400_000,
  /** Targets made per make run (prerequisite chains). */
  targets: 2000,
};

/** Work counters shared by everything one analysis follows. */
export interface Budget {
  nextId: number;
  follows: number;
  shells: number;
  expansionSteps: number;
}

const budgets = new WeakMap<Set<string>, Budget>();

/**
 * The budget of one analysed document. It hangs off the document's `dependencies` set, which every caller
 * of `followCommand` already threads through, so the public API needs no extra parameter.
 */
export function budgetOf(dependencies: Set<string>): Budget {
  let b = budgets.get(dependencies);
  if (!b) {
    b = { nextId: 0, follows: 0, shells: 0, expansionSteps: 0 };
    budgets.set(dependencies, b);
  }
  return b;
}

/** The machine the commands run on; shared (and updated: `apt-get install gcc`, `go env -w`) along one run. */
export interface Machine {
  host: BuildHost;
  goEnvW?: EnvValue;
}

/** Everything that stays the same while one analysed document's commands (and what they call) are run. */
export interface RunContext {
  /** The analysed document: invocation ids derive from it. */
  uri: string;
  machine: Machine;
  onBuildPlatform: boolean;
  /** The OS/arch of the machine is unknown (a script or Makefile on its own), so GOOS/GOARCH may or may not cross. */
  unknownPlatform: boolean;
  /** The environment the first process starts with is known (a Dockerfile stage), not the user's shell. */
  envKnown: boolean;
  stage?: number;
  /** The instruction that started it all (the Dockerfile RUN), for fixes that add a line before it. */
  instructionLoc?: Location;
  files?: WorkspaceFiles;
  dependencies: Set<string>;
  depth: number;
  /** Where the run started: a container path (WORKDIR) and the workspace directory it stands for. */
  root: { cwd?: string; dirUri?: string };
  /** Assignments of the caller that never reached this process (e.g. `CGO_ENABLED=0 && make build`). */
  inherited: IneffectiveAssignment[];
  /** Texts already in hand (the analysed document: the editor's unsaved text wins over the disk). */
  texts: Map<string, string>;
  onInvocation(inv: GoInvocation, where: { cwd?: string }): void;
  /** Shell assignments in the analysed document itself (occurrences for hovers and CGO205). */
  onAssignment?(a: Assignment): void;
}

/** Where a command runs: the workspace directory (to find linked files) and the working directory path. */
export interface Place {
  /** Workspace directory URI; undefined when unknown or outside the workspace. */
  dirUri?: string;
  /** Working directory, relative to where the run started (`.`, `sub`) or absolute after `cd /x`; undefined: unknown. */
  cwd?: string;
  /** The Makefile whose recipe is running, for `$(MAKE) target` without `-C`/`-f`. */
  makefileUri?: string;
}

export function dirOf(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i >= 0 ? uri.slice(0, i + 1) : uri;
}

/** Join POSIX paths; a relative result keeps leading `..` (it is relative to an unknown start). */
export function joinPath(base: string, rel: string): string {
  const abs = rel.startsWith('/') || base.startsWith('/');
  const joined = rel.startsWith('/') ? rel : `${base}/${rel}`;
  const out: string[] = [];
  for (const part of joined.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(part);
  }
  return abs ? '/' + out.join('/') : out.length ? out.join('/') : '.';
}

/**
 * Move to `p` (a `cd`, `make -C`): the new working directory and the workspace directory it stands for.
 * Absolute paths map into the workspace only below the container directory the run started in (the
 * WORKDIR the build context was copied to); anything else is unknown, never outside the workspace.
 */
export function moveTo(ctx: RunContext, place: Place, p: string): Place {
  const cwd = p.startsWith('/') ? joinPath('/', p) : place.cwd === undefined ? undefined : joinPath(place.cwd, p);
  let dirUri: string | undefined;
  if (p.startsWith('/')) dirUri = mapAbsolute(ctx, p);
  else if (place.dirUri && ctx.files) dirUri = ctx.files.resolve(place.dirUri, p, place.dirUri);
  return { ...place, cwd, dirUri };
}

/** A file path as a workspace URI (undefined when outside the workspace or not mappable). */
export function resolveFile(ctx: RunContext, place: Place, p: string): string | undefined {
  if (!ctx.files) return undefined;
  if (p.startsWith('/')) return mapAbsolute(ctx, p);
  return place.dirUri ? ctx.files.resolve(place.dirUri, p, place.dirUri) : undefined;
}

function mapAbsolute(ctx: RunContext, p: string): string | undefined {
  const root = ctx.root.cwd;
  if (!ctx.files || !ctx.root.dirUri || !root || root === '/' || !root.startsWith('/')) return undefined;
  const norm = joinPath('/', p);
  if (norm !== root && !norm.startsWith(root.replace(/\/+$/, '') + '/')) return undefined;
  const rel = norm === root ? '.' : norm.slice(root.replace(/\/+$/, '').length + 1);
  return ctx.files.resolve(ctx.root.dirUri, rel, ctx.root.dirUri);
}

/** The absolute working directory, when the start is known. */
export function absoluteCwd(start: string | undefined, cwd: string | undefined): string | undefined {
  if (cwd === undefined) return undefined;
  if (cwd.startsWith('/')) return cwd;
  return start?.startsWith('/') ? joinPath(start, cwd) : undefined;
}

/** Read a linked file within the bounds; records it as a dependency unless `record` is false. */
export function readLinked(ctx: RunContext, uri: string, record = true): string | undefined {
  const inHand = ctx.texts.get(uri);
  if (inHand !== undefined) return inHand;
  if (!ctx.files) return undefined;
  if (!ctx.dependencies.has(uri) && ctx.dependencies.size >= LIMITS.linkedFiles) return undefined;
  const text = ctx.files.read(uri);
  if (text !== undefined && record) ctx.dependencies.add(uri);
  return text;
}
