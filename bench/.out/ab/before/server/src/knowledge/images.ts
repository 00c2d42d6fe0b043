// Base-image knowledge: parse a FROM reference and say what the image ships (libc family and version,
// C toolchain, CA bundle, tzdata, /etc/passwd, Go). Grounded in knowledge/cgo-facts.md table B; anything
// not stated there is 'unknown', and unrecognised images are known:false — never guessed.

import {
  KNOWLEDGE_DATE,
  floatingGoAtLeast120,
  formatGoVersion,
  goAtLeast120,
  golangBareTagRelease,
  golangRcRelease,
  golangTagGoFacts,
  parseGoVersion,
  parseGolangTag,
} from './goReleases';
import {
  ALPINE_FIRST_DNS_TCP,
  ALPINE_FIRST_MUSL_1_2,
  ALPINE_MUSL_EXACT,
  ALPINE_NEWEST_KNOWN,
  AMAZONLINUX_GLIBC,
  BUSYBOX_FIRST_GLIBC_DEFAULT_MINOR,
  BUSYBOX_GLIBC_DEFAULT_SINCE,
  BUSYBOX_TRIXIE_SINCE,
  CENTOS_GLIBC,
  DEBIAN_FLOATING_TAGS,
  DEBIAN_MOVING_CODENAMES,
  DEBIAN_RELEASES,
  DISTROLESS_DEBIAN,
  DISTROLESS_FLAVOURS,
  DISTROLESS_SUGGESTABLE,
  RHEL_GLIBC,
  UBUNTU_FLOATING_TAGS,
  UBUNTU_RELEASES,
  UBUNTU_REPOSITORIES,
  type DistrolessFlavour,
} from './imageTable';

export type LibcFamily = 'glibc' | 'musl' | 'uclibc' | 'none' | 'unknown';
export type Tri = 'yes' | 'no' | 'unknown';

export interface ImageRef {
  raw: string;
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export interface GoVersion {
  major: number;
  minor: number;
  patch?: number;
}

export type DistroId = 'debian' | 'ubuntu' | 'alpine' | 'rhel' | 'amazonlinux' | 'wolfi' | 'centos';
export type PackageManager = 'apk' | 'apt' | 'dnf' | 'microdnf' | 'yum' | 'none';

export interface ImageFacts {
  ref: ImageRef;
  known: boolean;
  name: string;
  libc: LibcFamily;
  libcVersion?: string;
  distro?: { id: DistroId; release?: string; codename?: string };
  cCompiler: Tri;
  packageManager?: PackageManager;
  go?: { version?: GoVersion; tagMayMove: boolean };
  goAtLeast120?: boolean;
  caCertificates: Tri;
  tzdata: Tri;
  passwd: Tri;
  tagMayMove: boolean;
  notes: string[];
}

export interface ImageOptions {
  today?: string;
  custom?: Record<string, { libc: 'glibc' | 'musl' | 'none'; version?: string; toolchain?: boolean }>;
}

// ---------------------------------------------------------------------------------------------------
// Reference parsing (distribution/reference grammar, lenient about case and digest length)

const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
/** Registries that serve Docker Hub's official images under a path prefix. */
const HUB_MIRROR_PREFIXES = ['mirror.gcr.io/library/', 'public.ecr.aws/docker/library/'];
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d+)?$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[A-Za-z0-9]+(?:[+._-][A-Za-z0-9]+)*:[A-Za-z0-9=_-]+$/;

