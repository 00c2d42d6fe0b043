import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { Parser, Language, type Tree, type TreeCursor } from 'web-tree-sitter';
import { NO_NODES, ShellNode } from './tree';
import { fastParse } from './fastParse';
import { lineCount } from '../text/limits';

export { ShellNode };

/**
 * tree-sitter-bash (the parser bash-language-server uses), compiled to WASM. Chosen over mvdan/sh (sh-syntax)
 * and bash-parser by correctness on real build shell and cost: see README "Design notes".
 * Loaded once per process; parsing after that is synchronous.
 */
let parser: Parser | undefined;
let language: Language | undefined;
let loading: Promise<void> | undefined;

export function initShellParser(): Promise<void> {
  loading ??= load();
  return loading;
}

async function load(): Promise<void> {
  // Keep tree-sitter in V8's baseline WASM compiler (Liftoff): without this V8 recompiles the bash parser's huge
  // lexer with TurboFan in the background once it is hot, which costs ~45 MB of resident memory for good and CPU
  // right when the first diagnostics are due. Most RUN bodies never reach tree-sitter (fastParse.ts) and the rest is
  // cached, so the steady-state speed TurboFan would add (~30% on tree-sitter parses) is not worth it. Process-wide,
  // and only WASM is affected (this process compiles no other WASM).
  try {
    v8.setFlagsFromString('--liftoff-only');
  } catch {
    // an engine without the flag: keep its defaults
  }
  const runtimeWasm = locate('tree-sitter.wasm', 'web-tree-sitter');
  await Parser.init({ locateFile: () => runtimeWasm });
  const bash = await Language.load(fs.readFileSync(locate('tree-sitter-bash.wasm', 'tree-sitter-bash')));
  const p = new Parser();
  p.setLanguage(bash);
  language = bash;
  parser = p;
  // The first tree-sitter parse costs ~10–30 ms more than the next ones (first-use compilation of the WASM code
  // paths and their JS glue). Pay that right after start-up, off the path of the first diagnostics.
  setImmediate(warmUp).unref();
}

function warmUp(): void {
  try {
    parseWithTreeSitter('if [ -f go.mod ]; then export CGO_ENABLED=0; fi; go build -o /out/app . | tee /dev/null');
  } catch {
    // nothing to warm
  }
}

/** The bundle ships the .wasm files next to it; from sources (tests) they come from node_modules. */
function locate(file: string, pkg: string): string {
  const candidates = [
    typeof __dirname === 'string' ? path.join(__dirname, file) : undefined,
    path.join(process.cwd(), 'node_modules', pkg, file),
    typeof __dirname === 'string' ? path.join(__dirname, '..', 'node_modules', pkg, file) : undefined,
    typeof __dirname === 'string' ? path.join(__dirname, '..', '..', '..', 'node_modules', pkg, file) : undefined,
  ];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  throw new Error(`cannot find ${file} (looked in ${candidates.filter(Boolean).join(', ')})`);
}

/** Parse shell text. Callers must `tree.delete()` when done (WASM memory is not garbage-collected). */
export function parseShell(text: string): Tree {
  if (!parser) throw new Error('shell parser not initialised: await initShellParser() first');
  const tree = parser.parse(text);
  if (!tree) throw new Error('shell parser returned no tree');
  return tree;
}

/**
 * Longer scripts embedded in another file (a RUN body, a `run:` block, a recipe line) are not parsed (nor analysed)
 * at all: a real one is a few KB, and tree-sitter-bash's error recovery is quadratic on some broken input (`${${${…`,
 * `&& && …`: 100 KB takes seconds). A whole script file is bounded by maxFileBytes and the parse budget only.
 */
export const MAX_SHELL_CHARS = 32 * 1024;
/**
 * A tree-sitter parse still running after this long is cancelled, and the text is not analysed; a longer script gets
 * SHELL_PARSE_MS_PER_LINE more per line (a 11,000-line libtool script parses in ~60 ms, 0.005 ms a line).
 */
export const SHELL_PARSE_BUDGET_MS = 50;
export const SHELL_PARSE_MS_PER_LINE = 0.05;

function parseBudgetMs(text: string): number {
  return SHELL_PARSE_BUDGET_MS + (lineCount(text) - 1) * SHELL_PARSE_MS_PER_LINE;
}

/** Why a shell text was not analysed: longer than MAX_SHELL_CHARS, or its parse ran out of time. */
export type ShellSkip = 'too-long' | 'too-slow';

