/**
 * The fuzz seeds: every file of every kind in `examples/**`, the hand-written samples in `test/fuzz/corpus/<kind>/`,
 * the replayed regressions, and the Dockerfiles written inline in the unit and CLI tests (harvested with the
 * TypeScript compiler API: calls and arrays whose arguments are all string literals, and multi-line literals, that
 * contain a `FROM` line). Sorted by name so a campaign seed means the same inputs for the same repository state.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { fileKindOf } from '../../server/src/service/fileKind';
import type { FuzzKind, Seed } from './mutator';

/** The repository root: found upwards from this file (or from the esbuild bundle of run-long.ts in node_modules/.cache). */
export const ROOT = findRoot();
export const FUZZ_DIR = path.join(ROOT, 'test', 'fuzz');
export const CORPUS_DIR = path.join(FUZZ_DIR, 'corpus');
export const REGRESSIONS_DIR = path.join(FUZZ_DIR, 'regressions');
export const CRASHERS_DIR = path.join(FUZZ_DIR, 'crashers');

function findRoot(): string {
  for (const start of [typeof __dirname === 'string' ? __dirname : undefined, process.cwd()]) {
    for (let dir = start; dir; ) {
      try {
        if ((JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'cgo-lens') return dir;
      } catch {
        // not here
      }
      const up = path.dirname(dir);
      dir = up === dir ? undefined : up;
    }
  }
  throw new Error('test/fuzz: cannot find the cgo-lens repository root');
}

/** The URI each kind is analysed under (the file name selects the reader). */
export const KIND_URI: Record<FuzzKind, string> = {
  dockerfile: 'file:///fuzz/Dockerfile',
  makefile: 'file:///fuzz/Makefile',
  shell: 'file:///fuzz/build.sh',
  goreleaser: 'file:///fuzz/.goreleaser.yaml',
  taskfile: 'file:///fuzz/Taskfile.yml',
  workflow: 'file:///fuzz/.github/workflows/ci.yml',
  gomod: 'file:///fuzz/go.mod',
  config: 'file:///fuzz/.cgo-lens.yaml',
};

export const KINDS = Object.keys(KIND_URI) as FuzzKind[];

function walkFiles(dir: string, out: string[] = []): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') walkFiles(abs, out);
    else if (e.isFile()) out.push(abs);
  }
  return out;
}

const rel = (abs: string) => path.relative(ROOT, abs).split(path.sep).join('/');

/** examples/**: every file CGO Lens would analyse, by its own name. */
export function exampleSeeds(): Seed[] {
  const out: Seed[] = [];
  for (const abs of walkFiles(path.join(ROOT, 'examples'))) {
    const kind = fileKindOf(pathToFileURL(abs).href);
    if (kind) out.push({ kind, name: rel(abs), text: fs.readFileSync(abs, 'utf8') });
  }
  return out;
}

/** test/fuzz/corpus/<kind>/*: the kind is the directory name. */
export function corpusSeeds(): Seed[] {
  const out: Seed[] = [];
  for (const kind of KINDS) {
    for (const abs of walkFiles(path.join(CORPUS_DIR, kind))) out.push({ kind, name: rel(abs), text: fs.readFileSync(abs, 'utf8') });
  }
  return out;
}

export interface RegressionFixture {
  kind: FuzzKind;
  text: string;
  /** What the input broke when it was found. */
  violation: string;
  /** Extra workspace files (URI → text) the input was analysed with. */
  files?: Record<string, string>;
  seed?: number;
  ops?: string[];
  /** Set while the bug is in engine code and unfixed: the replay is `it.fails`, and the fixture is not a seed. */
  engineBug?: string;
  /** Replay in a watched child process (the input hangs or exhausts memory: it must not take the test worker down). */
  isolate?: boolean;
  /** What the engine fixed (history of a former `engineBug`). */
  fixed?: string;
}

export function readRegressions(): { name: string; fixture: RegressionFixture }[] {
  return walkFiles(REGRESSIONS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((abs) => ({ name: path.basename(abs), fixture: JSON.parse(fs.readFileSync(abs, 'utf8')) as RegressionFixture }));
}

export function regressionSeeds(): Seed[] {
  return readRegressions()
    .filter(({ fixture }) => !fixture.engineBug)
    .map(({ name, fixture }) => ({ kind: fixture.kind, name: `regressions/${name}`, text: fixture.text }));
}

const FROM_LINE = /^\s*from\s+\S/im;

/** Dockerfiles written inline in the test sources (`df(...)`, `lines(...)`, `[...].join('\n')`, multi-line literals). */
export function inlineDockerfileSeeds(dirs = ['test/unit', 'test/cli', 'test/lsp']): Seed[] {
  const found = new Map<string, string>();
  for (const dir of dirs) {
    for (const abs of walkFiles(path.join(ROOT, dir))) {
      if (!abs.endsWith('.ts')) continue;
      const source = ts.createSourceFile(abs, fs.readFileSync(abs, 'utf8'), ts.ScriptTarget.Latest, true);
      const add = (text: string, node: ts.Node) => {
        if (!FROM_LINE.test(text) || found.has(text)) return;
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.set(text, `${rel(abs)}:${line}`);
      };
      const literal = (n: ts.Node): string | undefined => (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : undefined);
      const allLiterals = (nodes: readonly ts.Node[]): string[] | undefined => {
        const values = nodes.map(literal);
        return values.length >= 2 && values.every((v) => v !== undefined) ? (values as string[]) : undefined;
      };
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node)) {
          const args = allLiterals(node.arguments);
          if (args) add(args.join('\n') + '\n', node);
        } else if (ts.isArrayLiteralExpression(node)) {
          const items = allLiterals(node.elements);
          if (items) add(items.join('\n') + '\n', node);
        } else {
          const text = literal(node);
          if (text !== undefined && text.includes('\n')) add(text, node);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return [...found].map(([text, name]) => ({ kind: 'dockerfile' as const, name, text })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** All seeds, deterministic order. */
export function allSeeds(): Seed[] {
  return [...exampleSeeds(), ...corpusSeeds(), ...regressionSeeds(), ...inlineDockerfileSeeds()];
}