export function parseImageRef(text: string): ImageRef | undefined {
  const s = text.trim();
  // '$' left over means an ARG the caller could not expand: the image is not knowable.
  if (s === '' || s.includes('$') || /\s/.test(s)) return undefined;
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  const parts = rest.toLowerCase().split('/');
  let registry: string | undefined;
  const first = parts[0];
  if (parts.length > 1 && first !== undefined && (/[.:]/.test(first) || first === 'localhost')) {
    if (!HOST.test(first)) return undefined;
    registry = first;
    parts.shift();
  }
  if (parts.length === 0 || !parts.every((p) => PATH_COMPONENT.test(p))) return undefined;
  const path = parts.join('/');
  let repository: string;
  if (registry === undefined || DOCKER_HUB_HOSTS.has(registry)) {
    repository = parts.length === 2 && parts[0] === 'library' ? path.slice('library/'.length) : path;
  } else {
    const full = `${registry}/${path}`;
    const mirror = HUB_MIRROR_PREFIXES.find((p) => full.startsWith(p) && !full.slice(p.length).includes('/'));
    repository = mirror === undefined ? full : full.slice(mirror.length);
  }
  const ref: ImageRef = { raw: text, repository };
  if (registry !== undefined) ref.registry = registry;
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

// ---------------------------------------------------------------------------------------------------
// Small public helpers

export function debianCodenameInfo(codename: string): { release: string; glibc: string } | undefined {
  const d = DEBIAN_RELEASES[codename.trim().toLowerCase()];
  return d?.glibc === undefined ? undefined : { release: d.release, glibc: d.glibc };
}

/** Numeric dotted compare ('2.36' > '2.4'); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.trim().split('.');
  const pb = b.trim().split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = Number.parseInt(pa[i] ?? '0', 10) || 0;
    const y = Number.parseInt(pb[i] ?? '0', 10) || 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Oldest maintained distroless runtime whose glibc is at least the builder's, so symbol versions
 * (GLIBC_2.34 …) resolve. `cc` when the program needs libstdc++/libgcc.
 */
export function glibcRuntimeSuggestion(glibc: string | undefined, needsLibstdcxx?: boolean): string | undefined {
  if (glibc === undefined || !/^\d+(\.\d+)*$/.test(glibc.trim())) return undefined;
  for (const n of DISTROLESS_SUGGESTABLE) {
    const codename = DISTROLESS_DEBIAN[n];
    const runtime = codename === undefined ? undefined : DEBIAN_RELEASES[codename]?.glibc;
    if (runtime !== undefined && compareVersions(runtime, glibc) >= 0) {
      return `gcr.io/distroless/${needsLibstdcxx === true ? 'cc' : 'base'}-debian${n}`;
    }
  }
  return undefined;
}

/** The golang tag that pins both the Go version and the Debian release. */
export function golangTagFor(go: GoVersion | undefined, codename: string): string {
  return go === undefined ? `golang:${codename}` : `golang:${formatGoVersion(go)}-${codename}`;
}

// ---------------------------------------------------------------------------------------------------
// Classification

interface Ctx {
  ref: ImageRef;
  repo: string;
  /** Lower-cased tag; 'latest' when absent. */
  tag: string;
  /** A digest fixes the content to one past build: "current" facts of a floating tag no longer apply. */
  pinned: boolean;
  today: string;
}

type Init = Omit<ImageFacts, 'ref' | 'known' | 'cCompiler' | 'caCertificates' | 'tzdata' | 'passwd' | 'tagMayMove' | 'notes'> &
  Partial<Pick<ImageFacts, 'cCompiler' | 'caCertificates' | 'tzdata' | 'passwd' | 'tagMayMove' | 'notes'>>;

function known(ctx: Ctx, init: Init): ImageFacts {
  return {
    ref: ctx.ref,
    known: true,
    cCompiler: 'unknown',
    caCertificates: 'unknown',
    tzdata: 'unknown',
    passwd: 'unknown',
    tagMayMove: false,
    notes: [],
    ...init,
  };
}

function unknownFacts(ref: ImageRef, note?: string): ImageFacts {
  return {
    ref,
    known: false,
    name: ref.raw.trim() === '' ? 'unknown image' : ref.raw.trim(),
    libc: 'unknown',
    cCompiler: 'unknown',
    caCertificates: 'unknown',
    tzdata: 'unknown',
    passwd: 'unknown',
    // Unknown content: only a digest rules out change.
    tagMayMove: ref.digest === undefined,
    notes: note === undefined ? [] : [note],
  };
}

function setIf<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) obj[key] = value;
}

function debianDistro(codename: string | undefined): NonNullable<ImageFacts['distro']> {
  const d: NonNullable<ImageFacts['distro']> = { id: 'debian' };
  if (codename !== undefined) {
    setIf(d, 'release', DEBIAN_RELEASES[codename]?.release);
    d.codename = codename;
  }
  return d;
}

function glibcOf(codename: string | undefined): string | undefined {
  return codename === undefined ? undefined : DEBIAN_RELEASES[codename]?.glibc;
}

// --- scratch ---------------------------------------------------------------------------------------

function classifyScratch(ctx: Ctx): ImageFacts | undefined {
  if (ctx.repo !== 'scratch') return undefined;
  return known(ctx, {
    name: 'scratch',
    libc: 'none',
    cCompiler: 'no',
    packageManager: 'none',
    caCertificates: 'no',
    tzdata: 'no',
    passwd: 'no',
    notes: ['empty image: no libc, no CA bundle, no zoneinfo, no /etc/passwd'],
  });
}

