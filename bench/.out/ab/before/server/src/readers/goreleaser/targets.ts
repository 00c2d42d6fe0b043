import type { Node, Scalar } from 'yaml';
import type { Location } from '../../model/types';
import type { YamlFile } from '../yaml/document';
import { GO_TEMPLATE, hasTemplate } from '../yaml/templates';

/** One GOOS/GOARCH a build produces. Variants (goarm, goamd64…) do not change whether cgo works: they collapse. */
export interface Target {
  goos: string;
  goarch: string;
  /** Single known variant (GOARM=7, GOAMD64=v1) when all targets of this GOOS/GOARCH agree. */
  variant?: string;
  goosLoc?: Location;
  goarchLoc?: Location;
}

/** `goreleaser` ≥ v2 defaults (v1 had linux/darwin × amd64/arm64/386; the difference is windows, harmless here). */
const DEFAULT_GOOS = ['linux', 'darwin', 'windows'];
const DEFAULT_GOARCH = ['amd64', 'arm64', '386'];
const FIRST_CLASS = ['darwin_amd64', 'darwin_arm64', 'linux_386', 'linux_amd64', 'linux_arm', 'linux_arm64', 'windows_386', 'windows_amd64'];

/** Pairs `go tool dist list` does not have, which goreleaser skips silently. */
function valid(goos: string, goarch: string): boolean {
  if (goos === 'darwin') return goarch === 'amd64' || goarch === 'arm64';
  if (goos === 'windows') return ['386', 'amd64', 'arm', 'arm64'].includes(goarch);
  return true;
}

interface Item { value: string; loc?: Location }

function list(file: YamlFile, node: unknown, fallback: string[]): { items: Item[]; templated: boolean } {
  const scalars = file.scalars(node);
  if (scalars.length === 0) return { items: fallback.map((value) => ({ value })), templated: false };
  const items: Item[] = [];
  let templated = false;
  for (const s of scalars) {
    const v = file.str(s);
    if (v === undefined || v === '') continue;
    if (hasTemplate(v, GO_TEMPLATE)) templated = true;
    else items.push({ value: v, loc: file.loc(s) });
  }
  return { items, templated };
}

/**
 * The targets of a build: `targets:` when given (it wins over goos/goarch), else goos × goarch with
 * variants, minus `ignore:` entries. `templated` says some entries were left out because a template decides them.
 */
export function buildTargets(file: YamlFile, build: Node): { targets: Target[]; templated: boolean } {
  const explicit = file.scalars(file.get(build, 'targets')) as Scalar[];
  const raw: (Target & { variant?: string })[] = [];
  let templated = false;
  if (explicit.length) {
    for (const s of explicit) {
      const v = file.str(s) ?? '';
      if (hasTemplate(v, GO_TEMPLATE)) {
        templated = true;
        continue;
      }
      const names = v === 'go_first_class' || v === 'go_118_first_class' ? FIRST_CLASS : [v];
      for (const n of names) {
        const [goos, goarch, variant] = n.split('_');
        if (goos && goarch) raw.push({ goos, goarch, variant, goosLoc: file.loc(s), goarchLoc: file.loc(s) });
      }
    }
  } else {
    const goos = list(file, file.get(build, 'goos'), DEFAULT_GOOS);
    const goarch = list(file, file.get(build, 'goarch'), DEFAULT_GOARCH);
    templated = goos.templated || goarch.templated;
    const variants = (arch: string): string[] => {
      const key = arch === 'arm' ? 'goarm' : arch === 'amd64' ? 'goamd64' : undefined;
      if (!key) return [''];
      const v = list(file, file.get(build, key), [arch === 'arm' ? '6' : 'v1']).items.map((i) => i.value);
      return v.length ? v : [''];
    };
    for (const os of goos.items) {
      for (const arch of goarch.items) {
        for (const variant of variants(arch.value)) raw.push({ goos: os.value, goarch: arch.value, variant: variant || undefined, goosLoc: os.loc, goarchLoc: arch.loc });
      }
    }
  }
  const ignore = file.items(file.get(build, 'ignore')).map((i) => ({
    goos: file.str(file.get(i, 'goos')), goarch: file.str(file.get(i, 'goarch')),
    variant: file.str(file.get(i, 'goarm')) ?? file.str(file.get(i, 'goamd64')),
  }));
  const kept = raw.filter((t) => valid(t.goos, t.goarch) && !ignore.some((x) =>
    (x.goos === undefined || x.goos === t.goos) && (x.goarch === undefined || x.goarch === t.goarch) && (x.variant === undefined || x.variant === t.variant)));
  // Collapse variants: one target per GOOS/GOARCH (the variant kept only when all agree).
  const byPair = new Map<string, Target>();
  for (const t of kept) {
    const key = `${t.goos}/${t.goarch}`;
    const prev = byPair.get(key);
    if (!prev) byPair.set(key, { ...t });
    else if (prev.variant !== t.variant) prev.variant = undefined;
  }
  return { targets: [...byPair.values()], templated };
}

/** Does an `overrides:` entry apply to this target? (goreleaser compares the whole target string; variants omitted match any.) */
export function overrideMatches(file: YamlFile, override: Node, t: Target): boolean {
  const goos = file.str(file.get(override, 'goos'));
  const goarch = file.str(file.get(override, 'goarch'));
  if (!goos || !goarch || hasTemplate(goos + goarch, GO_TEMPLATE)) return false;
  if (goos !== t.goos || goarch !== t.goarch) return false;
  const variant = file.str(file.get(override, 'goarm')) ?? file.str(file.get(override, 'goamd64'));
  return variant === undefined || t.variant === undefined || variant === t.variant;
}
