import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../server/src/config/settings';
import { DEFAULT_DEBOUNCE_MS, parseServerOptions, parseSettings } from '../../../server/src/lsp/settings';

describe('parseSettings', () => {
  it('absent settings are the defaults, without problems', () => {
    expect(parseSettings(undefined)).toEqual({ settings: defaultSettings(), problems: [] });
    expect(parseSettings(null)).toEqual({ settings: defaultSettings(), problems: [] });
    expect(parseSettings({})).toEqual({ settings: defaultSettings(), problems: [] });
  });

  it('maps every cgoLens setting', () => {
    const { settings, problems } = parseSettings({
      enable: false,
      rules: { CGO101: 'warning', cgo504: 'OFF', CGO202: 'info' },
      inlayHints: { enable: false },
      images: { 'corp/base:*': { libc: 'glibc', version: '2.31' }, 'corp/static': { libc: 'none', toolchain: false } },
      maxFileBytes: 1000.7,
    });
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      enable: false,
      rules: { CGO101: 'warning', CGO504: 'off', CGO202: 'information' },
      inlayHints: { enable: false },
      images: { 'corp/base:*': { libc: 'glibc', version: '2.31' }, 'corp/static': { libc: 'none', toolchain: false } },
      maxFileBytes: 1000,
    });
  });

  it('accepts dotted keys', () => {
    expect(parseSettings({ 'inlayHints.enable': false }).settings.inlayHints).toEqual({ enable: false });
  });

  it('replaces values of the wrong type by defaults and says why, never throwing', () => {
    const { settings, problems } = parseSettings({
      enable: 'yes',
      rules: { CGO101: 3, FOO: 'error', CGO102: 'fatal' },
      inlayHints: { enable: 1 },
      images: { a: 'glibc', b: { libc: 'uclibc' }, c: { libc: 'musl', version: 1.2 } },
      maxFileBytes: -5,
    });
    expect(settings).toEqual({ ...defaultSettings(), images: { c: { libc: 'musl', version: '1.2' } } });
    expect(problems).toHaveLength(8);
    expect(parseSettings({ rules: [] }).problems).toHaveLength(1);
    expect(parseSettings('garbage').settings).toEqual(defaultSettings());
    expect(parseSettings(42).problems).toHaveLength(1);
    expect(parseSettings({ maxFileBytes: Infinity }).settings.maxFileBytes).toBe(defaultSettings().maxFileBytes);
  });
});

describe('parseServerOptions', () => {
  it('debounceMs: default, 0, bounded, bad values ignored', () => {
    expect(parseServerOptions(undefined).debounceMs).toBe(DEFAULT_DEBOUNCE_MS);
    expect(DEFAULT_DEBOUNCE_MS).toBe(150);
    expect(parseServerOptions({ debounceMs: 0 }).debounceMs).toBe(0);
    expect(parseServerOptions({ debounceMs: 42.9 }).debounceMs).toBe(42);
    expect(parseServerOptions({ debounceMs: 1e9 }).debounceMs).toBe(10_000);
    expect(parseServerOptions({ debounceMs: -1 }).debounceMs).toBe(DEFAULT_DEBOUNCE_MS);
    expect(parseServerOptions({ debounceMs: '0' }).debounceMs).toBe(DEFAULT_DEBOUNCE_MS);
    expect(parseServerOptions('x').debounceMs).toBe(DEFAULT_DEBOUNCE_MS);
  });
});
