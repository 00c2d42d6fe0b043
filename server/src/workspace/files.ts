import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unreadableReason } from '../text/limits';

/**
 * Read access to other files of the workspace, for cross-file links (a Dockerfile's `RUN make build`,
 * a workflow's `run: ./build.sh`). Never reads outside the workspace folders: paths are resolved,
 * symlinks followed with realpath, and anything that lands outside a root is refused.
 */
export interface WorkspaceFiles {
  /** The text of a file inside the workspace, or undefined (missing, outside, too big, binary, a directory). */
  read(uri: string): string | undefined;
  /** Resolve `rel` against the directory of `fromUri` (or against `baseDirUri` if given); undefined when outside. */
  resolve(fromUri: string, rel: string, baseDirUri?: string): string | undefined;
}

export const MAX_LINKED_FILE_BYTES = 1024 * 1024;

/** Files on disk under the given workspace folders. Editors pass their folders; the CLI the paths it checks. */
export class DiskWorkspaceFiles implements WorkspaceFiles {
  private readonly roots: string[];
  /** Open documents win over disk (the editor's unsaved text). */
  constructor(roots: string[], private readonly overlay: (uri: string) => string | undefined = () => undefined) {
    this.roots = roots.map((r) => safeRealpath(path.resolve(r)) ?? path.resolve(r));
  }

  private inside(p: string): boolean {
    return this.roots.some((r) => p === r || p.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
  }

  resolve(fromUri: string, rel: string, baseDirUri?: string): string | undefined {
    let base: string;
    try {
      base = baseDirUri ? fileURLToPath(baseDirUri) : path.dirname(fileURLToPath(fromUri));
    } catch {
      return undefined;
    }
    const target = path.resolve(base, rel);
    return this.inside(target) ? pathToFileURL(target).toString() : undefined;
  }

  read(uri: string): string | undefined {
    const open = this.overlay(uri);
    if (open !== undefined) return unreadableReason(open, MAX_LINKED_FILE_BYTES) ? undefined : open;
    let p: string;
    try {
      p = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    const real = safeRealpath(p);
    if (!real || !this.inside(real)) return undefined;
    try {
      const st = fs.statSync(real);
      if (!st.isFile() || st.size > MAX_LINKED_FILE_BYTES) return undefined;
      const text = fs.readFileSync(real, 'utf8');
      return unreadableReason(text, MAX_LINKED_FILE_BYTES) ? undefined : text;
    } catch {
      return undefined;
    }
  }
}

/** For tests and for callers that have no workspace: a fixed set of files. */
export class MemoryWorkspaceFiles implements WorkspaceFiles {
  constructor(private readonly files: Record<string, string>, private readonly root = 'file:///w/') {}

  resolve(fromUri: string, rel: string, baseDirUri?: string): string | undefined {
    const base = baseDirUri ?? fromUri.slice(0, fromUri.lastIndexOf('/') + 1);
    const url = new URL(rel, base.endsWith('/') ? base : base + '/').toString();
    return url.startsWith(this.root) ? url : undefined;
  }

  read(uri: string): string | undefined {
    const text = this.files[uri];
    return text === undefined || unreadableReason(text, MAX_LINKED_FILE_BYTES) ? undefined : text;
  }
}

function safeRealpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}
