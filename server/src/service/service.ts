import type { BuildPlan, FileKind } from '../model/types';
import type { Finding } from '../rules/types';
import { defaultSettings, type Settings } from '../config/settings';
import { fileKindOf } from './fileKind';
import { readPlan } from './readPlan';
import { runRules } from './runRules';
import { initShellParser } from '../shell/parser';
import { createLogger, type Logger } from './logger';
import type { WorkspaceFiles } from '../workspace/files';

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
}

/**
 * The editor-agnostic façade: the LSP server, the CLI and the tests all analyse through it.
 * Creating it loads the shell parser (WASM) once; every call after that is synchronous.
 */
export class CgoLensService {
  private constructor(readonly log: Logger) {}

  static async create(options: { log?: Logger } = {}): Promise<CgoLensService> {
    await initShellParser();
    return new CgoLensService(options.log ?? createLogger());
  }

  analyze(doc: DocumentInput, settings: Settings = defaultSettings(), files?: WorkspaceFiles): AnalysisResult {
    const kind = fileKindOf(doc.uri, doc.languageId);
    if (!kind) return { findings: [] };
    if (!settings.enable) return { kind, findings: [] };
    const size = Buffer.byteLength(doc.text, 'utf8');
    if (size > settings.maxFileBytes) {
      return { kind, findings: [], skipped: `CGO Lens skipped this file: ${formatBytes(size)} is over the ${formatBytes(settings.maxFileBytes)} limit (cgoLens.maxFileBytes).` };
    }
    if (doc.text.includes('\u0000')) {
      return { kind, findings: [], skipped: 'CGO Lens skipped this file: it contains NUL bytes (binary content).' };
    }
    const plan = readPlan(kind, doc, settings, this.log, files);
    if (!plan) return { kind, findings: [] };
    const findings = runRules(plan, doc.text, settings, this.log);
    return { kind, findings, plan };
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}
