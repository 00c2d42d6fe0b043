// A light lexical scan of one Go source file: no parser, no type information. Comments, interpreted and raw strings
// and rune literals are tokenised properly (so `import "C"` inside a comment or a string never counts); the package
// clause, the import declarations and the build constraints are read from the token stream, and a handful of calls
// that matter at run time in a container are found as `pkg.Name` selectors on the file's own import names.
import type { Range } from '../../model/types';

export interface GoImport {
  path: string;
  /** The local name when one is written (`_`, `.`, an alias). */
  name?: string;
  /** The import path's string literal, quotes included. */
  range: Range;
}

export type GoUseKind = 'timezone' | 'osUser' | 'plugin' | 'httpClient' | 'tlsClient';

export interface GoUse {
  kind: GoUseKind;
  /** As written with the standard package name: `time.LoadLocation`, `http.Get`. */
  name: string;
  range: Range;
  /** httpClient: the URL is a literal `http://…` (no TLS involved). */
  plainHttp?: boolean;
}

export interface GoFileFacts {
  packageName?: string;
  imports: GoImport[];
  /** The `"C"` of `import "C"` when the file uses cgo. */
  importsC?: Range;
  /** `//go:build` expression (the text after the directive), when the file has one. */
  goBuild?: string;
  /** Legacy `// +build` lines (used only without `//go:build`). */
  plusBuild: string[];
  uses: GoUse[];
}

type TokKind = 'ident' | 'string' | 'punct' | 'other';
interface Tok {
  kind: TokKind;
  text: string;
  /** For strings: the decoded value (approximately: escapes are kept as the escaped character). */
  value?: string;
  start: number;
  end: number;
}

/** The standard packages whose calls are tracked, with the calls (selector names) and what they mean. */
const TRACKED: Record<string, { pkg: string; names: Record<string, GoUseKind> }> = {
  time: { pkg: 'time', names: { LoadLocation: 'timezone' } },
  'os/user': { pkg: 'user', names: { Current: 'osUser', Lookup: 'osUser', LookupId: 'osUser', LookupGroup: 'osUser', LookupGroupId: 'osUser' } },
  plugin: { pkg: 'plugin', names: { Open: 'plugin' } },
  'net/http': {
    pkg: 'http',
    names: {
      Get: 'httpClient', Post: 'httpClient', Head: 'httpClient', PostForm: 'httpClient', NewRequest: 'httpClient',
      NewRequestWithContext: 'httpClient', DefaultClient: 'httpClient', Client: 'httpClient', Transport: 'httpClient', DefaultTransport: 'httpClient',
    },
  },
  'crypto/tls': { pkg: 'tls', names: { Dial: 'tlsClient', DialWithDialer: 'tlsClient', Client: 'tlsClient', Dialer: 'tlsClient' } },
};

/** Which argument of an HTTP client call is the URL (0-based). */
const URL_ARG: Record<string, number> = { Get: 0, Post: 0, Head: 0, PostForm: 0, NewRequest: 1, NewRequestWithContext: 2 };

/** time.LoadLocation arguments that never read the zoneinfo database. */
const NO_ZONEINFO = new Set(['', 'UTC', 'Local']);

function skipBlanks(s: string, i: number): number {
  while (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9) i++;
  return i;
}

/**
 * The arguments of a `//go:build` / `// +build` comment: `name` at `at` (after the `//`), then at least one blank, then
 * the rest without surrounding whitespace; undefined when the comment is not that directive. A scan, not
 * `/^\/\/go:build[ \t]+(.*?)\s*$/`: that backtracks quadratically on a long run of blanks before a last word.
 */
function directiveArgs(comment: string, at: number, name: string): string | undefined {
  if (!comment.startsWith('//') || !comment.startsWith(name, at)) return undefined;
  const start = at + name.length;
  const args = skipBlanks(comment, start);
  if (args === start) return undefined;
  const value = comment.slice(args).trimEnd();
  return /[\n\r\u2028\u2029]/.test(value) ? undefined : value;
}

