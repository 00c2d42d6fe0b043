#!/usr/bin/env node
// Check every regular expression in server/src/** and client/src/** for super-linear backtracking (ReDoS).
//
//   node scripts/check-regex.mjs [--json] [DIR ...]      exit 1 when a regex is flagged
//
// Regexes are found with the TypeScript compiler API: regex literals, and `new RegExp(…)` / `RegExp(…)` whose pattern
// is a string literal (a pattern built at run time is listed as "dynamic", unchecked). Each pattern is parsed into a
// small AST and checked for the shapes that make a backtracking engine (V8's Irregexp) exponential or polynomial:
//
//   nested      an unbounded quantifier over a body that can match empty (`(a*)*`), or whose own unbounded
//               quantifier can end an iteration on a character that can also start the next one (`(a+)+`,
//               `(\s*x\s*)*`) — exponential;
//   alternation an unbounded quantifier over alternatives that can start with the same character (`(a|a)*`,
//               `(\\.|[^"])*`) — exponential;
//   adjacent    two unbounded quantifiers in sequence, with only optional items between them, over overlapping
//               characters (`.*.*`, `\s*\s+`, `\d+\d*`) — polynomial (quadratic per pair); reported separately.
//
// Character sets are compared on a sample alphabet (ASCII plus a few non-ASCII and line-terminator characters): a
// sound approximation for overlap, cheap, and enough for the shapes above.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ts = require('typescript');

