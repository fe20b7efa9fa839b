/**
 * Feedback tied to the journey on the friction fixture (test/fixtures/friction, feedback.csv),
 * every attribution and figure worked out by hand. The workspace declares the custom scale
 * effort5 (1–5) and shows figures from one response up, so small groups can be checked.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importFile } from '../ingest/import.js';
import { loadWorkspaceOrThrow } from '../model/workspace.js';
import { FEEDBACK } from '../query/feedback.js';
import { createFriction } from '../query/friction.js';
import { raw } from '../query/sql.js';
import type { TStore } from '../store/store.js';
import { feedbackAnalysis, type TFeedbackAnalysis } from './analyze-feedback.js';
import { buildJourneys } from './journeys.js';
import { openStore } from './workspace-store.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'friction');

let store: TStore;
let result: TFeedbackAnalysis;
beforeAll(async () => {
  store = await openStore(':memory:');
  for (const kind of ['customers', 'events', 'feedback'] as const) {
    await importFile(store, { path: join(FIXTURES, `${kind}.csv`), kind });
  }
  const yaml = (await readFile(join(FIXTURES, 'journeylens.yaml'), 'utf8')).concat(`feedback:
  minResponses: 1
  scales: [{ kind: effort5, min: 1, max: 5, positiveFrom: 4 }]
`);
  const workspace = loadWorkspaceOrThrow(yaml);
  const { plan } = await buildJourneys(store, workspace);
  for (const statement of createFriction(workspace.friction, plan)) await store.exec(statement);
  result = await feedbackAnalysis(store, workspace, []);
});
afterAll(async () => {
  await store.close();
});

it('ties each response to a touchpoint, a stage or the latest step, or says why not', async () => {
  const rows = await store.all<Record<string, unknown>>(
    raw(`SELECT f.customer_id, kind, method, t.touchpoint, f.stage, j.journey_id, unattributed
      FROM ${FEEDBACK} f LEFT JOIN jl_touchpoints t ON t.code = f.tp
      LEFT JOIN jl_journeys j ON j.journey = f.journey ORDER BY f.seq`),
  );
  expect(rows.map((r) => Object.values(r))).toEqual([
    // Names its touchpoint and its case.
    ['c1', 'csat', 'touchpoint', 'call', 'Support', 'j1', null],
    // Names its case only: the latest step of j3 before 16:00 is the abandoned payment at 15:00.
    ['c2', 'csat', 'nearest', 'pay', 'Purchase', 'j3', null],
    // No case: the customer's latest step, the cart at 10:05, 55 minutes before.
    ['c4', 'ces', 'nearest', 'cart', 'Intent', 'j5', null],
    ['c5', 'csat', 'none', null, null, null, 'no step within the attribution window'],
    [
      'c1',
      'nps',
      'none',
      null,
      null,
      null,
      'no touchpoint or stage named; this kind is not attributed by time',
    ],
    ['c3', 'csat', 'stage', null, 'Support', null, null],
    ['c6', 'csat', 'none', null, null, null, 'names an unknown touchpoint: nope'],
    ['c9', 'csat', 'none', null, null, null, 'no step of the customer before the answer'],
    ['c7', 'effort5', 'nearest', 'chat', 'Support', 'j8', null],
    ['c7', 'effort5', 'nearest', 'chat', 'Support', 'j8', null],
  ]);
  expect(result.unattributed.map((u) => [u.kind, u.responses])).toEqual([
    ['csat', 1],
    ['csat', 1],
    ['csat', 1],
    ['nps', 1],
  ]);
});

it('scores each kind in its measure, leaving out-of-scale answers aside', () => {
  // CSAT 4, 2, 5, 3, 1, 3: two of six satisfied (4–5).
  const csat = result.kinds.find((k) => k.kind === 'csat');
  expect(csat).toMatchObject({ n: 6, measure: 'satisfied share', suppressed: false });
  expect(csat?.score?.value).toBeCloseTo(2 / 6, 12);
  expect(csat?.mean?.value).toBeCloseTo(18 / 6, 12);
  // effort5: 7 is outside 1–5; the 4 remains.
  expect(result.outOfScale).toEqual([{ kind: 'effort5', responses: 1 }]);
  expect(result.kinds.find((k) => k.kind === 'effort5')).toMatchObject({ n: 1, measure: 'mean' });
  expect(result.kinds.find((k) => k.kind === 'nps')?.score?.value).toBe(100);
});

it('breaks satisfaction down by touchpoint, stage and month', () => {
  const byTouchpoint = result.metrics.touchpoint
    .filter((m) => m.kind === 'csat')
    .map((m) => [m.value, m.n]);
  expect(byTouchpoint).toEqual([
    ['call', 1],
    ['pay', 1],
    [null, 4],
  ]);
  expect(result.metrics.stage.filter((m) => m.kind === 'csat').map((m) => [m.value, m.n])).toEqual([
    ['Purchase', 1],
    ['Support', 2],
    [null, 3],
  ]);
  expect(result.metrics.month.map((m) => [m.value, m.kind, m.n])).toContainEqual([
    '2025-01',
    'csat',
    5,
  ]);
});

it('compares the answers exposed to a friction with the others', () => {
  // c2's journey failed and gave up paying before the 16:00 answer (score 2); the other five
  // CSAT answers average 16 / 5.
  const failure = result.gaps.find((g) => g.key === 'friction|failure|pay' && g.kind === 'csat');
  expect(failure?.exposed).toMatchObject({ n: 1, mean: 2 });
  expect(failure?.notExposed).toMatchObject({ n: 5, mean: 16 / 5 });
  expect(failure?.meanGap?.value).toBeCloseTo(2 - 16 / 5, 12);
});

it('reads the verbatims: sentiment per touchpoint and stage', () => {
  const v = result.verbatims;
  expect([v.verbatims, v.read]).toEqual([4, 4]);
  // "The payment kept failing" is about the payment; "Sorted on the second call" about the call.
  const pay = v.sentimentByTouchpoint.find((s) => s.value === 'pay');
  expect(pay).toMatchObject({ n: 1, negative: 1 });
  expect(v.sentimentByStage.map((s) => s.value)).toEqual(['Purchase', 'Support']);
});
