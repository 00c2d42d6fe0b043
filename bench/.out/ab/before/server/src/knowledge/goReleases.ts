// Go release history and the Debian release behind bare `golang:<version>` tags.
// Facts: knowledge/cgo-facts.md §A3, §A29 and table B (docker-library/golang commits caca814, 48a7371,
// cd60713, 86aa8ce). Everything that depends on "now" is computed against a `today` date so the same
// lookup stays right as Go versions fall out of maintenance.

import type { GoVersion } from './images';
import { DEBIAN_RELEASES } from './imageTable';

/** The date the knowledge base was written. After it, a later Debian switch can not be ruled out. */
export const KNOWLEDGE_DATE = '2026-11-24';

/** Days on which the default Debian release of bare golang tags changed. */
export const GOLANG_DEBIAN_SWITCHES: ReadonlyArray<{ readonly date: string; readonly codename: string }> = [
  { date: '2019-07-17', codename: 'buster' },
  { date: '2021-08-16', codename: 'bullseye' },
  { date: '2023-06-13', codename: 'bookworm' },
  { date: '2025-08-12', codename: 'trixie' },
];

/** Debian suites the golang image is still built on at KNOWLEDGE_DATE ("as of 2026-08 variants: trixie, bookworm"). */
export const GOLANG_CURRENT_DEBIAN_VARIANTS: readonly string[] = ['trixie', 'bookworm'];

/**
 * First release of each Go minor (1.N). Month-only values ('YYYY-MM') are releases whose day the knowledge
 * base does not record; inside that month the release status is unknown.
 */
export const GO_MINOR_RELEASES: Readonly<Record<number, string>> = {
  11: '2018-08-24',
  12: '2019-02-25',
  13: '2019-09-03',
  14: '2020-02-25',
  15: '2020-08-11',
  16: '2021-02-16',
  17: '2021-08-16',
  18: '2022-03-15',
  19: '2022-08-02',
  20: '2023-02-01',
  21: '2023-08-08',
  22: '2024-02-06',
  23: '2024-08-13',
  24: '2025-02-11',
  25: '2025-08-12',
  26: '2026-02',
  27: '2026-08',
};

/**
 * Debian release each `golang:1.N.P` tag ended on, as segments by first patch. The patch that was current
 * on a switch day was rebuilt on the new release (`rebuilt`), so a digest of it may still be the older
 * build. A segment without a codename is ambiguous. Minors before 1.13 are deliberately absent (unknown).
 */
export interface PatchEra {
  readonly from: number;
  readonly codename?: string;
  readonly rebuilt?: boolean;
}
export const GOLANG_PATCH_ERAS: Readonly<Record<number, readonly PatchEra[]>> = {
  13: [{ from: 0, codename: 'buster' }],
  14: [{ from: 0, codename: 'buster' }],
  // 1.15.15 came out 2021-08-05 and 1.15 lost support on the bullseye switch day: last build unknown.
  15: [{ from: 0, codename: 'buster' }, { from: 15 }],
  16: [{ from: 0, codename: 'buster' }, { from: 7, codename: 'bullseye', rebuilt: true }],
  // 1.17.0 was released on the bullseye switch day.
  17: [{ from: 0, codename: 'bullseye', rebuilt: true }],
  18: [{ from: 0, codename: 'bullseye' }],
  19: [{ from: 0, codename: 'bullseye' }, { from: 10, codename: 'bookworm', rebuilt: true }],
  20: [{ from: 0, codename: 'bullseye' }, { from: 5, codename: 'bookworm', rebuilt: true }],
  21: [{ from: 0, codename: 'bookworm' }],
  22: [{ from: 0, codename: 'bookworm' }],
  23: [{ from: 0, codename: 'bookworm' }, { from: 12, codename: 'trixie', rebuilt: true }],
  24: [{ from: 0, codename: 'bookworm' }, { from: 6, codename: 'trixie', rebuilt: true }],
  // 1.25.0 was released on the trixie switch day.
  25: [{ from: 0, codename: 'trixie', rebuilt: true }],
  26: [{ from: 0, codename: 'trixie' }],
  27: [{ from: 0, codename: 'trixie' }],
};

const KNOWN_MINORS = Object.keys(GO_MINOR_RELEASES).map(Number);
const OLDEST_KNOWN_MINOR = Math.min(...KNOWN_MINORS);

export type Tri3 = 'yes' | 'no' | 'unknown';

/** Whether Go 1.N had been released on `today`. */
export function goMinorReleased(minor: number, today: string): Tri3 {
  if (minor < OLDEST_KNOWN_MINOR) return 'yes';
  const date = GO_MINOR_RELEASES[minor];
  if (date === undefined) {
    // Not in the table: not released by the knowledge date; after it, who knows.
    return today <= KNOWLEDGE_DATE ? 'no' : 'unknown';
  }
  if (date.length === 7) {
    const month = today.slice(0, 7);
    if (month < date) return 'no';
    if (month > date) return 'yes';
    return 'unknown';
  }
  return today >= date ? 'yes' : 'no';
}

