import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The path users see and CI tools resolve: relative to the working directory, always with `/`. */
export function displayPath(absPath: string, cwd: string): string {
  const rel = path.relative(cwd, absPath) || '.';
  return rel.split(path.sep).join('/');
}

/** Findings carry URIs (shared with the LSP); only `file:` ones can be shown as paths. */
export function displayUri(uri: string, cwd: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return displayPath(fileURLToPath(uri), cwd);
  } catch {
    return uri;
  }
}
