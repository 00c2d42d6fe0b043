import type { Rule, RuleFinding } from '../types';
import { addTagsEdits } from '../util';

export const rule: Rule = {
  meta: {
    id: 'CGO503',
    name: 'netgo-without-osusergo',
    severity: 'warning',
    title: 'Only one of the netgo / osusergo tags is set',
    summary:
      '`-tags netgo` removes cgo from `net` but `os/user` still uses it (and `osusergo` alone leaves `net`): the binary is still dynamically linked.',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const inv of plan.invocations) {
      if (inv.cgo.state !== 'on' || !inv.tags.loc) continue;
      const hasNet = inv.tags.values.includes('netgo');
      const hasUser = inv.tags.values.includes('osusergo');
      if (hasNet === hasUser) continue;
      const missing = hasNet ? 'osusergo' : 'netgo';
      const pkg = hasNet ? 'os/user' : 'net';
      out.push({
        loc: inv.tags.loc,
        stage: inv.stage,
        message: `-tags ${hasNet ? 'netgo' : 'osusergo'} without ${missing}: ${pkg} still uses cgo, so the binary stays dynamically linked. Add ${missing} (or build with CGO_ENABLED=0).`,
        fixes: [{ title: `Add the ${missing} tag`, preferred: true, safe: true, edits: addTagsEdits(inv, [missing], text) }],
      });
    }
    return out;
  },
};
