// Language-server side of the workspace index: scan the folders in the background (first diagnostics never wait for
// it — until the scan ends, analyses assume the common case), report work-done progress when the client supports it,
// re-validate open documents when the scan ends, and keep the index current from `workspace/didChangeWatchedFiles`.
//
// Wiring (lsp/languageServer.ts, owned by the LSP layer):
//   onInitialized:        const indexing = startIndexing(connection, service, folders, clientCaps, { revalidate: revalidateAll })
//   onDidChangeWatchedFiles: indexing.onWatchedFiles(params.changes)   (re-validates by itself when the index changed)
//   onDidChangeWorkspaceFolders: indexing.setFolders(nextFolders)
//   onShutdown:           indexing.dispose()
import {
  FileChangeType,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type Connection,
  type FileEvent,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver/node';
import { WorkspaceIndex, type IndexLimits } from '../workspace/index/index';
import type { ScanProgress, ScanResult } from '../workspace/index/scan';
import { baseName, normalizeFileUri } from '../workspace/index/uris';
import { fileKindOf } from '../service/fileKind';

/** The part of the service indexing needs (the real CgoLensService has it). */
export interface IndexedService {
  setIndex(index: WorkspaceIndex | undefined): void;
  /** Cached analyses made against an older index are redone anyway (the cache key has the index version). */
  forget?(uri: string): void;
}

/** The part of the connection indexing uses (a test double can provide just this). */
export type IndexingConnection = Pick<Connection, 'sendRequest' | 'sendProgress'> & { console: Pick<Connection['console'], 'info' | 'error'> };

export interface IndexingOptions {
  /** Re-validate the open documents (called when a scan ends and when watched files changed the index). */
  revalidate?: () => void;
  limits?: Partial<IndexLimits>;
  /** Minimum milliseconds between two progress reports (default 250). */
  reportEveryMs?: number;
}

export interface WorkspaceIndexing {
  readonly index: WorkspaceIndex;
  /** Settles when the current scan ends (completed, cancelled or failed). */
  readonly ready: Promise<void>;
  /** Apply watched-file events to the index; true when the index changed (open documents are then re-validated). */
  onWatchedFiles(events: readonly FileEvent[]): boolean;
  /** The workspace folders changed: scan again. */
  setFolders(folders: readonly string[]): void;
  dispose(): void;
}

const BUILD_KINDS = new Set(['dockerfile', 'makefile', 'shell', 'goreleaser', 'taskfile', 'workflow']);
let tokenCounter = 0;

/**
 * Create the index, give it to the service right away (unready: analyses keep assuming until the scan ends) and
 * scan `folders` (file system paths) in the background.
 */
export function startIndexing(
  connection: IndexingConnection,
  service: IndexedService,
  folders: readonly string[],
  clientCaps: ClientCapabilities | undefined,
  options: IndexingOptions = {},
): WorkspaceIndexing {
  const index = new WorkspaceIndex(options.limits);
  service.setIndex(index);
  const progressSupported = clientCaps?.window?.workDoneProgress === true;
  let controller: AbortController | undefined;
  let disposed = false;

  const scan = async (roots: readonly string[]): Promise<void> => {
    if (!roots.length || disposed) return;
    controller?.abort();
    const own = new AbortController();
    controller = own;
    const progress = progressSupported ? await beginProgress(connection) : undefined;
    let lastReport = 0;
    const every = options.reportEveryMs ?? 250;
    const onProgress = (p: ScanProgress) => {
      const now = Date.now();
      if (!progress || now - lastReport < every) return;
      lastReport = now;
      progress.report(`${p.goFiles} Go files, ${p.modules} go.mod/go.work`);
    };
    let result: ScanResult | undefined;
    try {
      result = await index.scan(roots, { onProgress, signal: own.signal });
    } catch (err) {
      connection.console.error(`CGO Lens: indexing the workspace failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      progress?.end(result && !result.aborted ? `Indexed ${result.goFiles} Go files and ${result.modules} go.mod/go.work` : 'Indexing stopped');
    }
    if (!result || result.aborted || disposed) return;
    connection.console.info(
      `CGO Lens: indexed ${result.goFiles} Go files and ${result.modules} go.mod/go.work in ${result.elapsedMs} ms` +
        (result.truncated ? ` (stopped at ${index.limits.maxGoFiles} Go files)` : ''),
    );
    // An empty index changes no analysis: re-validating would only republish the same diagnostics.
    if (result.goFiles > 0 || result.modules > 0) options.revalidate?.();
  };

  const handle: WorkspaceIndexing = {
    index,
    ready: scan(folders),
    onWatchedFiles(events) {
      let changed = false;
      for (const e of events ?? []) {
        if (!e || typeof e.uri !== 'string') continue;
        const uri = normalizeFileUri(e.uri);
        const name = baseName(uri);
        if (name === 'go.mod' || name === 'go.work' || name.endsWith('.go')) {
          const text = e.type === FileChangeType.Deleted ? undefined : index.readText(uri);
          changed = index.update(uri, text) || changed;
          continue;
        }
        const kind = fileKindOf(uri);
        if (!kind || !BUILD_KINDS.has(kind)) continue;
        if (e.type === FileChangeType.Deleted) index.removeBuildFile(uri);
        else {
          index.addBuildFile(uri);
          index.invalidateBuildFile(uri);
        }
        // A go.mod diagnostic depends on the builds: it is re-validated through the dependency graph.
      }
      if (changed) options.revalidate?.();
      return changed;
    },
    setFolders(next) {
      (handle as { ready: Promise<void> }).ready = scan(next);
    },
    dispose() {
      disposed = true;
      controller?.abort();
    },
  };
  return handle;
}

/** For callers that prefer a function: the same as `indexing.onWatchedFiles(events)`. */
export function onWatchedFiles(indexing: WorkspaceIndexing, events: readonly FileEvent[]): boolean {
  return indexing.onWatchedFiles(events);
}

interface ProgressHandle {
  report(message: string): void;
  end(message: string): void;
}

/** `window/workDoneProgress/create` then `$/progress` begin; undefined when the client refuses. */
async function beginProgress(connection: IndexingConnection): Promise<ProgressHandle | undefined> {
  const token = `cgo-lens-index-${++tokenCounter}`;
  try {
    await connection.sendRequest(WorkDoneProgressCreateRequest.type, { token });
  } catch {
    return undefined;
  }
  const send = (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd) => {
    void Promise.resolve(connection.sendProgress(WorkDoneProgress.type, token, value)).catch(() => undefined);
  };
  send({ kind: 'begin', title: 'CGO Lens: indexing Go sources', cancellable: false, message: 'go.mod and Go files' });
  return {
    report: (message) => send({ kind: 'report', message }),
    end: (message) => send({ kind: 'end', message }),
  };
}
