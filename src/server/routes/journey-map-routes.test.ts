/**
 * The journey map over HTTP on the friction fixture (test/fixtures/friction) with ideal
 * journeys added here, on the real app and store. c2 (Regular) browses, adds to the cart,
 * browses twice more and pays twice (failed, then abandoned), and writes "The payment kept
 * failing"; c3 (Regular) is passed between call, billing desk and back office; c1 (VIP) calls.
 * Customers c4–c8 have no customer row, so no segment: they count in the figures of everyone.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../ingest/import.js';
import { analyze, type TAnalysis } from '../../service/analyze.js';
import type { TJourneyMap } from '../../service/journey-map-types.js';
import { loadWorkspaceDir } from '../../service/workspace-files.js';
import { openStore } from '../../service/workspace-store.js';
import { testApp, type TTestApp } from '../test-kit.js';
import { analysisRoutes } from './analysis-routes.js';
import { journeyMapRoutes } from './journey-map-routes.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'friction');

const JOURNEYS = `idealJourneys:
  - { id: support-vip, name: Support, segment: vip, steps: [{ touchpoint: call, emotion: 1 }] }
  - id: purchase
    name: Purchase
    segment: regular
    steps:
      - { touchpoint: browse, repeatable: true, emotion: 1 }
      - { touchpoint: cart }
      - { touchpoint: pay, emotion: 0 }
  - id: support
    name: Support
    segment: regular
    steps: [{ touchpoint: call }, { touchpoint: bill-desk, optional: true }]
momentsOfTruth:
  - { id: second-call, name: Second call, rule: { kind: nthOccurrence, touchpoint: call, n: 2 } }
feedback: { minResponses: 1 }
`;

let dir: string;
let t: TTestApp;
let expected: TAnalysis;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-journey-map-'));
  const yaml = await readFile(join(FIXTURES, 'journeylens.yaml'), 'utf8');
  await writeFile(join(dir, 'journeylens.yaml'), `${yaml}${JOURNEYS}`);
  const store = await openStore(dir);
  for (const kind of ['customers', 'events', 'feedback'] as const) {
    await copyFile(join(FIXTURES, `${kind}.csv`), join(dir, `${kind}.csv`));
    await importFile(store, { path: join(dir, `${kind}.csv`), kind });
  }
  expected = await analyze(store, await loadWorkspaceDir(dir));
  await store.close();
  t = await testApp([analysisRoutes, journeyMapRoutes], { workspaceDir: dir });
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const get = async (path: string): Promise<TJourneyMap> => {
  const res = await t.call('viewer', path);
  const body = (await res.json()) as TJourneyMap;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
};

describe('GET /api/journey-map', () => {
  it('offers the segments with ideal journeys and opens the first', async () => {
    const answer = await get('/api/journey-map');
    expect(answer.segments).toEqual([
      { id: 'vip', name: 'VIP', journeys: [{ id: 'support-vip', name: 'Support', journeys: 2 }] },
      {
        id: 'regular',
        name: 'Regular',
        journeys: [
          { id: 'purchase', name: 'Purchase', journeys: 1 },
          { id: 'support', name: 'Support', journeys: 1 },
        ],
      },
    ]);
    expect(answer.map?.segment).toEqual({ id: 'vip', name: 'VIP' });
    expect(answer.map?.journey.id).toBe('support-vip');
    const call = answer.map?.touchpoints.find((tp) => tp.id === 'call');
    // c1 called three times over two journeys; c3 twice and c7 once, outside VIP.
    expect(call).toMatchObject({
      owner: 'care',
      ownerName: 'Customer care',
      moments: ['Second call'],
      volume: { steps: 3, customers: 1, journeys: 2 },
      volumeAll: { steps: 6, customers: 3, journeys: 4 },
    });
    expect(call?.verbatims.examples.map((v) => [v.text, v.segment])).toEqual([
      ['Sorted on the second call', 'vip'],
    ]);
    expect(answer.modelVersion).toBe(1);
  });

  it('draws a journey with the share that followed each step, friction and emotion', async () => {
    const answer = await get('/api/journey-map?segment=regular&journey=purchase');
    const map = answer.map;
    if (map === null) throw new Error('no map');
    expect(map.stages).toEqual(['Interest', 'Intent', 'Purchase', 'Support', 'Retention']);
    expect(map.conformance).toMatchObject({ journeys: 1, customers: 1, perfectShare: 0 });
    expect(map.steps.map((s) => [s.touchpoint, s.followed, s.share, s.expected])).toEqual([
      ['browse', 1, 1, 1],
      ['cart', 1, 1, null],
      ['pay', 1, 1, 0],
    ]);
    // c2's CSAT 2 (of 1–5) after the payment sits at −1 on the −2…+2 curve.
    expect(map.steps[2]?.measured?.value).toBe(-1);
    expect(map.steps[2]?.responses).toBe(1);

    const pay = map.touchpoints.find((tp) => tp.id === 'pay');
    const frictions = expected.friction.filter((f) => f.touchpoint === 'pay');
    expect(frictions.length).toBeGreaterThan(0);
    expect(pay?.frictions.map((f) => [f.type, f.occurrences, f.perMonth])).toEqual(
      frictions
        .sort((a, b) => b.occurrences - a.occurrences || (a.type < b.type ? -1 : 1))
        .map((f) => [f.type, f.occurrences, f.occurrences / expected.period.months]),
    );
    // Both of the payment's frictions are c2's, who is Regular.
    expect(pay?.frictions.map((f) => [f.type, f.segment.occurrences, f.segment.customers])).toEqual(
      [
        ['abandonment', 1, 1],
        ['failure', 1, 1],
      ],
    );
    // c4 left after the cart, but c4 has no segment: friction for everyone, none for Regular.
    const cart = map.touchpoints.find((tp) => tp.id === 'cart');
    expect(cart?.frictions.map((f) => [f.type, f.occurrences, f.segment.occurrences])).toEqual([
      ['abandonment', 1, 0],
    ]);
    expect(cart?.frictionPerMonth).toBe(0);
    expect(cart?.frictionPerMonthAll).toBeCloseTo(1 / expected.period.months, 9);
    expect(pay?.frictionPerMonthAll).toBeCloseTo(
      frictions.reduce((n, f) => n + f.occurrences, 0) / expected.period.months,
      9,
    );
    expect(pay).toMatchObject({
      stage: 'Purchase',
      channel: 'web',
      owner: 'finance',
      onJourney: true,
      volume: { steps: 2, customers: 1, journeys: 1 },
      volumeAll: { steps: 3, customers: 2, journeys: 2 },
      verbatims: {
        total: 1,
        ofSegment: 1,
        examples: [
          {
            text: 'The payment kept failing',
            kind: 'csat',
            score: 2,
            answeredAt: '2025-01-02T16:00:00.000Z',
            segment: 'regular',
          },
        ],
      },
    });
    expect(map.deviations.map((d) => [d.kind, d.touchpoint, d.journeys, d.share])).toEqual([
      ['repeated', 'browse', 1, 1],
      ['repeated', 'pay', 1, 1],
    ]);
  });

  it('shows a touchpoint met only as a deviation off the journey', async () => {
    const answer = await get('/api/journey-map?journey=support');
    expect(answer.map?.segment.id).toBe('regular');
    const ids = answer.map?.touchpoints.map((tp) => [tp.id, tp.onJourney, tp.layer]);
    expect(ids).toEqual([
      ['call', true, 'frontstage'],
      ['bill-desk', true, 'frontstage'],
      ['back-office', false, 'backstage'],
    ]);
  });

  it('names what is unknown, and admits readers only', async () => {
    const res = await t.call('viewer', '/api/journey-map?segment=nobody');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: {
        code: 'unknown_segment',
        message: 'segment nobody: no such segment with an ideal journey; the map has vip, regular',
      },
    });
    const wrong = await t.call('viewer', '/api/journey-map?segment=vip&journey=purchase');
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe(
      'unknown_journey',
    );
    expect((await t.call('read', '/api/journey-map')).status).toBe(200);
    expect((await t.call('anonymous', '/api/journey-map')).status).toBe(401);
    expect((await t.call('ingest', '/api/journey-map')).status).toBe(403);
  });
});

describe('a workspace without ideal journeys', () => {
  it('answers no map and no segments to choose', async () => {
    const bare = await mkdtemp(join(tmpdir(), 'jl-journey-map-bare-'));
    await copyFile(join(FIXTURES, 'journeylens.yaml'), join(bare, 'journeylens.yaml'));
    const app = await testApp([analysisRoutes, journeyMapRoutes], { workspaceDir: bare });
    try {
      const res = await app.call('viewer', '/api/journey-map');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ segments: [], map: null });
      const journey = await app.call('viewer', '/api/journey-map?journey=purchase');
      expect(await journey.json()).toMatchObject({
        error: {
          code: 'unknown_journey',
          message: 'journey purchase: no such ideal journey of any segment; there are (none)',
        },
      });
    } finally {
      await app.close();
      await rm(bare, { recursive: true, force: true });
    }
  });
});
