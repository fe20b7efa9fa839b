/**
 * The local clock of an analysis (src/query/local-time.ts): the workspace zone's offsets over
 * the period the session's journeys cover, read once so that every monthly, weekly and daily
 * figure reads local time without a time-zone lookup per row.
 */
import { journeyPeriod } from '../query/journeys.js';
import { clockPeriod, offsetChanges, zoneClock, type TLocalClock } from '../query/local-time.js';
import type { TStore } from '../store/store.js';

/** The first and last step of the journeys built in this session (journeys.ts `journeyPeriod`). */
export type TJourneyPeriod = { first: Date | null; last: Date | null; months: number };

/**
 * The clock in `timezone` for the journeys built in this session (by buildJourneys), over
 * `period` when the caller has read it already. Milliseconds are enough: the clock lists
 * whole hours around the period.
 */
export async function journeyClock(
  store: TStore,
  timezone: string,
  period?: TJourneyPeriod,
): Promise<TLocalClock> {
  const span = period ?? (await store.all<TJourneyPeriod>(journeyPeriod))[0];
  if (!span?.first || !span.last) return zoneClock(timezone);
  return clockOver(store, timezone, span.first.getTime() * 1000, span.last.getTime() * 1000);
}

/** The clock in `timezone` that lists its offsets from `first` to `last` (epoch µs). */
export async function clockOver(
  store: TStore,
  timezone: string,
  first: number,
  last: number,
): Promise<TLocalClock> {
  const period = clockPeriod(first, last);
  if (period === null) return zoneClock(timezone);
  const pieces = await store.all<{ start: number; offset: number }>(
    offsetChanges(timezone, period),
  );
  return { timezone, ...period, pieces };
}
