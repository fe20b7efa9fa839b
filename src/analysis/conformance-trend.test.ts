import { expect, it } from 'vitest';
import { conformVariants, type TVariantInput } from './conformance.js';
import { conformanceTrend, deviationKey } from './conformance-trend.js';

const journey = {
  id: 'buy',
  steps: [{ touchpoint: 'a' }, { touchpoint: 'b' }, { touchpoint: 'c' }],
};

it('sums fitness and deviations per start month from each variant once', () => {
  const perfect: TVariantInput = {
    touchpoints: ['a', 'b', 'c'],
    journeys: 3,
    customers: 3,
    segment: 's',
  };
  // Skips b: cost 1 of worst 3 + 2 = 5, fitness 0.8.
  const skipping: TVariantInput = {
    touchpoints: ['a', 'c'],
    journeys: 2,
    customers: 2,
    segment: 's',
  };
  const months = new Map<TVariantInput, Record<string, number>>([
    [perfect, { '2025-01': 1, '2025-02': 2 }],
    [skipping, { '2025-02': 2 }],
  ]);
  const report = conformVariants([perfect, skipping], new Map([['s', [journey]]]));
  const trend = conformanceTrend(report.variants, (v) => months.get(v) ?? {});
  expect(trend.byJourney).toEqual([
    {
      segment: 's',
      journeyId: 'buy',
      months: [
        { month: '2025-01', journeys: 1, meanFitness: 1, perfectShare: 1 },
        { month: '2025-02', journeys: 4, meanFitness: (2 * 1 + 2 * 0.8) / 4, perfectShare: 0.5 },
      ],
    },
  ]);
  expect(trend.deviations.get(deviationKey('s', 'buy', 'skipped', 'b'))).toEqual([
    { month: '2025-02', journeys: 2 },
  ]);
});
