/**
 * Bounded restarts after server crashes (vscode-go style): at most `maxRestarts` restarts within a sliding
 * `windowMs`; the crash after that stops the server for good (until the user restarts it by command).
 * No `vscode` import, so it is unit-tested directly.
 */
export class RestartPolicy {
  private restarts: number[] = [];

  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called when the server died: true = restart it (and count the restart), false = give up. */
  allowRestart(): boolean {
    const t = this.now();
    this.restarts = this.restarts.filter((r) => t - r < this.windowMs);
    if (this.restarts.length >= this.maxRestarts) return false;
    this.restarts.push(t);
    return true;
  }

  /** A manual restart starts a fresh budget. */
  reset(): void {
    this.restarts = [];
  }
}