// --- golang (Docker official image) -----------------------------------------------------------------

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function classifyGolang(ctx: Ctx): ImageFacts | undefined {
  if (ctx.repo !== 'golang') return undefined;
  const t = parseGolangTag(ctx.tag);
  if (t === undefined) return unknownFacts(ctx.ref, `unrecognised golang tag '${ctx.ref.tag ?? ''}'`);
  const goFacts = golangTagGoFacts(t, ctx.today, ctx.pinned);
  const go: NonNullable<ImageFacts['go']> = { tagMayMove: goFacts.mayMove };
  setIf(go, 'version', t.version);
  const golang = t.label === undefined ? 'golang' : `golang ${t.label}`;
  const notes: string[] = [];
  if (goFacts.atLeast120 === false) {
    notes.push('Go < 1.20: cgo is on by default even without gcc (net and os/user came precompiled with cgo)');
  }
  const v = t.variant;
  if (v.kind === 'windows') {
    return known(ctx, {
      name: `${golang} (${v.label})`,
      libc: 'unknown',
      go,
      ...optional('goAtLeast120', goFacts.atLeast120),
      tagMayMove: goFacts.mayMove,
      notes: ['Windows image: Linux libc checks do not apply', ...notes],
    });
  }
  if (v.kind === 'alpine') {
    const f = known(ctx, {
      name: `${golang} (${v.label})`,
      libc: 'musl',
      distro: { id: 'alpine' },
      cCompiler: 'no',
      packageManager: 'apk',
      go,
      ...optional('goAtLeast120', goFacts.atLeast120),
      caCertificates: 'yes',
      tzdata: 'no',
      passwd: 'yes',
      // The Alpine branch under an unversioned -alpine tag moves with every rebuild.
      tagMayMove: v.branch === undefined ? goFacts.mayMove : false,
      notes: [
        goFacts.atLeast120 === false
          ? 'no gcc, yet Go < 1.20 links net/os/user binaries dynamically against musl'
          : 'no gcc: with Go ≥ 1.20 CGO_ENABLED defaults to 0 here; cgo needs apk add gcc musl-dev',
        ...notes.filter((n) => !n.startsWith('Go < 1.20')),
      ],
    });
    if (v.branch !== undefined) {
      f.distro = { id: 'alpine', release: `3.${v.branch}` };
      setIf(f, 'libcVersion', alpineMusl(v.branch));
    }
    return f;
  }
  let codename: string | undefined;
  let tagMayMove = false;
  if (v.kind === 'debian') {
    codename = v.codename;
  } else {
    const r =
      t.rc && t.version !== undefined
        ? golangRcRelease(t.version.minor, ctx.today, ctx.pinned)
        : golangBareTagRelease(t.floating ? undefined : t.version, ctx.today, ctx.pinned);
    codename = r.codename;
    tagMayMove = r.tagMayMove;
    notes.push(...r.notes);
  }
  if (v.kind === 'bare') {
    notes.unshift('bare golang tags follow the default Debian release: bullseye→bookworm on 2023-06-13, bookworm→trixie on 2025-08-12; pin golang:<version>-<codename>');
    if (codename === undefined && t.version !== undefined && t.version.minor === 15) {
      notes.push('Go 1.15 images stopped right at the bullseye switch (2021-08-16): their Debian release is not recorded');
    }
  }
  const glibc = glibcOf(codename);
  const name = `${golang} (Debian ${codename ?? 'release unknown'})`;
  const f = known(ctx, {
    name,
    libc: 'glibc',
    distro: debianDistro(codename),
    cCompiler: 'yes',
    packageManager: 'apt',
    go,
    ...optional('goAtLeast120', goFacts.atLeast120),
    caCertificates: 'yes',
    tzdata: 'yes',
    passwd: 'yes',
    tagMayMove,
    notes: [...notes, 'ships gcc, g++, libc6-dev, make, pkg-config: cgo is on by default'],
  });
  setIf(f, 'libcVersion', glibc);
  return f;
}

// --- alpine ----------------------------------------------------------------------------------------

function alpineMusl(branch: number): string | undefined {
  if (branch < ALPINE_FIRST_MUSL_1_2 || branch > ALPINE_NEWEST_KNOWN) return undefined;
  return ALPINE_MUSL_EXACT[branch] ?? '1.2';
}

