import { describe, expect, it, test } from 'vitest';
import type {
  TMapDeviation,
  TMapStep,
  TMapTouchpoint,
} from '../../../service/journey-map-types.js';
import { layoutJourneyMap, SIZES, wrapText, type TMap } from './journey-map-layout.js';

const touchpoint = (id: string, stage: string, channel: string): TMapTouchpoint => ({
  id,
  name: id.replace(/-/g, ' '),
  description: null,
  stage,
  channel,
  owner: 'team',
  ownerName: 'Team',
  layer: 'frontstage',
  momentOfTruth: false,
  moments: [],
  onJourney: true,
  volume: { steps: 0, customers: 0, journeys: 0 },
  volumeAll: { steps: 0, customers: 0, journeys: 0 },
  frictions: [],
  frictionPerMonth: 0,
  frictionPerMonthAll: 0,
  satisfaction: [],
  verbatims: { total: 0, ofSegment: 0, examples: [] },
});

const step = (index: number, tp: string, expected: number | null = null): TMapStep => ({
  index,
  touchpoint: tp,
  expected,
  measured: null,
  responses: 0,
  followed: 0,
  outOfOrder: 0,
  missed: 0,
  share: 0,
});

const deviation = (kind: TMapDeviation['kind'], tp: string, journeys: number): TMapDeviation => ({
  kind,
  touchpoint: tp,
  journeys,
  customers: journeys,
  share: journeys / 100,
  occurrences: journeys,
  perMonth: journeys / 12,
});

const map = (over: Partial<TMap> = {}): TMap => ({
  segment: { id: 's', name: 'S' },
  journey: { id: 'j', name: 'J', description: null },
  stages: ['Awareness', 'Interest', 'Purchase', 'Support'],
  channels: ['web', 'email', 'phone'],
  conformance: { journeys: 100, customers: 90, meanFitness: 0.9, perfectShare: 0.5 },
  steps: [step(0, 'ad', 0), step(1, 'browse', 1), step(2, 'mail', 1), step(3, 'pay', 0)],
  touchpoints: [
    touchpoint('ad', 'Awareness', 'web'),
    touchpoint('browse', 'Interest', 'web'),
    touchpoint('mail', 'Purchase', 'email'),
    touchpoint('pay', 'Purchase', 'web'),
    { ...touchpoint('call', 'Support', 'phone'), onJourney: false },
  ],
  deviations: [],
  minResponses: 30,
  segmentNames: {},
  ...over,
});

const { label, slot, header, card, lanePadding } = SIZES;
const lane = card.height + 2 * lanePadding;
const inset = (slot - card.width) / 2;

describe('wrapText', () => {
  test.each([
    ['Payment', 19, ['Payment']],
    ['Order confirmation e-mail', 19, ['Order confirmation', 'e-mail']],
    ['Browse the webshop on a rainy Sunday', 19, ['Browse the webshop', 'on a rainy Sunday']],
    [
      'Browse the webshop on a rainy Sunday afternoon',
      19,
      ['Browse the webshop', 'on a rainy Sunday…'],
    ],
    ['Supercalifragilisticexpialidocious', 10, ['Supercali…']],
    ['  spaced   out  ', 19, ['spaced out']],
  ])('%s in %i characters', (text, width, lines) => {
    expect(wrapText(text, width)).toEqual(lines);
  });
});

