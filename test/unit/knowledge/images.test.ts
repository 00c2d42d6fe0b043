import { describe, it, expect } from 'vitest';
import {
  classifyImage,
  compareVersions,
  debianCodenameInfo,
  glibcRuntimeSuggestion,
  golangTagFor,
  parseImageRef,
  type ImageFacts,
  type ImageRef,
  type LibcFamily,
  type Tri,
} from '../../../server/src/knowledge/images';

// ---------------------------------------------------------------------------------------------------
// parseImageRef: input → expected ref (undefined = not parseable / unresolved)

const refCases: Array<[string, Omit<ImageRef, 'raw'> | undefined]> = [
  ['golang', { repository: 'golang' }],
  ['golang:1.22', { repository: 'golang', tag: '1.22' }],
  ['docker.io/library/golang:1.26.6', { registry: 'docker.io', repository: 'golang', tag: '1.26.6' }],
  ['docker.io/golang:1.27', { registry: 'docker.io', repository: 'golang', tag: '1.27' }],
  ['index.docker.io/library/alpine:3.18', { registry: 'index.docker.io', repository: 'alpine', tag: '3.18' }],
  ['library/alpine', { repository: 'alpine' }],
  ['mirror.gcr.io/library/golang:1.22', { registry: 'mirror.gcr.io', repository: 'golang', tag: '1.22' }],
  ['public.ecr.aws/docker/library/golang:1.23', { registry: 'public.ecr.aws', repository: 'golang', tag: '1.23' }],
  ['public.ecr.aws/ubuntu/ubuntu:noble', { registry: 'public.ecr.aws', repository: 'public.ecr.aws/ubuntu/ubuntu', tag: 'noble' }],
  ['gcr.io/distroless/static-debian12:nonroot', { registry: 'gcr.io', repository: 'gcr.io/distroless/static-debian12', tag: 'nonroot' }],
  ['cgr.dev/chainguard/static', { registry: 'cgr.dev', repository: 'cgr.dev/chainguard/static' }],
  ['registry.access.redhat.com/ubi9/ubi-micro:latest', { registry: 'registry.access.redhat.com', repository: 'registry.access.redhat.com/ubi9/ubi-micro', tag: 'latest' }],
  ['quay.io/projectquay/golang:1.20', { registry: 'quay.io', repository: 'quay.io/projectquay/golang', tag: '1.20' }],
  ['localhost:5000/x:1', { registry: 'localhost:5000', repository: 'localhost:5000/x', tag: '1' }],
  ['localhost/team/app', { registry: 'localhost', repository: 'localhost/team/app' }],
  ['tonistiigi/xx:1.9.0', { repository: 'tonistiigi/xx', tag: '1.9.0' }],
  ['golang:1.22@sha256:0123abcd', { repository: 'golang', tag: '1.22', digest: 'sha256:0123abcd' }],
  ['alpine@sha256:feedbeef', { repository: 'alpine', digest: 'sha256:feedbeef' }],
  ['GOLANG:1.22-Alpine', { repository: 'golang', tag: '1.22-Alpine' }],
  ['  alpine:3.20  ', { repository: 'alpine', tag: '3.20' }],
  ['scratch', { repository: 'scratch' }],
  ['', undefined],
  ['   ', undefined],
  ['$BASE_IMAGE', undefined],
  ['golang:${GO_VERSION}-alpine${ALPINE_VERSION}', undefined],
  ['quay.io/prometheus/busybox@sha256:${BASE_DOCKER_SHA}', undefined],
  ['golang:1.22 AS build', undefined],
  ['golang:', undefined],
  ['golang@', undefined],
  ['registry..corp/x', undefined],
];

describe('parseImageRef', () => {
  it.each(refCases)('%s', (text, expected) => {
    const ref = parseImageRef(text);
    if (expected === undefined) expect(ref).toBeUndefined();
    else expect(ref).toEqual({ raw: text, ...expected });
  });
});

// ---------------------------------------------------------------------------------------------------
// classifyImage: one row per image reference.
// go column: null = image ships no Go (no `go` field); '?' = ships Go, version unknown; else the version.

type Row = [
  input: string,
  known: boolean,
  libc: LibcFamily,
  libcVersion: string | undefined,
  codename: string | undefined,
  cCompiler: Tri,
  tagMayMove: boolean,
  go: string | null,
  goAtLeast120: boolean | undefined,
];

