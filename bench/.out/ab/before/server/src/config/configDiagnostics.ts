import type { Range } from '../model/types';
import { parseRepoConfig, type RepoConfigError } from './repoConfig';

/**
 * Problems in a `.cgo-lens.yaml` shown on that file while it is edited.
 *
 * They are deliberately not `Finding`s: a finding is a rule's verdict on a build (it has a `CGOnnn` id, a docs
 * page, a configurable level, fixes, pragmas), while a config problem is a syntax/validation error of our own
 * file. Forcing it into `Finding` would need a fake rule id that then leaks into `cgo-lens rules`, the settings
 * schema, docs links and "ignore CGO000" actions. So the service returns them in `AnalysisResult.configErrors`
 * and the LSP layer turns each into an error diagnostic with `code: CONFIG_ERROR_CODE`, like `skipped`.
 */
export interface ConfigProblem {
  message: string;
  range: Range;
}

/** Diagnostic code for config problems (not a rule id: no docs page, cannot be ignored). */
export const CONFIG_ERROR_CODE = 'cgo-lens.config';

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Validate the text of a config document; never throws. `uri` only names the file in messages. */
export function configProblems(text: string, uri: string): ConfigProblem[] {
  const { errors } = parseRepoConfig(text.replace(/^\uFEFF/, ''), baseName(uri));
  return errors.map(toProblem);
}

export function toProblem(e: RepoConfigError): ConfigProblem {
  return { message: e.message, range: e.range ?? ZERO };
}

function baseName(uri: string): string {
  const path = uri.replace(/\\/g, '/');
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name) || '.cgo-lens.yaml';
  } catch {
    return name || '.cgo-lens.yaml';
  }
}
