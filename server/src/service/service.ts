import type { BuildPlan, FileKind } from '../model/types';
import { relocateLinkedFindings } from './relocate';
import type { Finding } from '../rules/types';
import { defaultSettings, type Settings } from '../config/settings';
import { fileKindOf } from './fileKind';
import { readPlan } from './readPlan';
import { runRules } from './runRules';
import { documentParseBudgetMs, initShellParser, withShellParseBudget } from '../shell/parser';
import { unreadableReason } from '../text/limits';
import { createLogger, type Logger } from './logger';
import type { Position, Range } from '../model/types';
import { hoverAt, toPlainText } from '../explain/hover';
import { inlayHints as buildInlayHints, type InlayHintSpec } from '../explain/inlayHints';
import type { WorkspaceFiles } from '../workspace/files';
import { applyPragmas } from '../config/pragmas';
import { configProblems, type ConfigProblem } from '../config/configDiagnostics';
import type { WorkspaceIndex } from '../workspace/index/index';
import { attachPrograms, refreshBuildRecords } from './attachPrograms';

export interface DocumentInput {
  uri: string;
  text: string;
  languageId?: string;
  version?: number;
}

export interface AnalysisResult {
  kind?: FileKind;
  findings: Finding[];
  /** Set when the file was not analysed, with the reason (shown as an information diagnostic). */
  skipped?: string;
  plan?: BuildPlan;
  /** Other files the analysis read (cross-file links): re-analyse this document when one of them changes. */
  dependencies?: string[];
  /** For a `.cgo-lens.yaml` document: its validation errors (published as error diagnostics, not findings). */
  configErrors?: ConfigProblem[];
}

/**
 * The editor-agnostic façade: the LSP server, the CLI and the tests all analyse through it.
 * Creating it loads the shell parser (WASM) once; every call after that is synchronous.
 */
export class CgoLensService {
  private constructor(readonly log: Logger) {}

  static async create(options: { log?: Logger; index?: WorkspaceIndex } = {}): Promise<CgoLensService> {
    await initShellParser();
    const service = new CgoLensService(options.log ?? createLogger());
    if (options.index) service.setIndex(options.index);
    return service;
  }

  // ---- workspace index (go.mod, Go sources): optional; without it programs are assumed (a main package using net) ----

  private index: WorkspaceIndex | undefined;

  /** Use a workspace index from now on (cached analyses made without it, or with an older state of it, are redone). */
  setIndex(index: WorkspaceIndex | undefined): void {
    this.index = index;
  }

  getIndex(): WorkspaceIndex | undefined {
    return this.index;
  }

