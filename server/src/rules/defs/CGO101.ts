import type { Rule, RuleFinding } from '../types';
import { binaryName, capitalize, cgoFix, execError, glibcRuntimeFix, line } from '../util';
import { needsCgoPhrase, needsCgoRelated, programNeedsCgo } from '../../model/program';

export const rule: Rule = {
  meta: {
    id: 'CGO101',
    name: 'dynamic-binary-without-its-libc',
    severity: 'error',
    title: 'A dynamically linked binary is copied into an image that has no matching libc loader',
    summary:
      'A Go binary built with cgo is dynamically linked: the kernel must find its loader (`/lib64/ld-linux-x86-64.so.2` for glibc, `/lib/ld-musl-x86_64.so.1` for musl) in the image. `scratch`, distroless/static, chainguard/static, Alpine and busybox:musl lack the glibc loader, so the container fails to start with `exec /app: no such file or directory` although the file is there.',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const d of plan.deliveries) {
      const inv = d.artifact.producer;
      if (inv.cgo.state !== 'on' || !d.copyLoc) continue;
      const rt = d.runtime;
      const kind = inv.linkage.kind;
      let missing: string | undefined;
      if (kind === 'dynamic-glibc' && (rt.libc === 'none' || rt.libc === 'musl' || rt.libc === 'uclibc')) {
        // libc6-compat/gcompat may let it start: CGO105 warns about that instead of a certain failure.
        if (rt.libc === 'musl' && rt.compatHacks.length) continue;
        missing = rt.libc === 'none' ? `${rt.label} has no libc at all` : `${rt.label} has ${rt.libc}, not glibc, and no \`/lib64/ld-linux-x86-64.so.2\``;
      } else if (kind === 'dynamic-musl' && (rt.libc === 'none' || rt.libc === 'uclibc')) {
        missing = rt.libc === 'none' ? `${rt.label} has no libc at all` : `${rt.label} has uClibc, not musl`;
      }
      if (!missing) continue;
      const libc = kind === 'dynamic-musl' ? 'musl' : `glibc${inv.host.libcVersion ? ` ${inv.host.libcVersion}` : ''}`;
      const platform = inv.target.platformDependent ? ' (for the build platform\'s own architecture — a plain `docker build`)' : '';
      // A program that needs cgo (workspace facts: a cgo module, its own `import "C"`) cannot just turn it off.
      const needs = programNeedsCgo(inv.program);
      const fixes = [needs ? undefined : cgoFix(inv, '0', text, true), kind === 'dynamic-glibc' ? glibcRuntimeFix(d, needs) : undefined].filter((f) => f !== undefined);
      const noWayOut = needs ? ` CGO_ENABLED=0 is no way out: ${needsCgoPhrase(inv)}.` : '';
      out.push({
        loc: d.copyLoc,
        stage: rt.stage,
        message: `${capitalize(binaryName(inv, d.artifact.path || undefined))} is linked dynamically against ${libc}${platform} because ${inv.cgo.reasons[0]?.text ?? 'cgo is on'}; ${missing}, so the container fails to start with ${execError(d)}.${noWayOut}`,
        related: [
          { loc: inv.commandLoc, message: `Built here with cgo on (line ${line(inv.commandLoc)}): ${inv.linkage.why}.` },
          ...(inv.cgo.reasons[0]?.loc ? [{ loc: inv.cgo.reasons[0].loc, message: inv.cgo.reasons[0].text }] : []),
          ...(rt.loc ? [{ loc: rt.loc, message: `Runs on ${rt.label}: ${rt.libc === 'none' ? 'no libc, no dynamic loader' : `${rt.libc} only`}.` }] : []),
          ...needsCgoRelated(inv),
        ],
        fixes,
      });
    }
    return out;
  },
};
