import { BUILD_VARS } from '../../shell/env';
import { LIMITS, type Budget } from '../commands/runContext';
import { skipRef, type MText } from './syntax';
import type { VarScope } from './vars';

/** Automatic variables of the target whose recipe runs. */
export interface Automatic {
  target?: string;
  prereqs: string[];
  orderOnly: string[];
  stem?: string;
}

export interface ExpandOptions {
  /**
   * Is make's own environment known (a Dockerfile stage)? If not, an undefined build variable
   * (`$(CGO_ENABLED)`, `$(GOARCH)`) may come from the user's environment, so it is unknown; other
   * undefined variables expand to nothing, as they usually do (`$(Q)go build`).
   */
  envKnown: boolean;
  budget: Budget;
  auto?: Automatic;
}

/** A piece of expanded recipe text: verbatim document text, or the value of a reference (`$(GO)`, `$$`). */
export interface Piece {
  text: string;
  docStart: number;
  docEnd: number;
  /** True when `text` is exactly the document text [docStart, docEnd). */
  doc: boolean;
}

/** A longer value is treated as unknown (no real build variable comes near it). */
const MAX_VALUE_CHARS = 65_536;
const AUTOMATIC = new Set(['@', '<', '^', '+', '?', '*', '|']);
const UNKNOWN_FUNCTIONS = new Set(['shell', 'wildcard', 'realpath', 'abspath', 'eval', 'call', 'file', 'guile', 'error', 'foreach', 'let', 'intcmp', 'origin', 'flavor']);
const FUNCTIONS = new Set([
  ...UNKNOWN_FUNCTIONS, 'info', 'warning', 'strip', 'subst', 'patsubst', 'findstring', 'filter', 'filter-out', 'sort', 'word', 'wordlist',
  'words', 'firstword', 'lastword', 'dir', 'notdir', 'suffix', 'basename', 'addsuffix', 'addprefix', 'join', 'if', 'or', 'and', 'value',
]);

/**
 * GNU make's expansion of `$(VAR)`, `${VAR}`, `$V`, `$$`, substitution references and the text functions
 * whose result can be known without running anything; `$(shell …)`, `$(wildcard …)` and friends are
 * unknown (undefined), never guessed.
 */
export class Expander {
  /** Variables referenced while expanding (a recipe line that mentions `$(CGO_ENABLED)` uses it). */
  readonly refs = new Set<string>();
  private readonly active = new Set<string>();

  constructor(private readonly scope: VarScope, private readonly options: ExpandOptions) {}

  private step(): boolean {
    return ++this.options.budget.expansionSteps <= LIMITS.expansionSteps;
  }

