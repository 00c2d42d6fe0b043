import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { BuildPlan, FileKind, Location } from '../../model/types';
import { LineIndex } from '../../text/lineIndex';
import { parseBoundedYaml, type YamlAbandoned } from './depthGuard';

/** Aliases are followed at most this deep, and at most this many times per document (billion-laughs guard). */
const MAX_ALIAS_DEPTH = 8;
const MAX_ALIAS_RESOLUTIONS = 2000;
const MAX_MERGE_DEPTH = 4;

/**
 * A parsed YAML file with the helpers every YAML reader needs: alias-aware lookups (`<<: *defaults` merge keys
 * included), the string a tool sees for a scalar, and document ranges for any node.
 */
export class YamlFile {
  readonly index: LineIndex;
  readonly doc: Document.Parsed;
  /** Set when the file nests too deeply or is too broken to be parsed at all (then `doc` is empty). */
  readonly abandoned: YamlAbandoned | undefined;
  private aliasBudget = MAX_ALIAS_RESOLUTIONS;
  /** Each alias → the node it names, built on first use (see `resolve`). */
  private aliasTargets?: Map<Alias, Node | undefined>;

  constructor(readonly uri: string, readonly text: string) {
    this.index = new LineIndex(text);
    // uniqueKeys off: a duplicated key is the user's problem, not a reason to lose the rest of the file. Nesting is
    // bounded (the yaml package recurses on it): a file nested too deeply is not read at all.
    const parsed = parseBoundedYaml(text, { merge: true, uniqueKeys: false, prettyErrors: false, strict: false });
    this.doc = parsed.doc;
    this.abandoned = parsed.abandoned;
  }

  /** Parse problems as plan notes; the readers still use whatever parsed. */
  notes(): BuildPlan['notes'] {
    if (this.abandoned) return [{ message: this.abandoned.message, loc: { uri: this.uri, range: this.index.range(this.abandoned.offset, this.abandoned.offset) } }];
    return this.doc.errors.slice(0, 5).map((e) => ({
      message: `YAML parse error, the analysis covers only what parsed: ${e.message.split('\n')[0]}`,
      loc: { uri: this.uri, range: this.index.range(e.pos[0], Math.max(e.pos[0], e.pos[1])) },
    }));
  }

  get root(): YAMLMap | undefined {
    const c = this.resolve(this.doc.contents);
    return isMap(c) ? c : undefined;
  }

  /** Follow an alias to the node it names (bounded). */
  resolve(node: unknown): Node | undefined {
    let n = node;
    for (let depth = 0; isAlias(n); depth++) {
      if (depth >= MAX_ALIAS_DEPTH || this.aliasBudget-- <= 0) return undefined;
      n = (this.aliasTargets ??= aliasTargets(this.doc)).get(n);
    }
    return (n ?? undefined) as Node | undefined;
  }

