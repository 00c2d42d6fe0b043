// Hovers on `FROM <image>` (what the image ships: knowledge table B) and on a `COPY --from` that carries a Go
// binary (its linkage against the libc of the stage it lands in).
import type { Delivery, Stage } from '../model/types';
import type { ImageFacts } from '../knowledge/images';
import {
  cgoDigit, commandName, commandRef, compatibility, imageLibc, linkageLabel, linkageSentence, rootStage, runtimeNeeds, stageLabel, tri, verdictWord,
} from './describe';
import { capped, type HoverContext, type HoverPart } from './part';
import { contains, lineOf } from './text';

const DECLARE_EXAMPLE = '`"registry.example.com/base:*": { "libc": "glibc", "version": "2.36", "toolchain": false }`';

export function fromHover(ctx: HoverContext, stage: Stage): HoverPart {
  const { plan } = ctx;
  const root = rootStage(plan, stage.index) ?? stage;
  const written = stage.imageText ?? (stage.imageLoc ? ctx.view.slice(stage.imageLoc.range) : '?');
  const image = root.image;
  const docs: string[] = [];
  const parts: string[] = [];
  const title = `**\`FROM ${written}\`**${stage.name ? ` (${stageLabel(stage)})` : ''}`;
  if (root !== stage) {
    parts.push(`${title} — builds on ${stageLabel(root)} (line ${lineOf(root.fromLoc)}), whose base image is \`${root.imageText ?? '?'}\`.`);
  } else {
    parts.push(`${title} — ${image?.known ? image.name : 'unknown image'}`);
  }
  if (!image || !image.known) {
    parts.push(unknownImageText(root, image));
  } else {
    parts.push(imageFacts(image).join('\n'));
    if (image.notes.length) parts.push(image.notes.map((n) => `- ${n}`).join('\n'));
    docs.push(image.libc === 'glibc' ? 'CGO103' : 'CGO101');
    if (image.ref.repository === 'golang' && image.tagMayMove) docs.push('CGO106');
  }

  const builds = plan.invocations
    .filter((i) => i.stage === stage.index)
    .map((i) => `- ${commandRef(i)}: \`CGO_ENABLED=${cgoDigit(i.cgo.state)}\` · ${linkageLabel(i)}`);
  if (builds.length) parts.push(`**Go commands in this stage:**\n${capped(builds, 5).join('\n')}`);

  const runs = plan.deliveries.filter((d) => d.runtime.stage === stage.index);
  if (runs.length) {
    const items = runs.map((d) => {
      const inv = d.artifact.producer;
      const c = compatibility(inv, d.runtime);
      if (c.verdict === 'fails' || c.verdict === 'may-fail') docs.unshift(inv.linkage.kind === 'dynamic-musl' && d.runtime.libc === 'glibc' ? 'CGO102' : d.runtime.libc === 'glibc' ? 'CGO103' : 'CGO101');
      return `- ${binaryLabel(d)} from ${commandRef(inv)}: ${verdictWord(c.verdict)} — ${c.text}`;
    });
    parts.push(`**Binaries built in this file that run here:**\n${capped(items, 5).join('\n')}`);
  }
  const onImage = stage.imageLoc && contains(stage.imageLoc.range, ctx.position);
  return { markdown: parts.join('\n\n'), range: (onImage ? stage.imageLoc! : stage.fromLoc).range, docs };
}

function imageFacts(image: ImageFacts): string[] {
  const distro = image.distro
    ? ` (${[image.distro.id === 'rhel' ? 'RHEL' : capital(image.distro.id), image.distro.release, image.distro.codename].filter(Boolean).join(' ')})`
    : '';
  const go = image.go
    ? `- **Go:** ${image.go.version ? `${image.go.version.major}.${image.go.version.minor}${image.go.version.patch !== undefined ? `.${image.go.version.patch}` : ''}` : 'version not pinned'}` +
      (image.goAtLeast120 === true
        ? ' (≥ 1.20: with `CGO_ENABLED` unset, cgo is on only if a C compiler is on PATH)'
        : image.goAtLeast120 === false
          ? ' (< 1.20: with `CGO_ENABLED` unset, cgo is on even without a C compiler)'
          : '')
    : undefined;
  const pin = image.ref.repository === 'golang' ? '`golang:<version>-<codename>`' : 'a specific tag';
  const moving = image.tagMayMove ? `**yes** — a rebuild can pull a different image (pin ${pin} or a digest)` : 'no';
  return [
    `- **libc:** ${imageLibc(image)}${image.libc !== 'none' ? distro : ''}`,
    `- **C toolchain:** ${tri(image.cCompiler)}`,
    ...(go ? [go] : []),
    `- **CA bundle:** ${tri(image.caCertificates)} · **tzdata:** ${tri(image.tzdata)} · **/etc/passwd:** ${tri(image.passwd)}`,
    `- **Tag can move:** ${moving}`,
  ];
}

