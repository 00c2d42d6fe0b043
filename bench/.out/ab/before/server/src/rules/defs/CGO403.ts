import type { Rule, RuleFinding } from '../types';
import { line } from '../util';
import { insertAfterFrom, stageHas, stageRef, where } from '../programUtil';

export const rule: Rule = {
  meta: {
    id: 'CGO403',
    name: 'pure-go-user-lookup',
    severity: 'information',
    title: 'os/user without cgo in an image without /etc/passwd',
    summary:
      'Without cgo (or with the `osusergo` tag) `os/user` only reads `/etc/passwd` and `/etc/group`. In `scratch` there are none: `user.Current()` fails with `user: Current requires cgo or $USER set in environment` unless `$USER` is set, and lookups find nobody. LDAP/SSSD users are never found without cgo.',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const d of plan.deliveries) {
      const inv = d.artifact.producer;
      const p = inv.program;
      const rt = d.runtime;
      const call = p?.evidence.osUserCall;
      if (!p?.known || !call || rt.passwd !== 'no' || rt.stage === undefined) continue;
      const osusergo = inv.tags.values.includes('osusergo');
      if (inv.cgo.state !== 'off' && !osusergo) continue;
      const key = `${rt.stage}\u0000${inv.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const anchor = plan.stages[rt.stage]?.fromLoc ?? rt.loc;
      if (!anchor) continue;
      const fixes = [];
      const from = stageRef(plan, inv.stage);
      if (from !== undefined && inv.stage !== rt.stage && stageHas(plan, inv.stage, 'passwd') === 'yes') {
        const edit = insertAfterFrom(plan, rt.stage, text, 'COPY', `--from=${from} /etc/passwd /etc/passwd`);
        if (edit) fixes.push({ title: `Copy /etc/passwd from stage \`${from}\``, preferred: false, safe: false, edits: [edit] });
      }
      const why = inv.cgo.state === 'off' ? 'cgo is off' : 'the osusergo tag is set';
      const consequence =
        call.what === 'user.Current'
          ? '`user.Current()` fails with `user: Current requires cgo or $USER set in environment` unless `$USER` is set'
          : `\`${call.what}\` finds no users or groups`;
      out.push({
        loc: anchor,
        stage: rt.stage,
        message: `The program calls \`${call.what}\` (${where(call.loc)}) and ${why}, so os/user only reads /etc/passwd and /etc/group — and ${rt.label} has no /etc/passwd: ${consequence}.`,
        related: [
          { loc: call.loc, message: `os/user lookup: \`${call.what}\`.` },
          { loc: inv.commandLoc, message: `The program is built here (line ${line(inv.commandLoc)}).` },
        ],
        fixes,
      });
    }
    return out;
  },
};
