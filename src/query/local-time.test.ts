/**
 * The local clock three ways (STYLE.md "Queries"): the period it lists, the SQL it renders, and
 * on the real in-process DuckDB the same wall-clock time as `timezone(zone, ts)` for every
 * instant, in zones that make this hard: daylight saving at local midnight (São Paulo, where
 * a month can begin at 01:00), half-hour daylight saving (Lord Howe), a quarter-hour offset
 * change (Kathmandu, 1986), an offset in seconds (Amsterdam, 1937), and instants outside the
 * listed period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockOver } from '../service/local-clock.js';
import { openStore } from '../service/workspace-store.js';
import type { TStore } from '../store/store.js';
import { clockPeriod, localTime, zoneClock, type TLocalClock } from './local-time.js';
import { raw, render, sql } from './sql.js';

const HOUR_US = 3_600_000_000;
const us = (iso: string): number => Date.parse(iso) * 1000;

let store: TStore;

beforeAll(async () => {
  store = await openStore(':memory:');
});

afterAll(async () => {
  await store.close();
});

const clockFor = (timezone: string, first: string, last: string): Promise<TLocalClock> =>
  clockOver(store, timezone, us(first), us(last));

/** Instants from `from` to `to` (epoch µs), `step` µs apart. */
type TInstants = { from: number; to: number; step: number };

/** Instants every `stepMinutes` (plus 17 s, to miss round hours) from `first` to `last`. */
function instants(first: string, last: string, stepMinutes: number): TInstants {
  return { from: us(first), to: us(last), step: stepMinutes * 60_000_000 + 17_000_000 };
}

/** Instants whose local time differs between the clock and ICU (none, when it is right). */
async function disagreements(clock: TLocalClock, range: TInstants): Promise<number> {
  const [row] = await store.all<{ bad: number; n: number }>(sql`
    WITH t AS (SELECT make_timestamptz(u) AS ts FROM range(${range.from}, ${range.to}, ${range.step}) r(u))
    SELECT count(*) FILTER (WHERE ${localTime(clock, raw('ts'))} IS DISTINCT FROM timezone(${clock.timezone}, ts)) AS bad,
      count(*) AS n FROM t`);
  expect(row?.n).toBeGreaterThan(1000);
  return row?.bad ?? -1;
}

describe('clockPeriod', () => {
  it('widens the span to whole hours, the last one included', () => {
    expect(clockPeriod(us('2024-03-01T10:20:00Z'), us('2024-03-02T07:59:59Z'))).toEqual({
      from: us('2024-03-01T10:00:00Z'),
      to: us('2024-03-02T08:00:00Z'),
    });
  });

  it('gives up on spans of centuries, which are looked up per row instead', () => {
    expect(clockPeriod(us('1700-01-01T00:00:00Z'), us('2024-01-01T00:00:00Z'))).toBeNull();
  });
});

describe('localTime', () => {
  it('is a plain time-zone lookup for a clock without pieces', () => {
    const text = render(localTime(zoneClock('Europe/Paris'), raw('ts'))).text;
    expect(text).toBe('timezone($1, ts)');
  });

  it('renders the offsets as a tree of comparisons with the lookup outside the period', () => {
    const clock: TLocalClock = {
      timezone: 'Europe/Paris',
      from: 0,
      to: 10 * HOUR_US,
      pieces: [
        { start: 0, offset: HOUR_US },
        { start: 5 * HOUR_US, offset: 2 * HOUR_US },
      ],
    };
    const text = render(localTime(clock, raw('ts'))).text.replace(/\s+/g, ' ');
    expect(text).toBe(
      'CASE WHEN epoch_us(ts) >= 0 AND epoch_us(ts) < 36000000000 THEN make_timestamp(epoch_us(ts) + ' +
        'CASE WHEN epoch_us(ts) >= 18000000000 THEN 7200000000 ELSE 3600000000 END) ' +
        'ELSE timezone($1, ts) END',
    );
  });
});

describe('offsetChanges on DuckDB', () => {
  it('finds the two changes of a year in Paris, at the second they take effect', async () => {
    const clock = await clockFor('Europe/Paris', '2024-01-01T00:00:00Z', '2024-12-31T23:00:00Z');
    expect(clock.pieces).toEqual([
      { start: us('2024-01-01T00:00:00Z'), offset: HOUR_US },
      { start: us('2024-03-31T01:00:00Z'), offset: 2 * HOUR_US },
      { start: us('2024-10-27T01:00:00Z'), offset: HOUR_US },
    ]);
  });

  it('lists one piece for UTC', async () => {
    const clock = await clockFor('UTC', '2024-01-01T00:00:00Z', '2025-12-31T23:00:00Z');
    expect(clock.pieces).toEqual([{ start: us('2024-01-01T00:00:00Z'), offset: 0 }]);
  });
});

describe('the local clock agrees with timezone() for every instant', () => {
  const cases: [string, string, string, number][] = [
    // Daylight saving began at local midnight: 00:00 on the first day did not exist.
    ['America/Sao_Paulo', '2016-01-01T00:00:00Z', '2019-06-01T00:00:00Z', 53],
    ['Australia/Lord_Howe', '2023-01-01T00:00:00Z', '2024-12-31T00:00:00Z', 47],
    ['Asia/Kathmandu', '1985-06-01T00:00:00Z', '1986-06-01T00:00:00Z', 29],
    ['Europe/Amsterdam', '1937-01-01T00:00:00Z', '1937-12-31T00:00:00Z', 29],
    ['Europe/Paris', '2024-01-01T00:00:00Z', '2025-12-31T00:00:00Z', 59],
    ['UTC', '2024-01-01T00:00:00Z', '2024-12-31T00:00:00Z', 59],
  ];
  it.each(cases)('%s', async (timezone, first, last, step) => {
    const clock = await clockFor(timezone, first, last);
    expect(clock.pieces.length).toBeGreaterThan(0);
    // Every few minutes across the period, and each second around every change.
    expect(await disagreements(clock, instants(first, last, step))).toBe(0);
    for (const piece of clock.pieces.slice(1)) {
      const around = {
        from: piece.start - 600_000_000,
        to: piece.start + 600_000_000,
        step: 500_000,
      };
      expect(await disagreements(clock, around)).toBe(0);
    }
  });

  it('falls back to the lookup outside the period it lists', async () => {
    const clock = await clockFor('Europe/Paris', '2024-06-01T00:00:00Z', '2024-06-30T00:00:00Z');
    const outside = instants('2023-01-01T00:00:00Z', '2025-12-31T00:00:00Z', 61);
    expect(await disagreements(clock, outside)).toBe(0);
  });
});