describe('layoutJourneyMap', () => {
  it('puts stages with a card in columns and channels with a card in lanes, in workspace order', () => {
    const layout = layoutJourneyMap(map());
    // Support has only the off-journey call, and no deviation shows it: no column, no lane.
    expect(layout.columns).toEqual([
      { stage: 'Awareness', x: label, width: slot },
      { stage: 'Interest', x: label + slot, width: slot },
      // The e-mail and the payment stand one above the other: different lanes, one slot.
      { stage: 'Purchase', x: label + 2 * slot, width: slot },
    ]);
    expect(layout.lanes).toEqual([
      { channel: 'web', y: header, height: lane },
      { channel: 'email', y: header + lane, height: lane },
    ]);
    expect(layout.cards.map((c) => [c.touchpoint, c.step, c.x, c.y])).toEqual([
      ['ad', 0, label + inset, header + lanePadding],
      ['browse', 1, label + slot + inset, header + lanePadding],
      ['mail', 2, label + 2 * slot + inset, header + lane + lanePadding],
      ['pay', 3, label + 2 * slot + inset, header + lanePadding],
    ]);
    // Their emotion points sit side by side, in step order.
    expect(layout.emotion.points.map((p) => p.x)).toEqual([
      label + slot / 2,
      label + slot + slot / 2,
      label + 2 * slot + slot / 3,
      label + 2 * slot + (2 * slot) / 3,
    ]);
    expect(layout.width).toBe(label + 3 * slot + SIZES.right);
    expect(layout.height).toBe(header + 2 * lane + SIZES.emotion.gap + SIZES.emotion.height);
  });

  it('gives cards of one stage and lane a slot each, in step order', () => {
    const layout = layoutJourneyMap(
      map({
        steps: [step(0, 'mail'), step(1, 'pay'), step(2, 'checkout'), step(3, 'receipt')],
        touchpoints: [
          touchpoint('mail', 'Purchase', 'email'),
          touchpoint('pay', 'Purchase', 'web'),
          touchpoint('checkout', 'Purchase', 'web'),
          touchpoint('receipt', 'Purchase', 'email'),
        ],
      }),
    );
    expect(layout.cards.map((c) => [c.touchpoint, (c.x - label - inset) / slot])).toEqual([
      ['mail', 0],
      ['pay', 0],
      ['checkout', 1],
      ['receipt', 1],
    ]);
    expect(layout.columns).toEqual([{ stage: 'Purchase', x: label, width: 2 * slot }]);
  });

  it('breaks names to fit the card, shorter beside a moment of truth star', () => {
    const layout = layoutJourneyMap(
      map({
        touchpoints: [
          { ...touchpoint('ad', 'Awareness', 'web'), name: 'Assembly service' },
          {
            ...touchpoint('browse', 'Interest', 'web'),
            name: 'Assembly service',
            momentOfTruth: true,
          },
          {
            ...touchpoint('mail', 'Purchase', 'email'),
            name: 'Assembly service',
            moments: ['Third'],
          },
          touchpoint('pay', 'Purchase', 'web'),
        ],
      }),
    );
    expect(layout.cards.map((c) => c.lines)).toEqual([
      ['Assembly service'],
      ['Assembly', 'service'],
      ['Assembly', 'service'],
      ['pay'],
    ]);
  });

  it('draws a touchpoint the journey visits twice once, with a point per step', () => {
    const layout = layoutJourneyMap(
      map({ steps: [step(0, 'browse', 1), step(1, 'pay', 0), step(2, 'browse', -1)] }),
    );
    expect(layout.cards.map((c) => [c.touchpoint, c.step])).toEqual([
      ['browse', 0],
      ['pay', 1],
    ]);
    const x = label + inset + card.width / 2;
    expect(layout.emotion.points.map((p) => [p.step, p.x, p.expected?.value])).toEqual([
      [0, x, 1],
      [1, x + slot, 0],
      [2, x, -1],
    ]);
  });

  it('numbers the top five deviations and gives the off-journey ones a card of their own', () => {
    const layout = layoutJourneyMap(
      map({
        deviations: [
          deviation('skipped', 'mail', 40),
          deviation('extra', 'call', 30),
          deviation('repeated', 'browse', 20),
          deviation('outOfOrder', 'mail', 10),
          deviation('repeated', 'pay', 5),
          deviation('extra', 'nowhere', 4),
        ],
      }),
    );
    expect(layout.deviations.map((d) => [d.rank, d.kind, d.touchpoint])).toEqual([
      [1, 'skipped', 'mail'],
      [2, 'extra', 'call'],
      [3, 'repeated', 'browse'],
      [4, 'outOfOrder', 'mail'],
      [5, 'repeated', 'pay'],
    ]);
    expect(layout.cards.map((c) => [c.touchpoint, c.onJourney, c.deviations])).toEqual([
      ['ad', true, []],
      ['browse', true, [3]],
      ['mail', true, [1, 4]],
      ['pay', true, [5]],
      ['call', false, [2]],
    ]);
    expect(layout.columns.at(-1)).toEqual({ stage: 'Support', x: label + 3 * slot, width: slot });
    expect(layout.lanes.map((l) => l.channel)).toEqual(['web', 'email', 'phone']);
  });

  it('places the emotion on −2…+2, +2 at the top, measured values beyond it at the edge', () => {
    const layout = layoutJourneyMap(
      map({
        steps: [
          { ...step(0, 'ad', 2), measured: { value: 1, low: 0.5, high: 3 } },
          { ...step(1, 'browse', -2), measured: null },
        ],
      }),
    );
    const { top, height, ticks } = layout.emotion;
    const { padding } = SIZES.emotion;
    expect(ticks).toEqual([
      { value: 2, y: top + padding },
      { value: 0, y: top + height / 2 },
      { value: -2, y: top + height - padding },
    ]);
    const [first, second] = layout.emotion.points;
    expect(first?.expected).toEqual({ value: 2, y: top + padding });
    const quarter = (height - 2 * padding) / 4;
    expect(first?.measured).toEqual({
      value: 1,
      y: top + padding + quarter,
      low: top + padding + 1.5 * quarter,
      high: top + padding,
    });
    expect(second?.measured).toBeNull();
    expect(second?.expected?.y).toBe(top + height - padding);
  });
});
