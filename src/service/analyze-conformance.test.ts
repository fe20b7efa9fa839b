/**
 * Conformance on the friction fixture (test/fixtures/friction) with ideal journeys added here.
 * c1 (VIP) has two support journeys, [call, call, chat] and [call]; the VIP ideal is [call],
 * so c1 is one customer behind two variants: counted once.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importFile } from '../ingest/import.js';
import { loadWorkspaceOrThrow } from '../model/workspace.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import type { TStore } from '../store/store.js';
import { conformance, conformanceDetail, type TConformance } from './analyze-conformance.js';
import { buildJourneys } from './journeys.js';
import { openStore } from './workspace-store.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'friction');

let store: TStore;
let workspace: TWorkspace;
let result: TConformance;
beforeAll(async () => {
  store = await openStore(':memory:');
  await importFile(store, { path: join(FIXTURES, 'customers.csv'), kind: 'customers' });
  await importFile(store, { path: join(FIXTURES, 'events.csv'), kind: 'events' });
  const yaml = (await readFile(join(FIXTURES, 'journeylens.yaml'), 'utf8')).concat(`idealJourneys:
  - { id: support-vip, name: Support, segment: vip, steps: [{ touchpoint: call }] }
  - id: purchase
    name: Purchase
    segment: regular
    steps: [{ touchpoint: browse, repeatable: true }, { touchpoint: cart }, { touchpoint: pay }]
  - id: support
    name: Support
    segment: regular
    steps: [{ touchpoint: call }, { touchpoint: bill-desk, optional: true }]
`);
  workspace = loadWorkspaceOrThrow(yaml);
  await buildJourneys(store, workspace);
  result = await conformance(store, workspace);
});
afterAll(async () => {
  await store.close();
});

it('counts a customer behind several variants once, exactly', () => {
  const vip = result.byJourney.find((j) => j.journeyId === 'support-vip');
  // j2 fits perfectly; j1 repeats the call and adds a chat: cost 2 of 3 + 1 → fitness 0.5.
  expect(vip).toMatchObject({
    variants: 2,
    journeys: 2,
    customers: 1,
    customersExact: true,
    meanFitness: (1 + 0.5) / 2,
    perfectShare: 0.5,
  });
});

it('keeps the best ideal journey of the segment for each variant', () => {
  // c2's purchase (browse, cart, browse, browse, pay, pay) and c3's support ping-pong.
  expect(result.byJourney.map((j) => [j.journeyId, j.journeys])).toEqual([
    ['support-vip', 2],
    ['purchase', 1],
    ['support', 1],
  ]);
  const deviations = result.deviations.map((d) => [
    d.journeyId,
    d.kind,
    d.touchpoint,
    d.occurrences,
  ]);
  expect(deviations).toEqual(
    expect.arrayContaining([
      ['purchase', 'repeated', 'browse', 2],
      ['purchase', 'repeated', 'pay', 1],
      ['support', 'repeated', 'call', 1],
      ['support', 'extra', 'back-office', 1],
      ['support-vip', 'repeated', 'call', 1],
      ['support-vip', 'extra', 'chat', 1],
    ]),
  );
  expect(deviations).toHaveLength(6);
});

it('lists segments without an ideal journey with their customers', () => {
  // c4–c8 are not in customers.csv: no segment, no ideal journey.
  expect(result.noIdealJourney).toEqual([
    expect.objectContaining({
      segment: undefined,
      journeys: 5,
      customers: 5,
      customersExact: true,
    }),
  ]);
});

it('says per step how many journeys followed it in place', () => {
  const steps = (id: string) =>
    result.steps
      .find((j) => j.journeyId === id)
      ?.steps.map((s) => [s.touchpoint, s.followed, s.missed, s.share]);
  // c2 repeats browse and pay around the steps, but passes each of them in order.
  expect(steps('purchase')).toEqual([
    ['browse', 1, 0, 1],
    ['cart', 1, 0, 1],
    ['pay', 1, 0, 1],
  ]);
  expect(steps('support-vip')).toEqual([['call', 2, 0, 1]]);
  expect(result.steps.map((j) => [j.journeyId, j.journeys])).toEqual(
    result.byJourney.map((j) => [j.journeyId, j.journeys]),
  );
});

it('counts the same customers through bit masks as with one DISTINCT count per label', async () => {
  const counted = await conformanceDetail(store, workspace, { maskedLabels: 0 });
  expect(counted.conformance).toEqual(result);
  expect(result.byJourney.map((j) => j.customers)).not.toEqual(result.byJourney.map(() => 0));
});
