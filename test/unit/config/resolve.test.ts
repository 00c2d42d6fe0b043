import { describe, expect, it } from 'vitest';
import { effectiveSettings } from '../../../server/src/config/resolve';
import { defaultSettings, type Settings } from '../../../server/src/config/settings';
import { emptyRepoConfig, parseRepoConfig, type RepoConfig } from '../../../server/src/config/repoConfig';

const repo = (text: string): RepoConfig => {
  const { config, errors } = parseRepoConfig(text, '.cgo-lens.yaml');
  expect(errors).toEqual([]);
  return config;
};
const editor = (patch: Partial<Settings>): Settings => ({ ...defaultSettings(), ...patch });

describe('effectiveSettings', () => {
  it('without a repo config is a copy of the editor settings', () => {
    const e = editor({ rules: { CGO101: 'hint' }, images: { a: { libc: 'musl' } } });
    const out = effectiveSettings(e);
    expect(out).toEqual(e);
    expect(out.rules).not.toBe(e.rules);
    expect(out.images).not.toBe(e.images);
  });

  it('applies ignored as off and override as levels', () => {
    const out = effectiveSettings(defaultSettings(), repo('ignored: [CGO202]\noverride:\n  error: [CGO106]\n  info: [CGO101]\n  style: [CGO203]\n  warning: [CGO204]\n'));
    expect(out.rules).toEqual({ CGO202: 'off', CGO106: 'error', CGO101: 'information', CGO203: 'hint', CGO204: 'warning' });
  });

  it('explicit editor rule levels win over the repo file (both directions)', () => {
    const out = effectiveSettings(editor({ rules: { CGO202: 'warning', CGO106: 'off' } }), repo('ignored: [CGO202]\noverride:\n  error: [CGO106, CGO101]\n'));
    expect(out.rules).toEqual({ CGO202: 'warning', CGO106: 'off', CGO101: 'error' });
  });

  it('merges images per pattern, the editor\'s entry winning for the same pattern', () => {
    const out = effectiveSettings(
      editor({ images: { 'corp/base:*': { libc: 'musl' } } }),
      repo('images:\n  corp/base:*:\n    libc: glibc\n  corp/static:\n    libc: none\n'),
    );
    expect(out.images).toEqual({ 'corp/base:*': { libc: 'musl' }, 'corp/static': { libc: 'none' } });
  });

  it('leaves editor-only settings alone and never mutates its inputs', () => {
    const e = editor({ enable: false, maxFileBytes: 10, inlayHints: { enable: false }, rules: { CGO101: 'hint' } });
    const r = repo('ignored: [CGO101, CGO202]\nimages:\n  x:\n    libc: musl\n');
    const snapshot = JSON.stringify([e, r]);
    const out = effectiveSettings(e, r);
    expect(out).toMatchObject({ enable: false, maxFileBytes: 10, inlayHints: { enable: false } });
    expect(out.inlayHints).not.toBe(e.inlayHints);
    expect(JSON.stringify([e, r])).toBe(snapshot);
  });

  it('an empty repo config changes nothing', () => {
    expect(effectiveSettings(defaultSettings(), emptyRepoConfig())).toEqual(defaultSettings());
  });
});
