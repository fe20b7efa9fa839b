/**
 * Alerts end to end on the real app: events ingested through POST /api/ingest/events breach a
 * rule (a friction's weekly rate at a touchpoint) → exactly one signed, Slack-compatible
 * webhook reaches a real HTTP receiver on 127.0.0.1 and the alert is in the inbox and on the
 * stream; more breaching data tells nobody again; data back to normal resolves it (one more
 * webhook); a restart while breached sends nothing again. The store is a real one in a temp
 * folder (so the app can be restarted); the alert clock is fixed, the metric measured by
 * the product's measureMetric.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertService } from '../../service/alerts/alert-service.js';
import type { TAlert, TAlertRule, TAlertWebhookBody } from '../../service/alerts/alert-types.js';
import { verifySignature } from '../../service/triggers/signature.js';
import { importBatch } from '../../ingest/import-batch.js';
import { testApp, type TTestApp } from '../test-kit.js';
import { alertModule } from './alert-routes.js';
import { ingestRoutes } from './ingest-routes.js';
import { readUntil, receiver, until, type TReceiver } from './test-http.js';
import { triggerModule } from './trigger-routes.js';

const WORKSPACE = `name: Alerts
teams: [{ id: web, name: Web }, { id: care, name: Care }]
touchpoints:
  - { id: pay, name: Payment, stage: Purchase, channel: web, owner: web, activities: [pay] }
  - { id: call, name: Call, stage: Support, channel: phone, owner: care, activities: [call] }
`;

/** The alerts' clock: a fixed instant, the week before it is the evaluated window. */
const NOW = Date.parse('2026-03-15T12:00:00Z');

let dir: string;
let t: TTestApp;
let service: AlertService;
let hooks: TReceiver;

const boot = () =>
  testApp(
    [
      ingestRoutes,
      triggerModule({
        delivery: { backoffBaseMs: 20, backoffMaxMs: 100, maxAttempts: 4, stopGraceMs: 200 },
      }),
      alertModule({
        now: () => NOW,
        quietMs: 5,
        probeMs: 30,
        intervalMs: 3_600_000,
        keepAliveMs: 50,
        onService: (s) => (service = s),
      }),
    ],
    // The receiver listens on 127.0.0.1: a private address, refused by default.
    { workspaceDir: dir, config: { allowPrivateWebhooks: true } },
  );

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-alerts-'));
  await writeFile(join(dir, 'journeylens.yaml'), WORKSPACE);
  hooks = await receiver();
  t = await boot();
  await service.idle();
});
afterEach(async () => {
  await t.close();
  await hooks.close();
  await rm(dir, { recursive: true, force: true });
});

const post = (who: 'cx' | 'admin' | 'team' | 'viewer', path: string, body: unknown) =>
  t.call(who, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

let customer = 0;
/** Ingests `failed` customers who fail at the payment and `ok` who pay, `daysAgo` days ago. */
async function payments(failed: number, ok: number, daysAgo = 3): Promise<void> {
  const ts = new Date(NOW - daysAgo * 86_400_000).toISOString();
  const records = [
    ...Array.from({ length: failed }, () => ({ outcome: 'failed' })),
    ...Array.from({ length: ok }, () => ({ outcome: 'ok' })),
  ].map((r) => ({ customer: `c${++customer}`, activity: 'pay', timestamp: ts, ...r }));
  const res = await post('cx', '/api/ingest/events', records);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { accepted: number }).accepted).toBe(failed + ok);
  await service.idle();
}

async function subscribe(events = ['alert.raised', 'alert.resolved']) {
  const res = await post('cx', '/api/webhooks', { url: hooks.url, events });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; secret: string };
}

const RULE = (webhooks: string[]) => ({
  name: 'Payment failures',
  metric: { kind: 'friction', type: 'failure', touchpoint: 'pay' },
  condition: { kind: 'absolute', threshold: 0.2 },
  period: 'week',
  minN: 10,
  notify: { inApp: true, webhooks },
});

