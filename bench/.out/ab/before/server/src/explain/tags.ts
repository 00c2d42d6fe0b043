// What the build tags that matter to cgo do (cgo-facts §0.2, A7, A8, A16, A17, A23, A26).
import type { GoInvocation } from '../model/types';

interface TagTopic {
  text: string;
  docs: string[];
}

const TAGS: Record<string, TagTopic> = {
  netgo: {
    text:
      '**`netgo`** — use Go\'s own DNS resolver instead of cgo\'s `getaddrinfo`, even when cgo is on. `os/user` still uses cgo, so on ' +
      'its own the binary stays dynamic: `-tags netgo,osusergo` removes all cgo code of the standard library.',
    docs: ['CGO503', 'CGO502'],
  },
  osusergo: {
    text:
      '**`osusergo`** — pure-Go `os/user`: reads only `/etc/passwd` and `/etc/group` (no `getpwuid_r`), so SSSD/LDAP/NIS users are not ' +
      'found. On its own `net` still uses cgo; pair it with `netgo`.',
    docs: ['CGO503', 'CGO502'],
  },
  timetzdata: {
    text:
      '**`timetzdata`** — embeds the time zone database (`time/tzdata`, Go ≥ 1.15) in the binary (about +411 KB measured), so ' +
      '`time.LoadLocation` works in `scratch` or Alpine without `tzdata` instead of failing with `unknown time zone Europe/Berlin`.',
    docs: [],
  },
  musl: {
    text:
      '**`musl`** — not a Go toolchain tag: confluent-kafka-go reads it to link its bundled librdkafka built for musl. It is required when ' +
      'building on Alpine (with cgo, gcc and musl-dev); without it the glibc archive is linked and fails with ``undefined reference to `__strdup\'``.',
    docs: [],
  },
  netcgo: {
    text: '**`netcgo`** — forces the cgo (libc) DNS resolver, for NSS-backed host lookups (mdns, LDAP, …). Needs cgo.',
    docs: ['CGO404'],
  },
};

export function tagTopic(tag: string): TagTopic {
  return TAGS[tag] ?? { text: `**\`${tag}\`** — a build tag of the project (selects files with \`//go:build ${tag}\`); nothing cgo-specific is known about it.`, docs: [] };
}

/** What the tags mean for this command's binary, given its cgo state. */
export function tagsHere(inv: GoInvocation): string | undefined {
  const t = new Set(inv.tags.values);
  const net = t.has('netgo');
  const user = t.has('osusergo');
  if (inv.cgo.state === 'off') return net || user ? 'Here cgo is **off**, so `net` and `os/user` are pure Go anyway: these tags change nothing.' : undefined;
  if (inv.cgo.state !== 'on') return undefined;
  if (net && user) {
    return 'Here cgo is **on** and both `netgo` and `osusergo` are set: the standard library has no cgo code left, so the binary is static unless other cgo packages are linked.';
  }
  if (net) return 'Here cgo is **on** and `osusergo` is missing: `os/user` still uses cgo, so the binary stays dynamic.';
  if (user) return 'Here cgo is **on** and `netgo` is missing: `net` still uses cgo, so the binary stays dynamic.';
  return undefined;
}
