import type { BuildHost, EnvValue } from '../../model/types';
import { YamlFile } from '../yaml/document';
import { layer, readEnvMap } from '../yaml/env';
import type { Platform } from '../yaml/invocation';
import { envOptions, expressionLookup, jobContext, setupGo, stepUses, type WorkflowOptions } from './job';

/** Where goreleaser runs, as far as a workflow of the repository says. */
export interface GoreleaserRunner {
  host: BuildHost;
  platform?: Platform;
  /** The job's environment at the goreleaser step: the OS environment of the builds (lowest precedence). */
  env: EnvValue[];
  workflowUri: string;
}

/** Workflow files a release pipeline is usually in (WorkspaceFiles cannot list directories). */
const CANDIDATES = ['release.yml', 'release.yaml', 'goreleaser.yml', 'goreleaser.yaml'];

/**
 * The job that runs goreleaser/goreleaser-action on this config, found in the conventional workflow files
 * of the repository whose root is the config's directory. Jobs with a matrix are skipped (the host varies).
 */
export function findGoreleaserRunner(configUri: string, options: WorkflowOptions, dependencies: string[]): GoreleaserRunner | undefined {
  const files = options.files;
  if (!files) return undefined;
  const configName = configUri.slice(configUri.lastIndexOf('/') + 1);
  for (const name of CANDIDATES) {
    const uri = files.resolve(configUri, `.github/workflows/${name}`);
    if (!uri) continue;
    dependencies.push(uri);
    const text = files.read(uri);
    if (text === undefined) continue;
    const file = new YamlFile(uri, text);
    for (const pair of file.entries(file.get(file.root, 'jobs'))) {
      const jobId = file.keyOf(pair);
      const job = file.resolve(pair.value);
      if (!jobId || !job || file.get(file.get(job, 'strategy'), 'matrix')) continue;
      const ctx = jobContext(file, jobId, job, {}, false, options);
      let host = ctx.host;
      for (const step of file.items(file.get(job, 'steps'))) {
        const uses = stepUses(file, step);
        if (uses?.name === 'actions/setup-go') host = setupGo(file, step, host, options, dependencies);
        if (uses?.name !== 'goreleaser/goreleaser-action') continue;
        const args = file.str(file.get(file.get(step, 'with'), 'args')) ?? '';
        const config = /(?:--config|-f)[=\s]+(\S+)/.exec(args)?.[1];
        if (config && config.replace(/^\.\//, '') !== configName) continue;
        const outer = layer(ctx.workflowEnv, ctx.jobEnv);
        const stepEnv = readEnvMap(file, file.get(step, 'env'), envOptions((l) => `the goreleaser step's \`env:\` in ${name} (line ${l})`, expressionLookup({}, false, outer, ctx.platform)));
        // Values written in the workflow are not this file's: no valueLoc, so no fix edits another document.
        const env = Object.values(layer(ctx.workflowEnv, ctx.jobEnv, stepEnv)).map((v) => ({ ...v, valueLoc: undefined, describe: `${v.describe} of .github/workflows/${name}` }));
        return { host: { ...host, loc: undefined, label: `${host.label} of job \`${jobId}\` in .github/workflows/${name}` }, platform: ctx.platform, env, workflowUri: uri };
      }
    }
  }
  return undefined;
}
