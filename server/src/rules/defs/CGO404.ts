import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO404',
    name: 'netdns-cgo-without-cgo',
    severity: 'warning',
    title: 'GODEBUG=netdns=cgo has no effect in a binary built without cgo',
    summary: 'A binary built with `CGO_ENABLED=0` has no cgo resolver: `GODEBUG=netdns=cgo` is ignored at run time (`go package net: ignoring GODEBUG=netdns=cgo as the binary was compiled without support for the cgo resolver`).',
  },
  check: () => [],
};
