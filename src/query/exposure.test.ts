/**
 * The exposure query three ways (STYLE.md "Queries"): the decision on the plan, the pinned SQL,
 * and the result on the hand-made fixture test/fixtures/exposure run on the real in-process
 * DuckDB. Every expected count below was worked out by hand from events.csv (months in Paris
 * time: c2's call at 23:30 UTC on 31 January is on 1 February there; c9 has no customer row,
 * so no segment).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../ingest/import.js';
import { loadWorkspaceOrThrow } from '../model/workspace.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import { buildJourneys } from '../service/journeys.js';
import { openStore } from '../service/workspace-store.js';
import type { TStore } from '../store/store.js';
import {
  exposureCounts,
  exposureMonths,
  exposurePlan,
  type TExposureCountRow,
} from './exposure.js';
import { render } from './sql.js';

const FIXTURE = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'exposure');

let workspace: TWorkspace;
let store: TStore;

beforeAll(async () => {
  workspace = loadWorkspaceOrThrow(await readFile(join(FIXTURE, 'journeylens.yaml'), 'utf8'));
  store = await openStore(':memory:');
  await importFile(store, { path: join(FIXTURE, 'customers.csv'), kind: 'customers' });
  await importFile(store, { path: join(FIXTURE, 'events.csv'), kind: 'events' });
  await buildJourneys(store, workspace);
});
afterAll(async () => {
  await store.close();
});

describe('the decision', () => {
  it('keeps known touchpoints in workspace order with their codes, and lists unknown ids', () => {
    const plan = exposurePlan(workspace, ['call', 'nope', 'pay', 'call']);
    expect(plan.touchpoints).toEqual([
      { id: 'pay', code: 1 },
      { id: 'call', code: 2 },
    ]);
    expect(plan.unknown).toEqual(['nope']);
    expect(plan.tiers).toEqual([
      { segment: 'vip', tier: 'premium' },
      { segment: 'regular', tier: 'standard' },
    ]);
    expect(plan.timezone).toBe('Europe/Paris');
  });
});

describe('the SQL', () => {
  it('binds the codes, tiers and zone as parameters and groups in one pass', () => {
    const q = render(exposureCounts(exposurePlan(workspace, ['pay', 'call'])));
    expect(q.params).toEqual(['Europe/Paris', 'vip', 'premium', 'regular', 'standard', 1, 2]);
    expect(q.text.replace(/\s+/g, ' ')).toBe(
      'SELECT month, segment, any_value(tier) AS tier, tp, ' +
        'CAST(grouping(month) AS INTEGER) AS all_months, CAST(grouping(segment) AS INTEGER) AS all_segments, ' +
        'CAST(grouping(tp) AS INTEGER) AS all_touchpoints, ' +
        'count(DISTINCT customer_id) AS customers, count(*) AS passes ' +
        "FROM ( SELECT strftime(date_trunc('month', timezone($1, s.ts)), '%Y-%m') AS month, g.segment, " +
        'CASE g.segment WHEN $2 THEN $3 WHEN $4 THEN $5 END AS tier, s.tp, s.customer_id ' +
        'FROM jl_journey_steps s LEFT JOIN jl_segments g ON g.customer_id = s.customer_id ' +
        'WHERE s.tp IN ($6, $7) ) ' +
        'GROUP BY GROUPING SETS ((month, segment), (month), (segment), (month, tp), (tp), ()) ' +
        'ORDER BY all_touchpoints, all_months, all_segments, month, segment NULLS LAST, tp',
    );
  });

  it('asks nothing of the engine without a known touchpoint', () => {
    expect(render(exposureCounts(exposurePlan(workspace, ['nope']))).text).toContain('WHERE false');
  });
});

describe('the result on the fixture', () => {
  let rows: TExposureCountRow[];
  beforeAll(async () => {
    rows = await store.all<TExposureCountRow>(
      exposureCounts(exposurePlan(workspace, ['pay', 'call'])),
    );
  });
  const pick = (flags: [number, number, number]) =>
    rows
      .filter(
        (r) =>
          r.all_touchpoints === flags[0] &&
          r.all_months === flags[1] &&
          r.all_segments === flags[2],
      )
      .map((r) => ({ ...r, customers: Number(r.customers), passes: Number(r.passes) }));

  it('counts distinct customers and passes per month and segment, in Paris months', () => {
    expect(pick([1, 0, 0]).map((r) => [r.month, r.segment, r.tier, r.customers, r.passes])).toEqual(
      [
        ['2025-01', 'vip', 'premium', 1, 2], // c1: pay, call
        ['2025-01', null, null, 1, 1], // c9
        ['2025-02', 'regular', 'standard', 1, 1], // c3: pay
        ['2025-02', 'vip', 'premium', 2, 2], // c1 call, c2 call (31 Jan 23:30 UTC)
        ['2025-03', 'regular', 'standard', 1, 2], // c4: two calls
      ],
    );
  });

  it('counts each month, each segment and the whole period', () => {
    expect(pick([1, 0, 1]).map((r) => [r.month, r.customers])).toEqual([
      ['2025-01', 2],
      ['2025-02', 3],
      ['2025-03', 1],
    ]);
    expect(pick([1, 1, 0]).map((r) => [r.segment, r.customers, r.passes])).toEqual([
      ['regular', 2, 3],
      ['vip', 2, 4],
      [null, 1, 1],
    ]);
    expect(pick([1, 1, 1]).map((r) => [r.customers, r.passes])).toEqual([[5, 8]]);
  });

  it('counts each touchpoint per month and over the period', () => {
    expect(pick([0, 1, 1]).map((r) => [r.tp, r.customers, r.passes])).toEqual([
      [1, 2, 2], // pay: c1, c3
      [2, 4, 6], // call: c1 ×2, c2, c4 ×2, c9
    ]);
    expect(pick([0, 0, 1]).map((r) => [r.month, r.tp, r.customers])).toEqual([
      ['2025-01', 1, 1],
      ['2025-01', 2, 2],
      ['2025-02', 1, 1],
      ['2025-02', 2, 2],
      ['2025-03', 2, 1],
    ]);
  });

  it("spans the data's months in the workspace's zone", async () => {
    const [range] = await store.all(exposureMonths(exposurePlan(workspace, ['pay'])));
    expect(range).toEqual({ first: '2025-01', last: '2025-03' });
  });
});
