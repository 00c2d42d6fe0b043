import type { GoInvocation, IneffectiveAssignment } from '../../model/types';
import type { Fix, Rule, RuleFinding } from '../types';
import { insertAt, line, toolchainFix } from '../util';

export const rule: Rule = {
  meta: {
    id: 'CGO204',
    name: 'cgo-setting-has-no-effect',
    severity: 'error',
    title: 'A CGO_ENABLED assignment never reaches the go command',
    summary:
      '`CGO_ENABLED=0 && go build` and `CGO_ENABLED=0; go build` set a shell variable, not an environment variable; `export` in an earlier `RUN` is lost; a global `ARG` is only visible to `FROM`. The go command never sees the value and falls back to its default.',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const inv of plan.invocations) {
      for (const a of inv.ineffective) {
        if (a.name !== 'CGO_ENABLED') continue;
        const key = `${a.loc.uri}:${a.loc.range.start.line}:${a.loc.range.start.character}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          loc: a.loc,
          stage: inv.stage,
          severity: a.kind === 'taskfile-precedence' ? 'warning' : undefined,
          message: `\`CGO_ENABLED=${a.value ?? '…'}\` has no effect on the build on line ${line(inv.commandLoc)}: ${a.why}. That build runs with ${inv.cgo.state === 'unknown' ? 'the default setting' : `cgo ${inv.cgo.state}`} (${inv.cgo.reasons[0]?.text ?? 'default'}).`,
          related: [{ loc: inv.commandLoc, message: 'The go command that does not see it.' }],
          fixes: withToolchain(fixesFor(a), a, inv, text),
        });
      }
    }
    return out;
  },
};

/**
 * Making CGO_ENABLED=1 take effect on a host without a C compiler turns a build that silently ran with cgo
 * off into one that fails (CGO201): such a fix also installs the toolchain and is never applied blindly.
 */
function withToolchain(fixes: Fix[], a: IneffectiveAssignment, inv: GoInvocation, text: string): Fix[] {
  if (a.value !== '1' || inv.host.cCompiler !== 'no') return fixes;
  const toolchain = toolchainFix(inv, text, false);
  return fixes.map((f) => ({
    ...f,
    title: toolchain ? `${f.title} and install a C toolchain` : f.title,
    safe: false,
    edits: [...f.edits, ...(toolchain?.edits ?? [])],
  }));
}

function fixesFor(a: IneffectiveAssignment): Fix[] {
  const value = a.value ?? '0';
  switch (a.kind) {
    case 'shell-variable':
      return [{ title: `Export it: \`export CGO_ENABLED=${value}\``, preferred: true, safe: true, edits: [insertAt(a.loc, 'export ')] }];
    case 'global-arg':
      return a.fixHint?.insertPrefixAt ? [{ title: 'Re-declare `ARG CGO_ENABLED` in the stage', preferred: true, safe: true, edits: [insertAt(a.fixHint.insertPrefixAt, 'ARG CGO_ENABLED\n')] }] : [];
    case 'earlier-run':
    case 'earlier-step':
      // An export in an earlier RUN / workflow step / Task command is gone: set it where the go command runs.
      return a.fixHint?.insertPrefixAt ? [{ title: `Set CGO_ENABLED=${value} on the go command`, preferred: true, safe: true, edits: [insertAt(a.fixHint.insertPrefixAt, `CGO_ENABLED=${value} `)] }] : [];
    case 'taskfile-precedence': {
      // An inline prefix wins over whatever the OS environment holds: put it on every go command the env: is for.
      const at = a.fixHint?.insertPrefixAtEach?.length ? a.fixHint.insertPrefixAtEach : a.fixHint?.insertPrefixAt ? [a.fixHint.insertPrefixAt] : [];
      return at.length ? [{ title: `Put it inline: \`CGO_ENABLED=${value} go …\``, preferred: true, safe: true, edits: at.map((l) => insertAt(l, `CGO_ENABLED=${value} `)) }] : [];
    }
    case 'make-unexported':
      // make hands a variable to recipes only when exported: `export CGO_ENABLED := 0` (also after a target's colon).
      return [{ title: `Export it: \`export ${a.name} …\``, preferred: true, safe: true, edits: [insertAt(a.fixHint?.insertPrefixAt ?? a.loc, 'export ')] }];
    default:
      return [];
  }
}
