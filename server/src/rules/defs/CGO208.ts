import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO208',
    name: 'buildmode-needs-cgo',
    severity: 'error',
    title: 'A build mode or -linkmode=external that needs cgo, with cgo off',
    summary: '`-buildmode=plugin|c-shared|c-archive` and `-linkmode=external` need cgo: with `CGO_ENABLED=0` the build fails (`-linkmode=external requires external (cgo) linking, but cgo is not enabled`).',
  },
  check: () => [],
};
