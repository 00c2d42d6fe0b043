import { describe, expect, it } from 'vitest';
import { RestartPolicy } from '../../../client/src/restartPolicy';
import { DOCUMENT_SELECTOR } from '../../../client/src/selectors';
import { ruleDocItems, ruleDocUrl } from '../../../client/src/ruleDocs';
import { DISABLE_RULE_COMMAND, disableRuleArgs, rulesWithOff } from '../../../client/src/disableRule';
import { DISABLE_RULE_COMMAND as SERVER_DISABLE_RULE_COMMAND } from '../../../server/src/lsp/ignoreActions';
import { RULES } from '../../../server/src/rules/registry';

describe('client restart policy', () => {
  it('allows 4 restarts within 3 minutes, then stops; the window slides; reset gives a fresh budget', () => {
    let now = 0;
    const p = new RestartPolicy(4, 180_000, () => now);
    for (let i = 0; i < 4; i++) {
      expect(p.allowRestart()).toBe(true);
      now += 10_000;
    }
    expect(p.allowRestart()).toBe(false);
    now = 180_001; // the first restart (t=0) left the window
    expect(p.allowRestart()).toBe(true);
    expect(p.allowRestart()).toBe(false);
    p.reset();
    expect(p.allowRestart()).toBe(true);
  });
});

describe('client document selector', () => {
  it('uses built-in language ids and patterns, never the yaml language', () => {
    expect(DOCUMENT_SELECTOR.every((s) => s.scheme === 'file')).toBe(true);
    expect(DOCUMENT_SELECTOR.map((s) => s.language).filter(Boolean)).toEqual(['dockerfile', 'makefile', 'shellscript', 'go.mod']);
    expect(DOCUMENT_SELECTOR.some((s) => s.language === 'yaml')).toBe(false);
    const patterns = DOCUMENT_SELECTOR.map((s) => s.pattern).filter(Boolean).join(' ');
    for (const p of ['.goreleaser', 'Taskfile', '.github/workflows', '.cgo-lens']) expect(patterns).toContain(p);
  });
});

describe('rule documentation command', () => {
  it('offers every registered rule with its docs URL', () => {
    const items = ruleDocItems();
    expect(items.map((i) => i.id)).toEqual(RULES.map((r) => r.meta.id));
    expect(items[0].url).toMatch(/\/docs\/rules\/CGO101\.md$/);
  });

  it('accepts a rule id or a diagnostic-like argument', () => {
    expect(ruleDocUrl('cgo101')).toMatch(/CGO101\.md$/);
    expect(ruleDocUrl({ code: 'CGO504' })).toMatch(/CGO504\.md$/);
    expect(ruleDocUrl({ code: { value: 'CGO101', target: 'x' } })).toMatch(/CGO101\.md$/);
    expect(ruleDocUrl('CGO999')).toBeUndefined();
    expect(ruleDocUrl(undefined)).toBeUndefined();
  });
});

describe('disable rule command', () => {
  it('is the command id the server\'s "Disable … in settings" action sends', () => {
    expect(DISABLE_RULE_COMMAND).toBe(SERVER_DISABLE_RULE_COMMAND);
  });

  it('checks its arguments: a known rule id (any case), then an optional document URI', () => {
    expect(disableRuleArgs(['CGO101', 'file:///w/Dockerfile'])).toEqual({ id: 'CGO101', uri: 'file:///w/Dockerfile' });
    expect(disableRuleArgs([' cgo504 '])).toEqual({ id: 'CGO504' });
    expect(disableRuleArgs(['CGO999'])).toBeUndefined();
    expect(disableRuleArgs([])).toBeUndefined();
    expect(disableRuleArgs([{ code: 'CGO101' }])).toBeUndefined();
  });

  it('adds `off` for the rule and keeps the other rules set at that level', () => {
    const current = { CGO202: 'hint', CGO101: 'warning' };
    expect(rulesWithOff(current, 'CGO101')).toEqual({ CGO202: 'hint', CGO101: 'off' });
    expect(current).toEqual({ CGO202: 'hint', CGO101: 'warning' });
    expect(rulesWithOff(undefined, 'CGO504')).toEqual({ CGO504: 'off' });
    expect(rulesWithOff(['x'], 'CGO504')).toEqual({ CGO504: 'off' });
  });
});
