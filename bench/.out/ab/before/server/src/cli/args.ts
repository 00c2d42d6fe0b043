import { FAILURE_THRESHOLDS, type FailureThreshold } from '../config/repoConfig';
import { usageError } from './io';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface CheckOptions {
  paths: string[];
  format: Format;
  config?: string;
  /** Undefined when not given on the command line, so the config file can supply it. */
  failureThreshold?: FailureThreshold;
  explain: boolean;
  noColor: boolean;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | ({ kind: 'check' } & CheckOptions)
  | { kind: 'rules'; noColor: boolean }
  | { kind: 'explain'; id: string; noColor: boolean };

const COMMANDS = ['check', 'rules', 'explain', 'help'];

/**
 * Hand-rolled rather than `util.parseArgs` so every mistake gets the contract's one-line reason and
 * options may follow paths (`check examples/ --explain`, as `npm run demo` does). `--opt=value` and
 * `--opt value` both work; `--` ends the options.
 */
export function parseArgs(argv: readonly string[]): Command {
  const optionTokens = argv.indexOf('--') === -1 ? argv : argv.slice(0, argv.indexOf('--'));
  if (optionTokens.includes('--help') || optionTokens.includes('-h')) return { kind: 'help' };
  if (argv.length === 0) throw usageError('missing command (check, rules or explain)');

  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V') {
    if (rest.length) throw usageError(`unexpected argument "${rest[0]}" after --version`);
    return { kind: 'version' };
  }
  if (first!.startsWith('-')) {
    throw usageError(`unknown option "${first}" before the command (check, rules or explain)`);
  }
  if (!COMMANDS.includes(first!)) throw usageError(`unknown command "${first}" (expected check, rules or explain)`);

  const { positionals, options } = splitOptions(rest, first === 'check' ? CHECK_OPTIONS : COMMON_OPTIONS);
  const noColor = options.has('--no-color');
  switch (first) {
    case 'help':
      return { kind: 'help' };
    case 'rules':
      if (positionals.length) throw usageError(`rules takes no arguments (got "${positionals[0]}")`);
      return { kind: 'rules', noColor };
    case 'explain':
      if (positionals.length === 0) throw usageError('explain needs a rule id, e.g. cgo-lens explain CGO101');
      if (positionals.length > 1) throw usageError(`explain takes one rule id (got ${positionals.length})`);
      return { kind: 'explain', id: positionals[0]!, noColor };
    default: {
      const format = options.get('--format') ?? 'text';
      if (!(FORMATS as readonly string[]).includes(format)) {
        throw usageError(`unknown format "${format}" (expected ${FORMATS.join(', ')})`);
      }
      const threshold = options.get('--failure-threshold');
      if (threshold !== undefined && !(FAILURE_THRESHOLDS as readonly string[]).includes(threshold)) {
        throw usageError(`unknown failure threshold "${threshold}" (expected ${FAILURE_THRESHOLDS.join(', ')})`);
      }
      const config = options.get('--config');
      if (config === '') throw usageError('--config needs a file name');
      return {
        kind: 'check',
        paths: positionals.length ? positionals : ['.'],
        format: format as Format,
        config,
        failureThreshold: threshold as FailureThreshold | undefined,
        explain: options.has('--explain'),
        noColor,
      };
    }
  }
}

/** Option name → takes a value? */
type OptionSpec = Record<string, boolean>;
const COMMON_OPTIONS: OptionSpec = { '--no-color': false };
const CHECK_OPTIONS: OptionSpec = { ...COMMON_OPTIONS, '--format': true, '--config': true, '--failure-threshold': true, '--explain': false };

function splitOptions(tokens: readonly string[], spec: OptionSpec): { positionals: string[]; options: Map<string, string> } {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok === '--') {
      positionals.push(...tokens.slice(i + 1));
      break;
    }
    // A lone "-" is a positional by convention; we have no stdin mode, so the walk will reject it clearly.
    if (!tok.startsWith('-') || tok === '-') {
      positionals.push(tok);
      continue;
    }
    const eq = tok.indexOf('=');
    const name = eq === -1 ? tok : tok.slice(0, eq);
    if (!(name in spec)) throw usageError(`unknown option "${name}"`);
    if (spec[name]) {
      let value: string | undefined;
      if (eq !== -1) value = tok.slice(eq + 1);
      else if (i + 1 < tokens.length && tokens[i + 1] !== '--') value = tokens[++i];
      if (value === undefined) throw usageError(`${name} needs a value`);
      options.set(name, value);
    } else {
      if (eq !== -1) throw usageError(`${name} takes no value`);
      options.set(name, '');
    }
  }
  return { positionals, options };
}
