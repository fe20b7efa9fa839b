/**
 * Import and discovery on small hand-made files whose answers were computed by hand:
 * timestamp ties, offsets and a DST change, Unicode names, single-event cases, empty files,
 * malformed records in the middle, Latin-1 with US dates; idempotent re-import.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile, type TImportRequest } from '../src/ingest/import.js';
import { raw } from '../src/query/sql.js';
import { discover } from '../src/service/discover.js';
import { openStore } from '../src/service/workspace-store.js';
import type { TStore } from '../src/store/store.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'import');
const fixture = (name: string): string => join(FIXTURES, name);

let store: TStore;
beforeEach(async () => {
  store = await openStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

const load = (name: string, extra: Partial<TImportRequest> = {}) =>
  importFile(store, { path: fixture(name), kind: 'events', ...extra });

describe('import and discovery on hand-computed fixtures', () => {
  it('keeps input order for equal timestamps and sorts by time otherwise', async () => {
    await load('ties.csv');
    const d = await discover(store);
    const variants = d.topVariants.map((v) => v.activities.join(','));
    // c1: A, B, C all at 10:00 in file order; c2: B then A at 09:00; c3: Y (day 1) before X (day 2).
    expect(variants.sort()).toEqual(['A,B,C', 'B,A', 'Y,X']);
    expect(d.dfg.map((e) => [e.from, e.to, e.count])).toEqual([
      ['A', 'B', 1],
      ['B', 'A', 1],
      ['B', 'C', 1],
      ['Y', 'X', 1],
    ]);
    expect(d.startActivities).toEqual([
      ['A', 1],
      ['B', 1],
      ['Y', 1],
    ]);
  });

  it('honours offsets and reads wall times in the given zone across a DST change', async () => {
    const report = await load('dst-offsets.csv', { timezone: 'Europe/Amsterdam' });
    expect(report.quarantined).toBe(0);
    const rows = await store.all<{ case_id: string; activity: string; utc: string }>(
      raw(
        `SELECT case_id, activity, strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%fZ') AS utc FROM events ORDER BY seq`,
      ),
    );
    expect(rows).toEqual([
      // 01:30 CET (UTC+1) and 03:30 CEST (UTC+2): one hour apart, not two.
      { case_id: 'd1', activity: 'before', utc: '2025-03-30T00:30:00.000000Z' },
      { case_id: 'd1', activity: 'after', utc: '2025-03-30T01:30:00.000000Z' },
      // An offset in the value wins over the zone.
      { case_id: 'o1', activity: 'first', utc: '2025-01-01T08:00:00.000000Z' },
      { case_id: 'o1', activity: 'second', utc: '2025-01-01T09:30:00.000000Z' },
      // Summer: UTC+2; fractional seconds kept to the microsecond.
      { case_id: 'z1', activity: 'only', utc: '2025-06-01T10:00:00.123456Z' },
    ]);
    const d = await discover(store);
    expect(d.caseDurationSeconds).toEqual({
      mean: (3600 + 5400 + 0) / 3,
      median: 3600,
      min: 0,
      max: 5400,
    });
  });

  it('keeps Unicode activity names and quoted fields exactly', async () => {
    await load('unicode.csv');
    const d = await discover(store);
    expect(d.activityCounts).toEqual([
      ['Café ☕ bestellen', 2],
      ['Ünïcødé, "quoted"', 1],
      ['注文の確認', 1],
    ]);
  });

  it('handles single-event cases: zero duration, start = end, no edges', async () => {
    await load('single-event.csv');
    const d = await discover(store);
    expect(d.cases).toBe(3);
    expect(d.dfg).toEqual([]);
    expect(d.startActivities).toEqual(d.endActivities);
    expect(d.caseDurationSeconds).toEqual({ mean: 0, median: 0, min: 0, max: 0 });
    expect(d.variantsTotal).toBe(2);
  });

  it('imports a header-only file as zero records and discovers nothing', async () => {
    const report = await load('header-only.csv');
    expect([report.records, report.accepted, report.quarantined]).toEqual([0, 0, 0]);
    const d = await discover(store);
    expect([d.cases, d.events, d.variantsTotal]).toEqual([0, 0, 0]);
    expect(d.caseDurationSeconds).toBeUndefined();
  });

  it('refuses an empty file with a clear error', async () => {
    await expect(load('empty.csv')).rejects.toThrow(/empty\.csv: the file is empty/);
  });

  it('quarantines malformed records with record, field and reason, and keeps the good ones', async () => {
    const report = await load('malformed.csv');
    expect(report.accepted).toBe(4);
    expect(report.quarantined).toBe(3);
    expect(report.issues.map((i) => [i.record, i.field, i.reason.split(':')[0]])).toEqual([
      [3, 'timestamp', 'missing columns'],
      [4, 'timestamp', 'cannot read "not a time" as a timestamp (ISO 8601)'],
      [5, 'activity', 'missing value'],
    ]);
    const d = await discover(store);
    expect(d.topVariants.map((v) => v.activities.join(',')).sort()).toEqual(['A,B', 'A,C']);
  });

  it('keeps well-quoted records when one quoted field is malformed', async () => {
    // An unterminated quote made the engine's sniffer give up on quoting: the good records,
    // whose quoted fields hold the delimiter, were quarantined as "too many columns" and the
    // broken one was imported with its quote in the value.
    const report = await load('unterminated-quote.csv');
    expect(report.accepted).toBe(2);
    expect(report.issues.map((i) => [i.record, i.reason.split(':')[0]])).toEqual([
      [3, 'unquoted value'],
    ]);
    expect(report.notes.join(' ')).toMatch(/semicolons between fields and " as the quote/);
    const rows = await store.all<{ activity: string }>(
      raw('SELECT activity FROM events ORDER BY seq'),
    );
    expect(rows.map((r) => r.activity)).toEqual(['Order; confirmed', 'Says "hi"']);
  });

  it('checks an activity extract as the engine (RE2) reads it', async () => {
    await expect(load('ties.csv', { activityExtract: '^([A-Z])\\1' })).rejects.toThrow(
      '--activity-extract: not a valid regular expression: invalid escape sequence: `\\1`',
    );
    await expect(load('ties.csv', { activityExtract: '^[A-Z]' })).rejects.toThrow(
      'needs a capture group',
    );
  });

  it('still reads a quote inside an unquoted value as a character', async () => {
    const report = await load('inch-quotes.csv');
    expect(report.quarantined).toBe(0);
    expect(report.notes.join(' ')).not.toMatch(/quoting could not be detected/);
    const rows = await store.all<{ activity: string }>(
      raw('SELECT activity FROM events ORDER BY seq'),
    );
    expect(rows.map((r) => r.activity)).toEqual(['5" screen bought', 'Visit, twice']);
  });

  it('reads Latin-1 and US 12-hour dates', async () => {
    const report = await load('latin1-us-dates.csv', { separator: ';' });
    expect(report.notes.join(' ')).toMatch(/Latin-1/);
    const d = await discover(store);
    expect(d.topVariants[0]?.activities).toEqual(['Behändlung', 'Grüße']);
    // 11:11:26 AM → 01:05:00 PM on 12 April 2018.
    expect(d.caseDurationSeconds?.max).toBe(6814);
  });

  it('numbers JSON Lines records by line, counting blank and broken lines', async () => {
    const report = await load('blank-lines.jsonl');
    expect(report.accepted).toBe(2);
    expect(report.issues.map((i) => [i.record, i.field])).toEqual([
      [3, '(record)'],
      [5, 'timestamp'],
    ]);
    const d = await discover(store);
    expect(d.topVariants.map((v) => v.activities)).toEqual([['A', 'C']]);
  });

  it('adds nothing when the same file is imported again', async () => {
    const first = await load('malformed.csv');
    const second = await load('malformed.csv');
    expect(second.alreadyImportedAs).toBe(first.importId);
    const [counts] = await store.all<{ events: number; quarantine: number; imports: number }>(
      raw(`SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM quarantine) AS quarantine,
        (SELECT count(*) FROM imports) AS imports`),
    );
    expect(counts).toEqual({ events: 4, quarantine: 3, imports: 1 });
  });
});

describe('workspace store on disk', () => {
  it('persists imports across reopen and keeps re-import a no-op', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jl-store-'));
    try {
      const s1 = await openStore(dir);
      await importFile(s1, { path: fixture('ties.csv'), kind: 'events' });
      await s1.close();
      const s2 = await openStore(dir);
      const again = await importFile(s2, { path: fixture('ties.csv'), kind: 'events' });
      expect(again.alreadyImportedAs).toBe(1);
      expect((await discover(s2)).events).toBe(7);
      await s2.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
