/**
 * Webhook subscriptions: where to POST which events (and which moments of truth), signed with
 * which secret. The secret is kept as it is — signing needs it — and is shown only when the
 * subscription is created or given a new one; lists show its last four characters.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { sql } from '../../query/sql.js';
import type { TStore } from '../../store/store.js';
import { EVENT_TYPES, type TEventType } from './occurrence.js';
import { newWebhookSecret } from './signature.js';

const ZMomentKey = z.string().regex(/^(touchpoint|rule):[a-z0-9]+(?:-[a-z0-9]+)*$/, {
  error: 'must be touchpoint:<id> or rule:<id>',
});

const ZUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2000);

export const ZNewWebhook = z.strictObject({
  url: ZUrl,
  /** Default: every event type. */
  events: z.array(z.enum(EVENT_TYPES)).min(1).optional(),
  /** Default (or null): every moment of truth. */
  moments: z.array(ZMomentKey).min(1).nullable().optional(),
  active: z.boolean().optional(),
  description: z.string().max(500).optional(),
  /** Default: a new random secret. */
  secret: z.string().min(16).max(200).optional(),
});
export type TNewWebhook = z.infer<typeof ZNewWebhook>;

export const ZWebhookChange = ZNewWebhook.partial().extend({
  description: z.string().max(500).nullable().optional(),
  /** true: replace the secret with a new random one (returned once). */
  rotateSecret: z.boolean().optional(),
});
export type TWebhookChange = z.infer<typeof ZWebhookChange>;

export type TWebhook = {
  id: string;
  url: string;
  events: TEventType[];
  moments: string[] | null;
  active: boolean;
  description: string | null;
  /** The last four characters of the secret. */
  secretHint: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
};

/** A subscription with its secret: what the worker signs with. */
export type TWebhookTarget = { id: string; url: string; secret: string };

type TRow = {
  id: string;
  url: string;
  secret: string;
  events: string;
  moments: string | null;
  active: boolean;
  description: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
};

const COLUMNS = sql`id, url, secret, events, moments, active, description, created_by, created_at, updated_at`;

function fromRow(r: TRow): TWebhook {
  return {
    id: r.id,
    url: r.url,
    events: JSON.parse(r.events) as TEventType[],
    moments: r.moments === null ? null : (JSON.parse(r.moments) as string[]),
    active: r.active,
    description: r.description,
    secretHint: r.secret.slice(-4),
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function listWebhooks(store: TStore): Promise<TWebhook[]> {
  const rows = await store.all<TRow>(
    sql`SELECT ${COLUMNS} FROM webhook_subscriptions ORDER BY created_at, id`,
  );
  return rows.map(fromRow);
}

export async function getWebhook(store: TStore, id: string): Promise<TWebhook | undefined> {
  const [row] = await store.all<TRow>(
    sql`SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = ${id}`,
  );
  return row === undefined ? undefined : fromRow(row);
}

/** Creates a subscription; the answer carries the secret, which is not shown again. */
export async function createWebhook(
  store: TStore,
  input: TNewWebhook,
  createdBy: string,
): Promise<TWebhook & { secret: string }> {
  const id = `wh_${randomUUID()}`;
  const secret = input.secret ?? newWebhookSecret();
  await store.exec(sql`INSERT INTO webhook_subscriptions (${COLUMNS}) VALUES (${id}, ${input.url},
    ${secret}, ${JSON.stringify(input.events ?? EVENT_TYPES)},
    ${input.moments == null ? null : JSON.stringify(input.moments)}, ${input.active ?? true},
    ${input.description ?? null}, ${createdBy}, now(), now())`);
  const created = await getWebhook(store, id);
  if (created === undefined) throw new Error(`webhook ${id} vanished after its creation`);
  return { ...created, secret };
}

/** Changes a subscription; undefined when there is none. A new secret is returned once. */
export async function updateWebhook(
  store: TStore,
  id: string,
  change: TWebhookChange,
): Promise<(TWebhook & { secret?: string }) | undefined> {
  const current = await getWebhook(store, id);
  if (current === undefined) return undefined;
  const secret = change.rotateSecret === true ? newWebhookSecret() : change.secret;
  const moments = change.moments === undefined ? current.moments : change.moments;
  await store.exec(sql`UPDATE webhook_subscriptions SET url = ${change.url ?? current.url},
    events = ${JSON.stringify(change.events ?? current.events)},
    moments = ${moments === null ? null : JSON.stringify(moments)},
    active = ${change.active ?? current.active},
    description = ${change.description === undefined ? current.description : change.description},
    secret = coalesce(${secret ?? null}, secret), updated_at = now()
    WHERE id = ${id}`);
  const updated = await getWebhook(store, id);
  if (updated === undefined) return undefined;
  return secret === undefined ? updated : { ...updated, secret };
}

/** Deletes a subscription and its deliveries still queued or dead; false when there is none. */
export async function deleteWebhook(store: TStore, id: string): Promise<boolean> {
  return store.transaction(async () => {
    const n = await store.exec(sql`DELETE FROM webhook_subscriptions WHERE id = ${id}`);
    await store.exec(sql`DELETE FROM webhook_deliveries WHERE subscription_id = ${id}`);
    return n > 0;
  });
}

/** The active subscriptions that want an event of this type about this moment. */
export function wants(hook: TWebhook, type: TEventType, moment: string): boolean {
  return hook.active && hook.events.includes(type) && (hook.moments?.includes(moment) ?? true);
}
