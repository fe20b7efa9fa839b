/**
 * Shared stage metrics on the friction fixture (test/fixtures/friction), computed by hand from
 * events.csv: journeys j3 and j5 convert Interest → Intent, j3 goes on to Purchase, and so on
 * (see the comments at each expectation).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importFile } from '../ingest/import.js';
import { loadWorkspaceOrThrow } from '../model/workspace.js';
import { createFriction } from '../query/friction.js';
import type { TStore } from '../store/store.js';
import { stageScores, type TStageScore } from './analyze-stages.js';
import { buildJourneys } from './journeys.js';
import { openStore } from './workspace-store.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'friction');
const HOUR = 3600;
const DAY = 24 * HOUR;

let store: TStore;
let stages: TStageScore[];
beforeAll(async () => {
  store = await openStore(':memory:');
  await importFile(store, { path: join(FIXTURES, 'customers.csv'), kind: 'customers' });
  await importFile(store, { path: join(FIXTURES, 'events.csv'), kind: 'events' });
  const workspace = loadWorkspaceOrThrow(
    await readFile(join(FIXTURES, 'journeylens.yaml'), 'utf8'),
  );
  const { plan } = await buildJourneys(store, workspace);
  for (const statement of createFriction(workspace.friction, plan)) await store.exec(statement);
  stages = await stageScores(store, plan);
});
afterAll(async () => {
  await store.close();
});

const stage = (name: string): TStageScore => {
  const found = stages.find((s) => s.stage === name);
  if (found === undefined) throw new Error(`no stage ${name}`);
  return found;
};

it('lists every stage in workspace order', () => {
  expect(stages.map((s) => s.stage)).toEqual([
    'Interest',
    'Intent',
    'Purchase',
    'Support',
    'Retention',
  ]);
});

it('Interest: j3, j5 and j6 enter; j3 and j5 reach the cart', () => {
  expect(stage('Interest')).toEqual({
    stage: 'Interest',
    journeys: 3,
    customers: 3,
    conversion: 2 / 3,
    // Until the first later stage: j3 10:00 → cart 11:00, j5 10:00 → 10:05; j6 browses once.
    timeInStage: { mean: (HOUR + 300) / 3, median: 300 },
    // j3: browse 10:00 → cart 11:00; j5: 10:00 → 10:05.
    timeToNext: { mean: (HOUR + 300) / 2, median: (HOUR + 300) / 2 },
    // c2 loops at browse; c4 and c5 have no friction in Interest.
    frictionRate: 1 / 3,
    teams: [{ team: 'web', steps: 5, share: 1 }],
  });
});

it('Intent and Purchase: conversion, times and the teams that share the stage', () => {
  expect(stage('Intent')).toMatchObject({
    journeys: 2,
    conversion: 1 / 2,
    timeToNext: { mean: 3 * HOUR, median: 3 * HOUR }, // j3: cart 11:00 → pay 14:00
    frictionRate: 1 / 2, // c4 stopped at the cart
  });
  expect(stage('Purchase')).toMatchObject({
    journeys: 2,
    conversion: 0,
    // j3 pays at 14:00 and last at 15:00; j7 pays on the 6th and is surveyed (Retention) on the 9th.
    timeInStage: { mean: (HOUR + 3 * DAY) / 2, median: (HOUR + 3 * DAY) / 2 },
    timeToNext: { mean: null, median: null },
    frictionRate: 1, // c2 failed and gave up; c6's delivery was late
    teams: [
      { team: 'finance', steps: 3, share: 0.75 },
      { team: 'logistics', steps: 1, share: 0.25 },
    ],
  });
});

it('Support and Retention: no conversion beyond the last stage', () => {
  expect(stage('Support')).toMatchObject({
    journeys: 4,
    customers: 3,
    conversion: 0,
    // j1 9 days, j2 0, j4 3 h, j8 2 days.
    timeInStage: { mean: (9 * DAY + 3 * HOUR + 2 * DAY) / 4, median: (3 * HOUR + 2 * DAY) / 2 },
    frictionRate: 2 / 3,
    teams: [
      { team: 'care', steps: 8, share: 0.8 },
      { team: 'billing', steps: 2, share: 0.2 },
    ],
  });
  expect(stage('Retention')).toMatchObject({
    journeys: 2,
    conversion: null,
    timeToNext: null,
    frictionRate: 0,
  });
});
