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

/** Characters JavaScript's `\s` matches besides space, tab, CR, LF and U+FEFF. */
const OTHER_SPACES = /[\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Longest line of the input, in UTF-16 units. */
function longestLine(text: string): number {
  let max = 0;
  for (const l of text.split(/\r\n|\r|\n/)) if (l.length > max) max = l.length;
  return max;
}

function slowMs(violation: string): number {
  return Number(/^slow: (\d+) ms/.exec(violation)?.[1] ?? Infinity);
}

/** How many Dockerfile `ARG`/`ENV` lines refer to variables at least twice (the doubling chains of a "billion laughs"). */
function doublingDeclarations(text: string): number {
  let n = 0;
  for (const l of text.split(/\r\n|\r|\n/)) if (/^\s*(arg|env)\s/i.test(l) && (l.match(/\$\{?[A-Za-z_]/g)?.length ?? 0) >= 2) n++;
  return n;
}

export const KNOWN_BUGS: readonly KnownBug[] = [
  {
    id: 'gomod-unicode-space-hang',
    summary:
      'readers/gomod/parse.ts lines() skips only space, tab and U+FEFF between tokens but ends a bare token at any \\s: a form feed, ' +
      'vertical tab, U+00A0, U+2028 … in go.mod yields an empty token without advancing — an infinite loop that fills the heap ' +
      '(the language server dies with "JavaScript heap out of memory"). Repro: go.mod = "module example.com/x\\f\\n"',
    matches: (i, v) => i.kind === 'gomod' && /hang|out of memory|heap/i.test(v) && OTHER_SPACES.test(i.text),
    preempt: (i) => i.kind === 'gomod' && OTHER_SPACES.test(i.text),
  },
  {
    id: 'dockerfile-copy-glob-regexp',
    summary: 'stageState.ts globToRegExp passes `[` through unescaped: `COPY --from=build /ap[p /app` throws "Invalid regular expression" and the Dockerfile reader yields no findings at all',
    matches: (i, v) => i.kind === 'dockerfile' && /Invalid regular expression/.test(v) && /globToRegExp|stageState/.test(v),
  },
  {
    id: 'dockerfile-arg-exponential-expansion',
    summary: 'expand.ts expands ARG/ENV values without a size bound: `ARG A1=$A0$A0` … `ARG A28=$A27$A27` takes ~1 s and ~400 MB; 30 levels throw RangeError and the reader yields nothing',
    matches: (i, v) => i.kind === 'dockerfile' && (/Invalid string length|slow:|heap/i.test(v)) && doublingDeclarations(i.text) >= 20,
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
    matches: (i, v) => v.startsWith('slow:') && ['goreleaser', 'taskfile', 'workflow', 'config'].includes(i.kind) && /\*[A-Za-z_]/.test(i.text) && /[[{]{300}/.test(i.text),
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
