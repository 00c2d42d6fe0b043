import type { Rule, RuleFinding } from '../types';
import { at } from '../util';

const TRUTHY = new Set(['true', 'yes', 'on', 'y', 'enable', 'enabled', 't']);
const FALSY = new Set(['false', 'no', 'off', 'n', 'disable', 'disabled', 'f']);

export const rule: Rule = {
  meta: {
    id: 'CGO205',
    name: 'cgo-enabled-invalid-value',
    severity: 'error',
    title: 'CGO_ENABLED has a value other than 0 or 1',
    summary:
      'The go command only understands the exact strings `0` and `1`. `true`, `false`, `yes`, `no` and `off` are treated as unset, so the default applies — usually cgo on.',
  },
  check({ plan }) {
    const out: RuleFinding[] = [];
    for (const o of plan.occurrences) {
      if (o.name !== 'CGO_ENABLED' || o.kind !== 'assignment' || o.value === undefined) continue;
      const v = o.value.trim().replace(/^["']|["']$/g, '');
      if (v === '0' || v === '1' || v === '' || v.includes('$')) continue;
      const lower = v.toLowerCase();
      const intended = TRUTHY.has(lower) ? '1' : FALSY.has(lower) ? '0' : undefined;
      const loc = o.valueLoc ?? o.loc;
      out.push({
        loc,
        stage: o.stage,
        message: `CGO_ENABLED=${v} is not 0 or 1: the go command treats it as unset and falls back to its default (cgo on for native builds with a C compiler)${intended === '0' ? ', so this does not turn cgo off' : ''}. Use ${intended ?? '0 or 1'}.`,
        fixes: (intended ? [intended] : ['0', '1']).map((n, i) => ({ title: `Use CGO_ENABLED=${n}`, preferred: i === 0 && intended !== undefined, safe: intended !== undefined, edits: [at(loc, n)] })),
      });
    }
    return out;
  },
};
