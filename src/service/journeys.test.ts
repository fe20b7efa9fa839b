/**
 * Journeys on a hand-made fixture (test/fixtures/journeys) in the real in-process DuckDB.
 * Every expected value below was worked out by hand from events.csv, customers.csv and
 * journeylens.yaml (gap 2 days; patterns /^ad_click/i, /^checkout/, /call/i in that order).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../ingest/import.js';
import { loadWorkspaceOrThrow } from '../model/workspace.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import {
  ACTIVITIES,
  JOURNEY_STEP_COLUMNS,
  JOURNEY_STEPS,
  JOURNEYS,
  TOUCHPOINTS,
} from '../query/journeys.js';
import { raw } from '../query/sql.js';
import type { TStore } from '../store/store.js';
import { buildJourneys, journeyVariants } from './journeys.js';
import { UnknownSegmentError } from './segments.js';
import { openStore } from './workspace-store.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'journeys');

let store: TStore;
let workspace: TWorkspace;
beforeEach(async () => {
  store = await openStore(':memory:');
  await importFile(store, { path: join(FIXTURES, 'customers.csv'), kind: 'customers' });
  await importFile(store, { path: join(FIXTURES, 'events.csv'), kind: 'events' });
  workspace = loadWorkspaceOrThrow(await readFile(join(FIXTURES, 'journeylens.yaml'), 'utf8'));
});
afterEach(async () => {
  await store.close();
});

type TStepRow = {
  journey_id: string;
  pos: number;
  activity: string;
  touchpoint: string;
};

/** The steps with their raw activity (from the events) and touchpoint id, in journey order. */
async function steps<T extends TStepRow = TStepRow>(columns = ''): Promise<T[]> {
  return store.all<T>(
    raw(`SELECT s.journey_id, s.pos, e.activity, t.touchpoint${columns} FROM ${JOURNEY_STEPS} s
      JOIN events e ON e.seq = s.seq JOIN ${TOUCHPOINTS} t ON t.code = s.tp
      ORDER BY s.journey_id, s.pos`),
  );
}

/** [journey, position, activity] of every step, in journey order. */
async function journeyLayout(): Promise<[string, number, string][]> {
  return (await steps()).map((s) => [s.journey_id, s.pos, s.activity]);
}

