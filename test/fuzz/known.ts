/**
 * Engine bugs the fuzzer found that are not fixed yet (the fuzz suite does not own engine code). Each has a
 * regression fixture (`engineBug` starting with its id) replayed with `it.fails` in regressions.test.ts; the campaigns
 * report inputs that hit one of these as "known" instead of failing, so a new bug still fails the build.
 *
 * When the engine fixes one: its `it.fails` starts failing ("expected to fail") — flip it to a plain replay (drop the
 * fixture's `engineBug`, note it under `fixed`) and remove the entry here.
 *
 * Fixed so far (fixtures in regressions/ with a `fixed` note): the COPY glob RegExp, exponential ARG expansion, the
 * go.mod blank-character infinite loop, tree-sitter's quadratic error recovery (size bound and parse budget), YAML
 * deep-nesting process aborts and stack overflows, whole-document alias resolution, the cubic template regexes,
 * the `.cgo-lens.yaml` error flood, and the CLI reading a `.cgo-lens.yaml` symlink outside; long instructions got 5–10× faster.
 */
import type { FuzzInput } from './oracle';

export interface KnownBug {
  id: string;
  summary: string;
  matches(input: FuzzInput, violation: string): boolean;
  /**
   * For bugs that hang, exhaust memory or abort the process: inputs that would trigger it are not run at all by the
   * campaigns (an in-process hang cannot be interrupted) and count as hits of this bug.
   */
  preempt?(input: FuzzInput): boolean;
}

/** Longest line of the input, in UTF-16 units. */
function longestLine(text: string): number {
  let max = 0;
  for (const l of text.split(/\r\n|\r|\n/)) if (l.length > max) max = l.length;
  return max;
}

export const KNOWN_BUGS: readonly KnownBug[] = [
  {
    id: 'shell-parse-total-unbounded',
    summary:
      'each shell text is bounded (32 KB, 50 ms tree-sitter budget) but a document of many slow texts is not: 40 broken ' +
      '`case … esac \\` segments with 6,000-character words (222 KB) ~0.5 s; a 30-line workflow linking a 111 KB such script ' +
      '~1.5 s (the script is analysed per matrix combination), 600 KB linked: 8.2 s',
    matches: (i, v) =>
      (v.startsWith('slow:') || /^hang/.test(v)) &&
      [i.text, ...Object.values(i.files ?? {})].some((t) => (t.match(/[-x ]{3000}/g)?.length ?? 0) >= 10 || /esac \\\n/.test(t)),
  },
  {
    id: 'long-line-cost',
    summary:
      'linear but heavy: ~50–60 ms CPU per 100 KB Dockerfile instruction (down from 0.3–0.8 s), so a 1 MB, 10-line ' +
      'Dockerfile of such RUN lines takes ~0.5 s; YAML kinds similar (a 200 KB Taskfile of two long lines ~0.25 s); nothing ' +
      'bounds a line or an instruction below maxFileBytes (2 MiB)',
    // Up to 2 s: slower than that is not this bug.
    matches: (i, v) => /^slow: \d+ ms/.test(v) && Number(/^slow: (\d+)/.exec(v)![1]) <= 2000 && longestLine(i.text) >= 25_000,
  },
];


export function knownBugOf(input: FuzzInput, violation: string): KnownBug | undefined {
  return KNOWN_BUGS.find((b) => b.matches(input, violation));
}
