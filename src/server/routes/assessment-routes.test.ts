/**
 * The change assessment routes on the real app and store (test/fixtures/exposure as the
 * workspace, its data imported): a draft by a team member, its exposure against the counts
 * worked out by hand, the review flow (changes requested, answered, approved, live with an
 * action linked) with an audit entry per change, and who may do what — a team member cannot
 * approve, cannot act for or edit another team's assessment, and nothing moves out of order.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../ingest/import.js';
import { ensureActionSchema } from '../../service/actions/action-rows.js';
import { sql } from '../../query/sql.js';
import type {
  TAssessment,
  TAssessmentWithExposure,
  TExposure,
} from '../../service/assessments/assessment-types.js';
import { openStore } from '../../service/workspace-store.js';
import { testApp, type TCaller, type TTestApp } from '../test-kit.js';
import { analysisRoutes } from './analysis-routes.js';
import { assessmentRoutes } from './assessment-routes.js';

const FIXTURE = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'exposure');

let dir: string;
let t: TTestApp;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-assessments-'));
  await cp(FIXTURE, dir, { recursive: true });
  const store = await openStore(dir);
  for (const kind of ['customers', 'events', 'feedback'] as const) {
    await importFile(store, { path: join(dir, `${kind}.csv`), kind });
  }
  await store.close();
  // The test-kit's team member belongs to team "care", which owns the support call.
  t = await testApp([analysisRoutes, assessmentRoutes], { workspaceDir: dir });
  // One improvement action in the actions module's own table, for the go-live to link.
  await ensureActionSchema(t.context.store);
  await t.context.store.exec(sql`INSERT INTO actions (id, title, source_kind, source, problem,
      plan, team, status, metric, metric_label, window_days, created_by, created_at,
      updated_by, updated_at)
    VALUES ('act_1', 'Shorter hold times', 'friction', '{}', 'Long waits', 'Callbacks', 'care',
      'planned', '{}', 'wait', 28, 'test', now(), 'test', now())`);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

const send = (who: TCaller, method: string, path: string, body?: unknown) =>
  t.call(who, path, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function ok<T>(res: Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const body = (await r.json()) as T;
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body;
}

const errorOf = async (res: Promise<Response>) => {
  const r = await res;
  return {
    status: r.status,
    ...((await r.json()) as { error: { code: string; message: string } }).error,
  };
};

const DRAFT = {
  title: 'Callback instead of queueing',
  change: 'Customers who would wait over 5 minutes get a callback.',
  plannedGoLive: '2025-06-01',
  touchpoints: ['call'],
  answers: { impact: 'Less waiting on the phone.' },
};

describe('a change assessment from draft to live', () => {
  let id: string;

  it('a team member starts one for their team; the exposure comes from the data', async () => {
    const created = await ok<TAssessment & { can: object }>(
      send('team', 'POST', '/api/assessments', DRAFT),
      201,
    );
    id = created.id;
    expect([created.status, created.ownerTeam, created.answers.impact]).toEqual([
      'draft',
      'care',
      'Less waiting on the phone.',
    ]);
    expect(created.can).toEqual({ edit: true, submit: true, review: false, goLive: false });
    const got = await ok<TAssessmentWithExposure>(send('viewer', 'GET', `/api/assessments/${id}`));
    const e = got.exposure as TExposure;
    // call: c1 (Jan, Feb), c2 (Feb in Paris), c4 (Mar), c9 (Jan): 2 + 2 + 1 over 3 months.
    expect([e.total.customers, e.total.passes, e.total.perMonth]).toEqual([4, 6, 5 / 3]);
    expect(e.bySegment.map((s) => [s.segment, s.tier, s.customers])).toEqual([
      ['vip', 'premium', 2],
      ['regular', 'standard', 1],
      [null, null, 1],
    ]);
    expect(e.affectedSegments).toEqual(['vip', 'regular']);
    expect(got.can).toEqual({ edit: false, submit: false, review: false, goLive: false });
  });

  it('is not submitted before every question is answered, per affected segment', async () => {
    const e = await errorOf(send('team', 'POST', `/api/assessments/${id}/submit`));
    expect([e.status, e.code]).toEqual([400, 'incomplete']);
    expect(e.message).toContain('answers.customerView: must be answered before submitting');
    expect(e.message).toContain('answers.response.vip: customers of segment "vip"');
    expect(e.message).toContain('answers.response.regular');
  });

  it('bad input names the field and the reason', async () => {
    const bad = await errorOf(
      send('team', 'PUT', `/api/assessments/${id}`, { answers: { response: { gold: 'x' } } }),
    );
    expect([bad.status, bad.message]).toEqual([
      400,
      'answers.response.gold: unknown segment "gold"',
    ]);
    const date = await errorOf(
      send('team', 'PUT', `/api/assessments/${id}`, { plannedGoLive: '2025-02-30' }),
    );
    expect([date.status, date.message]).toEqual([400, 'plannedGoLive: is not a calendar date']);
    const tp = await errorOf(
      send('team', 'PUT', `/api/assessments/${id}`, { touchpoints: ['call', 'fax'] }),
    );
    expect(tp.message).toBe('touchpoints[1]: unknown touchpoint "fax"');
  });

  it('is answered, submitted, sent back with a comment, answered again and approved', async () => {
    await ok(
      send('team', 'PUT', `/api/assessments/${id}`, {
        answers: {
          customerView: 'A promise of a call back at a time.',
          response: { vip: 'Relieved.', regular: 'Fine, if the callback comes.' },
          findOut: 'The IVR says so.',
          feedback: 'CES by SMS after the call.',
        },
      }),
    );
    expect(
      (await ok<TAssessment>(send('team', 'POST', `/api/assessments/${id}/submit`))).status,
    ).toBe('submitted');
    // While submitted, nobody edits it.
    const locked = await errorOf(send('team', 'PUT', `/api/assessments/${id}`, { title: 'x' }));
    expect([locked.status, locked.code]).toEqual([409, 'wrong_status']);
    const noComment = await errorOf(
      send('cx', 'POST', `/api/assessments/${id}/review`, { decision: 'changes_requested' }),
    );
    expect([noComment.status, noComment.message]).toEqual([
      400,
      'comment: say which changes are needed',
    ]);
    const sentBack = await ok<TAssessment>(
      send('cx', 'POST', `/api/assessments/${id}/review`, {
        decision: 'changes_requested',
        comment: 'What do customers without a segment hear?',
      }),
    );
    expect([sentBack.status, sentBack.review?.decision, sentBack.review?.by]).toEqual([
      'changes_requested',
      'changes_requested',
      'user:cx@example.com',
    ]);
    await ok(
      send('team', 'PUT', `/api/assessments/${id}`, { answers: { findOut: 'IVR and SMS.' } }),
    );
    await ok(send('team', 'POST', `/api/assessments/${id}/submit`));
    const approved = await ok<TAssessment>(
      send('admin', 'POST', `/api/assessments/${id}/review`, { decision: 'approved' }),
    );
    expect([approved.status, approved.answers.findOut]).toEqual(['approved', 'IVR and SMS.']);
  });

  it('goes live, linked to an improvement action that exists', async () => {
    const missing = await errorOf(
      send('team', 'POST', `/api/assessments/${id}/go-live`, { actionId: 'act_404' }),
    );
    expect([missing.status, missing.message]).toEqual([
      400,
      'actionId: no improvement action "act_404"',
    ]);
    const live = await ok<TAssessment>(
      send('team', 'POST', `/api/assessments/${id}/go-live`, {
        at: '2025-06-02T08:00:00Z',
        actionId: 'act_1',
      }),
    );
    expect([live.status, live.liveAt, live.actionId]).toEqual([
      'live',
      '2025-06-02T08:00:00.000Z',
      'act_1',
    ]);
    const again = await errorOf(send('team', 'POST', `/api/assessments/${id}/go-live`, {}));
    expect([again.status, again.code]).toEqual([409, 'wrong_status']);
  });

  it('leaves an audit entry for every change', async () => {
    const rows = await t.context.store.all<{ actor: string; action: string }>(
      sql`SELECT actor, action FROM audit_log WHERE target = ${id} ORDER BY id`,
    );
    expect(rows.map((r) => `${r.action} ${r.actor}`)).toEqual([
      'assessment.create user:team@example.com',
      'assessment.update user:team@example.com',
      'assessment.submit user:team@example.com',
      'assessment.request_changes user:cx@example.com',
      'assessment.update user:team@example.com',
      'assessment.submit user:team@example.com',
      'assessment.approve user:admin@example.com',
      'assessment.go_live user:team@example.com',
    ]);
  });
});

describe('who may do what', () => {
  let other: string;
  beforeAll(async () => {
    other = (
      await ok<TAssessment>(
        send('cx', 'POST', '/api/assessments', {
          ...DRAFT,
          title: 'New checkout',
          ownerTeam: 'web',
          touchpoints: ['pay'],
        }),
        201,
      )
    ).id;
  });

  it("a team member cannot create for, edit, submit or take live another team's assessment", async () => {
    const create = await errorOf(
      send('team', 'POST', '/api/assessments', { ...DRAFT, ownerTeam: 'web' }),
    );
    expect([create.status, create.code]).toEqual([403, 'not_your_team']);
    for (const [method, path, body] of [
      ['PUT', `/api/assessments/${other}`, { title: 'mine now' }],
      ['POST', `/api/assessments/${other}/submit`, undefined],
      ['POST', `/api/assessments/${other}/go-live`, {}],
    ] as const) {
      const e = await errorOf(send('team', method, path, body));
      expect([e.status, e.code], `${method} ${path}`).toEqual([403, 'not_your_team']);
    }
  });

  it('a team member cannot approve, not even their own team’s; a viewer cannot create', async () => {
    const own = await ok<TAssessment>(send('team', 'POST', '/api/assessments', DRAFT), 201);
    const e = await errorOf(
      send('team', 'POST', `/api/assessments/${own.id}/review`, { decision: 'approved' }),
    );
    expect(e.status).toBe(403);
    expect((await send('viewer', 'POST', '/api/assessments', DRAFT)).status).toBe(403);
    expect((await ok<TAssessment>(send('cx', 'GET', `/api/assessments/${own.id}`))).status).toBe(
      'draft',
    );
  });

  it('lists by status and team, and reviews only what was submitted', async () => {
    const list = await ok<{ assessments: TAssessment[] }>(
      send('read', 'GET', '/api/assessments?team=web'),
    );
    expect(list.assessments.map((a) => a.title)).toEqual(['New checkout']);
    const e = await errorOf(
      send('cx', 'POST', `/api/assessments/${other}/review`, { decision: 'approved' }),
    );
    expect([e.status, e.message]).toEqual([
      409,
      'the assessment is draft; it must be submitted to review',
    ]);
    expect((await send('cx', 'GET', '/api/assessments/asm_none')).status).toBe(404);
  });

  it('previews the exposure of a selection for the form', async () => {
    const e = await ok<TExposure>(
      send('viewer', 'POST', '/api/assessments/exposure', { touchpoints: ['pay', 'call'] }),
    );
    expect([e.total.customers, e.total.passes]).toEqual([5, 8]);
    const bad = await errorOf(
      send('viewer', 'POST', '/api/assessments/exposure', { touchpoints: [] }),
    );
    expect([bad.status, bad.message]).toEqual([400, 'touchpoints: select at least one touchpoint']);
  });
});
