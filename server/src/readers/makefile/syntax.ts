/**
 * A small GNU Makefile parser: one pass over the lines, linear in the size of the file.
 *
 * Hand-written on purpose: the npm Makefile parsers are unmaintained or cover only rules and plain
 * `VAR = value`; this one needs exact document offsets for every character (ranges of go commands and
 * assignments), recipe lines with their continuations kept for the shell, and the read-time details of
 * GNU make (assignment operators, `export`/`override` modifiers, target- and pattern-specific
 * variables, conditionals, `define` blocks, `.RECIPEPREFIX`).
 *
 * It only recognises syntax; values are expanded later (evaluate.ts), recipes are run later (execute.ts).
 */

/** Text cut from the Makefile with the document offset of every character. */
export interface MText {
  s: string;
  offs: number[];
  /** Document offset just after the last character. */
  end: number;
}

export type AssignOp = '=' | ':=' | '::=' | ':::=' | '?=' | '+=' | '!=';

export interface AssignSyntax {
  name: MText;
  op: AssignOp;
  value: MText;
  /** `export` modifier: true; `unexport`: false; none: undefined. */
  export?: boolean;
  override: boolean;
  /** Document offsets: the whole statement (modifiers included) and where `export ` would be inserted. */
  start: number;
  end: number;
}

export interface RuleSyntax {
  targets: MText;
  prereqs: MText;
  doubleColon: boolean;
  /** Recipe lines after make's own line handling: recipe prefix removed, `\`-newlines kept for the shell. */
  recipe: MText[];
  start: number;
  end: number;
}

export type Stmt =
  | { kind: 'assign'; a: AssignSyntax }
  | { kind: 'export'; export: boolean; names?: MText }
  | { kind: 'undefine'; name: MText }
  | { kind: 'define'; name: string; export?: boolean; override: boolean; start: number; end: number }
  | { kind: 'rule'; rule: RuleSyntax }
  | { kind: 'targetVar'; targets: MText; a: AssignSyntax }
  | { kind: 'include'; paths: MText; optional: boolean }
  | { kind: 'if' }
  | { kind: 'else' }
  | { kind: 'endif' };

export interface MakefileSyntax {
  stmts: Stmt[];
}

interface Line {
  start: number;
  /** End of the line's text, before `\r\n` / `\n`. */
  end: number;
  /** Offset of the line break (or the text length). */
  brk: number;
}

function physicalLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      if (start < text.length) out.push({ start, end: text.length, brk: text.length });
      return out;
    }
    const end = nl > start && text[nl - 1] === '\r' ? nl - 1 : nl;
    out.push({ start, end, brk: end });
    start = nl + 1;
  }
}

