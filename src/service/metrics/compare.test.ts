/**
 * Before/after comparison, by hand. z = 1.96 (1.959964), z² = 3.8415.
 * - Wilson(10, 100): centre (0.1 + 0.019207) / 1.038415 = 0.114798, half 1.887469 ×
 *   √(0.0009 + 0.000096) = 0.059567 → [0.0552, 0.1744]; Wilson(30, 100) → [0.2189, 0.3958].
 * - Newcombe 10/100 − 30/100 = −0.2: low −0.2 − √(0.0448² + 0.0958²) = −0.3058,
 *   high −0.2 + √(0.0744² + 0.0811²) = −0.0900.
 * - Poisson score, 10 in 1,000 journeys: (10 + 1.9207 ± 1.96 × √(10.9604)) / 1000 × 1000 =
 *   [5.432, 18.409].
 * - NPS 50/30 of 100 → 20, 60/20 of 100 → 40: variances (0.8 − 0.04) / 100 and
 *   (0.8 − 0.16) / 100, half 1.96 × √0.014 = 0.2319 → difference 20 in [−3.19, 43.19].
 */
import { describe, expect, it } from 'vitest';
import { poissonRate, rateDifference } from '../../analysis/rate-interval.js';
import { compareMetric, estimate, type TMeasurement, type TMeasurementBasis } from './compare.js';
import type { TMetricRef } from './metric-ref.js';

const FRICTION: TMetricRef = { kind: 'friction', type: 'repeat_contact', touchpoint: 'call' };
const CONVERSION: TMetricRef = { kind: 'stageConversion', stage: 'Purchase' };

function measured(metric: TMetricRef, basis: TMeasurementBasis): TMeasurement {
  const e = estimate(basis);
  const n =
    basis.kind === 'proportion' ? basis.trials : basis.kind === 'rate' ? basis.exposure : basis.n;
  return {
    metric,
    from: '2026-01-01T00:00:00.000Z',
    to: '2026-02-01T00:00:00.000Z',
    value: n === 0 ? null : e.value,
    n,
    interval: e.low === null || e.high === null ? null : [e.low, e.high],
    unit:
      basis.kind === 'rate'
        ? 'per 1,000 journeys'
        : basis.kind === 'nps'
          ? 'NPS points'
          : basis.kind === 'mean'
            ? 'mean score'
            : 'share',
    definition: 'test',
    basis,
  };
}

const share = (metric: TMetricRef, successes: number, trials: number) =>
  measured(metric, { kind: 'proportion', successes, trials });

describe('intervals', () => {
  it('Wilson for a share and Poisson score for a rate', () => {
    const w = estimate({ kind: 'proportion', successes: 10, trials: 100 });
    expect(w.value).toBe(0.1);
    expect(w.low).toBeCloseTo(0.0552, 4);
    expect(w.high).toBeCloseTo(0.1744, 4);
    const r = poissonRate(10, 1000, 1000);
    expect(r.value).toBe(10);
    expect(r.low).toBeCloseTo(5.432, 3);
    expect(r.high).toBeCloseTo(18.409, 3);
    // Zero events still have an upper bound: (1.9207 + 1.96 × 0.98) / 100 × 1000 = 38.41.
    expect(poissonRate(0, 100, 1000).high).toBeCloseTo(38.415, 2);
  });

  it('the difference of two rates excludes 0 only when they are far apart', () => {
    const d = rateDifference({ k: 10, exposure: 1000 }, { k: 40, exposure: 1000 }, 1000);
    expect(d.value).toBe(-30);
    expect(d.high).toBeLessThan(0);
    const same = rateDifference({ k: 10, exposure: 1000 }, { k: 12, exposure: 1000 }, 1000);
    expect(same.low).toBeLessThan(0);
    expect(same.high).toBeGreaterThan(0);
  });
});

