import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { BuildHost, EnvValue } from '../../model/types';
import type { CustomImage } from '../../config/settings';
import type { WorkspaceFiles } from '../../workspace/files';
import type { YamlFile } from '../yaml/document';
import { layer, readEnvMap } from '../yaml/env';
import { ACTIONS_EXPR, evaluate, type Lookup } from '../yaml/templates';
import type { Platform } from '../yaml/invocation';
import type { Combo } from './matrix';
import { goVersionFromFile, jobHost, setupGoVersion, withGo } from './runners';

export interface WorkflowOptions {
  images: Record<string, CustomImage>;
  files?: WorkspaceFiles;
}

/** What every step of one job (in one matrix combination) starts from. */
export interface JobContext {
  jobId: string;
  job: Node;
  combo: Combo;
  matrixUnknown: boolean;
  workflowEnv: EnvValue[];
  jobEnv: EnvValue[];
  host: BuildHost;
  platform?: Platform;
  runsOnPair?: Pair<Node, Node>;
  containerPair?: Pair<Node, Node>;
  defaultShell?: string;
}

/**
 * `${{ … }}` values the reader can know: matrix values of this combination, `env.X` of literal env values,
 * `runner.os`/`runner.arch` of a known runner, and quoted literals. Anything else (secrets, inputs,
 * step outputs, functions) is only known at run time.
 */
export function expressionLookup(combo: Combo, matrixUnknown: boolean, env: Record<string, EnvValue>, platform?: Platform): Lookup {
  return (expr) => {
    const e = expr.trim();
    let m = /^matrix\.([A-Za-z0-9_.-]+)$/.exec(e);
    if (m) return matrixUnknown ? undefined : combo[m[1]];
    m = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(e);
    if (m) return env[m[1]]?.value;
    m = /^'((?:[^']|'')*)'$/.exec(e);
    if (m) return m[1].replace(/''/g, "'");
    if (e === 'runner.os' && platform) return platform.os === 'darwin' ? 'macOS' : platform.os === 'windows' ? 'Windows' : 'Linux';
    if (e === 'runner.arch' && platform) return platform.arch === 'arm64' ? 'ARM64' : 'X64';
    return undefined;
  };
}

export function envOptions(describe: (line: number) => string, lookup: Lookup) {
  return { origin: 'yaml-env' as const, describe, template: { syntax: ACTIONS_EXPR, lookup } };
}

export function jobContext(file: YamlFile, jobId: string, job: Node, combo: Combo, matrixUnknown: boolean, options: WorkflowOptions): JobContext {
  const root = file.root;
  const noEnv = expressionLookup(combo, matrixUnknown, {});
  const workflowEnv = readEnvMap(file, file.get(root, 'env'), envOptions((l) => `the workflow's \`env:\` (line ${l})`, noEnv));
  const jobEnv = readEnvMap(file, file.get(job, 'env'), envOptions((l) => `job \`${jobId}\`'s \`env:\` (line ${l})`, expressionLookup(combo, matrixUnknown, layer(workflowEnv))));

  const runsOnPair = file.pair(job, 'runs-on');
  const runsOnNode = file.resolve(runsOnPair?.value);
  const lookup = expressionLookup(combo, matrixUnknown, {});
  let labels: string[] | undefined;
  if (isScalar(runsOnNode) || isSeq(runsOnNode)) {
    const raw = file.scalars(runsOnNode).map((s) => file.str(s) ?? '');
    const values = raw.map((r) => evaluate(r, ACTIONS_EXPR, lookup));
    labels = values.every((v): v is string => v !== undefined) ? values : undefined;
  } else if (isMap(runsOnNode)) labels = undefined; // runner groups: unknown machine

  const containerPair = file.pair(job, 'container');
  const containerNode = file.resolve(containerPair?.value);
  const imageNode = isMap(containerNode) ? file.get(containerNode, 'image') : containerNode;
  const imageRaw = file.str(imageNode);
  const image = imageRaw === undefined || imageRaw === '' ? undefined : evaluate(imageRaw, ACTIONS_EXPR, lookup) ?? '${unknown}';

  const jh = jobHost(labels, file.loc(runsOnNode), image, file.loc(imageNode), options.images);
  const shellOf = (n: unknown) => file.str(file.get(file.get(file.get(n, 'defaults'), 'run'), 'shell'));
  return {
    jobId, job, combo, matrixUnknown, workflowEnv, jobEnv, host: jh.host, platform: jh.platform, runsOnPair, containerPair,
    defaultShell: shellOf(job) ?? shellOf(root),
  };
}

/** `actions/setup-go` (any version of it): the Go later steps use. */
export function setupGo(file: YamlFile, step: Node, host: BuildHost, options: WorkflowOptions, dependencies: string[]): BuildHost {
  const withNode = file.get(step, 'with');
  const version = file.str(file.get(withNode, 'go-version'));
  if (version !== undefined && version !== '' && !version.includes('${{')) return withGo(host, setupGoVersion(version));
  const versionFile = file.str(file.get(withNode, 'go-version-file'));
  if (versionFile && options.files && !versionFile.includes('${{')) {
    // Paths in a workflow are relative to the repository root: two levels above .github/workflows/.
    const root = options.files.resolve(file.uri, '../..');
    const target = root ? options.files.resolve(file.uri, versionFile, root) : undefined;
    const text = target ? options.files.read(target) : undefined;
    if (target) dependencies.push(target);
    const v = text ? goVersionFromFile(text) : undefined;
    if (v) return withGo(host, setupGoVersion(v));
  }
  // setup-go without a readable version still installs a Go that is ≥ 1.20 in any workflow written today [U]: say nothing.
  return host;
}

export function stepUses(file: YamlFile, step: Node): { name: string; pair: Pair<Node, Node> } | undefined {
  const pair = file.pair(step, 'uses');
  const v = file.str(pair?.value);
  if (!pair || !v) return undefined;
  return { name: v.replace(/@.*$/, '').toLowerCase(), pair };
}