function unknownImageText(stage: Stage, image: ImageFacts | undefined): string {
  if (stage.imageText === undefined || image?.notes.some((n) => n.includes('unresolved variable'))) {
    return 'The image reference uses a variable without a known value, so its libc, C toolchain, CA bundle and tzdata are **unknown** and no libc findings are reported for it.';
  }
  return (
    'CGO Lens does not know this image: its libc, C toolchain, CA bundle and tzdata are **unknown**, so no libc findings are reported for it. ' +
    `Declare it with the \`cgoLens.images\` setting or \`images:\` in \`.cgo-lens.yaml\`, e.g. ${DECLARE_EXAMPLE}.`
  );
}

/** Hover on a `COPY --from` that carries a Go binary into this stage, or through it to a later one. */
export function copyHover(ctx: HoverContext): HoverPart | undefined {
  const { plan, position } = ctx;
  const landing = plan.deliveries.filter((d) => d.copyLoc && contains(d.copyLoc.range, position));
  const passing = plan.deliveries.filter((d) => d.via.some((v) => contains(v.range, position)));
  const first = landing[0] ?? passing[0];
  if (!first) return undefined;
  const range = (landing[0]?.copyLoc ?? passing[0].via.find((v) => contains(v.range, position))!).range;
  const docs: string[] = [];
  const parts: string[] = [];
  for (const d of [...landing, ...passing].slice(0, 3)) {
    const inv = d.artifact.producer;
    const from = inv.stage === undefined ? undefined : plan.stages[inv.stage];
    const head = `**\`COPY\`** ${binaryLabel(d)} — built by ${commandRef(inv)}${from ? ` in ${stageLabel(from)}` : ''}`;
    const c = compatibility(inv, d.runtime);
    const rtStage = d.runtime.stage === undefined ? undefined : plan.stages[d.runtime.stage];
    const target = `${d.runtime.label}${rtStage ? ` (${stageLabel(rtStage)})` : ''}`;
    const lines = [
      `- **Binary:** \`CGO_ENABLED=${cgoDigit(inv.cgo.state)}\` · ${linkageSentence(inv)}`,
      `- **Needs at run time:** ${runtimeNeeds(inv)}`,
      `- **${landing.includes(d) ? 'This stage' : `Passes through here to ${target}`}:** ${d.runtime.label} — ${libcOf(d)}`,
      `- **Verdict:** ${verdictWord(c.verdict)} — ${c.text}`,
    ];
    parts.push(`${head}\n${lines.join('\n')}`);
    if (c.verdict === 'fails' || c.verdict === 'may-fail') {
      docs.push(inv.cgo.state === 'off' ? 'CGO104' : inv.linkage.kind === 'dynamic-musl' && d.runtime.libc === 'glibc' ? 'CGO102' : d.runtime.libc === 'glibc' ? 'CGO103' : d.runtime.compatHacks.length ? 'CGO105' : 'CGO101');
    }
  }
  docs.push('CGO101');
  return { markdown: parts.join('\n\n'), range, docs };
}

function libcOf(d: Delivery): string {
  const r = d.runtime;
  if (r.libc === 'none') return 'no libc';
  if (r.libc === 'unknown') return 'libc unknown';
  return `${r.libc}${r.libcVersion ? ` ${r.libcVersion}` : ''}${r.compatHacks.length ? ` (+ glibc compatibility hack on line ${lineOf(r.compatHacks[0])})` : ''}`;
}

function binaryLabel(d: Delivery): string {
  return d.artifact.path ? `\`${d.artifact.path}\`` : `the output of \`${commandName(d.artifact.producer)}\``;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
