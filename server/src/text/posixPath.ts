/** Resolve a container path against a base directory, POSIX style (`..` above `/` stays at `/`). */
export function resolvePosix(base: string, p: string): string {
  const joined = p.startsWith('/') ? p : `${base.replace(/\/+$/, '')}/${p}`;
  const out: string[] = [];
  for (const part of joined.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}