export type MinorStatus = 'future' | 'maintained' | 'ended' | 'unknown';

/** Go 1.N is maintained from its release until 1.N+2 is released. */
export function goMinorStatus(minor: number, today: string): MinorStatus {
  const released = goMinorReleased(minor, today);
  if (released === 'no') return 'future';
  if (released === 'unknown') return 'unknown';
  const successor = goMinorReleased(minor + 2, today);
  if (successor === 'yes') return 'ended';
  if (successor === 'no') return 'maintained';
  return 'unknown';
}

/** Whether the newest Go on `today` is certainly ≥ 1.20 (floating tags such as golang:latest). */
export function floatingGoAtLeast120(today: string): boolean | undefined {
  const r = goMinorReleased(20, today);
  return r === 'yes' ? true : r === 'no' ? false : undefined;
}

/** Default Debian release of bare golang tags built on `date`; undefined on a switch day, before buster, or after the knowledge date. */
export function golangDefaultCodenameAt(date: string): string | undefined {
  if (date > KNOWLEDGE_DATE) return undefined;
  let current: string | undefined;
  for (const s of GOLANG_DEBIAN_SWITCHES) {
    if (date === s.date) return undefined;
    if (date > s.date) current = s.codename;
  }
  return current;
}

export interface GolangBareTagRelease {
  /** Debian codename the tag resolves to; undefined when not known. */
  codename?: string;
  /** The Debian release behind the tag can still change. */
  tagMayMove: boolean;
  /** The Go version behind the tag can still change. */
  goMayMove: boolean;
  notes: string[];
}

function unknownRelease(mayMove: boolean, note?: string): GolangBareTagRelease {
  return { tagMayMove: mayMove, goMayMove: mayMove, notes: note === undefined ? [] : [note] };
}

function resolved(codename: string | undefined, mayMove: boolean, note?: string): GolangBareTagRelease {
  const r: GolangBareTagRelease = { tagMayMove: mayMove, goMayMove: mayMove, notes: note === undefined ? [] : [note] };
  if (codename !== undefined) r.codename = codename;
  return r;
}

const PINNED_NOTE = 'pinned by digest: the Debian release depends on when this image was built';

/**
 * Debian release of a bare golang tag (no codename, not alpine/windows).
 * `version` undefined means a floating newest tag: latest, 1, rc, bare `golang`.
 * `pinned` = the reference carries a digest, so the image is whichever build the digest names.
 */
export function golangBareTagRelease(version: GoVersion | undefined, today: string, pinned: boolean): GolangBareTagRelease {
  if (version === undefined) {
    if (pinned) return unknownRelease(false, PINNED_NOTE);
    return resolved(golangDefaultCodenameAt(today), true);
  }
  if (version.major !== 1) return unknownRelease(true);
  const minor = version.minor;
  const eras = GOLANG_PATCH_ERAS[minor];
  const status = goMinorStatus(minor, today);
  if (status === 'future' || status === 'unknown') return unknownRelease(!pinned);
  if (eras === undefined) {
    // Older than 1.13 (newer ones are future): the release is not recorded.
    return unknownRelease(false);
  }
  if (version.patch !== undefined) {
    // A patch tag stops moving once the next patch is out; patches after the knowledge date of a minor
    // maintained then may have been built on a later release.
    if (today > KNOWLEDGE_DATE && goMinorStatus(minor, KNOWLEDGE_DATE) === 'maintained') return unknownRelease(!pinned);
    const patch = version.patch;
    let era: PatchEra | undefined;
    for (const e of eras) if (patch >= e.from) era = e;
    if (era === undefined) return unknownRelease(false);
    if (pinned && era.rebuilt === true && era.from === patch) return unknownRelease(false, PINNED_NOTE);
    return resolved(era.codename, false);
  }
  const first = eras[0];
  const last = eras[eras.length - 1];
  const singleEra = eras.length === 1 && first !== undefined && first.rebuilt !== true;
  if (status === 'maintained') {
    if (!pinned) return resolved(golangDefaultCodenameAt(today), true);
    const now = golangDefaultCodenameAt(today);
    return singleEra && first.codename === now ? resolved(now, false) : unknownRelease(false, PINNED_NOTE);
  }
  // Ended: frozen on the release of its last build.
  if (pinned) return singleEra ? resolved(first.codename, false) : unknownRelease(false, PINNED_NOTE);
  return resolved(last?.codename, false);
}

function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * Debian release of an rc tag of Go 1.N (`1.26rc1`, `1.26-rc`). While 1.N is upcoming the rc tag is the
 * newest image; once 1.N is out it stays on the build of its last rc, made in the months before the
 * release, so it is known only when no Debian switch falls in that window.
 */
export function golangRcRelease(minor: number, today: string, pinned: boolean): GolangBareTagRelease {
  const status = goMinorStatus(minor, today);
  if (status === 'unknown') return unknownRelease(!pinned);
  if (status === 'future') return pinned ? unknownRelease(false, PINNED_NOTE) : resolved(golangDefaultCodenameAt(today), true);
  const date = GO_MINOR_RELEASES[minor];
  if (date === undefined) return unknownRelease(false);
  const end = date.length === 7 ? `${date}-28` : date;
  const start = addDays(date.length === 7 ? `${date}-01` : date, -120);
  const before = golangDefaultCodenameAt(start);
  return before !== undefined && before === golangDefaultCodenameAt(end) ? resolved(before, false) : unknownRelease(false);
}