// ---- sample alphabet -----------------------------------------------------------------------------------------------
const SAMPLES = [];
for (let c = 0; c < 128; c++) SAMPLES.push(c);
SAMPLES.push(0xa0, 0xe9, 0x2028, 0x2029, 0xfeff, 0x3000, 0x4e2d, 0xd83d, 0xde00);
const ALL = () => new Set(SAMPLES);
const isDigit = (c) => c >= 48 && c <= 57;
const isWord = (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace = (c) => [9, 10, 11, 12, 13, 32, 0xa0, 0x2028, 0x2029, 0xfeff, 0x3000].includes(c);
const isLineTerm = (c) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const setOf = (pred) => new Set(SAMPLES.filter(pred));
const overlap = (a, b) => {
  for (const x of a) if (b.has(x)) return true;
  return false;
};
const union = (...sets) => {
  const out = new Set();
  for (const s of sets) for (const x of s) out.add(x);
  return out;
};

// ---- parser ----------------------------------------------------------------------------------------------------------
class Parser {
  constructor(src, flags) {
    this.s = src;
    this.i = 0;
    this.flags = flags;
    this.ci = flags.includes('i');
  }
  parse() {
    const n = this.alt();
    if (this.i < this.s.length) throw new Error(`unexpected "${this.s[this.i]}" at ${this.i}`);
    return n;
  }
  alt() {
    const alts = [this.seq()];
    while (this.s[this.i] === '|') {
      this.i++;
      alts.push(this.seq());
    }
    return alts.length === 1 ? alts[0] : { type: 'alt', alts };
  }
  seq() {
    const items = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') items.push(this.quantified());
    return { type: 'seq', items };
  }
  quantified() {
    let atom = this.atom();
    for (;;) {
      const c = this.s[this.i];
      let min;
      let max;
      if (c === '*') [min, max] = [0, Infinity];
      else if (c === '+') [min, max] = [1, Infinity];
      else if (c === '?') [min, max] = [0, 1];
      else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
        if (!m) return atom; // a literal brace
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        this.i += m[0].length - 1;
      } else return atom;
      this.i++;
      if (this.s[this.i] === '?') this.i++; // lazy: same backtracking space
      atom = { type: 'quant', body: atom, min, max };
    }
  }
  atom() {
    const c = this.s[this.i];
    if (c === '(') {
      this.i++;
      let kind = 'group';
      if (this.s.startsWith('?:', this.i)) this.i += 2;
      else if (this.s.startsWith('?=', this.i) || this.s.startsWith('?!', this.i)) {
        this.i += 2;
        kind = 'look';
      } else if (this.s.startsWith('?<=', this.i) || this.s.startsWith('?<!', this.i)) {
        this.i += 3;
        kind = 'look';
      } else if (this.s.startsWith('?<', this.i)) this.i = this.s.indexOf('>', this.i) + 1;
      const body = this.alt();
      if (this.s[this.i] !== ')') throw new Error('unterminated group');
      this.i++;
      return kind === 'look' ? { type: 'look', body } : { type: 'group', body };
    }
    if (c === '[') return this.cls();
    if (c === '.') {
      this.i++;
      return { type: 'char', set: this.flags.includes('s') ? ALL() : setOf((x) => !isLineTerm(x)) };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { type: 'assert' };
    }
    if (c === '\\') return this.escape(false);
    this.i++;
    return { type: 'char', set: this.literal(c.codePointAt(0)) };
  }
  literal(code) {
    const s = new Set([code]);
    if (this.ci) {
      const ch = String.fromCodePoint(code);
      s.add(ch.toLowerCase().codePointAt(0));
      s.add(ch.toUpperCase().codePointAt(0));
    }
    return s;
  }
  /** An escape; in a class, `\b` is backspace and assertions do not exist. */
  escape(inClass) {
    this.i++;
    const c = this.s[this.i++];
    switch (c) {
      case 'd': return { type: 'char', set: setOf(isDigit) };
      case 'D': return { type: 'char', set: setOf((x) => !isDigit(x)) };
      case 'w': return { type: 'char', set: setOf(isWord) };
      case 'W': return { type: 'char', set: setOf((x) => !isWord(x)) };
      case 's': return { type: 'char', set: setOf(isSpace) };
      case 'S': return { type: 'char', set: setOf((x) => !isSpace(x)) };
      case 'b': return inClass ? { type: 'char', set: new Set([8]) } : { type: 'assert' };
      case 'B': return { type: 'assert' };
      case 'n': return { type: 'char', set: new Set([10]) };
      case 'r': return { type: 'char', set: new Set([13]) };
      case 't': return { type: 'char', set: new Set([9]) };
      case 'v': return { type: 'char', set: new Set([11]) };
      case 'f': return { type: 'char', set: new Set([12]) };
      case '0': return { type: 'char', set: new Set([0]) };
      case 'c': this.i++; return { type: 'char', set: new Set([this.s.charCodeAt(this.i - 1) % 32]) };
      case 'x': {
        const code = parseInt(this.s.slice(this.i, this.i + 2), 16);
        this.i += 2;
        return { type: 'char', set: this.literal(code) };
      }
      case 'u': {
        let code;
        if (this.s[this.i] === '{') {
          const end = this.s.indexOf('}', this.i);
          code = parseInt(this.s.slice(this.i + 1, end), 16);
          this.i = end + 1;
        } else {
          code = parseInt(this.s.slice(this.i, this.i + 4), 16);
          this.i += 4;
        }
        return { type: 'char', set: this.literal(code) };
      }
      case 'p':
      case 'P': {
        const end = this.s.indexOf('}', this.i);
        this.i = end + 1;
        return { type: 'char', set: ALL() }; // Unicode property: assume anything
      }
      case 'k': {
        this.i = this.s.indexOf('>', this.i) + 1;
        return { type: 'backref' };
      }
      default:
        if (/[1-9]/.test(c) && !inClass) {
          while (/\d/.test(this.s[this.i] ?? '')) this.i++;
          return { type: 'backref' };
        }
        return { type: 'char', set: this.literal(c.codePointAt(0)) };
    }
  }
  cls() {
    this.i++;
    let negate = false;
    if (this.s[this.i] === '^') {
      negate = true;
      this.i++;
    }
    const set = new Set();
    let first = true;
    while (this.i < this.s.length && (this.s[this.i] !== ']' || (first && false))) {
      first = false;
      let lo;
      if (this.s[this.i] === '\\') {
        const e = this.escape(true);
        if (e.set.size !== 1) {
          for (const x of e.set) set.add(x);
          continue;
        }
        lo = [...e.set][0];
      } else lo = this.s.codePointAt(this.i++);
      if (this.s[this.i] === '-' && this.s[this.i + 1] !== ']' && this.i + 1 < this.s.length) {
        this.i++;
        let hi;
        if (this.s[this.i] === '\\') hi = [...this.escape(true).set][0];
        else hi = this.s.codePointAt(this.i++);
        for (const x of SAMPLES) if (x >= lo && x <= hi) set.add(x);
        if (this.ci) for (const x of SAMPLES) {
          const ch = String.fromCodePoint(x);
          const l = ch.toLowerCase().codePointAt(0);
          const u = ch.toUpperCase().codePointAt(0);
          if ((l >= lo && l <= hi) || (u >= lo && u <= hi)) set.add(x);
        }
      } else for (const x of this.literal(lo)) set.add(x);
    }
    if (this.s[this.i] !== ']') throw new Error('unterminated class');
    this.i++;
    return { type: 'char', set: negate ? setOf((x) => !set.has(x)) : set };
  }
}

