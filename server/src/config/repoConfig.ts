import { isMap, isScalar, isSeq, LineCounter, type Node as YamlNode, type Pair } from 'yaml';
import type { Range } from '../model/types';
import type { RuleId, Severity } from '../rules/types';
import { ruleById } from '../rules/registry';
import type { CustomImage, Settings } from './settings';
import { effectiveSettings } from './resolve';
import { parseBoundedYaml } from '../readers/yaml/depthGuard';

/**
 * `.cgo-lens.yaml`, shared by the CLI and the language server. Modelled on `.hadolint.yaml` so users meet
 * familiar keys; validated strictly because a typo silently ignored (say `ignore:` for `ignored:`) would
 * look exactly like "the rule is still firing, the tool is broken".
 */
export type FailureThreshold = Severity | 'none';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];
export const FAILURE_THRESHOLDS: readonly FailureThreshold[] = [...SEVERITIES, 'none'];

export interface RepoConfig {
  ignored: RuleId[];
  override: Partial<Record<Severity, RuleId[]>>;
  failureThreshold?: FailureThreshold;
  images: Record<string, CustomImage>;
}

export interface RepoConfigError {
  message: string;
  /** Where in the file, when known (0-based LSP positions), so the editor can underline it. */
  range?: Range;
}

export interface ParsedRepoConfig {
  config: RepoConfig;
  errors: RepoConfigError[];
}

export const REPO_CONFIG_FILE_NAMES = ['.cgo-lens.yaml', '.cgo-lens.yml'] as const;

const KNOWN_KEYS = ['ignored', 'override', 'failure-threshold', 'images'];
const LIBC_FAMILIES: readonly CustomImage['libc'][] = ['glibc', 'musl', 'none'];
const IMAGE_KEYS = ['libc', 'version', 'toolchain'];
/**
 * hadolint's level names, accepted so a `.hadolint.yaml` habit (`override: {info: [...]}`) just works.
 * Only hadolint's own spellings: anything else stays an error, so the accepted set is small and documented.
 */
export const SEVERITY_ALIASES: Readonly<Record<string, Severity>> = { info: 'information', style: 'hint' };
/** Near misses that are not accepted, only suggested in the error message. */
const SEVERITY_SUGGESTIONS: Readonly<Record<string, Severity>> = { ...SEVERITY_ALIASES, note: 'information', warn: 'warning' };
/**
 * Larger than any sensible config (a real one is a few hundred bytes); past this the file is refused before YAML
 * parsing (a wrong file picked up by mistake, a generated blob) so parsing cost stays bounded: the file is parsed on
 * every keystroke while it is edited, and broken YAML costs the yaml package one error object per problem.
 */
export const MAX_REPO_CONFIG_CHARS = 64 * 1024;
/** At most this many problems are reported; the last one says how many more there are. */
export const MAX_REPO_CONFIG_ERRORS = 50;
const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function emptyRepoConfig(): RepoConfig {
  return { ignored: [], override: {}, images: {} };
}

/**
 * Parse and validate. Never throws: every problem becomes an error entry and the valid parts are still
 * returned, so an editor can keep using a half-correct file while underlining the bad part.
 * `fileName` is only used in messages that concern the file as a whole.
 */
export function parseRepoConfig(text: string, fileName: string): ParsedRepoConfig {
  if (text.length > MAX_REPO_CONFIG_CHARS) {
    return { config: emptyRepoConfig(), errors: [{ message: `${fileName} is too large for a configuration file (over ${MAX_REPO_CONFIG_CHARS / 1024} KB)`, range: FILE_START }] };
  }
  if (text.includes('\u0000')) {
    return { config: emptyRepoConfig(), errors: [{ message: `${fileName} is not a text file (it contains NUL bytes)`, range: FILE_START }] };
  }
  try {
    const parsed = parseChecked(text, fileName);
    return { ...parsed, errors: capErrors(parsed.errors, fileName) };
  } catch (e) {
    // The yaml package is robust, but a config error must never take the server or the CLI down with it.
    return { config: emptyRepoConfig(), errors: [{ message: `${fileName} could not be read: ${e instanceof Error ? firstLine(e.message) : String(e)}`, range: FILE_START }] };
  }
}