  expand(s: string | undefined): string | undefined {
    if (s === undefined || !this.step()) return undefined;
    if (!s.includes('$')) return s;
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c !== '$') {
        out += c;
        continue;
      }
      const n = s[i + 1];
      if (n === undefined) {
        out += c;
        continue;
      }
      if (n === '$') {
        out += '$';
        i++;
        continue;
      }
      let v: string | undefined;
      if (n === '(' || n === '{') {
        const end = skipRef(s, i);
        if (s[end - 1] !== (n === '(' ? ')' : '}')) return undefined;
        v = this.reference(s.slice(i + 2, end - 1));
        i = end - 1;
      } else {
        v = this.value(n);
        i++;
      }
      if (v === undefined) return undefined;
      out += v;
      // Values that double at every level (`V2 = $(V1) $(V1)`) must not grow without bound.
      if (out.length > MAX_VALUE_CHARS) return undefined;
    }
    this.options.budget.expansionSteps += Math.floor(out.length / 64);
    return out;
  }

  /** Expand a recipe line into pieces that keep their document ranges. */
  pieces(t: MText, docText: string): Piece[] {
    const out: Piece[] = [];
    const s = t.s;
    let run = -1;
    const flush = (to: number) => {
      if (run < 0 || to <= run) {
        run = -1;
        return;
      }
      out.push({ text: s.slice(run, to), docStart: t.offs[run], docEnd: t.offs[to - 1] + 1, doc: true });
      run = -1;
    };
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '$' && i + 1 < s.length) {
        flush(i);
        const n = s[i + 1];
        let end: number;
        let text: string;
        if (n === '$') {
          end = i + 2;
          text = '$';
        } else if (n === '(' || n === '{') {
          end = skipRef(s, i);
          const closed = s[end - 1] === (n === '(' ? ')' : '}');
          const body = s.slice(i + 2, closed ? end - 1 : end);
          text = (closed ? this.reference(body) : undefined) ?? placeholder(body);
        } else {
          end = i + 2;
          text = this.value(n) ?? placeholder(n);
        }
        out.push({ text, docStart: t.offs[i], docEnd: t.offs[end - 1] + 1, doc: false });
        i = end - 1;
        continue;
      }
      // Verbatim text: runs of characters that are contiguous and identical in the document.
      const verbatim = docText[t.offs[i]] === c;
      if (!verbatim) {
        flush(i);
        out.push({ text: c, docStart: t.offs[i], docEnd: t.offs[i] + 1, doc: false });
        continue;
      }
      if (run >= 0 && t.offs[i] !== t.offs[i - 1] + 1) flush(i);
      if (run < 0) run = i;
    }
    flush(s.length);
    return out;
  }

  /** The body of `$(…)`: a function call, a substitution reference or a (computed) variable name. */
  private reference(body: string): string | undefined {
    const fn = /^([a-z-]+)[ \t]/.exec(body);
    if (fn && FUNCTIONS.has(fn[1])) return this.call(fn[1], body.slice(fn[0].length));
    if (fn) return undefined; // a function this make may have (or a name with blanks): unknown
    const colon = topLevel(body, ':');
    if (colon >= 0) {
      const eq = body.indexOf('=', colon);
      if (eq >= 0) {
        const name = this.expand(body.slice(0, colon));
        const pat = this.expand(body.slice(colon + 1, eq));
        const rep = this.expand(body.slice(eq + 1));
        if (name === undefined || pat === undefined || rep === undefined) return undefined;
        const value = this.value(name.trim());
        if (value === undefined) return undefined;
        return patsubst(pat.includes('%') ? pat : `%${pat}`, pat.includes('%') ? rep : `%${rep}`, value);
      }
    }
    const name = this.expand(body);
    return name === undefined ? undefined : this.value(name.trim());
  }

  /** The value of a variable (automatic, defined, or undefined → empty unless it may come from the environment). */
  value(name: string): string | undefined {
    const auto = this.automatic(name);
    if (auto !== null) return auto;
    this.refs.add(name);
    const v = this.scope.get(name);
    if (!v) return !this.options.envKnown && BUILD_VARS.has(name) ? undefined : '';
    if (v.text === undefined) return undefined;
    if (v.flavor === 'simple') return v.text;
    if (this.active.has(name)) return undefined; // recursive reference: make would fail
    this.active.add(name);
    try {
      return this.expand(v.text);
    } finally {
      this.active.delete(name);
    }
  }

  /** null: not an automatic variable. */
  private automatic(name: string): string | undefined | null {
    const key = name.length === 2 && (name[1] === 'D' || name[1] === 'F') ? name[0] : name;
    if (!AUTOMATIC.has(key)) return null;
    const a = this.options.auto;
    if (!a) return '';
    let v: string | undefined;
    switch (key) {
      case '@':
        v = a.target;
        break;
      case '<':
        v = a.prereqs[0] ?? '';
        break;
      case '^':
        v = [...new Set(a.prereqs)].join(' ');
        break;
      case '+':
        v = a.prereqs.join(' ');
        break;
      case '|':
        v = a.orderOnly.join(' ');
        break;
      case '*':
        v = a.stem;
        break;
      default:
        v = undefined; // `$?`: which prerequisites are newer is a run-time fact
    }
    if (v === undefined || key === name) return v;
    return words(v).map((w) => (name[1] === 'D' ? dirPart(w) : w.slice(w.lastIndexOf('/') + 1))).join(' ');
  }

  private call(fn: string, argText: string): string | undefined {
    if (UNKNOWN_FUNCTIONS.has(fn)) return undefined;
    const arity: Record<string, number> = { subst: 3, patsubst: 3, findstring: 2, filter: 2, 'filter-out': 2, word: 2, wordlist: 3, addsuffix: 2, addprefix: 2, join: 2, if: 3 };
    const raw = splitArgs(argText, arity[fn] ?? (fn === 'or' || fn === 'and' ? Infinity : 1));
    const arg = (i: number) => this.expand(raw[i] ?? '');
    const all = (): string[] | undefined => {
      const out: string[] = [];
      for (let i = 0; i < raw.length; i++) {
        const v = arg(i);
        if (v === undefined) return undefined;
        out.push(v);
      }
      return out;
    };
    switch (fn) {
      case 'info':
      case 'warning':
        return '';
      case 'value': {
        const name = arg(0)?.trim();
        if (name === undefined) return undefined;
        const v = this.scope.get(name);
        return v ? v.text : '';
      }
      case 'if': {
        const cond = arg(0);
        if (cond === undefined) return undefined;
        return cond.trim() ? arg(1) : arg(2) ?? '';
      }
      case 'or': {
        for (let i = 0; i < raw.length; i++) {
          const v = arg(i);
          if (v === undefined) return undefined;
          if (v.trim()) return v;
        }
        return '';
      }
      case 'and': {
        let last = '';
        for (let i = 0; i < raw.length; i++) {
          const v = arg(i);
          if (v === undefined) return undefined;
          if (!v.trim()) return '';
          last = v;
        }
        return last;
      }
    }
    const a = all();
    if (!a) return undefined;
    switch (fn) {
      case 'strip':
        return words(a[0]).join(' ');
      case 'subst':
        return a[0] ? a[2].split(a[0]).join(a[1]) : a[2] + a[1];
      case 'patsubst':
        return patsubst(a[0].trim(), a[1].trim(), a[2]);
      case 'findstring':
        return a[1].includes(a[0]) ? a[0] : '';
      case 'filter':
      case 'filter-out': {
        const pats = words(a[0]);
        const keep = fn === 'filter';
        return words(a[1]).filter((w) => pats.some((p) => matchPattern(p, w) !== undefined) === keep).join(' ');
      }
      case 'sort':
        return [...new Set(words(a[0]))].sort().join(' ');
      case 'word': {
        const n = Number(a[0].trim());
        return Number.isInteger(n) && n > 0 ? words(a[1])[n - 1] ?? '' : undefined;
      }
      case 'wordlist': {
        const s = Number(a[0].trim());
        const e = Number(a[1].trim());
        return Number.isInteger(s) && Number.isInteger(e) && s > 0 ? words(a[2]).slice(s - 1, e).join(' ') : undefined;
      }
      case 'words':
        return String(words(a[0]).length);
      case 'firstword':
        return words(a[0])[0] ?? '';
      case 'lastword': {
        const w = words(a[0]);
        return w[w.length - 1] ?? '';
      }
      case 'dir':
        return words(a[0]).map((w) => (w.includes('/') ? w.slice(0, w.lastIndexOf('/') + 1) : './')).join(' ');
      case 'notdir':
        return words(a[0]).map((w) => w.slice(w.lastIndexOf('/') + 1)).join(' ');
      case 'suffix':
        return words(a[0]).map((w) => /\.[^./]*$/.exec(w)?.[0] ?? '').filter(Boolean).join(' ');
      case 'basename':
        return words(a[0]).map((w) => w.replace(/\.[^./]*$/, '')).join(' ');
      case 'addsuffix':
        return words(a[1]).map((w) => w + a[0].trim()).join(' ');
      case 'addprefix':
        return words(a[1]).map((w) => a[0].trim() + w).join(' ');
      case 'join': {
        const x = words(a[0]);
        const y = words(a[1]);
        return Array.from({ length: Math.max(x.length, y.length) }, (_, i) => (x[i] ?? '') + (y[i] ?? '')).join(' ');
      }
      default:
        return undefined;
    }
  }
}

