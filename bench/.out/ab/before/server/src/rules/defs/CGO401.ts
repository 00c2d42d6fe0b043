import type { Rule, RuleFinding } from '../types';
import { line } from '../util';
import { insertAfterFrom, stageHas, stageRef, where } from '../programUtil';

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
    const seen = new Set<string>();
    for (const d of plan.deliveries) {
      const inv = d.artifact.producer;
      const p = inv.program;
      const rt = d.runtime;
      if (!p?.known || !p.usesTLS || !p.evidence.tls || rt.caCertificates !== 'no' || rt.stage === undefined) continue;
      const key = `${rt.stage}\u0000${inv.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const stage = plan.stages[rt.stage];
      const anchor = stage?.fromLoc ?? rt.loc;
      if (!anchor) continue;
      const tls = p.evidence.tls;
      const fixes = [];
      const from = stageRef(plan, inv.stage);
      if (from !== undefined && inv.stage !== rt.stage && stageHas(plan, inv.stage, 'ca') === 'yes') {
        const edit = insertAfterFrom(plan, rt.stage, text, 'COPY', `--from=${from} ${CA_BUNDLE} /etc/ssl/certs/`);
        if (edit) fixes.push({ title: `Copy the CA bundle from stage \`${from}\``, preferred: true, safe: true, edits: [edit] });
      }
      if (rt.imageLoc && /^scratch$/i.test(rt.image?.ref.raw ?? stage?.imageText ?? '') && inv.linkage.kind === 'static') {
        fixes.push({ title: 'Run on gcr.io/distroless/static-debian12 (ships CA certificates and tzdata)', preferred: fixes.length === 0, safe: false, edits: [{ uri: rt.imageLoc.uri, range: rt.imageLoc.range, newText: 'gcr.io/distroless/static-debian12' }] });
      }
      out.push({
        loc: anchor,
        stage: rt.stage,
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
