import type { Node } from 'yaml';
import type { BuildPlan, Location, RuntimeTarget } from '../../model/types';
import type { CustomImage } from '../../config/settings';
import type { WorkspaceFiles } from '../../workspace/files';
import { readDockerfile } from '../dockerfile/reader';
import { COMPAT_PACKAGES, packageBaseName } from '../commands/packages';
import type { YamlFile } from '../yaml/document';
import { GO_TEMPLATE, hasTemplate } from '../yaml/templates';

/** A `dockers[]` / `dockers_v2[]` entry: which binaries goreleaser copies into which image. */
export interface DockerLink {
  /** Anchor for findings: the entry's `dockerfile:` (or its image names, or its first key). */
  loc: Location;
  ids?: string[];
  platforms: { goos: string; goarch: string }[];
  runtime?: RuntimeTarget;
}

export interface DockerOptions { files?: WorkspaceFiles; images: Record<string, CustomImage> }

export function readDockers(file: YamlFile, root: Node, options: DockerOptions, dependencies: string[]): DockerLink[] {
  const out: DockerLink[] = [];
  // Many entries usually share one Dockerfile: read and analyse each file once per config.
  const runtimes = new Map<string, RuntimeTarget | undefined>();
  const runtimeFor = (dockerfile: string) => {
    if (!runtimes.has(dockerfile)) runtimes.set(dockerfile, runtimeOf(file.uri, dockerfile, options, dependencies));
    return runtimes.get(dockerfile);
  };
  for (const [key, v2] of [['dockers', false], ['dockers_v2', true]] as const) {
    for (const entry of file.items(file.get(root, key))) {
      if (file.get(entry, 'skip') && file.str(file.get(entry, 'skip')) === 'true') continue;
      const dockerfilePair = file.pair(entry, 'dockerfile');
      const namesPair = file.pair(entry, v2 ? 'images' : 'image_templates');
      const first = file.entries(entry)[0];
      const loc = (dockerfilePair && file.pairLoc(dockerfilePair)) ?? (namesPair && file.pairLoc(namesPair)) ?? (first && file.pairLoc(first));
      if (!loc) continue;
      const ids = file.scalars(file.get(entry, 'ids')).map((s) => file.str(s) ?? '').filter(Boolean);
      let platforms: DockerLink['platforms'];
      if (v2) {
        const listed = file.scalars(file.get(entry, 'platforms')).map((s) => file.str(s) ?? '');
        platforms = (listed.length ? listed : ['linux/amd64', 'linux/arm64']).map((p) => {
          const [goos, goarch] = p.split('/');
          return { goos, goarch };
        });
      } else {
        platforms = [{ goos: file.str(file.get(entry, 'goos')) || 'linux', goarch: file.str(file.get(entry, 'goarch')) || 'amd64' }];
      }
      const dockerfile = file.str(dockerfilePair?.value) || 'Dockerfile';
      out.push({ loc, ids: ids.length ? ids : undefined, platforms, runtime: hasTemplate(dockerfile, GO_TEMPLATE) ? undefined : runtimeFor(dockerfile) });
    }
  }
  return out;
}

/** The final stage of the Dockerfile the binary is copied into (paths are relative to the config's directory). */
function runtimeOf(configUri: string, dockerfile: string, options: DockerOptions, dependencies: string[]): RuntimeTarget | undefined {
  const files = options.files;
  const uri = files?.resolve(configUri, dockerfile);
  if (!files || !uri) return undefined;
  dependencies.push(uri);
  const text = files.read(uri);
  if (text === undefined) return undefined;
  let plan: BuildPlan;
  try {
    plan = readDockerfile(uri, text, { images: options.images });
  } catch {
    return undefined;
  }
  const final = plan.stages[plan.stages.length - 1];
  if (!final) return undefined;
  const chain = [final.index];
  let root = final;
  for (let guard = 0; root.parent !== undefined && guard < 64; guard++) {
    root = plan.stages[root.parent];
    chain.push(root.index);
  }
  const image = root.image;
  const inChain = (s: number | undefined) => s !== undefined && chain.includes(s);
  const compat = [
    ...plan.installs.filter((i) => inChain(i.stage) && i.packages.some((p) => COMPAT_PACKAGES.has(packageBaseName(p.value ?? '')))).map((i) => i.loc),
    ...plan.loaderSymlinks.filter((l) => inChain(l.stage)).map((l) => l.loc),
  ];
  const rel = dockerfile.replace(/^\.\//, '');
  return {
    image,
    label: `\`${root.imageText ?? 'an unknown image'}\` (final stage of ${rel})`,
    libc: image?.libc ?? 'unknown',
    libcVersion: image?.libcVersion,
    compatHacks: compat,
    caCertificates: image?.caCertificates ?? 'unknown',
    tzdata: image?.tzdata ?? 'unknown',
    passwd: image?.passwd ?? 'unknown',
    // In the Dockerfile: related information only. No imageLoc/stage, so no fix edits the other file.
    loc: final.fromLoc,
  };
}
