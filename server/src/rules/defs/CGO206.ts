import type { Rule, RuleFinding } from '../types';
import { at } from '../util';

export const rule: Rule = {
  meta: {
    id: 'CGO206',
    name: 'go-env-w-cgo',
    severity: 'information',
    title: 'go env -w CGO_ENABLED hides the setting in a per-user file',
    summary:
      "`go env -w CGO_ENABLED=…` writes `$HOME/.config/go/env`: invisible in the Dockerfile's ENV, lost when `USER` or `HOME` changes, and overridden by any process environment. Use `ENV CGO_ENABLED=…`.",
  },
  check({ plan, text }) {
    const out: RuleFinding[] = [];
    for (const w of plan.goEnvWrites) {
      const lowerKeyword = w.instructionLoc ? /^\s*[a-z]/.test(text.split(/\r?\n/)[w.instructionLoc.range.start.line] ?? '') : false;
      const env = `${lowerKeyword ? 'env' : 'ENV'} CGO_ENABLED=${w.value ?? '0'}`;
      out.push({
        loc: w.loc,
        message: `\`go env -w CGO_ENABLED=${w.value ?? ''}\` writes the setting to $HOME/.config/go/env: it is invisible in the image's ENV, lost when USER or HOME changes, and any CGO_ENABLED in the environment overrides it. Use \`ENV CGO_ENABLED=${w.value ?? '0'}\`.`,
        fixes: w.wholeInstruction && w.instructionLoc ? [{ title: `Replace with \`${env}\``, preferred: true, safe: true, edits: [at(w.instructionLoc, env)] }] : [],
      });
    }
    return out;
  },
};
