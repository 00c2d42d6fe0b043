import type { MappedText } from './mapped';

/** `${{ expr }}` — GitHub Actions expressions, substituted into the text before a step runs. */
export const ACTIONS_EXPR = /\$\{\{\s*([\s\S]*?)\s*\}\}/g;
/** `{{ .X }}` — Go text/template actions (goreleaser, Task), `{{-`/`-}}` trim markers included. */
export const GO_TEMPLATE = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;

export type Lookup = (expr: string) => string | undefined;

/** A value with templates: its text after substitution, or undefined when any template is not statically known. */
export function evaluate(text: string, re: RegExp, lookup: Lookup): string | undefined {
  let unknown = false;
  const out = text.replace(new RegExp(re.source, 'g'), (_m, expr: string) => {
    const v = lookup(expr.trim());
    if (v === undefined) unknown = true;
    return v ?? '';
  });
  return unknown ? undefined : out;
}

export function hasTemplate(text: string, re: RegExp): boolean {
  return new RegExp(re.source).test(text);
}

/**
 * Templates in a script are expanded by the tool before the shell sees the text. Known values are put in
 * place; unknown ones become `${__CGO_LENS_N}`, shell variables the caller declares as set-but-unknown, so
 * words built from them resolve to "unknown" instead of to the template's literal text.
 */
export function substituteScript(script: MappedText, re: RegExp, lookup: Lookup): { text: MappedText; unknownVars: string[] } {
  const unknownVars: string[] = [];
  const text = script.replace(new RegExp(re.source, 'g'), (m) => {
    const v = lookup((m[1] ?? '').trim());
    if (v !== undefined) return v;
    const name = `__CGO_LENS_${unknownVars.length}`;
    unknownVars.push(name);
    return `\${${name}}`;
  });
  return { text, unknownVars };
}
