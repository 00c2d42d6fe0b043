import { isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { BuildHost, BuildPlan, EnvValue, GoInvocation, Location, Word } from '../../model/types';
import type { CustomImage } from '../../config/settings';
import type { WorkspaceFiles } from '../../workspace/files';
import { YamlFile, emptyPlan } from '../yaml/document';
import { MappedText } from '../yaml/mapped';
import { readEnvList, recordOccurrences } from '../yaml/env';
import { GO_TEMPLATE, hasTemplate } from '../yaml/templates';
import { syntheticCommand, yamlInvocation } from '../yaml/invocation';
import { findGoreleaserRunner, type GoreleaserRunner } from '../workflow/link';
import { releaseTarget } from '../workflow/release';
import { buildTargets, overrideMatches } from './targets';
import { readDockers } from './dockers';

export interface GoreleaserReadOptions { images: Record<string, CustomImage>; files?: WorkspaceFiles }

/** Where goreleaser runs when no workflow says: any machine (its reasons assume an amd64 Linux builder). */
const UNKNOWN_HOST: BuildHost = { label: 'the machine running goreleaser', libc: 'unknown', cCompiler: 'unknown', libcHeaders: 'unknown' };

/** Values a goreleaser template can resolve statically: none (`.Env.X`, `.Version`, `.Os` depend on the run). */
const unknownTemplate = { syntax: GO_TEMPLATE, lookup: () => undefined };

/**
 * .goreleaser.yml (v1 and v2) → build plan: one `go build` per build target (GOOS × GOARCH minus `ignore`, or
 * `targets`), with the environment goreleaser gives it — the OS environment (the workflow job running
 * goreleaser, when one is found), top-level `env:`, the build's `env:`, the matching `overrides[].env`, then
 * GOOS/GOARCH of the target. Binaries go to the Dockerfiles of `dockers`/`dockers_v2` and to release archives.
 *
 * Anchor: a build's `commandLoc` is the `CGO_ENABLED=…` item of this file that decides its cgo setting, else the
 * build's `id:` (or first key) — so "CGO_ENABLED=1 without CC" lands on the item to change.
 */
export function readGoreleaser(uri: string, text: string, options: GoreleaserReadOptions): BuildPlan {
  const file = new YamlFile(uri, text);
  const plan = emptyPlan(uri, 'goreleaser');
  plan.notes.push(...file.notes());
  const deps: string[] = [];
  const root = file.root;
  if (!root) return plan;
  const runner = findGoreleaserRunner(uri, options, deps);
  const globalEnv = readEnvList(file, file.get(root, 'env'), { origin: 'yaml-env', describe: (l) => `the top-level \`env:\` (line ${l})`, template: unknownTemplate });
  recordOccurrences(plan, globalEnv);
  const byBuild = new Map<string, GoInvocation[]>();
  let counter = 0;
  const targets: TargetBudget = { left: MAX_BUILD_TARGETS, skipped: false };
  file.items(file.get(root, 'builds')).forEach((build, index) => {
    const builder = file.str(file.get(build, 'builder'));
    if (builder && builder !== 'go') return; // rust, zig, bun, deno, uv, poetry, prebuilt: no go command
    if (file.str(file.get(build, 'skip')) === 'true') return;
    const id = file.str(file.get(build, 'id')) || (index === 0 ? 'default' : `#${index + 1}`);
    const invs = readBuild(file, plan, build, id, globalEnv, runner, () => `${uri}#${counter++}`, targets);
    byBuild.set(id, [...(byBuild.get(id) ?? []), ...invs]);
  });
  if (targets.skipped) plan.notes.push({ message: `more than ${MAX_BUILD_TARGETS} build targets: the rest are not analysed`, loc: file.loc(file.get(root, 'builds')) });
  deliver(file, plan, root, byBuild, options, deps);
  plan.dependencies = [...new Set(deps)];
  return plan;
}

/**
 * Build targets (a build × its GOOS/GOARCH pairs) read per file. A release builds tens of targets; YAML merge keys can
 * make a 6 KB file declare thousands (400 builds merging one anchor with 10 × 10 targets), each a go command to analyse.
 */
export const MAX_BUILD_TARGETS = 512;

interface TargetBudget {
  left: number;
  /** Some targets were not read. */
  skipped: boolean;
}

function readBuild(file: YamlFile, plan: BuildPlan, build: Node, id: string, globalEnv: EnvValue[], runner: GoreleaserRunner | undefined, nextId: () => string, budget: TargetBudget): GoInvocation[] {
  const describe = (what: string) => (l: number) => `${what} of goreleaser build \`${id}\` (line ${l})`;
  // A build's env goes to its go command only, like `env K=V go build`: fixes rewrite the item in place.
  const buildEnv = readEnvList(file, file.get(build, 'env'), { origin: 'env-command', describe: describe('`env:`'), template: unknownTemplate });
  recordOccurrences(plan, buildEnv);
  const first = file.entries(build)[0];
  const idPair = file.pair(build, 'id');
  const buildAnchor = (idPair && file.pairLoc(idPair)) ?? (first && file.pairLoc(first)) ?? file.loc(build);
  if (!buildAnchor) return [];
  const overrides = file.items(file.get(build, 'overrides'));
  const { targets } = buildTargets(file, build);
  if (targets.length > budget.left) budget.skipped = true;
  const read = targets.slice(0, Math.max(0, budget.left));
  budget.left -= read.length;
  const out: GoInvocation[] = [];
  for (const t of read) {
    const override = overrides.find((o) => overrideMatches(file, o, t));
    const overrideEnv = override ? readEnvList(file, file.get(override, 'env'), { origin: 'env-command', describe: describe('`overrides[].env`'), template: unknownTemplate }) : [];
    if (override) recordOccurrences(plan, overrideEnv);
    const env: Record<string, EnvValue> = {};
    for (const v of [...(runner?.env ?? []), ...globalEnv, ...buildEnv, ...overrideEnv]) env[v.name] = v;
    env.GOOS = targetValue('GOOS', t.goos, t.goosLoc, id);
    env.GOARCH = targetValue('GOARCH', t.goarch, t.goarchLoc, id);
    if (t.variant && t.goarch === 'arm') env.GOARM = targetValue('GOARM', t.variant, undefined, id);
    const cgo = env.CGO_ENABLED;
    const anchor = cgo?.loc && cgo.loc.uri === file.uri ? cgo.loc : buildAnchor;
    const words = [word('build', anchor), ...flagWords(file, build, override, anchor)];
    const inv = yamlInvocation({ id: nextId(), cmd: syntheticCommand(anchor, words, env), host: { ...(runner?.host ?? UNKNOWN_HOST) }, platform: runner?.platform, ineffective: [] });
    if (!inv) continue;
    inv.tool = 'goreleaser';
    inv.setEnvEdit = setEnvEdit(file, build);
    out.push(inv);
  }
  // Targets that build alike (linux/arm64 and linux/386, both cross with cgo on) would repeat the same finding
  // on the same item: the rules see one of each kind; deliveries keep every target.
  const seen = new Set<string>();
  for (const inv of out) {
    const goos = inv.env.GOOS?.value;
    const key = [inv.commandLoc.range.start.line, inv.commandLoc.range.start.character, inv.cgo.state, inv.cgo.implicit, inv.cgo.explicit?.value, inv.linkage.kind,
      inv.target.cross, !!inv.target.targetCc, goos === 'linux' || goos === 'darwin' ? goos : 'other', inv.sanitizers.length, inv.tags.values.join(','), inv.buildmode?.value].join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    plan.invocations.push(inv);
  }
  return out;
}

/**
 * How a fix sets CGO_ENABLED for this build only: a new first item of its `env:` list (block or flow), or a
 * new `env:` line after the build's first key.
 */
function setEnvEdit(file: YamlFile, build: Node): GoInvocation['setEnvEdit'] {
  const envPair = file.pair(build, 'env');
  const at = (line: number, character: number): Location => ({ uri: file.uri, range: { start: { line, character }, end: { line, character } } });
  if (envPair) {
    const seq = file.resolve(envPair.value);
    const r = (seq as { range?: [number, number, number] } | undefined)?.range;
    if (!isSeq(seq) || !r) return undefined;
    const start = file.index.positionAt(r[0]);
    if ((seq as { flow?: boolean }).flow) return { at: at(start.line, start.character + 1), text: seq.items.length ? 'CGO_ENABLED={value}, ' : 'CGO_ENABLED={value}' };
    return { at: at(start.line, 0), text: `${' '.repeat(start.character)}- CGO_ENABLED={value}\n` };
  }
  const first = file.entries(build)[0];
  const loc = first && file.pairLoc(first);
  if (!loc) return undefined;
  const endOffset = Math.max(file.index.offsetAt(loc.range.start), file.index.offsetAt(loc.range.end) - 1);
  const line = file.index.positionAt(endOffset).line + 1;
  const entry = `${' '.repeat(loc.range.start.character)}env: [CGO_ENABLED={value}]`;
  // Past the last line (no final newline): append to the end of the file instead of an out-of-range position.
  if (line >= file.index.lineCount) {
    const end = file.index.positionAt(file.index.text.length);
    return { at: at(end.line, end.character), text: `\n${entry}` };
  }
  return { at: at(line, 0), text: `${entry}\n` };
}

function targetValue(name: string, value: string, loc: Location | undefined, id: string): EnvValue {
  return { name, value, origin: 'yaml-env', loc, describe: `the target ${name === 'GOOS' ? 'OS' : name === 'GOARCH' ? 'architecture' : 'variant'} of goreleaser build \`${id}\`` };
}

function word(value: string, loc: Location, raw = value): Word {
  return { value, raw, loc };
}

/** `flags`, `tags`, `ldflags`, `buildmode`, `binary` and `main` as the go command line goreleaser runs. */
function flagWords(file: YamlFile, build: Node, override: Node | undefined, anchor: Location): Word[] {
  // Overrides replace these fields wholesale for the target (mergo.WithOverride).
  const pick = (key: string) => (override && file.get(override, key) !== undefined ? file.get(override, key) : file.get(build, key));
  const out: Word[] = [];
  for (const s of file.scalars(pick('flags'))) {
    const m = MappedText.fromScalar(file.uri, file.index, s);
    if (!m) continue;
    for (const f of m.text.matchAll(/\S+/g)) out.push(word(f[0], m.loc(f.index, f.index + f[0].length)));
  }
  const tags = file.scalars(pick('tags')).map((s) => file.str(s) ?? '').filter(Boolean);
  const tagsLoc = file.loc(pick('tags'));
  if (tags.length && tagsLoc) out.push(word(`-tags=${tags.join(',')}`, tagsLoc, '<goreleaser tags>'));
  const ldNode = pick('ldflags');
  const ld = file.scalars(ldNode).map((s) => file.str(s) ?? '');
  const ldLoc = ld.length === 1 ? file.loc(file.scalars(ldNode)[0]) : file.loc(ldNode);
  if (ld.length && ldLoc) out.push(word(`-ldflags=${ld.join(' ')}`, ldLoc, '<goreleaser ldflags>'));
  const buildmode = file.str(pick('buildmode'));
  const bmLoc = file.loc(pick('buildmode'));
  if (buildmode && bmLoc) out.push(word(`-buildmode=${buildmode}`, bmLoc, '<goreleaser buildmode>'));
  const binaryNode = file.get(build, 'binary');
  const binary = file.str(binaryNode);
  if (binary) out.push(word('-o', anchor), hasTemplate(binary, GO_TEMPLATE) ? { value: undefined, raw: binary, loc: file.loc(binaryNode) ?? anchor } : word(binary, file.loc(binaryNode) ?? anchor));
  const main = file.resolve(file.get(build, 'main'));
  const mainText = isScalar(main) ? file.str(main as Scalar) : undefined;
  out.push(word(mainText || '.', (mainText && file.loc(main)) || anchor));
  return out;
}

/**
 * Linux binaries reach the images of `dockers`/`dockers_v2` (matched by build id and platform), and every
 * build's archives are released to unknown Linux hosts. Targets of one build that build alike report once.
 */
function deliver(file: YamlFile, plan: BuildPlan, root: Node, byBuild: Map<string, GoInvocation[]>, options: GoreleaserReadOptions, deps: string[]): void {
  for (const link of readDockers(file, root, options, deps)) {
    if (!link.runtime) continue;
    for (const [id, invs] of byBuild) {
      if (link.ids && !link.ids.includes(id)) continue;
      for (const inv of invs) {
        const goos = inv.env.GOOS?.value;
        const goarch = inv.env.GOARCH?.value;
        if (!link.platforms.some((p) => p.goos === goos && p.goarch === goarch)) continue;
        plan.deliveries.push({ artifact: { path: inv.output?.value ?? '', producer: inv, stage: -1 }, copyLoc: link.loc, runtime: link.runtime, via: [] });
      }
    }
  }
  const released = new Set<string>();
  for (const [id, invs] of byBuild) {
    for (const inv of invs) {
      if (inv.env.GOOS?.value !== 'linux') continue;
      const key = `${id}|${inv.cgo.state}|${inv.linkage.kind}|${inv.linkage.kind === 'dynamic-glibc' ? inv.linkage.minGlibc : ''}`;
      if (released.has(key)) continue;
      released.add(key);
      plan.deliveries.push({ artifact: { path: inv.output?.value ?? '', producer: inv, stage: -1 }, copyLoc: inv.commandLoc, runtime: releaseTarget(), via: [] });
    }
  }
}