const rows: Row[] = [
  // golang: floating tags → newest (trixie at the knowledge date)
  ['golang', true, 'glibc', '2.41', 'trixie', 'yes', true, '?', true],
  ['golang:latest', true, 'glibc', '2.41', 'trixie', 'yes', true, '?', true],
  ['golang:1', true, 'glibc', '2.41', 'trixie', 'yes', true, '?', true],
  ['docker.io/library/golang:latest', true, 'glibc', '2.41', 'trixie', 'yes', true, '?', true],
  // golang minor tags: maintained ones move, ended ones are frozen on their last release
  ['golang:1.27', true, 'glibc', '2.41', 'trixie', 'yes', true, '1.27', true],
  ['docker.io/golang:1.27', true, 'glibc', '2.41', 'trixie', 'yes', true, '1.27', true],
  ['golang:1.26', true, 'glibc', '2.41', 'trixie', 'yes', true, '1.26', true],
  ['golang:1.25', true, 'glibc', '2.41', 'trixie', 'yes', false, '1.25', true],
  ['golang:1.24', true, 'glibc', '2.41', 'trixie', 'yes', false, '1.24', true],
  ['golang:1.23', true, 'glibc', '2.41', 'trixie', 'yes', false, '1.23', true],
  ['golang:1.22', true, 'glibc', '2.36', 'bookworm', 'yes', false, '1.22', true],
  ['golang:1.21', true, 'glibc', '2.36', 'bookworm', 'yes', false, '1.21', true],
  ['golang:1.20', true, 'glibc', '2.36', 'bookworm', 'yes', false, '1.20', true],
  ['golang:1.19', true, 'glibc', '2.36', 'bookworm', 'yes', false, '1.19', false],
  ['golang:1.18', true, 'glibc', '2.31', 'bullseye', 'yes', false, '1.18', false],
  ['golang:1.17', true, 'glibc', '2.31', 'bullseye', 'yes', false, '1.17', false],
  ['golang:1.16', true, 'glibc', '2.31', 'bullseye', 'yes', false, '1.16', false],
  ['golang:1.15', true, 'glibc', undefined, undefined, 'yes', false, '1.15', false],
  ['golang:1.14', true, 'glibc', '2.28', 'buster', 'yes', false, '1.14', false],
  ['golang:1.13', true, 'glibc', '2.28', 'buster', 'yes', false, '1.13', false],
  ['golang:1.12', true, 'glibc', undefined, undefined, 'yes', false, '1.12', false],
  ['golang:1.28', true, 'glibc', undefined, undefined, 'yes', true, '1.28', true],
  // golang patch tags are frozen on the release of their final build
  ['golang:1.20.4', true, 'glibc', '2.31', 'bullseye', 'yes', false, '1.20.4', true],
  ['golang:1.20.5', true, 'glibc', '2.36', 'bookworm', 'yes', false, '1.20.5', true],
  ['golang:1.19.9', true, 'glibc', '2.31', 'bullseye', 'yes', false, '1.19.9', false],
  ['golang:1.19.10', true, 'glibc', '2.36', 'bookworm', 'yes', false, '1.19.10', false],
  ['golang:1.24.5', true, 'glibc', '2.36', 'bookworm', 'yes', false, '1.24.5', true],
  ['golang:1.24.6', true, 'glibc', '2.41', 'trixie', 'yes', false, '1.24.6', true],
  ['golang:1.23.11', true, 'glibc', '2.36', 'bookworm', 'yes', false, '1.23.11', true],
  ['golang:1.23.12', true, 'glibc', '2.41', 'trixie', 'yes', false, '1.23.12', true],
  ['golang:1.25.0', true, 'glibc', '2.41', 'trixie', 'yes', false, '1.25.0', true],
  ['golang:1.16.6', true, 'glibc', '2.28', 'buster', 'yes', false, '1.16.6', false],
  ['golang:1.16.7', true, 'glibc', '2.31', 'bullseye', 'yes', false, '1.16.7', false],
  ['golang:1.15.14', true, 'glibc', '2.28', 'buster', 'yes', false, '1.15.14', false],
  ['golang:1.15.15', true, 'glibc', undefined, undefined, 'yes', false, '1.15.15', false],
  ['golang:1.26.6', true, 'glibc', '2.41', 'trixie', 'yes', false, '1.26.6', true],
  ['golang:1.28.0', true, 'glibc', undefined, undefined, 'yes', true, '1.28.0', true],
  // golang with an explicit Debian release: the release cannot move, the Go patch can
  ['golang:1.22-bookworm', true, 'glibc', '2.36', 'bookworm', 'yes', false, '1.22', true],
  ['golang:1.26-trixie', true, 'glibc', '2.41', 'trixie', 'yes', false, '1.26', true],
  ['golang:1.26.0-bookworm', true, 'glibc', '2.36', 'bookworm', 'yes', false, '1.26.0', true],
  ['golang:1.21-bullseye', true, 'glibc', '2.31', 'bullseye', 'yes', false, '1.21', true],
  ['golang:1.13-buster', true, 'glibc', '2.28', 'buster', 'yes', false, '1.13', false],
  ['golang:1.11-stretch', true, 'glibc', '2.24', 'stretch', 'yes', false, '1.11', false],
  ['golang:1-bookworm', true, 'glibc', '2.36', 'bookworm', 'yes', false, '?', true],
  ['golang:bookworm', true, 'glibc', '2.36', 'bookworm', 'yes', false, '?', true],
  ['golang:trixie', true, 'glibc', '2.41', 'trixie', 'yes', false, '?', true],
  ['golang:bullseye', true, 'glibc', '2.31', 'bullseye', 'yes', false, '?', undefined],
  // golang Alpine
  ['golang:alpine', true, 'musl', undefined, undefined, 'no', true, '?', true],
  ['golang:1.26-alpine', true, 'musl', undefined, undefined, 'no', true, '1.26', true],
  ['golang:1.24-alpine', true, 'musl', undefined, undefined, 'no', false, '1.24', true],
  ['golang:1.26.5-alpine', true, 'musl', undefined, undefined, 'no', false, '1.26.5', true],
  ['golang:1.26-alpine3.23', true, 'musl', '1.2', undefined, 'no', false, '1.26', true],
  ['golang:1.26.5-alpine3.24', true, 'musl', '1.2', undefined, 'no', false, '1.26.5', true],
  ['golang:1.20-alpine3.18', true, 'musl', '1.2.4', undefined, 'no', false, '1.20', true],
  ['golang:1.19-alpine', true, 'musl', undefined, undefined, 'no', false, '1.19', false],
  ['golang:1.18-alpine', true, 'musl', undefined, undefined, 'no', false, '1.18', false],
  ['golang:1-alpine', true, 'musl', undefined, undefined, 'no', true, '?', true],
  ['golang:alpine3.20', true, 'musl', '1.2', undefined, 'no', false, '?', undefined],
  ['public.ecr.aws/docker/library/golang:1.22-alpine', true, 'musl', undefined, undefined, 'no', false, '1.22', true],
  // golang rc: newest while upcoming, frozen afterwards
  ['golang:rc', true, 'glibc', '2.41', 'trixie', 'yes', true, '?', true],
  ['golang:1.28rc1', true, 'glibc', '2.41', 'trixie', 'yes', true, '1.28', true],
  ['golang:1.28-rc', true, 'glibc', '2.41', 'trixie', 'yes', true, '1.28', true],
  ['golang:1.28rc2-alpine', true, 'musl', undefined, undefined, 'no', true, '1.28', true],
  ['golang:1.26rc2', true, 'glibc', '2.41', 'trixie', 'yes', false, '1.26', true],
  ['golang:1.21rc2', true, 'glibc', undefined, undefined, 'yes', false, '1.21', true],
  // golang Windows: not Linux, libc unknown
  ['golang:1.22-windowsservercore', true, 'unknown', undefined, undefined, 'unknown', false, '1.22', true],
  ['golang:1.26-windowsservercore-ltsc2022', true, 'unknown', undefined, undefined, 'unknown', true, '1.26', true],
  ['golang:nanoserver-ltsc2022', true, 'unknown', undefined, undefined, 'unknown', true, '?', true],
  // golang: case, digests, unknown tags
  ['GOLANG:1.22', true, 'glibc', '2.36', 'bookworm', 'yes', false, '1.22', true],
  ['Golang:1.22-Alpine', true, 'musl', undefined, undefined, 'no', false, '1.22', true],
  ['golang:1.22@sha256:0123abcd', true, 'glibc', '2.36', 'bookworm', 'yes', false, '1.22', true],
  ['golang:1.24@sha256:0123abcd', true, 'glibc', undefined, undefined, 'yes', false, '1.24', true],
  ['golang:1.24.6@sha256:0123abcd', true, 'glibc', undefined, undefined, 'yes', false, '1.24.6', true],
  ['golang:1.24.7@sha256:0123abcd', true, 'glibc', '2.41', 'trixie', 'yes', false, '1.24.7', true],
  ['golang:1.26@sha256:0123abcd', true, 'glibc', '2.41', 'trixie', 'yes', false, '1.26', true],
  ['golang@sha256:0123abcd', true, 'glibc', undefined, undefined, 'yes', false, '?', undefined],
  ['golang:latest@sha256:0123abcd', true, 'glibc', undefined, undefined, 'yes', false, '?', undefined],
  ['golang:tip', false, 'unknown', undefined, undefined, 'unknown', true, null, undefined],
  ['golang:1.22-jammy', false, 'unknown', undefined, undefined, 'unknown', true, null, undefined],
  // alpine
  ['alpine', true, 'musl', '1.2', undefined, 'no', true, null, undefined],
  ['alpine:latest', true, 'musl', '1.2', undefined, 'no', true, null, undefined],
  ['alpine:3', true, 'musl', '1.2', undefined, 'no', true, null, undefined],
  ['alpine:3.24', true, 'musl', '1.2', undefined, 'no', false, null, undefined],
  ['alpine:3.24.1', true, 'musl', '1.2', undefined, 'no', false, null, undefined],
  ['alpine:3.20', true, 'musl', '1.2', undefined, 'no', false, null, undefined],
  ['alpine:3.18', true, 'musl', '1.2.4', undefined, 'no', false, null, undefined],
  ['alpine:3.13', true, 'musl', '1.2', undefined, 'no', false, null, undefined],
  ['alpine:3.12', true, 'musl', undefined, undefined, 'no', false, null, undefined],
  ['alpine:3.25', true, 'musl', undefined, undefined, 'no', false, null, undefined],
  ['alpine:edge', true, 'musl', undefined, undefined, 'no', true, null, undefined],
  ['alpine@sha256:feedbeef', true, 'musl', undefined, undefined, 'no', false, null, undefined],
  ['alpine:3.20@sha256:feedbeef', true, 'musl', '1.2', undefined, 'no', false, null, undefined],
  ['docker.io/alpine:3.24', true, 'musl', '1.2', undefined, 'no', false, null, undefined],
  ['public.ecr.aws/docker/library/alpine:3.20', true, 'musl', '1.2', undefined, 'no', false, null, undefined],
  ['mirror.gcr.io/library/alpine:3.18', true, 'musl', '1.2.4', undefined, 'no', false, null, undefined],
  // debian
  ['debian', true, 'glibc', undefined, undefined, 'no', true, null, undefined],
  ['debian:bookworm', true, 'glibc', '2.36', 'bookworm', 'no', false, null, undefined],
  ['debian:bookworm-slim', true, 'glibc', '2.36', 'bookworm', 'no', false, null, undefined],
  ['debian:bookworm-20240101-slim', true, 'glibc', '2.36', 'bookworm', 'no', false, null, undefined],
  ['debian:12', true, 'glibc', '2.36', 'bookworm', 'no', false, null, undefined],
  ['debian:12.5-slim', true, 'glibc', '2.36', 'bookworm', 'no', false, null, undefined],
  ['debian:trixie-slim', true, 'glibc', '2.41', 'trixie', 'no', false, null, undefined],
  ['debian:13', true, 'glibc', '2.41', 'trixie', 'no', false, null, undefined],
  ['debian:bullseye', true, 'glibc', '2.31', 'bullseye', 'no', false, null, undefined],
  ['debian:buster-slim', true, 'glibc', '2.28', 'buster', 'no', false, null, undefined],
  ['debian:stable-slim', true, 'glibc', undefined, undefined, 'no', true, null, undefined],
  ['debian:forky', true, 'glibc', undefined, 'forky', 'no', true, null, undefined],
  // ubuntu
  ['ubuntu', true, 'glibc', undefined, undefined, 'no', true, null, undefined],
  ['ubuntu:latest', true, 'glibc', undefined, undefined, 'no', true, null, undefined],
  ['ubuntu:18.04', true, 'glibc', '2.27', 'bionic', 'no', false, null, undefined],
  ['ubuntu:20.04', true, 'glibc', '2.31', 'focal', 'no', false, null, undefined],
  ['ubuntu:22.04', true, 'glibc', '2.35', 'jammy', 'no', false, null, undefined],
  ['ubuntu:24.04', true, 'glibc', '2.39', 'noble', 'no', false, null, undefined],
  ['ubuntu:jammy-20240101', true, 'glibc', '2.35', 'jammy', 'no', false, null, undefined],
  ['ubuntu:focal', true, 'glibc', '2.31', 'focal', 'no', false, null, undefined],
  ['public.ecr.aws/ubuntu/ubuntu:noble', true, 'glibc', '2.39', 'noble', 'no', false, null, undefined],
  ['ubuntu:26.04', true, 'glibc', undefined, undefined, 'no', false, null, undefined],
  // buildpack-deps
  ['buildpack-deps:bookworm', true, 'glibc', '2.36', 'bookworm', 'yes', false, null, undefined],
  ['buildpack-deps:bookworm-curl', true, 'glibc', '2.36', 'bookworm', 'no', false, null, undefined],
  ['buildpack-deps:trixie-scm', true, 'glibc', '2.41', 'trixie', 'no', false, null, undefined],
  ['buildpack-deps:jammy', true, 'glibc', '2.35', 'jammy', 'yes', false, null, undefined],
  ['buildpack-deps', true, 'glibc', undefined, undefined, 'yes', true, null, undefined],
  ['buildpack-deps:scm', true, 'glibc', undefined, undefined, 'no', true, null, undefined],
  // distroless
  ['gcr.io/distroless/static', true, 'none', undefined, undefined, 'no', true, null, undefined],
  ['gcr.io/distroless/static:nonroot', true, 'none', undefined, undefined, 'no', true, null, undefined],
  ['gcr.io/distroless/static:debug', true, 'none', undefined, undefined, 'no', true, null, undefined],
  ['gcr.io/distroless/static-debian11', true, 'none', undefined, 'bullseye', 'no', false, null, undefined],
  ['gcr.io/distroless/static-debian12:nonroot', true, 'none', undefined, 'bookworm', 'no', false, null, undefined],
  ['gcr.io/distroless/static-debian12:debug-nonroot', true, 'none', undefined, 'bookworm', 'no', false, null, undefined],
  ['gcr.io/distroless/static-debian13:latest', true, 'none', undefined, 'trixie', 'no', false, null, undefined],
  ['gcr.io/distroless/base', true, 'glibc', undefined, undefined, 'no', true, null, undefined],
  ['gcr.io/distroless/base-debian10', true, 'glibc', '2.28', 'buster', 'no', false, null, undefined],
  ['gcr.io/distroless/base-debian11', true, 'glibc', '2.31', 'bullseye', 'no', false, null, undefined],
  ['gcr.io/distroless/base-debian12', true, 'glibc', '2.36', 'bookworm', 'no', false, null, undefined],
  ['gcr.io/distroless/base-debian13', true, 'glibc', '2.41', 'trixie', 'no', false, null, undefined],
  ['gcr.io/distroless/base-nossl-debian12:nonroot', true, 'glibc', '2.36', 'bookworm', 'no', false, null, undefined],
  ['gcr.io/distroless/cc-debian12', true, 'glibc', '2.36', 'bookworm', 'no', false, null, undefined],
  ['gcr.io/distroless/cc', true, 'glibc', undefined, undefined, 'no', true, null, undefined],
  ['gcr.io/distroless/static-debian12@sha256:0123abcd', true, 'none', undefined, 'bookworm', 'no', false, null, undefined],
  ['gcr.io/distroless/java17-debian12', false, 'unknown', undefined, undefined, 'unknown', true, null, undefined],
  // Chainguard
  ['cgr.dev/chainguard/static', true, 'none', undefined, undefined, 'no', true, null, undefined],
  ['cgr.dev/chainguard/static:latest-glibc', true, 'none', undefined, undefined, 'no', true, null, undefined],
  ['cgr.dev/chainguard/glibc-dynamic', true, 'glibc', undefined, undefined, 'no', true, null, undefined],
  ['cgr.dev/chainguard/go', true, 'glibc', undefined, undefined, 'unknown', true, '?', true],
  ['cgr.dev/chainguard/wolfi-base', true, 'glibc', undefined, undefined, 'no', true, null, undefined],
  // Red Hat family
  ['registry.access.redhat.com/ubi8', true, 'glibc', '2.28', undefined, 'no', false, null, undefined],
  ['registry.access.redhat.com/ubi8/ubi-minimal', true, 'glibc', '2.28', undefined, 'no', false, null, undefined],
  ['registry.access.redhat.com/ubi8/ubi-micro:latest', true, 'glibc', '2.28', undefined, 'no', false, null, undefined],
  ['registry.access.redhat.com/ubi9/ubi-micro:latest', true, 'glibc', '2.34', undefined, 'no', false, null, undefined],
  ['registry.access.redhat.com/ubi9/ubi', true, 'glibc', '2.34', undefined, 'no', false, null, undefined],
  ['registry.access.redhat.com/ubi10/ubi', true, 'glibc', undefined, undefined, 'no', false, null, undefined],
  ['redhat/ubi8', true, 'glibc', '2.28', undefined, 'no', false, null, undefined],
  ['redhat/ubi9-minimal', true, 'glibc', '2.34', undefined, 'no', false, null, undefined],
  ['registry.access.redhat.com/ubi9/go-toolset', true, 'glibc', '2.34', undefined, 'unknown', false, '?', undefined],
  ['rockylinux:8', true, 'glibc', '2.28', undefined, 'no', false, null, undefined],
  ['rockylinux:9', true, 'glibc', '2.34', undefined, 'no', false, null, undefined],
  ['almalinux:9.4-minimal', true, 'glibc', '2.34', undefined, 'no', false, null, undefined],
  ['centos:7', true, 'glibc', '2.17', undefined, 'no', false, null, undefined],
  ['centos:centos7', true, 'glibc', '2.17', undefined, 'no', false, null, undefined],
  ['amazonlinux:2', true, 'glibc', '2.26', undefined, 'no', false, null, undefined],
  ['amazonlinux:2023', true, 'glibc', '2.34', undefined, 'no', false, null, undefined],
  ['amazonlinux:2023.5.20240805.0', true, 'glibc', '2.34', undefined, 'no', false, null, undefined],
  ['amazonlinux', true, 'glibc', undefined, undefined, 'no', true, null, undefined],
  ['public.ecr.aws/lambda/provided:al2', true, 'glibc', '2.26', undefined, 'no', false, null, undefined],
  ['public.ecr.aws/lambda/provided:al2023', true, 'glibc', '2.34', undefined, 'no', false, null, undefined],
  // busybox
  ['busybox', true, 'glibc', '2.41', undefined, 'no', true, null, undefined],
  ['busybox:latest', true, 'glibc', '2.41', undefined, 'no', true, null, undefined],
  ['busybox:glibc', true, 'glibc', '2.41', undefined, 'no', true, null, undefined],
  ['busybox:1.36', true, 'glibc', undefined, undefined, 'no', true, null, undefined],
  ['busybox:1.37.0-glibc', true, 'glibc', undefined, undefined, 'no', true, null, undefined],
  ['busybox:1.35', true, 'unknown', undefined, undefined, 'no', true, null, undefined],
  ['busybox:musl', true, 'musl', undefined, undefined, 'no', true, null, undefined],
  ['busybox:1.36-musl', true, 'musl', undefined, undefined, 'no', true, null, undefined],
  ['busybox:uclibc', true, 'uclibc', undefined, undefined, 'no', true, null, undefined],
  ['busybox@sha256:feedbeef', true, 'unknown', undefined, undefined, 'no', false, null, undefined],
  // scratch
  ['scratch', true, 'none', undefined, undefined, 'no', false, null, undefined],
  // everything else: unknown, never guessed
  ['node:20-alpine', false, 'unknown', undefined, undefined, 'unknown', true, null, undefined],
  ['tonistiigi/xx:1.9.0', false, 'unknown', undefined, undefined, 'unknown', true, null, undefined],
  ['mcr.microsoft.com/oss/go/microsoft/golang:1.23-fips-azurelinux3.0', false, 'unknown', undefined, undefined, 'unknown', true, null, undefined],
  ['quay.io/projectquay/golang:1.20', false, 'unknown', undefined, undefined, 'unknown', true, null, undefined],
  ['registry.corp/base/go:1.2', false, 'unknown', undefined, undefined, 'unknown', true, null, undefined],
  ['localhost:5000/x:1', false, 'unknown', undefined, undefined, 'unknown', true, null, undefined],
  ['registry.corp/base/go@sha256:0123abcd', false, 'unknown', undefined, undefined, 'unknown', false, null, undefined],
  ['$BASE_IMAGE', false, 'unknown', undefined, undefined, 'unknown', true, null, undefined],
  ['golang:${GO_VERSION}', false, 'unknown', undefined, undefined, 'unknown', true, null, undefined],
  ['alpine:$IMG_TAG', false, 'unknown', undefined, undefined, 'unknown', true, null, undefined],
  ['', false, 'unknown', undefined, undefined, 'unknown', true, null, undefined],
];

