/**
 * LSP handlers for the explanations: `textDocument/hover` (Markdown or plain text, by the client's
 * `textDocument.hover.contentFormat`) and `textDocument/inlayHint` (+ `workspace/inlayHint/refresh`). Thin: the text
 * comes from the service, which reuses its cached analysis of the same document text.
 *
 * Wiring (in startLanguageServer):
 *   - merge `explainCapabilities()` into the InitializeResult capabilities;
 *   - call `registerExplainHandlers(connection, (uri) => documents.get(uri), () => analyzer, settingsFor, () => caps, errors)`
 *     once, before `documents.listen(connection)`;
 *   - call the returned `refreshInlayHints()` from `onDidChangeConfiguration`, and `service.forget(uri)` on close.
 */
import type {
  CancellationToken, ClientCapabilities, Connection, Hover, HoverParams, InlayHint, InlayHintParams, ServerCapabilities,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../config/settings';
import type { Position, Range } from '../model/types';
import type { DocumentInput, ExplainHover, InlayHintSpec } from '../service/service';
import { ErrorReporter } from './errors';

/** The part of CgoLensService the explanations use (tests may inject their own). */
export interface ExplainService {
  hover(doc: DocumentInput, position: Position, settings: Settings, format: 'markdown' | 'plaintext'): ExplainHover | undefined;
  inlayHints(doc: DocumentInput, range: Range, settings: Settings): InlayHintSpec[];
}

type Getter<T> = () => T;

export interface ExplainHandlers {
  /** Ask the client to re-request inlay hints (after a settings change), when it supports the refresh request. */
  refreshInlayHints(): void;
}

/** Markdown when the client lists it in `textDocument.hover.contentFormat`, plain text otherwise (the LSP default). */
export function hoverFormat(caps: ClientCapabilities | undefined | null): 'markdown' | 'plaintext' {
  const formats = caps?.textDocument?.hover?.contentFormat;
  if (!Array.isArray(formats)) return 'plaintext';
  const first = formats.find((f) => f === 'markdown' || f === 'plaintext');
  return first === 'markdown' ? 'markdown' : 'plaintext';
}

export function explainCapabilities(): Pick<ServerCapabilities, 'hoverProvider' | 'inlayHintProvider'> {
  return { hoverProvider: true, inlayHintProvider: { resolveProvider: false } };
}

export function registerExplainHandlers(
  connection: Connection,
  getDocument: (uri: string) => TextDocument | undefined,
  service: ExplainService | Getter<ExplainService | undefined>,
  getSettings: (uri: string) => Settings | Promise<Settings>,
  clientCaps: ClientCapabilities | Getter<ClientCapabilities | undefined>,
  errors: ErrorReporter = new ErrorReporter((m) => connection.console.error(m)),
): ExplainHandlers {
  const svc = (): ExplainService | undefined => (typeof service === 'function' ? service() : service);
  const caps = (): ClientCapabilities | undefined => (typeof clientCaps === 'function' ? clientCaps() : clientCaps);

  /** The document and its settings, or undefined when it closed or changed while settings were fetched. */
  const prepare = async (uri: unknown, token: CancellationToken | undefined): Promise<{ input: DocumentInput; settings: Settings; s: ExplainService } | undefined> => {
    if (typeof uri !== 'string' || !getDocument(uri)) return undefined;
    const version = getDocument(uri)!.version;
    const settings = await getSettings(uri);
    const doc = getDocument(uri);
    const s = svc();
    if (!doc || doc.version !== version || !s || token?.isCancellationRequested) return undefined;
    return { input: { uri, text: doc.getText(), languageId: doc.languageId, version: doc.version }, settings, s };
  };

  connection.onHover(
    errors.guard('textDocument/hover', async (params: HoverParams, token?: CancellationToken): Promise<Hover | null> => {
      const p = await prepare(params?.textDocument?.uri, token);
      if (!p || !isPosition(params.position)) return null;
      const h = p.s.hover(p.input, params.position, p.settings, hoverFormat(caps()));
      return h ? { contents: { kind: h.kind, value: h.value }, range: h.range } : null;
    }, null),
  );

  connection.languages.inlayHint.on(
    errors.guard('textDocument/inlayHint', async (params: InlayHintParams, token?: CancellationToken): Promise<InlayHint[] | null> => {
      const p = await prepare(params?.textDocument?.uri, token);
      if (!p || !isPosition(params.range?.start) || !isPosition(params.range?.end)) return null;
      return p.s.inlayHints(p.input, params.range, p.settings).map((h) => {
        const hint: InlayHint = { position: h.position, label: h.label, paddingLeft: h.paddingLeft };
        if (h.tooltip) hint.tooltip = h.tooltip;
        return hint;
      });
    }, null),
  );

  return {
    refreshInlayHints() {
      if (caps()?.workspace?.inlayHint?.refreshSupport !== true) return;
      void connection.languages.inlayHint.refresh().catch((err) => errors.report('workspace/inlayHint/refresh', err));
    },
  };
}

function isPosition(p: unknown): p is Position {
  return typeof p === 'object' && p !== null && Number.isInteger((p as Position).line) && Number.isInteger((p as Position).character);
}
