import { describe, expect, it } from 'vitest';
import { df, expectFires, expectSilent, range, type Expected } from './harness';

// CGO105 glibc-compat-hack: libc6-compat / gcompat / a hand-made ld-linux symlink on musl (cgo-facts A24).
const W = (l1: number, c1: number, l2: number, c2: number, text: string, has: string[] = []): Expected => ({ at: range(l1, c1, l2, c2), severity: 'warning', text, has });

describe('CGO105 glibc-compat-hack', () => {
  it('apk add libc6-compat: the exact finding, anchored on the package', async () => {
    const [f] = await expectFires(df('FROM alpine:3.20', 'RUN apk add --no-cache libc6-compat'), 'CGO105', {
      ...W(1, 23, 1, 35, 'libc6-compat'),
      message:
        '`libc6-compat` makes glibc binaries start on musl only until they use a glibc-only symbol; then they fail with errors such as `Error relocating ./app: __strdup: symbol not found`. Build a static binary (CGO_ENABLED=0) or use a glibc runtime image instead.',
    });
    // No automatic fix: the remedy is to build the binary properly (CGO101's fixes).
    expect(f.fixes).toEqual([]);
  });

  it.each<[string, string, Expected[]]>([
    ['apk add gcompat', df('FROM alpine:3.20', 'RUN apk add gcompat'), [W(1, 12, 1, 19, 'gcompat', ['`gcompat` makes glibc binaries start on musl'])]],
    ['ln -s to the glibc loader', df('FROM alpine:3.20', 'RUN mkdir /lib64 && ln -s /lib/libc.musl-x86_64.so.1 /lib64/ld-linux-x86-64.so.2'), [W(1, 20, 1, 80, 'ln -s /lib/libc.musl-x86_64.so.1 /lib64/ld-linux-x86-64.so.2', ['A hand-made `ld-linux` symlink'])]],
    ['ln -sf to the aarch64 loader', df('FROM alpine:3.20', 'RUN ln -sf /lib/ld-musl-aarch64.so.1 /lib/ld-linux-aarch64.so.1'), [W(1, 4, 1, 63, 'ln -sf /lib/ld-musl-aarch64.so.1 /lib/ld-linux-aarch64.so.1')]],
    ['both packages in one install', df('FROM alpine:3.20', 'RUN apk add --no-cache libc6-compat gcompat'), [W(1, 23, 1, 35, 'libc6-compat'), W(1, 36, 1, 43, 'gcompat')]],
    ['package and symlink in separate RUNs', df('FROM alpine:3.20', 'RUN apk add gcompat', 'RUN mkdir /lib64 && ln -s /lib/libc.musl-x86_64.so.1 /lib64/ld-linux-x86-64.so.2'), [W(1, 12, 1, 19, 'gcompat'), W(2, 20, 2, 80, 'ln -s /lib/libc.musl-x86_64.so.1 /lib64/ld-linux-x86-64.so.2')]],
    ['in the runtime stage of a glibc binary (CGO101 stays quiet, CGO105 speaks)', df('FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM alpine:3.20', 'RUN apk add --no-cache libc6-compat', 'COPY --from=build /app /app'), [W(3, 23, 3, 35, 'libc6-compat')]],
    ['continuation-split install', df('FROM alpine:3.20', 'RUN apk add --no-cache \\', '      ca-certificates \\', '      libc6-compat'), [W(3, 6, 3, 18, 'libc6-compat')]],
    ['lowercase keywords', df('from alpine:3.20', 'run apk add libc6-compat'), [W(1, 12, 1, 24, 'libc6-compat')]],
    ['heredoc', df('FROM alpine:3.20', 'RUN <<EOF', 'apk add --no-cache gcompat', 'EOF'), [W(2, 19, 2, 26, 'gcompat')]],
  ])('fires: %s', async (_d, source, expected) => {
    await expectFires(source, 'CGO105', expected);
  });

  it.each<[string, string]>([
    ['apk add gcc musl-dev', df('FROM golang:1.22-alpine', 'RUN apk add --no-cache gcc musl-dev')],
    ['apk add ca-certificates tzdata', df('FROM alpine:3.20', 'RUN apk add --no-cache ca-certificates tzdata')],
    ['a package name that only contains the word', df('FROM alpine:3.20', 'RUN apk add --no-cache libc6-compat-doc')],
    ['ln -s of something else', df('FROM alpine:3.20', 'RUN ln -s /usr/bin/python3 /usr/bin/python')],
    ['hard link to the loader is not this pattern', df('FROM alpine:3.20', 'RUN cp /lib/libc.musl-x86_64.so.1 /tmp/x')],
    ['mentioned in a comment', df('FROM alpine:3.20', '# RUN apk add libc6-compat', 'RUN echo hi')],
    ['apk del libc6-compat', df('FROM alpine:3.20', 'RUN apk del libc6-compat')],
  ])('does not fire: %s', async (_d, source) => {
    await expectSilent(source, 'CGO105');
  });
});
