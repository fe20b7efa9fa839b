/** The process map's months: read in the workspace's time zone, across year ends and DST. */
import { describe, expect, it } from 'vitest';
import { monthOf, monthStart, nextMonth } from './process-map.js';

describe('months of the process map', () => {
  it.each([
    ['2025-03', 'UTC', '2025-03-01T00:00:00.000Z'],
    ['2025-03', 'Europe/Paris', '2025-02-28T23:00:00.000Z'],
    ['2025-04', 'Europe/Paris', '2025-03-31T22:00:00.000Z'],
    ['2025-01', 'America/New_York', '2025-01-01T05:00:00.000Z'],
    ['2025-07', 'Asia/Kolkata', '2025-06-30T18:30:00.000Z'],
  ])('%s starts in %s at %s', (month, zone, instant) => {
    expect(monthStart(month, zone)).toBe(instant);
    expect(monthOf(instant, zone)).toBe(month);
  });

  it('counts to the next month across the year end', () => {
    expect([nextMonth('2025-09'), nextMonth('2025-12')]).toEqual(['2025-10', '2026-01']);
  });
});
