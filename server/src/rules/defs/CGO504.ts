import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO504',
    name: 'installsuffix-obsolete',
    severity: 'hint',
    tags: ['unnecessary'],
    title: '-installsuffix cgo (and -a) have had no effect since Go 1.10',
    summary: '`go build -a -installsuffix cgo` is a pre-Go-1.10 recipe. The build cache keeps cgo and non-cgo objects apart; the output is identical without these flags, and `-a` only forces a full rebuild.',
  },
  check: () => [],
};
