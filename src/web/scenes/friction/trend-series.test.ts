import { describe, expect, it } from 'vitest';
import {
  niceTicks,
  OTHER,
  periodLabel,
  periodRange,
  trendChart,
  trendLines,
  xTicks,
} from './trend-series.js';

describe('periodRange', () => {
  it.each([
    ['2025-02-27', '2025-03-02', 'day', ['2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02']],
    ['2024-12-30', '2025-01-13', 'week', ['2024-12-30', '2025-01-06', '2025-01-13']],
    ['2024-11-01', '2025-02-01', 'month', ['2024-11-01', '2024-12-01', '2025-01-01', '2025-02-01']],
    ['2025-03-01', '2025-03-01', 'month', ['2025-03-01']],
    // Across the change to summer time: periods are calendar dates, never shifted.
    ['2025-03-29', '2025-03-31', 'day', ['2025-03-29', '2025-03-30', '2025-03-31']],
  ] as const)('%s to %s by %s', (first, last, grain, expected) => {
    expect(periodRange(first, last, grain)).toEqual(expected);
  });
});

describe('trendLines', () => {
  const label = (v: string | null) => (v === null ? 'No segment' : v.toUpperCase());

  it('fills the periods without occurrences with zero, largest value first', () => {
    const { periods, lines } = trendLines(
      {
        values: [
          { value: 'vip', occurrences: 3, customers: 2 },
          { value: null, occurrences: 1, customers: 1 },
          { value: 'new', occurrences: 5, customers: 4 },
        ],
        series: [
          { period: '2025-01-01', value: 'new', occurrences: 2, customers: 2 },
          { period: '2025-01-01', value: 'vip', occurrences: 3, customers: 2 },
          { period: '2025-03-01', value: 'new', occurrences: 3, customers: 2 },
          { period: '2025-03-01', value: null, occurrences: 1, customers: 1 },
        ],
      },
      'month',
      label,
    );
    expect(periods).toEqual(['2025-01-01', '2025-02-01', '2025-03-01']);
    expect(lines.map((l) => [l.label, l.total, l.counts])).toEqual([
      ['NEW', 5, [2, 0, 3]],
      ['VIP', 3, [3, 0, 0]],
      ['No segment', 1, [0, 0, 1]],
    ]);
    expect(new Set(lines.map((l) => l.color)).size).toBe(3);
  });

  it('sums the values beyond the largest into Other', () => {
    const values = ['a', 'b', 'c', 'd'].map((v, i) => ({
      value: v,
      occurrences: 10 - i,
      customers: 1,
    }));
    const series = values.map((v) => ({ period: '2025-01-06', ...v }));
    const { lines } = trendLines({ values, series }, 'week', label, 3);
    expect(lines.map((l) => [l.value, l.label, l.total, l.counts])).toEqual([
      ['a', 'A', 10, [10]],
      ['b', 'B', 9, [9]],
      [OTHER, 'Other (2)', 15, [15]],
    ]);
  });

  it('has no periods without occurrences', () => {
    expect(trendLines({ values: [], series: [] }, 'day', label)).toEqual({
      periods: [],
      lines: [],
    });
  });
});

describe('the chart', () => {
  it.each([
    [0, [0, 1]],
    [3, [0, 1, 2, 3]],
    [7, [0, 2, 4, 6, 8]],
    [48, [0, 10, 20, 30, 40, 50]],
    [256, [0, 100, 200, 300]],
  ])('ticks up to %d are %j', (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks);
  });

  it('places each period and count', () => {
    const size = { width: 120, height: 110, left: 10, right: 10, top: 5, bottom: 5 };
    const chart = trendChart(
      ['2025-01-01', '2025-02-01', '2025-03-01'],
      [{ value: 'a', key: 'a', label: 'A', color: '#000', total: 6, counts: [0, 2, 4] }],
      'month',
      size,
    );
    // Plot 100 wide and 100 high; the top tick is 4.
    expect(chart.xs).toEqual([10, 60, 110]);
    expect(chart.paths).toEqual([{ key: 'a', color: '#000', d: 'M10 105 L60 55 L110 5' }]);
    expect(chart.yTicks.map((t) => [t.value, t.y])).toEqual([
      [0, 105],
      [1, 80],
      [2, 55],
      [3, 30],
      [4, 5],
    ]);
    expect(chart.xTicks.map((t) => t.label)).toEqual(['Jan 2025', 'Feb', 'Mar']);
  });

  it('labels the first period of each month, about twelve at most', () => {
    const days = periodRange('2024-12-30', '2025-02-02', 'day');
    expect(xTicks(days, 'day')).toEqual([
      { index: 0, label: 'Dec 2024' },
      { index: 2, label: 'Jan 2025' },
      { index: 33, label: 'Feb' },
    ]);
    const months = periodRange('2023-01-01', '2025-12-01', 'month');
    const ticks = xTicks(months, 'month');
    expect(ticks.length).toBe(12);
    expect(ticks.map((t) => t.label).slice(0, 5)).toEqual([
      'Jan 2023',
      'Apr',
      'Jul',
      'Oct',
      'Jan 2024',
    ]);
  });

  it.each([
    ['2025-03-14', 'day', 'Mar 14, 2025'],
    ['2025-03-10', 'week', 'Week of Mar 10, 2025'],
    ['2025-03-01', 'month', 'Mar 2025'],
  ] as const)('%s by %s reads %s', (iso, grain, text) => {
    expect(periodLabel(iso, grain)).toBe(text);
  });
});
