import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO104',
    name: 'pie-needs-loader',
    severity: 'error',
    title: '-buildmode=pie produces a dynamic binary even with cgo off',
    summary: 'On linux/amd64 `-buildmode=pie` links an internally linked PIE that still has an interpreter (`/lib64/ld-linux-x86-64.so.2`), even with `CGO_ENABLED=0`. In `scratch` or distroless/static it fails with `exec /app: no such file or directory`.',
  },
  check: () => [],
};