export function scanGoSource(text: string): GoFileFacts {
  const lineStarts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lineStarts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      lineStarts.push(i + 1);
    }
  }
  const pos = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - lineStarts[lo] };
  };
  const range = (start: number, end: number): Range => ({ start: pos(start), end: pos(end) });

  const facts: GoFileFacts = { imports: [], plusBuild: [], uses: [] };
  const toks = tokenize(text, (comment, atLineStart, beforeCode) => {
    if (!beforeCode || !atLineStart) return;
    const goBuild = directiveArgs(comment, 2, 'go:build');
    if (goBuild !== undefined) facts.goBuild ??= goBuild;
    const plusBuild = directiveArgs(comment, skipBlanks(comment, 2), '+build');
    if (plusBuild !== undefined) facts.plusBuild.push(plusBuild);
  });

  let i = 0;
  if (toks[i]?.kind === 'ident' && toks[i].text === 'package' && toks[i + 1]?.kind === 'ident') {
    facts.packageName = toks[i + 1].text;
    i += 2;
  } else {
    return facts;
  }
  while (toks[i]?.text === ';') i++;
  // Import declarations come right after the package clause.
  while (toks[i]?.kind === 'ident' && toks[i].text === 'import') {
    i++;
    const one = (): boolean => {
      let name: string | undefined;
      if (toks[i] && (toks[i].kind === 'ident' || toks[i].text === '.')) {
        name = toks[i].text;
        i++;
      }
      const lit = toks[i];
      if (!lit || lit.kind !== 'string') return false;
      i++;
      const r = range(lit.start, lit.end);
      facts.imports.push({ path: lit.value ?? '', ...(name !== undefined ? { name } : {}), range: r });
      if (lit.value === 'C') facts.importsC ??= r;
      return true;
    };
    if (toks[i]?.text === '(') {
      i++;
      let guard = 0;
      while (i < toks.length && toks[i].text !== ')' && guard++ < 100_000) {
        if (toks[i].text === ';') {
          i++;
          continue;
        }
        if (!one()) i++;
      }
      i++;
    } else {
      one();
    }
    while (toks[i]?.text === ';') i++;
  }

  // Local names of the tracked standard packages in this file.
  const local = new Map<string, { path: string; pkg: string }>();
  for (const imp of facts.imports) {
    const t = TRACKED[imp.path];
    if (!t || imp.name === '_' || imp.name === '.') continue;
    local.set(imp.name ?? t.pkg, { path: imp.path, pkg: t.pkg });
  }
  if (local.size === 0) return facts;
  for (; i + 2 < toks.length; i++) {
    const a = toks[i];
    if (a.kind !== 'ident' || toks[i + 1].text !== '.' || toks[i + 2].kind !== 'ident') continue;
    // `x.time.LoadLocation` is a field, not the package.
    if (i > 0 && toks[i - 1].text === '.') continue;
    const imp = local.get(a.text);
    if (!imp) continue;
    const sel = toks[i + 2].text;
    const kind = TRACKED[imp.path].names[sel];
    if (!kind) continue;
    const use: GoUse = { kind, name: `${imp.pkg}.${sel}`, range: range(a.start, toks[i + 2].end) };
    const args = toks[i + 3]?.text === '(' ? callArgs(toks, i + 3) : undefined;
    if (kind === 'timezone' && args) {
      const first = args[0];
      if (first?.kind === 'string' && args.length === 1 && NO_ZONEINFO.has(first.value ?? '')) continue;
    }
    if (kind === 'httpClient' && args && URL_ARG[sel] !== undefined) {
      const url = args[URL_ARG[sel]];
      if (url?.kind === 'string' && /^http:\/\//i.test(url.value ?? '')) use.plainHttp = true;
    }
    facts.uses.push(use);
    i += 2;
  }
  return facts;
}

