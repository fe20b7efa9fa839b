import { describe, expect, it } from 'vitest';
import {
  intervalDomain,
  intervalLayout,
  intervalTicks,
  type TIntervalInput,
} from './interval-rows.js';

const row = (
  key: string,
  value: number | null,
  low?: number,
  high?: number,
  n = 40,
): TIntervalInput => ({
  key,
  label: key,
  n,
  suppressed: value === null,
  score: value === null ? null : { value, low: low ?? null, high: high ?? null },
});

describe('the axis', () => {
  it.each([
    ['satisfied share', null, [0, 1]],
    ['nps', null, [-100, 100]],
    ['mean', { min: 1, max: 7 }, [1, 7]],
  ] as const)('of %s is the whole range', (measure, scale, domain) => {
    expect(intervalDomain(measure, scale, [])).toEqual(domain);
  });

  it('of a mean without a scale spans the intervals, to whole points', () => {
    expect(
      intervalDomain('mean', null, [row('a', 3.2, 2.6, 3.9), row('b', 4.1, 3.5, 4.4)]),
    ).toEqual([2, 5]);
    expect(intervalDomain('mean', null, [row('a', 3, 3, 3)])).toEqual([2, 4]);
  });

  it('has ticks that suit the measure', () => {
    expect(intervalTicks('satisfied share', [0, 1])).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(intervalTicks('mean', [1, 7])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(intervalTicks('mean', [0, 20])).toEqual([0, 3, 6, 9, 12, 15, 18]);
  });
});

describe('intervalLayout', () => {
  const size = { width: 300, labelWidth: 100, nWidth: 0, rowHeight: 20, top: 0, axis: 20 };

  it('places the figure and its interval, and draws nothing for a suppressed row', () => {
    const layout = intervalLayout(
      [row('a', 0.5, 0.25, 0.75), row('b', null, undefined, undefined, 6), row('c', 1.2, 0.9, 1.4)],
      [0, 1],
      [0, 0.5, 1],
      0.8,
      size,
    );
    expect(layout.height).toBe(80);
    expect(layout.ticks).toEqual([
      { value: 0, x: 100 },
      { value: 0.5, x: 200 },
      { value: 1, x: 300 },
    ]);
    expect(layout.reference).toBe(260);
    expect(layout.rows.map((r) => [r.key, r.y, r.x, r.x1, r.x2])).toEqual([
      ['a', 10, 200, 150, 250],
      ['b', 30, null, null, null],
      // Beyond the axis: held at its end.
      ['c', 50, 300, 280, 300],
    ]);
  });
});
