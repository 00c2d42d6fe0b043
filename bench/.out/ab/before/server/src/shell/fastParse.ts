import { NO_NODES as NONE, ShellNode } from './tree';

/**
 * A fast path for the simple shell most RUN lines are made of: commands with plain, quoted and `$VAR`/`${VAR}`
 * words, `NAME=value` prefixes, joined by `&&`, `||`, `;` and newlines. For such text it builds exactly the tree
 * tree-sitter-bash builds (same node types, ranges and fields — test/unit/shell/fastParse.test.ts compares the two on
 * generated and real scripts); for anything else (pipes, redirections, subshells, globs, keywords, escapes, comments,
 * `$(…)`, `${V:-x}`, …) it returns undefined and the caller uses tree-sitter. Parsing a RUN body in WASM costs tens of
 * microseconds even for one command; this costs one pass over the text.
 */
export function fastParse(text: string): ShellNode | undefined {
  const p = new FastParser(text);
  try {
    return p.program();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

const BAIL = Symbol('not in the fast subset');


/** Characters of an unquoted word the fast path accepts (the rest either end a word or are out of the subset). */
function isBare(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    (c >= 48 && c <= 57) || // 0-9
    c === 95 || c === 46 || c === 47 || c === 45 || // _ . / -
    c === 58 || c === 44 || c === 64 || c === 37 || c === 43 || c === 61 || // : , @ % + =
    c === 42 || c === 63 || c === 126 // * ? ~ (plain word characters to tree-sitter-bash: globs are not nodes)
  );
}
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

/** Command names that are keywords, builtins with their own node types, or otherwise parsed specially. */
const RESERVED = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'in', 'function', 'select',
  'time', 'coproc', 'declare', 'local', 'readonly', 'typeset', 'unset', 'unsetenv', 'test',
]);

class FastParser {
  private i = 0;

  constructor(private readonly s: string) {}

  private node(type: string, isNamed: boolean, start: number, end: number, field: string | null, children: readonly ShellNode[] = NONE): ShellNode {
    return new ShellNode(type, isNamed, start, end, field, children, this.s);
  }

  /** Skip spaces and tabs; newlines only when `newlines`. Returns true when a newline was skipped. */
  private skip(newlines: boolean): boolean {
    let nl = false;
    for (; this.i < this.s.length; this.i++) {
      const c = this.s.charCodeAt(this.i);
      if (c === 32 || c === 9) continue;
      if (c === 10 && newlines) {
        nl = true;
        continue;
      }
      break;
    }
    return nl;
  }

  program(): ShellNode {
    const s = this.s;
    const kids: ShellNode[] = [];
    this.skip(true);
    if (this.i >= s.length) throw BAIL;
    for (;;) {
      kids.push(this.andOr());
      const sawNewline = this.skip(false) || false;
      if (this.i >= s.length) break;
      const c = s.charCodeAt(this.i);
      if (c === 59 /* ; */) {
        if (s.charCodeAt(this.i + 1) === 59) throw BAIL; // ;;
        kids.push(this.node(';', false, this.i, this.i + 1, null));
        this.i++;
        this.skip(true);
        if (this.i >= s.length) break;
        continue;
      }
      if (c === 10 || sawNewline) {
        this.skip(true);
        if (this.i >= s.length) break;
        continue;
      }
      throw BAIL;
    }
    // tree-sitter's root starts at the first token and ends at the end of the input (trailing blanks included).
    return this.node('program', true, kids[0].startIndex, s.length, null, kids);
  }

  /** `a && b || c`: left-nested `list` nodes. */
  private andOr(): ShellNode {
    let left = this.statement();
    for (;;) {
      const save = this.i;
      this.skip(false);
      const c = this.s.charCodeAt(this.i);
      const d = this.s.charCodeAt(this.i + 1);
      if ((c === 38 && d === 38) || (c === 124 && d === 124)) {
        const op = this.node(c === 38 ? '&&' : '||', false, this.i, this.i + 2, null);
        this.i += 2;
        this.skip(true);
        if (this.i >= this.s.length) throw BAIL;
        const right = this.statement();
        left = this.node('list', true, left.startIndex, right.endIndex, null, [left, op, right]);
        continue;
      }
      this.i = save;
      return left;
    }
  }

