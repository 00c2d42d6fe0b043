import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO101',
    name: 'dynamic-binary-without-its-libc',
    severity: 'error',
    title: 'A dynamically linked binary is copied into an image that has no matching libc loader',
    summary: 'A Go binary built with cgo is dynamically linked: the kernel must find its loader (`/lib64/ld-linux-x86-64.so.2` for glibc, `/lib/ld-musl-x86_64.so.1` for musl) in the image. `scratch`, distroless/static, chainguard/static, Alpine and busybox:musl lack the glibc loader, so the container fails to start with `exec /app: no such file or directory` although the file is there.',
  },
  check: () => [],
};
