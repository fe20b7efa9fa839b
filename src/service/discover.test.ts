/**
 * Discovery on a tiny hand-computed log in the real in-process DuckDB: the mean duration of each
 * variant, and the filters (channel, period, segment) the process map uses.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../ingest/import.js';
import { segmentPredicate } from '../query/segment-sql.js';
import type { TStore } from '../store/store.js';
import { discover } from './discover.js';
import { openStore } from './workspace-store.js';

let dir: string;
let store: TStore;

// Three journeys of A→B (10, 20 and 60 minutes), one of A→C (2 hours) on the phone.
const EVENTS = `case_id,customer_id,activity,timestamp,channel
j1,c1,A,2025-01-01T10:00:00Z,web
j1,c1,B,2025-01-01T10:10:00Z,web
j2,c2,A,2025-01-05T10:00:00Z,web
j2,c2,B,2025-01-05T10:20:00Z,web
j3,c3,A,2025-02-01T10:00:00Z,web
j3,c3,B,2025-02-01T11:00:00Z,web
j4,c1,A,2025-02-03T08:00:00Z,web
j4,c1,C,2025-02-03T10:00:00Z,phone
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-discover-'));
  store = await openStore(':memory:');
  await writeFile(join(dir, 'events.csv'), EVENTS);
  await writeFile(join(dir, 'customers.csv'), 'customer_id,tier\nc1,vip\nc2,basic\nc3,basic\n');
  await importFile(store, { path: join(dir, 'events.csv'), kind: 'events' });
  await importFile(store, { path: join(dir, 'customers.csv'), kind: 'customers' });
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('discover', () => {
  it('gives each variant its share and the mean duration of its journeys', async () => {
    const d = await discover(store);
    expect(d.topVariants).toEqual([
      { count: 3, share: 0.75, meanSeconds: 1800, activities: ['A', 'B'] },
      { count: 1, share: 0.25, meanSeconds: 7200, activities: ['A', 'C'] },
    ]);
  });

  it('filters by channel, period and segment', async () => {
    const phone = await discover(store, { filter: { channels: ['phone'] } });
    expect([phone.cases, phone.events, phone.activityCounts]).toEqual([1, 1, [['C', 1]]]);

    const february = await discover(store, {
      filter: { from: '2025-02-01T00:00:00Z', to: '2025-03-01T00:00:00Z' },
    });
    expect(february.dfg.map((e) => [e.from, e.to, e.count, e.meanSeconds])).toEqual([
      ['A', 'B', 1, 3600],
      ['A', 'C', 1, 7200],
    ]);

    const vip = await discover(store, {
      filter: { segment: 'vip' },
      segmentPredicate: segmentPredicate([{ attribute: 'tier', op: 'eq', value: 'vip' }], 0),
    });
    expect(vip.topVariants.map((v) => [v.activities.join(''), v.count, v.meanSeconds])).toEqual([
      ['AB', 1, 600],
      ['AC', 1, 7200],
    ]);
  });
});