function classifyAlpine(ctx: Ctx): ImageFacts | undefined {
  if (ctx.repo !== 'alpine') return undefined;
  const base = {
    libc: 'musl' as const,
    cCompiler: 'no' as const,
    packageManager: 'apk' as const,
    tzdata: 'no' as const,
    passwd: 'yes' as const,
  };
  const tzNote = 'no tzdata: time.LoadLocation fails unless apk add tzdata or time/tzdata';
  const branch = /^3\.(\d+)(?:\.\d+)?$/.exec(ctx.tag);
  if (branch !== null) {
    const n = Number(branch[1]);
    const notes = [tzNote];
    if (n < ALPINE_FIRST_DNS_TCP) notes.push('musl < 1.2.4 (before Alpine 3.18): no DNS-over-TCP fallback in the resolver');
    const f = known(ctx, { ...base, name: `Alpine ${ctx.tag}`, distro: { id: 'alpine', release: `3.${n}` }, notes });
    setIf(f, 'libcVersion', alpineMusl(n));
    return f;
  }
  if (ctx.tag === 'latest' || ctx.tag === '3') {
    const f = known(ctx, { ...base, name: `Alpine ${ctx.tag}`, distro: { id: 'alpine' }, tagMayMove: !ctx.pinned, notes: [tzNote] });
    // Every Alpine branch current up to the knowledge date ships musl 1.2.x.
    if (!ctx.pinned && ctx.today <= KNOWLEDGE_DATE) f.libcVersion = '1.2';
    return f;
  }
  const edge = ctx.tag === 'edge';
  return known(ctx, {
    ...base,
    name: edge ? 'Alpine edge' : `Alpine ${ctx.tag}`,
    distro: edge ? { id: 'alpine', release: 'edge' } : { id: 'alpine' },
    tagMayMove: !ctx.pinned,
    notes: [tzNote],
  });
}

// --- busybox ---------------------------------------------------------------------------------------

function classifyBusybox(ctx: Ctx): ImageFacts | undefined {
  if (ctx.repo !== 'busybox') return undefined;
  const m = /^(?:(latest|stable|unstable|1\.(\d+)(?:\.\d+)?)(?:-|$))?(glibc|musl|uclibc)?$/.exec(ctx.tag);
  if (m === null) return unknownFacts(ctx.ref, `unrecognised busybox tag '${ctx.ref.tag ?? ''}'`);
  const version = m[1];
  const minor = m[2] === undefined ? undefined : Number(m[2]);
  let libc: LibcFamily;
  let libcVersion: string | undefined;
  const notes: string[] = [];
  const floatingLatest = version === undefined || version === 'latest';
  if (m[3] === 'musl' || m[3] === 'uclibc') {
    libc = m[3];
  } else if (m[3] === 'glibc' || (minor !== undefined && minor >= BUSYBOX_FIRST_GLIBC_DEFAULT_MINOR) || version === 'stable' || version === 'unstable') {
    libc = 'glibc';
  } else if (floatingLatest && !ctx.pinned) {
    libc = ctx.today >= BUSYBOX_GLIBC_DEFAULT_SINCE ? 'glibc' : 'uclibc';
    notes.push('busybox:latest switched from uClibc to glibc on 2022-12-05');
  } else {
    // Older versions and digests of latest may be the uClibc default.
    libc = 'unknown';
    notes.push('the default busybox variant was uClibc before 2022-12-05 and glibc since');
  }
  if (libc === 'glibc' && floatingLatest && !ctx.pinned && ctx.today >= BUSYBOX_TRIXIE_SINCE && ctx.today <= KNOWLEDGE_DATE) {
    libcVersion = '2.41';
  }
  if (libc === 'glibc') {
    notes.push('busybox:glibc copies only the libraries busybox itself needs (libc, libnss, libpthread): libstdc++ and other shared libraries are absent');
  }
  const f = known(ctx, {
    name: `busybox ${ctx.ref.tag ?? 'latest'}`,
    libc,
    cCompiler: 'no',
    packageManager: 'none',
    caCertificates: 'no',
    tzdata: 'no',
    tagMayMove: !ctx.pinned,
    notes,
  });
  setIf(f, 'libcVersion', libcVersion);
  return f;
}

// --- Debian, Ubuntu, buildpack-deps ----------------------------------------------------------------

const DEBIAN_NUMBER_TO_CODENAME: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(DEBIAN_RELEASES).map(([codename, d]) => [d.release, codename]),
);

