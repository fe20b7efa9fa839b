/**
 * The webhook delivery queue, persisted in the store: one row per delivery of one event to
 * one subscription, whose id is the `Idempotency-Key` the receiver sees on every attempt. A
 * delivery is `pending` (waiting for its next attempt), `delivering` (an attempt in flight),
 * `delivered`, or `dead` (given up: listed as a dead letter until retried). Rows in flight
 * when the process died go back to `pending` at the next start.
 */
import { createHash } from 'node:crypto';
import { join, sql } from '../../query/sql.js';
import type { TStore } from '../../store/store.js';
import type { TEventType, TWebhookEvent } from './occurrence.js';
import { listWebhooks, wants } from './webhooks.js';

export type TDeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'dead';

export type TDelivery = {
  /** Also the Idempotency-Key. */
  id: string;
  subscriptionId: string;
  eventType: TEventType;
  eventId: string;
  status: TDeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  /** The HTTP status of the last answer; null when there was none (network error, timeout). */
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
};

/** A delivery claimed for an attempt, with where and how to send it. */
export type TClaimed = {
  id: string;
  eventType: TEventType;
  payload: string;
  attempts: number;
  url: string;
  secret: string;
};

type TRow = {
  id: string;
  subscription_id: string;
  event_type: TEventType;
  event_id: string;
  status: TDeliveryStatus;
  attempts: number;
  next_attempt_ms: number;
  created_ms: number;
  last_attempt_ms: number | null;
  last_status: number | null;
  last_error: string | null;
  delivered_ms: number | null;
};

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function fromRow(r: TRow): TDelivery {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    eventType: r.event_type,
    eventId: r.event_id,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_ms) : null,
    createdAt: iso(r.created_ms) ?? '',
    lastAttemptAt: iso(r.last_attempt_ms),
    lastStatus: r.last_status,
    lastError: r.last_error,
    deliveredAt: iso(r.delivered_ms),
  };
}

/** The same event to the same subscription is the same delivery, whoever enqueues it. */
export function deliveryId(subscriptionId: string, eventId: string): string {
  return `dlv_${createHash('sha256').update(`${subscriptionId}\n${eventId}`).digest('hex').slice(0, 32)}`;
}

/**
 * Queues each event for every active subscription that wants it; an event already queued for
 * a subscription is not queued again. Call inside the transaction that records progress.
 * Returns how many deliveries were queued.
 */
export async function enqueueEvents(
  store: TStore,
  events: readonly TWebhookEvent[],
  nowMs: number,
): Promise<number> {
  if (events.length === 0) return 0;
  const hooks = (await listWebhooks(store)).filter((h) => h.active);
  const rows = events.flatMap((e) =>
    hooks
      .filter((h) => wants(h, e.type, e.data.moment))
      .map(
        (h) => sql`(${deliveryId(h.id, e.id)}, ${h.id}, ${e.type}, ${e.id}, ${JSON.stringify(e)},
          'pending', 0, ${nowMs}, ${nowMs})`,
      ),
  );
  let queued = 0;
  for (let i = 0; i < rows.length; i += 200) {
    queued += await store.exec(sql`INSERT INTO webhook_deliveries (id, subscription_id,
      event_type, event_id, payload, status, attempts, next_attempt_ms, created_ms)
      VALUES ${join(rows.slice(i, i + 200))} ON CONFLICT DO NOTHING`);
  }
  return queued;
}

/**
 * Queues one event, whose body is given as it will be sent, for the named subscriptions that
 * are active and take its type (alerts go only where their rule says). Idempotent like
 * `enqueueEvents`: the same event to the same subscription is queued once. Call inside the
 * transaction that records the event. Returns how many deliveries were queued.
 */
export async function enqueueToSubscriptions(
  store: TStore,
  event: { id: string; type: TEventType; body: string },
  subscriptionIds: readonly string[],
  nowMs: number,
): Promise<number> {
  if (subscriptionIds.length === 0) return 0;
  const hooks = (await listWebhooks(store)).filter(
    (h) => h.active && subscriptionIds.includes(h.id) && h.events.includes(event.type),
  );
  if (hooks.length === 0) return 0;
  return store.exec(sql`INSERT INTO webhook_deliveries (id, subscription_id, event_type,
    event_id, payload, status, attempts, next_attempt_ms, created_ms)
    VALUES ${join(
      hooks.map(
        (h) => sql`(${deliveryId(h.id, event.id)}, ${h.id}, ${event.type}, ${event.id},
          ${event.body}, 'pending', 0, ${nowMs}, ${nowMs})`,
      ),
    )} ON CONFLICT DO NOTHING`);
}

