import { describe, expect, test } from 'vitest';
import { deviationsOf } from './deviations.js';
import type { TIdealJourney } from './ideal-journeys.js';

const journey: TIdealJourney = {
  id: 'j',
  name: 'J',
  segments: ['regular'],
  steps: [
    { touchpoint: 'ad', optional: true },
    { touchpoint: 'browse', repeatable: true },
    { touchpoint: 'pay' },
    { touchpoint: 'notice' },
    { touchpoint: 'deliver' },
  ],
};

describe('deviationsOf', () => {
  test.each([
    ['the ideal path', ['browse', 'browse', 'pay', 'notice', 'deliver'], true, []],
    ['an extra step', ['browse', 'pay', 'delay', 'notice', 'deliver'], true, ['extra:delay']],
    [
      'a non-repeatable step again',
      ['browse', 'pay', 'notice', 'deliver', 'deliver'],
      true,
      ['repeated:deliver'],
    ],
    [
      'a repeatable step after another',
      ['browse', 'pay', 'browse', 'notice', 'deliver'],
      true,
      ['repeated:browse'],
    ],
    ['out of order', ['browse', 'pay', 'deliver', 'notice'], true, ['outOfOrder:notice']],
    ['a skipped step', ['browse', 'pay', 'deliver'], true, ['skipped:notice']],
    ['an unfinished instance skips nothing', ['browse'], false, []],
  ])('%s', (_name, touchpoints, completed, expected) => {
    const found = deviationsOf(journey, touchpoints, completed).map(
      (d) => `${d.kind}:${d.touchpoint}`,
    );
    expect(found).toEqual(expected);
  });
});