describe('buildJourneys', () => {
  it('summarises journeys, customers, events and the mapped share', async () => {
    const { summary } = await buildJourneys(store, workspace);
    expect(summary).toEqual({
      journeys: 8,
      customers: 5,
      events: 19,
      mappedEvents: 16,
      mappedShare: 16 / 19,
      unmapped: [
        { activity: 'Newsletter opened', events: 2, customers: 2 },
        { activity: 'CHECKOUT', events: 1, customers: 1 },
      ],
    });
  });

  it('splits by case id, else by a gap strictly longer than inactivityGapDays', async () => {
    await buildJourneys(store, workspace);
    expect(await journeyLayout()).toEqual([
      // K1: the two 10:05 events keep file order (seq), not name order; the unmapped
      // "Newsletter opened" is not a step.
      ['K1', 1, 'ad_click_search'],
      ['K1', 2, 'Pick and pack'],
      ['K1', 3, 'Checkout'],
      ['K1', 4, 'checkout call'],
      // K2 spans 42 days, far over the gap: a case id is never split. File order is reversed.
      ['K2', 1, 'AD_CLICK_mail'],
      ['K2', 2, 'Checkout'],
      ['K3', 1, 'ad_click_y'],
      ['K3', 2, 'Checkout'],
      ['K4', 1, 'Pick and pack'],
      ['K5', 1, 'ad_click'],
      ['K5', 2, 'Checkout'],
      // c2 without case id: exactly 2 days apart stays one journey; 2 days and 1 s splits,
      // although c2's case K3 has events in between (only case-less events count).
      ['c2#1', 1, 'ad_click_x'],
      ['c2#1', 2, 'Checkout'],
      ['c2#2', 1, 'Checkout Call'],
      // c3: ordered by time, not by file order.
      ['c3#1', 1, 'checkout-express'],
      ['c3#1', 2, 'checkout call me'],
    ]);
  });

  it('maps exact names first, then patterns in workspace order, ignoring case only with i', async () => {
    await buildJourneys(store, workspace);
    const rows = await store.all<{ activity: string; touchpoint: string | null }>(
      raw(`SELECT a.activity, t.touchpoint FROM ${ACTIVITIES} a
        LEFT JOIN ${TOUCHPOINTS} t ON t.code = a.code ORDER BY a.activity`),
    );
    expect(Object.fromEntries(rows.map((r) => [r.activity, r.touchpoint]))).toEqual({
      ad_click_search: 'ad',
      ad_click_x: 'ad',
      ad_click_y: 'ad',
      ad_click: 'ad',
      AD_CLICK_mail: 'ad', // /^ad_click/i
      Checkout: 'checkout', // exact
      'checkout-express': 'checkout', // /^checkout/
      'checkout call me': 'checkout', // /^checkout/ comes before /call/i
      'checkout call': 'call', // exact beats the earlier /^checkout/ pattern
      'Checkout Call': 'call', // /^checkout/ is case-sensitive; /call/i is not
      CHECKOUT: null, // no exact match (case differs), no pattern
      'Pick and pack': 'fulfil',
      'Newsletter opened': null,
    });
  });

  it('numbers touchpoints in workspace order with their stage, team and layer', async () => {
    await buildJourneys(store, workspace);
    const rows = await store.all<Record<string, unknown>>(
      raw(`SELECT code, touchpoint, stage, stage_index, team, layer, channel FROM ${TOUCHPOINTS}
        ORDER BY code`),
    );
    expect(rows.map((r) => Object.values(r))).toEqual([
      [0, 'ad', 'Awareness', 0, 'marketing', 'frontstage', 'web'],
      [1, 'checkout', 'Purchase', 1, 'sales', 'frontstage', 'web'],
      [2, 'call', 'Support', 2, 'care', 'frontstage', 'phone'],
      [3, 'fulfil', 'Purchase', 1, 'sales', 'backstage', 'store'],
    ]);
  });

  it('gives each journey its customer and the first segment whose rule matches', async () => {
    await buildJourneys(store, workspace);
    const rows = await store.all<{ customer_id: string; segment: string | null; steps: number }>(
      raw(`SELECT customer_id, any_value(segment) AS segment, sum(steps) AS steps FROM ${JOURNEYS}
        GROUP BY ALL ORDER BY customer_id`),
    );
    expect(rows).toEqual([
      { customer_id: 'c1', segment: 'premium', steps: 6 }, // ltv 2500 and NL: premium comes first
      { customer_id: 'c2', segment: 'nl', steps: 5 },
      { customer_id: 'c3', segment: null, steps: 2 }, // BE, ltv 50: no rule matches
      { customer_id: 'c4', segment: null, steps: 1 }, // not in customers.csv
      { customer_id: 'c5', segment: 'nl', steps: 2 }, // empty ltv fails gte, NL matches
    ]);
  });

  it('has exactly the documented columns, in order', async () => {
    await buildJourneys(store, workspace);
    const columns = await store.all<{ column_name: string }>(
      raw(`SELECT column_name FROM (DESCRIBE ${JOURNEY_STEPS})`),
    );
    expect(columns.map((c) => c.column_name)).toEqual([...JOURNEY_STEP_COLUMNS]);
  });

  it('filters events first, on the step channel, time and segment, then forms journeys', async () => {
    // Store: two events logged in store, two without a channel whose touchpoint is in store.
    expect((await buildJourneys(store, workspace, { channels: ['store'] })).summary).toMatchObject({
      journeys: 3,
      events: 4,
    });
    expect(await journeyLayout()).toEqual([
      ['K1', 1, 'Pick and pack'],
      ['K3', 1, 'ad_click_y'],
      ['K3', 2, 'Checkout'],
      ['K4', 1, 'Pick and pack'],
    ]);

    await buildJourneys(store, workspace, { segment: 'nl', from: '2025-01-02T00:00:00Z' });
    // c2's case-less events from 2 January: 3 Jan, then 5 Jan after a gap over 2 days.
    expect((await journeyLayout()).map(([j, p]) => `${j}:${p}`)).toEqual([
      'K3:1',
      'K3:2',
      'K5:1',
      'K5:2',
      'c2#1:1',
      'c2#2:1',
    ]);

    const { summary } = await buildJourneys(store, workspace, { to: '2025-01-02T00:00:00Z' });
    // Before 2 January: c2's first ad click and c3's checkout, each its own journey.
    expect([summary.journeys, summary.events, summary.customers]).toEqual([2, 2, 2]);
  });

  it('refuses an unknown segment, naming the known ones', async () => {
    await expect(buildJourneys(store, workspace, { segment: 'gold' })).rejects.toThrow(
      new UnknownSegmentError('segment gold: no such segment; the workspace has premium, nl'),
    );
  });

  it('leaves no earlier steps behind when a build fails', async () => {
    await buildJourneys(store, workspace);
    // Lookahead is rejected by validation (RE2 has none); a workspace built in code can skip it.
    const [first, ...rest] = workspace.touchpoints;
    const broken = {
      ...workspace,
      touchpoints: [{ ...first!, activities: ['/^(?=ad)/'] }, ...rest],
    };
    await expect(buildJourneys(store, broken)).rejects.toThrow(/regex|perl/i);
    await expect(journeyVariants(store)).rejects.toThrow(/run buildJourneys before/);
  });

  it('reports every activity as unmapped when the workspace has no touchpoints', async () => {
    const bare = { ...workspace, touchpoints: [], segments: [], idealJourneys: [] };
    const { summary } = await buildJourneys(store, bare);
    expect(summary.mappedEvents).toBe(0);
    expect(summary.unmapped.map((u) => [u.activity, u.events])).toEqual([
      ['Checkout', 5],
      ['Newsletter opened', 2],
      ['Pick and pack', 2],
      ['AD_CLICK_mail', 1],
      ['CHECKOUT', 1],
      ['Checkout Call', 1],
      ['ad_click', 1],
      ['ad_click_search', 1],
      ['ad_click_x', 1],
      ['ad_click_y', 1],
      ['checkout call', 1],
      ['checkout call me', 1],
      ['checkout-express', 1],
    ]);
  });

  it('summarises an empty store as zeros', async () => {
    const empty = await openStore(':memory:');
    try {
      expect((await buildJourneys(empty, workspace)).summary).toEqual({
        journeys: 0,
        customers: 0,
        events: 0,
        mappedEvents: 0,
        mappedShare: 0,
        unmapped: [],
      });
      expect(await journeyVariants(empty)).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});

describe('journeyVariants', () => {
  it('counts touchpoint sequences per segment, without unmapped steps, most journeys first', async () => {
    await buildJourneys(store, workspace);
    const variants = await journeyVariants(store);
    // The key tells variants of one segment apart; the same sequence has the same key.
    const keys = variants.map((v) => `${v.segment}|${v.key}`);
    expect(new Set(keys).size).toBe(variants.length);
    expect(variants[0]?.key).toBe(variants[4]?.key);
    expect(variants.map(({ key: _, ...rest }) => rest)).toEqual([
      // c2#1 (all mapped), K3, and K5 whose unmapped middle step is left out.
      {
        segment: 'nl',
        touchpoints: ['ad', 'checkout'],
        journeys: 3,
        customers: 2,
        example: 'c2#1',
        months: { '2025-01': 3 },
      },
      {
        segment: 'premium',
        touchpoints: ['ad', 'fulfil', 'checkout', 'call'],
        journeys: 1,
        customers: 1,
        example: 'K1',
        months: { '2025-01': 1 },
      },
      {
        segment: 'nl',
        touchpoints: ['call'],
        journeys: 1,
        customers: 1,
        example: 'c2#2',
        months: { '2025-01': 1 },
      },
      {
        segment: null,
        touchpoints: ['checkout', 'checkout'],
        journeys: 1,
        customers: 1,
        example: 'c3#1',
        months: { '2025-01': 1 },
      },
      // Same sequence as the first variant, but another segment: a variant of its own.
      {
        segment: 'premium',
        touchpoints: ['ad', 'checkout'],
        journeys: 1,
        customers: 1,
        example: 'K2',
        months: { '2025-02': 1 },
      },
      {
        segment: null,
        touchpoints: ['fulfil'],
        journeys: 1,
        customers: 1,
        example: 'K4',
        months: { '2025-01': 1 },
      },
    ]);
  });

  it('reads the start month in the given time zone', async () => {
    await buildJourneys(store, workspace);
    const [first] = await journeyVariants(store, { timezone: 'Europe/Amsterdam' });
    // K5 starts 31 January 23:30 UTC, which is 1 February in Amsterdam.
    expect(first?.months).toEqual({ '2025-01': 2, '2025-02': 1 });
  });

  it('keeps order: the same touchpoints in another order are another variant', async () => {
    await store.exec(
      raw(`INSERT INTO events (seq, import_id, customer_id, case_id, ts, activity)
      VALUES (1000, 0, 'c9', 'R1', TIMESTAMPTZ '2025-04-01 10:00:00+00', 'Checkout'),
             (1001, 0, 'c9', 'R1', TIMESTAMPTZ '2025-04-01 11:00:00+00', 'ad_click')`),
    );
    await buildJourneys(store, workspace);
    const nulls = (await journeyVariants(store)).filter((v) => v.segment === null);
    expect(nulls.map((v) => [v.touchpoints.join(' > '), v.journeys])).toEqual([
      ['checkout > checkout', 1],
      ['fulfil', 1],
      ['checkout > ad', 1],
    ]);
  });

  it('makes no journey of events that map to no touchpoint', async () => {
    await store.exec(
      raw(`INSERT INTO events (seq, import_id, customer_id, case_id, ts, activity)
      VALUES (1000, 0, 'c9', 'R1', TIMESTAMPTZ '2025-04-01 10:00:00+00', 'Newsletter opened')`),
    );
    const { summary } = await buildJourneys(store, workspace);
    expect(summary.journeys).toBe(8);
    expect(summary.unmapped[0]).toEqual({ activity: 'Newsletter opened', events: 3, customers: 3 });
    const variants = await journeyVariants(store);
    expect(variants.some((v) => v.example === 'R1')).toBe(false);
  });

  it('asks for buildJourneys first', async () => {
    await expect(journeyVariants(store)).rejects.toThrow(/run buildJourneys before/);
  });
});