function continues(text: string, l: Line): boolean {
  let n = 0;
  for (let i = l.end - 1; i >= l.start && text[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/** Collects characters with their document offsets. */
class TextBuilder {
  private readonly chars: string[] = [];
  private readonly offs: number[] = [];
  push(c: string, off: number): void {
    this.chars.push(c);
    this.offs.push(off);
  }
  get length(): number {
    return this.chars.length;
  }
  done(emptyAt: number): MText {
    const n = this.offs.length;
    return { s: this.chars.join(''), offs: this.offs, end: n ? this.offs[n - 1] + 1 : emptyAt };
  }
}

/** Slice of an MText (offsets kept). */
export function slice(t: MText, a: number, b = t.s.length): MText {
  const s = t.s.slice(a, b);
  const offs = t.offs.slice(a, b);
  const end = b > a ? t.offs[b - 1] + 1 : a < t.offs.length ? t.offs[a] : t.end;
  return { s, offs, end };
}

export function trim(t: MText): MText {
  let a = 0;
  let b = t.s.length;
  while (a < b && /\s/.test(t.s[a])) a++;
  while (b > a && /\s/.test(t.s[b - 1])) b--;
  return slice(t, a, b);
}

export function startOf(t: MText): number {
  return t.offs.length ? t.offs[0] : t.end;
}

/** Index after a `$(…)`, `${…}` or `$x` reference starting at `i`; parentheses of the same kind nest. */
export function skipRef(s: string, i: number): number {
  const open = s[i + 1];
  if (open !== '(' && open !== '{') return Math.min(i + 2, s.length);
  const close = open === '(' ? ')' : '}';
  let depth = 1;
  for (let j = i + 2; j < s.length; j++) {
    if (s[j] === open) depth++;
    else if (s[j] === close && --depth === 0) return j + 1;
  }
  return s.length;
}

/**
 * A non-recipe logical line: backslash-newlines and the blanks around them become one space, a comment
 * (`#` outside variable references, not escaped) is cut off, `\#` becomes `#`.
 */
function logicalLine(text: string, lines: Line[], i: number): { t: MText; next: number } {
  const joined = new TextBuilder();
  let k = i;
  for (;;) {
    const l = lines[k];
    const cont = continues(text, l) && k + 1 < lines.length;
    let end = cont ? l.end - 1 : l.end;
    let start = l.start;
    if (k > i) while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
    if (cont) while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    for (let j = start; j < end; j++) joined.push(text[j], j);
    if (!cont) break;
    joined.push(' ', l.end - 1);
    k++;
  }
  const t = joined.done(lines[i].start);
  const s = t.s;
  // Comments: outside references; `\#` is a literal `#`.
  const out = new TextBuilder();
  for (let j = 0; j < s.length; j++) {
    const c = s[j];
    if (c === '$') {
      const e = skipRef(s, j);
      for (let x = j; x < e; x++) out.push(s[x], t.offs[x]);
      j = e - 1;
      continue;
    }
    if (c === '\\' && s[j + 1] === '#') {
      out.push('#', t.offs[j + 1]);
      j++;
      continue;
    }
    if (c === '#') break;
    out.push(c, t.offs[j]);
  }
  return { t: out.done(lines[i].start), next: k + 1 };
}

/** A recipe line: the recipe prefix removed; `\`-newline kept (the shell joins them), the next line's prefix removed. */
function recipeLine(text: string, lines: Line[], i: number, prefix: string): { t: MText; next: number } {
  return recipeText(text, lines, i, lines[i].start + 1, prefix);
}

/** Recipe text from document offset `from` on line `k`, with `\`-newlines kept and continuation prefixes removed. */
function recipeText(text: string, lines: Line[], k: number, from: number, prefix: string): { t: MText; next: number } {
  const b = new TextBuilder();
  let start = from;
  for (;;) {
    const l = lines[k];
    for (let j = start; j < l.end; j++) b.push(text[j], j);
    if (!(continues(text, l) && k + 1 < lines.length)) break;
    b.push('\n', l.brk);
    k++;
    start = lines[k].start + (text[lines[k].start] === prefix ? 1 : 0);
  }
  return { t: b.done(from), next: k + 1 };
}

const COND = /^(ifeq|ifneq|ifdef|ifndef)(\s|\(|$)/;
const MODIFIERS = new Set(['export', 'unexport', 'override', 'private']);

/** First whitespace-separated word at index `i` (after blanks): [word, index after it]. */
function wordAt(s: string, i: number): [string, number, number] {
  while (i < s.length && /\s/.test(s[i])) i++;
  const st = i;
  while (i < s.length && !/\s/.test(s[i])) i++;
  return [s.slice(st, i), st, i];
}

interface OpHit {
  kind: 'assign';
  opStart: number;
  opEnd: number;
  op: AssignOp;
}

/** The first assignment operator or rule colon at top level (outside references) from `from`. */
function scanOp(s: string, from: number): OpHit | { kind: 'colon'; at: number } | undefined {
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '$') {
      i = skipRef(s, i) - 1;
      continue;
    }
    if (c === '=') {
      let opStart = i;
      let op: AssignOp = '=';
      const p = s[i - 1];
      if (p === '?' || p === '+' || p === '!') {
        opStart = i - 1;
        op = (p + '=') as AssignOp;
      } else if (p === ':') {
        let n = 0;
        while (s[i - 1 - n] === ':') n++;
        opStart = i - n;
        op = n >= 3 ? ':::=' : n === 2 ? '::=' : ':=';
      }
      return { kind: 'assign', opStart, opEnd: i + 1, op };
    }
    if (c === ':') {
      let j = i;
      while (s[j] === ':') j++;
      if (s[j] === '=' && j - i <= 3) {
        i = j - 1;
        continue;
      }
      return { kind: 'colon', at: i };
    }
    if (c === ';') return undefined;
  }
  return undefined;
}

function validName(name: string): boolean {
  return name.length > 0 && !/\s/.test(name);
}

/** Parse an assignment in `t` from index `from` (after modifiers); undefined when it is not one. */
function assignment(t: MText, from: number, mods: { export?: boolean; override: boolean }, start: number): AssignSyntax | undefined {
  const hit = scanOp(t.s, from);
  if (!hit || hit.kind !== 'assign') return undefined;
  const name = trim(slice(t, from, hit.opStart));
  if (!validName(name.s)) return undefined;
  const value = trim(slice(t, hit.opEnd));
  return { name, op: hit.op, value, export: mods.export, override: mods.override, start, end: value.s.length ? value.end : t.offs[hit.opEnd - 1] + 1 };
}

function modifiers(s: string, from: number): { export?: boolean; override: boolean; next: number; any: boolean } {
  const out: { export?: boolean; override: boolean; next: number; any: boolean } = { override: false, next: from, any: false };
  for (;;) {
    const [w, , end] = wordAt(s, out.next);
    if (!MODIFIERS.has(w) || (end < s.length && !/\s/.test(s[end]))) return out;
    out.any = true;
    if (w === 'export') out.export = true;
    else if (w === 'unexport') out.export = false;
    else if (w === 'override') out.override = true;
    out.next = end;
  }
}

export function parseMakefile(text: string): MakefileSyntax {
  const lines = physicalLines(text);
  const stmts: Stmt[] = [];
  let prefix = '\t';
  let rule: RuleSyntax | undefined;
  let i = 0;
  while (i < lines.length) {
    const l = lines[i];
    if (rule && text[l.start] === prefix) {
      const { t, next } = recipeLine(text, lines, i, prefix);
      rule.recipe.push(t);
      i = next;
      continue;
    }
    const firstLine = i;
    const { t, next } = logicalLine(text, lines, i);
    i = next;
    const s = t.s;
    const [first, firstStart] = wordAt(s, 0);
    if (!first) continue; // blank and comment-only lines do not end a rule's recipe
    if (COND.test(s.slice(firstStart))) {
      stmts.push({ kind: 'if' });
      continue;
    }
    if (first === 'else') {
      stmts.push({ kind: 'else' });
      continue;
    }
    if (first === 'endif') {
      stmts.push({ kind: 'endif' });
      continue;
    }
    rule = undefined;
    const mods = modifiers(s, 0);
    const [w, wStart, wEnd] = wordAt(s, mods.next);
    const stmtStart = t.offs[firstStart];
    if (w === 'define') {
      const [name] = wordAt(s, wEnd);
      i = skipDefine(text, lines, i);
      stmts.push({ kind: 'define', name, export: mods.export, override: mods.override, start: stmtStart, end: t.end });
      continue;
    }
    if (!mods.any && (w === 'include' || w === '-include' || w === 'sinclude')) {
      stmts.push({ kind: 'include', paths: trim(slice(t, wEnd)), optional: w !== 'include' });
      continue;
    }
    if (!mods.any && (w === 'vpath' || w === 'load' || w === '-load' || w === 'endef')) continue;
    if (!mods.any && w === 'undefine') {
      stmts.push({ kind: 'undefine', name: trim(slice(t, wEnd)) });
      continue;
    }
    if (w === '') {
      // `export` / `unexport` alone: every variable (not) exported from here on.
      if (mods.export !== undefined) stmts.push({ kind: 'export', export: mods.export });
      continue;
    }
    const a = assignment(t, wStart, mods, stmtStart);
    if (a) {
      if (a.name.s === '.RECIPEPREFIX' && !a.value.s.includes('$')) prefix = a.value.s[0] ?? '\t';
      stmts.push({ kind: 'assign', a });
      continue;
    }
    const hit = scanOp(s, wStart);
    if (mods.export !== undefined && hit?.kind !== 'colon') {
      stmts.push({ kind: 'export', export: mods.export, names: trim(slice(t, wStart)) });
      continue;
    }
    if (hit?.kind !== 'colon') continue; // a bare function call (`$(eval …)`) or something unknown: ignored
    const colon = hit.at;
    const doubleColon = s[colon + 1] === ':';
    const targetsEnd = colon > 0 && s[colon - 1] === '&' ? colon - 1 : colon;
    const targets = trim(slice(t, firstStart, targetsEnd));
    const restStart = colon + (doubleColon ? 2 : 1);
    // Target- or pattern-specific variable: `build: CGO_ENABLED := 0`, `bin/%: export CGO_ENABLED=0`.
    const tmods = modifiers(s, restStart);
    const [, tvStart] = wordAt(s, tmods.next);
    const tv = assignment(t, tvStart, tmods, t.offs[wordAt(s, restStart)[1]] ?? t.end);
    if (tv) {
      stmts.push({ kind: 'targetVar', targets, a: tv });
      continue;
    }
    let semi = -1;
    for (let j = restStart; j < s.length; j++) {
      if (s[j] === '$') {
        j = skipRef(s, j) - 1;
        continue;
      }
      if (s[j] === ';') {
        semi = j;
        break;
      }
    }
    const prereqs = trim(slice(t, restStart, semi < 0 ? s.length : semi));
    rule = { targets, prereqs, doubleColon, recipe: [], start: stmtStart, end: t.end };
    if (semi >= 0) {
      // The recipe after `;` is the rule's first recipe line: taken from the document, since the shell (not
      // make) reads its `#` comments, and a continued line keeps its `\`-newlines.
      const at = t.offs[semi] + 1;
      let k = firstLine;
      while (k + 1 < next && lines[k + 1].start <= at) k++;
      const inline = recipeText(text, lines, k, at, prefix).t;
      if (inline.s.trim()) rule.recipe.push(inline);
    }
    stmts.push({ kind: 'rule', rule });
  }
  return { stmts };
}

/** Words that may come before a nested `define` on its line (`export define X`, `override define X`). */
const DEFINE_MODIFIERS = new Set(['export', 'override', 'unexport', 'private']);

/** Skip a `define` body up to its `endef` (nested defines counted). Returns the index of the line after it. */
function skipDefine(text: string, lines: Line[], i: number): number {
  let depth = 1;
  while (i < lines.length) {
    const line = text.slice(lines[i].start, lines[i].end).trim();
    i++;
    const words = line.split(/\s+/);
    const w = words[0];
    if (w === 'endef') {
      if (--depth === 0) return i;
    } else if (w === 'define' || (DEFINE_MODIFIERS.has(w) && words.includes('define', 1))) depth++;
  }
  return i;
}