/** Resolve the leading Debian token of a tag ('bookworm', '12', '12.5'): codename, or 'floating', or undefined. */
function debianToken(token: string): { codename?: string; floating: boolean } | undefined {
  if (DEBIAN_RELEASES[token] !== undefined) return { codename: token, floating: DEBIAN_MOVING_CODENAMES.includes(token) };
  const num = /^(\d+)(?:\.\d+)*$/.exec(token);
  if (num !== null && num[1] !== undefined) {
    const codename = DEBIAN_NUMBER_TO_CODENAME[num[1]];
    return codename === undefined ? undefined : { codename, floating: DEBIAN_MOVING_CODENAMES.includes(codename) };
  }
  if (DEBIAN_FLOATING_TAGS.includes(token)) return { floating: true };
  return undefined;
}

function classifyDebian(ctx: Ctx): ImageFacts | undefined {
  if (ctx.repo !== 'debian') return undefined;
  const tokens = ctx.tag.split('-');
  // 'rc-buggy' is one token.
  const head = ctx.tag.startsWith('rc-buggy') ? 'rc-buggy' : (tokens[0] ?? '');
  // Every debian tag is glibc; an unrecognised one only loses the release.
  const d = debianToken(head) ?? { floating: true };
  const slim = tokens.includes('slim');
  const codename = d.codename;
  const release = codename === undefined ? undefined : DEBIAN_RELEASES[codename]?.release;
  const f = known(ctx, {
    name: `Debian ${codename === undefined ? head : `${release ?? '?'} (${codename})`}${slim ? ' slim' : ''}`,
    libc: 'glibc',
    distro: debianDistro(codename),
    cCompiler: 'no',
    packageManager: 'apt',
    passwd: 'yes',
    tagMayMove: d.floating && !ctx.pinned,
  });
  setIf(f, 'libcVersion', glibcOf(codename));
  return f;
}

function ubuntuToken(tag: string): { release?: (typeof UBUNTU_RELEASES)[number]; floating: boolean; version?: string } | undefined {
  const head = /^([a-z]+|\d\d\.\d\d)/.exec(tag)?.[1];
  if (head === undefined) return undefined;
  const release = UBUNTU_RELEASES.find((r) => r.codename === head || r.version === head);
  if (release !== undefined) return { release, floating: false };
  if (UBUNTU_FLOATING_TAGS.includes(head)) return { floating: true };
  // A release we have no glibc for (25.04, 26.04) is still a fixed release.
  if (/^\d\d\.\d\d$/.test(head)) return { floating: false, version: head };
  return undefined;
}

function classifyUbuntu(ctx: Ctx): ImageFacts | undefined {
  if (!UBUNTU_REPOSITORIES.includes(ctx.repo)) return undefined;
  // Every ubuntu tag is glibc; an unrecognised one only loses the release.
  const u = ubuntuToken(ctx.tag) ?? { floating: true };
  const r = u.release;
  const distro: NonNullable<ImageFacts['distro']> = { id: 'ubuntu' };
  setIf(distro, 'release', r?.version ?? u.version);
  setIf(distro, 'codename', r?.codename);
  const f = known(ctx, {
    name: r === undefined ? `Ubuntu ${u.version ?? ctx.tag}` : `Ubuntu ${r.version} (${r.codename})`,
    libc: 'glibc',
    distro,
    cCompiler: 'no',
    packageManager: 'apt',
    passwd: 'yes',
    tagMayMove: u.floating && !ctx.pinned,
  });
  setIf(f, 'libcVersion', r?.glibc);
  return f;
}

function classifyBuildpackDeps(ctx: Ctx): ImageFacts | undefined {
  if (ctx.repo !== 'buildpack-deps') return undefined;
  let [head, suffix] = ctx.tag.split('-', 2);
  if (head === 'curl' || head === 'scm') [head, suffix] = ['latest', head];
  if (head === undefined || (suffix !== undefined && suffix !== 'curl' && suffix !== 'scm')) {
    return unknownFacts(ctx.ref, `unrecognised buildpack-deps tag '${ctx.ref.tag ?? ''}'`);
  }
  // The full variant adds gcc, make and the -dev libraries on top of -scm.
  const cCompiler: Tri = suffix === undefined ? 'yes' : 'no';
  const debian = debianToken(head);
  const ubuntu = debian === undefined ? UBUNTU_RELEASES.find((r) => r.codename === head) : undefined;
  if (debian === undefined && ubuntu === undefined) return unknownFacts(ctx.ref, `unrecognised buildpack-deps tag '${ctx.ref.tag ?? ''}'`);
  const f = known(ctx, {
    name: `buildpack-deps ${ctx.ref.tag ?? 'latest'}`,
    libc: 'glibc',
    distro: ubuntu !== undefined ? { id: 'ubuntu', release: ubuntu.version, codename: ubuntu.codename } : debianDistro(debian?.codename),
    cCompiler,
    packageManager: 'apt',
    passwd: 'yes',
    tagMayMove: (debian?.floating ?? false) && !ctx.pinned,
  });
  setIf(f, 'libcVersion', ubuntu?.glibc ?? glibcOf(debian?.codename));
  return f;
}

