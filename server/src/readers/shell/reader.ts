import type { BuildPlan } from '../../model/types';
import { WHOLE_SCRIPT_FILE } from '../../shell/interpret';
import { ShellSource } from '../../shell/source';
import { LineIndex } from '../../text/lineIndex';
import type { WorkspaceFiles } from '../../workspace/files';
import { dirOf } from '../commands/runContext';
import { ShellRun } from '../commands/runner';
import { emptyPlan, finishPlan, standaloneContext } from '../commands/standalone';

export interface ShellReadOptions {
  /** Linked files (`make build`, `./other.sh` called by the script); without it, calls are not followed. */
  files?: WorkspaceFiles;
}

/**
 * A shell build script (`build.sh`, an extensionless file with a shell shebang). The interpreter runs it
 * as a shell would — env prefixes, `export`, `env VAR=… cmd`, `set -a`, functions, loops, branches — and
 * every go command becomes a GoInvocation with the environment that reaches it. The machine that runs the
 * script and its environment are unknown: implicit CGO stays `unknown`, explicit values decide.
 * Calls of make targets and other scripts are followed (relative to the script's directory).
 */
export function readShellScript(uri: string, text: string, options: ShellReadOptions = {}): BuildPlan {
  const plan = emptyPlan(uri, 'shell');
  const ctx = standaloneContext(uri, text, plan, options.files);
  const source = new ShellSource(uri, new LineIndex(text));
  source.appendDoc(0, text.length);
  new ShellRun(ctx, { dirUri: dirOf(uri), cwd: '.' }).run(source, {}, WHOLE_SCRIPT_FILE);
  return finishPlan(plan, ctx);
}
