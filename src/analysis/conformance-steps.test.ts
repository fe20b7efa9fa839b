import { describe, expect, test } from 'vitest';
import type { TIdealJourneyLike } from './alignment.js';
import { conformVariants, type TVariantInput } from './conformance.js';
import { journeySteps } from './conformance-steps.js';

// Steps: 'a' required, 'a?' optional, 'a+' repeatable.
const journey = (id: string, ...steps: string[]): TIdealJourneyLike => ({
  id,
  steps: steps.map((s) => ({
    touchpoint: s.replace(/[?+]$/, ''),
    optional: s.endsWith('?'),
    repeatable: s.endsWith('+'),
  })),
});
const variant = (segment: string, touchpoints: string[], journeys: number): TVariantInput => ({
  segment,
  touchpoints,
  journeys,
  customers: journeys,
});

const online = journey('online', 'browse+', 'cart?', 'pay', 'ship');
const store = journey('store', 'visit', 'pay');
const bySegment = new Map([
  ['retail', [online, store]],
  ['vip', [journey('vip-online', 'browse', 'pay')]],
]);

const shares = (variants: TVariantInput[]) => {
  const results = conformVariants(variants, bySegment).variants;
  return journeySteps(results, bySegment).map((j) => ({
    journeyId: j.journeyId,
    journeys: j.journeys,
    steps: j.steps.map((s) => [s.touchpoint, s.followed, s.outOfOrder, s.missed]),
  }));
};

describe('journeySteps', () => {
  test.each([
    {
      name: 'a perfect journey follows every step it takes; an optional step not taken is missed',
      variants: [variant('retail', ['browse', 'pay', 'ship'], 4)],
      online: [
        ['browse', 4, 0, 0],
        ['cart', 0, 0, 4],
        ['pay', 4, 0, 0],
        ['ship', 4, 0, 0],
      ],
    },
    {
      name: 'repeats of a repeatable step count once; a skipped step is missed',
      variants: [
        variant('retail', ['browse', 'browse', 'cart', 'pay', 'ship'], 3),
        variant('retail', ['browse', 'cart', 'ship'], 1),
      ],
      online: [
        ['browse', 4, 0, 0],
        ['cart', 4, 0, 0],
        ['pay', 3, 0, 1],
        ['ship', 4, 0, 0],
      ],
    },
    {
      // sync browse, model pay, sync ship, log pay: pay was done, after ship.
      name: 'a step done at another place is out of order, not followed',
      variants: [variant('retail', ['browse', 'ship', 'pay'], 2)],
      online: [
        ['browse', 2, 0, 0],
        ['cart', 0, 0, 2],
        ['pay', 0, 2, 0],
        ['ship', 2, 0, 0],
      ],
    },
  ])('$name', ({ variants, online: expected }) => {
    const [first] = shares(variants);
    const journeys = variants.reduce((n, v) => n + v.journeys, 0);
    expect(first).toEqual({ journeyId: 'online', journeys, steps: expected });
  });

  test('lists every journey of every segment, with the share of its instances', () => {
    const variants = [
      variant('retail', ['browse', 'pay', 'ship'], 3),
      variant('retail', ['browse', 'ship'], 1),
      variant('retail', ['visit', 'pay'], 5),
      variant('vip', ['browse', 'pay'], 2),
      variant('nobody', ['browse'], 7),
    ];
    const results = conformVariants(variants, bySegment).variants;
    const steps = journeySteps(results, bySegment);
    expect(steps.map((j) => [j.segment, j.journeyId, j.journeys])).toEqual([
      ['retail', 'online', 4],
      ['retail', 'store', 5],
      ['vip', 'vip-online', 2],
    ]);
    expect(steps[0]?.steps.map((s) => s.share)).toEqual([1, 0, 0.75, 1]);
    expect(steps[1]?.steps.map((s) => s.share)).toEqual([1, 1]);
  });

  test('a journey no variant chose has zero instances and zero shares', () => {
    const steps = journeySteps([], bySegment);
    expect(steps[1]).toEqual({
      segment: 'retail',
      journeyId: 'store',
      journeys: 0,
      steps: [
        { stepIndex: 0, touchpoint: 'visit', followed: 0, outOfOrder: 0, missed: 0, share: 0 },
        { stepIndex: 1, touchpoint: 'pay', followed: 0, outOfOrder: 0, missed: 0, share: 0 },
      ],
    });
  });
});
