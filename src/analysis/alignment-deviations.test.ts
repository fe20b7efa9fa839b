import { describe, expect, test } from 'vitest';
import { classifyDeviations, type TDeviation } from './alignment-deviations.js';
import { alignVariant, type TIdealJourneyLike } from './alignment.js';

// Steps: 'a' required, 'a?' optional, 'a+' repeatable.
const journey = (...steps: string[]): TIdealJourneyLike => ({
  id: 'j',
  steps: steps.map((s) => ({
    touchpoint: s.replace(/[?+]$/, ''),
    optional: s.endsWith('?'),
    repeatable: s.endsWith('+'),
  })),
});
const skipped = (touchpoint: string, stepIndex: number): TDeviation => ({
  kind: 'skipped',
  touchpoint,
  stepIndex,
});
const extra = (touchpoint: string, traceIndex: number): TDeviation => ({
  kind: 'extra',
  touchpoint,
  traceIndex,
});
const repeated = (touchpoint: string, traceIndex: number): TDeviation => ({
  kind: 'repeated',
  touchpoint,
  traceIndex,
});
const outOfOrder = (touchpoint: string, stepIndex: number, traceIndex: number): TDeviation => ({
  kind: 'outOfOrder',
  touchpoint,
  stepIndex,
  traceIndex,
});

describe('classifyDeviations', () => {
  test.each<[string, string[], TIdealJourneyLike, TDeviation[]]>([
    ['perfect fit', ['a', 'b', 'c'], journey('a', 'b', 'c'), []],
    ['skipped required step', ['a', 'c'], journey('a', 'b', 'c'), [skipped('b', 1)]],
    ['skipped optional step is no deviation', ['a', 'c'], journey('a', 'b?', 'c'), []],
    ['extra step', ['a', 'x', 'b', 'c'], journey('a', 'b', 'c'), [extra('x', 1)]],
    [
      'extra step of a touchpoint in the journey, not a repeat',
      ['a', 'c', 'b', 'c'],
      journey('a', 'b', 'c'),
      [extra('c', 1)],
    ],
    ['immediate repeat', ['a', 'b', 'b', 'c'], journey('a', 'b', 'c'), [repeated('b', 2)]],
    ['return to a matched step', ['a', 'b', 'a', 'c'], journey('a', 'b', 'c'), [repeated('a', 2)]],
    [
      'return to a repeatable step after the next one',
      ['a', 'b', 'a', 'c'],
      journey('a+', 'b', 'c'),
      [repeated('a', 2)],
    ],
    [
      'a repeat after another event is a deviation, even of a repeatable step',
      ['a', 'x', 'a', 'b'],
      journey('a+', 'b'),
      [extra('x', 1), repeated('a', 2)],
    ],
    ['repeats of a repeatable step are no deviation', ['a', 'b', 'b', 'b'], journey('a', 'b+'), []],
    [
      // sync a, model b, sync c, log b: the pair sits at the model move.
      'out-of-order swap',
      ['a', 'c', 'b'],
      journey('a', 'b', 'c'),
      [outOfOrder('b', 1, 2)],
    ],
    [
      // model a, sync b, log b, sync c.
      'doubled event after a skip: skip, then repeat',
      ['b', 'b', 'c'],
      journey('a', 'b', 'c'),
      [skipped('a', 0), repeated('b', 1)],
    ],
    [
      // sync a, model b, sync a (step 2), log b: one out-of-order b, not repeat + skip.
      'a swap against a journey that returns to a step',
      ['a', 'a', 'b'],
      journey('a', 'b', 'a'),
      [outOfOrder('b', 1, 2)],
    ],
    [
      // sync a, model b (free), sync c, log b: the pair sits at the model move.
      'out-of-order optional step',
      ['a', 'c', 'b'],
      journey('a', 'b?', 'c'),
      [outOfOrder('b', 1, 2)],
    ],
    ['empty trace', [], journey('a', 'b?', 'c'), [skipped('a', 0), skipped('c', 2)]],
    ['empty journey', ['a', 'b'], journey(), [extra('a', 0), extra('b', 1)]],
    [
      'only unknown touchpoints',
      ['x', 'y'],
      journey('a', 'b'),
      [skipped('a', 0), skipped('b', 1), extra('x', 0), extra('y', 1)],
    ],
    [
      'an unknown touchpoint twice in a row',
      ['x', 'x'],
      journey('a'),
      [skipped('a', 0), extra('x', 0), repeated('x', 1)],
    ],
  ])('%s', (_, trace, ideal, expected) => {
    expect(classifyDeviations(alignVariant(trace, ideal), trace, ideal)).toEqual(expected);
  });

  test('never pairs a repeat with a skip', () => {
    // A hand-built optimal alignment of [a, a, b] to [a, b, a] (cost 2), which the tie order
    // does not pick: sync a, log a, sync b, model a.
    const ideal = journey('a', 'b', 'a');
    const moves = [
      { kind: 'sync', touchpoint: 'a', traceIndex: 0, stepIndex: 0 },
      { kind: 'log', touchpoint: 'a', traceIndex: 1 },
      { kind: 'sync', touchpoint: 'b', traceIndex: 2, stepIndex: 1 },
      { kind: 'model', touchpoint: 'a', stepIndex: 2 },
    ] as const;
    const alignment = { moves, cost: 2, worstCost: 6, fitness: 2 / 3 };
    expect(classifyDeviations(alignment, ['a', 'a', 'b'], ideal)).toEqual([
      repeated('a', 1),
      skipped('a', 2),
    ]);
  });

  test('pairs a log move with a required step before an optional one', () => {
    // Hand-built alignment of [b, a] to [a?, a, b]: model a? (0), model a (1), sync b, log a.
    const ideal = journey('a?', 'a', 'b');
    const moves = [
      { kind: 'model', touchpoint: 'a', stepIndex: 0 },
      { kind: 'model', touchpoint: 'a', stepIndex: 1 },
      { kind: 'sync', touchpoint: 'b', traceIndex: 0, stepIndex: 2 },
      { kind: 'log', touchpoint: 'a', traceIndex: 1 },
    ] as const;
    const alignment = { moves, cost: 2, worstCost: 4, fitness: 0.5 };
    expect(classifyDeviations(alignment, ['b', 'a'], ideal)).toEqual([outOfOrder('a', 1, 1)]);
  });
});
