import type { IneffectiveAssignment } from '../../model/types';
import type { Fix, Rule, RuleFinding } from '../types';
import { insertAt, line } from '../util';

export const rule: Rule = {
  meta: {
    id: 'CGO204',
    name: 'cgo-setting-has-no-effect',
    severity: 'error',
    title: 'A CGO_ENABLED assignment never reaches the go command',
    summary:
      '`CGO_ENABLED=0 && go build` and `CGO_ENABLED=0; go build` set a shell variable, not an environment variable; `export` in an earlier `RUN` is lost; a global `ARG` is only visible to `FROM`. The go command never sees the value and falls back to its default.',
  },
  check({ plan }) {
    const out: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const inv of plan.invocations) {
      for (const a of inv.ineffective) {
        if (a.name !== 'CGO_ENABLED') continue;
        const key = `${a.loc.range.start.line}:${a.loc.range.start.character}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          loc: a.loc,
          stage: inv.stage,
          severity: a.kind === 'taskfile-precedence' ? 'warning' : undefined,
          message: `\`CGO_ENABLED=${a.value ?? '…'}\` has no effect on the build on line ${line(inv.commandLoc)}: ${a.why}. That build runs with ${inv.cgo.state === 'unknown' ? 'the default setting' : `cgo ${inv.cgo.state}`} (${inv.cgo.reasons[0]?.text ?? 'default'}).`,
          related: [{ loc: inv.commandLoc, message: 'The go command that does not see it.' }],
          fixes: fixesFor(a),
        });
      }
    }
    return out;
  },
};

function fixesFor(a: IneffectiveAssignment): Fix[] {
  const value = a.value ?? '0';
  switch (a.kind) {
    case 'shell-variable':
      return [{ title: `Export it: \`export CGO_ENABLED=${value}\``, preferred: true, safe: true, edits: [insertAt(a.loc, 'export ')] }];
    case 'global-arg':
      return a.fixHint?.insertPrefixAt ? [{ title: 'Re-declare `ARG CGO_ENABLED` in the stage', preferred: true, safe: true, edits: [insertAt(a.fixHint.insertPrefixAt, 'ARG CGO_ENABLED\n')] }] : [];
    case 'earlier-run':
      return a.fixHint?.insertPrefixAt ? [{ title: `Set CGO_ENABLED=${value} on the go command`, preferred: true, safe: true, edits: [insertAt(a.fixHint.insertPrefixAt, `CGO_ENABLED=${value} `)] }] : [];
    default:
      return [];
  }
}
