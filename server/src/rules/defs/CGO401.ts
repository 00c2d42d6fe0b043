import type { Rule, RuleFinding } from '../types';
import { line } from '../util';
import { insertAfterFrom, programDeliveries, stageHas, stageRef, where } from '../programUtil';

const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
const TLS_ERROR = '`tls: failed to verify certificate: x509: certificate signed by unknown authority`';

export const rule: Rule = {
  meta: {
    id: 'CGO401',
    name: 'scratch-without-ca-certificates',
    severity: 'warning',
    title: 'The final image has no CA certificates but the program makes TLS connections',
    summary:
      '`scratch` (and busybox, ubi-micro) has no CA bundle. A Go program that calls HTTPS endpoints there fails with `tls: failed to verify certificate: x509: certificate signed by unknown authority`. Copy `/etc/ssl/certs/ca-certificates.crt` from the build stage, or use `gcr.io/distroless/static`, which ships it.',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    const found = programDeliveries(plan, ({ d, program: p }) => p.usesTLS && !!p.evidence.tls && d.runtime.caCertificates === 'no');
    for (const { d, inv, program: p, stage: at } of found) {
      const rt = d.runtime;
      const stage = plan.stages[at];
      const anchor = stage?.fromLoc ?? rt.loc;
      if (!anchor) continue;
      const tls = p.evidence.tls!; // checked by the filter above
      const fixes = [];
      const from = stageRef(plan, inv.stage);
      if (from !== undefined && inv.stage !== at && stageHas(plan, inv.stage, 'ca') === 'yes') {
        const edit = insertAfterFrom(plan, at, text, 'COPY', `--from=${from} ${CA_BUNDLE} /etc/ssl/certs/`);
        if (edit) fixes.push({ title: `Copy the CA bundle from stage \`${from}\``, preferred: true, safe: true, edits: [edit] });
      }
      if (rt.imageLoc && /^scratch$/i.test(rt.image?.ref.raw ?? stage?.imageText ?? '') && inv.linkage.kind === 'static') {
        fixes.push({ title: 'Run on gcr.io/distroless/static-debian12 (ships CA certificates and tzdata)', preferred: fixes.length === 0, safe: false, edits: [{ uri: rt.imageLoc.uri, range: rt.imageLoc.range, newText: 'gcr.io/distroless/static-debian12' }] });
      }
      out.push({
        loc: anchor,
        stage: at,
        message: `The program calls \`${tls.what}\` (${where(tls.loc)}), but ${rt.label} has no CA certificates: HTTPS requests fail with ${TLS_ERROR}.`,
        related: [
          { loc: tls.loc, message: `TLS client use: \`${tls.what}\`.` },
          { loc: inv.commandLoc, message: `The program is built here (line ${line(inv.commandLoc)}).` },
          ...(d.copyLoc ? [{ loc: d.copyLoc, message: `The binary is copied into ${rt.label} here.` }] : []),
        ],
        fixes,
      });
    }
    return out;
  },
};
