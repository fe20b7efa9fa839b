import { describe, expect, test } from 'vitest';
import { alignVariant, type TAlignment, type TIdealJourneyLike } from './alignment.js';
import { classifyDeviations } from './alignment-deviations.js';
import { conformVariants, type TVariantInput } from './conformance.js';

// Steps: 'a' required, 'a?' optional, 'a+' repeatable.
const journey = (id: string, ...steps: string[]): TIdealJourneyLike => ({
  id,
  steps: steps.map((s) => ({
    touchpoint: s.replace(/[?+]$/, ''),
    optional: s.endsWith('?'),
    repeatable: s.endsWith('+'),
  })),
});
const variant = (
  segment: string | undefined,
  touchpoints: string[],
  journeys: number,
  customers: number,
  customerIds?: string[],
): TVariantInput => ({ segment, touchpoints, journeys, customers, customerIds });

const online = journey('online', 'browse', 'cart?', 'pay', 'ship');
const store = journey('store', 'visit', 'pay');

describe('conformVariants: the example shop', () => {
  // Costs by hand (online worstCost = events + 3, store = events + 2):
  //   v0 online 0/7         v1 online 0/6          v2 online 1/7: repeated pay
  //   v3 store 0/4          v4 online 1/5: skipped pay
  //   v5 vip, v6 b2b: no ideal journey       v7 online 2/8: repeated pay twice
  const variants = [
    variant('retail', ['browse', 'cart', 'pay', 'ship'], 10, 8),
    variant('retail', ['browse', 'pay', 'ship'], 5, 5),
    variant('retail', ['browse', 'pay', 'pay', 'ship'], 4, 3),
    variant('retail', ['visit', 'pay'], 6, 6),
    variant('retail', ['browse', 'ship'], 2, 2),
    variant('vip', ['browse', 'pay'], 3, 3),
    variant('b2b', ['visit'], 1, 1),
    variant('retail', ['browse', 'pay', 'pay', 'pay', 'ship'], 1, 1),
  ];
  const bySegment = new Map([
    ['retail', [online, store]],
    ['b2b', []],
  ]);
  const report = conformVariants(variants, bySegment);

  test('keeps the best journey per variant, in input order', () => {
    expect(
      report.variants.map((v) =>
        v.status === 'aligned'
          ? [v.journeyId, v.alignment.cost, v.alignment.worstCost, v.deviations.map((d) => d.kind)]
          : [v.status, v.segment],
      ),
    ).toEqual([
      ['online', 0, 7, []],
      ['online', 0, 6, []],
      ['online', 1, 7, ['repeated']],
      ['store', 0, 4, []],
      ['online', 1, 5, ['skipped']],
      ['noIdealJourney', 'vip'],
      ['noIdealJourney', 'b2b'],
      ['online', 2, 8, ['repeated', 'repeated']],
    ]);
  });

  test('sums per ideal journey', () => {
    expect(report.byJourney).toEqual([
      {
        segment: 'retail',
        journeyId: 'online',
        variants: 5,
        journeys: 22,
        customers: 19,
        customersExact: false,
        // (10·1 + 5·1 + 4·6/7 + 2·4/5 + 1·6/8) / 22 = (2909/140) / 22
        meanFitness: expect.closeTo(2909 / 3080, 12) as number,
        perfectShare: 15 / 22,
      },
      {
        segment: 'retail',
        journeyId: 'store',
        variants: 1,
        journeys: 6,
        customers: 6,
        customersExact: false,
        meanFitness: 1,
        perfectShare: 1,
      },
    ]);
  });

  test('sums per segment, and lists segments without an ideal journey with their counts', () => {
    expect(report.bySegment).toEqual([
      {
        segment: 'retail',
        variants: 6,
        journeys: 28,
        customers: 25,
        customersExact: false,
        // (2909/140 + 6) / 28
        meanFitness: expect.closeTo(3749 / 3920, 12) as number,
        perfectShare: 0.75,
      },
    ]);
    expect(report.noIdealJourney).toEqual([
      { segment: 'vip', variants: 1, journeys: 3, customers: 3, customersExact: false },
      { segment: 'b2b', variants: 1, journeys: 1, customers: 1, customersExact: false },
    ]);
  });

  test('sums per deviation, most affected journey instances first', () => {
    expect(report.deviations).toEqual([
      {
        segment: 'retail',
        journeyId: 'online',
        kind: 'repeated',
        touchpoint: 'pay',
        variants: 2,
        journeys: 5,
        customers: 4,
        customersExact: false,
        occurrences: 6, // 1 × 4 + 2 × 1
        share: 5 / 22,
      },
      {
        segment: 'retail',
        journeyId: 'online',
        kind: 'skipped',
        touchpoint: 'pay',
        variants: 1,
        journeys: 2,
        customers: 2,
        customersExact: false,
        occurrences: 2,
        share: 2 / 22,
      },
    ]);
  });
});

