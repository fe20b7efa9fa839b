import { describe, expect, it } from 'vitest';
import { monthlyTrend, monthRange } from './trend.js';

describe('monthlyTrend', () => {
  it('fits a least-squares slope and judges it relative to the mean', () => {
    expect(monthlyTrend([10, 20, 30])).toEqual({
      direction: 'rising',
      perMonth: 10,
      relative: 0.5,
      months: 3,
    });
    expect(monthlyTrend([30, 20, 10]).direction).toBe('falling');
    // 1 per month on a mean of 100 is 1%: flat.
    expect(monthlyTrend([99, 100, 101]).direction).toBe('flat');
  });

  it('leaves out the first and last month of five or more (usually partial)', () => {
    // The partial months 2 and 1 would make a falling series of a steady one.
    expect(monthlyTrend([2, 50, 50, 50, 1])).toEqual({
      direction: 'flat',
      perMonth: 0,
      relative: 0,
      months: 3,
    });
  });

  it('is flat without enough months or occurrences', () => {
    expect(monthlyTrend([5]).direction).toBe('flat');
    expect(monthlyTrend([0, 0, 0]).relative).toBe(0);
  });
});

it('lists every month between two, across a year end', () => {
  expect(monthRange('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  expect(monthRange('2025-03', '2025-03')).toEqual(['2025-03']);
});
