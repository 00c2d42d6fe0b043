import * as nodePath from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  TextDocuments,
  type CodeAction,
  type CodeActionParams,
  type Command,
  type Connection,
  type Diagnostic,
  type DidChangeConfigurationParams,
  type DidChangeWatchedFilesParams,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type ClientCapabilities,
  type ExecuteCommandParams,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CgoLensService, type AnalysisResult, type DocumentInput } from '../service/service';
import type { Logger } from '../service/logger';
import { fileKindOf } from '../service/fileKind';
import { defaultSettings, type Settings } from '../config/settings';
import { effectiveSettings } from '../config/resolve';
import { DiskWorkspaceFiles, type WorkspaceFiles } from '../workspace/files';
import type { Finding, Fix } from '../rules/types';
import {
  APPLY_FIX_COMMAND,
  CONFIG_FILE_GLOB,
  DEPENDENCY_FILE_GLOB,
  FIX_ALL_KIND,
  clientFeatures,
  serverCapabilities,
  type ClientFeatures,
} from './capabilities';
import { startIndexing, type WorkspaceIndexing } from './workspaceIndexing';
import { configErrorDiagnostic, findingToDiagnostic, fixesFromData, sameRange, skippedDiagnostic, stageFromData } from './convert';
import { fixAllAction, isWorkspaceEdit, kindRequested, quickFixActions } from './codeActions';
import { DISABLE_RULE_COMMAND, ignoreActions, type IgnoreTarget } from './ignoreActions';
import { ErrorReporter } from './errors';
import { ValidationScheduler } from './scheduler';
import { SETTINGS_SECTION, parseServerOptions, parseSettings, type ServerOptions } from './settings';
import { explainCapabilities, registerExplainHandlers, type ExplainService } from './explainHandlers';
import {
  DependencyGraph,
  RepoConfigs,
  changeFolders,
  initialFolders,
  isRepoConfigPath,
  isUnder,
  normalizeUri,
  uriToPath,
} from './workspace';

/** The part of the service the LSP layer uses (tests may inject their own). */
export interface Analyzer {
  /** `files`: the workspace as the editor sees it (open documents' unsaved text over disk), for cross-file links. */
  analyze(doc: DocumentInput, settings: Settings, files?: WorkspaceFiles): AnalysisResult;
  /** `analyze` through the engine's per-text cache, so hover and inlay hints reuse the diagnostics' parse. */
  analyzeCached?(doc: DocumentInput, settings: Settings, files?: WorkspaceFiles): AnalysisResult;
  /** Explanations; optional so test doubles can leave them out (then hover/inlay hints are not offered). */
  hover?: ExplainService['hover'];
  inlayHints?: ExplainService['inlayHints'];
  forget?(uri: string): void;
  /** 0-based FROM line of each stage (Dockerfiles), for "ignore in this stage"; optional for test doubles. */
  stageStartLines?(doc: DocumentInput): number[];
}

export interface LanguageServerOptions {
  /** Reported in `serverInfo` and the startup log line. */
  version: string;
  /** Defaults to `CgoLensService.create`. */
  createAnalyzer?: (log: Logger) => Promise<Analyzer>;
}

const EMPTY_REPORT: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

interface CachedAnalysis {
  version: number;
  generation: number;
  result: AnalysisResult;
}

/**
 * Wire the CGO Lens LSP surface onto `connection`: document sync with per-URI debounce and version checks, push or
 * pull diagnostics, code actions from `Diagnostic.data` (fixes and ignore pragmas), configuration (editor settings
 * over `.cgo-lens.yaml`), watched files and cross-file dependents. No analysis logic lives here: findings come from
 * the service and are only converted. The caller calls `connection.listen()`.
 */
