import { describe, expect, test } from 'vitest';
import { ZIdealJourney } from '../model/workspace-schema.js';
import { alignVariant, type TIdealJourneyLike, type TMove } from './alignment.js';

// Steps: 'a' required, 'a?' optional, 'a+' repeatable, 'a*' optional and repeatable.
const journey = (...steps: string[]): TIdealJourneyLike => ({
  id: 'j',
  steps: steps.map((s) => ({
    touchpoint: s.replace(/[?+*]$/, ''),
    optional: s.endsWith('?') || s.endsWith('*'),
    repeatable: s.endsWith('+') || s.endsWith('*'),
  })),
});
const sync = (touchpoint: string, traceIndex: number, stepIndex: number): TMove => ({
  kind: 'sync',
  touchpoint,
  traceIndex,
  stepIndex,
});
const log = (touchpoint: string, traceIndex: number): TMove => ({
  kind: 'log',
  touchpoint,
  traceIndex,
});
const model = (touchpoint: string, stepIndex: number): TMove => ({
  kind: 'model',
  touchpoint,
  stepIndex,
});

// Every expected value is worked out by hand from the costs: sync 0, log 1, model 1
// (optional 0); worstCost = events + required steps.
describe('alignVariant', () => {
  test.each<[string, string[], TIdealJourneyLike, TMove[], number, number, number]>([
    [
      'perfect fit',
      ['a', 'b', 'c'],
      journey('a', 'b', 'c'),
      [sync('a', 0, 0), sync('b', 1, 1), sync('c', 2, 2)],
      0,
      6,
      1,
    ],
    [
      'skipped required step',
      ['a', 'c'],
      journey('a', 'b', 'c'),
      [sync('a', 0, 0), model('b', 1), sync('c', 1, 2)],
      1,
      5,
      0.8,
    ],
    [
      'skipped optional step is free',
      ['a', 'c'],
      journey('a', 'b?', 'c'),
      [sync('a', 0, 0), model('b', 1), sync('c', 1, 2)],
      0,
      4,
      1,
    ],
    [
      'extra step',
      ['a', 'x', 'b', 'c'],
      journey('a', 'b', 'c'),
      [sync('a', 0, 0), log('x', 1), sync('b', 2, 1), sync('c', 3, 2)],
      1,
      7,
      6 / 7,
    ],
    [
      'repeat of a non-repeatable step is a log move',
      ['a', 'b', 'b', 'c'],
      journey('a', 'b', 'c'),
      [sync('a', 0, 0), sync('b', 1, 1), log('b', 2), sync('c', 3, 2)],
      1,
      7,
      6 / 7,
    ],
    [
      'repeatable step matched once',
      ['a', 'b', 'c'],
      journey('a', 'b+', 'c'),
      [sync('a', 0, 0), sync('b', 1, 1), sync('c', 2, 2)],
      0,
      6,
      1,
    ],
    [
      'repeatable step matched 5 times',
      ['a', 'b', 'b', 'b', 'b', 'b', 'c'],
      journey('a', 'b+', 'c'),
      [
        sync('a', 0, 0),
        sync('b', 1, 1),
        sync('b', 2, 1),
        sync('b', 3, 1),
        sync('b', 4, 1),
        sync('b', 5, 1),
        sync('c', 6, 2),
      ],
      0,
      10,
      1,
    ],
    [
      'repeatable but required step skipped',
      ['a', 'c'],
      journey('a', 'b+', 'c'),
      [sync('a', 0, 0), model('b', 1), sync('c', 1, 2)],
      1,
      5,
      0.8,
    ],
    [
      'optional repeatable step matched twice',
      ['a', 'b', 'b', 'c'],
      journey('a', 'b*', 'c'),
      [sync('a', 0, 0), sync('b', 1, 1), sync('b', 2, 1), sync('c', 3, 2)],
      0,
      6,
      1,
    ],
    [
      // The run of a's ends at x: the second a cannot repeat step 0.
      'a log move ends a run of repeats',
      ['a', 'x', 'a', 'b'],
      journey('a+', 'b'),
      [sync('a', 0, 0), log('x', 1), log('a', 2), sync('b', 3, 1)],
      2,
      6,
      2 / 3,
    ],
    [
      // Greedy "sync the next step" would leave the third a as a log move (cost 1).
      'optimal, not greedy: a repeatable step followed by the same touchpoint',
      ['a', 'a', 'a'],
      journey('a+', 'a'),
      [sync('a', 0, 0), sync('a', 1, 0), sync('a', 2, 1)],
      0,
      5,
      1,
    ],
    [
      // Tie (cost 2 both ways): model b first beats log c first.
      'out-of-order swap',
      ['a', 'c', 'b'],
      journey('a', 'b', 'c'),
      [sync('a', 0, 0), model('b', 1), sync('c', 1, 2), log('b', 2)],
      2,
      6,
      2 / 3,
    ],
    [
      'empty trace',
      [],
      journey('a', 'b?', 'c'),
      [model('a', 0), model('b', 1), model('c', 2)],
      2,
      2,
      0,
    ],
    ['empty journey', ['a', 'b'], journey(), [log('a', 0), log('b', 1)], 2, 2, 0],
    ['empty trace and empty journey', [], journey(), [], 0, 0, 1],
    [
      'only optional steps, empty trace',
      [],
      journey('a?', 'b*'),
      [model('a', 0), model('b', 1)],
      0,
      0,
      1,
    ],
    [
      // Tie (cost 4 all ways): model moves come before log moves.
      'only unknown touchpoints',
      ['x', 'y'],
      journey('a', 'b'),
      [model('a', 0), model('b', 1), log('x', 0), log('y', 1)],
      4,
      4,
      0,
    ],
    [
      // Tie (cost 2): model a first, so the first b is matched and the second is logged.
      'tie: model before log',
      ['b', 'b', 'c'],
      journey('a', 'b', 'c'),
      [model('a', 0), sync('b', 0, 1), log('b', 1), sync('c', 2, 2)],
      2,
      6,
      2 / 3,
    ],
    [
      // Tie (cost 1): sync the first a, log the second.
      'tie: sync before log',
      ['a', 'a'],
      journey('a'),
      [sync('a', 0, 0), log('a', 1)],
      1,
      3,
      2 / 3,
    ],
  ])('%s', (_, trace, ideal, moves, cost, worstCost, fitness) => {
    const alignment = alignVariant(trace, ideal);
    expect(alignment.moves).toEqual(moves);
    expect(alignment.cost).toBe(cost);
    expect(alignment.worstCost).toBe(worstCost);
    expect(alignment.fitness).toBeCloseTo(fitness, 12);
  });

  test('takes a validated workspace journey as it is', () => {
    const ideal = ZIdealJourney.parse({
      id: 'web',
      name: 'Web',
      segment: 'retail',
      steps: [{ touchpoint: 'a' }, { touchpoint: 'b', optional: true }],
    });
    const alignment = alignVariant(['a'], ideal);
    expect(alignment.moves).toEqual([sync('a', 0, 0), model('b', 1)]);
    expect(alignment.cost).toBe(0);
  });

  test('is deterministic and independent of earlier calls', () => {
    const ideal = journey('a', 'b+', 'c?', 'd');
    const trace = ['a', 'c', 'b', 'x', 'b', 'd', 'd'];
    const first = alignVariant(trace, ideal);
    alignVariant(['z', 'z', 'z', 'z', 'z', 'z', 'z', 'z', 'z'], journey('q', 'r', 's'));
    expect(alignVariant(trace, ideal)).toEqual(first);
  });
});

