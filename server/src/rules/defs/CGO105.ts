import type { Rule } from '../types';

export const rule: Rule = {
  meta: {
    id: 'CGO105',
    name: 'glibc-compat-hack',
    severity: 'warning',
    title: 'libc6-compat, gcompat or a hand-made loader symlink runs glibc binaries on musl',
    summary: '`apk add libc6-compat`/`gcompat` or a symlink to `ld-linux-x86-64.so.2` lets simple glibc binaries start on Alpine, but breaks as soon as the binary uses glibc-only symbols (`Error relocating ./app: __strdup: symbol not found`). Build the binary for the image instead.',
  },
  check: () => [],
};
