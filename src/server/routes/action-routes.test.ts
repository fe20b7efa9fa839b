/**
 * The actions API on the friction fixture (test/fixtures/friction), called as each role: the
 * test kit's team member belongs to team `care`, which owns the call and the chat; `web` owns
 * browsing and the cart.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../ingest/import.js';
import type { TAction, TActionDetail, TActionList } from '../../service/actions/action-types.js';
import { testApp, type TCaller, type TTestApp } from '../test-kit.js';
import { actionModule } from './action-routes.js';
import { ingestRoutes } from './ingest-routes.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'friction');

let dir: string;
let t: TTestApp;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-action-routes-'));
  await copyFile(join(FIXTURES, 'journeylens.yaml'), join(dir, 'journeylens.yaml'));
  t = await testApp(
    [ingestRoutes, actionModule({ now: () => new Date('2025-03-01T12:00:00Z'), quietMs: 20 })],
    {
      workspaceDir: dir,
    },
  );
  for (const kind of ['customers', 'events'] as const) {
    await importFile(t.context.store, { path: join(FIXTURES, `${kind}.csv`), kind });
  }
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const send = (who: TCaller, method: string, path: string, body?: unknown) =>
  t.call(who, path, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function create(who: TCaller, body: unknown): Promise<TAction> {
  const res = await send(who, 'POST', '/api/actions', body);
  expect(res.status).toBe(201);
  return (await res.json()) as TAction;
}

const callWaits = {
  title: 'Answer calls faster',
  source: { kind: 'friction', type: 'wait', touchpoint: 'call' },
  problem: 'Callers wait above the 5-minute level',
  windowDays: 14,
};
const browseLoops = {
  title: 'Keep the cart in view',
  source: { kind: 'friction', type: 'loop', touchpoint: 'browse' },
};

describe('creating and reading', () => {
  it('the CX team creates an action for the owning team, with its baseline', async () => {
    const a = await create('cx', callWaits);
    expect(a.team).toBe('care');
    expect(a.createdBy).toBe('user:cx@example.com');
    expect(a.metric).toEqual({ kind: 'friction', type: 'wait', touchpoint: 'call' });
    // 7–20 Feb: nobody called.
    expect(a.baseline?.from).toBe('2025-02-07T00:00:00.000Z');
    expect(a.baseline?.basis).toEqual({ kind: 'proportion', successes: 0, trials: 0 });
    const got = await send('viewer', 'GET', `/api/actions/${a.id}`);
    expect(got.status).toBe(200);
    const detail = (await got.json()) as TActionDetail & { remeasure: { reason: string } };
    expect(detail.history.map((h) => h.action)).toEqual(['action.create']);
    expect(detail.remeasure.reason).toBe('set the change date (when the fix went live) first');
  });

  it('says which field is wrong', async () => {
    const res = await send('cx', 'POST', '/api/actions', {
      ...callWaits,
      metric: { kind: 'stageConversion', stage: 'Nowhere' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toBe(
      'metric.stage: no stage Nowhere; the workspace has Interest, Intent, Purchase, Support, Retention',
    );
    const bad = await send('cx', 'POST', '/api/actions', { ...callWaits, windowDays: 0 });
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      'windowDays: windowDays must be at least 1',
    );
  });
});

describe('team members', () => {
  it("see their own team's board only", async () => {
    await create('cx', browseLoops);
    const mine = (await (await send('team', 'GET', '/api/actions')).json()) as TActionList;
    expect(mine.team).toBe('care');
    expect(mine.actions.length).toBeGreaterThan(0);
    expect(mine.actions.every((a) => a.team === 'care')).toBe(true);
    const all = (await (await send('viewer', 'GET', '/api/actions')).json()) as TActionList;
    expect(new Set(all.actions.map((a) => a.team))).toEqual(new Set(['care', 'web']));
    const other = await send('team', 'GET', '/api/actions?team=web');
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: { message: string } }).error.message).toBe(
      'team members see their own team’s (care) board only, not team web’s',
    );
  });

  it("may not read, change or comment on another team's action", async () => {
    const web = await create('cx', browseLoops);
    for (const [method, path, body] of [
      ['GET', `/api/actions/${web.id}`, undefined],
      ['PATCH', `/api/actions/${web.id}`, { status: 'planned' }],
      ['POST', `/api/actions/${web.id}/comments`, { body: 'mine now' }],
      ['POST', `/api/actions/${web.id}/remeasure`, undefined],
    ] as const) {
      const res = await send('team', method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_your_team');
    }
    // Nor create one for another team, nor hand their own to another team.
    expect((await send('team', 'POST', '/api/actions', browseLoops)).status).toBe(403);
    const own = await create('team', callWaits);
    const handed = await send('team', 'PATCH', `/api/actions/${own.id}`, { team: 'web' });
    expect(handed.status).toBe(403);
  });

  it('move their action along the allowed statuses, comment, and every change is audited', async () => {
    const a = await create('team', callWaits);
    const skip = await send('team', 'PATCH', `/api/actions/${a.id}`, { status: 'done' });
    expect(skip.status).toBe(409);
    expect(((await skip.json()) as { error: { message: string } }).error.message).toBe(
      'status: an action that is proposed can move to planned or dropped, not done',
    );
    const planned = await send('team', 'PATCH', `/api/actions/${a.id}`, {
      status: 'planned',
      plan: 'A second line at peak hours',
      dueDate: '2025-03-31',
    });
    expect(planned.status).toBe(200);
    expect(((await planned.json()) as TAction).status).toBe('planned');
    expect(
      (await send('team', 'POST', `/api/actions/${a.id}/comments`, { body: 'Staffed' })).status,
    ).toBe(201);
    expect((await send('viewer', 'PATCH', `/api/actions/${a.id}`, { plan: 'x' })).status).toBe(403);
    const detail = (await (
      await send('cx', 'GET', `/api/actions/${a.id}`)
    ).json()) as TActionDetail;
    expect(detail.commentList.map((c) => [c.author, c.body])).toEqual([
      ['user:team@example.com', 'Staffed'],
    ]);
    expect(detail.history.map((h) => [h.actor, h.action])).toEqual([
      ['user:team@example.com', 'action.create'],
      ['user:team@example.com', 'action.update'],
      ['user:team@example.com', 'action.comment'],
    ]);
    expect(detail.history[1]?.detail).toEqual({
      status: { from: 'proposed', to: 'planned' },
      plan: { from: '', to: 'A second line at peak hours' },
      dueDate: { from: null, to: '2025-03-31' },
    });
  });
});

describe('re-measuring', () => {
  it('answers 409 until the data covers the window, then the before/after verdict', async () => {
    const a = await create('cx', callWaits);
    const early = await send('cx', 'POST', `/api/actions/${a.id}/remeasure`);
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('not_ready');
    await send('cx', 'PATCH', `/api/actions/${a.id}`, { changeDate: '2025-01-15' });
    const res = await send('team', 'POST', `/api/actions/${a.id}/remeasure`);
    expect(res.status).toBe(200);
    const measured = (await res.json()) as TAction;
    // Before (1–14 Jan): c1 and c3 both waited; after (15–28 Jan): c7 did not.
    expect(measured.result?.before.basis).toEqual({ kind: 'proportion', successes: 2, trials: 2 });
    expect(measured.result?.after.basis).toEqual({ kind: 'proportion', successes: 0, trials: 1 });
    expect(measured.result?.comparison.verdict).toBe('no change');
    expect(measured.result?.measuredBy).toBe('user:team@example.com');
  });
});

describe('re-measuring by itself', () => {
  it('once ingested data covers the window after the change', async () => {
    const a = await create('cx', { ...callWaits, windowDays: 7, changeDate: '2025-02-15' });
    expect(a.measurableFrom).toBe('2025-02-22T00:00:00.000Z');
    const ingest = await send('cx', 'POST', '/api/ingest/events', [
      { customer_id: 'c9', timestamp: '2025-02-25T10:00:00Z', activity: 'call', case_id: 'j10' },
    ]);
    expect(ingest.status).toBe(200);
    await expect
      .poll(
        async () =>
          ((await (await send('viewer', 'GET', `/api/actions/${a.id}`)).json()) as TAction).result
            ?.measuredBy,
        { timeout: 10_000 },
      )
      .toBe('system:re-measure');
  });
});
