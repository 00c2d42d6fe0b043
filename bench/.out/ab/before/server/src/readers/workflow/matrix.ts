import { isMap, isScalar, isSeq } from 'yaml';
import type { YamlFile } from '../yaml/document';

/** One matrix combination: `matrix.goarch` → `arm64` (nested objects flattened: `matrix.platform.os`). undefined = not known statically. */
export type Combo = Record<string, string | undefined>;

/** Beyond this many combinations the matrix is treated as unknown (GitHub's own limit is 256 jobs). */
const MAX_COMBOS = 256;
/** Distinct combinations (after projection on the keys the job reads) worth reading one by one. */
const MAX_DISTINCT = 32;

/**
 * Expand `strategy.matrix` the way GitHub does: the cross product of the literal lists, minus `exclude`
 * (partial matches), plus `include` (extends matching combinations, else adds one). Only keys the job
 * actually references matter; combinations that agree on them collapse into one.
 * Returns [{}] for no matrix, and `unknown: true` when the matrix comes from an expression or is too big.
 */
export function expandMatrix(file: YamlFile, matrix: unknown, referenced: Set<string>): { combos: Combo[]; unknown: boolean } {
  const m = file.resolve(matrix);
  if (m === undefined) return { combos: [{}], unknown: false };
  if (!isMap(m)) return { combos: [{}], unknown: true };
  const axes: [string, Combo[]][] = [];
  let include: Combo[] = [];
  let exclude: Combo[] = [];
  for (const pair of file.entries(m)) {
    const key = file.keyOf(pair);
    if (!key) continue;
    const v = file.resolve(pair.value);
    if (key === 'include') include = file.items(v).map((i) => flatten(file, i, ''));
    else if (key === 'exclude') exclude = file.items(v).map((i) => flatten(file, i, ''));
    else if (isSeq(v)) axes.push([key, file.items(v).map((i) => flatten(file, i, key))]);
    else return { combos: [{}], unknown: true }; // `${{ fromJSON(...) }}` and friends
  }
  let combos: Combo[] = [{}];
  for (const [, values] of axes) {
    const next: Combo[] = [];
    for (const c of combos) for (const v of values) next.push({ ...c, ...v });
    if (next.length > MAX_COMBOS) return { combos: [{}], unknown: true };
    combos = next;
  }
  if (axes.length === 0) combos = [];
  combos = combos.filter((c) => !exclude.some((x) => matches(c, x)));
  const axisKeys = new Set(axes.flatMap(([, vs]) => vs.flatMap((v) => Object.keys(v))));
  for (const inc of include) {
    let extended = false;
    for (const c of combos) {
      const original = Object.keys(inc).filter((k) => axisKeys.has(k));
      if (original.every((k) => c[k] === inc[k])) {
        for (const [k, v] of Object.entries(inc)) if (!axisKeys.has(k)) c[k] = v;
        extended = true;
      }
    }
    if (!extended) combos.push({ ...inc });
  }
  if (combos.length === 0) combos = [{}];
  // Collapse combinations that differ only in keys the job never reads.
  const seen = new Set<string>();
  const out: Combo[] = [];
  for (const c of combos) {
    const key = [...referenced].sort().map((k) => `${k}=${c[k] ?? '\u0000'}`).join('\u0001');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  // Each combination re-reads the job's scripts: beyond a few dozen distinct ones, say "unknown" instead.
  if (out.length > MAX_DISTINCT) return { combos: [{}], unknown: true };
  return { combos: out, unknown: false };
}

function flatten(file: YamlFile, node: unknown, prefix: string): Combo {
  const v = file.resolve(node);
  if (isScalar(v)) return prefix ? { [prefix]: file.str(v) } : {};
  if (!isMap(v)) return prefix ? { [prefix]: undefined } : {};
  const out: Combo = {};
  for (const pair of file.entries(v)) {
    const key = file.keyOf(pair);
    if (!key) continue;
    Object.assign(out, flatten(file, pair.value, prefix ? `${prefix}.${key}` : key));
  }
  return out;
}

function matches(c: Combo, partial: Combo): boolean {
  return Object.entries(partial).every(([k, v]) => c[k] === v);
}

/** `matrix.<key>` references in a piece of the workflow text. */
export function matrixReferences(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\bmatrix\.([A-Za-z0-9_.-]+)/g)) out.add(m[1].replace(/\.$/, ''));
  return out;
}
