import * as fs from 'node:fs';
import * as path from 'node:path';
import { emptyRepoConfig, parseRepoConfig, REPO_CONFIG_FILE_NAMES, type RepoConfig, type RepoConfigError } from '../config/repoConfig';
import { isInside } from '../config/repoConfigLoader';
import { CliError } from './io';
import { ioReason } from './walk';

/** A config file is a few lines; anything this large is a mistake (wrong file passed to --config). */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadedConfig {
  config: RepoConfig;
  /** The file as the user would name it, when one was used. */
  file?: string;
}

export interface DiscoveryOptions {
  /** Besides the working directory, where a discovered config may resolve to: the checked PATHs (absolute). */
  roots?: readonly string[];
  /** Told why a discovered config file is not used (one line). */
  warn?: (message: string) => void;
}

/**
 * `--config FILE`, else `.cgo-lens.yaml` in the working directory, else nothing. Any problem is a CliError
 * naming the file: running with half a configuration would make CI results depend on a typo.
 *
 * `--config` may name any file: the user chose it. A discovered one is only read when it resolves inside the working
 * directory or a checked PATH: a `.cgo-lens.yaml` symlink to `/etc/passwd` in a checked-out repository is refused
 * with a warning (and no other config is looked for), as the language server refuses it (RepoConfigLoader).
 */
export function loadConfig(explicit: string | undefined, cwd: string, options: DiscoveryOptions = {}): LoadedConfig {
  if (explicit !== undefined) return { config: readConfig(explicit, path.resolve(cwd, explicit)), file: explicit };
  for (const name of REPO_CONFIG_FILE_NAMES) {
    const abs = path.join(cwd, name);
    let isFile = false;
    try {
      isFile = fs.statSync(abs).isFile();
    } catch {
      // absent (or unreachable): not an error when nobody asked for it
    }
    if (!isFile) continue;
    const real = realpath(abs);
    const allowed = [cwd, ...(options.roots ?? [])].map((d) => realpath(d) ?? d);
    if (real === undefined || !allowed.some((d) => isInside(d, real))) {
      options.warn?.(`ignored ${name}: symbolic link to a file outside the working directory and the checked paths`);
      return { config: emptyRepoConfig() };
    }
    return { config: readConfig(name, real), file: name };
  }
  return { config: emptyRepoConfig() };
}

function realpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

function readConfig(shown: string, abs: string): RepoConfig {
  let text: string;
  try {
    if (fs.statSync(abs).size > MAX_CONFIG_BYTES) throw new CliError(`${shown}: file is too large for a configuration file`);
    text = fs.readFileSync(abs, 'utf8');
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${shown}: ${ioReason(err)}`);
  }
  const { config, errors } = parseRepoConfig(text.replace(/^\uFEFF/, ''), shown);
  if (errors.length) throw new CliError(`${shown}: ${describe(errors[0]!)}${errors.length > 1 ? ` (and ${errors.length - 1} more ${errors.length > 2 ? 'problems' : 'problem'})` : ''}`);
  return config;
}

function describe(e: RepoConfigError): string {
  return e.range ? `line ${e.range.start.line + 1}: ${e.message}` : e.message;
}
