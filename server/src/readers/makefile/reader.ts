import type { BuildPlan } from '../../model/types';
import { BUILD_VARS } from '../../shell/env';
import { LineIndex } from '../../text/lineIndex';
import type { WorkspaceFiles } from '../../workspace/files';
import { budgetOf, dirOf } from '../commands/runContext';
import { emptyPlan, finishPlan, standaloneContext } from '../commands/standalone';
import { evaluate } from './evaluate';
import { includer, MakeRun, parseCached } from './execute';

export interface MakefileReadOptions {
  /** Linked files (`$(MAKE) -C sub`, `./scripts/build.sh` in a recipe); without it only this Makefile is read. */
  files?: WorkspaceFiles;
}

/**
 * A Makefile opened on its own (`Makefile`, `GNUmakefile`, `*.mk`): every target's recipe runs once with
 * its target-specific variables, each line a shell of its own (or one with `.ONESHELL`), with the
 * environment make gives it — only exported variables, command-line variables and make's own environment
 * reach recipes. make's environment and the machine are unknown here; a Dockerfile's `RUN make build`
 * runs the same targets in the stage's environment instead (followCommand).
 */
export function readMakefile(uri: string, text: string, options: MakefileReadOptions = {}): BuildPlan {
  const plan = emptyPlan(uri, 'makefile');
  const ctx = standaloneContext(uri, text, plan, options.files);
  const index = new LineIndex(text);
  const seen = new Set<string>();
  const place = { dirUri: dirOf(uri), cwd: '.', makefileUri: uri };
  const model = evaluate(parseCached(ctx, uri, text), {
    uri, index, env: {}, cmdVars: [], envOverrides: false, envKnown: false, budget: budgetOf(ctx.dependencies), include: includer(ctx, place),
    onAssignment: (a) => {
      if (!BUILD_VARS.has(a.name) && a.name !== 'GODEBUG') return;
      const key = `${a.loc.range.start.line}:${a.loc.range.start.character}`;
      if (seen.has(key)) return;
      seen.add(key);
      plan.occurrences.push({ name: a.name, kind: 'assignment', value: a.value, loc: a.loc, valueLoc: a.valueLoc });
    },
  });
  new MakeRun(model, ctx, place).eachTarget();
  return finishPlan(plan, ctx);
}
