import { CodeActionKind, type CodeAction, type Command, type Diagnostic } from 'vscode-languageserver/node';
import type { FileKind } from '../model/types';
import type { RuleId, TextEditSpec } from '../rules/types';
import { ruleById } from '../rules/registry';
import { parsePragmas, type Pragma, type PragmaScope } from '../config/pragmas';
import { dockerEscapeChar, firstNonBlank, instructionSpans, splitLines } from '../config/pragmaSpans';
import { APPLY_FIX_COMMAND, DIAGNOSTIC_SOURCE, type ClientFeatures } from './capabilities';
import { toWorkspaceEdit, type VersionOf } from './codeActions';

/**
 * "Ignore" code actions: suppression pragmas in hadolint's syntax (DESIGN §8), and "disable in settings".
 *
 *   Ignore CGO101 on this line     `# cgo-lens ignore=CGO101` above the instruction (or `,CGO101` appended to the
 *                                  `# cgo-lens ignore=` pragma that already targets it)
 *   Ignore CGO101 in this stage    `# cgo-lens stage ignore=CGO101` above the stage's FROM (Dockerfile)
 *   Ignore CGO101 in this file     `# cgo-lens global ignore=CGO101` first (after Dockerfile parser directives / a
 *                                  shebang), or appended to an existing global pragma
 *   Disable CGO101 in settings     the `cgoLens.disableRule` command, implemented by the VS Code client
 *
 * Pure text edits computed with the same span/pragma scanners the engine uses to apply pragmas, so an inserted
 * pragma covers exactly the instruction the finding is on. No analysis happens here.
 */

/** Implemented by the VS Code client (client/src/extension.ts): sets `cgoLens.rules.<id>` to `off`. */
export const DISABLE_RULE_COMMAND = 'cgoLens.disableRule';

export interface IgnoreTarget {
  code: RuleId;
  /** 0-based line the finding starts on. */
  line: number;
  /** Dockerfile findings that belong to a stage: its index and the 0-based line of its FROM. */
  stage?: { index: number; fromLine: number };
}

export interface IgnoreEdit {
  scope: PragmaScope;
  title: string;
  edits: TextEditSpec[];
}

/** Kinds whose comments start with `#` (go.mod uses `//`: a `#` line would break it, so it gets no pragmas). */
const HASH_COMMENT_KINDS: ReadonlySet<FileKind> = new Set(['dockerfile', 'shell', 'makefile', 'goreleaser', 'taskfile', 'workflow']);

export function ignoreTitle(scope: PragmaScope, code: string): string {
  return scope === 'line' ? `Ignore ${code} on this line` : scope === 'stage' ? `Ignore ${code} in this stage` : `Ignore ${code} in this file`;
}

export function disableTitle(code: string): string {
  return `Disable ${code} in settings`;
}

/** The pragma edits (line, stage, file) that silence `target` in `text`; empty for kinds without `#` comments. */
export function ignoreEdits(uri: string, text: string, kind: FileKind, target: IgnoreTarget): IgnoreEdit[] {
  if (!HASH_COMMENT_KINDS.has(kind)) return [];
  const lines = splitLines(text);
  const eol = lineBreak(text);
  const docker = kind === 'dockerfile';
  const pragmas = parsePragmas(text, kind);
  const out: IgnoreEdit[] = [];

  // ---- this line: above the start of the instruction the finding is on --------------------------------------
  const line = Math.min(Math.max(0, target.line), lines.length - 1);
  const spans = instructionSpans(lines, kind, docker ? dockerEscapeChar(lines) : '\\');
  const start = spans.startOf[line]! >= 0 ? spans.startOf[line]! : line;
  const lineEdit =
    appendTo(uri, lines, latest(pragmas.filter((p) => p.scope === 'line' && !p.trailing && p.from === start)), 'line', target.code) ??
    appendTo(uri, lines, latest(pragmas.filter((p) => p.scope === 'line' && p.trailing && p.from === start)), 'line', target.code) ??
    insertAbove(uri, start, pragmaIndent(lines[start]!, kind), `# cgo-lens ignore=${target.code}`, eol);
  out.push({ scope: 'line', title: ignoreTitle('line', target.code), edits: [lineEdit] });

  // ---- this stage: above the stage's FROM (only while that line still is a FROM) ----------------------------
  if (docker && target.stage && isFromLine(lines[target.stage.fromLine])) {
    const from = target.stage.fromLine;
    const stageEdit =
      appendTo(uri, lines, latest(pragmas.filter((p) => p.scope === 'stage' && p.from === from)), 'stage', target.code) ??
      insertAbove(uri, from, indentOf(lines[from]!), `# cgo-lens stage ignore=${target.code}`, eol);
    out.push({ scope: 'stage', title: ignoreTitle('stage', target.code), edits: [stageEdit] });
  }

  // ---- this file: first line, after what must stay first ----------------------------------------------------
  const global = pragmas.find((p) => p.scope === 'global' && !p.trailing);
  const fileEdit = appendTo(uri, lines, global, 'global', target.code) ?? insertGlobal(uri, lines, docker, `# cgo-lens global ignore=${target.code}`, eol);
  out.push({ scope: 'global', title: ignoreTitle('global', target.code), edits: [fileEdit] });
  return out;
}

/** The id list of a `# cgo-lens [global|stage] ignore=` comment; group 1 = the scope word. */
const PRAGMA_LIST = /#[ \t]*cgo-lens:?[ \t]+(?:(global|stage)[ \t]+)?ignore[ \t]*=[ \t]*[A-Za-z0-9]+(?:[ \t]*,[ \t]*[A-Za-z0-9]+)*/gi;

