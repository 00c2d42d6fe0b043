import type { Rule, RuleFinding } from '../types';
import { addTagsEdits, line } from '../util';
import { insertAfterFrom, programDeliveries, stageHas, stageRef, where } from '../programUtil';

export const rule: Rule = {
  meta: {
    id: 'CGO402',
    name: 'scratch-without-tzdata',
    severity: 'warning',
    title: 'The final image has no time zone database but the program loads time zones',
    summary:
      '`scratch` and Alpine (without `apk add tzdata`) have no `/usr/share/zoneinfo`. `time.LoadLocation("Europe/Berlin")` then fails with `unknown time zone Europe/Berlin`, and `TZ=…` silently falls back to UTC. Build with `-tags timetzdata` (or `import _ "time/tzdata"`, about 450 KB) or copy the zoneinfo directory.',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    const found = programDeliveries(
      plan,
      ({ d, inv, program: p }) => p.loadsTimezones && !!p.evidence.timezone && !p.importsTzdata && !inv.tags.values.includes('timetzdata') && d.runtime.tzdata === 'no',
    );
    for (const { d, inv, program: p, stage } of found) {
      const rt = d.runtime;
      const anchor = plan.stages[stage]?.fromLoc ?? rt.loc;
      if (!anchor) continue;
      const tz = p.evidence.timezone!; // checked by the filter above
      const fixes = [{ title: `Embed the time zone database: add -tags timetzdata (line ${line(inv.commandLoc)})`, preferred: true, safe: true, edits: addTagsEdits(inv, ['timetzdata'], text) }];
      const from = stageRef(plan, inv.stage);
      if (from !== undefined && inv.stage !== stage && stageHas(plan, inv.stage, 'tz') === 'yes') {
        const edit = insertAfterFrom(plan, stage, text, 'COPY', `--from=${from} /usr/share/zoneinfo /usr/share/zoneinfo`);
        if (edit) fixes.push({ title: `Copy /usr/share/zoneinfo from stage \`${from}\``, preferred: false, safe: false, edits: [edit] });
      }
      out.push({
        loc: anchor,
        stage,
        message: `The program calls \`time.LoadLocation\` (${where(tz)}), but ${rt.label} has no time zone database: it fails with \`unknown time zone …\` (e.g. \`unknown time zone Europe/Berlin\`) unless the binary embeds one (\`-tags timetzdata\` or \`import _ "time/tzdata"\`).`,
        related: [
          { loc: tz, message: 'Loads a time zone by name.' },
          { loc: inv.commandLoc, message: `The program is built here (line ${line(inv.commandLoc)}).` },
        ],
        fixes,
      });
    }
    return out;
  },
};
