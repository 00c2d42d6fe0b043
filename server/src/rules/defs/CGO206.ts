import type { Rule, RuleFinding } from '../types';
import { at, intendedCgoValue, rangeText } from '../util';
import { LineIndex } from '../../text/lineIndex';

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
      const lowerKeyword = w.instructionLoc ? /^\s*[a-z]/.test(new LineIndex(text).lineText(w.instructionLoc.range.start.line)) : false;
      // Never carry an invalid value (`false`, CGO205) into the ENV that replaces it.
      const value = intendedCgoValue(w.value);
      const env = `${lowerKeyword ? 'env' : 'ENV'} CGO_ENABLED=${value ?? '0'}`;
      // Replace the RUN only when `go env -w` is all it does: `go mod download && go env -w …` ends at the same
      // place (what wholeInstruction checks) but rewriting it would drop `go mod download`.
      const whole = w.wholeInstruction && w.instructionLoc !== undefined && rangeText(text, w.instructionLoc.range).replace(/^\s*\S+\s+/, '').trim() === rangeText(text, w.loc.range).trim();
      out.push({
        loc: w.loc,
        stage: w.stage,
        message: `\`go env -w CGO_ENABLED=${w.value ?? ''}\` writes the setting to $HOME/.config/go/env: it is invisible in the image's ENV, lost when USER or HOME changes, and any CGO_ENABLED in the environment overrides it. Use \`ENV CGO_ENABLED=${value ?? '0|1'}\`.`,
        fixes: value && whole && w.instructionLoc ? [{ title: `Replace with \`${env}\``, preferred: true, safe: value === w.value, edits: [at(w.instructionLoc, env)] }] : [],
      });
    }
    return out;
  },
};
