/** Where the engine reports its own failures; the LSP server points it at the client's output channel. */
export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

export function createLogger(sink: (line: string) => void = (line) => process.stderr.write(line + '\n')): Logger {
  return {
    info: (m) => sink(`[info] ${m}`),
    error: (m) => sink(`[error] ${m}`),
  };
}

/** A short, single-line stack: enough to find the frame, small enough to log once per failure. */
export function compactStack(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const frames = (err.stack ?? '').split('\n').slice(1, 4).map((l) => l.trim()).join(' ← ');
  return `${err.name}: ${err.message}${frames ? ` (${frames})` : ''}`;
}
