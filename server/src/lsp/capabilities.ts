import {
  CodeActionKind,
  DiagnosticTag,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type ServerCapabilities,
} from 'vscode-languageserver/node';

/** Kind of the "fix all" source action; clients may ask for it on save (`editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.cgo-lens';
/** Command used instead of code-action literals for clients without `codeActionLiteralSupport`. */
export const APPLY_FIX_COMMAND = 'cgoLens.applyFix';
/** Identifier of the pull diagnostic provider (and the diagnostics `source`). */
export const DIAGNOSTIC_SOURCE = 'cgo-lens';

/**
 * Files the server watches (registered dynamically when the client allows it): repository config files, and the
 * kinds of files other documents read through cross-file links (Makefiles, scripts, Dockerfiles, Go sources).
 */
export const CONFIG_FILE_GLOB = '**/.cgo-lens.{yaml,yml}';
export const DEPENDENCY_FILE_GLOB = '**/{Makefile,GNUmakefile,*.mk,*.sh,Dockerfile,*.Dockerfile,go.mod,go.work,*.go}';

/** What the client can do, reduced to the switches the LSP layer needs. Computed once at `initialize`. */
export interface ClientFeatures {
  /** Client pulls (`textDocument/diagnostic`): register the provider and never push. */
  pullDiagnostics: boolean;
  /** Client handles `workspace/diagnostic/refresh`. */
  diagnosticRefresh: boolean;
  relatedInformation: boolean;
  codeDescription: boolean;
  /** Client renders `DiagnosticTag.Unnecessary`. */
  unnecessaryTag: boolean;
  /** Client answers `workspace/configuration`. */
  configuration: boolean;
  /** Client accepts `CodeAction` literals; otherwise return `Command`s. */
  codeActionLiterals: boolean;
  /** Client accepts versioned `documentChanges` in a `WorkspaceEdit`. */
  documentChanges: boolean;
  /** Client handles `workspace/applyEdit` (needed by the `cgoLens.applyFix` command). */
  applyEdit: boolean;
  /** Client accepts a dynamic registration of `workspace/didChangeWatchedFiles` (the server's file watchers). */
  watchedFiles: boolean;
  /** Client knows workspace folders (and can send `workspace/didChangeWorkspaceFolders`). */
  workspaceFolders: boolean;
}

/**
 * Negotiation rules (DESIGN §9):
 * - pull when `textDocument.diagnostic` is present, push otherwise (never both);
 * - `relatedInformation`, `codeDescription`, tags: for push, exactly the `publishDiagnostics` flags. For pull,
 *   LSP 3.18 lets a client state them on `textDocument.diagnostic` too; an explicit value there wins, then the
 *   `publishDiagnostics` flag, and when neither says anything a pull-capable client (LSP ≥ 3.17, where both
 *   fields have existed since 3.15/3.16) gets related information and code descriptions. Tags still need an
 *   explicit `tagSupport` listing Unnecessary.
 */
export function clientFeatures(caps: ClientCapabilities | undefined | null): ClientFeatures {
  const c = (isObject(caps) ? caps : {}) as ClientCapabilities;
  const td = isObject(c.textDocument) ? c.textDocument : {};
  const ws = isObject(c.workspace) ? c.workspace : {};
  const pushCaps = isObject(td.publishDiagnostics) ? td.publishDiagnostics : undefined;
  const pullCaps = isObject(td.diagnostic) ? td.diagnostic : undefined;
  const pull = pullCaps !== undefined;

  const flag = (name: 'relatedInformation' | 'codeDescriptionSupport'): boolean => {
    const push = pushCaps?.[name];
    if (!pull) return push === true;
    const own = pullCaps?.[name];
    if (typeof own === 'boolean') return own;
    if (typeof push === 'boolean') return push;
    return true;
  };
  const tagSet = (pull ? pullCaps?.tagSupport ?? pushCaps?.tagSupport : pushCaps?.tagSupport)?.valueSet;
  const codeAction = isObject(td.codeAction) ? td.codeAction : {};
  return {
    pullDiagnostics: pull,
    diagnosticRefresh: ws.diagnostics?.refreshSupport === true,
    relatedInformation: flag('relatedInformation'),
    codeDescription: flag('codeDescriptionSupport'),
    unnecessaryTag: Array.isArray(tagSet) && tagSet.includes(DiagnosticTag.Unnecessary),
    configuration: ws.configuration === true,
    codeActionLiterals: isObject(codeAction.codeActionLiteralSupport),
    documentChanges: ws.workspaceEdit?.documentChanges === true,
    applyEdit: ws.applyEdit === true,
    watchedFiles: isObject(ws.didChangeWatchedFiles) && ws.didChangeWatchedFiles.dynamicRegistration === true,
    workspaceFolders: ws.workspaceFolders === true,
  };
}

export function serverCapabilities(features: ClientFeatures): ServerCapabilities {
  const caps: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    codeActionProvider: features.codeActionLiterals
      ? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false }
      : true,
    executeCommandProvider: { commands: [APPLY_FIX_COMMAND] },
  };
  if (features.pullDiagnostics) {
    // Other files (Makefiles, scripts, go.mod) feed a Dockerfile's findings: interFileDependencies is true.
    caps.diagnosticProvider = { identifier: DIAGNOSTIC_SOURCE, interFileDependencies: true, workspaceDiagnostics: false };
  }
  // Folder changes move the boundaries of `.cgo-lens.yaml` lookup and of cross-file reads.
  if (features.workspaceFolders) caps.workspace = { workspaceFolders: { supported: true, changeNotifications: true } };
  return caps;
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
