import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO106',
    name: 'unpinned-golang-codename',
    severity: 'warning',
    title: 'A cgo build uses a golang tag whose Debian release can move under a pinned glibc runtime',
    summary: 'Bare `golang:<version>` tags follow the newest Debian release (bullseye → bookworm on 2023-06-13, bookworm → trixie on 2025-08-12). A cgo binary built on them can suddenly need a newer glibc than a pinned runtime image provides.',
  },
  check: () => [],
};
