// Static facts about base images (knowledge/cgo-facts.md table B). Only versions the facts state are
// recorded; a missing value means "unknown" and lookups must not fill it in.

export interface DebianRelease {
  readonly release: string;
  /** glibc minor; absent when the knowledge base does not give it. */
  readonly glibc?: string;
}

export const DEBIAN_RELEASES: Readonly<Record<string, DebianRelease>> = {
  jessie: { release: '8' },
  stretch: { release: '9', glibc: '2.24' },
  buster: { release: '10', glibc: '2.28' },
  bullseye: { release: '11', glibc: '2.31' },
  bookworm: { release: '12', glibc: '2.36' },
  trixie: { release: '13', glibc: '2.41' },
  forky: { release: '14' },
};

/** Debian tags whose release changes over time. */
export const DEBIAN_FLOATING_TAGS: readonly string[] = [
  'latest', 'stable', 'oldstable', 'oldoldstable', 'testing', 'unstable', 'sid', 'experimental', 'rc-buggy',
];

/** Suites that are moving targets even under their own codename (testing). */
export const DEBIAN_MOVING_CODENAMES: readonly string[] = ['forky'];

export interface UbuntuRelease {
  readonly version: string;
  readonly codename: string;
  readonly glibc: string;
}

export const UBUNTU_RELEASES: readonly UbuntuRelease[] = [
  { version: '18.04', codename: 'bionic', glibc: '2.27' },
  { version: '20.04', codename: 'focal', glibc: '2.31' },
  { version: '21.04', codename: 'hirsute', glibc: '2.33' },
  { version: '22.04', codename: 'jammy', glibc: '2.35' },
  { version: '24.04', codename: 'noble', glibc: '2.39' },
];

export const UBUNTU_FLOATING_TAGS: readonly string[] = ['latest', 'rolling', 'devel', 'edge'];

/** Repositories that are Ubuntu's official image under another name. */
export const UBUNTU_REPOSITORIES: readonly string[] = ['ubuntu', 'public.ecr.aws/ubuntu/ubuntu'];

/**
 * musl by Alpine branch (3.N). 3.13+ ship musl 1.2.x [S]; 3.18 ships 1.2.4 [S]. Later exact versions
 * (3.20+: 1.2.5) are unconfirmed, so only the minor '1.2' is given for them.
 */
export const ALPINE_MUSL_EXACT: Readonly<Record<number, string>> = { 18: '1.2.4' };
export const ALPINE_FIRST_MUSL_1_2 = 13;
/** Newest Alpine branch known to exist at the knowledge date (alpine:3.24.1 is in use). */
export const ALPINE_NEWEST_KNOWN = 24;
/** First branch with musl ≥ 1.2.4 (DNS over TCP fallback). */
export const ALPINE_FIRST_DNS_TCP = 18;

export type DistrolessFlavour = 'static' | 'base' | 'base-nossl' | 'cc';

export const DISTROLESS_FLAVOURS: Readonly<Record<DistrolessFlavour, { readonly libc: 'none' | 'glibc'; readonly note: string }>> = {
  static: { libc: 'none', note: 'no libc: runs only static (CGO_ENABLED=0) binaries' },
  base: { libc: 'glibc', note: 'static + glibc + libssl: "Go apps that require libc/cgo should start with gcr.io/distroless/base"' },
  'base-nossl': { libc: 'glibc', note: 'static + glibc, without libssl' },
  cc: { libc: 'glibc', note: 'base + libgcc1, for cgo code with C/C++ dependencies' },
};

/** Distroless `-debianN` suffix → Debian codename. */
export const DISTROLESS_DEBIAN: Readonly<Record<string, string>> = {
  '10': 'buster',
  '11': 'bullseye',
  '12': 'bookworm',
  '13': 'trixie',
};

/** Distroless releases to suggest as runtimes for cgo binaries, oldest first. */
export const DISTROLESS_SUGGESTABLE: readonly string[] = ['11', '12', '13'];

/** RHEL-family major → glibc minor. 10 is unconfirmed (2.39 [U]) and so absent. */
export const RHEL_GLIBC: Readonly<Record<string, string>> = { '8': '2.28', '9': '2.34' };

export const CENTOS_GLIBC: Readonly<Record<string, string>> = { '7': '2.17', '8': '2.28' };

export const AMAZONLINUX_GLIBC: Readonly<Record<string, string>> = { '2': '2.26', '2023': '2.34' };

/** busybox:latest / busybox:glibc history (docker-library/busybox 4858368, e0ffe6a). */
export const BUSYBOX_GLIBC_DEFAULT_SINCE = '2022-12-05';
export const BUSYBOX_TRIXIE_SINCE = '2025-08-08';
/** First busybox release published after the default variant became glibc. */
export const BUSYBOX_FIRST_GLIBC_DEFAULT_MINOR = 36;
