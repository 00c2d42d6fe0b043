/**
 * Every crasher the fuzzer found, replayed: test/fuzz/regressions/*.json (JSON so NUL bytes and lone surrogates
 * survive). A fixture whose bug lives in engine code not owned by the fuzz suite carries `engineBug` and is replayed
 * with `it.fails` below, each with its `// ENGINE BUG:` note; the rest must pass every invariant.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { REGRESSIONS_DIR, readRegressions, type RegressionFixture } from './corpus';
import { bundleRunner, runRunner } from './bundle';
import { KNOWN_BUGS } from './known';
import { Oracle } from './oracle';

let oracle: Oracle;
beforeAll(async () => {
  oracle = await Oracle.create();
  if (readRegressions().some((f) => f.fixture.isolate)) await bundleRunner();
}, 30_000);

const fixtures = readRegressions();
const byName = new Map(fixtures.map((f) => [f.name, f.fixture]));

function fixture(name: string): RegressionFixture {
  const f = byName.get(name);
  if (!f) throw new Error(`test/fuzz/regressions/${name} is missing`);
  return f;
}

/** All invariants, with reader/rule throws detected directly (the service logs each distinct failure only once). */
function replay(f: RegressionFixture, retries = 2): void {
  if (f.isolate) return replayIsolated(f);
  const input = { kind: f.kind, text: f.text, ...(f.files ? { files: f.files } : {}) };
  const outcome = oracle.check(input, { retries });
  const thrown = outcome.violations.length ? [] : oracle.throwsDirectly(input);
  expect([...outcome.violations, ...thrown], `regression replay (was: ${f.violation.slice(0, 200)})`).toEqual([]);
}

/** Replay in the bundled runner's watched worker (the input hangs or exhausts memory while the bug is open). */
function replayIsolated(f: RegressionFixture): void {
  const name = fixtures.find((x) => x.fixture === f)!.name;
  const r = runRunner<{ violations: string[] }>(['--replay', path.join(REGRESSIONS_DIR, name), '--heap-mb', '128'], 40_000);
  expect(r.json, `no verdict from the runner (status ${r.status}): ${r.stderr.slice(-1000)}`).toBeDefined();
  expect(r.json!.violations, `regression replay (was: ${f.violation.slice(0, 200)})`).toEqual([]);
}

const ENGINE_BUGS = [
  'dockerfile-shell-quadratic-dollar-brace.json',
  'dockerfile-shell-quadratic-and-and.json',
  'dockerfile-long-instructions.json',
  'config-yaml-error-flood.json',
  'goreleaser-merge-alias-deep-nesting.json',
  'workflow-unterminated-expression.json',
  'taskfile-unterminated-template.json',
  'config-deep-flow-v8-abort.json',
  'taskfile-deep-block-sequence.json',
];

describe('fuzz regressions (fixed)', () => {
  const fixed = fixtures.filter((f) => !f.fixture.engineBug && !ENGINE_BUGS.includes(f.name));
  it('every fixture is either replayed below as fixed or listed as an engine bug', () => {
    for (const f of fixtures) expect(Boolean(f.fixture.engineBug), `${f.name}: engineBug field vs. ENGINE_BUGS list`).toBe(ENGINE_BUGS.includes(f.name));
    // Every open engine bug has its replay here.
    expect(KNOWN_BUGS.length).toBeGreaterThan(0);
  });
  it.each(fixed.map((f) => [f.name, f.fixture] as const))('%s', (_name, f) => replay(f), 30_000);
});