/** `,CODE` right after the id list of the pragma on `p.line`; undefined when that comment cannot be found again. */
function appendTo(uri: string, lines: string[], p: Pragma | undefined, scope: PragmaScope, code: string): TextEditSpec | undefined {
  if (!p) return undefined;
  const text = lines[p.line] ?? '';
  for (const m of text.matchAll(PRAGMA_LIST)) {
    const word = (m[1] ?? 'line').toLowerCase();
    if (word !== scope) continue;
    const at = m.index! + m[0].length;
    return { uri, range: { start: { line: p.line, character: at }, end: { line: p.line, character: at } }, newText: `,${code}` };
  }
  return undefined;
}

function insertAbove(uri: string, line: number, indent: string, comment: string, eol: string): TextEditSpec {
  return { uri, range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${comment}${eol}` };
}

/**
 * A global pragma goes first, except: Dockerfile parser directives (`# syntax=`, `# escape=`, `# check=`, … — only
 * honoured as the very first lines) and a shebang (scripts) must stay where they are.
 */
function insertGlobal(uri: string, lines: string[], docker: boolean, comment: string, eol: string): TextEditSpec {
  let at = 0;
  if (lines[0]?.startsWith('#!')) at = 1;
  else if (docker) while (at < lines.length && DIRECTIVE.test(lines[at]!)) at++;
  if (at >= lines.length) {
    // Nothing but directives and no final line break: add one before the pragma.
    const last = lines.length - 1;
    const end = { line: last, character: lines[last]!.length };
    return { uri, range: { start: end, end }, newText: `${eol}${comment}` };
  }
  return insertAbove(uri, at, '', comment, eol);
}

/** BuildKit's parser-directive line (`# key=value`). */
const DIRECTIVE = /^#[ \t]*[A-Za-z][A-Za-z0-9]*[ \t]*=/;

function latest(ps: Pragma[]): Pragma | undefined {
  return ps.reduce<Pragma | undefined>((a, p) => (!a || p.line > a.line ? p : a), undefined);
}

function indentOf(line: string): string {
  const i = firstNonBlank(line);
  return i === -1 ? '' : line.slice(0, i);
}

/**
 * The indentation of the instruction line, except a Makefile recipe line (tab-led): there a comment at column 0 is
 * a make comment, ignored by make, while a tab-led one would be handed to the shell and echoed in the build log.
 */
function pragmaIndent(line: string, kind: FileKind): string {
  if (kind === 'makefile' && line.startsWith('\t')) return '';
  return indentOf(line);
}

function isFromLine(line: string | undefined): boolean {
  if (line === undefined) return false;
  const i = firstNonBlank(line);
  return i !== -1 && /^from(?:[ \t]|$)/i.test(line.slice(i));
}

function lineBreak(text: string): string {
  const i = text.search(/\r\n|\r|\n/);
  if (i === -1) return '\n';
  return text[i] === '\r' ? (text[i + 1] === '\n' ? '\r\n' : '\r') : '\n';
}

// ---- code actions ---------------------------------------------------------------------------------------------

export interface IgnoreActionContext {
  uri: string;
  text: string;
  kind: FileKind | undefined;
  features: Pick<ClientFeatures, 'codeActionLiterals' | 'documentChanges' | 'configuration'>;
  versionOf: VersionOf;
  /** Stage of the finding behind a diagnostic (from `data`, or the last analysis when the client dropped `data`). */
  stageOf: (d: Diagnostic) => IgnoreTarget['stage'];
}

/**
 * The ignore actions for every CGO Lens finding diagnostic in the request (kind `quickfix`, never preferred), after
 * the fixes. Identical actions offered for several diagnostics (e.g. "in this file" for two CGO101s) appear once.
 */
export function ignoreActions(diagnostics: readonly Diagnostic[], ctx: IgnoreActionContext): (CodeAction | Command)[] {
  const out: (CodeAction | Command)[] = [];
  const seen = new Set<string>();
  const add = (key: string, action: CodeAction | Command) => {
    if (seen.has(key)) return;
    seen.add(key);
    out.push(action);
  };
  const lineCount = splitLines(ctx.text).length;
  for (const d of diagnostics) {
    if (!d || d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string' || !d.range?.start) continue;
    const line = d.range.start.line;
    // A diagnostic past the end of the document is not about this version of it: nothing to anchor a pragma to.
    if (!Number.isInteger(line) || line < 0 || line >= lineCount) continue;
    const rule = ruleById(d.code);
    if (!rule) continue; // cgo-lens.skipped, cgo-lens.config: not rules, nothing to ignore
    const code = rule.meta.id;
    if (ctx.kind) {
      const target: IgnoreTarget = { code, line, stage: ctx.stageOf(d) };
      for (const ig of ignoreEdits(ctx.uri, ctx.text, ctx.kind, target)) {
        const edit = toWorkspaceEdit(ig.edits, ctx.features, ctx.versionOf);
        const key = `${ig.title}\u0000${JSON.stringify(ig.edits)}`;
        if (!ctx.features.codeActionLiterals) add(key, { title: ig.title, command: APPLY_FIX_COMMAND, arguments: [edit] });
        else add(key, { title: ig.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit });
      }
    }
    if (ctx.features.configuration) {
      const title = disableTitle(code);
      const command: Command = { title, command: DISABLE_RULE_COMMAND, arguments: [code, ctx.uri] };
      add(title, ctx.features.codeActionLiterals ? { title, kind: CodeActionKind.QuickFix, diagnostics: [d], command } : command);
    }
  }
  return out;
}
