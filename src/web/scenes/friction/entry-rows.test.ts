import { describe, expect, it } from 'vitest';
import { entryRows, sparkline, trendText } from './entry-rows.js';
import type { TFrictionEntry } from './types.js';

const entry: TFrictionEntry = {
  type: 'repeat_contact',
  touchpoint: 'call',
  stage: 'Support',
  team: 'care',
  occurrences: 120,
  customers: 45,
  firstSeen: '2025-01-02T10:00:00.000Z',
  lastSeen: '2025-03-30T10:00:00.000Z',
  perDay: [],
  perWeek: [],
  perMonth: [
    { period: '2025-01-01', occurrences: 30, customers: 12 },
    { period: '2025-03-01', occurrences: 90, customers: 40 },
  ],
  trend: { direction: 'rising', perMonth: 30, relative: 0.5, months: 3 },
};

describe('entryRows', () => {
  it('names the type, touchpoint and team, and divides by the months analysed', () => {
    const [row] = entryRows(
      [entry],
      4,
      {
        touchpoints: { call: 'Phone call' },
        teams: { care: 'Customer care' },
      },
      ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01'],
    );
    expect(row).toMatchObject({
      key: 'repeat_contact|call',
      typeLabel: 'Repeat contact',
      touchpointName: 'Phone call',
      teamName: 'Customer care',
      customers: 45,
      occurrences: 120,
      perMonth: 30,
    });
    expect(row?.months).toEqual([
      { period: '2025-01-01', occurrences: 30 },
      { period: '2025-02-01', occurrences: 0 },
      { period: '2025-03-01', occurrences: 90 },
      { period: '2025-04-01', occurrences: 0 },
    ]);
  });

  it('keeps an id without a name, and has no rate without a period', () => {
    const [row] = entryRows([{ ...entry, type: 'odd_thing' }], 0, { touchpoints: {}, teams: {} });
    expect(row).toMatchObject({ typeLabel: 'odd thing', touchpointName: 'call', teamName: 'care' });
    expect(row?.perMonth).toBeNull();
  });
});

describe('how a trend reads', () => {
  it.each([
    [{ direction: 'rising', perMonth: 11.9, relative: 0.0896, months: 10 }, 'rising 9.0% a month'],
    [{ direction: 'falling', perMonth: -2, relative: -0.125, months: 6 }, 'falling 12.5% a month'],
    [{ direction: 'flat', perMonth: 0.1, relative: 0.01, months: 6 }, 'flat'],
  ] as const)('%j is %s', (trend, text) => {
    expect(trendText(trend)).toBe(text);
  });

  it('draws a sparkline from the bottom up', () => {
    expect(sparkline([0, 5, 10], 80, 20)).toBe('M0 20 L40 10 L80 0');
    expect(sparkline([3], 80, 20)).toBe('M0 0');
    expect(sparkline([])).toBe('');
  });
});
