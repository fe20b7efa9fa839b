/**
 * Journeys on a small generated demo company, checked against what the generator knows:
 * ground-truth.json counts and the catalogue of raw activity names per touchpoint.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../demo/generate.js';
import { TOUCHPOINTS } from '../../demo/touchpoints.js';
import { loadWorkspaceOrThrow } from '../model/workspace.js';
import { ACTIVITIES, JOURNEYS, TOUCHPOINTS as TOUCHPOINT_TABLE } from '../query/journeys.js';
import { raw } from '../query/sql.js';
import type { TStore } from '../store/store.js';
import { buildJourneys, journeyVariants, type TJourneySummary } from './journeys.js';
import { openStore } from './workspace-store.js';
import { importDemoData } from '../../demo/import-demo.js';

type TGroundTruth = {
  counts: { events: number; cases: number; eventsBySegment: Record<string, number> };
};

let dir: string;
let store: TStore;
let truth: TGroundTruth;
let summary: TJourneySummary;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-journeys-demo-'));
  await generateDemo({ seed: 3, customers: 300, out: dir });
  truth = JSON.parse(await readFile(join(dir, 'ground-truth.json'), 'utf8')) as TGroundTruth;
  store = await openStore(':memory:');
  await importDemoData(store, dir);
  const workspace = loadWorkspaceOrThrow(await readFile(join(dir, 'journeylens.yaml'), 'utf8'));
  summary = (await buildJourneys(store, workspace)).summary;
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('journeys of the demo company', () => {
  it('maps every demo activity to a touchpoint', () => {
    expect(summary.unmapped).toEqual([]);
    expect(summary.mappedShare).toBe(1);
    expect(summary.events).toBe(truth.counts.events);
  });

  it('maps each raw name to the touchpoint the generator emitted it for', async () => {
    const pairs = await store.all<{ activity: string; touchpoint: string }>(
      raw(`SELECT a.activity, t.touchpoint FROM ${ACTIVITIES} a JOIN ${TOUCHPOINT_TABLE} t ON t.code = a.code
        ORDER BY 1`),
    );
    const expected = new Map(TOUCHPOINTS.flatMap((t) => t.raw.map((a) => [a, t.id] as const)));
    expect(pairs.length).toBeGreaterThan(40);
    for (const { activity, touchpoint } of pairs) {
      expect([activity, touchpoint]).toEqual([activity, expected.get(activity)]);
    }
  });

  it('finds one journey per demo case', () => {
    expect(summary.journeys).toBe(truth.counts.cases);
  });

  it('puts each customer in the segment the generator gave them', async () => {
    const rows = await store.all<{ segment: string; n: number }>(
      raw(`SELECT segment, sum(steps) AS n FROM ${JOURNEYS} GROUP BY segment ORDER BY segment`),
    );
    expect(Object.fromEntries(rows.map((r) => [r.segment, r.n]))).toEqual(
      truth.counts.eventsBySegment,
    );
  });

  it('splits the journeys into variants that add up to every case', async () => {
    const variants = await journeyVariants(store);
    expect(variants.reduce((n, v) => n + v.journeys, 0)).toBe(truth.counts.cases);
    const months = variants.flatMap((v) => Object.values(v.months));
    expect(months.reduce((n, m) => n + m, 0)).toBe(truth.counts.cases);
    for (const v of variants) expect(v.touchpoints.length).toBeGreaterThan(0);
  });
});
