import type { Rule, RuleFinding } from '../types';
import { addTagsEdits, line } from '../util';
import { where } from '../programUtil';

const LINK_ERROR = "``undefined reference to `__strdup'``";

export const rule: Rule = {
  meta: {
    id: 'CGO304',
    name: 'kafka-musl-tag',
    severity: 'error',
    title: 'confluent-kafka-go is built on musl (Alpine) without `-tags musl`',
    summary:
      'confluent-kafka-go bundles static librdkafka archives for glibc and for musl. On Alpine the build must pass `-tags musl` (or `-tags dynamic` to link the system librdkafka); otherwise the glibc archive is linked and the link fails with ``undefined reference to `__strdup\'``.',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const inv of plan.invocations) {
      const p = inv.program;
      if (inv.cgo.state !== 'on' || !p?.known || inv.host.libc !== 'musl') continue;
      if (inv.tags.values.includes('musl') || inv.tags.values.includes('dynamic')) continue;
      const m = p.cgoModules.find((x) => x.entry.module === 'github.com/confluentinc/confluent-kafka-go');
      if (!m) continue;
      out.push({
        loc: inv.commandLoc,
        stage: inv.stage,
        message:
          `The program imports \`${m.importPath}\` (${where(m.importLoc)}) and is built with cgo on ${inv.host.label}, a musl builder, without \`-tags musl\`: ` +
          `confluent-kafka-go then links its glibc librdkafka archive and the link fails with ${LINK_ERROR} (or \`setcontext\`, \`getcontext\`).`,
        related: [
          ...(m.requireLoc ? [{ loc: m.requireLoc, message: `\`${m.module}\` is required here. Its README: "When building your application for Alpine Linux (musl libc) you must pass -tags musl".` }] : []),
          { loc: m.importLoc, message: `\`${m.importPath}\` is imported here.` },
          ...(inv.host.loc ? [{ loc: inv.host.loc, message: `Built on ${inv.host.label} (musl), line ${line(inv.host.loc)}.` }] : []),
        ],
        fixes: [{ title: `Add -tags musl to the build (line ${line(inv.commandLoc)})`, preferred: true, safe: true, edits: addTagsEdits(inv, ['musl'], text) }],
      });
    }
    return out;
  },
};