  /** Connect the plan to the workspace index: programs of go commands, and the builds a go.mod's requires are used by. */
  private attachWorkspace(plan: BuildPlan, text: string, settings: Settings, files: WorkspaceFiles | undefined): void {
    const index = this.index;
    if (!index?.isReady()) return;
    // No go.mod and no Go file: no program can be resolved, so skip the per-edit work entirely.
    if (index.goFileCount() === 0 && index.modules().length === 0) return;
    try {
      if (plan.kind === 'gomod') {
        refreshBuildRecords(index, (uri) => files?.read(uri) ?? index.readText(uri), (uri, t) => {
          const k = fileKindOf(uri);
          const other = k && k !== 'gomod' && k !== 'config' ? readPlan(k, { uri, text: t }, settings, this.log, files) : undefined;
          if (other) attachPrograms(other, t, index);
        });
      }
      attachPrograms(plan, text, index);
    } catch (err) {
      this.log.error(`workspace facts for ${plan.uri} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
  }

  analyze(doc: DocumentInput, settings: Settings = defaultSettings(), files?: WorkspaceFiles): AnalysisResult {
    const kind = fileKindOf(doc.uri, doc.languageId);
    if (!kind) return { findings: [] };
    if (!settings.enable) return { kind, findings: [] };
    const unreadable = unreadableReason(doc.text, settings.maxFileBytes);
    if (unreadable) return { kind, findings: [], skipped: `CGO Lens skipped this file: ${unreadable}.` };
    if (kind === 'config') return { kind, findings: [], configErrors: configProblems(doc.text, doc.uri) };
    return withShellParseBudget(documentParseBudgetMs(doc.text), () => this.analyzeReadable(kind, doc, settings, files));
  }

  private analyzeReadable(kind: FileKind, doc: DocumentInput, settings: Settings, files?: WorkspaceFiles): AnalysisResult {
    const plan = readPlan(kind, doc, settings, this.log, files);
    if (!plan) return { kind, findings: [] };
    this.attachWorkspace(plan, doc.text, settings, files);
    // Pragmas are read from the raw text (dockerfile-ast would take a line-1 comment for a parser directive).
    const stageLines = plan.stages.map((s) => s.fromLoc.range.start.line);
    const found = applyPragmas(runRules(plan, doc.text, settings, this.log), { uri: doc.uri, text: doc.text, kind, stageLines });
    const findings = files ? relocateLinkedFindings(plan, found, (uri) => this.standaloneFindings(uri, settings, files)) : found.filter((f) => f.loc.uri === doc.uri);
    return { kind, findings, plan, dependencies: plan.dependencies };
  }

  /** What a linked file reports on its own (cached by text, so an editor session pays once per version). */
  private standaloneFindings(uri: string, settings: Settings, files: WorkspaceFiles): Finding[] | undefined {
    const text = files.read(uri);
    if (text === undefined) return undefined;
    return this.analyzeCached({ uri, text }, settings).findings;
  }

  // ---- explanations: hover and inlay hints reuse the last analysis of the same text -----------------------------

  /** Last analysis per URI, reused while text, settings and workspace view are unchanged (parse once per version). */
  private readonly analysisCache = new Map<string, CachedAnalysis>();

  /**
   * `analyze` through the per-URI cache: hover, inlay hints and code actions on an unchanged document reuse one
   * parse. Keyed by the exact text and the settings; call `forget(uri)` on close (and for dependents of a changed
   * file, since cross-file inputs are not part of the key).
   */
  analyzeCached(doc: DocumentInput, settings: Settings = defaultSettings(), files?: WorkspaceFiles): AnalysisResult {
    const settingsKey = JSON.stringify(settings);
    const hit = this.analysisCache.get(doc.uri);
    const indexVersion = this.index?.isReady() ? this.index.version : -1;
    // Without a workspace view (hover, inlay hints) any cached view will do: the diagnostics' analysis is the one to share.
    const sameFiles = files === undefined || hit?.files === files;
    if (hit && hit.text === doc.text && hit.settingsKey === settingsKey && sameFiles && hit.indexVersion === indexVersion) {
      this.analysisCache.delete(doc.uri);
      this.analysisCache.set(doc.uri, hit); // most recently used last
      return hit.result;
    }
    const result = this.analyze(doc, settings, files);
    this.analysisCache.delete(doc.uri);
    this.analysisCache.set(doc.uri, { text: doc.text, settingsKey, files, result, indexVersion });
    if (this.analysisCache.size > MAX_CACHED_ANALYSES) {
      const oldest = this.analysisCache.keys().next().value;
      if (oldest !== undefined) this.analysisCache.delete(oldest);
    }
    return result;
  }

  /** The hover at `position`, as Markdown or as plain text for clients that cannot render Markdown. */
  hover(doc: DocumentInput, position: Position, settings: Settings = defaultSettings(), format: 'markdown' | 'plaintext' = 'markdown'): ExplainHover | undefined {
    try {
      const result = this.analyzeCached(doc, settings);
      if (!result.plan) return undefined;
      const h = hoverAt(localView(result.plan), doc.text, position, result.findings.filter((f) => f.loc.uri === doc.uri));
      if (!h) return undefined;
      return { kind: format, value: format === 'markdown' ? h.markdown : toPlainText(h.markdown), range: h.range };
    } catch (err) {
      this.log.error(`hover on ${doc.uri} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return undefined;
    }
  }

  /** Inlay hints inside `range`; none when `cgoLens.inlayHints.enable` is off. */
  inlayHints(doc: DocumentInput, range: Range, settings: Settings = defaultSettings()): InlayHintSpec[] {
    if (!settings.inlayHints.enable) return [];
    try {
      const result = this.analyzeCached(doc, settings);
      return result.plan ? buildInlayHints(localView(result.plan), range) : [];
    } catch (err) {
      this.log.error(`inlay hints on ${doc.uri} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return [];
    }
  }

  /** Drop the cached analysis of a closed (or externally invalidated) document. */
  forget(uri: string): void {
    this.analysisCache.delete(uri);
  }

  /**
   * 0-based line of each stage's `FROM`, in stage order (for "ignore in this stage" code actions). Reuses the cached
   * analysis of the same text when there is one (the LSP layer has just analysed it); empty when there is no plan.
   */
  stageStartLines(doc: DocumentInput): number[] {
    try {
      const hit = this.analysisCache.get(doc.uri);
      const plan = hit && hit.text === doc.text ? hit.result.plan : this.analyze(doc).plan;
      return plan ? plan.stages.map((s) => s.fromLoc.range.start.line) : [];
    } catch (err) {
      this.log.error(`stage lines of ${doc.uri} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return [];
    }
  }
}

/** Open documents are few; the bound only protects against clients that never close anything. */
const MAX_CACHED_ANALYSES = 200;

interface CachedAnalysis {
  text: string;
  settingsKey: string;
  files: WorkspaceFiles | undefined;
  result: AnalysisResult;
  /** The workspace index version the analysis saw (-1: none). */
  indexVersion: number;
}

/** A hover ready for LSP `MarkupContent` (`kind` + `value`) and its range. */
export interface ExplainHover {
  kind: 'markdown' | 'plaintext';
  value: string;
  range: Range;
}

export type { InlayHintSpec };

/** The parts of a plan located in its own file: hovers and hints are positions in this document only. */
function localView(plan: BuildPlan): BuildPlan {
  const here = (loc: { uri: string }) => loc.uri === plan.uri;
  return { ...plan, invocations: plan.invocations.filter((i) => here(i.commandLoc)), occurrences: plan.occurrences.filter((o) => here(o.loc)) };
}