export function startLanguageServer(connection: Connection, options: LanguageServerOptions): void {
  const errors = new ErrorReporter((m) => connection.console.error(m));
  const warned = new Set<string>();
  const warnOnce = (m: string) => {
    if (warned.has(m) || warned.size > 500) return;
    warned.add(m);
    connection.console.warn(m);
  };
  const documents = new TextDocuments(TextDocument);

  let features: ClientFeatures = clientFeatures(undefined);
  let clientCaps: ClientCapabilities | undefined;
  let serverOptions: ServerOptions = parseServerOptions(undefined);
  let analyzer: Analyzer | undefined;

  // ---- workspace: folders, open-document overlay, repo config, dependencies --------------------------------
  let folders: string[] = [];
  /** The background Go workspace index (go.mod, imports), when the engine supports one. */
  let indexing: WorkspaceIndexing | undefined;
  /** Normalised URI → the URI the client uses, for every open document (the overlay of cross-file reads). */
  const openUris = new Map<string, string>();
  const overlay = (uri: string): string | undefined => {
    const client = openUris.get(normalizeUri(uri));
    return client === undefined ? undefined : documents.get(client)?.getText();
  };
  let workspaceFiles = new DiskWorkspaceFiles(folders, overlay);
  const repoConfigs = new RepoConfigs((m) => connection.console.warn(m));
  const graph = new DependencyGraph();

  /** Open documents in `dir` or below (those a `.cgo-lens.yaml` in `dir` may govern). */
  const documentsUnder = (dir: string): string[] =>
    documents.all().flatMap((d) => {
      const p = uriToPath(d.uri);
      return p !== undefined && isUnder(dir, p) ? [d.uri] : [];
    });

  // ---- configuration ---------------------------------------------------------------------------------------
  /** Bumped on every configuration change; cached settings and analyses of older generations are dropped. */
  let generation = 0;
  const settingsCache = new Map<string, Promise<Settings>>();
  /** Settings pushed in `didChangeConfiguration` by clients without `workspace/configuration`. */
  let pushedSettings: Settings | undefined;

  /** The editor's `cgoLens` settings for a document. */
  const settingsFor = (uri: string): Promise<Settings> => {
    if (!features.configuration) return Promise.resolve(pushedSettings ?? defaultSettings());
    let p = settingsCache.get(uri);
    if (!p) {
      p = fetchSettings(uri);
      settingsCache.set(uri, p);
    }
    return p;
  };

  const fetchSettings = async (uri: string): Promise<Settings> => {
    try {
      const raw: unknown = await connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION });
      const { settings, problems } = parseSettings(raw);
      for (const p of problems) warnOnce(`Ignoring invalid setting ${p}`);
      return settings;
    } catch (err) {
      errors.report('workspace/configuration failed, using default settings', err);
      return defaultSettings();
    }
  };

  /** What a document is analysed with: the editor's settings over its `.cgo-lens.yaml` (DESIGN §8, resolve.ts). */
  const analysisSettingsFor = async (uri: string): Promise<Settings> => {
    const editor = await settingsFor(uri);
    let repo;
    try {
      repo = repoConfigs.configFor(uri, folders)?.config;
    } catch (err) {
      errors.report(`reading the .cgo-lens.yaml of ${uri}`, err);
    }
    return effectiveSettings(editor, repo);
  };

  // ---- analysis --------------------------------------------------------------------------------------------
  const analysisCache = new Map<string, CachedAnalysis>();

  const inputOf = (doc: TextDocument): DocumentInput => ({ uri: doc.uri, text: doc.getText(), languageId: doc.languageId, version: doc.version });

  const analyze = (doc: TextDocument, settings: Settings): AnalysisResult => {
    const cached = analysisCache.get(doc.uri);
    if (cached && cached.version === doc.version && cached.generation === generation) return cached.result;
    let result: AnalysisResult = { findings: [] };
    if (analyzer) {
      try {
        const input = inputOf(doc);
        result = analyzer.analyzeCached ? analyzer.analyzeCached(input, settings, workspaceFiles) : analyzer.analyze(input, settings, workspaceFiles);
      } catch (err) {
        errors.report(`analysis of ${doc.uri} failed`, err);
      }
    }
    analysisCache.set(doc.uri, { version: doc.version, generation, result });
    if (documents.get(doc.uri)) graph.set(doc.uri, result.dependencies ?? result.plan?.dependencies);
    return result;
  };

  const stageLinesOf = (doc: TextDocument): number[] => {
    if (!analyzer?.stageStartLines) return [];
    try {
      return analyzer.stageStartLines(inputOf(doc));
    } catch (err) {
      errors.report(`stage lines of ${doc.uri}`, err);
      return [];
    }
  };

  const toDiagnostics = (doc: TextDocument, result: AnalysisResult): Diagnostic[] => {
    const out: Diagnostic[] = [];
    if (result.skipped) {
      const firstLine = doc.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }).replace(/\r?\n$/, '');
      out.push(skippedDiagnostic(result.skipped, firstLine));
    }
    for (const p of result.configErrors ?? []) {
      try {
        out.push(configErrorDiagnostic(p));
      } catch (err) {
        errors.report(`converting a config problem on ${doc.uri} failed`, err);
      }
    }
    const staged = result.findings.some((f) => f.stage !== undefined && f.loc.uri === doc.uri);
    const stageLines = staged ? stageLinesOf(doc) : undefined;
    for (const f of result.findings) {
      // Findings located in other files (cross-file analysis) are not this document's diagnostics.
      if (f.loc.uri !== doc.uri) continue;
      try {
        out.push(findingToDiagnostic(f, doc.uri, features, stageLines));
      } catch (err) {
        errors.report(`converting ${f.code} on ${doc.uri} failed`, err);
      }
    }
    return out;
  };

  // ---- push validation -------------------------------------------------------------------------------------
  const validate = async (uri: string, isCurrent: () => boolean): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const settings = await analysisSettingsFor(uri);
    // Stale: the document changed or closed while settings were fetched, or a newer run was scheduled.
    const now = documents.get(uri);
    if (!isCurrent() || !now || now.version !== version) return;
    const diagnostics = toDiagnostics(now, analyze(now, settings));
    if (!isCurrent() || documents.get(uri)?.version !== version) return;
    // Re-validation (index ready, a dependency changed) often yields the same result: do not republish it.
    const key = JSON.stringify(diagnostics);
    const last = lastPublished.get(uri);
    if (last && last.version === version && last.key === key) return;
    lastPublished.set(uri, { version, key });
    await connection.sendDiagnostics({ uri, version, diagnostics });
  };
  const lastPublished = new Map<string, { version: number; key: string }>();
  const scheduler = new ValidationScheduler(validate, (err) => errors.report('validation failed', err));

  /**
   * Re-validate open documents whose inputs changed without their text changing (their `.cgo-lens.yaml`, a file
   * they read): drop their cached analyses, then push again, or ask a pull client to re-pull.
   */
  const revalidate = (uris: Iterable<string>): void => {
    let any = false;
    for (const uri of uris) {
      if (!documents.get(uri)) continue;
      any = true;
      analysisCache.delete(uri);
      try {
        analyzer?.forget?.(uri);
      } catch (err) {
        errors.report('forget', err);
      }
      if (!features.pullDiagnostics) scheduler.schedule(uri, serverOptions.debounceMs);
    }
    if (any && features.pullDiagnostics && features.diagnosticRefresh) {
      void connection.languages.diagnostics.refresh().catch((err) => errors.report('workspace/diagnostic/refresh', err));
    }
  };

  /** What else to re-validate when the document or file at `uri` changed (opened, edited, closed, or on disk). */
  const affectedBy = (uri: string): Set<string> => {
    const out = new Set<string>(graph.dependentsOf(uri));
    const p = uriToPath(uri);
    if (p !== undefined && isRepoConfigPath(p)) for (const d of documentsUnder(nodePath.dirname(p))) out.add(d);
    out.delete(uri);
    return out;
  };

  /** URIs whose first validation already ran: the first one after open is immediate, edits are debounced. */
  const seen = new Set<string>();

  documents.onDidChangeContent((e) => {
    try {
      const uri = e.document.uri;
      if (typeof uri !== 'string') return; // a malformed didOpen: nothing to validate or publish to
      const first = !seen.has(uri);
      seen.add(uri);
      openUris.set(normalizeUri(uri), uri);
      analysisCache.delete(uri);
      const p = uriToPath(uri);
      if (p !== undefined && isRepoConfigPath(p)) repoConfigs.setOpen(uri, e.document.getText());
      revalidate(affectedBy(uri));
      if (features.pullDiagnostics) return; // the client pulls when it needs them
      scheduler.schedule(uri, first ? 0 : serverOptions.debounceMs);
    } catch (err) {
      errors.report('textDocument/didChange', err);
    }
  });

  documents.onDidClose((e) => {
    try {
      const uri = e.document.uri;
      if (typeof uri !== 'string') return;
      seen.delete(uri);
      scheduler.cancel(uri);
      settingsCache.delete(uri);
      analysisCache.delete(uri);
      analyzer?.forget?.(uri);
      graph.delete(uri);
      openUris.delete(normalizeUri(uri));
      const p = uriToPath(uri);
      if (p !== undefined && isRepoConfigPath(p)) repoConfigs.setOpen(uri, undefined);
      // Dependents now read the file from disk, and a config's folder its saved version.
      revalidate(affectedBy(uri));
      lastPublished.delete(uri);
      if (!features.pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] }).catch((err) => errors.report('publishDiagnostics', err));
    } catch (err) {
      errors.report('textDocument/didClose', err);
    }
  });

  const revalidateAll = () => {
    if (features.pullDiagnostics) {
      if (features.diagnosticRefresh) void connection.languages.diagnostics.refresh().catch((err) => errors.report('workspace/diagnostic/refresh', err));
      return;
    }
    for (const doc of documents.all()) scheduler.schedule(doc.uri, serverOptions.debounceMs);
  };

  // ---- lifecycle -------------------------------------------------------------------------------------------
  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    try {
      features = clientFeatures(params?.capabilities);
      clientCaps = params?.capabilities ?? undefined;
      serverOptions = parseServerOptions(params?.initializationOptions);
    } catch (err) {
      errors.report('initialize: reading client capabilities', err);
    }
    try {
      folders = initialFolders(params);
      workspaceFiles = new DiskWorkspaceFiles(folders, overlay);
    } catch (err) {
      errors.report('initialize: reading workspace folders', err);
    }
    const log: Logger = {
      info: (m) => connection.console.info(m),
      error: (m) => errors.report('engine', m),
    };
    try {
      analyzer = await (options.createAnalyzer ?? ((l: Logger) => CgoLensService.create({ log: l })))(log);
    } catch (err) {
      errors.report('the analysis engine failed to start; no diagnostics will be reported', err);
    }
    return {
      capabilities: { ...serverCapabilities(features), ...(explainService() ? explainCapabilities() : {}) },
      serverInfo: { name: 'cgo-lens-language-server', version: options.version },
    };
  });

  connection.onInitialized(() => {
    connection.console.info(
      `CGO Lens language server ${options.version}: ${features.pullDiagnostics ? 'pull' : 'push'} diagnostics, ` +
        `debounce ${serverOptions.debounceMs} ms, settings from ${features.configuration ? 'workspace/configuration' : 'defaults'}, ` +
        `workspace folders: ${folders.length ? folders.join(', ') : 'none'}`,
    );
    if (analyzer && 'setIndex' in analyzer) {
      // Index in the background: first diagnostics never wait; documents are re-validated when it is ready.
      indexing = startIndexing(connection, analyzer as unknown as Parameters<typeof startIndexing>[1], folders, clientCaps, {
        revalidate: () => {
          generation++;
          analysisCache.clear();
          revalidateAll();
        },
      });
    }
    if (features.watchedFiles) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CONFIG_FILE_GLOB }, { globPattern: DEPENDENCY_FILE_GLOB }] })
        .catch((err) => errors.report('registering file watchers', err));
    }
    if (features.workspaceFolders) {
      try {
        connection.workspace.onDidChangeWorkspaceFolders(errors.guard('workspace/didChangeWorkspaceFolders', onFoldersChanged, undefined));
      } catch (err) {
        errors.report('workspace folder notifications', err);
      }
    }
  });

  const onFoldersChanged = (e: WorkspaceFoldersChangeEvent) => {
    folders = changeFolders(folders, e?.added, e?.removed);
    workspaceFiles = new DiskWorkspaceFiles(folders, overlay);
    indexing?.setFolders(folders);
    repoConfigs.invalidate();
    generation++;
    analysisCache.clear();
    revalidateAll();
  };

  connection.onShutdown(() => {
    scheduler.dispose();
    indexing?.dispose();
  });

  connection.onDidChangeConfiguration(
    errors.guard('workspace/didChangeConfiguration', (params: DidChangeConfigurationParams) => {
      generation++;
      settingsCache.clear();
      analysisCache.clear();
      if (!features.configuration) {
        const s = params?.settings as unknown;
        if (typeof s === 'object' && s !== null && Object.prototype.hasOwnProperty.call(s, SETTINGS_SECTION)) {
          const { settings, problems } = parseSettings((s as Record<string, unknown>)[SETTINGS_SECTION]);
          for (const p of problems) warnOnce(`Ignoring invalid setting ${p}`);
          pushedSettings = settings;
        }
      }
      revalidateAll();
      explain.refreshInlayHints();
    }, undefined),
  );

  // ---- watched files: .cgo-lens.yaml and the files other documents read --------------------------------------
  connection.onDidChangeWatchedFiles(
    errors.guard('workspace/didChangeWatchedFiles', (params: DidChangeWatchedFilesParams) => {
      const changes = Array.isArray(params?.changes) ? params.changes : [];
      // The index first: a go.mod's builds are re-read when that go.mod is re-validated.
      indexing?.onWatchedFiles(changes);
      const targets = new Set<string>();
      let created = false;
      for (const change of changes) {
        if (!change || typeof change.uri !== 'string') continue;
        const p = uriToPath(change.uri);
        if (p !== undefined && isRepoConfigPath(p)) repoConfigs.invalidate();
        for (const d of affectedBy(change.uri)) targets.add(d);
        // A new file may be one a document tried to read before it existed (no dependency was recorded then).
        if (change.type === FileChangeType.Created && !(p !== undefined && isRepoConfigPath(p))) created = true;
      }
      if (created) for (const d of documents.all()) targets.add(d.uri);
      revalidate(targets);
    }, undefined),
  );

  // ---- pull diagnostics ------------------------------------------------------------------------------------
  connection.languages.diagnostics.on(
    errors.guard('textDocument/diagnostic', async (params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string' || !documents.get(uri)) return EMPTY_REPORT;
      const settings = await analysisSettingsFor(uri);
      const doc = documents.get(uri);
      if (!doc) return EMPTY_REPORT;
      return { kind: DocumentDiagnosticReportKind.Full, items: toDiagnostics(doc, analyze(doc, settings)) };
    }, EMPTY_REPORT),
  );

  // ---- code actions ----------------------------------------------------------------------------------------
  const versionOf = (uri: string): number | null => documents.get(uri)?.version ?? null;

  connection.onCodeAction(
    errors.guard('textDocument/codeAction', async (params: CodeActionParams): Promise<(CodeAction | Command)[] | null> => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string' || !documents.get(uri)) return null;
      const context = params.context ?? { diagnostics: [] };
      const diagnostics = Array.isArray(context.diagnostics) ? context.diagnostics : [];
      const only = Array.isArray(context.only) ? context.only : undefined;
      const wantQuickFix = kindRequested(only, 'quickfix');
      const wantFixAll = kindRequested(only, FIX_ALL_KIND);

      // Only analyse when needed: fix-all, or a client that did not echo `data` back.
      const needsAnalysis =
        wantFixAll || (wantQuickFix && diagnostics.some((d) => d?.source === 'cgo-lens' && fixesFromData(d.data, uri) === undefined));
      let findings: readonly Finding[] = [];
      if (needsAnalysis) {
        const settings = await analysisSettingsFor(uri);
        if (!documents.get(uri)) return null;
        findings = analyze(documents.get(uri)!, settings).findings;
      }
      const doc = documents.get(uri);
      if (!doc) return null;
      const findingOf = (d: Diagnostic): Finding | undefined =>
        findings.find((f) => f.code === d.code && f.loc.uri === uri && sameRange(f.loc.range, d.range));
      const fallback = (d: Diagnostic): Fix[] | undefined => findingOf(d)?.fixes;
      const stageOf = (d: Diagnostic): IgnoreTarget['stage'] => {
        const s = stageFromData(d.data);
        if (s) return { index: s.stage, fromLine: s.stageLine };
        if (fixesFromData(d.data, uri) !== undefined) return undefined; // `data` came back intact: no stage
        const stage = findingOf(d)?.stage;
        const fromLine = stage === undefined ? undefined : stageLinesOf(doc)[stage];
        return stage === undefined || fromLine === undefined ? undefined : { index: stage, fromLine };
      };

      const out: (CodeAction | Command)[] = [];
      if (wantQuickFix) {
        out.push(...quickFixActions(uri, diagnostics, features, versionOf, fallback));
        out.push(...ignoreActions(diagnostics, { uri, text: doc.getText(), kind: fileKindOf(uri, doc.languageId), features, versionOf, stageOf }));
      }
      if (wantFixAll) {
        const action = fixAllAction(findings, features, versionOf);
        if (action) out.push(action);
      }
      return out;
    }, null),
  );

  connection.onExecuteCommand(
    errors.guard('workspace/executeCommand', async (params: ExecuteCommandParams): Promise<boolean | null> => {
      if (params?.command === DISABLE_RULE_COMMAND) {
        // Implemented by the VS Code client; another client that forwards it gets a pointer to the setting.
        const id = typeof params.arguments?.[0] === 'string' ? params.arguments[0] : 'the rule';
        connection.window.showInformationMessage(
          `To disable ${id}, set "cgoLens.rules": { "${id}": "off" } in your editor's settings, or list it under "ignored" in .cgo-lens.yaml.`,
        );
        return null;
      }
      if (params?.command !== APPLY_FIX_COMMAND) return null;
      const edit = params.arguments?.[0];
      if (!isWorkspaceEdit(edit)) {
        errors.report(APPLY_FIX_COMMAND, new Error('expected a WorkspaceEdit as the first argument'));
        return null;
      }
      if (!features.applyEdit) {
        errors.report(APPLY_FIX_COMMAND, new Error('the client does not support workspace/applyEdit'));
        return false;
      }
      const result = await connection.workspace.applyEdit({ label: 'CGO Lens fix', edit });
      if (!result.applied) warnOnce(`The editor did not apply the CGO Lens fix${result.failureReason ? `: ${result.failureReason}` : ''}`);
      return result.applied;
    }, null),
  );

  // ---- hover and inlay hints -------------------------------------------------------------------------------
  const explainService = (): ExplainService | undefined =>
    analyzer?.hover && analyzer.inlayHints ? (analyzer as Analyzer & ExplainService) : undefined;
  // Same settings as the diagnostics (editor over .cgo-lens.yaml), so a hover never contradicts a diagnostic.
  const explain = registerExplainHandlers(connection, (uri) => documents.get(uri), explainService, analysisSettingsFor, () => clientCaps, errors);

  documents.listen(connection);
}
