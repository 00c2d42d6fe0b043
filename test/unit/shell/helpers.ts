import { LineIndex } from '../../../server/src/text/lineIndex';
import { ShellSource } from '../../../server/src/shell/source';
import { ShellEnv } from '../../../server/src/shell/env';
import { runShell, type ShellCommand, type Assignment } from '../../../server/src/shell/interpret';
import type { EnvValue } from '../../../server/src/model/types';

export function run(script: string, exported: Record<string, string> = {}) {
  const index = new LineIndex(script);
  const src = new ShellSource('file:///t.sh', index);
  src.appendDoc(0, script.length);
  const initial: Record<string, EnvValue> = {};
  for (const [name, value] of Object.entries(exported)) initial[name] = { name, value, origin: 'dockerfile-env', describe: 'ENV' };
  const commands: ShellCommand[] = [];
  const assignments: Assignment[] = [];
  const result = runShell(src, ShellEnv.fromExported(initial), { onCommand: (c) => commands.push(c), onAssignment: (a) => assignments.push(a) });
  const go = commands.filter((c) => c.name.value === 'go');
  return { commands, assignments, result, go, cgo: (i = 0) => go[i]?.env.CGO_ENABLED?.value };
}