// --- distroless ------------------------------------------------------------------------------------

function classifyDistroless(ctx: Ctx): ImageFacts | undefined {
  const m = /^gcr\.io\/distroless\/(static|base|base-nossl|cc)(?:-debian(\d+))?$/.exec(ctx.repo);
  if (m === null) return undefined;
  const flavour = m[1] as DistrolessFlavour;
  const spec = DISTROLESS_FLAVOURS[flavour];
  const debianN = m[2];
  const codename = debianN === undefined ? undefined : DISTROLESS_DEBIAN[debianN];
  const notes = [spec.note];
  if (ctx.tag.startsWith('debug')) notes.push(':debug tags add a busybox shell');
  if (debianN === undefined) notes.push('no -debianN suffix: the Debian release (and glibc) follows distroless upstream');
  const distro: NonNullable<ImageFacts['distro']> = codename === undefined ? { id: 'debian' } : debianDistro(codename);
  if (debianN !== undefined && codename === undefined) distro.release = debianN;
  const f = known(ctx, {
    name: `distroless ${flavour} (${debianN === undefined ? 'Debian release unknown' : `Debian ${debianN}`})`,
    libc: spec.libc,
    distro,
    cCompiler: 'no',
    packageManager: 'none',
    caCertificates: 'yes',
    tzdata: 'yes',
    passwd: 'yes',
    tagMayMove: debianN === undefined && !ctx.pinned,
    notes,
  });
  if (spec.libc === 'glibc') setIf(f, 'libcVersion', glibcOf(codename));
  return f;
}

// --- Chainguard ------------------------------------------------------------------------------------

function classifyChainguard(ctx: Ctx): ImageFacts | undefined {
  const m = /^cgr\.dev\/chainguard\/(static|glibc-dynamic|go|wolfi-base)$/.exec(ctx.repo);
  if (m === null) return undefined;
  const rolling = !ctx.pinned;
  switch (m[1]) {
    case 'static':
      return known(ctx, {
        name: 'Chainguard static',
        libc: 'none',
        cCompiler: 'no',
        tagMayMove: rolling,
        notes: ['no libc in either variant (latest: Alpine base files, latest-glibc: Wolfi files)'],
      });
    case 'glibc-dynamic':
      return known(ctx, {
        name: 'Chainguard glibc-dynamic (Wolfi)',
        libc: 'glibc',
        distro: { id: 'wolfi' },
        cCompiler: 'no',
        tagMayMove: rolling,
        notes: ['rolling Wolfi glibc, usually newer than builders; includes libstdc++'],
      });
    case 'go': {
      const version = /^(\d+\.\d+(?:\.\d+)?)(?:-|$)/.exec(ctx.tag)?.[1];
      const goVersion = version === undefined ? undefined : parseGoVersion(version);
      const go: NonNullable<ImageFacts['go']> = { tagMayMove: rolling && goVersion?.patch === undefined };
      setIf(go, 'version', goVersion);
      const atLeast = goVersion !== undefined ? goAtLeast120(goVersion) : rolling ? floatingGoAtLeast120(ctx.today) : undefined;
      return known(ctx, {
        name: 'Chainguard go (Wolfi)',
        libc: 'glibc',
        distro: { id: 'wolfi' },
        go,
        ...optional('goAtLeast120', atLeast),
        tagMayMove: rolling,
        notes: ['whether gcc is included is unconfirmed'],
      });
    }
    default:
      return known(ctx, { name: 'Wolfi base', libc: 'glibc', distro: { id: 'wolfi' }, cCompiler: 'no', tagMayMove: rolling });
  }
}

// --- Red Hat family, Amazon Linux ------------------------------------------------------------------