/**
 * Input handed to tree-sitter in pieces of this many UTF-16 units (its WASM input buffer holds 10 KB). Each piece is a
 * call back into JS, which is what lets a parse be stopped on time: see `parseShellWithin`.
 */
const INPUT_PIECE_CHARS = 4096;

/**
 * `parseShell`, cancelled after `budgetMs` (undefined then). tree-sitter asks the progress callback only between
 * parse operations, and on some broken input one operation (error recovery re-lexing the rest of a continued line)
 * costs time proportional to the remaining text: 350 ms each on a 222 KB script. It re-reads its input while doing
 * so, so the input callback watches the clock too and, past the deadline, answers "end of input": the parse then
 * finishes at once, and its (truncated) tree is discarded.
 */
function parseShellWithin(text: string, budgetMs: number): Tree | undefined {
  if (!parser) throw new Error('shell parser not initialised: await initShellParser() first');
  const deadline = performance.now() + budgetMs;
  let late = false;
  const input = (index: number): string => {
    if (late || performance.now() > deadline) {
      late = true;
      return '';
    }
    return text.slice(index, index + INPUT_PIECE_CHARS);
  };
  // tree-sitter calls this every few hundred parse operations; returning true cancels the parse.
  const tree = parser.parse(input, null, { progressCallback: () => (late ||= performance.now() > deadline) });
  if (tree && !late) return tree;
  tree?.delete();
  // A cancelled parse resumes where it stopped on the next call unless the parser is reset.
  parser.reset();
  return undefined;
}

/**
 * Shell parse time left for the analysis in progress. One analysis (a document and the files it links) may hold many
 * shell texts — RUN bodies, recipe lines, `run:` blocks, linked scripts run once per matrix entry — each bounded by its
 * own budget; this bounds their sum. Analysis is synchronous, so the budget of the one in progress is module state,
 * set for the duration of `withShellParseBudget`.
 */
let analysisBudget: { deadline: number } | undefined;

/** Per analysed document: SHELL_PARSE_BUDGET_MS twice over, plus SHELL_PARSE_MS_PER_LINE per line of the document. */
export function documentParseBudgetMs(text: string): number {
  return 2 * SHELL_PARSE_BUDGET_MS + lineCount(text) * SHELL_PARSE_MS_PER_LINE;
}

/** Run `analysis` with at most `budgetMs` of tree-sitter parsing in total; nested calls share the outer budget. */
export function withShellParseBudget<T>(budgetMs: number, analysis: () => T): T {
  if (analysisBudget) return analysis();
  analysisBudget = { deadline: performance.now() + budgetMs };
  try {
    return analysis();
  } finally {
    analysisBudget = undefined;
  }
}

// ---- plain-JS syntax trees, cached by text --------------------------------------------------------------------------

export interface ShellTree {
  rootNode: ShellNode;
  hasError: boolean;
  /** Set when the text was not parsed: `rootNode` is then an empty program. */
  skipped?: ShellSkip;
}

const typeNames: string[] = [];
const namedTypes: boolean[] = [];
function typeName(id: number): string {
  return (typeNames[id] ??= language!.types[id] || 'ERROR');
}
function typeIsNamed(id: number): boolean {
  return (namedTypes[id] ??= language!.nodeTypeIsNamed(id));
}

