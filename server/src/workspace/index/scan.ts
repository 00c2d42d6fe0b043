// Filling the workspace index from disk. Bounded (Go file count, file size, directory depth), never leaving the
// workspace folders (symbolic links are resolved with realpath and refused when they land outside every root, and
// followed at most once each), yielding to the event loop every few files so a language server stays responsive,
// and cancellable. Reads go through DiskWorkspaceFiles, the same realpath-checked reader cross-file links use.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiskWorkspaceFiles } from '../files';
import { fileKindOf } from '../../service/fileKind';
import type { WorkspaceIndex } from './index';
import { normalizeFileUri, skippedDirName, stripSlash } from './uris';

export interface ScanProgress {
  /** Directory entries looked at so far. */
  visited: number;
  goFiles: number;
  modules: number;
}

export interface ScanOptions {
  onProgress?: (p: ScanProgress) => void;
  signal?: AbortSignal;
  /** Yield to the event loop after this many Go files (default 32; also every 512 directory entries). */
  yieldEvery?: number;
}

export interface ScanResult {
  aborted: boolean;
  goFiles: number;
  modules: number;
  buildFiles: number;
  /** Stopped at the Go file cap. */
  truncated: boolean;
  /** Every indexed URI seen by this scan (for dropping files that disappeared). */
  seen: Set<string>;
  /** The roots as file URIs (as given and, when different, as resolved). */
  rootUris: string[];
  elapsedMs: number;
}

/** Build file kinds worth remembering for `buildsUsing` (everything but go.mod and the CGO Lens config). */
const BUILD_KINDS = new Set(['dockerfile', 'makefile', 'shell', 'goreleaser', 'taskfile', 'workflow']);

/** Folder paths as directory URIs, as given and (when different) as resolved by realpath. */
export function rootUrisOf(roots: readonly string[]): string[] {
  const abs = roots.map((r) => path.resolve(r));
  return [...new Set([...abs, ...abs.map((r) => safeRealpath(r) ?? r)].map((r) => stripSlash(normalizeFileUri(pathToFileURL(r).href))))];
}

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function scanRoots(index: WorkspaceIndex, roots: readonly string[], options: ScanOptions): Promise<ScanResult> {
  const started = Date.now();
  const limits = index.limits;
  const absRoots = roots.map((r) => path.resolve(r));
  const realRoots = absRoots.map((r) => safeRealpath(r) ?? r);
  const reader = new DiskWorkspaceFiles(absRoots);
  const rootUris = rootUrisOf(roots);
  const result: ScanResult = { aborted: false, goFiles: 0, modules: 0, buildFiles: 0, truncated: false, seen: new Set(), rootUris, elapsedMs: 0 };
  const inside = (real: string) => realRoots.some((r) => real === r || real.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
  const visitedDirs = new Set<string>();
  const yieldEvery = Math.max(1, options.yieldEvery ?? 32);
  let sinceYield = 0;
  let visited = 0;
  const progress = () => options.onProgress?.({ visited, goFiles: result.goFiles, modules: result.modules });

  // Depth-first with an explicit stack: deep trees never overflow the call stack.
  const stack: { dir: string; depth: number }[] = absRoots.map((dir) => ({ dir, depth: 0 })).reverse();
  while (stack.length) {
    if (options.signal?.aborted) {
      result.aborted = true;
      break;
    }
    const { dir, depth } = stack.pop()!;
    const real = safeRealpath(dir);
    if (!real || !inside(real) || visitedDirs.has(real)) continue;
    visitedDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      visited++;
      // Directories full of other files must not hold the event loop either.
      if (visited % 512 === 0) {
        await yieldNow();
        if (options.signal?.aborted) {
          result.aborted = true;
          break;
        }
      }
      const abs = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // Followed only when the target stays inside a workspace root (checked again on the realpath).
        const target = safeRealpath(abs);
        if (!target || !inside(target)) continue;
        try {
          const st = fs.statSync(target);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue;
        }
      }
      if (isDir) {
        if (!skippedDirName(entry.name) || entry.name === '.github') subdirs.push(abs);
        continue;
      }
      if (!isFile) continue;
      const name = entry.name;
      const uri = normalizeFileUri(pathToFileURL(abs).href);
      const isGo = name.endsWith('.go');
      if (name === 'go.mod' || name === 'go.work' || isGo) {
        if (inHiddenGithub(abs, absRoots)) continue;
        if (isGo && result.goFiles >= limits.maxGoFiles) {
          result.truncated = true;
          continue;
        }
        let size = 0;
        try {
          size = fs.statSync(abs).size;
        } catch {
          continue;
        }
        if (size > limits.maxFileBytes) {
          index.applyFromScan(uri, undefined);
          continue;
        }
        const text = reader.read(pathToFileURL(abs).href);
        if (text === undefined) continue;
        if (index.applyFromScan(uri, text)) {
          result.seen.add(uri);
          if (isGo) result.goFiles++;
          else result.modules++;
        }
        if (++sinceYield >= yieldEvery) {
          sinceYield = 0;
          progress();
          await yieldNow();
          if (options.signal?.aborted) {
            result.aborted = true;
            break;
          }
        }
        continue;
      }
      const kind = fileKindOf(uri);
      if (kind && BUILD_KINDS.has(kind)) {
        index.addBuildFile(uri);
        result.buildFiles++;
      }
    }
    if (result.aborted) break;
    if (depth + 1 <= limits.maxDepth) for (let i = subdirs.length - 1; i >= 0; i--) stack.push({ dir: subdirs[i], depth: depth + 1 });
  }
  index.truncated = result.truncated;
  progress();
  result.elapsedMs = Date.now() - started;
  return result;
}

/** Go files under `.github/` (allowed only for workflows) are not part of any program. */
function inHiddenGithub(abs: string, roots: readonly string[]): boolean {
  for (const r of roots) {
    const rel = path.relative(r, abs);
    if (!rel.startsWith('..') && rel.split(path.sep).includes('.github')) return true;
  }
  return false;
}

function safeRealpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}