function classifyUbi(ctx: Ctx): ImageFacts | undefined {
  const m = /^(?:registry\.access\.redhat\.com\/|registry\.redhat\.io\/|redhat\/)ubi(\d+)(?:[-/](ubi|ubi-minimal|ubi-micro|ubi-init|minimal|micro|init|go-toolset))?$/.exec(ctx.repo);
  if (m === null || m[1] === undefined) return undefined;
  const major = m[1];
  const flavour = (m[2] ?? 'ubi').replace(/^ubi-/, '');
  const notes: string[] = [];
  if (RHEL_GLIBC[major] === undefined) notes.push(`glibc of UBI ${major} is not confirmed`);
  const pm: Record<string, PackageManager> = { ubi: 'dnf', init: 'dnf', minimal: 'microdnf', micro: 'none' };
  const isGo = flavour === 'go-toolset';
  if (flavour === 'micro') notes.push('one source reports no CA bundle and no tzdata in ubi-micro (unconfirmed)');
  if (isGo) notes.push('whether go-toolset includes gcc is unconfirmed');
  const f = known(ctx, {
    name: `Red Hat UBI ${major}${flavour === 'ubi' ? '' : ` ${flavour}`}`,
    libc: 'glibc',
    distro: { id: 'rhel', release: major },
    ...(isGo ? { go: { tagMayMove: !ctx.pinned } } : {}),
    cCompiler: isGo ? 'unknown' : 'no',
    passwd: flavour === 'micro' ? 'unknown' : 'yes',
    notes,
  });
  setIf(f, 'packageManager', pm[flavour]);
  setIf(f, 'libcVersion', RHEL_GLIBC[major]);
  return f;
}

const EL_CLONES: Readonly<Record<string, string>> = {
  rockylinux: 'Rocky Linux',
  'rockylinux/rockylinux': 'Rocky Linux',
  'quay.io/rockylinux/rockylinux': 'Rocky Linux',
  almalinux: 'AlmaLinux',
  'almalinux/almalinux': 'AlmaLinux',
};

function classifyElClone(ctx: Ctx): ImageFacts | undefined {
  const label = EL_CLONES[ctx.repo];
  if (label === undefined) return undefined;
  const m = /^(\d+)(?:\.\d+)*(?:-(minimal|micro|ubi|init|base))?$/.exec(ctx.tag);
  if (m === null || m[1] === undefined) {
    return known(ctx, { name: `${label} ${ctx.tag}`, libc: 'glibc', distro: { id: 'rhel' }, cCompiler: 'no', tagMayMove: !ctx.pinned });
  }
  const major = m[1];
  const glibc = RHEL_GLIBC[major];
  const f = known(ctx, {
    name: `${label} ${major}${m[2] === undefined ? '' : ` ${m[2]}`}`,
    libc: 'glibc',
    distro: { id: 'rhel', release: major },
    cCompiler: 'no',
    packageManager: m[2] === 'minimal' ? 'microdnf' : m[2] === 'micro' ? 'none' : 'dnf',
    notes: glibc === undefined ? [] : [`glibc ${glibc} assumed equal to RHEL ${major} (by analogy, unconfirmed)`],
  });
  setIf(f, 'libcVersion', glibc);
  return f;
}

function classifyCentos(ctx: Ctx): ImageFacts | undefined {
  if (ctx.repo !== 'centos') return undefined;
  const major = /^(?:centos)?(\d+)(?:\.[\d.]+)?$/.exec(ctx.tag)?.[1];
  const glibc = major === undefined ? undefined : CENTOS_GLIBC[major];
  const distro: NonNullable<ImageFacts['distro']> = { id: 'centos' };
  setIf(distro, 'release', major);
  const f = known(ctx, {
    name: `CentOS ${major ?? ctx.tag}`,
    libc: 'glibc',
    distro,
    cCompiler: 'no',
    passwd: 'yes',
    tagMayMove: major === undefined && !ctx.pinned,
  });
  if (major === '7') f.packageManager = 'yum';
  if (major === '8') f.packageManager = 'dnf';
  setIf(f, 'libcVersion', glibc);
  return f;
}

function classifyAmazonLinux(ctx: Ctx): ImageFacts | undefined {
  const isAl = ctx.repo === 'amazonlinux' || ctx.repo === 'public.ecr.aws/amazonlinux/amazonlinux';
  const isLambda = ctx.repo === 'public.ecr.aws/lambda/provided' || ctx.repo === 'amazon/aws-lambda-provided';
  if (!isAl && !isLambda) return undefined;
  const release = (isLambda ? /^al(2023|2)(?![0-9])/.exec(ctx.tag) : /^(2023|2)(?![0-9])/.exec(ctx.tag))?.[1];
  const glibc = release === undefined ? undefined : AMAZONLINUX_GLIBC[release];
  const distro: NonNullable<ImageFacts['distro']> = { id: 'amazonlinux' };
  setIf(distro, 'release', release);
  const f = known(ctx, {
    name: `${isLambda ? 'Lambda provided' : 'Amazon Linux'} ${release === undefined ? ctx.tag : isLambda ? `al${release}` : release}`,
    libc: 'glibc',
    distro,
    cCompiler: 'no',
    tagMayMove: release === undefined && !ctx.pinned,
  });
  if (isAl && release === '2') f.packageManager = 'yum';
  if (isAl && release === '2023') f.packageManager = 'dnf';
  if (isAl && release !== undefined) f.passwd = 'yes';
  setIf(f, 'libcVersion', glibc);
  return f;
}

