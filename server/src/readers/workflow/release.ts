import type { Node } from 'yaml';
import type { RuntimeTarget } from '../../model/types';
import type { ShellCommand } from '../../shell/interpret';
import type { YamlFile } from '../yaml/document';
import type { JobContext } from './job';

/** Actions that publish files of the job (and the input naming them). */
const RELEASE_INPUTS: Record<string, string[]> = {
  'actions/upload-artifact': ['path'],
  'softprops/action-gh-release': ['files'],
  'ncipollo/release-action': ['artifacts'],
  'svenstaro/upload-release-action': ['file'],
  'actions/upload-release-asset': ['asset_path'],
};
export const RELEASE_ACTIONS = new Set(Object.keys(RELEASE_INPUTS));

/** The paths/globs a release step publishes; undefined when it does not say (then any binary may be in it). */
export function releasePaths(file: YamlFile, step: Node, action: string): string[] | undefined {
  const withNode = file.get(step, 'with');
  const out: string[] = [];
  for (const input of RELEASE_INPUTS[action] ?? []) {
    const v = file.str(file.get(withNode, input));
    if (v) out.push(...v.split(/[\n,]/).map((p) => p.trim()).filter((p) => p && !p.startsWith('!')));
  }
  return out.length && !out.some((p) => p.includes('${{')) ? out : undefined;
}

/** `gh release create|upload <tag> files…` in a run script. */
export function releasedByRun(cmd: ShellCommand): string[] | undefined {
  if (cmd.name.value !== 'gh' || cmd.args[0]?.value !== 'release') return undefined;
  const verb = cmd.args[1]?.value;
  if (verb !== 'create' && verb !== 'upload') return undefined;
  const files = cmd.args.slice(3).map((a) => a.value).filter((v): v is string => v !== undefined && !v.startsWith('-'));
  return files.length ? files.map((f) => f.replace(/#.*$/, '')) : [];
}

/** Does a published path or glob cover the binary? An unknown on either side counts as a match. */
export function pathsMatch(paths: string[] | undefined, output: string | undefined): boolean {
  if (!paths || paths.length === 0 || output === undefined) return true;
  const out = normalize(output);
  return paths.some((p) => {
    const pat = normalize(p);
    if (pat === out || pat === '.' || out.startsWith(pat.replace(/\/+$/, '') + '/')) return true;
    if (!/[*?[]/.test(pat)) return false;
    // A glob publishes what it matches, and everything inside a directory it matches.
    const re = globToRegExp(pat);
    const parts = out.split('/');
    return parts.some((_, i) => re.test(parts.slice(0, i + 1).join('/')));
  });
}

function normalize(p: string): string {
  return p.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
}

function globToRegExp(glob: string): RegExp {
  let re = '^';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(re + '$');
}

/** The hosts a published binary runs on: any Linux, old distributions included. */
export function releaseTarget(olderBuildHost?: RuntimeTarget['olderBuildHost']): RuntimeTarget {
  return {
    label: 'unknown Linux hosts (released binary)',
    libc: 'unknown',
    compatHacks: [],
    caCertificates: 'unknown',
    tzdata: 'unknown',
    passwd: 'unknown',
    releasedBinary: true,
    olderBuildHost,
  };
}

/** Where a job's build host can become a container: replace the job's `container:` image, or add one before `runs-on:`. */
export function olderBuildHostEdit(file: YamlFile, ctx: JobContext): RuntimeTarget['olderBuildHost'] {
  if (ctx.containerPair) {
    const v = file.resolve(ctx.containerPair.value);
    const image = file.get(v, 'image') ?? v;
    const loc = file.loc(image);
    return loc ? { loc, text: '{image}' } : undefined;
  }
  const key = ctx.runsOnPair ? file.keyLoc(ctx.runsOnPair) : undefined;
  if (!key) return undefined;
  const at = { line: key.range.start.line, character: 0 };
  return { loc: { uri: key.uri, range: { start: at, end: at } }, text: `${' '.repeat(key.range.start.character)}container: {image}\n` };
}