// ---- properties ------------------------------------------------------------------------------------------------------
function nullable(n) {
  switch (n.type) {
    case 'char': return false;
    case 'seq': return n.items.every(nullable);
    case 'alt': return n.alts.some(nullable);
    case 'group': return nullable(n.body);
    case 'quant': return n.min === 0 || nullable(n.body);
    default: return true; // assert, look, backref (may match empty)
  }
}
function first(n) {
  switch (n.type) {
    case 'char': return n.set;
    case 'seq': {
      const out = new Set();
      for (const it of n.items) {
        for (const x of first(it)) out.add(x);
        if (!nullable(it)) break;
      }
      return out;
    }
    case 'alt': return union(...n.alts.map(first));
    case 'group':
    case 'quant': return first(n.body);
    case 'backref': return ALL();
    default: return new Set();
  }
}
function last(n) {
  switch (n.type) {
    case 'char': return n.set;
    case 'seq': {
      const out = new Set();
      for (let i = n.items.length - 1; i >= 0; i--) {
        for (const x of last(n.items[i])) out.add(x);
        if (!nullable(n.items[i])) break;
      }
      return out;
    }
    case 'alt': return union(...n.alts.map(last));
    case 'group':
    case 'quant': return last(n.body);
    case 'backref': return ALL();
    default: return new Set();
  }
}
/** Can matching `n` fail after its earlier items matched (anything non-empty, or an assertion such as `$`)? */
function canFail(n) {
  switch (n.type) {
    case 'char': return true;
    case 'seq': return n.items.some(canFail);
    case 'alt': return n.alts.every(canFail);
    case 'group': return canFail(n.body);
    case 'quant': return n.min > 0 && canFail(n.body);
    default: return true; // assertions, lookarounds, backreferences
  }
}
function chars(n) {
  switch (n.type) {
    case 'char': return n.set;
    case 'seq': return union(...n.items.map(chars));
    case 'alt': return union(...n.alts.map(chars));
    case 'group':
    case 'quant': return chars(n.body);
    case 'backref': return ALL();
    default: return new Set();
  }
}
/** Unbounded quantifiers that can match the last characters of `n` (everything after them may match empty). */
function trailingUnbounded(n) {
  switch (n.type) {
    case 'seq': {
      const out = [];
      for (let i = n.items.length - 1; i >= 0; i--) {
        out.push(...trailingUnbounded(n.items[i]));
        if (!nullable(n.items[i])) break;
      }
      return out;
    }
    case 'alt': return n.alts.flatMap(trailingUnbounded);
    case 'group': return trailingUnbounded(n.body);
    case 'quant': return [...(n.max === Infinity ? [n] : []), ...trailingUnbounded(n.body)];
    default: return [];
  }
}
function unwrap(n) {
  while (n.type === 'group' || (n.type === 'seq' && n.items.length === 1)) n = n.type === 'group' ? n.body : n.items[0];
  return n;
}
/** Can `n` end with an unbounded quantifier (possibly behind optional items)? Used for adjacency. */
function endsUnbounded(n) {
  return trailingUnbounded(n).length > 0;
}
function leadingUnbounded(n) {
  switch (n.type) {
    case 'seq': {
      const out = [];
      for (const it of n.items) {
        out.push(...leadingUnbounded(it));
        if (!nullable(it)) break;
      }
      return out;
    }
    case 'alt': return n.alts.flatMap(leadingUnbounded);
    case 'group': return leadingUnbounded(n.body);
    case 'quant': return [...(n.max === Infinity ? [n] : []), ...leadingUnbounded(n.body)];
    default: return [];
  }
}

