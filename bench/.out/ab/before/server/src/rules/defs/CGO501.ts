import type { Rule, RuleFinding } from '../types';
import { cgoFix } from '../util';
import { LineIndex } from '../../text/lineIndex';

export const rule: Rule = {
  meta: {
    id: 'CGO501',
    name: 'extldflags-static-ineffective',
    severity: 'warning',
    title: '-extldflags -static without -linkmode external leaves the binary dynamic',
    summary:
      'When only the standard library uses cgo (net, os/user) the Go linker links internally and ignores `-extldflags`: the binary stays dynamically linked.',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const inv of plan.invocations) {
      const ld = inv.ldflags;
      if (!ld || !(ld.extldflagsStatic || ld.extldflagsStaticPie) || ld.linkmodeExternal || inv.cgo.state !== 'on') continue;
      const fixes = [cgoFix(inv, '0', text, true, 'Build with CGO_ENABLED=0 (static without a C linker)')];
      const index = new LineIndex(text);
      const start = index.offsetAt(ld.loc.range.start);
      const end = index.offsetAt(ld.loc.range.end);
      const at = text.slice(start, end).indexOf('-extldflags');
      if (at >= 0) {
        const pos = index.positionAt(start + at);
        fixes.push({ title: 'Add -linkmode external', preferred: false, safe: false, edits: [{ uri: ld.loc.uri, range: { start: pos, end: pos }, newText: '-linkmode external ' }] });
      }
      out.push({
        loc: ld.loc,
        stage: inv.stage,
        message: `-extldflags "-static" has no effect here: without -linkmode external the Go linker links internally when only the standard library uses cgo, so the binary stays dynamically linked against ${inv.host.libc === 'musl' ? 'musl' : 'glibc'}.`,
        fixes: fixes.filter((f) => f !== undefined),
      });
    }
    return out;
  },
};
