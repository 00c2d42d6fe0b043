import * as fs from 'node:fs';
import * as path from 'node:path';
import { Parser, Language, type Tree } from 'web-tree-sitter';

/**
 * tree-sitter-bash (the parser bash-language-server uses), compiled to WASM. Chosen over mvdan/sh (sh-syntax)
 * and bash-parser by correctness on real build shell and cost: see README "Design notes".
 * Loaded once per process; parsing after that is synchronous.
 */
let parser: Parser | undefined;
let loading: Promise<void> | undefined;

export function initShellParser(): Promise<void> {
  loading ??= load();
  return loading;
}

async function load(): Promise<void> {
  const runtimeWasm = locate('tree-sitter.wasm', 'web-tree-sitter');
  await Parser.init({ locateFile: () => runtimeWasm });
  const bash = await Language.load(fs.readFileSync(locate('tree-sitter-bash.wasm', 'tree-sitter-bash')));
  const p = new Parser();
  p.setLanguage(bash);
  parser = p;
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
