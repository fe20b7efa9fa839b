/**
 * The process map's graph builder: which transitions lie on the ideal path, which deviate,
 * what the threshold hides, what a selected variant forces into view, and the sizes ELK gets.
 */
import { describe, expect, it } from 'vitest';
import type { TProcessMap, TProcessMapJourney } from '../../../model/process-map.js';
import {
  buildProcessGraph,
  defaultThreshold,
  idealMoves,
  strokeWidth,
  thresholds,
} from './graph.js';

const journey = (steps: [string, ('optional' | 'repeatable')?][]): TProcessMapJourney => ({
  id: 'j',
  name: 'J',
  segment: 's',
  steps: steps.map(([touchpoint, flag]) => ({
    touchpoint,
    optional: flag === 'optional',
    repeatable: flag === 'repeatable',
  })),
});

const edge = (from: string, to: string, count: number) => ({
  from,
  to,
  count,
  meanSeconds: count * 60,
  medianSeconds: count * 30,
});

/** browse → cart → pay is designed (cart optional); "note" maps to no touchpoint. */
const MAP: TProcessMap = {
  modelVersion: 1,
  computedAt: '2025-01-01T00:00:00Z',
  filter: {
    segment: null,
    channel: null,
    from: null,
    to: null,
    fromInstant: null,
    toInstant: null,
  },
  cases: 10,
  events: 31,
  activities: [
    { activity: 'browse', count: 12, starts: 9, ends: 0, touchpoint: 'browse' },
    { activity: 'cart', count: 8, starts: 0, ends: 1, touchpoint: 'cart' },
    { activity: 'pay', count: 7, starts: 0, ends: 7, touchpoint: 'pay' },
    { activity: 'note', count: 4, starts: 1, ends: 2, touchpoint: null },
  ],
  edges: [
    edge('browse', 'cart', 8),
    edge('cart', 'pay', 6),
    edge('browse', 'pay', 1),
    edge('browse', 'browse', 2),
    edge('note', 'browse', 1),
    edge('cart', 'note', 1),
    edge('pay', 'cart', 1),
  ],
  variantsTotal: 3,
  variants: [
    { count: 6, share: 0.6, meanSeconds: 600, activities: ['browse', 'cart', 'pay'] },
    { count: 1, share: 0.1, meanSeconds: 60, activities: ['note', 'browse', 'cart', 'note'] },
  ],
  caseDurationSeconds: { mean: 500, median: 400, min: 10, max: 900 },
  idealJourney: null,
  choices: { segments: [], channels: [], months: [], idealJourneys: [] },
  names: { touchpoints: { browse: 'Browse', cart: 'Basket', pay: 'Payment' } },
};

const IDEAL = journey([['browse'], ['cart', 'optional'], ['pay']]);

describe('the ideal moves', () => {
  it.each([
    // [from positions, to positions, allowed]
    [[-1], [0], true], // start → first step
    [[-1], [1], false], // start → a step after a required one
    [[0], [1], true],
    [[0], [2], true], // the optional cart is skipped
    [[1], [2], true],
    [[2], [3], true], // last step → end
    [[1], [3], false], // pay skipped
    [[0], [0], false], // browse is not repeatable
    [[2], [1], false], // backwards
  ])('%j → %j is %s', (from, to, allowed) => {
    expect(idealMoves(IDEAL)(from, to)).toBe(allowed);
  });

  it('forgives repeating a repeatable step', () => {
    expect(idealMoves(journey([['call', 'repeatable']]))([0], [0])).toBe(true);
  });
});