/** Copy a tree-sitter tree into ShellNodes with one cursor walk (no per-node `Node` objects; no recursion). */
function snapshot(tree: Tree, text: string): ShellTree {
  const cursor: TreeCursor = tree.walk();
  // One frame per open node: its own fields and the children collected so far.
  type Frame = { type: string; isNamed: boolean; start: number; end: number; field: string | null; kids: ShellNode[] };
  // Each cursor read is a call into WASM: read the type id once and look its name and namedness up in JS.
  const open = (): Frame => {
    const id = cursor.nodeTypeId;
    return { type: typeName(id), isNamed: typeIsNamed(id), start: cursor.startIndex, end: cursor.endIndex, field: cursor.currentFieldName ?? null, kids: [] };
  };
  const close = (f: Frame) => new ShellNode(f.type, f.isNamed, f.start, f.end, f.field, f.kids.length ? f.kids : NO_NODES, text);
  try {
    const stack: Frame[] = [open()];
    for (;;) {
      if (cursor.gotoFirstChild()) {
        stack.push(open());
        continue;
      }
      // A leaf, or a node whose children are all done: close it, then move to its next sibling or up.
      for (;;) {
        const done = close(stack.pop()!);
        if (stack.length === 0) return { rootNode: done, hasError: tree.rootNode.hasError };
        stack[stack.length - 1].kids.push(done);
        if (cursor.gotoNextSibling()) {
          stack.push(open());
          break;
        }
        cursor.gotoParent();
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Bounded LRU of parsed shell texts. Unchanged RUN bodies, recipe lines and `run:` blocks are parsed once across
 * edits (and identical bodies once per document). The trees are plain JS, so nothing needs freeing on eviction.
 */
const cache = new Map<string, ShellTree>();
let cachedChars = 0;
const MAX_CACHED_TREES = 2000;
const MAX_CACHED_CHARS = 512 * 1024;
/** Longer texts are parsed every time rather than evicting everything else. */
const MAX_CACHEABLE_CHARS = 64 * 1024;

/**
 * Parse shell text into an immutable plain-JS tree, reusing the tree of an identical text parsed recently. Simple
 * command lists take the fast path (fastParse.ts, same tree); the rest is parsed by tree-sitter. A text longer than
 * `maxChars`, or whose parse runs out of time, gets an empty tree with `skipped` set.
 */
export function parseShellTree(text: string, maxChars = MAX_SHELL_CHARS): ShellTree {
  if (text.length > maxChars) return skippedTree(text, 'too-long');
  // The fast path costs less than a cache lookup would save: only tree-sitter's trees are kept.
  const fast = fastParse(text);
  if (fast) return { rootNode: fast, hasError: false };
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit); // most recently used last
    return hit;
  }
  if (tooSlow.has(text)) return skippedTree(text, 'too-slow');
  const own = parseBudgetMs(text);
  const left = analysisBudget ? analysisBudget.deadline - performance.now() : Infinity;
  // The analysis spent its parse time on other texts: this one is not analysed, nor remembered as too slow.
  if (left <= 0) return skippedTree(text, 'too-slow');
  const result = parseWithTreeSitter(text, Math.min(own, left));
  if (result.skipped) {
    // A parse that ran out of its own time is remembered (whatever the size): the next analysis of the unchanged text
    // — the next edit elsewhere, the next matrix entry running the same script — does not pay for it again.
    if (left >= own) rememberTooSlow(text);
    return result;
  }
  if (text.length <= MAX_CACHEABLE_CHARS) {
    cache.set(text, result);
    cachedChars += text.length;
    while (cache.size > MAX_CACHED_TREES || cachedChars > MAX_CACHED_CHARS) {
      const oldest = cache.keys().next().value as string;
      cache.delete(oldest);
      cachedChars -= oldest.length;
    }
  }
  return result;
}

/** Texts whose parse ran out of time recently, oldest first; bounded in count and in characters held. */
const tooSlow = new Set<string>();
let tooSlowChars = 0;
const MAX_TOO_SLOW_TEXTS = 32;
const MAX_TOO_SLOW_CHARS = 4 * 1024 * 1024;

function rememberTooSlow(text: string): void {
  tooSlow.add(text);
  tooSlowChars += text.length;
  while (tooSlow.size > MAX_TOO_SLOW_TEXTS || tooSlowChars > MAX_TOO_SLOW_CHARS) {
    const oldest = tooSlow.values().next().value as string;
    tooSlow.delete(oldest);
    tooSlowChars -= oldest.length;
  }
}

/**
 * The tree-sitter parse as a ShellTree, without the cache or the fast path (what the fast path must equal).
 * With `budgetMs`, a parse still running after that long is cancelled: an empty tree, `skipped: 'too-slow'`.
 */
export function parseWithTreeSitter(text: string, budgetMs = Infinity): ShellTree {
  const tree = budgetMs === Infinity ? parseShell(text) : parseShellWithin(text, budgetMs);
  if (!tree) return skippedTree(text, 'too-slow');
  try {
    return snapshot(tree, text);
  } finally {
    tree.delete();
  }
}

function skippedTree(text: string, skipped: ShellSkip): ShellTree {
  return { rootNode: new ShellNode('program', true, 0, 0, null, NO_NODES, text), hasError: true, skipped };
}

/** Forget every cached tree (benchmarks measuring a cold analysis; tests). */
export function clearShellCache(): void {
  cache.clear();
  tooSlow.clear();
  tooSlowChars = 0;
  cachedChars = 0;
}
