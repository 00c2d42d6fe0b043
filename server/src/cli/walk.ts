import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileKindOf, shellShebang } from '../service/fileKind';
import { CliError } from './io';
import { displayPath } from './paths';

export const MAX_VISITED = 100_000;

/** Directories that hold other people's code or VCS data, never the project's build configuration. */
const SKIPPED_DIRS = new Set(['node_modules', 'vendor', '.git']);
/** Hidden directories are skipped except this one, where the workflows live. */
const HIDDEN_DIR_ALLOWED = '.github';

export interface Root {
  /** As typed by the user, for messages about the root itself. */
  arg: string;
  abs: string;
  isDir: boolean;
  /** A regular file (false for FIFOs and devices, which must never be read). */
  isFile: boolean;
}

export interface Candidate {
  abs: string;
  display: string;
  /** Set for a file recognised by its content rather than its name (`shellscript`: an extensionless script with a shell shebang). */
  languageId?: string;
}

export interface Skip {
  display: string;
  reason: string;
}

export interface WalkResult {
  files: Candidate[];
  skipped: Skip[];
  /** True when the walk stopped at the visit cap; the caller says so, the files found so far are still checked. */
  capped: boolean;
}

/**
 * Check every PATH before any work: a missing or unreadable PATH is the user's mistake (exit 2), unlike a
 * bad file found inside a directory, which is only reported.
 */
export function resolveRoots(args: readonly string[], cwd: string): Root[] {
  return args.map((arg) => {
    const abs = path.resolve(cwd, arg);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (err) {
      throw new CliError(`${arg}: ${ioReason(err)}`);
    }
    try {
      if (st.isDirectory()) fs.opendirSync(abs).closeSync();
      else if (st.isFile()) fs.closeSync(fs.openSync(abs, 'r'));
    } catch (err) {
      throw new CliError(`${arg}: ${ioReason(err)}`);
    }
    return { arg, abs, isDir: st.isDirectory(), isFile: st.isFile() };
  });
}

export function walk(roots: readonly Root[], options: { cwd: string; maxVisited?: number }): WalkResult {
  const max = options.maxVisited ?? MAX_VISITED;
  const result: WalkResult = { files: [], skipped: [], capped: false };
  const seen = new Set<string>();
  let visited = 0;
  const show = (abs: string) => displayPath(abs, options.cwd);
  const add = (abs: string, languageId?: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    result.files.push({ abs, display: show(abs), ...(languageId ? { languageId } : {}) });
  };

  for (const root of roots) {
    if (!root.isDir) {
      // Named explicitly, so it is checked even when it is a symlink; only the file kind must fit.
      const sniffed = !hasKind(root.abs) && root.isFile ? sniffLanguage(root.abs) : undefined;
      if (sniffed) add(root.abs, sniffed);
      else if (!hasKind(root.abs)) result.skipped.push({ display: show(root.abs), reason: 'not a file kind cgo-lens checks (Dockerfile, Makefile, shell script, GoReleaser, Taskfile, GitHub workflow, go.mod)' });
      else if (!root.isFile) result.skipped.push({ display: show(root.abs), reason: 'not a regular file' });
      else add(root.abs);
      continue;
    }
    const rootReal = realpathOrSelf(root.abs);
    // Iterative depth-first walk: deep trees cannot overflow the stack.
    const stack: string[] = [root.abs];
    while (stack.length) {
      const dir = stack.pop()!;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch (err) {
        if (dir === root.abs) throw new CliError(`${root.arg}: ${ioReason(err)}`);
        result.skipped.push({ display: show(dir), reason: ioReason(err) });
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subdirs: string[] = [];
      for (const entry of entries) {
        if (++visited > max) {
          result.capped = true;
          return result;
        }
        const abs = path.join(dir, entry.name);
        const type = entryType(entry, abs);
        if (type === 'dir') {
          if (!skipDir(entry.name)) subdirs.push(abs);
          continue;
        }
        if (!hasKind(abs)) {
          // An extensionless script (`scripts/build`, `release`) is a shell script when its first line says so.
          const sniffed = type === 'file' ? sniffLanguage(abs) : undefined;
          if (sniffed) add(abs, sniffed);
          continue;
        }
        if (type === 'file') {
          add(abs);
        } else if (type === 'symlink') {
          const target = symlinkTarget(abs);
          // Symlinked directories are never followed (loops, and reads outside the tree); files are, when
          // they stay inside the PATH being checked.
          if (target.kind === 'missing') result.skipped.push({ display: show(abs), reason: 'dangling symbolic link (its target does not exist)' });
          else if (target.kind === 'error') result.skipped.push({ display: show(abs), reason: target.reason });
          else if (target.kind === 'file') {
            if (isInside(target.real, rootReal)) add(abs);
            else result.skipped.push({ display: show(abs), reason: `symbolic link to a file outside ${root.arg}` });
          }
        } else if (type === 'other') {
          // A FIFO named Dockerfile would block the read forever.
          result.skipped.push({ display: show(abs), reason: 'not a regular file' });
        }
      }
      // Pushed in reverse so directories are visited in name order.
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
    }
  }
  return result;
}

function skipDir(name: string): boolean {
  if (SKIPPED_DIRS.has(name)) return true;
  return name.startsWith('.') && name !== HIDDEN_DIR_ALLOWED;
}

function hasKind(abs: string): boolean {
  return fileKindOf(pathToFileURL(abs).href) !== undefined;
}

/** The first bytes of a file are enough to see a shebang. */
const SNIFF_BYTES = 256;

/** `shellscript` for an extensionless regular file whose first line is a shell shebang; else undefined. */
function sniffLanguage(abs: string): string | undefined {
  if (path.extname(abs) !== '') return undefined;
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, 'r');
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = fs.readSync(fd, buf, 0, SNIFF_BYTES, 0);
    return shellShebang(buf.subarray(0, n).toString('utf8')) ? 'shellscript' : undefined;
  } catch {
    return undefined; // unreadable: not a candidate (its name does not make it one either)
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

type EntryType = 'dir' | 'file' | 'symlink' | 'other';

function entryType(entry: fs.Dirent, abs: string): EntryType {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isDirectory()) return 'dir';
  if (entry.isFile()) return 'file';
  if (entry.isFIFO() || entry.isSocket() || entry.isBlockDevice() || entry.isCharacterDevice()) return 'other';
  // Some file systems do not report a type in readdir; ask lstat, which never follows links.
  try {
    const st = fs.lstatSync(abs);
    return st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
  } catch {
    return 'other';
  }
}

type Target = { kind: 'missing' } | { kind: 'error'; reason: string } | { kind: 'file'; real: string } | { kind: 'dir' };

function symlinkTarget(abs: string): Target {
  try {
    const st = fs.statSync(abs);
    if (st.isDirectory()) return { kind: 'dir' };
    if (!st.isFile()) return { kind: 'error', reason: 'symbolic link to something that is not a regular file' };
    return { kind: 'file', real: fs.realpathSync(abs) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'error', reason: ioReason(err) };
  }
}

function realpathOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** errno codes in the words `ls` and friends use, so the messages read like the shell's. */
export function ioReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory';
    case 'ENAMETOOLONG':
      return 'file name too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error';
    default:
      return e?.message ?? String(err);
  }
}
