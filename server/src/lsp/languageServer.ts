import {
  DocumentDiagnosticReportKind,
  TextDocuments,
  type CodeAction,
  type CodeActionParams,
  type Command,
  type Connection,
  type Diagnostic,
  type DidChangeConfigurationParams,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type ClientCapabilities,
  type ExecuteCommandParams,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CgoLensService, type AnalysisResult, type DocumentInput } from '../service/service';
import type { Logger } from '../service/logger';
import { defaultSettings, type Settings } from '../config/settings';
import type { Finding, Fix } from '../rules/types';
import { APPLY_FIX_COMMAND, FIX_ALL_KIND, clientFeatures, serverCapabilities, type ClientFeatures } from './capabilities';
import { findingToDiagnostic, fixesFromData, sameRange, skippedDiagnostic } from './convert';
import { fixAllAction, isWorkspaceEdit, kindRequested, quickFixActions } from './codeActions';
import { ErrorReporter } from './errors';
import { ValidationScheduler } from './scheduler';
import { SETTINGS_SECTION, parseServerOptions, parseSettings, type ServerOptions } from './settings';
import { explainCapabilities, registerExplainHandlers, type ExplainService } from './explainHandlers';

/** The part of the service the LSP layer uses (tests may inject their own). */
export interface Analyzer {
  analyze(doc: DocumentInput, settings: Settings): AnalysisResult;
  /** `analyze` through the engine's per-text cache, so hover and inlay hints reuse the diagnostics' parse. */
  analyzeCached?(doc: DocumentInput, settings: Settings): AnalysisResult;
  /** Explanations; optional so test doubles can leave them out (then hover/inlay hints are not offered). */
  hover?: ExplainService['hover'];
  inlayHints?: ExplainService['inlayHints'];
  forget?(uri: string): void;
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
 * pull diagnostics, code actions from `Diagnostic.data`, configuration. No analysis logic lives here: findings come
 * from the service and are only converted. The caller calls `connection.listen()`.
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

  // ---- configuration ---------------------------------------------------------------------------------------
  /** Bumped on every configuration change; cached settings and analyses of older generations are dropped. */
  let generation = 0;
  const settingsCache = new Map<string, Promise<Settings>>();
  /** Settings pushed in `didChangeConfiguration` by clients without `workspace/configuration`. */
  let pushedSettings: Settings | undefined;

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

  // ---- analysis --------------------------------------------------------------------------------------------
  const analysisCache = new Map<string, CachedAnalysis>();

  const analyze = (doc: TextDocument, settings: Settings): AnalysisResult => {
    const cached = analysisCache.get(doc.uri);
    if (cached && cached.version === doc.version && cached.generation === generation) return cached.result;
    let result: AnalysisResult = { findings: [] };
    if (analyzer) {
      try {
        const input = { uri: doc.uri, text: doc.getText(), languageId: doc.languageId, version: doc.version };
        result = analyzer.analyzeCached ? analyzer.analyzeCached(input, settings) : analyzer.analyze(input, settings);
      } catch (err) {
        errors.report(`analysis of ${doc.uri} failed`, err);
      }
    }
    analysisCache.set(doc.uri, { version: doc.version, generation, result });
    return result;
  };

  const toDiagnostics = (doc: TextDocument, result: AnalysisResult): Diagnostic[] => {
    const out: Diagnostic[] = [];
    if (result.skipped) {
      const firstLine = doc.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }).replace(/\r?\n$/, '');
      out.push(skippedDiagnostic(result.skipped, firstLine));
    }
    for (const f of result.findings) {
      // Findings located in other files (cross-file analysis) are not this document's diagnostics.
      if (f.loc.uri !== doc.uri) continue;
      try {
        out.push(findingToDiagnostic(f, doc.uri, features));
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
    const settings = await settingsFor(uri);
    // Stale: the document changed or closed while settings were fetched, or a newer run was scheduled.
    const now = documents.get(uri);
    if (!isCurrent() || !now || now.version !== version) return;
    const diagnostics = toDiagnostics(now, analyze(now, settings));
    if (!isCurrent() || documents.get(uri)?.version !== version) return;
    await connection.sendDiagnostics({ uri, version, diagnostics });
  };
  const scheduler = new ValidationScheduler(validate, (err) => errors.report('validation failed', err));

  /** URIs whose first validation already ran: the first one after open is immediate, edits are debounced. */
  const seen = new Set<string>();

  documents.onDidChangeContent((e) => {
    try {
      const uri = e.document.uri;
      if (typeof uri !== 'string') return; // a malformed didOpen: nothing to validate or publish to
      const first = !seen.has(uri);
      seen.add(uri);
      analysisCache.delete(uri);
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
        `debounce ${serverOptions.debounceMs} ms, settings from ${features.configuration ? 'workspace/configuration' : 'defaults'}`,
    );
  });

  connection.onShutdown(() => {
    scheduler.dispose();
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

  // ---- pull diagnostics ------------------------------------------------------------------------------------
  connection.languages.diagnostics.on(
    errors.guard('textDocument/diagnostic', async (params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string' || !documents.get(uri)) return EMPTY_REPORT;
      const settings = await settingsFor(uri);
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
        const settings = await settingsFor(uri);
        const doc = documents.get(uri);
        if (!doc) return null;
        findings = analyze(doc, settings).findings;
      }
      const fallback = (d: Diagnostic): Fix[] | undefined =>
        findings.find((f) => f.code === d.code && f.loc.uri === uri && sameRange(f.loc.range, d.range))?.fixes;

      const out: (CodeAction | Command)[] = [];
      if (wantQuickFix) out.push(...quickFixActions(uri, diagnostics, features, versionOf, fallback));
      if (wantFixAll) {
        const action = fixAllAction(findings, features, versionOf);
        if (action) out.push(action);
      }
      return out;
    }, null),
  );

  connection.onExecuteCommand(
    errors.guard('workspace/executeCommand', async (params: ExecuteCommandParams): Promise<boolean | null> => {
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
  const explain = registerExplainHandlers(connection, (uri) => documents.get(uri), explainService, settingsFor, () => clientCaps, errors);

  documents.listen(connection);
}
