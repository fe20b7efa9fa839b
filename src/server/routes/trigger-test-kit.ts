/**
 * The set-up of the trigger tests (trigger-routes.test.ts, trigger-stream.test.ts): a workspace
 * with a moment of truth and a rule in a temp folder, a webhook receiver on 127.0.0.1, the real
 * app with shortened backoff (`boot`, or `reopen` on the same store as after a restart), and
 * events stored and published on the ingest bus as the ingest route does (`ingest`).
 * `triggerFixture()` registers the per-test set-up and clean-up; `fx` holds the current test's
 * folder, receiver and app (afterEach closes `fx.t`).
 */
import { createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { ensureAppSchema } from '../../service/auth/accounts.js';
import { join as joinSql, sql } from '../../query/sql.js';
import type { TDelivery } from '../../service/triggers/delivery-queue.js';
import type { TriggerService } from '../../service/triggers/triggers.js';
import { openStore } from '../../service/workspace-store.js';
import { exclusive } from '../../store/exclusive.js';
import type { TStore } from '../../store/store.js';
import { createApp } from '../app.js';
import { DEFAULT_SERVER_CONFIG, type TServerConfig, type TServerContext } from '../context.js';
import { IngestBus } from '../ingest-bus.js';
import { memoryLogger } from '../log.js';
import type { TTestApp } from '../test-kit.js';
import { testApp } from '../test-kit.js';
import { receiver, type TReceiver } from './test-http.js';
import { triggerModule, type TTriggerRouteOptions } from './trigger-routes.js';

export const WORKSPACE = `name: Triggers
teams: [{ id: web, name: Web }, { id: care, name: Care }]
touchpoints:
  - { id: pay, name: Payment, stage: Purchase, channel: web, owner: web, activities: [pay], momentOfTruth: true }
  - { id: call, name: Call, stage: Support, channel: phone, owner: care, activities: [call] }
momentsOfTruth:
  - id: second-call
    name: Second call in 30 days
    rule: { kind: contactsWithin, count: 2, withinDays: 30, touchpoints: [call] }
`;

export const FAST: TTriggerRouteOptions['delivery'] = {
  backoffBaseMs: 20,
  backoffMaxMs: 100,
  maxAttempts: 4,
  timeoutMs: 300,
  stopGraceMs: 200,
};

/** The current test's folder, webhook receiver, app and trigger service. */
export const fx = {} as { dir: string; hooks: TReceiver; t: TTestApp; service: TriggerService };

/** Starts the app on the test's folder (it becomes `fx.t`). */
export async function boot(
  options: TTriggerRouteOptions = {},
  config: Partial<TServerConfig> = {},
): Promise<TTestApp> {
  fx.t = await testApp(
    [
      triggerModule({
        keepAliveMs: 60,
        ...options,
        delivery: { ...FAST, ...options.delivery },
        onService: (s) => (fx.service = s),
      }),
    ],
    // The receiver listens on 127.0.0.1: a private address, refused by default.
    { workspaceDir: fx.dir, config: { allowPrivateWebhooks: true, ...config } },
  );
  return fx.t;
}

/** Registers the per-test set-up (folder, workspace, receiver) and clean-up. */
export function triggerFixture(): void {
  beforeEach(async () => {
    fx.dir = await mkdtemp(join(tmpdir(), 'jl-triggers-'));
    await writeFile(join(fx.dir, 'journeylens.yaml'), WORKSPACE);
    fx.hooks = await receiver();
  });
  afterEach(async () => {
    await fx.t.close();
    await fx.hooks.close();
    await rm(fx.dir, { recursive: true, force: true });
  });
}

export type TNewEvent = { customer: string; activity: string; ts: string; caseId?: string };

/** Stores events and publishes them on the bus, as the ingest route does; waits for triggers. */
export async function ingest(ctx: TServerContext, events: readonly TNewEvent[]): Promise<number[]> {
  const [top] = await ctx.store.all<{ seq: number }>(
    sql`SELECT coalesce(max(seq), 0) AS seq FROM events`,
  );
  const first = (top?.seq ?? 0) + 1;
  const rows = events.map((e, i) => ({ ...e, seq: first + i }));
  await ctx.store.exec(sql`INSERT INTO events (seq, import_id, customer_id, case_id, ts, activity)
    VALUES ${joinSql(
      rows.map(
        (r) =>
          sql`(${r.seq}, 1, ${r.customer}, ${r.caseId ?? null}, CAST(${r.ts} AS TIMESTAMPTZ), ${r.activity})`,
      ),
    )}`);
  await ctx.ingested.publish({
    kind: 'events',
    events: rows.map((r) => ({
      seq: r.seq,
      eventId: `ev-${r.seq}`,
      customerId: r.customer,
      caseId: r.caseId ?? null,
      ts: new Date(r.ts),
      activity: r.activity,
      channel: null,
      outcome: 'ok',
      reason: null,
    })),
  });
  await fx.service.idle();
  return rows.map((r) => r.seq);
}

export async function subscribe(app: TTestApp, body: Record<string, unknown>) {
  const res = await app.call('cx', '/api/webhooks', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; secret: string; secretHint: string };
}

export async function deliveries(app: TTestApp, id: string, status: string): Promise<TDelivery[]> {
  const res = await app.call('admin', `/api/webhooks/${id}/deliveries?status=${status}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { deliveries: TDelivery[] }).deliveries;
}

export const hmac = (secret: string, text: string) =>
  createHmac('sha256', secret).update(text).digest('hex');

/** Starts the app again on the same store, as after a restart (it becomes `fx.t`). */
export async function reopen(
  options: TTriggerRouteOptions & { config?: Partial<TServerConfig> } = {},
) {
  const base = await openStore(fx.dir);
  await ensureAppSchema(base);
  const log = memoryLogger();
  const context: TServerContext = {
    workspaceDir: fx.dir,
    store: exclusive(base),
    reader: await base.fork(),
    config: { ...DEFAULT_SERVER_CONFIG, allowPrivateWebhooks: true, ...options.config },
    log,
    ingested: new IngestBus(log),
  };
  const app = createApp(context, [
    triggerModule({
      ...options,
      delivery: { ...FAST, ...options.delivery },
      onService: (s) => (fx.service = s),
    }),
  ]);
  await app.lifecycle.start();
  const close = async () => {
    await app.lifecycle.stop();
    await context.reader.close();
    await context.store.close();
  };
  // afterEach closes whatever runs last.
  fx.t = { ...fx.t, context, close };
  return context;
}

export const rows = (store: TStore) =>
  store.all<{ id: string; status: string; attempts: number }>(
    sql`SELECT id, status, attempts FROM webhook_deliveries ORDER BY created_ms, id`,
  );
