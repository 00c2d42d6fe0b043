import type { RuleId, Severity } from '../rules/types';

export type RuleLevel = Severity | 'off';

export interface CustomImage { libc: 'glibc' | 'musl' | 'none'; version?: string; toolchain?: boolean }

/** The effective configuration for one file: editor settings merged with `.cgo-lens.yaml`. */
export interface Settings {
  enable: boolean;
  /** Per-rule level; absent = the rule's default severity. */
  rules: Partial<Record<RuleId, RuleLevel>>;
  inlayHints: { enable: boolean };
  /** Private base images: pattern → libc facts. */
  images: Record<string, CustomImage>;
  /** Files larger than this are skipped with an information diagnostic. */
  maxFileBytes: number;
}

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

export function defaultSettings(): Settings {
  return { enable: true, rules: {}, inlayHints: { enable: true }, images: {}, maxFileBytes: DEFAULT_MAX_FILE_BYTES };
}
