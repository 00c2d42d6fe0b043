/**
 * Everything the CLI touches in the process, passed in so the commands can be run in-process by tests
 * and so nothing below `main` reads `process` directly.
 */
export interface Output {
  write(text: string): void;
  isTTY?: boolean;
}

export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: Output;
  stderr: Output;
  /** Terminal width, when stdout is one; explanations wrap to it. */
  columns?: number;
}

/** Exit codes of the CLI contract (DESIGN §10). */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/**
 * A problem that ends the run with exit code 2 and a single `cgo-lens: <reason>` line.
 * `hint` adds the pointer to `--help` that usage mistakes (not IO or config errors) deserve.
 */
export class CliError extends Error {
  constructor(message: string, readonly hint = false) {
    super(message);
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, true);
}

/**
 * Colour follows the conventions users already rely on: `--no-color` and NO_COLOR (any value, as hadolint
 * does) always win; FORCE_COLOR lets CI logs that render ANSI opt in; otherwise only a terminal gets colour.
 */
export function useColor(io: Io, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if (io.env.NO_COLOR !== undefined) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  return io.stdout.isTTY === true;
}
