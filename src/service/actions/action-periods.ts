/**
 * The periods an action is measured over, decided from dates alone (pure, no I/O):
 *
 * - baseline, at creation: the `windowDays` before the change date when it is already known
 *   and the data reaches it, else the `windowDays` before the end of the data;
 * - re-measure: before = [change − window, change), after = [change, change + window), the same
 *   length on both sides; possible once the data reaches change + window.
 *
 * The end of the data is the UTC midnight after the latest event, so windows are whole days
 * and the latest day counts.
 */

export const DAY_MS = 86_400_000;

export type TPeriod = { from: string; to: string };

const iso = (ms: number): string => new Date(ms).toISOString();

/** The UTC midnight after the latest event (null without events). */
export function dataEndOf(latestEvent: Date | string | null): string | null {
  if (latestEvent === null) return null;
  const ms = new Date(latestEvent).getTime();
  return iso(Math.floor(ms / DAY_MS) * DAY_MS + DAY_MS);
}

/** The baseline window, or why there is none. */
export function baselinePeriod(
  changeDate: string | null,
  dataEnd: string | null,
  windowDays: number,
): { period: TPeriod } | { note: string } {
  if (dataEnd === null) return { note: 'no events yet: measure again once data is imported' };
  const end =
    changeDate !== null && Date.parse(changeDate) <= Date.parse(dataEnd)
      ? Date.parse(changeDate)
      : Date.parse(dataEnd);
  return { period: { from: iso(end - windowDays * DAY_MS), to: iso(end) } };
}

/** The two windows around the change date, and when the after window is complete. */
export function aroundChange(
  changeDate: string,
  windowDays: number,
): { before: TPeriod; after: TPeriod; measurableFrom: string } {
  const change = Date.parse(changeDate);
  const end = change + windowDays * DAY_MS;
  return {
    before: { from: iso(change - windowDays * DAY_MS), to: iso(change) },
    after: { from: iso(change), to: iso(end) },
    measurableFrom: iso(end),
  };
}

/** Whether the data covers the after window; if not, why, in words. */
export function readiness(
  changeDate: string | null,
  windowDays: number,
  dataEnd: string | null,
): { ready: true } | { ready: false; reason: string } {
  if (changeDate === null) {
    return { ready: false, reason: 'set the change date (when the fix went live) first' };
  }
  const { measurableFrom } = aroundChange(changeDate, windowDays);
  if (dataEnd === null) return { ready: false, reason: 'there are no events to measure yet' };
  if (Date.parse(dataEnd) < Date.parse(measurableFrom)) {
    return {
      ready: false,
      reason: `the ${windowDays}-day window after the change ends ${measurableFrom.slice(0, 10)}; the data reaches ${iso(Date.parse(dataEnd) - DAY_MS).slice(0, 10)}`,
    };
  }
  return { ready: true };
}
