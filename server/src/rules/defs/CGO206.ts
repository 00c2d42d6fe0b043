import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO206',
    name: 'go-env-w-cgo',
    severity: 'information',
    title: 'go env -w CGO_ENABLED hides the setting in a per-user file',
    summary: '`go env -w CGO_ENABLED=…` writes `$HOME/.config/go/env`: invisible in the Dockerfile's ENV, lost when `USER` or `HOME` changes, and overridden by any process environment. Use `ENV CGO_ENABLED=…`.',
  },
  check: () => [],
};
