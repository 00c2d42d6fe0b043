import type { MappedText } from './mapped';

/**
 * A template syntax: what opens and closes one expansion. Templates are found with a linear scan (`indexOf` of the
 * opener, then of the closer): the regular expressions this replaces (`/\$\{\{\s*([\s\S]*?)\s*\}\}/g`) backtracked
 * cubically on an unterminated opener followed by whitespace — what a user has mid-typing.
 */
export interface TemplateSyntax {
  readonly open: string;
  readonly close: string;
  /** Go text/template trim markers: `{{-` and `-}}` belong to the delimiters, not to the expression. */
  readonly trimMarkers: boolean;
}

/** One template in a text: [start, end) covers the delimiters; `expr` is the trimmed expression inside. */
export interface TemplateMatch {
  start: number;
  end: number;
  expr: string;
}

/** `${{ expr }}` — GitHub Actions expressions, substituted into the text before a step runs. */
export const ACTIONS_EXPR: TemplateSyntax = { open: '${{', close: '}}', trimMarkers: false };
/** `{{ .X }}` — Go text/template actions (goreleaser, Task), `{{-`/`-}}` trim markers included. */
export const GO_TEMPLATE: TemplateSyntax = { open: '{{', close: '}}', trimMarkers: true };

export type Lookup = (expr: string) => string | undefined;

/**
 * Every template of `text`, left to right: an opener, then the first closer after it (the expression is the text
 * between, trimmed, trim markers removed). An opener with no closer after it ends the search — no later one can be
 * closed either.
 */
export function findTemplates(text: string, syntax: TemplateSyntax): TemplateMatch[] {
  const out: TemplateMatch[] = [];
  for (let from = 0; ; ) {
    const start = text.indexOf(syntax.open, from);
    if (start < 0) break;
    const inner = start + syntax.open.length;
    const close = text.indexOf(syntax.close, inner);
    if (close < 0) break;
    let expr = text.slice(inner, close);
    if (syntax.trimMarkers) {
      if (expr.startsWith('-')) expr = expr.slice(1);
      expr = expr.trimStart();
      if (expr.endsWith('-')) expr = expr.slice(0, -1);
    }
    const end = close + syntax.close.length;
    out.push({ start, end, expr: expr.trim() });
    from = end;
  }
  return out;
}

/** A value with templates: its text after substitution, or undefined when any template is not statically known. */
export function evaluate(text: string, syntax: TemplateSyntax, lookup: Lookup): string | undefined {
  let unknown = false;
  let out = '';
  let last = 0;
  for (const m of findTemplates(text, syntax)) {
    const v = lookup(m.expr);
    if (v === undefined) unknown = true;
    out += text.slice(last, m.start) + (v ?? '');
    last = m.end;
  }
  return unknown ? undefined : out + text.slice(last);
}

export function hasTemplate(text: string, syntax: TemplateSyntax): boolean {
  const start = text.indexOf(syntax.open);
  return start >= 0 && text.indexOf(syntax.close, start + syntax.open.length) >= 0;
}

/**
 * Templates in a script are expanded by the tool before the shell sees the text. Known values are put in
 * place; unknown ones become `${__CGO_LENS_N}`, shell variables the caller declares as set-but-unknown, so
 * words built from them resolve to "unknown" instead of to the template's literal text.
 */
export function substituteScript(script: MappedText, syntax: TemplateSyntax, lookup: Lookup): { text: MappedText; unknownVars: string[] } {
  const unknownVars: string[] = [];
  const text = script.replace(findTemplates(script.text, syntax), (m) => {
    const v = lookup(m.expr);
    if (v !== undefined) return v;
    const name = `__CGO_LENS_${unknownVars.length}`;
    unknownVars.push(name);
    return `\${${name}}`;
  });
  return { text, unknownVars };
}
