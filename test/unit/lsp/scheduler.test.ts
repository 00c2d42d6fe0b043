import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ValidationScheduler } from '../../../server/src/lsp/scheduler';

describe('ValidationScheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('debounces per URI and runs only the last schedule', () => {
    const runs: string[] = [];
    const s = new ValidationScheduler((uri) => void runs.push(uri), () => undefined);
    s.schedule('a', 100);
    vi.advanceTimersByTime(50);
    s.schedule('a', 100);
    s.schedule('b', 100);
    vi.advanceTimersByTime(99);
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual(['a', 'b']);
  });

  it('delay 0 runs synchronously', () => {
    const runs: string[] = [];
    const s = new ValidationScheduler((uri) => void runs.push(uri), () => undefined);
    s.schedule('a', 0);
    expect(runs).toEqual(['a']);
  });

  it('isCurrent turns false when a newer run is scheduled or the URI is cancelled, even after reopening', () => {
    const checks: (() => boolean)[] = [];
    const s = new ValidationScheduler((_uri, isCurrent) => void checks.push(isCurrent), () => undefined);
    s.schedule('a', 0);
    expect(checks[0]()).toBe(true);
    s.schedule('a', 0);
    expect(checks[0]()).toBe(false);
    expect(checks[1]()).toBe(true);
    s.cancel('a');
    expect(checks[1]()).toBe(false);
    s.schedule('a', 0);
    expect(checks[1]()).toBe(false);
    expect(checks[2]()).toBe(true);
  });

  it('cancel drops a pending run', () => {
    const runs: string[] = [];
    const s = new ValidationScheduler((uri) => void runs.push(uri), () => undefined);
    s.schedule('a', 100);
    expect(s.pending('a')).toBe(true);
    s.cancel('a');
    vi.advanceTimersByTime(200);
    expect(runs).toEqual([]);
  });

  it('reports sync and async failures instead of throwing', async () => {
    const errors: unknown[] = [];
    const s = new ValidationScheduler((uri) => {
      if (uri === 'sync') throw new Error('boom');
      return Promise.reject(new Error('later'));
    }, (e) => errors.push(e));
    s.schedule('sync', 0);
    s.schedule('async', 0);
    await vi.runAllTimersAsync();
    expect(errors.map((e) => (e as Error).message)).toEqual(['boom', 'later']);
  });
});