/** Marks up to `limit` due deliveries of active subscriptions `delivering` and returns them. */
export async function claimDue(store: TStore, nowMs: number, limit: number): Promise<TClaimed[]> {
  if (limit <= 0) return [];
  return store.transaction(async () => {
    const rows = await store.all<{
      id: string;
      event_type: TEventType;
      payload: string;
      attempts: number;
      url: string;
      secret: string;
    }>(sql`SELECT d.id, d.event_type, d.payload, d.attempts, s.url, s.secret
      FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.status = 'pending' AND d.next_attempt_ms <= ${nowMs} AND s.active
      ORDER BY d.next_attempt_ms, d.created_ms, d.id LIMIT ${limit}`);
    if (rows.length === 0) return [];
    await store.exec(sql`UPDATE webhook_deliveries SET status = 'delivering'
      WHERE id IN (${join(rows.map((r) => sql`${r.id}`))})`);
    return rows.map((r) => ({
      id: r.id,
      eventType: r.event_type,
      payload: r.payload,
      attempts: r.attempts,
      url: r.url,
      secret: r.secret,
    }));
  });
}

export type TAttemptResult =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; status: number | null; error: string; nextAttemptMs: number }
  | { kind: 'dead'; status: number | null; error: string }
  /** The attempt was cut short by a shutdown: it does not count. */
  | { kind: 'returned' };

/** Records the outcome of an attempt at a claimed delivery. */
export async function recordAttempt(
  store: TStore,
  id: string,
  result: TAttemptResult,
  nowMs: number,
): Promise<void> {
  switch (result.kind) {
    case 'delivered':
      await store.exec(sql`UPDATE webhook_deliveries SET status = 'delivered',
        attempts = attempts + 1, last_attempt_ms = ${nowMs}, last_status = ${result.status},
        last_error = NULL, delivered_ms = ${nowMs} WHERE id = ${id}`);
      return;
    case 'retry':
      await store.exec(sql`UPDATE webhook_deliveries SET status = 'pending',
        attempts = attempts + 1, last_attempt_ms = ${nowMs}, last_status = ${result.status},
        last_error = ${result.error}, next_attempt_ms = ${result.nextAttemptMs} WHERE id = ${id}`);
      return;
    case 'dead':
      await store.exec(sql`UPDATE webhook_deliveries SET status = 'dead',
        attempts = attempts + 1, last_attempt_ms = ${nowMs}, last_status = ${result.status},
        last_error = ${result.error} WHERE id = ${id}`);
      return;
    case 'returned':
      await store.exec(sql`UPDATE webhook_deliveries SET status = 'pending'
        WHERE id = ${id} AND status = 'delivering'`);
      return;
  }
}

/** Attempts that were in flight when the process stopped go back to the queue. */
export async function requeueInterrupted(store: TStore): Promise<number> {
  return store.exec(
    sql`UPDATE webhook_deliveries SET status = 'pending' WHERE status = 'delivering'`,
  );
}

/** When the next pending delivery of an active subscription is due (epoch ms), if any. */
export async function nextDueMs(store: TStore): Promise<number | undefined> {
  const [row] = await store.all<{ due: number | null }>(sql`SELECT min(d.next_attempt_ms) AS due
    FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
    WHERE d.status = 'pending' AND s.active`);
  return row?.due ?? undefined;
}

export async function getDelivery(store: TStore, id: string): Promise<TDelivery | undefined> {
  const [row] = await store.all<TRow>(sql`SELECT * FROM webhook_deliveries WHERE id = ${id}`);
  return row === undefined ? undefined : fromRow(row);
}

/** Deliveries in a status, newest first. */
export async function listDeliveries(
  store: TStore,
  filter: { status: TDeliveryStatus; subscriptionId?: string | undefined; limit: number },
): Promise<TDelivery[]> {
  const where = [sql`status = ${filter.status}`];
  if (filter.subscriptionId !== undefined) {
    where.push(sql`subscription_id = ${filter.subscriptionId}`);
  }
  const rows = await store.all<TRow>(sql`SELECT * FROM webhook_deliveries
    WHERE ${join(where, ' AND ')}
    ORDER BY coalesce(last_attempt_ms, created_ms) DESC, id LIMIT ${filter.limit}`);
  return rows.map(fromRow);
}

/**
 * Puts a dead letter back in the queue for a fresh series of attempts, with the same
 * Idempotency-Key; undefined when there is no such dead letter.
 */
export async function retryDeadLetter(
  store: TStore,
  id: string,
  nowMs: number,
): Promise<TDelivery | undefined> {
  const n = await store.exec(sql`UPDATE webhook_deliveries SET status = 'pending', attempts = 0,
    next_attempt_ms = ${nowMs} WHERE id = ${id} AND status = 'dead'`);
  return n === 0 ? undefined : getDelivery(store, id);
}

/** Forgets deliveries that arrived before `beforeMs` (the queue keeps a short history). */
export async function forgetDelivered(store: TStore, beforeMs: number): Promise<number> {
  return store.exec(sql`DELETE FROM webhook_deliveries
    WHERE status = 'delivered' AND delivered_ms < ${beforeMs}`);
}
