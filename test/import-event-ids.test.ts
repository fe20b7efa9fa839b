/**
 * Event ids in file imports: an event whose id is stored already, or came earlier in the
 * file, is skipped and counted as a duplicate; a store made before events carried an id
 * gains the column on open and keeps working.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importSummary } from '../src/cli/import-report.js';
import { importFile } from '../src/ingest/import.js';
import { raw } from '../src/query/sql.js';
import { openStore, storePath } from '../src/service/workspace-store.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-event-ids-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function csv(name: string, lines: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, lines.join('\n') + '\n');
  return path;
}

it('skips events whose id is stored or came earlier in the file, and says so', async () => {
  const store = await openStore(':memory:');
  try {
    const first = await csv('first.csv', [
      'Event-ID,customer_id,activity,timestamp',
      'e1,c1,signup,2025-01-01T10:00:00Z',
      'e2,c1,login,2025-01-01T11:00:00Z',
      'e1,c1,signup again,2025-01-01T12:00:00Z',
      ',c1,no id,2025-01-01T13:00:00Z',
      'e3,c1,bad time,soon',
    ]);
    const report = await importFile(store, { path: first, kind: 'events' });
    expect(report).toMatchObject({ records: 5, accepted: 3, quarantined: 1, duplicates: 1 });
    expect(report.mapping).toContain('event_id ← "Event-ID"');
    expect(importSummary(report)).toContain(
      '3 of 5 events records imported, 1 quarantined, 1 duplicates skipped (their event id was stored already or came earlier in the file)',
    );
    const second = await csv('second.csv', [
      'id,customer_id,activity,timestamp',
      'e2,c9,login elsewhere,2025-02-01T00:00:00Z',
      'e3,c1,fixed time,2025-01-01T14:00:00Z',
    ]);
    expect(await importFile(store, { path: second, kind: 'events' })).toMatchObject({
      records: 2,
      accepted: 1,
      duplicates: 1,
    });
    const rows = await store.all<{ event_id: string | null; activity: string }>(
      raw('SELECT event_id, activity FROM events ORDER BY seq'),
    );
    expect(rows.map((r) => [r.event_id, r.activity])).toEqual([
      ['e1', 'signup'],
      ['e2', 'login'],
      [null, 'no id'],
      ['e3', 'fixed time'],
    ]);
    const imports = await store.all(
      raw('SELECT records, accepted, quarantined, duplicates FROM imports ORDER BY import_id'),
    );
    expect(imports).toEqual([
      { records: 5, accepted: 3, quarantined: 1, duplicates: 1 },
      { records: 2, accepted: 1, quarantined: 0, duplicates: 1 },
    ]);
  } finally {
    await store.close();
  }
});

it('gives a store made before event ids the new columns on open', async () => {
  const ws = join(dir, 'old');
  // The tables as they were before events carried an id and imports counted duplicates.
  const first = await openStore(ws);
  await first.close();
  const instance = await DuckDBInstance.create(storePath(ws));
  const connection = await instance.connect();
  await connection.run('ALTER TABLE events DROP COLUMN event_id');
  await connection.run('ALTER TABLE imports DROP COLUMN duplicates');
  await connection.run(
    `INSERT INTO events (seq, import_id, customer_id, ts, activity) VALUES (1, 1, 'c0', TIMESTAMPTZ '2024-12-31 00:00:00+00', 'old')`,
  );
  connection.closeSync();
  instance.closeSync();

  const store = await openStore(ws);
  try {
    const file = await csv('after.csv', [
      'event_id,customer_id,activity,timestamp',
      'n1,c1,new,2025-01-01T00:00:00Z',
      'n1,c1,new again,2025-01-01T00:00:01Z',
    ]);
    expect(await importFile(store, { path: file, kind: 'events' })).toMatchObject({
      accepted: 1,
      duplicates: 1,
    });
    const rows = await store.all<{ event_id: string | null; activity: string }>(
      raw('SELECT event_id, activity FROM events ORDER BY seq'),
    );
    expect(rows).toEqual([
      { event_id: null, activity: 'old' },
      { event_id: 'n1', activity: 'new' },
    ]);
  } finally {
    await store.close();
  }
});
