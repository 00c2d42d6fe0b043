import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { InitializeParams, WorkspaceFolder } from 'vscode-languageserver/node';
import { isInside, RepoConfigLoader, type ConfigFs, type LoadedRepoConfig } from '../config/repoConfigLoader';
import { REPO_CONFIG_FILE_NAMES, type RepoConfigError } from '../config/repoConfig';

/**
 * Workspace state of the language server that is not analysis: the workspace folders, the `.cgo-lens.yaml` that
 * governs each document (open editors' unsaved text winning over disk), and which open documents depend on which
 * other files (cross-file links), so a change to one re-validates the others.
 */

/** The file system path of a `file:` URI; undefined for other schemes (untitled:, vscode-notebook-cell:, …). */
export function uriToPath(uri: string): string | undefined {
  if (typeof uri !== 'string' || !uri.toLowerCase().startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * One spelling per file, so the URIs the client sends (`file:///c%3A/x`, `file:///C:/x`) and the ones the workspace
 * reader builds (`pathToFileURL`) meet in the same map key. Non-file URIs are returned as they are.
 */
export function normalizeUri(uri: string): string {
  const p = uriToPath(uri);
  if (p === undefined) return uri;
  try {
    return pathToFileURL(p).href;
  } catch {
    return uri;
  }
}

/** Folder paths from `initialize`: `workspaceFolders`, else `rootUri`, else `rootPath`. Non-file folders are skipped. */
export function initialFolders(params: Pick<InitializeParams, 'workspaceFolders' | 'rootUri' | 'rootPath'> | undefined | null): string[] {
  const folders = params?.workspaceFolders;
  if (Array.isArray(folders) && folders.length > 0) return foldersToPaths(folders);
  const root = typeof params?.rootUri === 'string' ? uriToPath(params.rootUri) : undefined;
  if (root) return [root];
  if (typeof params?.rootPath === 'string' && params.rootPath) return [nodePath.resolve(params.rootPath)];
  return [];
}

export function foldersToPaths(folders: readonly WorkspaceFolder[] | unknown): string[] {
  if (!Array.isArray(folders)) return [];
  const out: string[] = [];
  for (const f of folders) {
    const p = f && typeof f.uri === 'string' ? uriToPath(f.uri) : undefined;
    if (p && !out.includes(p)) out.push(p);
  }
  return out;
}

/** Apply a `workspace/didChangeWorkspaceFolders` event to the folder list. */
export function changeFolders(current: readonly string[], added: unknown, removed: unknown): string[] {
  const gone = new Set(foldersToPaths(removed));
  const next = current.filter((p) => !gone.has(p));
  for (const p of foldersToPaths(added)) if (!next.includes(p)) next.push(p);
  return next;
}

export function isRepoConfigPath(p: string): boolean {
  const base = nodePath.basename(p).toLowerCase();
  return (REPO_CONFIG_FILE_NAMES as readonly string[]).includes(base);
}

// ---- repository configuration ----------------------------------------------------------------------------------

interface OpenConfig {
  text: string;
  /** Changes on every edit, so the loader's (mtime, size) cache never serves an older text of the same length. */
  stamp: number;
}

/**
 * `node:fs` with the open `.cgo-lens.yaml` documents laid over it: the loader then sees what the user is typing.
 * Lookups by the document's path and by its resolved path (the loader reads the realpath).
 */
export class OverlayConfigFs implements ConfigFs {
  private readonly byPath = new Map<string, OpenConfig>();
  private readonly realOf = new Map<string, string>();
  private stamp = 0;

  constructor(private readonly fs: ConfigFs = nodeFs) {}

  set(path: string, text: string): void {
    const entry = { text, stamp: ++this.stamp };
    this.byPath.set(path, entry);
    const real = this.safeRealpath(path);
    if (real && real !== path) {
      this.byPath.set(real, entry);
      this.realOf.set(path, real);
    }
  }

  delete(path: string): void {
    this.byPath.delete(path);
    const real = this.realOf.get(path);
    if (real) this.byPath.delete(real);
    this.realOf.delete(path);
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  statSync(p: string): { isFile(): boolean; size: number; mtimeMs: number } {
    const o = this.byPath.get(p);
    if (o) return { isFile: () => true, size: Buffer.byteLength(o.text, 'utf8'), mtimeMs: -o.stamp };
    return this.fs.statSync(p);
  }

  realpathSync(p: string): string {
    const o = this.byPath.get(p);
    if (!o) return this.fs.realpathSync(p);
    // An open document that was never saved has no file on disk: resolve its folder instead.
    return this.realOf.get(p) ?? this.safeRealpath(p) ?? nodePath.join(this.safeRealpath(nodePath.dirname(p)) ?? nodePath.dirname(p), nodePath.basename(p));
  }

  readFileSync(p: string, encoding: 'utf8'): string {
    const o = this.byPath.get(p);
    return o ? o.text : this.fs.readFileSync(p, encoding);
  }

  private safeRealpath(p: string): string | undefined {
    try {
      return this.fs.realpathSync(p);
    } catch {
      return undefined;
    }
  }
}

/**
 * Finds the `.cgo-lens.yaml` of each document. Problems in a config file that is not open in the editor are logged
 * once per file and modification time (an open one shows them as diagnostics instead); the loader's best-effort
 * config is used either way.
 */
export class RepoConfigs {
  readonly overlay: OverlayConfigFs;
  private readonly loader: RepoConfigLoader;
  private readonly logged = new Set<string>();

  constructor(
    private readonly warn: (message: string) => void,
    fs: ConfigFs = nodeFs,
  ) {
    this.overlay = new OverlayConfigFs(fs);
    this.loader = new RepoConfigLoader(this.overlay);
  }

  /** The config that applies to the document at `uri`, or undefined (no config, not a file, outside every folder). */
  configFor(uri: string, folders: readonly string[]): LoadedRepoConfig | undefined {
    const p = uriToPath(uri);
    if (p === undefined || folders.length === 0) return undefined;
    const loaded = this.loader.load(p, folders);
    if (loaded && loaded.errors.length > 0 && !this.overlay.has(loaded.file)) this.logOnce(loaded.file, loaded.errors);
    return loaded;
  }

  /** An open config document's text (or undefined when it closed). */
  setOpen(uri: string, text: string | undefined): void {
    const p = uriToPath(uri);
    if (p === undefined) return;
    if (text === undefined) this.overlay.delete(p);
    else this.overlay.set(p, text);
  }

  /** A config file changed on disk: drop cached parses (the loader's mtime check would catch most of it anyway). */
  invalidate(): void {
    this.loader.clear();
  }

  private logOnce(file: string, errors: readonly RepoConfigError[]): void {
    let mtime = 0;
    try {
      mtime = this.overlay.statSync(file).mtimeMs;
    } catch {
      // unreadable: the error says so; log it once per file
    }
    const key = `${file}\u0000${mtime}`;
    if (this.logged.has(key)) return;
    if (this.logged.size > 500) this.logged.clear();
    this.logged.add(key);
    for (const e of errors) {
      const where = e.range ? `${file}:${e.range.start.line + 1}:${e.range.start.character + 1}` : file;
      this.warn(e.message.startsWith(file) ? e.message : `${where}: ${e.message}`);
    }
    this.warn(`${file}: the problems above are ignored; CGO Lens uses the valid parts of this file (defaults for the rest).`);
  }
}

/** Is the document at `docPath` in `dir` or below (the documents a config file in `dir` may govern)? */
export function isUnder(dir: string, docPath: string): boolean {
  return isInside(nodePath.resolve(dir), nodePath.resolve(docPath));
}

// ---- cross-file dependencies -----------------------------------------------------------------------------------

/**
 * Open document → the other files its last analysis read, and the reverse. Dependency keys are normalised URIs;
 * document keys are the URIs as the client sent them (they are what gets re-validated).
 */
export class DependencyGraph {
  private readonly depsOf = new Map<string, Set<string>>();
  private readonly dependents = new Map<string, Set<string>>();

  /** Record the dependencies of `doc`'s latest analysis (replacing the previous ones). */
  set(doc: string, deps: readonly string[] | undefined): void {
    this.delete(doc);
    const self = normalizeUri(doc);
    const set = new Set<string>();
    for (const d of deps ?? []) {
      if (typeof d !== 'string') continue;
      const n = normalizeUri(d);
      if (n !== self) set.add(n);
    }
    if (set.size === 0) return;
    this.depsOf.set(doc, set);
    for (const n of set) {
      let s = this.dependents.get(n);
      if (!s) this.dependents.set(n, (s = new Set()));
      s.add(doc);
    }
  }

  delete(doc: string): void {
    const old = this.depsOf.get(doc);
    if (!old) return;
    this.depsOf.delete(doc);
    for (const n of old) {
      const s = this.dependents.get(n);
      s?.delete(doc);
      if (s && s.size === 0) this.dependents.delete(n);
    }
  }

  /** Open documents whose last analysis read `uri` (any spelling). */
  dependentsOf(uri: string): string[] {
    return [...(this.dependents.get(normalizeUri(uri)) ?? [])];
  }

  dependenciesOf(doc: string): string[] {
    return [...(this.depsOf.get(doc) ?? [])];
  }
}
