import type { Rule, RuleFinding } from '../types';
import { line } from '../util';
import { insertAfterFrom, programDeliveries, stageHas, stageRef, where } from '../programUtil';

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
    const found = programDeliveries(
      plan,
      ({ d, inv, program: p }) => !!p.evidence.osUserCall && d.runtime.passwd === 'no' && (inv.cgo.state === 'off' || inv.tags.values.includes('osusergo')),
    );
    for (const { d, inv, program: p, stage } of found) {
      const rt = d.runtime;
      const call = p.evidence.osUserCall!; // checked by the filter above
      const anchor = plan.stages[stage]?.fromLoc ?? rt.loc;
      if (!anchor) continue;
      const fixes = [];
      const from = stageRef(plan, inv.stage);
      if (from !== undefined && inv.stage !== stage && stageHas(plan, inv.stage, 'passwd') === 'yes') {
        const edit = insertAfterFrom(plan, stage, text, 'COPY', `--from=${from} /etc/passwd /etc/passwd`);
        if (edit) fixes.push({ title: `Copy /etc/passwd from stage \`${from}\``, preferred: false, safe: false, edits: [edit] });
      }
      const why = inv.cgo.state === 'off' ? 'cgo is off' : 'the osusergo tag is set';
      const consequence =
        call.what === 'user.Current'
          ? '`user.Current()` fails with `user: Current requires cgo or $USER set in environment` unless `$USER` is set'
          : `\`${call.what}\` finds no users or groups`;
      out.push({
        loc: anchor,
        stage,
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
