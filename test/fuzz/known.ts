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
 * the `.cgo-lens.yaml` error flood, the CLI reading a `.cgo-lens.yaml` symlink outside, long instructions (5–10× faster, then
 * files of long lines skipped by text/limits.ts), and shell parse time per document (the input callback stops a parse
 * at its deadline; one budget per analysis; too-slow texts remembered).
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

export const KNOWN_BUGS: readonly KnownBug[] = [];

export function knownBugOf(input: FuzzInput, violation: string): KnownBug | undefined {
  return KNOWN_BUGS.find((b) => b.matches(input, violation));
}
