import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO201',
    name: 'cgo-without-c-toolchain',
    severity: 'error',
    title: 'cgo is required but the build has no C compiler',
    summary: 'With `CGO_ENABLED=1` (or `-race`) the go command needs gcc or clang and libc headers. `golang:*-alpine` ships neither, so the build fails with `cgo: C compiler "gcc" not found: exec: "gcc": executable file not found in $PATH`.',
  },
  check: () => [],
};
