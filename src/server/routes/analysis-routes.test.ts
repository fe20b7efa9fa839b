/**
 * The analysis results over HTTP on the friction fixture (test/fixtures/friction: its model,
 * events, customers and feedback) in a temporary workspace folder, on the real app and store.
 * The sections must equal what `analyze()` computes on the same data; the results are
 * computed once on the reading session, shared by concurrent requests, and computed again
 * when the data or the model changes.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../ingest/import.js';
import { raw } from '../../query/sql.js';
import { FRICTION } from '../../query/friction.js';
import { journeyIndexKey } from '../../query/journey-index.js';
import { analyze, type TAnalysis } from '../../service/analyze.js';
import { loadWorkspaceDir } from '../../service/workspace-files.js';
import { openStore } from '../../service/workspace-store.js';
import { testApp, type TCaller, type TTestApp } from '../test-kit.js';
import { analysisRoutes } from './analysis-routes.js';
import { workspaceRoutes } from './workspace-routes.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'friction');

type TPage<T> = {
  section: string;
  modelVersion: number;
  computedAt: string;
  total: number;
  offset: number;
  limit: number;
  items: T[];
} & Record<string, unknown>;

let dir: string;
let t: TTestApp;
let expected: TAnalysis;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-analysis-'));
  await copyFile(join(FIXTURES, 'journeylens.yaml'), join(dir, 'journeylens.yaml'));
  const store = await openStore(dir);
  for (const kind of ['customers', 'events', 'feedback'] as const) {
    await importFile(store, { path: join(FIXTURES, `${kind}.csv`), kind });
  }
  expected = await analyze(store, await loadWorkspaceDir(dir));
  await store.close();
  t = await testApp([workspaceRoutes, analysisRoutes], { workspaceDir: dir });
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const computations = () => t.log.lines.filter((l) => l.message === 'analysis computed').length;
const get = async <T>(path: string, who: TCaller = 'viewer'): Promise<T> => {
  const res = await t.call(who, path);
  const body = (await res.json()) as T;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
};
// The series are computed the same way both times; JSON drops undefined fields.
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('the sections', () => {
  it('answer what analyze() computes, a page at a time', async () => {
    const friction = await get<TPage<TAnalysis['friction'][number]>>(
      '/api/analysis/friction?limit=3&offset=1',
    );
    expect(friction).toMatchObject({
      section: 'friction',
      modelVersion: 1,
      total: expected.friction.length,
      offset: 1,
      limit: 3,
    });
    expect(expected.friction.length).toBeGreaterThan(4);
    expect(friction.items).toEqual(plain(expected.friction.slice(1, 4)));
    expect(friction.pingPong).toEqual(plain(expected.pingPong));

    const stages = await get<TPage<{ stage: string }>>('/api/analysis/stages', 'read');
    expect(stages.items.map((s) => s.stage)).toEqual([
      'Interest',
      'Intent',
      'Purchase',
      'Support',
      'Retention',
    ]);
    expect(stages).toMatchObject({ total: 5, offset: 0, limit: 50 });

    const opportunities = await get<TPage<unknown>>('/api/analysis/opportunities', 'team');
    expect(opportunities.items).toEqual(plain(expected.opportunities.slice(0, 50)));
    expect(opportunities.costModel).toEqual(plain(expected.costModel));

    const conformance = await get<TPage<unknown>>('/api/analysis/conformance');
    expect(conformance.items).toEqual(plain(expected.conformance.deviations.slice(0, 50)));
    const feedback = await get<TPage<unknown>>('/api/analysis/feedback');
    expect(feedback.total).toBe(expected.feedback.gaps.length);
    expect(feedback.responses).toBe(expected.feedback.responses);
    const moments = await get<TPage<unknown>>('/api/analysis/moments');
    expect(moments.proposed).toEqual(plain(expected.momentsOfTruth.proposed));

    const discovery = await get<TPage<{ count: number }>>('/api/analysis/discovery');
    expect(discovery.events).toBe(expected.journeys.events);
    expect(discovery.total).toBe(discovery.variantsTotal);
    expect(discovery.items.reduce((n, v) => n + v.count, 0)).toBe(discovery.cases);

    const summary = await get<Record<string, unknown>>('/api/analysis/summary');
    expect(summary).toMatchObject({
      section: 'summary',
      workspace: 'Friction fixture',
      friction: {
        entries: expected.friction.length,
        occurrences: expected.friction.reduce((n, f) => n + f.occurrences, 0),
      },
      names: plain(expected.names),
    });
    // One computation served every section.
    expect(computations()).toBe(1);
  });

  it('filter friction and opportunities by team, type and touchpoint', async () => {
    const care = await get<TPage<{ team: string }>>('/api/analysis/friction?team=care');
    const expectedCare = expected.friction.filter((f) => f.team === 'care');
    expect(expectedCare.length).toBeGreaterThan(0);
    expect(care.items).toEqual(plain(expectedCare));
    const calls = await get<TPage<{ type: string; touchpoint: string }>>(
      '/api/analysis/opportunities?type=repeat_contact&touchpoint=call',
    );
    const expectedCalls = expected.opportunities.filter(
      (o) => o.type === 'repeat_contact' && o.touchpoint === 'call',
    );
    expect(expectedCalls.length).toBeGreaterThan(0);
    expect(calls.items).toEqual(plain(expectedCalls));
    const none = await get<TPage<unknown>>('/api/analysis/opportunities?team=nobody');
    expect(none).toMatchObject({ total: 0, items: [] });
  });

  it('refuse a page over the maximum, anonymous callers and ingest tokens', async () => {
    expect((await t.call('viewer', '/api/analysis/friction?limit=501')).status).toBe(400);
    expect((await t.call('anonymous', '/api/analysis/summary')).status).toBe(401);
    expect((await t.call('ingest', '/api/analysis/summary')).status).toBe(403);
    expect((await t.call('route', '/api/analysis/friction')).status).toBe(403);
  });
});

describe('the cache', () => {
  it('computes on the reading session, not the writer', async () => {
    await get('/api/analysis/summary');
    // The analysis's scratch tables are temporary: they exist on the session that ran it.
    const count = raw(`SELECT count(*) AS n FROM ${FRICTION}`);
    expect(await t.context.reader.all(count)).toHaveLength(1);
    await expect(t.context.store.all(count)).rejects.toThrow(/jl_friction/);
  });

  it('shares one computation among concurrent requests, and recomputes after an ingest', async () => {
    const before = computations();
    await t.context.ingested.publish({ kind: 'events', events: [] });
    const answers = await Promise.all(
      ['summary', 'friction', 'stages', 'opportunities', 'friction'].map((s) =>
        get<{ computedAt: string }>(`/api/analysis/${s}`),
      ),
    );
    expect(computations()).toBe(before + 1);
    expect(new Set(answers.map((a) => a.computedAt)).size).toBe(1);
    await get('/api/analysis/summary');
    expect(computations()).toBe(before + 1);
  });

  it('recomputes when a new import lands (feedback does not go through the bus)', async () => {
    await get('/api/analysis/summary');
    const before = computations();
    const more = join(dir, 'more-feedback.csv');
    await writeFile(
      more,
      'customer_id,timestamp,kind,score,verbatim,touchpoint\nc1,2025-01-20T10:00:00Z,csat,1,Still waiting,call\n',
    );
    await importFile(t.context.store, { path: more, kind: 'feedback' });
    const feedback = await get<TPage<unknown>>('/api/analysis/feedback');
    expect(computations()).toBe(before + 1);
    expect(feedback.responses).toBe(expected.feedback.responses + 1);
  });

  it('recomputes with the new model after a save', async () => {
    const model = await get<{ version: number; workspace: { friction: object } }>(
      '/api/workspace',
      'cx',
    );
    await get('/api/analysis/summary');
    const before = computations();
    const res = await t.call('cx', '/api/workspace', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': String(model.version) },
      body: JSON.stringify({
        workspace: {
          ...model.workspace,
          friction: { ...model.workspace.friction, loop: { enabled: false } },
        },
      }),
    });
    expect(res.status).toBe(200);
    const after = await get<TPage<{ type: string }>>('/api/analysis/friction');
    expect(computations()).toBe(before + 1);
    expect(after.modelVersion).toBe(model.version + 1);
    expect(expected.friction.some((f) => f.type === 'loop')).toBe(true);
    expect(after.items.some((f) => f.type === 'loop')).toBe(false);
  });

  it('keeps the journey index current: updated after new events, rebuilt after a new mapping', async () => {
    const indexKey = async (): Promise<string | undefined> =>
      (await t.context.store.all<{ key: string }>(journeyIndexKey))[0]?.key;
    const indexSteps = async (): Promise<number | undefined> =>
      (await t.context.store.all<{ n: number }>(raw('SELECT count(*) AS n FROM jl_index_steps')))[0]
        ?.n;
    await get('/api/analysis/summary');
    const first = await indexKey();
    expect(first).toBeTypeOf('string');
    const steps = await indexSteps();
    const events = join(dir, 'more-events.csv');
    await writeFile(
      events,
      'customer_id,case_id,timestamp,activity,channel\nc1,K9,2025-02-01T10:00:00Z,call,phone\n',
    );
    await importFile(t.context.store, { path: events, kind: 'events' });
    const summary = await get<{ journeys: { journeys: number } }>('/api/analysis/summary');
    expect(summary.journeys.journeys).toBe(expected.journeys.journeys + 1);
    const updated = await indexKey();
    expect(updated).not.toBe(first);
    expect(await indexSteps()).toBe((steps ?? 0) + 1);
    // A model whose touchpoints are numbered differently: the index is formed again.
    const model = await get<{ version: number; workspace: { touchpoints: { id: string }[] } }>(
      '/api/workspace',
      'cx',
    );
    const res = await t.call('cx', '/api/workspace', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': String(model.version) },
      body: JSON.stringify({
        workspace: { ...model.workspace, touchpoints: [...model.workspace.touchpoints].reverse() },
      }),
    });
    expect(res.status).toBe(200);
    const after = await get<{ journeys: { journeys: number } }>('/api/analysis/summary');
    expect(after.journeys.journeys).toBe(summary.journeys.journeys);
    expect(await indexKey()).not.toBe(updated);
    expect(await indexSteps()).toBe((steps ?? 0) + 1);
  });

  it('makes a request that arrives during a computation wait for it', async () => {
    await t.context.ingested.publish({ kind: 'events', events: [] });
    const before = computations();
    const first = get<{ computedAt: string }>('/api/analysis/summary');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = get<{ computedAt: string }>('/api/analysis/stages');
    expect((await first).computedAt).toBe((await second).computedAt);
    expect(computations()).toBe(before + 1);
  });
});

describe('without a valid model', () => {
  it('answers 409 with the errors of the file', async () => {
    await writeFile(join(dir, 'journeylens.yaml'), 'name: Broken\nstages: []\n');
    const res = await t.call('viewer', '/api/analysis/friction');
    const body = (await res.json()) as { error: { code: string; details: unknown } };
    expect(res.status).toBe(409);
    expect(body.error).toMatchObject({
      code: 'workspace_invalid',
      details: [{ path: 'stages', message: 'needs at least one stage', line: 2, column: 9 }],
    });
  });
});

describe('kept warm (as journeylens serve runs it)', () => {
  it('computes the results when the server starts, so the first request finds them', async () => {
    const warmDir = await mkdtemp(join(tmpdir(), 'jl-analysis-warm-'));
    await copyFile(join(FIXTURES, 'journeylens.yaml'), join(warmDir, 'journeylens.yaml'));
    const store = await openStore(warmDir);
    await importFile(store, { path: join(FIXTURES, 'events.csv'), kind: 'events' });
    await store.close();
    const warm = await testApp([analysisRoutes], {
      workspaceDir: warmDir,
      config: { warmAnalysis: true },
    });
    try {
      const computed = () => warm.log.lines.filter((l) => l.message === 'analysis computed');
      await expect.poll(() => computed().length, { timeout: 20_000 }).toBe(1);
      const res = await warm.call('viewer', '/api/analysis/summary');
      expect(res.status).toBe(200);
      expect(computed()).toHaveLength(1);
    } finally {
      await warm.close();
      await rm(warmDir, { recursive: true, force: true });
    }
  });
});