function goColumn(f: ImageFacts): string | null {
  if (f.go === undefined) return null;
  const v = f.go.version;
  if (v === undefined) return '?';
  return v.patch === undefined ? `${v.major}.${v.minor}` : `${v.major}.${v.minor}.${v.patch}`;
}

describe('classifyImage table', () => {
  it('has at least 80 cases', () => {
    expect(rows.length).toBeGreaterThanOrEqual(80);
  });
  it.each(rows)('%s', (input, known, libc, libcVersion, codename, cCompiler, tagMayMove, go, atLeast120) => {
    const f = classifyImage(input);
    expect({
      known: f.known,
      libc: f.libc,
      libcVersion: f.libcVersion,
      codename: f.distro?.codename,
      cCompiler: f.cCompiler,
      tagMayMove: f.tagMayMove,
      go: goColumn(f),
      goAtLeast120: f.goAtLeast120,
    }).toEqual({ known, libc, libcVersion, codename, cCompiler, tagMayMove, go, goAtLeast120: atLeast120 });
  });
});

// ---------------------------------------------------------------------------------------------------
// Runtime contents: CA bundle, tzdata, /etc/passwd, package manager, distro release.

const contentRows: Array<[string, Tri, Tri, Tri, string | undefined, string | undefined]> = [
  // input, caCertificates, tzdata, passwd, packageManager, distro.release
  ['scratch', 'no', 'no', 'no', 'none', undefined],
  ['gcr.io/distroless/static-debian12', 'yes', 'yes', 'yes', 'none', '12'],
  ['gcr.io/distroless/base-debian13', 'yes', 'yes', 'yes', 'none', '13'],
  ['golang:1.22', 'yes', 'yes', 'yes', 'apt', '12'],
  ['golang:1.22-alpine', 'yes', 'no', 'yes', 'apk', undefined],
  ['golang:1.26-alpine3.23', 'yes', 'no', 'yes', 'apk', '3.23'],
  ['alpine:3.20', 'unknown', 'no', 'yes', 'apk', '3.20'],
  ['alpine:3.24.1', 'unknown', 'no', 'yes', 'apk', '3.24'],
  ['debian:bookworm-slim', 'unknown', 'unknown', 'yes', 'apt', '12'],
  ['ubuntu:22.04', 'unknown', 'unknown', 'yes', 'apt', '22.04'],
  ['busybox', 'no', 'no', 'unknown', 'none', undefined],
  ['registry.access.redhat.com/ubi9/ubi-micro', 'unknown', 'unknown', 'unknown', 'none', '9'],
  ['registry.access.redhat.com/ubi9/ubi-minimal', 'unknown', 'unknown', 'yes', 'microdnf', '9'],
  ['registry.access.redhat.com/ubi8/ubi', 'unknown', 'unknown', 'yes', 'dnf', '8'],
  ['amazonlinux:2', 'unknown', 'unknown', 'yes', 'yum', '2'],
  ['cgr.dev/chainguard/static', 'unknown', 'unknown', 'unknown', undefined, undefined],
  ['node:20', 'unknown', 'unknown', 'unknown', undefined, undefined],
];