function analyse(root) {
  const problems = [];
  const add = (kind, why) => {
    if (!problems.some((p) => p.kind === kind && p.why === why)) problems.push({ kind, why });
  };
  // `restCanFail`: whether what follows the node (up to the end of the pattern) can fail, which is what makes an
  // ambiguous split cost backtracking: with nothing after it that can fail, the first split found is the match.
  const visit = (n, restCanFail) => {
    switch (n.type) {
      case 'seq': {
        const failAfter = n.items.map((_, k) => restCanFail || n.items.slice(k + 1).some(canFail));
        n.items.forEach((it, k) => visit(it, failAfter[k]));
        // adjacent: unbounded … (optional items) … unbounded, where one character at the boundary can go to either.
        for (let i = 0; i < n.items.length; i++) {
          const tails = trailingUnbounded(n.items[i]);
          if (!tails.length) continue;
          for (let j = i + 1; j < n.items.length; j++) {
            if (failAfter[j]) {
              for (const head of leadingUnbounded(n.items[j])) {
                for (const tail of tails) {
                  if (overlap(last(tail.body), first(head.body))) add('adjacent', 'two unbounded quantifiers in a row can split the same characters, and what follows can fail (polynomial)');
                }
              }
            }
            if (!nullable(n.items[j])) break;
          }
        }
        break;
      }
      case 'alt': n.alts.forEach((a) => visit(a, restCanFail)); break;
      case 'group': visit(n.body, restCanFail); break;
      case 'look': visit(n.body, false); break;
      case 'quant': {
        visit(n.body, true);
        if (n.max !== Infinity) break;
        const body = n.body;
        if (nullable(body)) add('nested', 'an unbounded quantifier repeats a pattern that can match the empty string');
        else {
          const f = first(body);
          for (const inner of trailingUnbounded(body)) {
            if (overlap(chars(inner.body), f)) add('nested', 'nested unbounded quantifiers: one iteration can end on characters the next can start with');
          }
        }
        const u = unwrap(body);
        if (u.type === 'alt') {
          const firsts = u.alts.map(first);
          for (let a = 0; a < firsts.length; a++)
            for (let b = a + 1; b < firsts.length; b++)
              if (overlap(firsts[a], firsts[b])) add('alternation', 'an unbounded quantifier repeats alternatives that can start with the same character');
        }
        break;
      }
      default:
    }
  };
  visit(root, false);
  return problems;
}

export function checkPattern(source, flags = '') {
  const ast = new Parser(source, flags).parse();
  return analyse(ast);
}

// ---- extraction ------------------------------------------------------------------------------------------------------
function walkTs(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) walkTs(abs, out);
    else if (/\.(ts|tsx|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(abs);
  }
  return out;
}

export function extractRegexes(file) {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out = [];
  const pos = (node) => {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return { line: line + 1, column: character + 1 };
  };
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const t = node.getText(sf);
      const end = t.lastIndexOf('/');
      out.push({ ...pos(node), source: t.slice(1, end), flags: t.slice(end + 1), how: 'literal' });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [p, f] = node.arguments ?? [];
      const lit = (x) => (x && (ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x)) ? x.text : undefined);
      if (lit(p) !== undefined) out.push({ ...pos(node), source: lit(p), flags: lit(f) ?? '', how: 'RegExp' });
      else out.push({ ...pos(node), source: p ? p.getText(sf) : '', flags: '', how: 'dynamic' });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function main() {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const dirs = argv.filter((a) => !a.startsWith('--'));
  const roots = (dirs.length ? dirs : ['server/src', 'client/src']).map((d) => path.resolve(root, d));
  const results = [];
  let checked = 0;
  for (const file of roots.flatMap((d) => walkTs(d))) {
    for (const r of extractRegexes(file)) {
      const where = `${path.relative(root, file)}:${r.line}:${r.column}`;
      if (r.how === 'dynamic') {
        results.push({ where, pattern: r.source, flags: '', kind: 'dynamic', why: 'pattern built at run time: not checked' });
        continue;
      }
      checked++;
      let problems;
      try {
        problems = checkPattern(r.source, r.flags);
      } catch (err) {
        results.push({ where, pattern: r.source, flags: r.flags, kind: 'unparsed', why: `could not parse: ${err.message}` });
        continue;
      }
      for (const p of problems) results.push({ where, pattern: r.source, flags: r.flags, kind: p.kind, why: p.why });
    }
  }
  const flagged = results.filter((r) => r.kind !== 'dynamic');
  if (json) process.stdout.write(JSON.stringify({ checked, results }, null, 2) + '\n');
  else {
    for (const r of results) process.stdout.write(`${r.where}  ${r.kind.padEnd(11)} /${r.pattern}/${r.flags}  — ${r.why}\n`);
    process.stdout.write(`${checked} regular expressions checked, ${flagged.length} flagged, ${results.length - flagged.length} dynamic\n`);
  }
  process.exitCode = flagged.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main();
