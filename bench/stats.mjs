// Small statistics helpers for the benchmark.

export function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export const median = (xs) => quantile(xs, 0.5);
export const p90 = (xs) => quantile(xs, 0.9);

/** Least-squares slope of log(y) against log(x): 1 = linear, 2 = quadratic. */
export function loglogSlope(xs, ys) {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}

export function summary(xs) {
  return { n: xs.length, median: median(xs), p90: p90(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

/**
 * Run the functions interleaved (A B C A B C …): `warmup` rounds discarded, then rounds until both `rounds` and
 * `minMs` of measured time are reached (capped at `maxRounds`). Returns the measured times (ms) per function.
 */
export async function interleave(fns, { warmup = 3, rounds = 10, minMs = 0, maxRounds = 1000 } = {}) {
  const times = fns.map(() => []);
  let spent = 0;
  for (let r = 0; r < warmup + maxRounds; r++) {
    if (r >= warmup + rounds && spent >= minMs) break;
    for (let i = 0; i < fns.length; i++) {
      const t0 = performance.now();
      await fns[i]();
      const dt = performance.now() - t0;
      if (r >= warmup) {
        times[i].push(dt);
        spent += dt;
      }
    }
  }
  return times;
}

export const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
export const fmtBytes = (b) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(2)} MB` : `${(b / 1024).toFixed(0)} KB`);
