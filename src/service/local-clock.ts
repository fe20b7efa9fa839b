/**
 * The local clock of an analysis (src/query/local-time.ts): the workspace zone's offsets over
 * the period the session's journeys cover, read once so that every monthly, weekly and daily
 * figure reads local time without a time-zone lookup per row.
 */
import { journeySpanMicros } from '../query/journeys.js';
import { clockPeriod, offsetChanges, zoneClock, type TLocalClock } from '../query/local-time.js';
import type { TStore } from '../store/store.js';

/** The clock in `timezone` for the journeys built in this session (by buildJourneys). */
export async function journeyClock(store: TStore, timezone: string): Promise<TLocalClock> {
  const [span] = await store.all<{ first: unknown; last: unknown }>(journeySpanMicros);
  if (typeof span?.first !== 'number' || typeof span.last !== 'number') return zoneClock(timezone);
  return clockOver(store, timezone, span.first, span.last);
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
