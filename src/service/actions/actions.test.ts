/**
 * The action service on the friction fixture (test/fixtures/friction): creation with the
 * defaults taken from the source, the baseline, the allowed status moves, comments, the audit
 * trail and re-measurement. The data runs from 1 January to 20 February 2025, so its end is
 * 21 February 00:00 UTC.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../ingest/import.js';
import { loadWorkspaceOrThrow } from '../../model/workspace.js';
import type { TWorkspace } from '../../model/workspace-schema.js';
import type { TStore } from '../../store/store.js';
import { ensureAppSchema } from '../auth/accounts.js';
import { openStore } from '../workspace-store.js';
import { ActionError, ActionService } from './actions.js';
import { ZNewAction } from './action-input.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'friction');

let store: TStore;
let workspace: TWorkspace;
let service: ActionService;
beforeAll(async () => {
  store = await openStore(':memory:');
  await ensureAppSchema(store);
  for (const kind of ['customers', 'events'] as const) {
    await importFile(store, { path: join(FIXTURES, `${kind}.csv`), kind });
  }
  workspace = loadWorkspaceOrThrow(await readFile(join(FIXTURES, 'journeylens.yaml'), 'utf8'));
  service = new ActionService({ store, now: () => new Date('2025-03-01T12:00:00Z') });
});
afterAll(async () => {
  await store.close();
});

const loopAtBrowse = ZNewAction.parse({
  title: 'Stop customers going back to browsing',
  source: { kind: 'friction', type: 'loop', touchpoint: 'browse' },
  problem: 'Customers go back from the cart to browsing',
  windowDays: 60,
});

describe('creating an action', () => {
  it('takes the team and the metric from the source, and measures the baseline', async () => {
    const a = await service.create(workspace, loopAtBrowse, 'user:cx@example.com');
    expect(a.team).toBe('web');
    expect(a.metric).toEqual({ kind: 'friction', type: 'loop', touchpoint: 'browse' });
    expect(a.metricLabel).toBe('loop rate (customers affected) at Browse');
    expect(a.status).toBe('proposed');
    // 60 days before 21 Feb: browsers c2, c4, c5; c2 looped back to browsing.
    expect(a.baseline?.from).toBe('2024-12-23T00:00:00.000Z');
    expect(a.baseline?.to).toBe('2025-02-21T00:00:00.000Z');
    expect(a.baseline?.basis).toEqual({ kind: 'proportion', successes: 1, trials: 3 });
    expect(a.baselineNote).toBeNull();
    expect(await service.get(a.id)).toEqual(a);
  });

  it('a deviation source is measured by the conversion of its stage', async () => {
    const a = await service.create(
      workspace,
      ZNewAction.parse({
        title: 'Fewer skipped carts',
        source: { kind: 'opportunity', source: 'deviation', type: 'skipped', touchpoint: 'cart' },
      }),
      'user:cx@example.com',
    );
    expect(a.metric).toEqual({ kind: 'stageConversion', stage: 'Intent' });
    expect(a.windowDays).toBe(28);
  });

  it.each([
    [{ team: 'nobody' }, 'team: no team nobody; the workspace has web, finance'],
    [
      { source: { kind: 'friction', type: 'loop', touchpoint: 'moon' } },
      'source.touchpoint: no touchpoint moon',
    ],
    [
      { metric: { kind: 'stageConversion', stage: 'Retention' } },
      'metric.stage: Retention is the last stage',
    ],
  ])('refuses %j', async (change, message) => {
    const input = ZNewAction.parse({ ...loopAtBrowse, ...change });
    await expect(service.create(workspace, input, 'user:cx@example.com')).rejects.toThrow(message);
  });

  it('input errors name the field', () => {
    const r = ZNewAction.safeParse({
      title: 'x',
      source: { kind: 'friction', type: 'slow', touchpoint: 'a' },
      dueDate: '2025-02-30',
    });
    expect(r.success).toBe(false);
    const messages = r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain(
      'source.type: type must be one of repeat_contact, loop, channel_switch, handoff, wait, failure, abandonment',
    );
    expect(messages).toContain('dueDate: is not a real date');
  });
});

describe('changing an action', () => {
  it('moves along the allowed statuses only, and done sets the change date', async () => {
    const a = await service.create(workspace, loopAtBrowse, 'user:cx@example.com');
    const refused = service.update(workspace, a.id, { status: 'done' }, 'user:team@example.com');
    await expect(refused).rejects.toThrow(
      'status: an action that is proposed can move to planned or dropped, not done',
    );
    await expect(refused).rejects.toBeInstanceOf(ActionError);
    await service.update(
      workspace,
      a.id,
      { status: 'planned', plan: 'Keep the cart in view' },
      'user:team@example.com',
    );
    await service.update(workspace, a.id, { status: 'in progress' }, 'user:team@example.com');
    const done = await service.update(workspace, a.id, { status: 'done' }, 'user:team@example.com');
    expect(done.status).toBe('done');
    expect(done.changeDate).toBe('2025-03-01T12:00:00.000Z');
    expect(done.measurableFrom).toBe('2025-04-30T12:00:00.000Z');
    expect(done.plan).toBe('Keep the cart in view');
    expect(done.updatedBy).toBe('user:team@example.com');
  });

  it('keeps comments and an audit trail of who changed what', async () => {
    const a = await service.create(workspace, loopAtBrowse, 'user:cx@example.com');
    await service.update(workspace, a.id, { dueDate: '2025-04-01' }, 'user:team@example.com');
    await service.comment(a.id, 'Design is ready', 'user:team@example.com');
    const d = await service.detail(a.id);
    expect(d?.comments).toBe(1);
    expect(d?.commentList.map((c) => [c.author, c.body])).toEqual([
      ['user:team@example.com', 'Design is ready'],
    ]);
    expect(d?.history.map((h) => [h.actor, h.action])).toEqual([
      ['user:cx@example.com', 'action.create'],
      ['user:team@example.com', 'action.update'],
      ['user:team@example.com', 'action.comment'],
    ]);
    expect(d?.history[1]?.detail).toEqual({ dueDate: { from: null, to: '2025-04-01' } });
  });

  it('lists per team and status, with counts per status', async () => {
    const web = await service.list({ team: 'web' });
    expect(web.actions.every((a) => a.team === 'web')).toBe(true);
    expect(web.counts.done).toBe(1);
    expect(web.team).toBe('web');
    expect((await service.list({ team: 'care' })).actions).toEqual([]);
  });
});

describe('re-measuring', () => {
  it('waits until the data covers the window after the change', async () => {
    const a = await service.create(
      workspace,
      { ...loopAtBrowse, changeDate: '2025-02-10' },
      'user:cx@example.com',
    );
    await expect(service.remeasure(workspace, a.id, 'user:cx@example.com')).rejects.toThrow(
      'cannot re-measure yet: the 60-day window after the change ends 2025-04-11; the data reaches 2025-02-20',
    );
    const none = await service.create(workspace, loopAtBrowse, 'user:cx@example.com');
    await expect(service.remeasure(workspace, none.id, 'x')).rejects.toThrow('set the change date');
  });

  it('compares the windows before and after the change on the same metric', async () => {
    // Waits at the call, 14 days either side of 15 January: before, callers c1 and c3 both
    // waited; after (15–28 Jan), c7 called without waiting.
    const a = await service.create(
      workspace,
      ZNewAction.parse({
        title: 'Answer calls faster',
        source: { kind: 'friction', type: 'wait', touchpoint: 'call' },
        windowDays: 14,
        changeDate: '2025-01-15',
      }),
      'user:cx@example.com',
    );
    expect(a.baseline?.basis).toEqual({ kind: 'proportion', successes: 2, trials: 2 });
    const measured = await service.remeasure(workspace, a.id, 'user:cx@example.com');
    const r = measured.result;
    expect(r?.before.basis).toEqual({ kind: 'proportion', successes: 2, trials: 2 });
    expect(r?.after.basis).toEqual({ kind: 'proportion', successes: 0, trials: 1 });
    expect(r?.comparison.difference).toBe(-1);
    // Three customers cannot prove anything: Newcombe's interval spans 0.
    expect(r?.comparison.verdict).toBe('no change');
    const history = (await service.detail(a.id))?.history ?? [];
    expect(history.at(-1)?.action).toBe('action.remeasure');
    expect(history.at(-1)?.detail).toMatchObject({ verdict: 'no change', difference: -1 });
    // A new change date makes the result stale.
    const moved = await service.update(
      workspace,
      a.id,
      { changeDate: '2025-01-20' },
      'user:cx@example.com',
    );
    expect(moved.result).toBeNull();
  });
});

describe('re-measuring by itself', () => {
  it('re-measures the actions whose window the data covers, once', async () => {
    const a = await service.create(
      workspace,
      ZNewAction.parse({ ...loopAtBrowse, windowDays: 7, changeDate: '2025-01-05' }),
      'user:cx@example.com',
    );
    const later = await service.create(
      workspace,
      ZNewAction.parse({ ...loopAtBrowse, windowDays: 60, changeDate: '2025-02-01' }),
      'user:cx@example.com',
    );
    const done = await service.remeasureDue(workspace);
    expect(done).toContain(a.id);
    expect(done).not.toContain(later.id);
    const measured = await service.detail(a.id);
    expect(measured?.result?.measuredBy).toBe('system:re-measure');
    expect(measured?.history.at(-1)).toMatchObject({
      actor: 'system:re-measure',
      action: 'action.remeasure',
    });
    expect(await service.remeasureDue(workspace)).not.toContain(a.id);
  });
});
