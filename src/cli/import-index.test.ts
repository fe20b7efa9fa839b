/**
 * The last step of `journeylens import`: bringing the journey index up to date. The records
 * are stored by then, so a failure there is a warning and the import still succeeds.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { importFile } from '../ingest/import.js';
import { loadWorkspaceOrThrow } from '../model/workspace.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import { journeyIndexKey } from '../query/journey-index.js';
import { INDEX_TABLES } from '../query/journeys.js';
import { openStore } from '../service/workspace-store.js';
import { failingStore } from '../store/failing-store.js';
import type { TStore } from '../store/store.js';
import { indexJourneys } from './import-command.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'journeys');

let store: TStore;
let workspace: TWorkspace;
beforeEach(async () => {
  store = await openStore(':memory:');
  await importFile(store, { path: join(FIXTURES, 'events.csv'), kind: 'events' });
  workspace = loadWorkspaceOrThrow(await readFile(join(FIXTURES, 'journeylens.yaml'), 'utf8'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await store.close();
});

const written = (stream: NodeJS.WriteStream): (() => string) => {
  const spy = vi.spyOn(stream, 'write').mockImplementation(() => true);
  return () => spy.mock.calls.map(([chunk]) => String(chunk)).join('');
};

it('says it formed the journeys, and says nothing when the index is current', async () => {
  const out = written(process.stdout);
  await indexJourneys(store, workspace);
  expect(out()).toMatch(/^journey index: journeys formed for analysis \(\d+\.\d s\)\n$/);
  await indexJourneys(store, workspace);
  expect(out()).toMatch(/^journey index: journeys formed for analysis \(\d+\.\d s\)\n$/);
  expect(await store.all(journeyIndexKey)).toHaveLength(1);
});

it('warns, without failing, when the index cannot be built', async () => {
  const err = written(process.stderr);
  const failing = failingStore(
    store,
    (text) => text.includes(`TABLE ${INDEX_TABLES.steps} AS`),
    'Out of Memory Error: could not allocate block',
  );
  await expect(indexJourneys(failing, workspace)).resolves.toBeUndefined();
  expect(err()).toBe(
    'journeylens: warning: the records are imported, but the journey index was not brought up to date (Out of Memory Error: could not allocate block); the next analyze forms the journeys itself\n',
  );
  expect(await store.all(journeyIndexKey)).toEqual([]);
});
