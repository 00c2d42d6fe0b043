import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import { emptyRepoConfig, parseRepoConfig, REPO_CONFIG_FILE_NAMES, type RepoConfig, type RepoConfigError } from './repoConfig';

/**
 * Find and read the `.cgo-lens.yaml` that governs a document, for the language server. The CLI has its own
 * rule (`--config`, else the working directory) in cli/loadConfig.ts.
 *
 * Rules: the nearest `.cgo-lens.yaml` (then `.cgo-lens.yml`) walking up from the document's directory, never
 * above the (deepest) workspace folder containing it; a document outside every folder gets none. A file that is
 * a symlink resolving outside that folder, over 256 KB, or unreadable is not used, and says why in `errors`
 * (the search stops there: silently falling back to a parent's config would be more surprising).
 */
export interface LoadedRepoConfig {
  /** Absolute path of the config file as found (before resolving symlinks). */
  file: string;
  config: RepoConfig;
  errors: RepoConfigError[];
}

export const MAX_LOADED_CONFIG_BYTES = 256 * 1024;

/** The part of `node:fs` the loader uses (tests inject a fake). */
export interface ConfigFs {
  statSync(p: string): { isFile(): boolean; size: number; mtimeMs: number };
  realpathSync(p: string): string;
  readFileSync(p: string, encoding: 'utf8'): string;
}

type PathApi = Pick<typeof nodePath, 'resolve' | 'dirname' | 'relative' | 'isAbsolute' | 'join' | 'sep'>;

/** Is `p` the folder `root` itself or inside it? Lexical: both must be absolute and normalised. */
export function isInside(root: string, p: string, path: PathApi = nodePath): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!path.isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${path.sep}`));
}

/** Pure: the directories to search, nearest first, ending at the deepest workspace folder that contains the document. */
export function configSearchDirs(docPath: string, folders: readonly string[], path: PathApi = nodePath): string[] {
  const dir = path.dirname(path.resolve(docPath));
  let root: string | undefined;
  for (const f of folders) {
    const r = path.resolve(f);
    if (isInside(r, dir, path) && (root === undefined || r.length > root.length)) root = r;
  }
  if (root === undefined) return [];
  const out: string[] = [];
  for (let d = dir; ; ) {
    out.push(d);
    if (path.relative(root, d) === '') break;
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  return out;
}

const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export class RepoConfigLoader {
  /** Keyed by the resolved path; reused while mtime and size are unchanged. */
  private readonly cache = new Map<string, { mtimeMs: number; size: number; config: RepoConfig; errors: RepoConfigError[] }>();

  constructor(
    private readonly fs: ConfigFs = nodeFs,
    private readonly maxBytes = MAX_LOADED_CONFIG_BYTES,
    private readonly path: PathApi = nodePath,
  ) {}

  /** The config for a document (file system path), or undefined when no config file applies. Never throws. */
  load(docPath: string, folders: readonly string[]): LoadedRepoConfig | undefined {
    const dirs = configSearchDirs(docPath, folders, this.path);
    if (dirs.length === 0) return undefined;
    const root = dirs[dirs.length - 1]!;
    for (const dir of dirs) {
      for (const name of REPO_CONFIG_FILE_NAMES) {
        const file = this.path.join(dir, name);
        if (!this.isFile(file)) continue;
        return { file, ...this.read(file, root) };
      }
    }
    return undefined;
  }

  /** Forget cached parses (e.g. on a watched-file event; mtime checks make it optional). */
  clear(): void {
    this.cache.clear();
  }

  private isFile(file: string): boolean {
    try {
      return this.fs.statSync(file).isFile();
    } catch {
      return false;
    }
  }

  private read(file: string, root: string): { config: RepoConfig; errors: RepoConfigError[] } {
    const fail = (message: string) => ({ config: emptyRepoConfig(), errors: [{ message: `${file}: ${message}`, range: FILE_START }] });
    try {
      const real = this.fs.realpathSync(file);
      // Compare resolved paths: a symlinked workspace folder is fine, a config symlink leaving it is not.
      if (!isInside(this.fs.realpathSync(root), real, this.path)) return fail('links outside the workspace folder; not used');
      const st = this.fs.statSync(real);
      if (st.size > this.maxBytes) return fail(`too large for a configuration file (${st.size} bytes, limit ${this.maxBytes}); not used`);
      const hit = this.cache.get(real);
      if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return { config: hit.config, errors: hit.errors };
      const text = this.fs.readFileSync(real, 'utf8').replace(/^\uFEFF/, '');
      const parsed = parseRepoConfig(text, this.path.relative(root, file) || file);
      if (this.cache.size > 200) this.cache.clear(); // one entry per config file; a bound against pathological trees
      this.cache.set(real, { mtimeMs: st.mtimeMs, size: st.size, ...parsed });
      return parsed;
    } catch (e) {
      return fail(`cannot be read (${e instanceof Error ? e.message : String(e)})`);
    }
  }
}
