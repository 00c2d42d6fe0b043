import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO202',
    name: 'cgo-setting-implicit',
    severity: 'information',
    title: 'CGO_ENABLED is not set, so the environment decides',
    summary: 'When `CGO_ENABLED` is unset the go command decides: off for cross builds, on for native builds when a C compiler is on PATH (Go ≥ 1.20), always on before Go 1.20. Adding `build-base` or bumping the image silently changes the binary. Set it explicitly.',
  },
  check: () => [],
};
