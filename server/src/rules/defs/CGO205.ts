import type { Location } from '../../model/types';
import type { Rule, RuleFinding } from '../types';
import { at, intendedCgoValue, toolchainFix } from '../util';

export const rule: Rule = {
  meta: {
    id: 'CGO205',
    name: 'cgo-enabled-invalid-value',
    severity: 'error',
    title: 'CGO_ENABLED has a value other than 0 or 1',
    summary:
      'The go command only understands the exact strings `0` and `1`. `true`, `false`, `yes`, `no` and `off` are treated as unset, so the default applies — usually cgo on.',
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const o of plan.occurrences) {
      if (o.name !== 'CGO_ENABLED' || o.kind !== 'assignment' || o.value === undefined) continue;
      const v = o.value.trim().replace(/^["']|["']$/g, '');
      if (v === '0' || v === '1' || v === '' || v.includes('$')) continue;
      const intended = intendedCgoValue(v);
      const loc = o.valueLoc ?? o.loc;
      // Only a value written out (valueLoc) is replaced; not one that comes from an expansion.
      const valueLoc = o.valueLoc;
      out.push({
        loc,
        stage: o.stage,
        message: invalidMessage(v, intended),
        fixes: !valueLoc ? [] : (intended ? [intended] : ['0', '1']).map((n, i) => {
          const fix = { title: `Use CGO_ENABLED=${n}`, preferred: i === 0 && intended !== undefined, safe: intended !== undefined, edits: [at(valueLoc, n)] };
          // 1 on a builder without a C compiler turns a build that ran with cgo off into a failing one (CGO201).
          const starved = n === '1' ? plan.invocations.find((inv) => inv.host.cCompiler === 'no' && samePlace(inv.cgo.invalid?.loc, o.loc)) : undefined;
          if (!starved) return fix;
          const toolchain = toolchainFix(starved, text, false);
          return { ...fix, title: toolchain ? `${fix.title} and install a C toolchain` : fix.title, safe: false, edits: [...fix.edits, ...(toolchain?.edits ?? [])] };
        }),
      });
    }
    // `go env -w CGO_ENABLED=false` is accepted without complaint and then treated as unset too (cgo-facts A11);
    // CGO206's fix rewrites the whole command, so this finding only says what is wrong.
    for (const w of plan.goEnvWrites) {
      const v = (w.value ?? '').trim().replace(/^["']|["']$/g, '');
      if (v === '0' || v === '1' || v === '' || v.includes('$')) continue;
      out.push({ loc: w.loc, message: invalidMessage(v, intendedCgoValue(v)) });
    }
    return out;
  },
};

function invalidMessage(v: string, intended: '0' | '1' | undefined): string {
  return `CGO_ENABLED=${v} is not 0 or 1: the go command treats it as unset and falls back to its default (on for native builds with a C compiler on PATH, off for cross builds and without one)${intended === '0' ? ', so this does not turn cgo off' : ''}. Use ${intended ?? '0 or 1'}.`;
}

function samePlace(a: Location | undefined, b: Location): boolean {
  return !!a && a.uri === b.uri && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}
