import type { Rule, RuleFinding } from '../types';
import { binaryName, buildRelated, capitalize, cgoFix, execError } from '../util';
import { needsCgoPhrase, needsCgoRelated, programNeedsCgo } from '../../model/program';

export const rule: Rule = {
  meta: {
    id: 'CGO102',
    name: 'musl-binary-on-glibc',
    severity: 'error',
    title: 'A binary linked against musl (Alpine) runs on a glibc image',
    summary:
      'A cgo build on an Alpine builder links against musl and needs `/lib/ld-musl-x86_64.so.1` at run time. Debian, Ubuntu, RHEL and distroless/base images do not have it, so the binary fails with `exec /app: no such file or directory`.',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const d of plan.deliveries) {
      const inv = d.artifact.producer;
      if (inv.cgo.state !== 'on' || inv.linkage.kind !== 'dynamic-musl' || d.runtime.libc !== 'glibc' || !d.copyLoc) continue;
      // A program that needs cgo (workspace facts) cannot just turn it off.
      const needs = programNeedsCgo(inv.program);
      const fix = needs ? undefined : cgoFix(inv, '0', text, true);
      const noWayOut = needs ? ` CGO_ENABLED=0 is no way out: ${needsCgoPhrase(inv)}.` : '';
      out.push({
        loc: d.copyLoc,
        stage: d.runtime.stage,
        message: `${capitalize(binaryName(inv, d.artifact.path || undefined))} is linked dynamically against musl on ${inv.host.label} (${inv.cgo.reasons[0]?.text ?? 'cgo is on'}), but ${d.runtime.label} is a glibc image without the musl loader: the container fails to start with ${execError(d)}.${noWayOut}`,
        related: [...buildRelated(inv), ...(d.runtime.loc ? [{ loc: d.runtime.loc, message: `Runs on ${d.runtime.label} (glibc).` }] : []), ...needsCgoRelated(inv)],
        fixes: fix ? [fix] : [],
      });
    }
    return out;
  },
};
