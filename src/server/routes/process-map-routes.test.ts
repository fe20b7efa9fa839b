/**
 * The process map over HTTP on the friction fixture (test/fixtures/friction, with two ideal
 * journeys added) on the real app and store. Unfiltered, it is the shared discovery; filtered,
 * its counts must equal an independent count made here from the CSV file itself.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../ingest/import.js';
import type { TDfgEdge } from '../../model/discovery.js';
import { overlaps, type TLayout } from '../../analysis/process-layout.js';
import type { TProcessMap } from '../../service/process-map.js';
import { openStore } from '../../service/workspace-store.js';
import { testApp, type TCaller, type TTestApp } from '../test-kit.js';
import { analysisRoutes } from './analysis-routes.js';
import { processMapRoutes } from './process-map-routes.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'friction');

const IDEAL_JOURNEYS = `
idealJourneys:
  - id: buy
    name: Buy online
    segment: regular
    steps: [{ touchpoint: browse }, { touchpoint: cart }, { touchpoint: pay }, { touchpoint: ship }]
  - id: help
    name: Get help
    segment: vip
    steps: [{ touchpoint: call, repeatable: true }, { touchpoint: chat, optional: true }]
`;

type TRow = { customer: string; journey: string; ts: number; activity: string; channel: string };

let dir: string;
let t: TTestApp;
let rows: TRow[];
let tiers: Map<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-process-map-'));
  const yaml = await readFile(join(FIXTURES, 'journeylens.yaml'), 'utf8');
  await writeFile(join(dir, 'journeylens.yaml'), yaml + IDEAL_JOURNEYS);
  const store = await openStore(dir);
  for (const kind of ['customers', 'events'] as const) {
    await copyFile(join(FIXTURES, `${kind}.csv`), join(dir, `${kind}.csv`));
    await importFile(store, { path: join(dir, `${kind}.csv`), kind });
  }
  await store.close();
  rows = (await csv('events.csv')).map((r) => ({
    customer: r.customer_id ?? '',
    journey: r.case_id || (r.customer_id ?? ''),
    ts: Date.parse(r.timestamp ?? ''),
    activity: r.activity ?? '',
    channel: r.channel ?? '',
  }));
  tiers = new Map((await csv('customers.csv')).map((r) => [r.customer_id ?? '', r.tier ?? '']));
  t = await testApp([analysisRoutes, processMapRoutes], { workspaceDir: dir });
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

async function csv(name: string): Promise<Record<string, string>[]> {
  const [header, ...lines] = (await readFile(join(FIXTURES, name), 'utf8')).trim().split('\n');
  const keys = (header ?? '').split(',');
  return lines.map((l): Record<string, string> =>
    Object.fromEntries(l.split(',').map((v, i): [string, string] => [keys[i] ?? '', v])),
  );
}

/** The count made without the engine: journeys in time order (file order on ties), pairs. */
function countByHand(keep: (r: TRow) => boolean) {
  const journeys = new Map<string, TRow[]>();
  for (const r of rows.filter(keep))
    journeys.set(r.journey, [...(journeys.get(r.journey) ?? []), r]);
  const edges = new Map<string, number>();
  for (const steps of journeys.values()) {
    // Array.prototype.sort is stable: equal times keep the file's order.
    steps.sort((a, b) => a.ts - b.ts);
    for (let i = 1; i < steps.length; i++) {
      const key = `${steps[i - 1]?.activity}→${steps[i]?.activity}`;
      edges.set(key, (edges.get(key) ?? 0) + 1);
    }
  }
  return {
    cases: journeys.size,
    events: [...journeys.values()].reduce((n, s) => n + s.length, 0),
    edges: Object.fromEntries([...edges].sort(([a], [b]) => a.localeCompare(b))),
  };
}

const edgeCounts = (edges: readonly TDfgEdge[]): Record<string, number> =>
  Object.fromEntries(
    edges
      .map((e): [string, number] => [`${e.from}→${e.to}`, e.count])
      .sort(([a], [b]) => a.localeCompare(b)),
  );