/** Parse '1', '1.22', '1.22.3' (no suffix). */
export function parseGoVersion(text: string): GoVersion | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) return undefined;
  const v: GoVersion = { major: Number(m[1]), minor: Number(m[2]) };
  if (m[3] !== undefined) v.patch = Number(m[3]);
  return v;
}

export function formatGoVersion(v: GoVersion): string {
  return v.patch === undefined ? `${v.major}.${v.minor}` : `${v.major}.${v.minor}.${v.patch}`;
}

export function goAtLeast120(v: GoVersion): boolean {
  return v.major > 1 || (v.major === 1 && v.minor >= 20);
}

// --- golang image tags ----------------------------------------------------------------------------

export type GolangVariant =
  | { kind: 'bare' }
  | { kind: 'debian'; codename: string }
  | { kind: 'alpine'; branch?: number; label: string }
  | { kind: 'windows'; label: string };

function parseGolangVariant(v: string | undefined): GolangVariant | undefined {
  if (v === undefined) return { kind: 'bare' };
  if (DEBIAN_RELEASES[v] !== undefined) return { kind: 'debian', codename: v };
  const alpine = /^alpine(?:3\.(\d+))?$/.exec(v);
  if (alpine !== null) {
    return alpine[1] === undefined ? { kind: 'alpine', label: 'Alpine' } : { kind: 'alpine', branch: Number(alpine[1]), label: `Alpine 3.${alpine[1]}` };
  }
  if (/^windowsservercore(?:-[a-z0-9.]+)*$/.test(v)) return { kind: 'windows', label: 'Windows Server Core' };
  if (/^nanoserver(?:-[a-z0-9.]+)*$/.test(v)) return { kind: 'windows', label: 'Windows Nano Server' };
  return undefined;
}

export interface GolangTag {
  /** Version text as in the tag ('1.22', 'latest', '1.23rc1'); undefined for variant-only tags. */
  label?: string;
  version?: GoVersion;
  /** Newest Go (latest, 1, rc): version unknown but current. */
  floating: boolean;
  rc: boolean;
  variant: GolangVariant;
}

/** Parse a golang image tag (lower case): version part (latest, 1, 1.N, 1.N.P, rc forms) and variant. */
export function parseGolangTag(tag: string): GolangTag | undefined {
  if (tag === 'latest') return { label: 'latest', floating: true, rc: false, variant: { kind: 'bare' } };
  const rcOnly = /^rc(?:-(.+))?$/.exec(tag);
  if (rcOnly !== null) {
    const variant = parseGolangVariant(rcOnly[1]);
    return variant && { label: 'rc', floating: true, rc: true, variant };
  }
  const m = /^(1(?:\.\d+){0,2})(rc\d+|-rc\d*)?(?:-(.+))?$/.exec(tag);
  if (m !== null && m[1] !== undefined) {
    const variant = parseGolangVariant(m[3]);
    if (variant === undefined) return undefined;
    const rc = m[2] !== undefined;
    if (m[1] === '1') return rc ? undefined : { label: '1', floating: true, rc: false, variant };
    const version = parseGoVersion(m[1]);
    if (version === undefined || (rc && version.patch !== undefined)) return undefined;
    return { label: m[1] + (m[2] ?? ''), version, floating: false, rc, variant };
  }
  const variant = parseGolangVariant(tag);
  return variant && { floating: false, rc: false, variant };
}

/** Go version facts of a golang tag: whether the Go behind it can still change, and ≥1.20 certainty. */
export function golangTagGoFacts(t: GolangTag, today: string, pinned: boolean): { mayMove: boolean; atLeast120?: boolean } {
  if (t.version !== undefined) {
    const status = goMinorStatus(t.version.minor, today);
    // An rc tag tracks the coming release and freezes once that is out; a minor tag follows its patches.
    const mayMove = t.rc
      ? status === 'future' || status === 'unknown'
      : t.version.patch === undefined && status !== 'ended';
    return { mayMove: mayMove && !pinned, atLeast120: goAtLeast120(t.version) };
  }
  if (pinned) return { mayMove: false };
  // Variant-only tags (alpine, bookworm, windowsservercore) carry the newest Go while that variant is built;
  // a pinned Alpine branch may or may not still be built; a dropped Debian suite (bullseye, buster) is frozen.
  const v = t.variant;
  const current =
    t.floating ||
    (v.kind === 'alpine' ? v.branch === undefined : v.kind === 'debian' ? GOLANG_CURRENT_DEBIAN_VARIANTS.includes(v.codename) : v.kind === 'windows');
  if (!current) return { mayMove: v.kind === 'alpine' };
  const atLeast120 = floatingGoAtLeast120(today);
  return atLeast120 === undefined ? { mayMove: true } : { mayMove: true, atLeast120 };
}
