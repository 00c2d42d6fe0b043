import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO207',
    name: 'sanitizer-needs-cgo',
    severity: 'error',
    title: '-race, -msan or -asan with cgo turned off',
    summary: 'On Linux and Windows the race detector and the sanitizers need cgo: `go: -race requires cgo; enable cgo by setting CGO_ENABLED=1`.',
  },
  check: () => [],
};