describe('fuzz regressions (open engine bugs, expected to fail until fixed)', () => {
  // ENGINE BUG: RUN scripts go to tree-sitter-bash without a size bound or parse timeout; its error recovery is
  // quadratic on `${${${…` (25 KB: ~0.5 s; 100 KB: ~9 s, the server blocked for that long on every keystroke).
  it.fails('dockerfile-shell-quadratic-dollar-brace: 25 KB of ${ in a RUN line', () => replay(fixture('dockerfile-shell-quadratic-dollar-brace.json'), 0), 30_000);

  // ENGINE BUG: same cause with `&& && …` in a heredoc script (48 KB: ~0.5 s; 100 KB: ~2–3 s).
  it.fails('dockerfile-shell-quadratic-and-and: 48 KB of && in a heredoc', () => replay(fixture('dockerfile-shell-quadratic-and-and.json'), 0), 30_000);

  // ENGINE BUG: a 100 KB instruction costs 0.3–0.8 s (linear but heavy): dockerfile-ast's Instruction.getArguments()
  // re-tokenises the instruction on every call and the reader calls it several times per instruction; plus the
  // shell parse. Two such RUN lines (200 KB, far under maxFileBytes) take 0.6–1.5 s.
  it.fails('dockerfile-long-instructions: two 100 KB RUN lines', () => replay(fixture('dockerfile-long-instructions.json'), 0), 30_000);

  // ENGINE BUG: server/src/config/configDiagnostics.ts parses a `.cgo-lens.yaml` of any size up to maxFileBytes; on
  // 100 KB of `"` the yaml package builds one YAMLError (stack trace included) per problem: 0.4–1.6 s per line.
  it.fails('config-yaml-error-flood: a 100 KB line of quotes in .cgo-lens.yaml', () => replay(fixture('config-yaml-error-flood.json'), 0), 30_000);

  // ENGINE BUG: server/src/readers/yaml/document.ts resolve() calls yaml's Alias.resolve(doc) on every lookup; that walks
  // the whole document and yaml's visit() copies the path at every level (O(depth²)). A goreleaser file with one
  // unresolvable merge alias and a 3,200-deep flow sequence (3 KB) takes ~0.9 s. Fix: one anchor map per document.
  it.fails('goreleaser-merge-alias-deep-nesting: `<<: *build` and 3,200 nested [', () => replay(fixture('goreleaser-merge-alias-deep-nesting.json'), 0), 30_000);

  // ENGINE BUG: server/src/readers/yaml/templates.ts ACTIONS_EXPR /\$\{\{\s*([\s\S]*?)\s*\}\}/g is cubic on an
  // unterminated `${{` followed by whitespace (what a user has mid-typing): 1,800 spaces ~0.7 s, 2,400 ~1.6 s.
  it.fails('workflow-unterminated-expression: `${{` and 1,800 spaces', () => replay(fixture('workflow-unterminated-expression.json'), 0), 30_000);

  // ENGINE BUG: the yaml package composes nested collections recursively and nothing bounds the nesting first. A 5 KB
  // `.cgo-lens.yaml` (or Taskfile) of "\t" + 5,000 `[` analysed twice in one process makes V8 abort the whole process
  // ("FATAL ERROR: RegExpCompiler Allocation failed - process out of memory": a yaml regex tiers up to native code that
  // deep in the stack). Uncatchable — the language server dies on the user's second keystroke. Replayed in a watched
  // child process, three analyses.
  it.fails('config-deep-flow-v8-abort: 5,000 nested [ in .cgo-lens.yaml', () => replay(fixture('config-deep-flow-v8-abort.json')), 60_000);

  // ENGINE BUG: same cause, block sequences: "- " x 50,000 overflows the stack in yaml's parser; contained (the reader
  // failure is logged) but the file gets no analysis and an engine error on every edit.
  it.fails('taskfile-deep-block-sequence: 50,000 nested "- "', () => replay(fixture('taskfile-deep-block-sequence.json')), 60_000);

  // ENGINE BUG: same file, GO_TEMPLATE /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g on an unterminated `{{` in a Taskfile command.
  it.fails('taskfile-unterminated-template: `{{` and 1,800 spaces', () => replay(fixture('taskfile-unterminated-template.json'), 0), 30_000);
});