/**
 * An oracle written straight from the rules, without a table: try every alignment by
 * exhaustive search and keep the cheapest. `open` is the repeatable step the previous move
 * synced, or −1.
 */
function oracleCost(trace: readonly string[], ideal: TIdealJourneyLike): number {
  const steps = ideal.steps;
  const search = (i: number, j: number, open: number): number => {
    if (i === trace.length && j === steps.length) return 0;
    const options: number[] = [];
    if (i < trace.length) options.push(1 + search(i + 1, j, -1));
    const step = steps[j];
    if (step !== undefined) {
      options.push((step.optional === true ? 0 : 1) + search(i, j + 1, -1));
      if (trace[i] === step.touchpoint) {
        options.push(search(i + 1, j + 1, step.repeatable === true ? j : -1));
      }
    }
    if (open >= 0 && trace[i] === steps[open]?.touchpoint) options.push(search(i + 1, j, open));
    return Math.min(...options);
  };
  return search(0, 0, -1);
}

/** A seeded generator (mulberry32) so every run checks the same cases. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('alignVariant against an exhaustive oracle', () => {
  const next = random(20250101);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const cases = Array.from({ length: 400 }, () => ({
    trace: Array.from({ length: Math.floor(next() * 7) }, () => pick(['a', 'b', 'c', 'x'])),
    ideal: journey(
      ...Array.from({ length: Math.floor(next() * 5) }, () =>
        pick(['a', 'b', 'c']).concat(pick(['', '', '?', '+', '*'])),
      ),
    ),
  }));

  test('finds the minimum cost, with moves that replay the trace and walk the steps', () => {
    for (const { trace, ideal } of cases) {
      const { moves, cost, worstCost, fitness } = alignVariant(trace, ideal);
      const label = `${trace.join(' ')} on ${ideal.steps.map((s) => s.touchpoint).join(' ')}`;
      expect(cost, label).toBe(oracleCost(trace, ideal));
      const paid = moves.filter(
        (m) => m.kind === 'log' || (m.kind === 'model' && !ideal.steps[m.stepIndex]?.optional),
      );
      expect(paid.length, label).toBe(cost);
      const replayed = moves.flatMap((m) => (m.kind === 'model' ? [] : [m.traceIndex]));
      expect(replayed, label).toEqual(trace.map((_, i) => i));
      const stepsVisited = moves.flatMap((m) => (m.kind === 'log' ? [] : [m.stepIndex]));
      expect(stepsVisited, label).toEqual([...stepsVisited].sort((x, y) => x - y));
      expect(new Set(stepsVisited), label).toEqual(new Set(ideal.steps.map((_, j) => j)));
      const stepsSeen = new Set<number>();
      moves.forEach((move, k) => {
        if (move.kind === 'log') return;
        if (stepsSeen.has(move.stepIndex)) {
          // A step used again: a repeat, right after a sync of that same, repeatable step.
          expect(ideal.steps[move.stepIndex]?.repeatable, label).toBe(true);
          expect(moves[k - 1], label).toMatchObject({ kind: 'sync', stepIndex: move.stepIndex });
        }
        stepsSeen.add(move.stepIndex);
      });
      for (const m of moves.filter((m) => m.kind === 'sync')) {
        expect(ideal.steps[m.stepIndex]?.touchpoint, label).toBe(trace[m.traceIndex]);
      }
      expect(worstCost).toBe(trace.length + ideal.steps.filter((s) => !s.optional).length);
      expect(fitness).toBe(worstCost === 0 ? 1 : 1 - cost / worstCost);
    }
  });
});
