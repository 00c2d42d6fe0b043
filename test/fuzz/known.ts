/**
 * Engine bugs the fuzzer found that are not fixed yet (the fuzz suite does not own engine code). Each has a
 * regression fixture replayed with `it.fails` in regressions.test.ts; the campaigns report inputs that hit one
 * of these as "known" instead of failing, so a new bug still fails the build.
 *
 * When the lead fixes one: its `it.fails` starts failing ("expected to fail") — flip it to `it`, remove the entry
 * here and the `engineBug` field of its fixture.
 */
import type { FuzzInput } from './oracle';

export interface KnownBug {
  id: string;
  summary: string;
  matches(input: FuzzInput, violation: string): boolean;
  /**
   * For bugs that hang or exhaust memory: inputs that would trigger it are not run at all by the campaigns (an
   * in-process hang cannot be interrupted) and count as hits of this bug.
   */
  preempt?(input: FuzzInput): boolean;
}

/** Longest line of the input, in UTF-16 units. */
function longestLine(text: string): number {
  let max = 0;
  for (const l of text.split(/\r\n|\r|\n/)) if (l.length > max) max = l.length;
  return max;
}

function slowMs(violation: string): number {
  return Number(/^slow: (\d+) ms/.exec(violation)?.[1] ?? Infinity);
}

const YAML_KINDS = ['goreleaser', 'taskfile', 'workflow', 'config'];
/** 1,000 levels of flow or block nesting on one line (`[[[…`, `{{{…`, `- - - …`). */
const DEEP_YAML = /[[{]{1000}|(- ){1000}/;

export const KNOWN_BUGS: readonly KnownBug[] = [
  {
    id: 'yaml-deep-nesting',
    summary:
      'the yaml package composes nested collections recursively: 50,000 levels of `- ` overflow the stack (the reader throws ' +
      '"Maximum call stack size exceeded"), and ~5,000 levels of `[` analysed twice in one process make V8 abort the whole ' +
      'process ("FATAL ERROR: RegExpCompiler Allocation failed") when a yaml regex tiers up that deep in the stack — the ' +
      'language server and the CLI die. No nesting bound before parsing',
    matches: (i, v) => YAML_KINDS.includes(i.kind) && DEEP_YAML.test(i.text) && /slow:|Maximum call stack|abort|out of memory|hang/i.test(v),
    // A process abort cannot be contained in-process: the campaigns do not run these inputs while the bug is open.
    preempt: (i) => YAML_KINDS.includes(i.kind) && DEEP_YAML.test(i.text),
  },
  {
    id: 'shell-parser-quadratic-error-recovery',
    summary: 'tree-sitter-bash error recovery is quadratic on long erroneous runs (`${${${…`, `&& && …`): a 100 KB RUN line takes 2–9 s; the shell parse has no size bound or timeout',
    matches: (i, v) => v.startsWith('slow:') && /(\$\{){1000}|(&& ){1000}/.test(i.text),
  },
  {
    id: 'yaml-alias-resolve-deep',
    summary:
      'YAML readers resolve aliases with yaml\'s Alias.resolve(doc), which walks the whole document each time (copying the ' +
      'path at every level, O(depth²)), once per lookup: `builds:\\n  - <<: *build\\nx: ` + 3,200 × `[` takes ~0.9 s in the goreleaser reader',
    matches: (i, v) => v.startsWith('slow:') && YAML_KINDS.includes(i.kind) && /\*[A-Za-z_]/.test(i.text) && /[[{]{300}/.test(i.text),
  },
  {
    id: 'yaml-template-regex-cubic',
    summary:
      'readers/yaml/templates.ts ACTIONS_EXPR and GO_TEMPLATE (`\\s*([\\s\\S]*?)\\s*\\}\\}`) backtrack cubically on an ' +
      'unterminated `${{` / `{{` followed by whitespace: 1,200 spaces ~0.2 s, 2,400 ~1.6 s, 10,000 minutes',
    matches: (i, v) => v.startsWith('slow:') && ['goreleaser', 'taskfile', 'workflow'].includes(i.kind) && /\{\{-?\s{200}/.test(i.text),
  },
  {
    id: 'long-line-cost',
    summary:
      'a 100 KB line costs 0.2–1.6 s to analyse (roughly linear, but heavy): Dockerfiles — dockerfile-ast re-tokenises an ' +
      'instruction on every getArguments() call and the reader calls it several times; YAML kinds — the yaml package builds one ' +
      'YAMLError (with a stack trace) per problem; shell-bearing kinds — tree-sitter plus interpretation of ~50,000 words. ' +
      'No per-line or per-instruction size bound below maxFileBytes (2 MiB)',
    // Up to 2 s: slower than that is not this bug (the quadratic ones above, or a new one).
    matches: (i, v) => v.startsWith('slow:') && slowMs(v) <= 2000 && longestLine(i.text) >= 25_000,
  },
];

export function knownBugOf(input: FuzzInput, violation: string): KnownBug | undefined {
  return KNOWN_BUGS.find((b) => b.matches(input, violation));
}
