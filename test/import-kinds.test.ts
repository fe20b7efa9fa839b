/**
 * Parquet with typed columns, feedback with out-of-scale scores, customers with duplicate ids,
 * and the time-range filter of discovery.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, afterEach, expect, it } from 'vitest';
import { importFile } from '../src/ingest/import.js';
import { raw, sql } from '../src/query/sql.js';
import { discover } from '../src/service/discover.js';
import { openStore } from '../src/service/workspace-store.js';
import type { TStore } from '../src/store/store.js';

let dir: string;
let store: TStore;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-kinds-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  store = await openStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

it('imports Parquet with typed columns: instants as they are, wall times in the zone', async () => {
  const file = join(dir, 'typed.parquet');
  await store.exec(sql`COPY (
    SELECT * FROM (VALUES
      ('p1', 'A', TIMESTAMPTZ '2025-07-01 10:00:00+00', TIMESTAMP '2025-07-01 12:00:00', 3.5),
      ('p1', 'B', TIMESTAMPTZ '2025-07-01 11:00:00+00', TIMESTAMP '2025-07-01 13:00:00', NULL)
    ) t(customer_id, activity, timestamp, local_time, cost)
  ) TO ${file} (FORMAT parquet)`);
  const report = await importFile(store, {
    path: file,
    kind: 'events',
    mapping: { timestamp: 'timestamp' },
  });
  expect([report.accepted, report.quarantined]).toEqual([2, 0]);
  const rows = await store.all<{
    activity: string;
    cost: number | null;
    seq: number;
    attrs: string;
  }>(raw(`SELECT activity, cost, seq, attrs FROM events ORDER BY seq`));
  expect(rows.map((r) => [r.activity, r.cost, r.seq])).toEqual([
    ['A', 3.5, 1],
    ['B', null, 2],
  ]);
  // The unmapped column is kept as an attribute.
  expect(JSON.parse(rows[0]?.attrs ?? '{}')).toEqual({ local_time: '2025-07-01 12:00:00' });

  const local = await openStore(':memory:');
  try {
    await importFile(local, {
      path: file,
      kind: 'events',
      mapping: { timestamp: 'local_time' },
      timezone: 'Europe/Amsterdam',
    });
    const [first] = await local.all<{ utc: string }>(
      raw(`SELECT strftime(min(ts), '%H:%M') AS utc FROM events`),
    );
    expect(first?.utc).toBe('10:00'); // 12:00 in Amsterdam in July is 10:00 UTC
  } finally {
    await local.close();
  }
});

it('quarantines feedback scores outside their scale and keeps custom kinds free', async () => {
  const file = join(dir, 'feedback.csv');
  await writeFile(
    file,
    [
      'customer_id,timestamp,kind,score,verbatim,lang',
      'f1,2025-01-01,NPS,9,"Great, thanks",en',
      'f2,2025-01-01,nps,11,too high,en',
      'f3,2025-01-01,csat,0,too low,en',
      'f4,2025-01-01,ces,7,makkelijk,nl',
      'f5,2025-01-01,effort_index,42,custom scale,',
      'f6,2025-01-01,csat,four,not a number,en',
    ].join('\n') + '\n',
  );
  const report = await importFile(store, { path: file, kind: 'feedback' });
  expect(report.accepted).toBe(3);
  expect(report.issues.map((i) => [i.record, i.field, i.reason])).toEqual([
    [2, 'score', 'score 11 is outside 0–10 for nps'],
    [3, 'score', 'score 0 is outside 1–5 for csat'],
    [6, 'score', 'cannot read "four" as a number'],
  ]);
  const kinds = await store.all<{ kind: string; language: string | null }>(
    raw(`SELECT kind, language FROM feedback ORDER BY seq`),
  );
  expect(kinds.map((k) => [k.kind, k.language])).toEqual([
    ['nps', 'en'],
    ['ces', 'nl'],
    ['effort_index', null],
  ]);
});

it('keeps the first of duplicate customer ids and quarantines the rest', async () => {
  const file = join(dir, 'customers.csv');
  await writeFile(file, 'customer_id,tier\nk1,gold\nk2,silver\nk1,bronze\n');
  const report = await importFile(store, { path: file, kind: 'customers' });
  expect([report.accepted, report.quarantined]).toEqual([2, 1]);
  expect(report.issues[0]).toMatchObject({
    record: 3,
    field: 'customer',
    reason: 'duplicate customer id "k1", first seen at record 1',
  });
  const [k1] = await store.all<{ tier: string }>(
    raw(`SELECT attrs->>'tier' AS tier FROM customers WHERE customer_id = 'k1'`),
  );
  expect(k1?.tier).toBe('gold');
});

it('filters discovery to events in a time range', async () => {
  const file = join(dir, 'range.csv');
  await writeFile(
    file,
    'case_id,activity,timestamp\nr1,A,2025-01-31T23:00:00Z\nr1,B,2025-02-01T01:00:00Z\nr1,C,2025-03-01T00:00:00Z\n',
  );
  await importFile(store, { path: file, kind: 'events' });
  const february = await discover(store, {
    filter: { from: '2025-02-01T00:00:00Z', to: '2025-03-01T00:00:00Z' },
  });
  expect(february.activityCounts).toEqual([['B', 1]]);
  expect((await discover(store)).events).toBe(3);
});
