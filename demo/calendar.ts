/**
 * Time for the demo: the 2025 period in UTC epoch milliseconds, seasonality (January sales,
 * Black Friday, the Christmas peak), opening hours per channel and ISO formatting. Everything
 * is integer milliseconds so the output never depends on the machine's time zone.
 */
import type { Rng } from './prng.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const PERIOD_START = Date.UTC(2025, 0, 1);
/** Exclusive: events at or after this instant are not in the extract. */
export const PERIOD_END = Date.UTC(2026, 0, 1);
export const PERIOD_DAYS = (PERIOD_END - PERIOD_START) / DAY;

/** Peak season: delivery networks and contact centres are stretched from here to the end. */
export const PEAK_START = Date.UTC(2025, 10, 20);

const MONTH_WEIGHT = [1.05, 0.8, 0.85, 0.9, 0.95, 0.9, 0.95, 0.9, 0.95, 1.0, 1.45, 1.35];
const WEEKDAY_WEIGHT = [1.25, 0.9, 0.9, 0.95, 0.95, 1.05, 1.3]; // Sunday first

function dayWeight(day: number): number {
  const date = new Date(PERIOD_START + day * DAY);
  let w = (MONTH_WEIGHT[date.getUTCMonth()] ?? 1) * (WEEKDAY_WEIGHT[date.getUTCDay()] ?? 1);
  // Black Friday week (24 Nov – 1 Dec 2025).
  if (day >= 327 && day <= 334) w *= 1.9;
  return w;
}

/** prefix[d] = total weight of days before d; prefix[PERIOD_DAYS] = total. */
const PREFIX: number[] = [0];
for (let d = 0; d < PERIOD_DAYS; d++) PREFIX.push((PREFIX[d] ?? 0) + dayWeight(d));

/** A day index in [fromDay, toDay) drawn by the seasonal weights. */
export function seasonalDay(rng: Rng, fromDay: number, toDay: number): number {
  const lo = PREFIX[fromDay] ?? 0;
  const hi = PREFIX[toDay] ?? lo;
  const target = lo + rng.next() * (hi - lo);
  let a = fromDay;
  let b = toDay - 1;
  while (a < b) {
    const mid = (a + b) >> 1;
    if ((PREFIX[mid + 1] ?? 0) <= target) a = mid + 1;
    else b = mid;
  }
  return a;
}

export type THours = 'online' | 'store' | 'office' | 'any';

/** Offset within a day when a customer does something on a channel of this kind. */
export function timeOfDay(rng: Rng, hours: THours): number {
  switch (hours) {
    case 'online': {
      // Evening peak: 07:00–23:59, most mass around 20:00.
      let h = rng.normal(19, 3.5);
      for (let i = 0; i < 4 && (h < 7 || h >= 24); i++) h = rng.normal(19, 3.5);
      if (h < 7 || h >= 24) h = rng.uniform(7, 24);
      return Math.floor((h * HOUR) / SECOND) * SECOND;
    }
    case 'store':
      return rng.int(10 * 60, 20 * 60 - 30) * MINUTE + rng.int(0, 59) * SECOND;
    case 'office':
      return rng.int(8 * 60, 19 * 60 + 30) * MINUTE + rng.int(0, 59) * SECOND;
    case 'any':
      return rng.int(0, DAY / SECOND - 1) * SECOND;
  }
}

/** Midnight (UTC) of the day containing t. */
export function dayStart(t: number): number {
  return t - ((((t - PERIOD_START) % DAY) + DAY) % DAY);
}

/** A moment `days` days after t's day, at a time of day of the given kind. */
export function laterDay(rng: Rng, t: number, days: number, hours: THours): number {
  return dayStart(t) + days * DAY + timeOfDay(rng, hours);
}

/** Rounds to whole seconds: the extract has second precision. */
export function toSecond(t: number): number {
  return Math.round(t / SECOND) * SECOND;
}

export function isPeak(t: number): boolean {
  return t >= PEAK_START;
}

/** Monday mornings and the peak season make queues longer. */
export function queueFactor(t: number): number {
  const date = new Date(t);
  let f = isPeak(t) ? 1.7 : 1;
  if (date.getUTCDay() === 1 && date.getUTCHours() < 13) f *= 1.35;
  return f;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const DAY_PREFIX = Array.from({ length: PERIOD_DAYS }, (_, d) =>
  new Date(PERIOD_START + d * DAY).toISOString().slice(0, 11),
);

/** ISO 8601 in UTC with second precision and a Z, e.g. 2025-03-04T10:15:32Z. */
export function isoSeconds(t: number): string {
  // The million timestamps of the demo are all in the period: a table beats Date by far.
  const day = Math.floor((t - PERIOD_START) / DAY);
  const prefix = DAY_PREFIX[day];
  if (prefix === undefined) return new Date(t).toISOString().slice(0, 19) + 'Z';
  const s = Math.floor((t - PERIOD_START - day * DAY) / SECOND);
  const hh = TWO_DIGITS[Math.floor(s / 3600)] ?? '';
  const mm = TWO_DIGITS[Math.floor(s / 60) % 60] ?? '';
  const ss = TWO_DIGITS[s % 60] ?? '';
  return `${prefix}${hh}:${mm}:${ss}Z`;
}

export function isoDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function dayIndex(t: number): number {
  return Math.floor((t - PERIOD_START) / DAY);
}
