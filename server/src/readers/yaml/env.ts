import { isMap, isScalar, type Scalar } from 'yaml';
import type { BuildPlan, EnvValue, Location, OriginKind } from '../../model/types';
import { BUILD_VARS } from '../../shell/env';
import type { YamlFile } from './document';
import { MappedText } from './mapped';
import { evaluate, type Lookup, type TemplateSyntax } from './templates';

/** Variables worth recording as occurrences (hovers, CGO205). */
export function tracked(name: string): boolean {
  return BUILD_VARS.has(name) || name === 'GODEBUG';
}

export interface EnvReadOptions {
  origin: OriginKind;
  /** "`env:` of job `build`" — completed with the line by the reader. */
  describe: (line: number) => string;
  /** Template syntax of the file and how to resolve an expression; absent: values are literal. */
  template?: { syntax: TemplateSyntax; lookup: Lookup };
}

/** Templates inside a value: the value when every template is known, else undefined (known only at run time). */
function valueOf(text: string, o: EnvReadOptions): string | undefined {
  return o.template ? evaluate(text, o.template.syntax, o.template.lookup) : text;
}

/**
 * An `env:` mapping (GitHub Actions, Task). A YAML boolean reaches the process as `true`/`false`
 * (cgo-facts A11); a nested mapping (Task's `{sh: …}`) is computed at run time.
 */
export function readEnvMap(file: YamlFile, node: unknown, o: EnvReadOptions): EnvValue[] {
  const out: EnvValue[] = [];
  for (const pair of file.entries(node)) {
    const name = file.keyOf(pair);
    if (!name) continue;
    const loc = file.pairLoc(pair);
    if (!loc) continue;
    const v = file.resolve(pair.value);
    const raw = file.str(v);
    const value = raw === undefined ? undefined : isScalar(v) && typeof v.value === 'string' ? valueOf(raw, o) : raw;
    const valueLoc = file.loc(v) ?? { uri: loc.uri, range: { start: loc.range.end, end: loc.range.end } };
    out.push({
      name, value, origin: o.origin, loc, valueLoc, describe: o.describe(loc.range.start.line + 1),
      raw: raw !== undefined && raw !== value ? raw : isMap(v) ? '(computed by a command)' : undefined,
    });
  }
  return out;
}

/** A `K=V` string (goreleaser `env:` items, `$GITHUB_ENV` lines): name, value and exact ranges. */
export function parseAssignment(m: MappedText, o: EnvReadOptions): EnvValue | undefined {
  const text = m.text;
  const eq = text.indexOf('=');
  if (eq <= 0) return undefined;
  const name = text.slice(0, eq).trim();
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
  const rawValue = text.slice(eq + 1);
  const value = valueOf(rawValue, o);
  const loc = m.whole();
  return {
    name, value, origin: o.origin, loc, valueLoc: m.loc(eq + 1, text.length), describe: o.describe(loc.range.start.line + 1),
    raw: rawValue !== value ? rawValue : undefined,
  };
}

/** A list of `K=V` strings (goreleaser `env:`). */
export function readEnvList(file: YamlFile, node: unknown, o: EnvReadOptions): EnvValue[] {
  const out: EnvValue[] = [];
  for (const item of file.scalars(node)) {
    const m = MappedText.fromScalar(file.uri, file.index, item as Scalar);
    const a = m && parseAssignment(m, o);
    if (a) out.push(a);
  }
  return out;
}

/** Record assignments of build variables as occurrences (once per place, however often a reader visits it). */
export function recordOccurrences(plan: BuildPlan, values: EnvValue[]): void {
  for (const v of values) {
    if (!tracked(v.name) || !v.loc) continue;
    if (plan.occurrences.some((o) => o.name === v.name && sameLoc(o.loc, v.loc!))) continue;
    // GODEBUG here configures build-time processes, not the shipped binary: an occurrence, never plan.godebug.
    plan.occurrences.push({ name: v.name, kind: 'assignment', value: v.value, loc: v.loc, valueLoc: v.valueLoc });
  }
}

export function sameLoc(a: Location, b: Location): boolean {
  return a.uri === b.uri && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}

/** Later layers win: `layer(workflow, job, step)`. */
export function layer(...layers: EnvValue[][]): Record<string, EnvValue> {
  const out: Record<string, EnvValue> = {};
  for (const l of layers) for (const v of l) out[v.name] = v;
  return out;
}
