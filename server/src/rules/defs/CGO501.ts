import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO501',
    name: 'extldflags-static-ineffective',
    severity: 'warning',
    title: '-extldflags -static without -linkmode external leaves the binary dynamic',
    summary: 'When only the standard library uses cgo (net, os/user) the Go linker links internally and ignores `-extldflags`: the binary stays dynamically linked.',
  },
  check: () => [],
};
