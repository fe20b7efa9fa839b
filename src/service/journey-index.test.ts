/**
 * The journey index (src/query/journey-index.ts) on the hand-made journeys fixture in the real
 * in-process DuckDB: an analysis that reads it answers exactly what one that forms its own
 * journeys answers, and it is read only while it describes the data and the journey settings.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../ingest/import.js';
import { loadWorkspaceOrThrow } from '../model/workspace.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import { forgetJourneyIndex, journeyIndexKey } from '../query/journey-index.js';
import { INDEX_TABLES, JOURNEY_STEPS } from '../query/journeys.js';
import { raw } from '../query/sql.js';
import { failingStore } from '../store/failing-store.js';
import type { TStore } from '../store/store.js';
import { analyze } from './analyze.js';
import { buildJourneys, journeyVariants, refreshJourneyIndex } from './journeys.js';
import { openStore } from './workspace-store.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'journeys');

let store: TStore;
let workspace: TWorkspace;
let scratch: string;
beforeEach(async () => {
  store = await openStore(':memory:');
  await importFile(store, { path: join(FIXTURES, 'customers.csv'), kind: 'customers' });
  await importFile(store, { path: join(FIXTURES, 'events.csv'), kind: 'events' });
  workspace = loadWorkspaceOrThrow(await readFile(join(FIXTURES, 'journeylens.yaml'), 'utf8'));
  scratch = await mkdtemp(join(tmpdir(), 'jl-index-'));
});
afterEach(async () => {
  await store.close();
  await rm(scratch, { recursive: true, force: true });
});

/** Imports more events: c1 comes back for another checkout, a new customer c9 appears. */
async function importMore(): Promise<void> {
  const path = join(scratch, 'more.csv');
  await writeFile(
    path,
    'customer_id,case_id,timestamp,activity,channel\n' +
      'c1,K7,2025-03-01T10:00:00Z,Checkout,web\n' +
      'c9,,2025-03-02T10:00:00Z,ad_click_display,web\n',
  );
  await importFile(store, { path, kind: 'events' });
}

type TIndexTable = 'steps' | 'journeys' | 'masks' | 'activities' | 'segments';

/** Every row of the index tables, lookups included, in a fixed order. */
async function indexContents(): Promise<Record<TIndexTable, unknown[]>> {
  const rows = (table: string): Promise<unknown[]> =>
    store.all(raw(`SELECT * FROM ${table} ORDER BY ALL`));
  const tables: TIndexTable[] = ['steps', 'journeys', 'masks', 'activities', 'segments'];
  return Object.fromEntries(
    await Promise.all(tables.map(async (t) => [t, await rows(INDEX_TABLES[t])] as const)),
  ) as Record<TIndexTable, unknown[]>;
}

const storedKey = async (): Promise<string | undefined> =>
  (await store.all<{ key: string }>(journeyIndexKey))[0]?.key;