describe('compareMetric', () => {
  const table: {
    name: string;
    before: TMeasurement;
    after: TMeasurement;
    verdict: string;
    difference: number | null;
    interval?: [number, number];
  }[] = [
    {
      name: 'a friction that falls from 30% to 10% improved',
      before: share(FRICTION, 30, 100),
      after: share(FRICTION, 10, 100),
      verdict: 'improved',
      difference: -0.2,
      interval: [-0.3058, -0.09],
    },
    {
      name: 'a friction that rises from 10% to 30% got worse',
      before: share(FRICTION, 10, 100),
      after: share(FRICTION, 30, 100),
      verdict: 'worse',
      difference: 0.2,
      interval: [0.09, 0.3058],
    },
    {
      name: 'a conversion that rises from 10% to 30% improved (higher is better)',
      before: share(CONVERSION, 10, 100),
      after: share(CONVERSION, 30, 100),
      verdict: 'improved',
      difference: 0.2,
    },
    {
      name: 'a conversion that falls got worse',
      before: share(CONVERSION, 30, 100),
      after: share(CONVERSION, 10, 100),
      verdict: 'worse',
      difference: -0.2,
    },
    {
      name: '30% → 28% on 100 each is no change: the interval contains 0',
      before: share(FRICTION, 30, 100),
      after: share(FRICTION, 28, 100),
      verdict: 'no change',
      difference: -0.02,
    },
    {
      name: 'an NPS rise of 20 points on 100 answers each is not enough',
      before: measured(
        { kind: 'momentSatisfaction', moment: 'touchpoint:call', survey: 'nps' },
        {
          kind: 'nps',
          promoters: 50,
          detractors: 30,
          n: 100,
        },
      ),
      after: measured(
        { kind: 'momentSatisfaction', moment: 'touchpoint:call', survey: 'nps' },
        {
          kind: 'nps',
          promoters: 60,
          detractors: 20,
          n: 100,
        },
      ),
      verdict: 'no change',
      difference: 20,
      interval: [-3.19, 43.19],
    },
    {
      name: 'a rate per 1,000 journeys falling from 40 to 10 improved',
      before: measured(
        { ...FRICTION, per: 'journeys' },
        { kind: 'rate', events: 40, exposure: 1000, per: 1000 },
      ),
      after: measured(
        { ...FRICTION, per: 'journeys' },
        { kind: 'rate', events: 10, exposure: 1000, per: 1000 },
      ),
      verdict: 'improved',
      difference: -30,
    },
    {
      name: 'a mean effort score rising from 4 to 5 (two answers of 3 and 5, then 4 and 6) is too noisy',
      before: measured(
        { kind: 'momentSatisfaction', moment: 'touchpoint:call', survey: 'ces' },
        {
          kind: 'mean',
          n: 2,
          sum: 8,
          sumSquares: 34,
        },
      ),
      after: measured(
        { kind: 'momentSatisfaction', moment: 'touchpoint:call', survey: 'ces' },
        {
          kind: 'mean',
          n: 2,
          sum: 10,
          sumSquares: 52,
        },
      ),
      verdict: 'no change',
      difference: 1,
    },
    {
      name: 'nothing measured after the change: insufficient data',
      before: share(FRICTION, 30, 100),
      after: share(FRICTION, 0, 0),
      verdict: 'insufficient data',
      difference: null,
    },
  ];

  it.each(table)('$name', ({ before, after, verdict, difference, interval }) => {
    const c = compareMetric(before, after);
    expect(c.verdict).toBe(verdict);
    if (difference === null) expect(c.difference).toBeNull();
    else expect(c.difference).toBeCloseTo(difference, 10);
    if (interval !== undefined) {
      expect(c.interval?.[0]).toBeCloseTo(interval[0], 2);
      expect(c.interval?.[1]).toBeCloseTo(interval[1], 2);
    }
    expect(c.explanation).toContain(verdict === 'insufficient data' ? 'nothing' : verdict);
  });

  it('says which way is better and how much it moved relative to before', () => {
    const c = compareMetric(share(FRICTION, 30, 100), share(FRICTION, 10, 100));
    expect(c.lowerIsBetter).toBe(true);
    expect(c.relative).toBeCloseTo(-2 / 3, 10);
    expect(c.explanation).toBe(
      '30.0% → 10.0% (−20.0 points, 95% interval −30.6 points to −9.0 points): improved; the interval excludes 0 (lower is better)',
    );
  });

  it('refuses to compare two different metrics', () => {
    expect(() => compareMetric(share(FRICTION, 1, 2), share(CONVERSION, 1, 2))).toThrow(
      'before and after must measure the same metric',
    );
  });
});
