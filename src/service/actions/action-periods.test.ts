import { describe, expect, it } from 'vitest';
import { aroundChange, baselinePeriod, dataEndOf, readiness } from './action-periods.js';

describe('the periods of an action', () => {
  it('ends the data at the UTC midnight after the latest event', () => {
    expect(dataEndOf('2025-12-31T23:59:59Z')).toBe('2026-01-01T00:00:00.000Z');
    expect(dataEndOf('2026-01-01T00:00:00Z')).toBe('2026-01-02T00:00:00.000Z');
    expect(dataEndOf(null)).toBeNull();
  });

  it.each([
    // change date known and within the data: the window before it
    [
      '2025-10-01T00:00:00Z',
      '2026-01-01T00:00:00.000Z',
      28,
      '2025-09-03T00:00:00.000Z',
      '2025-10-01T00:00:00.000Z',
    ],
    // change date after the data (or unknown): the window before the end of the data
    [
      '2026-03-01T00:00:00Z',
      '2026-01-01T00:00:00.000Z',
      7,
      '2025-12-25T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ],
    [null, '2026-01-01T00:00:00.000Z', 90, '2025-10-03T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
  ])('baseline for change %s, data end %s, %i days', (change, end, days, from, to) => {
    expect(baselinePeriod(change, end, days)).toEqual({ period: { from, to } });
  });

  it('has no baseline without data', () => {
    expect(baselinePeriod(null, null, 28)).toEqual({
      note: 'no events yet: measure again once data is imported',
    });
  });

  it('measures windows of the same length either side of the change', () => {
    expect(aroundChange('2026-01-01T00:00:00.000Z', 90)).toEqual({
      before: { from: '2025-10-03T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' },
      after: { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
      measurableFrom: '2026-04-01T00:00:00.000Z',
    });
  });

  it('is ready once the data reaches the end of the window after the change', () => {
    const change = '2026-01-01T00:00:00.000Z';
    expect(readiness(change, 90, '2026-04-01T00:00:00.000Z')).toEqual({ ready: true });
    expect(readiness(change, 90, '2026-03-31T00:00:00.000Z')).toEqual({
      ready: false,
      reason: 'the 90-day window after the change ends 2026-04-01; the data reaches 2026-03-30',
    });
    expect(readiness(null, 90, '2026-03-31T00:00:00.000Z')).toMatchObject({ ready: false });
  });
});