async function inbox(who: 'viewer' | 'team' = 'viewer', query = '') {
  const res = await t.call(who, `/api/alerts${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { alerts: TAlert[]; unacknowledged: number };
}

const bodies = () => hooks.received.map((r) => JSON.parse(r.body) as TAlertWebhookBody);

describe('alerts end to end', () => {
  it('raises once per breach, by signed Slack-compatible webhook and in the app, and resolves', async () => {
    const hook = await subscribe();
    const created = await post('cx', '/api/alert-rules', RULE([hook.id]));
    expect(created.status).toBe(201);
    const rule = (await created.json()) as TAlertRule;
    expect(rule).toMatchObject({
      state: 'ok',
      teams: ['web'],
      condition: { kind: 'absolute', direction: 'above', threshold: 0.2 },
      metricLabel: 'failure rate (customers affected) at Payment',
    });

    // Too few customers to decide (minN 10): nothing.
    await payments(3, 2);
    expect((await inbox()).alerts).toEqual([]);

    // 8 of 15 customers failed: 53% > 20%.
    const stream = await t.call('viewer', '/api/alerts/stream');
    await payments(5, 5);
    await until(
      () => hooks.received.length,
      (n) => n >= 1,
    );
    const [got] = hooks.received;
    if (got === undefined) throw new Error('nothing received');
    expect(got.headers['journeylens-event']).toBe('alert.raised');
    expect(
      verifySignature(
        hook.secret,
        got.body,
        String(got.headers['journeylens-signature']),
        Date.now() / 1000,
      ),
    ).toBe(true);
    const raised = bodies()[0];
    expect(raised).toMatchObject({ type: 'alert.raised', data: { rule: { id: rule.id } } });
    expect(got.headers['idempotency-key']).toMatch(/^dlv_/);
    // Slack reads `text` and `blocks`.
    expect(raised?.text).toBe(
      '🔴 Alert: Payment failures — failure rate (customers affected) at Payment: 53.33% is above the threshold 20% (n = 15)',
    );
    expect(raised?.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
    expect(raised?.data.alert).toMatchObject({ status: 'open', teams: ['web'], raised: { n: 15 } });

    const open = await inbox();
    expect(open.unacknowledged).toBe(1);
    expect(open.alerts.map((a) => [a.ruleName, a.status, a.raised.value])).toEqual([
      ['Payment failures', 'open', 8 / 15],
    ]);
    const sse = await readUntil(stream, 'event: alert');
    expect(sse).toContain('"type":"alert.raised"');
    await stream.body?.cancel();

    // More breaching data: still one alert, still one webhook; the alert's latest moves.
    await payments(10, 0);
    await service.evaluateAll('timer');
    await new Promise((r) => setTimeout(r, 150));
    expect(hooks.received).toHaveLength(1);
    const still = await inbox();
    expect(still.alerts).toHaveLength(1);
    expect(still.alerts[0]?.latest.value).toBeCloseTo(18 / 25, 10);

    // Back to normal: 18 of 95 is 19% — resolved, one more webhook.
    await payments(0, 70);
    await until(
      () => hooks.received.length,
      (n) => n >= 2,
    );
    expect(bodies().map((b) => b.type)).toEqual(['alert.raised', 'alert.resolved']);
    expect(bodies()[1]?.data.alert).toMatchObject({ status: 'resolved', latest: { n: 95 } });
    const after = await inbox();
    expect(after.alerts.map((a) => a.status)).toEqual(['resolved']);
    expect(after.unacknowledged).toBe(0);

    const evaluations = (await (
      await t.call('viewer', `/api/alert-rules/${rule.id}/evaluations`)
    ).json()) as { evaluations: { outcome: string; transition: string | null }[] };
    expect(
      evaluations.evaluations.filter((e) => e.transition !== null).map((e) => e.transition),
    ).toEqual(['resolve', 'raise']);
  });

  it('does not tell anyone again after a restart while the breach goes on', async () => {
    const hook = await subscribe();
    const rule = (await (
      await post('cx', '/api/alert-rules', RULE([hook.id]))
    ).json()) as TAlertRule;
    await payments(6, 4);
    await until(
      () => hooks.received.length,
      (n) => n === 1,
    );

    await t.close();
    t = await boot();
    await service.idle();
    await payments(2, 0);
    await service.evaluateAll('timer');
    await new Promise((r) => setTimeout(r, 150));
    expect(hooks.received).toHaveLength(1);
    expect((await inbox()).alerts.map((a) => a.status)).toEqual(['open']);
    const reread = (await (
      await t.call('viewer', `/api/alert-rules/${rule.id}`)
    ).json()) as TAlertRule;
    expect(reread.state).toBe('breached');

    // And it still resolves after the restart.
    await payments(0, 60);
    await until(
      () => hooks.received.length,
      (n) => n === 2,
    );
    expect(bodies()[1]?.type).toBe('alert.resolved');
  });

  it('lets the CX team acknowledge, and team members only the alerts about their team', async () => {
    await post('cx', '/api/alert-rules', RULE([]));
    await payments(6, 4);
    const [alert] = (await inbox()).alerts;
    if (alert === undefined) throw new Error('no alert');
    // The test-kit's team member is in team care; the payment belongs to web.
    expect((await inbox('team', '?team=care')).alerts).toEqual([]);
    expect((await inbox('team', '?team=web')).alerts).toHaveLength(1);
    const refused = await post('team', `/api/alerts/${alert.id}/acknowledge`, {});
    expect(refused.status).toBe(403);
    const ack = await post('cx', `/api/alerts/${alert.id}/acknowledge`, {});
    expect(ack.status).toBe(200);
    expect((await ack.json()) as TAlert).toMatchObject({ acknowledgedBy: 'user:cx@example.com' });
    expect((await inbox()).unacknowledged).toBe(0);
    // No webhook subscription on the rule: nothing was sent.
    expect(hooks.received).toEqual([]);
  });
});

describe('rules', () => {
  it('refuses bad rules with the field at fault', async () => {
    const errorOf = async (body: unknown) => {
      const res = await post('cx', '/api/alert-rules', body);
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { message: string } }).error.message;
    };
    expect(await errorOf({ ...RULE([]), condition: { kind: 'absolute', threshold: 5 } })).toBe(
      'condition.threshold: 5 is not a share between 0 and 1 (write 5% as 0.05)',
    );
    expect(
      await errorOf({
        ...RULE([]),
        metric: { kind: 'friction', type: 'failure', touchpoint: 'nope' },
      }),
    ).toBe('metric.touchpoint: no touchpoint nope; the workspace has pay, call');
    expect(await errorOf(RULE(['wh_nope']))).toBe(
      'notify.webhooks.0: no webhook subscription wh_nope',
    );
    const moments = await subscribe(['moment.occurred']);
    expect(await errorOf(RULE([moments.id]))).toMatch(
      /^notify\.webhooks\.0: subscription wh_.* does not take alert\.raised events/,
    );
    expect(await errorOf({ ...RULE([]), period: 'year' })).toBe(
      'period: period must be day, week or month',
    );
    expect(
      await errorOf({
        ...RULE([]),
        condition: { kind: 'relative', change: 0.2, baseline: { kind: 'previous', periods: 0 } },
      }),
    ).toBe('condition.baseline.periods: periods must be at least 1');
  });

  it('evaluates on demand, a dry run without effects; disabling resolves the open alert', async () => {
    const hook = await subscribe();
    const rule = (await (
      await post('cx', '/api/alert-rules', RULE([hook.id]))
    ).json()) as TAlertRule;
    await service.evaluateAll('timer');
    const dry = await post('cx', `/api/alert-rules/${rule.id}/evaluate`, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({
      recorded: false,
      outcome: 'insufficient',
      current: { n: 0 },
    });
    expect((await post('viewer', `/api/alert-rules/${rule.id}/evaluate`, {})).status).toBe(403);
    const past = await post('cx', `/api/alert-rules/${rule.id}/evaluate`, {
      dryRun: true,
      at: '2026-03-01T00:00:00Z',
    });
    expect(await past.json()).toMatchObject({
      recorded: false,
      window: { from: '2026-02-22T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' },
    });
    const recordedPast = await post('cx', `/api/alert-rules/${rule.id}/evaluate`, {
      at: '2026-03-01T00:00:00Z',
    });
    expect(recordedPast.status).toBe(400);
    expect(((await recordedPast.json()) as { error: { message: string } }).error.message).toBe(
      'at: at is only for a dry run (dryRun: true): evaluating the past never raises alerts',
    );

    await payments(6, 4);
    await until(
      () => hooks.received.length,
      (n) => n === 1,
    );
    const now = await post('cx', `/api/alert-rules/${rule.id}/evaluate`, {});
    expect(await now.json()).toMatchObject({ recorded: true, outcome: 'breach', transition: null });

    const off = await t.call('cx', `/api/alert-rules/${rule.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ enabled: false, state: 'ok', openAlertId: null });
    await until(
      () => hooks.received.length,
      (n) => n === 2,
    );
    expect(bodies()[1]).toMatchObject({
      type: 'alert.resolved',
      data: { alert: { resolvedReason: 'the rule was disabled' } },
    });
    expect((await post('cx', `/api/alert-rules/${rule.id}/evaluate`, {})).status).toBe(409);
  });
});

