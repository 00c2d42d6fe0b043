import type { Rule, RuleFinding } from '../types';
import { binaryName, execError, removeFlagEdit } from '../util';

export const rule: Rule = {
  meta: {
    id: 'CGO104',
    name: 'pie-needs-loader',
    severity: 'error',
    title: '-buildmode=pie produces a dynamic binary even with cgo off',
    summary:
      'On linux/amd64 `-buildmode=pie` links an internally linked PIE that still has an interpreter (`/lib64/ld-linux-x86-64.so.2`), even with `CGO_ENABLED=0`. In `scratch` or distroless/static it fails with `exec /app: no such file or directory`.',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const d of plan.deliveries) {
      const inv = d.artifact.producer;
      if (inv.buildmode?.value !== 'pie' || inv.cgo.state !== 'off' || !d.copyLoc) continue;
      const arch = inv.target.goarch?.value;
      if (arch !== undefined && arch !== 'amd64') continue;
      const rt = d.runtime;
      if (rt.libc !== 'none' && rt.libc !== 'musl' && rt.libc !== 'uclibc') continue;
      if (rt.libc === 'musl' && rt.compatHacks.length) continue;
      const fromGoflags = inv.env.GOFLAGS?.value?.includes('pie') && inv.buildmode.loc === (inv.env.GOFLAGS.valueLoc ?? inv.env.GOFLAGS.loc);
      out.push({
        loc: inv.buildmode.loc,
        stage: inv.stage,
        message: `-buildmode=pie makes ${binaryName(inv, d.artifact.path || undefined)} a dynamically linked PIE with the interpreter /lib64/ld-linux-x86-64.so.2 even with cgo off, and ${rt.label} has no such loader: the container fails to start with ${execError(d)}.`,
        related: [{ loc: d.copyLoc, message: `Copied into ${rt.label} here.` }, ...(rt.loc ? [{ loc: rt.loc, message: `${rt.label} has ${rt.libc === 'none' ? 'no libc' : rt.libc}.` }] : [])],
        fixes: fromGoflags ? [] : [{ title: 'Remove -buildmode=pie', preferred: true, safe: true, edits: [removeFlagEdit(inv.buildmode.loc, text)] }],
      });
    }
    return out;
  },
};
