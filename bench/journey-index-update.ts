/**
 * Times bringing the journey index up to date after an import of new events into a store
 * whose index is current: 100,000 events drawn from the store (a fixed sample, one day later,
 * so they extend existing journeys) are imported, then the index is updated, in one process.
 * Prints the seconds of the update alone. Adds the events to the store.
 * Usage: node dist/bench/journey-index-update.js <workspace>
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile } from '../src/ingest/import.js';
import { raw, sql } from '../src/query/sql.js';
import { refreshJourneyIndex } from '../src/service/journeys.js';
import { loadWorkspaceDir } from '../src/service/workspace-files.js';
import { openStore } from '../src/service/workspace-store.js';

const EVENTS = 100_000;
const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: journey-index-update <workspace>');
const workspace = await loadWorkspaceDir(dir);
const store = await openStore(dir);
const scratch = await mkdtemp(join(tmpdir(), 'jl-delta-'));
try {
  if ((await refreshJourneyIndex(store, workspace)) !== 'current') {
    throw new Error('the journey index was not current before the import');
  }
  const file = join(scratch, 'delta.csv');
  await store.exec(sql`COPY (
      SELECT customer_id, case_id, strftime(ts + INTERVAL 1 DAY, '%Y-%m-%dT%H:%M:%S.%fZ') AS timestamp,
        activity, channel, outcome, wait_s, reason
      FROM events USING SAMPLE reservoir(${raw(String(EVENTS))} ROWS) REPEATABLE (42)
    ) TO ${file} (HEADER)`);
  await importFile(store, { path: file, kind: 'events' });
  const started = performance.now();
  const refresh = await refreshJourneyIndex(store, workspace);
  const seconds = (performance.now() - started) / 1000;
  if (refresh !== 'updated') throw new Error(`the journey index was not updated (${refresh})`);
  process.stdout.write(JSON.stringify({ seconds, events: EVENTS }) + '\n');
} finally {
  await store.close();
  await rm(scratch, { recursive: true, force: true });
}
