/**
 * Intervals for event rates (occurrences per unit of exposure, e.g. friction occurrences per
 * 1,000 journeys), beside the proportion and mean intervals of statistics.ts: the Poisson
 * score interval for one rate, and for the difference of two rates the MOVER combination of
 * their score intervals — the same construction as Newcombe's interval for two proportions,
 * so it stays sensible for small counts (including zero). Pure: no I/O.
 */
import type { TInterval } from './statistics.js';

const Z95 = 1.959963984540054;

/**
 * Rate k / exposure × per with the Poisson score interval:
 * (k + z²/2 ± z·√(k + z²/4)) / exposure.
 * @example poissonRate(10, 1000, 1000) // { value: 10, low: 5.43, high: 18.41 }
 */
export function poissonRate(k: number, exposure: number, per = 1, z = Z95): TInterval {
  if (exposure <= 0) return { value: Number.NaN, low: null, high: null };
  const z2 = z * z;
  const centre = k + z2 / 2;
  const half = z * Math.sqrt(k + z2 / 4);
  return {
    value: (k / exposure) * per,
    low: (Math.max(0, centre - half) / exposure) * per,
    high: ((centre + half) / exposure) * per,
  };
}

/** Difference of two rates a − b (MOVER from their score intervals). */
export function rateDifference(
  a: { k: number; exposure: number },
  b: { k: number; exposure: number },
  per = 1,
): TInterval {
  const ra = poissonRate(a.k, a.exposure, per);
  const rb = poissonRate(b.k, b.exposure, per);
  const diff = ra.value - rb.value;
  if (ra.low === null || ra.high === null || rb.low === null || rb.high === null) {
    return { value: diff, low: null, high: null };
  }
  const low = diff - Math.sqrt((ra.value - ra.low) ** 2 + (rb.high - rb.value) ** 2);
  const high = diff + Math.sqrt((ra.high - ra.value) ** 2 + (rb.value - rb.low) ** 2);
  return { value: diff, low, high };
}
