/**
 * Moments of truth on the friction fixture (test/fixtures/friction) with a declared touchpoint
 * and three rules added here; every figure worked out by hand from events.csv.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importFile } from '../ingest/import.js';
import { loadWorkspaceOrThrow } from '../model/workspace.js';
import { createFriction } from '../query/friction.js';
import type { TStore } from '../store/store.js';
import { feedbackAnalysis } from './analyze-feedback.js';
import { momentsOfTruth, type TMomentsOfTruth } from './analyze-moments.js';
import { buildJourneys } from './journeys.js';
import { openStore } from './workspace-store.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'friction');

let store: TStore;
let moments: TMomentsOfTruth;
beforeAll(async () => {
  store = await openStore(':memory:');
  await importFile(store, { path: join(FIXTURES, 'customers.csv'), kind: 'customers' });
  await importFile(store, { path: join(FIXTURES, 'events.csv'), kind: 'events' });
  await importFile(store, { path: join(FIXTURES, 'feedback.csv'), kind: 'feedback' });
  const yaml = (await readFile(join(FIXTURES, 'journeylens.yaml'), 'utf8')).replace(
    'owner: finance, activities: [pay] }',
    'owner: finance, activities: [pay], momentOfTruth: true }',
  ).concat(`momentsOfTruth:
  - { id: second-browse, name: Second browse, rule: { kind: nthOccurrence, touchpoint: browse, n: 2 } }
  - id: contacts
    name: 2nd contact in 30 days
    rule: { kind: contactsWithin, count: 2, withinDays: 30, touchpoints: [call, chat] }
  - { id: shipped, name: First delivery after paying, rule: { kind: firstAfter, touchpoint: ship, after: pay } }
feedback:
  minResponses: 1
  scales: [{ kind: effort5, min: 1, max: 5 }]
`);
  const workspace = loadWorkspaceOrThrow(yaml);
  expect(workspace.touchpoints.find((t) => t.id === 'pay')?.momentOfTruth).toBe(true);
  const { plan } = await buildJourneys(store, workspace);
  for (const statement of createFriction(workspace.friction, plan)) await store.exec(statement);
  const feedback = await feedbackAnalysis(store, workspace, []);
  moments = await momentsOfTruth(store, workspace, plan, feedback);
});
afterAll(async () => {
  await store.close();
});

it('scores a declared touchpoint: volume, customers, success and friction rates', () => {
  // pay: c2 failed then gave up (both friction occurrences), c6 paid.
  expect(moments.declared[0]).toMatchObject({
    moment: 'touchpoint:pay',
    kind: 'touchpoint',
    id: 'pay',
    name: 'Payment',
    volume: 3,
    customers: 2,
    successRate: 1 / 3,
    frictionRate: 2 / 3,
  });
  // c2's CSAT of 2, tied to the payment it gave up on.
  expect(moments.declared[0]?.satisfaction.map((x) => [x.kind, x.n, x.mean?.value])).toEqual([
    ['csat', 1, 2],
  ]);
});

it('evaluates each kind of rule over the history', () => {
  const byId = new Map(moments.declared.map((m) => [m.id, m]));
  // c2's second browse (12:00) is also a loop.
  expect(byId.get('second-browse')).toMatchObject({ volume: 1, customers: 1, frictionRate: 1 });
  // c1 on 01-03, 01-10 and 01-30 (the 4th contact, 29 days after the 1st); c3's second call;
  // c7's chat. Friction: c1's 01-03 and 01-10 repeats and c3's looped call.
  expect(byId.get('contacts')).toMatchObject({
    volume: 5,
    customers: 3,
    successRate: 1,
    frictionRate: 3 / 5,
  });
  // Answers in the journeys of those contacts, after them: c1's CSAT 4 about j1's call, and
  // c7's effort of 4 after the chat in j8 (the 7 is outside 1–5).
  expect(byId.get('contacts')?.satisfaction.map((x) => [x.kind, x.n, x.mean?.value])).toEqual([
    ['csat', 1, 4],
    ['effort5', 1, 4],
  ]);
  // j7 ships after paying, 48 h later: above its level.
  expect(byId.get('shipped')).toMatchObject({ volume: 1, customers: 1, frictionRate: 1 });
});

it('proposes touchpoints by impact × volume: customers with a bad experience there', () => {
  expect(moments.proposed.map((p) => [p.touchpoint, p.reached, p.badExperiences])).toEqual([
    ['call', 3, 2], // c1 waited and called again; c3 waited, looped and was handed off
    ['browse', 3, 1], // c2 looped
    ['cart', 2, 1], // c4 stopped there
    ['chat', 2, 1], // c1 called again and switched channel
    ['pay', 2, 1], // c2
    ['bill-desk', 1, 1], // c3 handed off
    ['ship', 1, 1], // late
  ]);
  expect(moments.proposed.find((p) => p.touchpoint === 'pay')?.declared).toBe(true);
});
