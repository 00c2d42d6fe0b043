import { Instruction, type Argument } from 'dockerfile-ast';

/**
 * dockerfile-ast tokenises an instruction's arguments again on every `getArguments()` call (a character loop that
 * allocates an `Argument` with two positions per word), and calls it itself four or five times per RUN, CMD, COPY…
 * while parsing — JSONInstruction's constructor alone asks three times, flags and heredoc detection ask again. A
 * 100 KB RUN line then costs ~0.1 s before any analysis. The tokens depend only on the instruction's text, which
 * never changes: they are computed once per instruction here. Each caller gets its own copy of the array
 * (ModifiableInstruction.getArguments shifts the flags off the array it is given); the Argument objects are
 * immutable and shared.
 */
type Tokenise = (this: Instruction) => Argument[];

const proto = Instruction.prototype as unknown as { getRawArguments: Tokenise };
const original: Tokenise = proto.getRawArguments;
const memo = new WeakMap<Instruction, Argument[]>();

if (typeof original === 'function' && !(original as { memoised?: boolean }).memoised) {
  const memoised: Tokenise = function (this: Instruction): Argument[] {
    let args = memo.get(this);
    if (!args) {
      args = original.call(this);
      memo.set(this, args);
    }
    return args.slice();
  };
  (memoised as { memoised?: boolean }).memoised = true;
  proto.getRawArguments = memoised;
}

/** The library's own tokenisation, uncached (tests compare the two). */
export function tokeniseUncached(instruction: Instruction): Argument[] {
  return original.call(instruction);
}