describe('data that does not pass the ingest bus', () => {
  it('is noticed in the imports (a file import) and evaluated', async () => {
    const hook = await subscribe();
    await post('cx', '/api/alert-rules', RULE([hook.id]));
    const ts = new Date(NOW - 86_400_000).toISOString();
    const records = Array.from({ length: 10 }, (_, i) => ({
      customer: `file-${i}`,
      activity: 'pay',
      timestamp: ts,
      outcome: i < 5 ? 'failed' : 'ok',
    }));
    // As a file import does: stored, not published on the bus.
    const report = await importBatch(t.context.store, {
      kind: 'events',
      format: 'json',
      body: JSON.stringify(records),
      origin: 'a test file',
      timezone: 'UTC',
      maxRecords: 1000,
    });
    expect(report.accepted).toBe(10);
    await until(
      () => hooks.received.length,
      (n) => n === 1,
    );
    expect(bodies()[0]?.data.alert.raised).toMatchObject({ value: 0.5, n: 10 });
  });
});

describe('relative rules', () => {
  it('compare the week with the four weeks before it', async () => {
    const hook = await subscribe();
    await post('cx', '/api/alert-rules', {
      ...RULE([hook.id]),
      name: 'Payment failures doubled',
      condition: { kind: 'relative', change: 1, baseline: { kind: 'previous', periods: 4 } },
    });
    // The baseline: 4 of 40 customers failed (10%) two to four weeks ago.
    await payments(2, 18, 12);
    await payments(2, 18, 25);
    // This week: 2 of 10 (20%) is not more than double: no alert.
    await payments(2, 8);
    expect(hooks.received).toEqual([]);
    // 4 of 12 (33%) is.
    await payments(2, 0);
    await until(
      () => hooks.received.length,
      (n) => n === 1,
    );
    const [raised] = bodies();
    expect(raised?.data.alert.raised).toMatchObject({ n: 12, limit: 0.2, baseline: 0.1 });
    expect(raised?.data.alert.reason).toBe('33.33% is above 20% (baseline 10% + 100%)');
  });
});
