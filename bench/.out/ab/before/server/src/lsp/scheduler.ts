/**
 * Per-URI debounce with a generation counter. Every `schedule`/`cancel` for a URI starts a new generation;
 * a validation run gets `isCurrent()` to check, after each await, that nothing newer was scheduled since —
 * so a slow run can never publish over a newer one.
 */
export type ValidationRun = (uri: string, isCurrent: () => boolean) => void | Promise<void>;

export class ValidationScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly generations = new Map<string, number>();
  /** Global and monotonic, so a URI closed and reopened never reuses a generation of a run still in flight. */
  private counter = 0;

  constructor(
    private readonly run: ValidationRun,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Validate `uri` after `delayMs` of quiet (replacing any pending run); 0 runs it right away. */
  schedule(uri: string, delayMs: number): void {
    const gen = this.bump(uri);
    if (delayMs <= 0) {
      this.start(uri, gen);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      this.start(uri, gen);
    }, delayMs);
    // A pending validation must not keep the process alive after the connection ends.
    timer.unref?.();
    this.timers.set(uri, timer);
  }

  /** Drop the pending run and make any run in flight stale (document closed). */
  cancel(uri: string): void {
    this.bump(uri);
    this.generations.delete(uri);
  }

  pending(uri: string): boolean {
    return this.timers.has(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.generations.clear();
  }

  private bump(uri: string): number {
    const t = this.timers.get(uri);
    if (t !== undefined) {
      clearTimeout(t);
      this.timers.delete(uri);
    }
    const gen = ++this.counter;
    this.generations.set(uri, gen);
    return gen;
  }

  private start(uri: string, gen: number): void {
    const isCurrent = () => this.generations.get(uri) === gen;
    try {
      const p = this.run(uri, isCurrent);
      if (p && typeof (p as Promise<void>).catch === 'function') (p as Promise<void>).catch(this.onError);
    } catch (err) {
      this.onError(err);
    }
  }
}