  /** Key/value pairs of a map, own keys first, then keys merged in with `<<`, never a key twice. */
  entries(node: unknown, depth = 0): Pair<Node, Node>[] {
    const map = this.resolve(node);
    if (!isMap(map)) return [];
    const out: Pair<Node, Node>[] = [];
    const seen = new Set<string>();
    const merges: Node[] = [];
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const key = this.keyOf(item);
      if (key === '<<') {
        const v = this.resolve(item.value);
        if (isSeq(v)) merges.push(...(v.items as Node[]));
        else if (v) merges.push(v);
        continue;
      }
      if (key === undefined || seen.has(key)) continue;
      seen.add(key);
      out.push(item as Pair<Node, Node>);
    }
    if (depth < MAX_MERGE_DEPTH) {
      for (const m of merges) {
        for (const p of this.entries(m, depth + 1)) {
          const key = this.keyOf(p);
          if (key === undefined || seen.has(key)) continue;
          seen.add(key);
          out.push(p);
        }
      }
    }
    return out;
  }

  keyOf(pair: Pair<unknown, unknown>): string | undefined {
    const k = pair.key;
    if (isScalar(k)) return typeof k.value === 'symbol' ? '<<' : String(k.value);
    return undefined;
  }

  pair(node: unknown, key: string): Pair<Node, Node> | undefined {
    return this.entries(node).find((p) => this.keyOf(p) === key);
  }

  get(node: unknown, key: string): Node | undefined {
    return this.resolve(this.pair(node, key)?.value);
  }

  items(node: unknown): Node[] {
    const seq = this.resolve(node);
    if (!isSeq(seq)) return [];
    return (seq as YAMLSeq<unknown>).items.map((i) => this.resolve(i)).filter((i): i is Node => i !== undefined);
  }

  /** A scalar, or every scalar of a sequence (`goos: linux` and `goos: [linux]` mean the same to most tools). */
  scalars(node: unknown): Scalar[] {
    const n = this.resolve(node);
    if (isScalar(n)) return [n];
    return this.items(n).filter((i): i is Scalar => isScalar(i));
  }

  /**
   * The string a tool receives for a scalar: booleans become `true`/`false` (how Task, GitHub Actions and Go's
   * fmt print them), numbers keep their source spelling, null is empty. Undefined for maps and sequences.
   */
  str(node: unknown): string | undefined {
    const n = this.resolve(node);
    if (!isScalar(n)) return undefined;
    const v = n.value;
    if (v === null || v === undefined) return '';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number' || typeof v === 'bigint') {
      const r = n.range;
      return r && n.type === 'PLAIN' ? this.text.slice(r[0], r[1]) : String(v);
    }
    return typeof v === 'string' ? v : String(v);
  }

  /** Does the scalar hold a YAML boolean (which tools stringify to `true`/`false`)? */
  isBool(node: unknown): boolean {
    const n = this.resolve(node);
    return isScalar(n) && typeof n.value === 'boolean';
  }

  loc(node: unknown): Location | undefined {
    const n = (isPair(node) ? undefined : this.resolve(node)) as { range?: [number, number, number] | null } | undefined;
    const r = n?.range;
    if (!r) return undefined;
    return { uri: this.uri, range: this.index.range(r[0], r[1]) };
  }

  /** From the key to the end of the value (the whole `KEY: value` entry). */
  pairLoc(pair: Pair<unknown, unknown>): Location | undefined {
    const k = (pair.key as { range?: [number, number, number] } | null)?.range;
    if (!k) return undefined;
    const v = (this.resolve(pair.value) as { range?: [number, number, number] } | undefined)?.range;
    const end = v && v[1] >= k[0] ? v[1] : k[1];
    return { uri: this.uri, range: this.index.range(k[0], end) };
  }

  keyLoc(pair: Pair<unknown, unknown>): Location | undefined {
    return this.loc(pair.key);
  }
}

/**
 * Every alias of the document → the node it names: the last node anchored with its name before it in document order
 * (what yaml's `Alias.resolve(doc)` computes — but that walks the whole document on every call, copying the path at
 * each level). One iterative pre-order walk, in the order yaml's `visit` uses: a collection, then its items; a pair's
 * key, then its value.
 */
function aliasTargets(doc: Document.Parsed): Map<Alias, Node | undefined> {
  const out = new Map<Alias, Node | undefined>();
  const anchors = new Map<string, Node>();
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (isPair(n)) {
      stack.push(n.value, n.key);
      continue;
    }
    if (isAlias(n)) {
      out.set(n, anchors.get(n.source));
      continue;
    }
    if (!isScalar(n) && !isCollection(n)) continue;
    if (n.anchor) anchors.set(n.anchor, n);
    if (isCollection(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
  }
  return out;
}

export function emptyPlan(uri: string, kind: FileKind): BuildPlan {
  return { uri, kind, stages: [], invocations: [], deliveries: [], installs: [], occurrences: [], goEnvWrites: [], godebug: [], loaderSymlinks: [], notes: [], dependencies: [] };
}

export { isMap, isScalar, isSeq };
