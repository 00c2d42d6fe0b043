import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO502',
    name: 'static-glibc-nss',
    severity: 'warning',
    title: 'A static glibc link without netgo,osusergo still needs glibc's NSS libraries',
    summary: 'Static linking against glibc keeps calls to `getaddrinfo` and `getpwuid_r`, which load `libnss_*.so` from the same glibc version at run time (`warning: Using 'getaddrinfo' in statically linked applications requires at runtime the shared libraries from the glibc version used for linking`).',
  },
  check: () => [],
};