  /** A simple command, or assignments alone. */
  private statement(): ShellNode {
    const s = this.s;
    const assignments: ShellNode[] = [];
    for (;;) {
      const a = this.tryAssignment();
      if (!a) break;
      assignments.push(a);
      if (!this.atWordBoundary()) throw BAIL;
      this.skip(false);
    }
    if (this.atStatementEnd()) {
      // Assignments alone; tree-sitter-bash joins them with a command on the next line, so leave that case to it.
      if (assignments.length === 0 || this.s.charCodeAt(this.i) === 10) throw BAIL;
      if (assignments.length === 1) return assignments[0];
      return this.node('variable_assignments', true, assignments[0].startIndex, assignments[assignments.length - 1].endIndex, null, assignments);
    }
    // The command name: a plain word that is not a keyword.
    const nameStart = this.i;
    while (this.i < s.length && isBare(s.charCodeAt(this.i))) this.i++;
    if (this.i === nameStart || !this.atWordBoundary()) throw BAIL;
    const nameText = s.slice(nameStart, this.i);
    if (nameText === 'export' && assignments.length === 0) return this.exportCommand(nameStart);
    // tree-sitter-bash reads some characters at the start of a statement specially (`a@b` is an error there).
    if (RESERVED.has(nameText) || !/^[A-Za-z_./][A-Za-z0-9_./-]*$/.test(nameText)) throw BAIL;
    const nameWord = this.node('word', true, nameStart, this.i, null);
    const name = this.node('command_name', true, nameStart, this.i, 'name', [nameWord]);
    const kids: ShellNode[] = [...assignments, name];
    for (;;) {
      this.skip(false);
      if (this.atStatementEnd()) break;
      kids.push(this.word('argument'));
    }
    return this.node('command', true, kids[0].startIndex, kids[kids.length - 1].endIndex, null, kids);
  }

