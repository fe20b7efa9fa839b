/**
 * Intervals against published values: Student's t quantiles (any statistics table), Wilson
 * and Newcombe examples from Newcombe (1998), and small samples worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  logGamma,
  meanInterval,
  newcombe,
  npsDifference,
  npsInterval,
  tCdf,
  tQuantile,
  welch,
  wilson,
  type TMoments,
} from './statistics.js';

const moments = (xs: number[]): TMoments => ({
  n: xs.length,
  sum: xs.reduce((s, x) => s + x, 0),
  sumSquares: xs.reduce((s, x) => s + x * x, 0),
});

describe('Student t', () => {
  it('gives the table quantiles', () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    expect(tQuantile(0.975, 5)).toBeCloseTo(2.5706, 4);
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.2281, 4);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.0423, 4);
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.96, 3);
    expect(tQuantile(0.025, 10)).toBeCloseTo(-2.2281, 4);
    expect(tQuantile(0.95, 2)).toBeCloseTo(2.919986, 5);
    expect(tQuantile(0.95, 3)).toBeCloseTo(2.353363, 5);
    // Fractional df (Welch) falls between its whole neighbours.
    expect(tQuantile(0.95, 2.5)).toBeLessThan(2.919986);
    expect(tQuantile(0.95, 2.5)).toBeGreaterThan(2.353363);
  });

  it('has a CDF that is symmetric and monotone', () => {
    expect(tCdf(0, 7)).toBeCloseTo(0.5, 12);
    expect(tCdf(-1.3, 7) + tCdf(1.3, 7)).toBeCloseTo(1, 12);
    expect(tCdf(2, 3)).toBeLessThan(tCdf(2, 30));
    expect(Math.exp(logGamma(5))).toBeCloseTo(24, 9);
    expect(Math.exp(logGamma(0.5))).toBeCloseTo(Math.sqrt(Math.PI), 12);
  });
});

describe('intervals', () => {
  it('Wilson: Newcombe (1998) table I examples', () => {
    const a = wilson(81, 263);
    expect([a.low, a.high].map((x) => x?.toFixed(4))).toEqual(['0.2553', '0.3662']);
    const b = wilson(15, 148);
    expect([b.low, b.high].map((x) => x?.toFixed(4))).toEqual(['0.0624', '0.1605']);
    const zero = wilson(0, 20);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.1611, 4);
  });

  it('Newcombe hybrid score: the 56/70 − 48/80 example (0.0524, 0.3339)', () => {
    const d = newcombe(56, 70, 48, 80);
    expect(d.value).toBeCloseTo(0.2, 12);
    expect(d.low).toBeCloseTo(0.0524, 4);
    expect(d.high).toBeCloseTo(0.3339, 4);
  });

  it('NPS: promoters minus detractors with its Wald interval', () => {
    // 50 promoters, 20 passives, 30 detractors: NPS 20; Var = (0.5 + 0.3 − 0.04) / 100.
    const nps = npsInterval(50, 30, 100);
    expect(nps.value).toBeCloseTo(20, 12);
    const half = 100 * 1.959963984540054 * Math.sqrt(0.76 / 100);
    expect(nps.low).toBeCloseTo(20 - half, 9);
    expect(nps.high).toBeCloseTo(20 + half, 9);
    const diff = npsDifference(
      { promoters: 50, detractors: 30, n: 100 },
      { promoters: 30, detractors: 30, n: 100 },
    );
    expect(diff.value).toBeCloseTo(20, 12);
    expect(diff.high! - diff.low!).toBeGreaterThan(0);
  });

  it('mean and Welch: hand-computed', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample variance 32 / 7.
    const m = meanInterval(moments([2, 4, 4, 4, 5, 5, 7, 9]));
    const half = 2.364624251592785 * Math.sqrt(32 / 7 / 8);
    expect(m.value).toBe(5);
    expect(m.low).toBeCloseTo(5 - half, 9);
    // Welch on 1..5 (var 2.5) and 11..15 (var 2.5): df = 8, se = 1.
    const w = welch(moments([1, 2, 3, 4, 5]), moments([11, 12, 13, 14, 15]));
    expect(w.value).toBe(-10);
    expect(w.low).toBeCloseTo(-10 - 2.306004135204166, 9);
    expect(welch(moments([1]), moments([2, 3])).low).toBeNull();
  });
});
