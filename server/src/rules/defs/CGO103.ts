import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO103',
    name: 'glibc-version-skew',
    severity: 'error',
    title: 'A cgo binary needs a newer glibc than the runtime image has',
    summary: 'glibc symbol versions are minimums: a cgo binary built on glibc 2.36 (bookworm) or any glibc ≥ 2.34 references `GLIBC_2.34` symbols and fails on an older runtime with ``version `GLIBC_2.34\' not found``.',
  },
  check: () => [],
};
