import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO503',
    name: 'netgo-without-osusergo',
    severity: 'warning',
    title: 'Only one of the netgo / osusergo tags is set',
    summary: '`-tags netgo` removes cgo from `net` but `os/user` still uses it (and `osusergo` alone leaves `net`): the binary is still dynamically linked.',
  },
  check: () => [],
};
