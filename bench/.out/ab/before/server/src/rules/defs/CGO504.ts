import type { Rule, RuleFinding } from '../types';
import { removeFlagsEdits } from '../util';

export const rule: Rule = {
  meta: {
    id: 'CGO504',
    name: 'installsuffix-obsolete',
    severity: 'hint',
    tags: ['unnecessary'],
    title: '-installsuffix cgo (and -a) have had no effect since Go 1.10',
    summary:
      '`go build -a -installsuffix cgo` is a pre-Go-1.10 recipe. The build cache keeps cgo and non-cgo objects apart; the output is identical without these flags, and `-a` only forces a full rebuild.',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const inv of plan.invocations) {
      const suffix = inv.flags.find((f) => f.name === '-installsuffix' && f.loc !== inv.env.GOFLAGS?.valueLoc);
      if (!suffix) continue;
      const a = inv.flags.find((f) => f.name === '-a' && f.loc !== inv.env.GOFLAGS?.valueLoc);
      const edits = removeFlagsEdits(a ? [a.loc, suffix.loc] : [suffix.loc], text);
      out.push({
        loc: suffix.loc,
        stage: inv.stage,
        message: `-installsuffix ${suffix.value?.value ?? ''}${a ? ' (and -a)' : ''} has had no effect on the output since Go 1.10: the build cache keeps cgo and non-cgo objects apart${a ? '; -a only forces a full rebuild of the standard library and every dependency' : ''}.`,
        fixes: [{ title: a ? 'Remove -a and -installsuffix' : 'Remove -installsuffix', preferred: true, safe: true, edits }],
      });
    }
    return out;
  },
};
