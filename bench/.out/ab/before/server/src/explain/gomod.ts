// Hover on a go.mod `require` of a catalogued cgo module: what it needs, what happens without cgo (with the exact
// message when the knowledge base has it, worded as unconfirmed when it is [U]), extra build tags, what the runtime
// image must ship, and the pure-Go alternatives with links. Plus the builds of the workspace that compile it with
// cgo off, when the service knows them.
import { cgoModulesForModule, buildFailureError, type CgoModule } from '../knowledge/cgoModules';
import type { GoModRequireFact } from '../model/types';
import { capped, type HoverContext, type HoverPart } from './part';
import { contains, lineOf } from './text';

export function gomodHover(ctx: HoverContext): HoverPart | undefined {
  const gomod = ctx.plan.gomod;
  if (!gomod) return undefined;
  const req = gomod.requires.find((r) => contains(r.loc.range, ctx.position));
  if (!req) return undefined;
  const entries = cgoModulesForModule(req.path, req.version);
  if (!entries.length) return undefined;
  return { markdown: entries.map((e) => moduleMarkdown(e, req)).join('\n\n'), range: req.loc.range, docs: entries.map(docFor) };
}

function docFor(e: CgoModule): string {
  return e.withoutCgo.kind === 'runtime-stub' ? 'CGO301' : e.withoutCgo.kind === 'build-failure' ? 'CGO302' : 'CGO201';
}

const UNCONFIRMED = ' _(unconfirmed: the knowledge base has not verified this)_';

export function moduleMarkdown(e: CgoModule, req: Pick<GoModRequireFact, 'path' | 'version' | 'indirect' | 'cgoOffBuilds'>): string {
  const version = req.version ? ` ${req.version}` : '';
  const lines = [`**\`${req.path}\`**${version}${req.indirect ? ' (indirect)' : ''} — a cgo module (${e.name})`];
  const facts: string[] = [];
  const scope = e.packages ? ` Only ${e.packages.map((p) => `\`${e.module}/${p}\``).join(', ')} use${e.packages.length === 1 ? 's' : ''} cgo; the rest of the module is pure Go.` : '';
  facts.push(`- **Needs:** ${e.needs}${e.via ? ` (through \`${e.via}\`)` : ''}: a C compiler (\`gcc\`, and \`musl-dev\` on Alpine) and \`CGO_ENABLED=1\`.${scope}`);
  facts.push(`- **Without cgo:** ${withoutCgo(e, req.path)}`);
  for (const t of e.buildTags ?? []) facts.push(`- **\`-tags ${t.tag}\`:** ${t.when}.`);
  if (e.runtimeLibraries?.length) facts.push(`- **At run time:** the image must provide ${e.runtimeLibraries.join(', ')}.`);
  if (e.versionsBelow) facts.push(`- **Versions:** only versions below ${e.versionsBelow} are affected.`);
  if (e.note) facts.push(`- **Note:** ${e.note}`);
  lines.push(facts.join('\n'));
  if (e.alternatives.length) {
    lines.push(
      `**Pure-Go alternatives** (no cgo, static binaries):\n${e.alternatives
        .map((a) => `- [\`${a.module}\`](${a.url})${a.note ? ` — ${a.note}` : ''}${a.unconfirmed ? ' _(unconfirmed)_' : ''}`)
        .join('\n')}`,
    );
  } else if (e.withoutCgo.kind !== 'silent-fallback') {
    lines.push('**Pure-Go alternatives:** none known.');
  }
  if (req.cgoOffBuilds?.length) {
    const builds = req.cgoOffBuilds.map((b) => `- ${fileName(b.loc.uri)} line ${lineOf(b.loc)}: ${b.cgoWhy}`);
    lines.push(`**Built with cgo off in this workspace:**\n${capped(builds, 5).join('\n')}`);
  }
  lines.push(`_Source: ${e.evidence}._`);
  return lines.join('\n\n');
}

function withoutCgo(e: CgoModule, modulePath: string): string {
  const w = e.withoutCgo;
  const u = w.confidence === 'unconfirmed' ? UNCONFIRMED : '';
  switch (w.kind) {
    case 'runtime-stub':
      return `it still compiles, but only as a stub: the program builds and starts, then fails on first use with \`${w.message}\`.${u}`;
    case 'build-failure': {
      const err = buildFailureError(e, modulePath);
      return err ? `the build fails: \`${err}\`.${u}` : `the build fails (no pure-Go build path).${u}`;
    }
    case 'silent-fallback':
      return `it silently ${w.note}. No error — but performance or features differ.${u}`;
  }
}

function fileName(uri: string): string {
  return `\`${decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1))}\``;
}