  /** `export NAME=value NAME …` (no flags): a `declaration_command`. */
  private exportCommand(start: number): ShellNode {
    const s = this.s;
    const kids: ShellNode[] = [this.node('export', false, start, this.i, null)];
    for (;;) {
      this.skip(false);
      if (this.atStatementEnd()) break;
      const c = s.charCodeAt(this.i);
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) throw BAIL;
      const a = this.tryAssignment();
      if (a) kids.push(a);
      else {
        const b = this.i;
        while (this.i < s.length && isNameChar(s.charCodeAt(this.i))) this.i++;
        kids.push(this.node('variable_name', true, b, this.i, null));
      }
      if (!this.atWordBoundary()) throw BAIL;
    }
    if (kids.length === 1) throw BAIL;
    return this.node('declaration_command', true, start, kids[kids.length - 1].endIndex, null, kids);
  }

  private atStatementEnd(): boolean {
    if (this.i >= this.s.length) return true;
    const c = this.s.charCodeAt(this.i);
    const d = this.s.charCodeAt(this.i + 1);
    return c === 59 || c === 10 || (c === 38 && d === 38) || (c === 124 && d === 124);
  }

  private atWordBoundary(): boolean {
    if (this.i >= this.s.length) return true;
    const c = this.s.charCodeAt(this.i);
    if (c === 32 || c === 9 || c === 10 || c === 59) return true;
    const d = this.s.charCodeAt(this.i + 1);
    if ((c === 38 && d === 38) || (c === 124 && d === 124)) return true;
    throw BAIL; // any other character after a word is outside the subset
  }

  /** `NAME=value` at the start of a statement (the value must not be empty). */
  private tryAssignment(): ShellNode | undefined {
    const s = this.s;
    const start = this.i;
    const c0 = s.charCodeAt(start);
    // tree-sitter-bash does not read `_=x` as an assignment: names start with a letter here.
    if (!((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90))) return undefined;
    let j = start + 1;
    while (j < s.length && isNameChar(s.charCodeAt(j))) j++;
    if (s.charCodeAt(j) !== 61 /* = */) return undefined;
    const name = this.node('variable_name', true, start, j, 'name');
    const eq = this.node('=', false, j, j + 1, null);
    this.i = j + 1;
    if (this.i >= s.length) throw BAIL;
    const c = s.charCodeAt(this.i);
    if (c === 32 || c === 9 || c === 10 || c === 59) throw BAIL; // `A= cmd`: an empty value
    const value = this.word('value');
    return this.node('variable_assignment', true, start, value.endIndex, null, [name, eq, value]);
  }

  /** One shell word: bare text, "…", '…', $V, ${V}, or a concatenation of those. */
  private word(field: string): ShellNode {
    const s = this.s;
    const start = this.i;
    const parts: ShellNode[] = [];
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (isBare(c)) {
        const b = this.i;
        while (this.i < s.length && isBare(s.charCodeAt(this.i))) this.i++;
        const text = s.slice(b, this.i);
        parts.push(this.node(/^-?[0-9]+$/.test(text) ? 'number' : 'word', true, b, this.i, null));
      } else if (c === 36 /* $ */) parts.push(this.expansion());
      else if (c === 34 /* " */) parts.push(this.doubleQuoted());
      else if (c === 39 /* ' */) {
        const close = s.indexOf("'", this.i + 1);
        if (close < 0) throw BAIL;
        parts.push(this.node('raw_string', true, this.i, close + 1, null));
        this.i = close + 1;
      } else break;
    }
    if (parts.length === 0 || !this.atWordBoundary()) throw BAIL;
    if (parts.length === 1) return this.withField(parts[0], field);
    return this.node('concatenation', true, start, this.i, field, parts);
  }

  private withField(n: ShellNode, field: string): ShellNode {
    return new ShellNode(n.type, n.isNamed, n.startIndex, n.endIndex, field, n.children, this.s);
  }

  /** `$NAME` or `${NAME}`; anything else after `$` is out of the subset. */
  private expansion(): ShellNode {
    const s = this.s;
    const start = this.i;
    if (s.charCodeAt(start + 1) === 123 /* { */) {
      let j = start + 2;
      if (!isNameStart(s.charCodeAt(j))) throw BAIL;
      while (j < s.length && isNameChar(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) !== 125 /* } */) throw BAIL;
      this.i = j + 1;
      return this.node('expansion', true, start, j + 1, null, [
        this.node('${', false, start, start + 2, null),
        this.node('variable_name', true, start + 2, j, null),
        this.node('}', false, j, j + 1, null),
      ]);
    }
    let j = start + 1;
    if (!isNameStart(s.charCodeAt(j))) throw BAIL;
    while (j < s.length && isNameChar(s.charCodeAt(j))) j++;
    this.i = j;
    return this.node('simple_expansion', true, start, j, null, [this.node('$', false, start, start + 1, null), this.node('variable_name', true, start + 1, j, null)]);
  }

  /** Text inside double quotes; blank-only pieces are left to tree-sitter (it folds some into the quote tokens). */
  private content(start: number, end: number): ShellNode {
    if (/^\s*$/.test(this.s.slice(start, end))) throw BAIL;
    return this.node('string_content', true, start, end, null);
  }

  /** `"…"` with plain text and `$NAME` / `${NAME}` inside. */
  private doubleQuoted(): ShellNode {
    const s = this.s;
    const start = this.i;
    const kids: ShellNode[] = [this.node('"', false, start, start + 1, null)];
    this.i++;
    let text = this.i;
    for (;;) {
      if (this.i >= s.length) throw BAIL;
      const c = s.charCodeAt(this.i);
      if (c === 34) break;
      if (c === 92 /* \ */ || c === 96 /* ` */ || c === 13 || c === 10) throw BAIL; // escapes, `…`, line breaks
      if (c === 36) {
        if (this.i > text) kids.push(this.content(text, this.i));
        kids.push(this.expansion());
        text = this.i;
        continue;
      }
      this.i++;
    }
    if (this.i > text) kids.push(this.content(text, this.i));
    kids.push(this.node('"', false, this.i, this.i + 1, null));
    this.i++;
    return this.node('string', true, start, this.i, null, kids);
  }
}