describe('classifyImage contents', () => {
  it.each(contentRows)('%s', (input, ca, tz, passwd, pm, release) => {
    const f = classifyImage(input);
    expect([f.caCertificates, f.tzdata, f.passwd, f.packageManager, f.distro?.release]).toEqual([ca, tz, passwd, pm, release]);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('classifyImage names, notes and refs', () => {
  it.each([
    ['golang:1.22', 'golang 1.22 (Debian bookworm)'],
    ['golang', 'golang latest (Debian trixie)'],
    ['golang:1.15', 'golang 1.15 (Debian release unknown)'],
    ['golang:1.26-alpine3.23', 'golang 1.26 (Alpine 3.23)'],
    ['golang:1.22-windowsservercore', 'golang 1.22 (Windows Server Core)'],
    ['alpine:3.20', 'Alpine 3.20'],
    ['gcr.io/distroless/static-debian12', 'distroless static (Debian 12)'],
    ['gcr.io/distroless/static', 'distroless static (Debian release unknown)'],
    ['debian:bookworm-slim', 'Debian 12 (bookworm) slim'],
    ['ubuntu:24.04', 'Ubuntu 24.04 (noble)'],
    ['registry.access.redhat.com/ubi9/ubi-micro', 'Red Hat UBI 9 micro'],
    ['scratch', 'scratch'],
    ['node:20', 'node:20'],
  ])('%s → %s', (input, name) => {
    expect(classifyImage(input).name).toBe(name);
  });

  it('keeps the parsed ref, including the raw text', () => {
    expect(classifyImage('docker.io/library/golang:1.22@sha256:abcd').ref).toEqual({
      raw: 'docker.io/library/golang:1.22@sha256:abcd',
      registry: 'docker.io',
      repository: 'golang',
      tag: '1.22',
      digest: 'sha256:abcd',
    });
    expect(classifyImage('$BASE_IMAGE').ref).toEqual({ raw: '$BASE_IMAGE', repository: '' });
  });

  it('explains bare golang tag drift, and not for pinned codenames', () => {
    expect(classifyImage('golang:1.24').notes.some((n) => n.includes('bookworm→trixie on 2025-08-12'))).toBe(true);
    expect(classifyImage('golang:1.24-bookworm').notes.some((n) => n.includes('bookworm→trixie'))).toBe(false);
  });

  it('explains why a pinned digest loses the Debian release', () => {
    expect(classifyImage('golang:1.24@sha256:abcd').notes).toContain('pinned by digest: the Debian release depends on when this image was built');
  });

  it('notes the Go < 1.20 cgo default', () => {
    expect(classifyImage('golang:1.19').notes.some((n) => n.startsWith('Go < 1.20'))).toBe(true);
    expect(classifyImage('golang:1.22').notes.some((n) => n.startsWith('Go < 1.20'))).toBe(false);
  });

  it('notes that busybox glibc copies only the libraries busybox needs', () => {
    expect(classifyImage('busybox:glibc').notes.some((n) => n.includes('libstdc++'))).toBe(true);
    expect(classifyImage('busybox:musl').notes.some((n) => n.includes('libstdc++'))).toBe(false);
  });

  it('marks ubi-micro CA absence as unconfirmed and Rocky/Alma glibc as by analogy', () => {
    expect(classifyImage('registry.access.redhat.com/ubi8/ubi-micro').notes.some((n) => n.includes('unconfirmed'))).toBe(true);
    expect(classifyImage('rockylinux:9').notes).toEqual(['glibc 2.34 assumed equal to RHEL 9 (by analogy, unconfirmed)']);
  });

  it('says why an unresolved reference is unknown', () => {
    expect(classifyImage('golang:${GO_VERSION}').notes).toEqual(['image reference contains an unresolved variable']);
    expect(classifyImage('golang:tip').notes).toEqual(["unrecognised golang tag 'tip'"]);
  });
});

// ---------------------------------------------------------------------------------------------------
// The `today` option moves maintenance windows.

const todayRows: Array<[string, string, string | undefined, boolean]> = [
  // input, today, codename, tagMayMove
  ['golang:1.22', '2024-06-01', 'bookworm', true],
  ['golang:1.22', '2025-03-01', 'bookworm', false],
  ['golang:1.20', '2023-03-01', 'bullseye', true],
  ['golang:1.20', '2023-07-01', 'bookworm', true],
  ['golang:1.25', '2026-03-01', 'trixie', true],
  ['golang:1.26', '2026-01-15', undefined, true],
  ['golang:1.26', '2026-02-15', undefined, true],
  ['golang:1.28', '2026-11-24', undefined, true],
  ['golang:latest', '2024-01-01', 'bookworm', true],
  ['golang:latest', '2022-01-01', 'bullseye', true],
  ['golang:latest', '2023-06-13', undefined, true],
  ['golang:latest', '2028-01-01', undefined, true],
  ['golang:1.26', '2028-01-01', undefined, true],
  ['golang:1.26.3', '2028-01-01', undefined, true],
  ['golang:1.22', '2028-01-01', 'bookworm', false],
  ['golang:1.22', 'not a date', 'bookworm', false],
];

describe('classifyImage with today', () => {
  it.each(todayRows)('%s on %s', (input, today, codename, mayMove) => {
    const f = classifyImage(input, { today });
    expect([f.distro?.codename, f.tagMayMove]).toEqual([codename, mayMove]);
  });

  it('golang:latest before Go 1.20 is not ≥ 1.20', () => {
    expect(classifyImage('golang:latest', { today: '2022-06-01' }).goAtLeast120).toBe(false);
    expect(classifyImage('golang:latest', { today: '2023-03-01' }).goAtLeast120).toBe(true);
  });

  it('busybox:latest was uClibc before 2022-12-05', () => {
    expect(classifyImage('busybox', { today: '2022-01-01' }).libc).toBe('uclibc');
    const f = classifyImage('busybox', { today: '2024-01-01' });
    expect([f.libc, f.libcVersion]).toEqual(['glibc', undefined]);
  });
});

// ---------------------------------------------------------------------------------------------------
// custom: user image patterns (exact repository, repository:tag, trailing '*'), longest wins, beats built-in.

describe('classifyImage custom patterns', () => {
  const custom = {
    'registry.corp/base/*': { libc: 'glibc' as const, version: '2.36' },
    'registry.corp/base/go': { libc: 'glibc' as const, version: '2.31', toolchain: true },
    'registry.corp/base/go:musl': { libc: 'musl' as const, version: '1.2.4', toolchain: false },
    'registry.corp/static': { libc: 'none' as const, version: '9.9' },
    'golang:1.22': { libc: 'musl' as const },
    'docker.io/library/alpine:3.20': { libc: 'glibc' as const, version: '2.41' },
  };
  const customRows: Array<[string, boolean, LibcFamily, string | undefined, Tri]> = [
    // input, known, libc, libcVersion, cCompiler
    ['registry.corp/base/runtime:1', true, 'glibc', '2.36', 'unknown'],
    ['registry.corp/base/go:1.2', true, 'glibc', '2.31', 'yes'],
    ['registry.corp/base/go', true, 'glibc', '2.31', 'yes'],
    ['registry.corp/base/go:musl', true, 'musl', '1.2.4', 'no'],
    ['REGISTRY.CORP/base/go:musl', true, 'musl', '1.2.4', 'no'],
    ['registry.corp/static:3', true, 'none', undefined, 'unknown'],
    ['registry.corp/other:1', false, 'unknown', undefined, 'unknown'],
    ['golang:1.22', true, 'musl', undefined, 'unknown'],
    ['golang:1.23', true, 'glibc', '2.41', 'yes'],
    ['alpine:3.20', true, 'glibc', '2.41', 'unknown'],
    ['alpine:3.21', true, 'musl', '1.2', 'no'],
  ];
  it.each(customRows)('%s', (input, known, libc, libcVersion, cCompiler) => {
    const f = classifyImage(input, { custom });
    expect([f.known, f.libc, f.libcVersion, f.cCompiler]).toEqual([known, libc, libcVersion, cCompiler]);
  });

  it('names the setting that decided', () => {
    const f = classifyImage('registry.corp/base/go:1.2', { custom });
    expect(f.notes).toEqual(['from the images setting "registry.corp/base/go"']);
    expect(f.name).toBe('registry.corp/base/go:1.2 (configured: glibc 2.31)');
  });

  it('a longer glob beats a shorter one, and ignores malformed entries', () => {
    const globs = {
      'registry.corp/*': { libc: 'musl' as const },
      'registry.corp/base/*': { libc: 'glibc' as const },
      'registry.corp/base/x*': { libc: 'bogus' } as unknown as { libc: 'none' },
    };
    expect(classifyImage('registry.corp/base/xy', { custom: globs }).libc).toBe('glibc');
    expect(classifyImage('registry.corp/app', { custom: globs }).libc).toBe('musl');
  });

  it('a glob on repository:tag', () => {
    expect(classifyImage('golang:1.22-alpine', { custom: { 'golang:1.22*': { libc: 'none' } } }).libc).toBe('none');
    expect(classifyImage('golang:1.23-alpine', { custom: { 'golang:1.22*': { libc: 'none' } } }).libc).toBe('musl');
  });
});

// ---------------------------------------------------------------------------------------------------

describe('debianCodenameInfo', () => {
  it.each([
    ['trixie', { release: '13', glibc: '2.41' }],
    ['bookworm', { release: '12', glibc: '2.36' }],
    ['bullseye', { release: '11', glibc: '2.31' }],
    ['buster', { release: '10', glibc: '2.28' }],
    ['stretch', { release: '9', glibc: '2.24' }],
    ['Bookworm', { release: '12', glibc: '2.36' }],
    ['forky', undefined],
    ['jammy', undefined],
    ['', undefined],
  ])('%s', (codename, expected) => {
    expect(debianCodenameInfo(codename)).toEqual(expected);
  });
});

describe('compareVersions', () => {
  it.each([
    ['2.36', '2.31', 1],
    ['2.31', '2.36', -1],
    ['2.36', '2.36', 0],
    ['2.4', '2.36', -1],
    ['2.41', '2.4', 1],
    ['1.2.4', '1.2', 1],
    ['1.2', '1.2.0', 0],
    ['1.2.5', '1.2.4', 1],
    ['2.17', '2.2', 1],
  ])('%s vs %s', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});

describe('glibcRuntimeSuggestion', () => {
  it.each<[string | undefined, boolean | undefined, string | undefined]>([
    ['2.36', undefined, 'gcr.io/distroless/base-debian12'],
    ['2.41', undefined, 'gcr.io/distroless/base-debian13'],
    ['2.31', undefined, 'gcr.io/distroless/base-debian11'],
    ['2.28', undefined, 'gcr.io/distroless/base-debian11'],
    ['2.35', undefined, 'gcr.io/distroless/base-debian12'],
    ['2.39', false, 'gcr.io/distroless/base-debian13'],
    ['2.36', true, 'gcr.io/distroless/cc-debian12'],
    ['2.41', true, 'gcr.io/distroless/cc-debian13'],
    ['2.42', undefined, undefined],
    [undefined, undefined, undefined],
    ['glibc', undefined, undefined],
  ])('%s (libstdc++: %s)', (glibc, cxx, expected) => {
    expect(glibcRuntimeSuggestion(glibc, cxx)).toBe(expected);
  });
});

describe('golangTagFor', () => {
  it.each<[{ major: number; minor: number; patch?: number } | undefined, string, string]>([
    [{ major: 1, minor: 22 }, 'bookworm', 'golang:1.22-bookworm'],
    [{ major: 1, minor: 24, patch: 5 }, 'bookworm', 'golang:1.24.5-bookworm'],
    [{ major: 1, minor: 26 }, 'trixie', 'golang:1.26-trixie'],
    [undefined, 'trixie', 'golang:trixie'],
  ])('%j %s', (go, codename, expected) => {
    expect(golangTagFor(go, codename)).toBe(expected);
  });

  it('round-trips through classifyImage', () => {
    const tag = golangTagFor({ major: 1, minor: 24 }, 'bookworm');
    expect(classifyImage(tag)).toMatchObject({ libcVersion: '2.36', tagMayMove: false, distro: { codename: 'bookworm' } });
  });
});