const CLASSIFIERS: ReadonlyArray<(ctx: Ctx) => ImageFacts | undefined> = [
  classifyScratch,
  classifyGolang,
  classifyAlpine,
  classifyBusybox,
  classifyDebian,
  classifyUbuntu,
  classifyBuildpackDeps,
  classifyDistroless,
  classifyChainguard,
  classifyUbi,
  classifyElClone,
  classifyCentos,
  classifyAmazonLinux,
];

// --- user configuration ----------------------------------------------------------------------------

type CustomSpec = NonNullable<ImageOptions['custom']>[string];

function matchCustom(ref: ImageRef, custom: ImageOptions['custom']): { key: string; spec: CustomSpec } | undefined {
  if (custom === undefined) return undefined;
  const withTag = `${ref.repository}:${(ref.tag ?? 'latest').toLowerCase()}`;
  let best: { key: string; spec: CustomSpec; score: number } | undefined;
  for (const [key, spec] of Object.entries(custom)) {
    if (spec === null || typeof spec !== 'object' || !['glibc', 'musl', 'none'].includes(spec.libc)) continue;
    const k = key.trim().toLowerCase();
    let score: number | undefined;
    if (k.endsWith('*')) {
      const prefix = k.slice(0, -1);
      if (ref.repository.startsWith(prefix) || withTag.startsWith(prefix)) score = prefix.length;
    } else {
      const p = parseImageRef(k);
      if (p === undefined || p.repository !== ref.repository) continue;
      if (p.digest !== undefined && p.digest.toLowerCase() !== ref.digest?.toLowerCase()) continue;
      const pTag = p.tag?.toLowerCase();
      if (pTag !== undefined && `${p.repository}:${pTag}` !== withTag) continue;
      // An exact key beats a glob of the same length.
      score = p.repository.length + (pTag === undefined ? 0 : pTag.length + 1) + 0.5;
    }
    if (score !== undefined && (best === undefined || score > best.score)) best = { key, spec, score };
  }
  return best;
}

function customFacts(ref: ImageRef, key: string, spec: CustomSpec): ImageFacts {
  const version = spec.libc !== 'none' && typeof spec.version === 'string' && spec.version.trim() !== '' ? spec.version.trim() : undefined;
  const f: ImageFacts = {
    ref,
    known: true,
    name: `${ref.repository}${ref.tag === undefined ? '' : `:${ref.tag}`} (configured: ${spec.libc}${version === undefined ? '' : ` ${version}`})`,
    libc: spec.libc,
    cCompiler: spec.toolchain === true ? 'yes' : spec.toolchain === false ? 'no' : 'unknown',
    caCertificates: 'unknown',
    tzdata: 'unknown',
    passwd: 'unknown',
    tagMayMove: false,
    notes: [`from the images setting "${key}"`],
  };
  setIf(f, 'libcVersion', version);
  return f;
}

// --- entry point -----------------------------------------------------------------------------------

export function classifyImage(text: string, options?: ImageOptions): ImageFacts {
  const ref = parseImageRef(text);
  if (ref === undefined) {
    const note = text.includes('$') ? 'image reference contains an unresolved variable' : 'not a valid image reference';
    return unknownFacts({ raw: text, repository: '' }, note);
  }
  const custom = matchCustom(ref, options?.custom);
  if (custom !== undefined) return customFacts(ref, custom.key, custom.spec);
  const today = options?.today !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(options.today) ? options.today : KNOWLEDGE_DATE;
  const ctx: Ctx = { ref, repo: ref.repository, tag: (ref.tag ?? 'latest').toLowerCase(), pinned: ref.digest !== undefined, today };
  for (const classify of CLASSIFIERS) {
    const facts = classify(ctx);
    if (facts !== undefined) return facts;
  }
  return unknownFacts(ref);
}
