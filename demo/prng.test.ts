import { describe, expect, test } from 'vitest';
import { Rng, weighted } from './prng.js';

const draws = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.next());

describe('Rng', () => {
  test('the same seed and stream give the same sequence; another stream or seed does not', () => {
    expect(draws(new Rng(42, 3), 50)).toEqual(draws(new Rng(42, 3), 50));
    expect(draws(new Rng(42, 4), 50)).not.toEqual(draws(new Rng(42, 3), 50));
    expect(draws(new Rng(43, 3), 50)).not.toEqual(draws(new Rng(42, 3), 50));
  });

  test('pins the first values, so a change of generator is a visible decision', () => {
    expect(draws(new Rng(1, 0), 3).map((x) => x.toFixed(8))).toMatchInlineSnapshot(`
      [
        "0.51259772",
        "0.08962839",
        "0.30129266",
      ]
    `);
  });

  test('next is uniform in [0, 1) and int stays in its closed range', () => {
    const rng = new Rng(7);
    const xs = draws(rng, 100_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeCloseTo(0.5, 2);
    const ints = new Set(Array.from({ length: 2000 }, () => rng.int(3, 6)));
    expect([...ints].sort()).toEqual([3, 4, 5, 6]);
  });

  test('weighted picks follow their weights; poisson and normal have their means', () => {
    const rng = new Rng(9);
    const w = weighted([
      ['a', 3],
      ['b', 1],
      ['never', 0],
    ]);
    const picks = Array.from({ length: 40_000 }, () => rng.pickWeighted(w));
    expect(picks.filter((p) => p === 'a').length / picks.length).toBeCloseTo(0.75, 1);
    expect(picks).not.toContain('never');
    const poisson = Array.from({ length: 40_000 }, () => rng.poisson(2.5));
    expect(poisson.reduce((a, b) => a + b, 0) / poisson.length).toBeCloseTo(2.5, 1);
    const normal = Array.from({ length: 40_000 }, () => rng.normal(10, 2));
    expect(normal.reduce((a, b) => a + b, 0) / normal.length).toBeCloseTo(10, 1);
  });
});
