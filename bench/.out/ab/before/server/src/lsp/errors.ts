import { ResponseError } from 'vscode-languageserver/node';
import { compactStack } from '../service/logger';

const MAX_REMEMBERED = 500;

/**
 * Logs each distinct failure once (an edit storm must not flood the output channel) and never throws.
 * The sink is `connection.console.error`.
 */
export class ErrorReporter {
  private readonly seen = new Set<string>();

  constructor(private readonly sink: (message: string) => void) {}

  report(context: string, err: unknown): void {
    const message = `${context}: ${compactStack(err)}`;
    const key = `${context}: ${err instanceof Error ? err.message : String(err)}`;
    if (this.seen.has(key)) return;
    if (this.seen.size >= MAX_REMEMBERED) this.seen.clear();
    this.seen.add(key);
    try {
      this.sink(message);
    } catch {
      // The connection may already be gone; nothing else to do.
    }
  }

  /**
   * Wrap a handler: an exception (sync or async) is reported and turned into `fallback`. ResponseErrors that the
   * handler throws on purpose (cancellation) still reach the client.
   */
  guard<A extends unknown[], R>(name: string, fn: (...args: A) => R | Promise<R>, fallback: R): (...args: A) => Promise<R> {
    return async (...args: A) => {
      try {
        return await fn(...args);
      } catch (err) {
        if (err instanceof ResponseError) throw err;
        this.report(name, err);
        return fallback;
      }
    };
  }
}