/** Shell text standing for a make expansion whose value is unknown: an unresolvable command substitution. */
function placeholder(body: string): string {
  const name = /^[A-Za-z0-9_.-]+$/.test(body) ? body : '';
  return `$(:${name})`;
}

export function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

function dirPart(w: string): string {
  const i = w.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : w.slice(0, i);
}

/** The stem when `word` matches the `%` pattern (or equals a pattern without `%`); undefined otherwise. */
export function matchPattern(pattern: string, word: string): string | undefined {
  const p = pattern.indexOf('%');
  if (p < 0) return pattern === word ? '' : undefined;
  const pre = pattern.slice(0, p);
  const post = pattern.slice(p + 1);
  if (word.length < pre.length + post.length || !word.startsWith(pre) || !word.endsWith(post)) return undefined;
  return word.slice(pre.length, word.length - post.length);
}

function patsubst(pattern: string, replacement: string, text: string): string {
  return words(text)
    .map((w) => {
      const stem = matchPattern(pattern, w);
      if (stem === undefined) return w;
      const r = replacement.indexOf('%');
      return r < 0 ? replacement : replacement.slice(0, r) + stem + replacement.slice(r + 1);
    })
    .join(' ');
}

/** Index of `ch` outside references and parentheses, or -1. */
function topLevel(s: string, ch: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '$') {
      i = skipRef(s, i) - 1;
      continue;
    }
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (c === ch && depth === 0) return i;
  }
  return -1;
}

/** Function arguments: split at top-level commas, the last argument keeps any further commas. */
function splitArgs(s: string, max: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '$') {
      i = skipRef(s, i) - 1;
      continue;
    }
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (c === ',' && depth === 0 && out.length < max - 1) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}