/**
 * The first token of each argument of the call whose `(` is at `open`, when that argument is a single token
 * (otherwise a placeholder of kind 'other'). Looks at most a few hundred tokens ahead.
 */
function callArgs(toks: Tok[], open: number): Tok[] {
  const out: Tok[] = [];
  let depth = 0;
  let argStart = open + 1;
  const limit = Math.min(toks.length, open + 400);
  for (let k = open; k < limit; k++) {
    const t = toks[k].text;
    if (t === '(' || t === '[' || t === '{') depth++;
    else if (t === ')' || t === ']' || t === '}') {
      depth--;
      if (depth === 0) {
        if (k > argStart) out.push(k === argStart + 1 ? toks[argStart] : { kind: 'other', text: '', start: 0, end: 0 });
        return out;
      }
    } else if (t === ',' && depth === 1) {
      out.push(k === argStart + 1 ? toks[argStart] : { kind: 'other', text: '', start: 0, end: 0 });
      argStart = k + 1;
    }
  }
  return out;
}

/**
 * Tokens of Go source. Comments are reported through `onComment` (with whether they start their line and whether
 * any code came before them) and dropped. Newlines become `;` tokens only where Go would insert a semicolon
 * after an identifier, literal or closing bracket — enough to end an import spec.
 */
function tokenize(text: string, onComment: (comment: string, atLineStart: boolean, beforeCode: boolean) => void): Tok[] {
  const toks: Tok[] = [];
  const n = text.length;
  let i = 0;
  let lineHasCode = false;
  let sawCode = false;
  const pushSemi = (at: number) => {
    const last = toks[toks.length - 1];
    if (last && (last.kind === 'ident' || last.kind === 'string' || last.kind === 'other' || last.text === ')' || last.text === ']' || last.text === '}')) {
      toks.push({ kind: 'punct', text: ';', start: at, end: at });
    }
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      pushSemi(i);
      lineHasCode = false;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 0xfeff || c === 12 || c === 11) {
      i++;
      continue;
    }
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      let e = i + 2;
      while (e < n && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
      onComment(text.slice(i, e), !lineHasCode, !sawCode);
      i = e;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const e = text.indexOf('*/', i + 2);
      const end = e < 0 ? n : e + 2;
      // A block comment containing a newline acts like a newline.
      if (/[\r\n]/.test(text.slice(i, end))) {
        pushSemi(i);
        lineHasCode = false;
      }
      i = end;
      continue;
    }
    lineHasCode = true;
    sawCode = true;
    const start = i;
    if (c === 34 /* " */) {
      i++;
      let value = '';
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 34 || d === 10 || d === 13) break;
        if (d === 92 /* \ */ && i + 1 < n) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        value += text[i];
        i++;
      }
      if (text.charCodeAt(i) === 34) i++;
      toks.push({ kind: 'string', text: text.slice(start, i), value, start, end: i });
      continue;
    }
    if (c === 96 /* ` */) {
      const e = text.indexOf('`', i + 1);
      i = e < 0 ? n : e + 1;
      toks.push({ kind: 'string', text: text.slice(start, i), value: text.slice(start + 1, e < 0 ? n : e), start, end: i });
      continue;
    }
    if (c === 39 /* ' */) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 39 || d === 10 || d === 13) break;
        i += d === 92 ? 2 : 1;
      }
      if (text.charCodeAt(i) === 39) i++;
      toks.push({ kind: 'other', text: text.slice(start, i), start, end: i });
      continue;
    }
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      toks.push({ kind: 'ident', text: text.slice(start, i), start, end: i });
      continue;
    }
    if (c >= 48 && c <= 57) {
      i++;
      while (i < n && (isIdentPart(text.charCodeAt(i)) || text[i] === '.')) i++;
      toks.push({ kind: 'other', text: text.slice(start, i), start, end: i });
      continue;
    }
    i++;
    toks.push({ kind: 'punct', text: text[start], start, end: i });
  }
  return toks;
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 0x80;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