async function get<T>(path: string, who: TCaller = 'viewer'): Promise<T> {
  const res = await t.call(who, path);
  const body = (await res.json()) as T;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
}

describe('GET /api/process-map', () => {
  it('unfiltered, is the shared discovery with each activity’s touchpoint', async () => {
    const map = await get<TProcessMap>('/api/process-map');
    const discovery = await get<{ dfg: TDfgEdge[]; cases: number }>('/api/analysis/discovery');
    expect(map.edges).toEqual(discovery.dfg);
    expect(map.cases).toBe(discovery.cases);
    const byHand = countByHand(() => true);
    expect([map.cases, map.events]).toEqual([byHand.cases, byHand.events]);
    expect(edgeCounts(map.edges)).toEqual(byHand.edges);
    const touchpointOf = Object.fromEntries(map.activities.map((a) => [a.activity, a.touchpoint]));
    expect(touchpointOf).toMatchObject({ call: 'call', 'bill-desk': 'bill-desk', note: null });
    expect(map.activities.find((a) => a.activity === 'call')).toMatchObject({
      count: 6,
      starts: 4,
      ends: 1,
    });
    // The regular segment's journey comes first in the file: it is the default.
    expect(map.idealJourney?.id).toBe('buy');
    expect(map.choices).toEqual({
      segments: [
        { id: 'vip', name: 'VIP' },
        { id: 'regular', name: 'Regular' },
      ],
      channels: ['web', 'phone', 'chat', 'email', 'mail'],
      months: ['2025-01', '2025-02'],
      idealJourneys: [
        { id: 'buy', name: 'Buy online', segment: 'regular' },
        { id: 'help', name: 'Get help', segment: 'vip' },
      ],
    });
    // Every journey is its own variant: ties go by first appearance (j1, nine days long).
    expect(map.variants.length).toBe(9);
    expect(map.variants[0]).toEqual({
      count: 1,
      share: 1 / 9,
      meanSeconds: 9 * 86400,
      activities: ['call', 'call', 'chat'],
    });
  });

  it.each([
    ['channel=phone', (r: TRow) => r.channel === 'phone'],
    ['segment=vip', (r: TRow) => tiers.get(r.customer) === 'vip'],
    ['segment=regular', (r: TRow) => tiers.has(r.customer) && tiers.get(r.customer) !== 'vip'],
    ['from=2025-02&to=2025-02', (r: TRow) => r.ts >= Date.parse('2025-02-01T00:00:00Z')],
    [
      'channel=web&from=2025-01&to=2025-01',
      (r: TRow) => r.channel === 'web' && r.ts < Date.parse('2025-02-01T00:00:00Z'),
    ],
  ])('filtered by %s, counts what an independent count finds', async (query, keep) => {
    const map = await get<TProcessMap>(`/api/process-map?${query}`, 'read');
    const byHand = countByHand(keep);
    expect(byHand.events).toBeGreaterThan(0);
    expect({ cases: map.cases, events: map.events, edges: edgeCounts(map.edges) }).toEqual(byHand);
    expect(map.variants.reduce((n, v) => n + v.count, 0)).toBe(byHand.cases);
  });

  it('echoes the filter with the instants it stands for, and picks the segment’s journey', async () => {
    const map = await get<TProcessMap>('/api/process-map?segment=vip&from=2025-01&to=2025-01');
    expect(map.filter).toEqual({
      segment: 'vip',
      channel: null,
      from: '2025-01',
      to: '2025-01',
      fromInstant: '2025-01-01T00:00:00.000Z',
      toInstant: '2025-02-01T00:00:00.000Z',
    });
    expect(map.idealJourney).toEqual({
      id: 'help',
      name: 'Get help',
      segment: 'vip',
      steps: [
        { touchpoint: 'call', optional: false, repeatable: true },
        { touchpoint: 'chat', optional: true, repeatable: false },
      ],
    });
    const chosen = await get<TProcessMap>('/api/process-map?segment=vip&journey=buy');
    expect(chosen.idealJourney?.id).toBe('buy');
  });

  it.each([
    ['segment=gold', 'segment', 'segment gold: no such segment; the workspace has vip, regular'],
    ['channel=fax', 'channel', 'channel fax: no such channel'],
    ['journey=nope', 'journey', 'ideal journey nope: no such ideal journey'],
    ['from=2025-03&to=2025-01', 'from', 'the period would be empty'],
  ])('refuses %s, naming the field', async (query, field, message) => {
    const res = await t.call('viewer', `/api/process-map?${query}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string; message: string; details: unknown };
    };
    expect(body.error.code).toBe('invalid_filter');
    expect(body.error.message).toContain(message);
    expect(body.error.details).toEqual({ field });
  });

  it('refuses a month that is not YYYY-MM', async () => {
    expect((await t.call('viewer', '/api/process-map?from=2025-13')).status).toBe(400);
  });

  it('admits every person and read tokens, nobody else', async () => {
    const status = async (who: TCaller) => (await t.call(who, '/api/process-map')).status;
    expect(await status('anonymous')).toBe(401);
    expect(await status('team')).toBe(200);
    expect(await status('ingest')).toBe(403);
    expect(await status('route')).toBe(403);
  });
});

describe('POST /api/process-map/layout', () => {
  const box = (id: string) => ({ id, width: 120, height: 44 });
  const line = (id: string, source: string, target: string) => ({
    id,
    source,
    target,
    label: { width: 30, height: 14 },
  });
  const input = {
    nodes: [box('start'), box('a:browse'), box('a:pay'), box('end')],
    edges: [
      line('e0', 'start', 'a:browse'),
      line('e1', 'a:browse', 'a:pay'),
      line('e2', 'start', 'a:pay'),
      { ...line('e3', 'a:pay', 'end'), label: null },
    ],
  };
  const post = (body: unknown, who: TCaller = 'viewer') =>
    t.call(who, '/api/process-map/layout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('places every box left to right without overlaps, and routes every line', async () => {
    const res = await post(input);
    expect(res.status).toBe(200);
    const layout = (await res.json()) as TLayout;
    expect(Object.keys(layout.nodes).sort()).toEqual(['a:browse', 'a:pay', 'end', 'start']);
    expect(overlaps(layout.nodes)).toEqual([]);
    const x = (id: string) => layout.nodes[id]?.x ?? NaN;
    expect(x('start')).toBeLessThan(x('a:browse'));
    expect(x('a:browse')).toBeLessThan(x('a:pay'));
    expect(x('a:pay')).toBeLessThan(x('end'));
    for (const e of input.edges) {
      expect(layout.edges[e.id]?.points.length, e.id).toBeGreaterThanOrEqual(2);
    }
    expect(layout.edges.e0?.label).toMatchObject({ width: 30, height: 14 });
    expect(layout.edges.e3?.label).toBeNull();
    // Asked again: the same layout.
    expect(await (await post(input)).json()).toEqual(layout);
  });

  it.each([
    [{ ...input, edges: [line('e0', 'start', 'nowhere')] }, 'edges.0.target'],
    [{ ...input, nodes: [...input.nodes, box('end')] }, 'nodes.4.id'],
    [{ ...input, nodes: Array.from({ length: 401 }, (_, i) => box(`n${i}`)) }, 'nodes'],
    [{ nodes: [{ id: 'a', width: -1, height: 4 }], edges: [] }, 'nodes.0.width'],
  ])('refuses what cannot be laid out, naming the field (%#)', async (body, path) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: { details: { path: string }[] } };
    expect(answer.error.details.map((d) => d.path)).toContain(path);
  });

  it('admits every person and read tokens, nobody else', async () => {
    expect((await post(input, 'anonymous')).status).toBe(401);
    expect((await post(input, 'team')).status).toBe(200);
    expect((await post(input, 'read')).status).toBe(200);
    expect((await post(input, 'ingest')).status).toBe(403);
  });
});
