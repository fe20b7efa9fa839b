import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { TStore } from '../store/store.js';
import { raw, sql } from './sql.js';
import { stageMetrics, stageTeams } from './stages.js';

// journey, customer, pos, hour of 1 Jan 2025, stage index (0 Interest, 1 Intent, 2 Purchase), team.
const STEPS: [string, string, number, number, number, string][] = [
  // j1 converts Interest → Intent → Purchase: 1 h in Interest, 2 h in Intent, 0 in Purchase.
  ['j1', 'c1', 1, 0, 0, 'marketing'],
  ['j1', 'c1', 2, 1, 1, 'web'],
  ['j1', 'c1', 3, 3, 2, 'finance'],
  // j2 stays in Interest for 4 h and never moves on.
  ['j2', 'c2', 1, 0, 0, 'marketing'],
  ['j2', 'c2', 2, 4, 0, 'web'],
  // j3 goes to Intent only, 1 h in Interest, then 0 in Intent.
  ['j3', 'c3', 1, 10, 0, 'marketing'],
  ['j3', 'c3', 2, 11, 1, 'web'],
];
const NAMES = ['Interest', 'Intent', 'Purchase'];

let store: TStore;
beforeAll(async () => {
  store = await openDuckDbStore({ path: ':memory:' });
  await store.exec(
    raw(`CREATE TABLE steps (journey_id VARCHAR, customer_id VARCHAR, pos INTEGER, ts TIMESTAMPTZ,
    stage VARCHAR, stage_index INTEGER, team VARCHAR)`),
  );
  for (const [j, c, pos, hour, stage, team] of STEPS) {
    await store.exec(sql`INSERT INTO steps VALUES (${j}, ${c}, ${pos},
      TIMESTAMPTZ '2025-01-01 00:00:00+00' + to_hours(CAST(${hour} AS INTEGER)), ${NAMES[stage] ?? ''}, ${stage}, ${team})`);
  }
  await store.exec(
    raw(
      `CREATE TABLE friction AS SELECT * FROM (VALUES ('c2', 'Interest'), ('c2', 'Interest')) v(customer_id, stage)`,
    ),
  );
});
afterAll(async () => {
  await store.close();
});

it('scores every stage: entering, conversion, time in stage, friction rate', async () => {
  const rows = await store.all<Record<string, unknown>>(
    stageMetrics(raw('steps'), raw('friction'), NAMES.length),
  );
  expect(
    rows.map((r) => [
      r.stage,
      r.customers,
      r.journeys,
      r.conversion,
      r.mean_seconds,
      r.median_seconds,
      r.friction_rate,
    ]),
  ).toEqual([
    ['Interest', 3, 3, 2 / 3, (3600 + 4 * 3600 + 3600) / 3, 3600, 1 / 3],
    ['Intent', 2, 2, 1 / 2, (2 * 3600 + 0) / 2, 3600, 0],
    ['Purchase', 1, 1, null, 0, 0, 0],
  ]);
});

it('names the teams of each stage with their share of its steps', async () => {
  const rows = await store.all<{ stage: string; team: string; share: number }>(
    stageTeams(raw('steps')),
  );
  expect(rows.map((r) => [r.stage, r.team, r.share])).toEqual([
    ['Interest', 'marketing', 3 / 4],
    ['Interest', 'web', 1 / 4],
    ['Intent', 'web', 1],
    ['Purchase', 'finance', 1],
  ]);
});
