import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO203',
    name: 'cross-compile-cgo-without-cc',
    severity: 'error',
    title: 'cgo is enabled for a cross build without a C compiler for the target',
    summary: 'Cross builds need a C compiler for the target architecture. With `CGO_ENABLED=1` and the host gcc the build fails in `runtime/cgo` (`gcc_arm64.S: Error: no such instruction`). Use tonistiigi/xx, set `CC` to a cross compiler, or build with `CGO_ENABLED=0`.',
  },
  check: () => [],
};