describe('the journey index', () => {
  it('gives the same analysis as journeys formed in the session', async () => {
    const formed = await analyze(store, workspace);
    expect(await refreshJourneyIndex(store, workspace)).toBe('rebuilt');
    const read = await analyze(store, workspace);
    expect(read).toEqual(formed);
    expect(read.journeys.journeys).toBe(8);
  });

  it('counts a customer who followed a variant twice once, read from it as formed', async () => {
    const path = join(scratch, 'again.csv');
    await writeFile(
      path,
      'customer_id,case_id,timestamp,activity,channel\n' +
        'c10,K8,2025-03-01T10:00:00Z,ad_click_display,web\n' +
        'c10,K9,2025-03-05T10:00:00Z,ad_click_display,web\n' +
        'c11,K10,2025-03-06T10:00:00Z,ad_click_display,web\n',
    );
    await importFile(store, { path, kind: 'events' });
    const variantOf = async (): Promise<{ journeys: number; customers: number } | undefined> =>
      (await journeyVariants(store)).find(
        (v) => v.segment === null && v.touchpoints.length === 1 && v.journeys >= 3,
      );
    const formed = await buildJourneys(store, workspace);
    expect(formed.source).toBe('session');
    const fromSession = await variantOf();
    expect(await refreshJourneyIndex(store, workspace)).toBe('rebuilt');
    expect((await buildJourneys(store, workspace)).source).toBe('index');
    const fromIndex = await variantOf();
    expect(fromSession).toEqual(expect.objectContaining({ journeys: 3, customers: 2 }));
    expect(fromIndex).toEqual(fromSession);
  });

  it('is built once: a command rebuilds it when stale, then reads it', async () => {
    const first = await buildJourneys(store, workspace, {}, { index: 'refresh' });
    expect(first.source).toBe('index rebuilt');
    const second = await buildJourneys(store, workspace, {}, { index: 'refresh' });
    expect(second.source).toBe('index');
    expect(second.summary).toEqual(first.summary);
    expect(await refreshJourneyIndex(store, workspace)).toBe('current');
  });

  it('is not read once more events are imported, and an update takes them in', async () => {
    await refreshJourneyIndex(store, workspace);
    await importMore();
    const stale = await buildJourneys(store, workspace);
    expect(stale.source).toBe('session');
    expect(stale.summary.journeys).toBe(10);
    const updated = await buildJourneys(store, workspace, {}, { index: 'refresh' });
    expect(updated.source).toBe('index updated');
    expect(updated.summary).toEqual(stale.summary);
  });

  it('updated from new events, holds exactly what a rebuild holds', async () => {
    await refreshJourneyIndex(store, workspace);
    const path = join(scratch, 'delta.csv');
    await writeFile(
      path,
      'customer_id,case_id,timestamp,activity,channel\n' +
        // Bridges c2's two journeys without a case (gaps of 1.5 and 0.5 days): one journey.
        'c2,,2025-01-04T12:00:00Z,Checkout,web\n' +
        // Comes before every step of case K1: a new first step, a new journey number.
        'c1,K1,2025-01-09T10:00:00Z,ad_click_z,web\n' +
        // A new case for c1, a new customer without a case, and an activity that maps nowhere.
        'c1,K7,2025-03-01T10:00:00Z,Checkout,web\n' +
        'c9,,2025-03-02T10:00:00Z,ad_click_display,web\n' +
        'c3,,2025-01-03T12:00:00Z,Newsletter opened,email\n',
    );
    await importFile(store, { path, kind: 'events' });
    expect(await refreshJourneyIndex(store, workspace)).toBe('updated');
    const updated = await indexContents();
    await store.exec(forgetJourneyIndex);
    expect(await refreshJourneyIndex(store, workspace)).toBe('rebuilt');
    expect(updated).toEqual(await indexContents());
    // 8 journeys, c2's two joined, K7 and c9's new.
    expect(updated.journeys).toHaveLength(9);
    expect(await analyze(store, workspace)).toEqual(
      await analyze(store, workspace, { index: 'read' }),
    );
  });

  it('is rebuilt, not updated, once customers change (segments are part of it)', async () => {
    await refreshJourneyIndex(store, workspace);
    const path = join(scratch, 'customers.csv');
    await writeFile(path, 'customer_id,tier\nc9,gold\n');
    await importFile(store, { path, kind: 'customers' });
    expect((await buildJourneys(store, workspace)).source).toBe('session');
    await importMore();
    expect(await refreshJourneyIndex(store, workspace)).toBe('rebuilt');
  });

  it('is rebuilt, not updated, when the journey settings changed too', async () => {
    await refreshJourneyIndex(store, workspace);
    await importMore();
    const wider = { ...workspace, settings: { ...workspace.settings, inactivityGapDays: 5 } };
    expect(await refreshJourneyIndex(store, wider)).toBe('rebuilt');
  });

  it('is not read when the workspace maps activities, splits journeys or sets channels differently', async () => {
    await refreshJourneyIndex(store, workspace);
    const [first, ...rest] = workspace.touchpoints;
    if (first === undefined) throw new Error('the fixture has touchpoints');
    const changed: TWorkspace[] = [
      { ...workspace, touchpoints: [...rest, first] },
      {
        ...workspace,
        touchpoints: [{ ...first, activities: ['/^ad_/'] }, ...rest],
      },
      { ...workspace, settings: { ...workspace.settings, inactivityGapDays: 1 } },
      { ...workspace, stages: [...workspace.stages].reverse() },
      // A step keeps its event's channel only where it differs from its touchpoint's.
      { ...workspace, touchpoints: [{ ...first, channel: `${first.channel}-renamed` }, ...rest] },
    ];
    for (const other of changed) {
      expect((await buildJourneys(store, other)).source).toBe('session');
    }
  });

  it('stays current when only names, owners or friction thresholds change', async () => {
    await refreshJourneyIndex(store, workspace);
    const [first, ...rest] = workspace.touchpoints;
    if (first === undefined) throw new Error('the fixture has touchpoints');
    const renamed: TWorkspace = {
      ...workspace,
      name: 'Renamed',
      touchpoints: [
        { ...first, name: 'Another name', owner: workspace.teams.at(-1)?.id ?? first.owner },
        ...rest,
      ],
      friction: {
        ...workspace.friction,
        repeatContact: { ...workspace.friction.repeatContact, count: 5 },
      },
    };
    expect((await buildJourneys(store, renamed)).source).toBe('index');
    // What changed is still read by the analysis itself.
    const analysis = await analyze(store, renamed);
    expect(analysis.workspace).toBe('Renamed');
  });

  it('lends the case mix in its key only while the data is the data it indexed', async () => {
    const cased = await openStore(':memory:');
    try {
      const path = join(scratch, 'cased.csv');
      await writeFile(
        path,
        'customer_id,case_id,timestamp,activity\nc1,K1,2025-01-10T10:00:00Z,ad_click_search\n',
      );
      await importFile(cased, { path, kind: 'events' });
      await refreshJourneyIndex(cased, workspace);
      const read = await buildJourneys(cased, workspace);
      expect([read.source, read.plan.caseMix]).toEqual([
        'index',
        { withCase: true, withoutCase: false },
      ]);
      await writeFile(
        path,
        'customer_id,case_id,timestamp,activity\nc2,,2025-01-11T10:00:00Z,ad_click_search\n',
      );
      await importFile(cased, { path, kind: 'events' });
      const counted = await buildJourneys(cased, workspace);
      expect([counted.source, counted.plan.caseMix]).toEqual([
        'session',
        { withCase: true, withoutCase: true },
      ]);
      expect(counted.summary.journeys).toBe(2);
    } finally {
      await cased.close();
    }
  });

  it('is never read by a filtered build, which forms its own journeys', async () => {
    await refreshJourneyIndex(store, workspace);
    const filtered = await buildJourneys(store, workspace, { channels: ['phone'] });
    expect(filtered.source).toBe('session');
    const all = await buildJourneys(store, workspace);
    expect(all.source).toBe('index');
    expect(filtered.summary.journeys).toBeLessThan(all.summary.journeys);
    const [steps] = await store.all<{ n: number }>(
      raw(`SELECT count(*) AS n FROM ${JOURNEY_STEPS}`),
    );
    expect(steps?.n).toBe(all.summary.mappedEvents);
  });

  it('keeps the touchpoint and stage masks as 64-bit words, not 128-bit integers', async () => {
    // UBIGINT << INTEGER is a HUGEINT in DuckDB; stored, those decompress far slower.
    await refreshJourneyIndex(store, workspace);
    const types = await store.all<{ table_name: string; column_name: string; data_type: string }>(
      raw(`SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_name IN ('${INDEX_TABLES.journeys}', '${INDEX_TABLES.masks}')
          AND column_name LIKE '%mask%' ORDER BY ALL`),
    );
    expect(types.map((t) => `${t.table_name}.${t.column_name}: ${t.data_type}`)).toEqual([
      'jl_index_customer_masks.stage_mask: UBIGINT',
      'jl_index_customer_masks.tp_mask_0: UBIGINT',
      'jl_index_journeys.stage_mask: UBIGINT',
      'jl_index_journeys.tp_mask_0: UBIGINT',
    ]);
  });

  it('lets an analysis go on without the index when it cannot be brought up to date', async () => {
    const formed = await analyze(store, workspace);
    const full = failingStore(
      store,
      (text) => text.includes(`TABLE ${INDEX_TABLES.steps} AS`),
      'IO Error: No space left on device',
    );
    const errors: string[] = [];
    const analysis = await analyze(full, workspace, {
      index: 'refresh',
      onIndexError: (message) => errors.push(message),
    });
    expect(errors).toEqual(['IO Error: No space left on device']);
    expect(analysis).toEqual(formed);
    expect(await storedKey()).toBeUndefined();
  });

  it('keeps the previous index and key when an update or a rebuild fails half-way', async () => {
    await refreshJourneyIndex(store, workspace);
    const key = await storedKey();
    await importMore();
    // A store that fails as the per-journey table is written, after the steps.
    const failing = failingStore(
      store,
      (text) =>
        text.startsWith(`INSERT INTO ${INDEX_TABLES.journeys} `) ||
        text.startsWith(`CREATE OR REPLACE TABLE ${INDEX_TABLES.journeys} AS`),
      'killed',
    );
    const steps = async (): Promise<number | undefined> =>
      (await store.all<{ n: number }>(raw(`SELECT count(*) AS n FROM ${INDEX_TABLES.steps}`)))[0]
        ?.n;
    await expect(refreshJourneyIndex(failing, workspace)).rejects.toThrow('killed');
    expect(await storedKey()).toBe(key);
    expect(await steps()).toBe(16);
    const wider = { ...workspace, settings: { ...workspace.settings, inactivityGapDays: 5 } };
    await expect(refreshJourneyIndex(failing, wider)).rejects.toThrow('killed');
    expect(await storedKey()).toBe(key);
    expect(await steps()).toBe(16);
    // The old index describes the old data: it is not read, and an update succeeds.
    expect((await buildJourneys(store, workspace)).source).toBe('session');
    expect(await refreshJourneyIndex(store, workspace)).toBe('updated');
    expect((await buildJourneys(store, workspace)).summary.journeys).toBe(10);
  });
});
