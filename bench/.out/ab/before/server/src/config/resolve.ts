import type { RepoConfig } from './repoConfig';
import type { RuleLevel, Settings } from './settings';
import type { Severity } from '../rules/types';

/** Applied lowest first, so a rule listed under two levels ends at the more severe one (the parser reports it anyway). */
const OVERRIDE_ORDER: readonly Severity[] = ['hint', 'information', 'warning', 'error'];

/**
 * The settings one file is analysed with. Precedence, lowest to highest:
 *
 *   1. each rule's default severity (the registry)
 *   2. `.cgo-lens.yaml`: `override` sets levels, `ignored` turns rules off, `images` adds base images
 *   3. the user's explicit editor settings (`cgoLens.rules.<ID>`, `cgoLens.images.<pattern>`)
 *
 * Why the editor wins: the repo file is the project's shared truth and is what CI runs with (the CLI reads only
 * the file); an explicit editor setting is a deliberate local choice by the person looking at the diagnostics,
 * e.g. re-enabling an ignored rule while fixing it. `Settings.rules` only ever holds explicit choices (absent =
 * default; VS Code's declared default is `{}`), so "explicit" needs no extra bookkeeping.
 * `enable` and `maxFileBytes` are editor-only. Pure: the inputs are never modified.
 */
export function effectiveSettings(editor: Settings, repo?: RepoConfig): Settings {
  const rules: Partial<Record<keyof Settings['rules'], RuleLevel>> = {};
  if (repo) {
    for (const level of OVERRIDE_ORDER) for (const id of repo.override[level] ?? []) rules[id] = level;
    for (const id of repo.ignored) rules[id] = 'off';
  }
  Object.assign(rules, editor.rules);
  return {
    ...editor,
    rules,
    inlayHints: { ...editor.inlayHints },
    images: { ...(repo?.images ?? {}), ...editor.images },
  };
}
