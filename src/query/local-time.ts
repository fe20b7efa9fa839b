/**
 * Wall-clock time in the workspace's zone without a time-zone lookup per row. `timezone(zone,
 * ts)` asks ICU for the offset of every row (0.2–0.3 s per 2.3M rows here); but within the
 * period the data covers, a zone's offset from UTC changes only at a few instants (twice a
 * year with daylight saving). A `TLocalClock` lists those changes, found once per analysis by
 * asking ICU at every hour of the period and then at every second of each hour where the
 * offset changed; a row's local time is then its UTC time plus the offset of its piece, a
 * comparison or two per row. Outside the period, and for a clock without pieces, the
 * expression falls back to `timezone()`, so the result is the same for every instant.
 * Assumes, as the time-zone database does, that offsets change at whole seconds and never
 * twice within one hour. Strings only, no I/O.
 */
import { raw, sql, type TSql } from './sql.js';

const HOUR_US = 3_600_000_000;
/** Beyond this many hours (about 230 years) the period is not worth listing: ICU per row. */
const MAX_HOURS = 2_000_000;

export type TLocalClock = {
  /** IANA zone name, as the workspace states it. */
  timezone: string;
  /** Epoch microseconds [from, to) over which `pieces` hold. */
  from: number;
  to: number;
  /** From each `start` (epoch µs) on, the zone is `offset` µs ahead of UTC; in time order. */
  pieces: readonly { start: number; offset: number }[];
};

/** A clock that knows no period: every row is looked up (for small inputs, or no data). */
export function zoneClock(timezone: string): TLocalClock {
  return { timezone, from: 0, to: 0, pieces: [] };
}

/** The period the clock must list, in whole hours around [first, last] (epoch µs). */
export function clockPeriod(first: number, last: number): { from: number; to: number } | null {
  const from = Math.floor(first / HOUR_US) * HOUR_US;
  const to = (Math.floor(last / HOUR_US) + 1) * HOUR_US;
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) return null;
  return (to - from) / HOUR_US > MAX_HOURS ? null : { from, to };
}

/**
 * Rows (`start`, `offset`): the zone's offset at `from`, then each change of offset in
 * [from, to], at the second it takes effect. `from` and `to` are whole hours (clockPeriod).
 */
export function offsetChanges(timezone: string, period: { from: number; to: number }): TSql {
  const offsetAt = (us: string): TSql =>
    sql`epoch_us(timezone(${timezone}, make_timestamptz(${raw(us)}))) - ${raw(us)}`;
  // The bounds are our own whole numbers (clockPeriod), not user input.
  const lo = String(period.from / HOUR_US);
  const hi = String(period.to / HOUR_US);
  return sql`WITH hours AS (
      SELECT q * ${raw(String(HOUR_US))} AS t_us, ${offsetAt(`q * ${HOUR_US}`)} AS offset_us
      FROM range(${raw(lo)}, ${raw(hi)} + 1) r(q)),
    changed AS (
      SELECT t_us, offset_us FROM (
        SELECT t_us, offset_us, lag(offset_us) OVER (ORDER BY t_us) AS before FROM hours)
      WHERE offset_us <> before),
    seconds AS (
      SELECT c.t_us AS hour_us, c.offset_us AS target, c.t_us - ${raw(String(HOUR_US))} + s * 1000000 AS t_us
      FROM changed c, range(1, 3601) r(s))
    SELECT t_us AS start, offset_us AS "offset" FROM hours WHERE t_us = ${raw(String(period.from))}
    UNION ALL
    SELECT min(t_us) AS start, any_value(target) AS "offset" FROM seconds
    WHERE ${offsetAt('t_us')} = target GROUP BY hour_us
    ORDER BY start`;
}

/** The offset (µs) of the pieces [lo, hi] for the instant `us`: a balanced tree of CASEs. */
function offsetOf(pieces: TLocalClock['pieces'], us: TSql, lo: number, hi: number): TSql {
  // Starts and offsets are numbers DuckDB computed for us (offsetChanges), never user input.
  if (lo === hi) return raw(String(pieces[lo]?.offset ?? 0));
  const mid = Math.ceil((lo + hi) / 2);
  return sql`CASE WHEN ${us} >= ${raw(String(pieces[mid]?.start ?? 0))} THEN ${offsetOf(pieces, us, mid, hi)}
    ELSE ${offsetOf(pieces, us, lo, mid - 1)} END`;
}

/**
 * The local wall-clock time (TIMESTAMP) of the TIMESTAMPTZ `ts`, as `timezone(zone, ts)`
 * gives it.
 * @example sql`date_trunc('month', ${localTime(clock, raw('first_ts'))})`
 */
export function localTime(clock: TLocalClock, ts: TSql): TSql {
  const lookup = sql`timezone(${clock.timezone}, ${ts})`;
  if (clock.pieces.length === 0) return lookup;
  const us = sql`epoch_us(${ts})`;
  const offset = offsetOf(clock.pieces, us, 0, clock.pieces.length - 1);
  return sql`CASE WHEN ${us} >= ${raw(String(clock.from))} AND ${us} < ${raw(String(clock.to))}
    THEN make_timestamp(${us} + ${offset}) ELSE ${lookup} END`;
}
