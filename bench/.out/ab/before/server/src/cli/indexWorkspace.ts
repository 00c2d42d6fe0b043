// `cgo-lens check` builds the workspace index (go.mod, Go sources) for the checked paths before analysing, so rules
// that need to know the program (CGO30x, CGO40x) work in CI exactly as in the editor. A progress line goes to stderr
// only when stderr is a terminal, the output is not machine-readable (json, sarif), and the scan takes over a second;
// it is erased when the scan ends, so nothing of it stays in logs.
import * as path from 'node:path';
import type { Format } from './args';
import type { Io } from './io';
import type { Root } from './walk';
import { WorkspaceIndex, type IndexLimits } from '../workspace/index/index';

export interface IndexOptions {
  format: Format;
  /** Show the progress line only after this many milliseconds (default 1000). */
  progressDelayMs?: number;
  limits?: Partial<IndexLimits>;
}

/** Directories to index: each checked directory, and the directory of each checked file. */
export function indexRoots(roots: readonly Root[]): string[] {
  const out: string[] = [];
  for (const r of roots) {
    const dir = r.isDir ? r.abs : path.dirname(r.abs);
    if (!out.some((o) => dir === o || dir.startsWith(o.endsWith(path.sep) ? o : o + path.sep))) out.push(dir);
  }
  return out;
}

export async function indexWorkspace(roots: readonly Root[], io: Io, options: IndexOptions): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex(options.limits);
  const showProgress = io.stderr.isTTY === true && options.format !== 'json' && options.format !== 'sarif';
  const started = Date.now();
  const delay = options.progressDelayMs ?? 1000;
  let shown = false;
  const result = await index.scan(indexRoots(roots), {
    onProgress: (p) => {
      if (!showProgress || Date.now() - started < delay) return;
      shown = true;
      io.stderr.write(`\rcgo-lens: indexing Go sources… ${p.goFiles} Go files, ${p.modules} go.mod`);
    },
  });
  if (shown) io.stderr.write('\r\u001b[K');
  if (result.truncated) io.stderr.write(`cgo-lens: indexed the first ${index.limits.maxGoFiles} Go files only; findings about the rest assume the common case\n`);
  return index;
}
