import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO102',
    name: 'musl-binary-on-glibc',
    severity: 'error',
    title: 'A binary linked against musl (Alpine) runs on a glibc image',
    summary: 'A cgo build on an Alpine builder links against musl and needs `/lib/ld-musl-x86_64.so.1` at run time. Debian, Ubuntu, RHEL and distroless/base images do not have it, so the binary fails with `exec /app: no such file or directory`.',
  },
  check: () => [],
};