describe('buildProcessGraph', () => {
  it('classes every transition against the ideal path', () => {
    const g = buildProcessGraph(MAP, { journey: IDEAL, minCount: 1, measure: 'frequency' });
    const classes = Object.fromEntries(g.edges.map((e) => [`${e.from}→${e.to}`, e.cls]));
    expect(classes).toEqual({
      'null→browse': 'ideal',
      'null→note': 'deviation',
      'browse→cart': 'ideal',
      'cart→pay': 'ideal',
      'browse→pay': 'ideal',
      'browse→browse': 'deviation',
      'note→browse': 'deviation',
      'cart→note': 'deviation',
      'pay→cart': 'deviation',
      'cart→null': 'deviation',
      'pay→null': 'ideal',
      'note→null': 'deviation',
    });
    expect(g.nodes.map((n) => [n.id, n.cls])).toEqual([
      ['start', 'terminal'],
      ['a:browse', 'ideal'],
      ['a:cart', 'ideal'],
      ['a:pay', 'ideal'],
      ['a:note', 'deviation'],
      ['end', 'terminal'],
    ]);
    expect(g.total).toEqual({ edges: 12, nodes: 4 });
    expect(g.hidden).toEqual({ edges: 0, nodes: 0 });
  });

  it('classes nothing without an ideal journey', () => {
    const g = buildProcessGraph(MAP, { journey: null, minCount: 1, measure: 'frequency' });
    expect(new Set(g.edges.map((e) => e.cls))).toEqual(new Set(['plain']));
  });

  it.each([
    // threshold, edges shown, activities shown
    [1, 12, 4],
    [2, 6, 4],
    [3, 4, 3],
    [7, 3, 3],
    [9, 1, 1],
    [10, 0, 0],
  ])('at a threshold of %i shows %i transitions and %i activities', (minCount, edges, nodes) => {
    const g = buildProcessGraph(MAP, { journey: IDEAL, minCount, measure: 'frequency' });
    expect(g.edges.length).toBe(edges);
    expect(g.nodes.filter((n) => n.activity !== null).length).toBe(nodes);
    expect(g.hidden).toEqual({ edges: 12 - edges, nodes: 4 - nodes });
    expect(g.layoutInput.nodes.length).toBe(g.nodes.length);
    expect(g.layoutInput.edges.length).toBe(edges);
  });

  it('keeps the selected variant in view whatever the threshold, and marks its path', () => {
    const variant = MAP.variants[1]?.activities;
    const g = buildProcessGraph(MAP, {
      journey: IDEAL,
      minCount: 5,
      measure: 'frequency',
      variant,
    });
    const marked = g.edges.filter((e) => e.inVariant).map((e) => `${e.from}→${e.to}`);
    expect(marked).toEqual(['null→note', 'browse→cart', 'note→browse', 'cart→note', 'note→null']);
    expect(g.nodes.filter((n) => n.inVariant).map((n) => n.activity)).toEqual([
      'browse',
      'cart',
      'note',
    ]);
    // Four transitions pass the threshold (one of them, browse→cart, is the variant's too).
    expect(g.edges.length).toBe(4 + 4);
  });

  it('labels transitions by frequency or by time', () => {
    const label = (measure: 'frequency' | 'mean' | 'median') =>
      buildProcessGraph(MAP, { journey: IDEAL, minCount: 1, measure }).edges.find(
        (e) => e.from === 'browse' && e.to === 'cart',
      )?.label;
    expect([label('frequency'), label('mean'), label('median')]).toEqual(['8', '8 min', '4 min']);
    const start = buildProcessGraph(MAP, { journey: IDEAL, minCount: 1, measure: 'mean' }).edges[0];
    expect([start?.from, start?.label]).toEqual([null, '']);
  });

  it('draws the most frequent transition thickest', () => {
    const g = buildProcessGraph(MAP, { journey: IDEAL, minCount: 1, measure: 'frequency' });
    const widths = Object.fromEntries(g.edges.map((e) => [`${e.from}→${e.to}`, e.width]));
    expect(widths['null→browse']).toBe(9);
    expect(widths['browse→pay']).toBeCloseTo(1 + 8 * Math.sqrt(1 / 9), 10);
    expect([strokeWidth(0, 10), strokeWidth(10, 10), strokeWidth(3, 0)]).toEqual([1, 9, 1]);
  });

  it('asks the layout for the node sizes and room for the labels, and nothing else', () => {
    const g = buildProcessGraph(MAP, { journey: IDEAL, minCount: 1, measure: 'frequency' });
    const browse = g.nodes.find((n) => n.activity === 'browse');
    expect(browse).toMatchObject({ label: 'browse', detail: 'Browse · 12', height: 44 });
    expect(g.layoutInput.nodes.find((c) => c.id === 'a:browse')).toEqual({
      id: 'a:browse',
      width: browse?.width,
      height: 44,
    });
    const first = g.edges[0];
    expect(first).toMatchObject({ source: 'start', target: 'a:browse', label: '9' });
    expect(g.layoutInput.edges[0]).toEqual({
      id: first?.id,
      source: 'start',
      target: 'a:browse',
      label: { width: 12, height: 14 },
    });
  });

  it('offers each distinct count as a threshold', () => {
    expect(thresholds(MAP)).toEqual([1, 2, 6, 7, 8, 9]);
  });
});

describe('defaultThreshold', () => {
  it.each([
    [12, 1], // everything fits
    [11, 2], // the six of one journey go together: 6 shown
    [4, 3], // 9, 8, 7, 6 shown
    [1, 9],
  ])('with room for %i transitions opens at %i', (room, threshold) => {
    expect(defaultThreshold(MAP, room)).toBe(threshold);
  });
});
