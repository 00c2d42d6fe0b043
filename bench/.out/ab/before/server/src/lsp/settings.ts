import { defaultSettings, type CustomImage, type RuleLevel, type Settings } from '../config/settings';
import type { RuleId } from '../rules/types';

/** Editor settings live under this section (`cgoLens.enable`, `cgoLens.rules`, …). */
export const SETTINGS_SECTION = 'cgoLens';

export interface ParsedSettings {
  settings: Settings;
  /** One line per ignored value, for the output channel. Never fatal. */
  problems: string[];
}

const LEVELS: readonly RuleLevel[] = ['off', 'hint', 'information', 'warning', 'error'];
const LEVEL_ALIASES: Record<string, RuleLevel> = { info: 'information', warn: 'warning', ignore: 'off', none: 'off' };
const LIBCS = ['glibc', 'musl', 'none'] as const;

/**
 * Turn whatever the client sent for the `cgoLens` section into `Settings`. Defensive: a value of the wrong type
 * is reported in `problems` and replaced by its default; this never throws. Accepts the nested form VS Code sends
 * (`{inlayHints: {enable: false}}`) and dotted keys (`{"inlayHints.enable": false}`) some clients send.
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const settings = defaultSettings();
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (!isRecord(raw)) {
    problems.push(`cgoLens: expected an object, got ${describe(raw)}; using defaults`);
    return { settings, problems };
  }
  const get = (path: string): unknown => {
    if (Object.prototype.hasOwnProperty.call(raw, path)) return raw[path];
    let cur: unknown = raw;
    for (const part of path.split('.')) {
      if (!isRecord(cur) || !Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
      cur = cur[part];
    }
    return cur;
  };

  const enable = get('enable');
  if (enable !== undefined && enable !== null) {
    if (typeof enable === 'boolean') settings.enable = enable;
    else problems.push(`cgoLens.enable: expected a boolean, got ${describe(enable)}`);
  }

  const rules = get('rules');
  if (rules !== undefined && rules !== null) {
    if (!isRecord(rules)) problems.push(`cgoLens.rules: expected an object of rule id → level, got ${describe(rules)}`);
    else {
      for (const [key, value] of Object.entries(rules)) {
        const id = key.trim().toUpperCase();
        if (!/^CGO\d{3}$/.test(id)) {
          problems.push(`cgoLens.rules: "${key}" is not a rule id (CGOnnn)`);
          continue;
        }
        const level = parseLevel(value);
        if (!level) {
          problems.push(`cgoLens.rules.${id}: expected one of ${LEVELS.join('|')}, got ${describe(value)}`);
          continue;
        }
        settings.rules[id as RuleId] = level;
      }
    }
  }

  const inlay = get('inlayHints.enable');
  if (inlay !== undefined && inlay !== null) {
    if (typeof inlay === 'boolean') settings.inlayHints = { enable: inlay };
    else problems.push(`cgoLens.inlayHints.enable: expected a boolean, got ${describe(inlay)}`);
  }

  const images = get('images');
  if (images !== undefined && images !== null) {
    if (!isRecord(images)) problems.push(`cgoLens.images: expected an object of image pattern → {libc, version, toolchain}, got ${describe(images)}`);
    else {
      for (const [pattern, value] of Object.entries(images)) {
        const image = parseImage(value);
        if (typeof image === 'string') problems.push(`cgoLens.images["${pattern}"]: ${image}`);
        else if (pattern.trim()) settings.images[pattern.trim()] = image;
      }
    }
  }

  const max = get('maxFileBytes');
  if (max !== undefined && max !== null) {
    if (typeof max === 'number' && Number.isFinite(max) && max > 0) settings.maxFileBytes = Math.floor(max);
    else problems.push(`cgoLens.maxFileBytes: expected a positive number, got ${describe(max)}`);
  }
  return { settings, problems };
}

function parseLevel(value: unknown): RuleLevel | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if ((LEVELS as readonly string[]).includes(v)) return v as RuleLevel;
  return LEVEL_ALIASES[v];
}

function parseImage(value: unknown): CustomImage | string {
  if (!isRecord(value)) return `expected {libc: glibc|musl|none, version?, toolchain?}, got ${describe(value)}`;
  const libc = typeof value.libc === 'string' ? value.libc.trim().toLowerCase() : undefined;
  if (!libc || !(LIBCS as readonly string[]).includes(libc)) return `libc must be one of ${LIBCS.join('|')}, got ${describe(value.libc)}`;
  const image: CustomImage = { libc: libc as CustomImage['libc'] };
  if (typeof value.version === 'string' && value.version.trim()) image.version = value.version.trim();
  else if (typeof value.version === 'number' && Number.isFinite(value.version)) image.version = String(value.version);
  if (typeof value.toolchain === 'boolean') image.toolchain = value.toolchain;
  return image;
}

export interface ServerOptions {
  /** Delay between the last edit and validation, per document. 0 = validate immediately. */
  debounceMs: number;
}

export const DEFAULT_DEBOUNCE_MS = 150;
const MAX_DEBOUNCE_MS = 10_000;

/** `initialize.initializationOptions`: `{ "debounceMs": 0 }` makes validation immediate (tests, benchmarks). */
export function parseServerOptions(raw: unknown): ServerOptions {
  const options: ServerOptions = { debounceMs: DEFAULT_DEBOUNCE_MS };
  if (!isRecord(raw)) return options;
  const d = raw.debounceMs;
  if (typeof d === 'number' && Number.isFinite(d) && d >= 0) options.debounceMs = Math.min(Math.floor(d), MAX_DEBOUNCE_MS);
  return options;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