/** At most MAX_REPO_CONFIG_ERRORS entries of `total` problems (the first `errors`): the last one counts the rest. */
function capErrors(errors: RepoConfigError[], fileName: string, total = errors.length): RepoConfigError[] {
  if (total <= MAX_REPO_CONFIG_ERRORS) return errors;
  const shown = errors.slice(0, MAX_REPO_CONFIG_ERRORS - 1);
  return [...shown, { message: `${total - shown.length} more problems in ${fileName} are not shown`, range: errors[shown.length]?.range ?? FILE_START }];
}

function parseChecked(text: string, fileName: string): ParsedRepoConfig {
  const config = emptyRepoConfig();
  const errors: RepoConfigError[] = [];
  const lc = new LineCounter();
  // prettyErrors off: the pretty form is multi-line with a code excerpt; callers want one line each.
  // Nesting is bounded (the yaml package recurses on it): a file nested too deeply is refused, not parsed.
  const { doc, abandoned } = parseBoundedYaml(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const rangeOf = (start: number, end: number): Range => ({ start: toPos(lc, start), end: toPos(lc, Math.max(start, end)) });
  if (abandoned) return { config, errors: [{ message: `invalid YAML: ${abandoned.message}`, range: rangeOf(abandoned.offset, abandoned.offset) }] };
  // Every error gets a range (the file start at worst) so the editor can always place it.
  const nodeRange = (n: YamlNode | null | undefined): Range => (n?.range ? rangeOf(n.range[0], n.range[1]) : FILE_START);
  const err = (message: string, node?: YamlNode | null) => errors.push({ message, range: nodeRange(node) });

  for (const e of doc.errors.slice(0, MAX_REPO_CONFIG_ERRORS)) errors.push({ message: `invalid YAML: ${firstLine(e.message)}`, range: rangeOf(e.pos[0], e.pos[1]) });
  if (doc.errors.length) return { config, errors: capErrors(errors, fileName, doc.errors.length) };

  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return { config, errors };
  if (!isMap(root)) {
    err(`${fileName} must be a mapping of settings (ignored, override, failure-threshold, images)`, root as YamlNode);
    return { config, errors };
  }

  // Where each rule was configured, to reject contradictions such as "ignored and overridden to error".
  const seen = new Map<RuleId, string>();
  const claim = (id: RuleId, where: string, node: YamlNode) => {
    const before = seen.get(id);
    if (before && before !== where) err(`${id} is listed in both ${before} and ${where}`, node);
    else seen.set(id, where);
  };

  for (const pair of root.items as Pair<YamlNode, YamlNode | null>[]) {
    const key = scalarString(pair.key);
    const value = pair.value;
    switch (key) {
      case 'ignored':
        for (const { id, node } of ruleList(value, 'ignored', err)) {
          claim(id, 'ignored', node);
          if (!config.ignored.includes(id)) config.ignored.push(id);
        }
        break;
      case 'override': {
        if (value === null || isNullScalar(value)) break;
        if (!isMap(value)) {
          err('override must be a mapping from severity (error, warning, information, hint) to a list of rule ids', value);
          break;
        }
        for (const p of value.items as Pair<YamlNode, YamlNode | null>[]) {
          const written = scalarString(p.key);
          const level = written !== undefined ? severityOf(written) : undefined;
          if (level === undefined) {
            const hint = written !== undefined ? SEVERITY_SUGGESTIONS[written.toLowerCase()] : undefined;
            err(`unknown severity ${JSON.stringify(written ?? String(p.key))} in override (expected ${SEVERITIES.join(', ')})${hint ? `; did you mean "${hint}"?` : ''}`, p.key);
            continue;
          }
          const list = (config.override[level as Severity] ??= []);
          for (const { id, node } of ruleList(p.value, `override.${level}`, err)) {
            claim(id, `override.${level}`, node);
            if (!list.includes(id)) list.push(id);
          }
        }
        break;
      }
      case 'failure-threshold': {
        const v = scalarString(value);
        const t = v === undefined ? undefined : v === 'none' ? 'none' : severityOf(v);
        if (t !== undefined) config.failureThreshold = t;
        else err(`failure-threshold must be one of ${FAILURE_THRESHOLDS.join(', ')}${v !== undefined && SEVERITY_SUGGESTIONS[v] ? `; did you mean "${SEVERITY_SUGGESTIONS[v]}"?` : ''}`, value ?? pair.key);
        break;
      }
      case 'images':
        parseImages(value, config, err);
        break;
      default:
        err(`unknown key ${JSON.stringify(key ?? String(pair.key))} (expected ${KNOWN_KEYS.join(', ')})`, pair.key);
    }
  }
  return { config, errors };
}

/**
 * Fold the repo config into settings. Kept for the CLI (which passes defaults); the precedence rules live in
 * `effectiveSettings` (resolve.ts) so the CLI and the editor can never disagree on them.
 */
export function applyRepoConfig(settings: Settings, config: RepoConfig): Settings {
  return effectiveSettings(settings, config);
}

/** A level as written in the file: ours, or one of hadolint's spellings (`info`, `style`). */
function severityOf(s: string): Severity | undefined {
  if ((SEVERITIES as readonly string[]).includes(s)) return s as Severity;
  return SEVERITY_ALIASES[s];
}

type ErrFn = (message: string, node?: YamlNode | null) => void;

function ruleList(value: YamlNode | null, where: string, err: ErrFn): { id: RuleId; node: YamlNode }[] {
  if (value === null || isNullScalar(value)) return [];
  // A single id is a common slip (`ignored: CGO101`); accepting it would hide the list form users copy later.
  if (!isSeq(value)) {
    err(`${where} must be a list of rule ids, e.g. [CGO101]`, value);
    return [];
  }
  const out: { id: RuleId; node: YamlNode }[] = [];
  for (const item of value.items as (YamlNode | null)[]) {
    const s = scalarString(item);
    if (s === undefined || !item) {
      err(`${where} must contain rule ids (strings such as CGO101)`, item ?? value);
      continue;
    }
    const rule = ruleById(s.trim());
    if (!rule) {
      err(`unknown rule ${JSON.stringify(s)} in ${where}`, item);
      continue;
    }
    out.push({ id: rule.meta.id, node: item });
  }
  return out;
}

function parseImages(value: YamlNode | null, config: RepoConfig, err: ErrFn): void {
  if (value === null || isNullScalar(value)) return;
  if (!isMap(value)) {
    err('images must be a mapping from image pattern to {libc, version, toolchain}', value);
    return;
  }
  for (const p of value.items as Pair<YamlNode, YamlNode | null>[]) {
    const pattern = scalarString(p.key)?.trim();
    if (!pattern) {
      err('images keys must be image patterns (strings)', p.key);
      continue;
    }
    const spec = p.value;
    if (!spec || !isMap(spec)) {
      err(`images.${pattern} must be a mapping with libc (glibc, musl or none) and optional version and toolchain`, spec ?? p.key);
      continue;
    }
    const image: Partial<CustomImage> = {};
    let ok = true;
    for (const f of spec.items as Pair<YamlNode, YamlNode | null>[]) {
      const field = scalarString(f.key);
      const v = f.value;
      if (field === 'libc') {
        // Case-insensitive like the cgoLens.images setting, so one snippet works in both places.
        const s = scalarString(v)?.trim().toLowerCase();
        if (s !== undefined && (LIBC_FAMILIES as readonly string[]).includes(s)) image.libc = s as CustomImage['libc'];
        else { err(`images.${pattern}.libc must be one of ${LIBC_FAMILIES.join(', ')}`, v ?? f.key); ok = false; }
      } else if (field === 'version') {
        // Read the source text: YAML would turn `version: 2.30` into the number 2.3.
        const s = isScalar(v) && (typeof v.value === 'string' || typeof v.value === 'number') ? (typeof v.value === 'number' ? v.source ?? String(v.value) : v.value) : undefined;
        if (s !== undefined && s !== '') image.version = String(s);
        else { err(`images.${pattern}.version must be a version string such as "2.36"`, v ?? f.key); ok = false; }
      } else if (field === 'toolchain') {
        if (isScalar(v) && typeof v.value === 'boolean') image.toolchain = v.value;
        else { err(`images.${pattern}.toolchain must be true or false`, v ?? f.key); ok = false; }
      } else {
        err(`unknown key ${JSON.stringify(field ?? String(f.key))} in images.${pattern} (expected ${IMAGE_KEYS.join(', ')})`, f.key);
        ok = false;
      }
    }
    if (!image.libc) {
      if (ok) err(`images.${pattern} needs libc (glibc, musl or none)`, spec);
      continue;
    }
    if (ok) config.images[pattern] = image as CustomImage;
  }
}

function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' ? v : undefined;
}

function isNullScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null;
}

function toPos(lc: LineCounter, offset: number): { line: number; character: number } {
  const { line, col } = lc.linePos(offset);
  return { line: line - 1, character: col - 1 };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}
