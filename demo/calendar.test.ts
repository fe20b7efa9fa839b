import { describe, expect, test } from 'vitest';
import {
  DAY,
  PERIOD_END,
  PERIOD_START,
  dayIndex,
  isoSeconds,
  seasonalDay,
  timeOfDay,
} from './calendar.js';
import { Rng } from './prng.js';

describe('calendar', () => {
  test('isoSeconds formats like Date, inside and outside the period', () => {
    const rng = new Rng(3);
    const instants = [PERIOD_START, PERIOD_END - 1000, PERIOD_END, PERIOD_START - 1000];
    for (let i = 0; i < 2000; i++)
      instants.push(PERIOD_START + rng.int(0, 365 * 86_400 - 1) * 1000);
    for (const t of instants)
      expect(isoSeconds(t)).toBe(new Date(t).toISOString().slice(0, 19) + 'Z');
  });

  test('seasonal days stay in range and the Black Friday month outweighs February', () => {
    const rng = new Rng(4);
    const days = Array.from({ length: 20_000 }, () => seasonalDay(rng, 0, 365));
    expect(Math.min(...days)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...days)).toBeLessThan(365);
    const month = (m: number) =>
      days.filter((d) => new Date(PERIOD_START + d * DAY).getUTCMonth() === m).length;
    expect(month(10)).toBeGreaterThan(1.5 * month(1));
    expect(new Set(Array.from({ length: 200 }, () => seasonalDay(rng, 100, 103)))).toEqual(
      new Set([100, 101, 102]),
    );
  });

  test('online activity falls between 07:00 and midnight', () => {
    const rng = new Rng(5);
    const hours = Array.from({ length: 5000 }, () => timeOfDay(rng, 'online') / 3_600_000);
    expect(Math.min(...hours)).toBeGreaterThanOrEqual(7);
    expect(Math.max(...hours)).toBeLessThan(24);
    expect(dayIndex(PERIOD_START + DAY + 5)).toBe(1);
  });
});
