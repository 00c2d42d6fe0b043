// URI helpers for the workspace index. Directories are `file:` URIs without a trailing slash; one spelling per
// file (`file:///c%3A/x` and `file:///C:/x` meet) so the index, the LSP and the readers agree on keys.
import { fileURLToPath, pathToFileURL } from 'node:url';

export function normalizeFileUri(uri: string): string {
  if (!uri.toLowerCase().startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

/** `file:///w/a/b.go` → `file:///w/a`. */
export function dirOf(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i > 'file://'.length ? uri.slice(0, i) : uri;
}

export function baseName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** Resolve a slash-separated relative path against a directory URI; `..` never climbs above the URI's root. */
export function joinUri(dir: string, rel: string): string {
  if (rel === '' || rel === '.') return dir;
  try {
    const u = new URL(rel.split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/'), dir.endsWith('/') ? dir : dir + '/');
    return stripSlash(u.href);
  } catch {
    return stripSlash(`${dir}/${rel}`);
  }
}

export function stripSlash(uri: string): string {
  return uri.length > 'file:///'.length && uri.endsWith('/') ? uri.slice(0, -1) : uri;
}

/** Is `uri` the directory `dir` or inside it? */
export function isWithin(uri: string, dir: string): boolean {
  return uri === dir || uri.startsWith(dir.endsWith('/') ? dir : dir + '/');
}

/** `dir` relative to `base` with slashes (`''` when equal); undefined when not inside. */
export function relativeTo(uri: string, base: string): string | undefined {
  if (uri === base) return '';
  if (!isWithin(uri, base)) return undefined;
  return decodeURIComponent(uri.slice(base.length + (base.endsWith('/') ? 0 : 1)));
}

export function toFsPath(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Directory names the index never enters (Go ignores `_x` and `.x` too). */
export function skippedDirName(name: string): boolean {
  return name === 'vendor' || name === 'testdata' || name === 'node_modules' || name.startsWith('.') || name.startsWith('_');
}
