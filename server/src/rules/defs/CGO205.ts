import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO205',
    name: 'cgo-enabled-invalid-value',
    severity: 'error',
    title: 'CGO_ENABLED has a value other than 0 or 1',
    summary: 'The go command only understands the exact strings `0` and `1`. `true`, `false`, `yes`, `no` and `off` are treated as unset, so the default applies — usually cgo on.',
  },
  check: () => [],
};
