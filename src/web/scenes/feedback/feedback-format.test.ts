import { describe, expect, it } from 'vitest';
import {
  byKind,
  dimensionValue,
  gapInterval,
  gapSubject,
  gapValue,
  kindLabel,
  measureInterval,
  measureValue,
  quoteParts,
} from './feedback-format.js';
import type { TFeedbackGap } from './types.js';

const names = {
  touchpoints: { 'phone-agent': 'Phone agent', 'help-centre': 'Help centre' },
  teams: { care: 'Customer care' },
  segments: { vip: 'VIP' },
  idealJourneys: { 'self-service-vip': 'Solved in the help centre (VIP)' },
};

describe('figures by measure', () => {
  it.each([
    [measureValue('satisfied share', 0.774281805745554), '77.4%'],
    [measureValue('nps', 21.13095238095238), '+21'],
    [measureValue('nps', -25.4), '−25'],
    [measureValue('mean', 4.0510948905109485), '4.05'],
    [measureValue('mean', null), '–'],
    [measureInterval('satisfied share', 0.7425877438579548, 0.8031081952954272), '74.3–80.3%'],
    [measureInterval('nps', 15.65894748009235, 26.60295728181241), '+16 to +27'],
    [measureInterval('mean', 3.8109994881011504, 4.291190292920747), '3.81–4.29'],
    [measureInterval('mean', null, 4), '–'],
    [gapValue('satisfied share', -0.6652931854199684), '−66.5 pts'],
    [gapValue('nps', -51.035474327425554), '−51.0 pts'],
    [gapValue('mean', -1.6257527733755945), '−1.63'],
    [
      gapInterval('satisfied share', -0.7362667041357827, -0.571893391305606),
      '−73.6 pts to −57.2 pts',
    ],
    [kindLabel('csat'), 'CSAT'],
    [kindLabel('effort_7'), 'effort_7'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('what a gap compares', () => {
  const gap = (g: Partial<TFeedbackGap>): TFeedbackGap =>
    ({
      source: 'friction',
      type: null,
      touchpoint: null,
      journey: null,
      segment: null,
      ...g,
    }) as TFeedbackGap;
  it.each([
    [gap({ type: 'repeat_contact' }), 'Repeat contact (any touchpoint)'],
    [gap({ type: 'wait', touchpoint: 'phone-agent' }), 'Long wait at Phone agent'],
    [gap({ source: 'touchpoint', touchpoint: 'help-centre' }), 'Visited Help centre'],
    [
      gap({
        source: 'deviation',
        type: 'skipped',
        touchpoint: 'help-centre',
        journey: 'self-service-vip',
        segment: 'vip',
      }),
      'Skipped step: Help centre in Solved in the help centre (VIP)',
    ],
    [gap({ source: 'touchpoint', touchpoint: 'gone' }), 'Visited gone'],
  ])('%#: %s', (g, text) => {
    expect(gapSubject(g, names)).toBe(text);
  });
});

describe('dimension values', () => {
  it.each([
    ['touchpoint', 'phone-agent', 'Phone agent'],
    ['segment', null, 'No segment'],
    ['channel', null, 'Not attributed'],
    ['channel', 'web', 'Web'],
    ['month', '2025-03', 'Mar 2025'],
    ['team', 'care', 'Customer care'],
    ['stage', 'Support', 'Support'],
  ] as const)('%s %s reads %s', (by, value, text) => {
    expect(dimensionValue(by, value, names)).toBe(text);
  });
});

describe('quoteParts', () => {
  it('marks the highlights, in order, once', () => {
    expect(
      quoteParts('The late fee was late.', [
        [17, 21],
        [4, 8],
      ]),
    ).toEqual([
      { text: 'The ', mark: false },
      { text: 'late', mark: true },
      { text: ' fee was ', mark: false },
      { text: 'late', mark: true },
      { text: '.', mark: false },
    ]);
    expect(quoteParts('abc', [])).toEqual([{ text: 'abc', mark: false }]);
    // Overlapping highlights do not repeat text.
    expect(
      quoteParts('abcdef', [
        [0, 4],
        [2, 5],
      ]),
    ).toEqual([
      { text: 'abcd', mark: true },
      { text: 'e', mark: true },
      { text: 'f', mark: false },
    ]);
  });
});

it('orders the survey kinds CSAT, NPS, CES, then the custom ones', () => {
  expect(
    byKind([
      { kind: 'ces' },
      { kind: 'zeta' },
      { kind: 'nps' },
      { kind: 'alpha' },
      { kind: 'csat' },
    ]).map((k) => k.kind),
  ).toEqual(['csat', 'nps', 'ces', 'alpha', 'zeta']);
});