describe('conformVariants: choosing between ideal journeys', () => {
  const withGift = journey('with-gift', 'browse', 'gift?', 'pay');
  const plain = journey('plain', 'browse', 'pay');
  const best = (journeys: TIdealJourneyLike[], trace: string[]) => {
    const [result] = conformVariants(
      [variant('s', trace, 1, 1)],
      new Map([['s', journeys]]),
    ).variants;
    return result?.status === 'aligned' ? result.journeyId : result?.status;
  };

  test.each<[string, TIdealJourneyLike[], string[], string]>([
    // Both cost 0 with worstCost 4 (fitness 1): the journey listed first wins.
    ['full tie, first listed', [withGift, plain], ['browse', 'pay'], 'with-gift'],
    ['full tie, first listed (reversed)', [plain, withGift], ['browse', 'pay'], 'plain'],
    // Both cost 1 (pay skipped): short 1 − 1/4 = 0.75 (ship optional), long 1 − 1/5 = 0.8.
    [
      'equal cost, higher fitness wins',
      [journey('short', 'browse', 'ship?', 'pay'), journey('long', 'browse', 'ship', 'pay')],
      ['browse', 'ship'],
      'long',
    ],
    // Both cost 2 with worstCost 4; 'first' has the higher lower bound (2 against 0), so it
    // is aligned second, and still wins for being listed first.
    [
      'full tie, aligned in another order',
      [journey('first', 'a', 'c'), journey('second', 'b', 'a')],
      ['a', 'b'],
      'first',
    ],
    // plain costs 1 (extra gift), with-gift costs 0.
    ['lower cost wins over listing', [plain, withGift], ['browse', 'gift', 'pay'], 'with-gift'],
  ])('%s', (_, journeys, trace, expected) => {
    expect(best(journeys, trace)).toBe(expected);
  });

  test('a journey no variant chose still gets a row, without fitness', () => {
    const report = conformVariants(
      [variant('s', ['browse', 'pay'], 2, 2)],
      new Map([['s', [plain, withGift]]]),
    );
    expect(report.byJourney.map((row) => [row.journeyId, row.journeys, row.meanFitness])).toEqual([
      ['plain', 2, 1],
      ['with-gift', 0, undefined],
    ]);
  });
});

describe('conformVariants: customers', () => {
  const ideal = journey('j', 'a');

  test('counts distinct customers when every variant names them', () => {
    const report = conformVariants(
      [
        variant(undefined, ['a'], 3, 2, ['c1', 'c2']),
        variant(undefined, ['a', 'x'], 2, 2, ['c2', 'c3']),
      ],
      new Map([[undefined, [ideal]]]),
    );
    expect(report.byJourney[0]).toMatchObject({ journeys: 5, customers: 3, customersExact: true });
    expect(report.deviations).toMatchObject([
      { kind: 'extra', touchpoint: 'x', journeys: 2, customers: 2, customersExact: true },
    ]);
  });

  test('reads a null segment (as the engine returns it) as no segment', () => {
    const report = conformVariants(
      [{ segment: null, touchpoints: ['a'], journeys: 2, customers: 1 }],
      new Map([[undefined, [ideal]]]),
    );
    expect(report.variants[0]).toMatchObject({ status: 'aligned', segment: undefined });
    expect(report.byJourney).toMatchObject([{ segment: undefined, journeyId: 'j', journeys: 2 }]);
  });

  test('falls back to a sum, marked inexact, when one variant does not', () => {
    const report = conformVariants(
      [variant(undefined, ['a'], 3, 2, ['c1', 'c2']), variant(undefined, ['a', 'x'], 2, 2)],
      new Map([[undefined, [ideal]]]),
    );
    expect(report.byJourney[0]).toMatchObject({ journeys: 5, customers: 4, customersExact: false });
  });
});

describe('conformVariants: the best journey', () => {
  test('is the one a plain scan of every journey finds, with the same alignment', () => {
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const letters = ['a', 'b', 'c', 'd', 'x'];
    const journeys = Array.from({ length: 6 }, (_, k) =>
      journey(
        `j${k}`,
        ...Array.from({ length: 1 + Math.floor(next() * 5) }, () =>
          pick(['a', 'b', 'c', 'd']).concat(pick(['', '', '?', '+'])),
        ),
      ),
    );
    const variants = Array.from({ length: 300 }, () =>
      variant(
        's',
        Array.from({ length: Math.floor(next() * 9) }, () => pick(letters)),
        1,
        1,
      ),
    );
    const report = conformVariants(variants, new Map([['s', journeys]]));
    variants.forEach((v, k) => {
      // Lowest cost, then highest fitness, then listed first: a strict improvement only.
      let best: { id: string; alignment: TAlignment } | undefined;
      for (const ideal of journeys) {
        const alignment = alignVariant(v.touchpoints, ideal);
        const { cost, fitness } = alignment;
        if (
          best === undefined ||
          cost < best.alignment.cost ||
          (cost === best.alignment.cost && fitness > best.alignment.fitness)
        ) {
          best = { id: ideal.id, alignment };
        }
      }
      const result = report.variants[k];
      const label = v.touchpoints.join(' ');
      expect(result?.status === 'aligned' && result.journeyId, label).toBe(best?.id);
      expect(result?.status === 'aligned' && result.alignment, label).toEqual(best?.alignment);
    });
  });
});

describe('conformVariants: determinism', () => {
  const ideal = journey('j', 'a', 'b+', 'c?', 'd');
  const long = Array.from({ length: 60 }, (_, i) => ['a', 'b', 'x', 'c', 'd'][i % 5]!);
  const variants = [
    variant('s', long, 1, 1),
    variant('s', ['a', 'c', 'b'], 1, 1),
    variant('s', ['d', 'b', 'b', 'a'], 1, 1),
  ];

  test('reused buffers give the same alignments as fresh ones', () => {
    const report = conformVariants(variants, new Map([['s', [ideal]]]));
    for (const [k, v] of variants.entries()) {
      const alone = alignVariant(v.touchpoints, ideal);
      expect(report.variants[k]).toEqual({
        status: 'aligned',
        variant: v,
        segment: 's',
        journeyId: 'j',
        alignment: alone,
        deviations: classifyDeviations(alone, v.touchpoints, ideal),
      });
    }
  });

  test('the same input gives the same report', () => {
    const journeys = new Map([['s', [ideal, journey('k', 'a', 'd')]]]);
    expect(conformVariants(variants, journeys)).toEqual(conformVariants(variants, journeys));
  });
});
