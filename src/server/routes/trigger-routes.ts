/**
 * Real-time triggers over HTTP: webhook subscriptions (the CX team: admin, cx), their dead
 * letters and deliveries, and `GET /api/stream`, the server-sent events of moment-of-truth
 * occurrences for the web app (any person, `read` tokens). The module subscribes the trigger
 * service (src/service/triggers/triggers.ts) to the ingest bus when the server starts, and
 * ends event streams when it stops accepting requests so that it can drain. A subscription's
 * URL must not aim at a private or internal address unless the server's configuration allows
 * it (`allowPrivateWebhooks`); the delivery worker checks again before every attempt.
 */
import { z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { audit } from '../../service/auth/accounts.js';
import { describePrincipal } from '../../service/auth/roles.js';
import {
  getDelivery,
  listDeliveries,
  retryDeadLetter,
  type TDelivery,
} from '../../service/triggers/delivery-queue.js';
import { EVENT_TYPES, type TLiveEvent } from '../../service/triggers/occurrence.js';
import type { TStreamItem } from '../../service/triggers/occurrence-stream.js';
import type { DeliveryWorker } from '../../service/triggers/delivery-worker.js';
import { TriggerService, type TTriggerOptions } from '../../service/triggers/triggers.js';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  updateWebhook,
  ZNewWebhook,
  ZWebhookChange,
} from '../../service/triggers/webhooks.js';
import { checkTarget, systemResolve } from '../../service/triggers/webhook-target.js';
import { workspaceRules, type TWorkspaceLoader } from '../../service/triggers/workspace-rules.js';
import type { TRouteModule } from '../app.js';
import { principalOf } from '../auth.js';
import type { TServerContext } from '../context.js';
import { errorResponse, fail } from '../errors.js';
import type { TIngestedEvent } from '../ingest-bus.js';
import { ANY_PERSON, MODEL_EDITORS, protectedRoute } from '../route.js';
import { SseQueue } from '../sse-queue.js';
import { jsonBody, jsonResponse } from '../openapi-content.js';

export type TTriggerRouteOptions = TTriggerOptions & {
  /** A comment line on idle event streams this often, so proxies keep them open (15 s). */
  keepAliveMs?: number;
  /** Where the rules come from; default: the workspace folder's journeylens.yaml. */
  workspace?: (ctx: TServerContext) => TWorkspaceLoader;
  /** Hands over the service (tests wait on it). */
  onService?: (service: TriggerService) => void;
};

const EDITORS = { roles: MODEL_EDITORS, scopes: [] } as const;
/** What a client waits before reconnecting to the stream. */
const RECONNECT_MS = 3000;
/** A client this far behind is cut off; it reconnects with Last-Event-ID. */
const MAX_PENDING = 1000;

const ZWebhook = z
  .object({
    id: z.string().openapi({ example: 'wh_5b1c…' }),
    url: z.string(),
    events: z.array(z.enum(EVENT_TYPES)),
    moments: z.array(z.string()).nullable().openapi({
      description: 'moment keys (touchpoint:<id>, rule:<id>); null: every moment of truth',
    }),
    active: z.boolean(),
    description: z.string().nullable(),
    secretHint: z.string().openapi({ description: 'the last four characters of the secret' }),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Webhook');

const ZWebhookWithSecret = ZWebhook.extend({
  secret: z.string().openapi({
    description: 'the signing secret; shown only now',
    example: 'whsec_…',
  }),
}).openapi('WebhookWithSecret');

const ZDelivery = z
  .object({
    id: z.string().openapi({ description: 'also the Idempotency-Key of every attempt' }),
    subscriptionId: z.string(),
    eventType: z.enum(EVENT_TYPES),
    eventId: z.string().openapi({ example: 'rule:third-contact@1042' }),
    status: z.enum(['pending', 'delivering', 'delivered', 'dead']),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    createdAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
  })
  .openapi('WebhookDelivery');

const notFound = errorResponse('no such webhook or delivery');
const badUrl = errorResponse(
  'invalid; among others a url that is not http(s), or whose host is or resolves to a private or internal address (unless the server allows them), or does not resolve',
);
const ZId = z.object({ id: z.string() });
const ZLimit = z.coerce.number().int().min(1).max(1000).default(100);

const listHooks = protectedRoute(EDITORS, {
  method: 'get',
  path: '/api/webhooks',
  tags: ['triggers'],
  summary: 'Webhook subscriptions (secrets are not shown)',
  responses: { 200: jsonResponse(z.object({ webhooks: z.array(ZWebhook) }), 'the subscriptions') },
});

const createHook = protectedRoute(EDITORS, {
  method: 'post',
  path: '/api/webhooks',
  tags: ['triggers'],
  summary: 'Subscribe a URL to events; the answer carries the signing secret, once',
  request: { body: jsonBody(ZNewWebhook) },
  responses: { 201: jsonResponse(ZWebhookWithSecret, 'subscribed'), 400: badUrl },
});

const listDead = protectedRoute(EDITORS, {
  method: 'get',
  path: '/api/webhooks/dead-letters',
  tags: ['triggers'],
  summary: 'Deliveries given up on, newest first',
  request: {
    query: z.object({ subscription: z.string().optional(), limit: ZLimit }),
  },
  responses: {
    200: jsonResponse(z.object({ deadLetters: z.array(ZDelivery) }), 'the dead letters'),
  },
});

const retryDead = protectedRoute(EDITORS, {
  method: 'post',
  path: '/api/webhooks/dead-letters/{id}/retry',
  tags: ['triggers'],
  summary: 'Queue a dead letter again: a new series of attempts, with the same Idempotency-Key',
  request: { params: ZId },
  responses: { 200: jsonResponse(ZDelivery, 'queued again'), 404: notFound },
});

const getHook = protectedRoute(EDITORS, {
  method: 'get',
  path: '/api/webhooks/{id}',
  tags: ['triggers'],
  summary: 'One webhook subscription',
  request: { params: ZId },
  responses: { 200: jsonResponse(ZWebhook, 'the subscription'), 404: notFound },
});

const updateHook = protectedRoute(EDITORS, {
  method: 'patch',
  path: '/api/webhooks/{id}',
  tags: ['triggers'],
  summary: 'Change a subscription (a new secret, given or rotated, is answered once)',
  request: {
    params: ZId,
    body: jsonBody(ZWebhookChange),
  },
  responses: {
    200: jsonResponse(ZWebhook.extend({ secret: z.string().optional() }), 'changed'),
    400: badUrl,
    404: notFound,
  },
});

const deleteHook = protectedRoute(EDITORS, {
  method: 'delete',
  path: '/api/webhooks/{id}',
  tags: ['triggers'],
  summary: 'Unsubscribe; its queued and dead deliveries go with it',
  request: { params: ZId },
  responses: { 204: { description: 'deleted' }, 404: notFound },
});

const hookDeliveries = protectedRoute(EDITORS, {
  method: 'get',
  path: '/api/webhooks/{id}/deliveries',
  tags: ['triggers'],
  summary: "A subscription's deliveries in one status, newest first",
  request: {
    params: ZId,
    query: z.object({
      status: z.enum(['pending', 'delivering', 'delivered', 'dead']).default('pending'),
      limit: ZLimit,
    }),
  },
  responses: {
    200: jsonResponse(z.object({ deliveries: z.array(ZDelivery) }), 'the deliveries'),
    404: notFound,
  },
});

const eventStream = protectedRoute(
  { roles: ANY_PERSON, scopes: ['read'] },
  {
    method: 'get',
    path: '/api/stream',
    tags: ['triggers'],
    summary: 'Server-sent events: moment-of-truth occurrences as they happen',
    description:
      "Events `moment` (data: the occurrence, as in a webhook's `data`; `id` for Last-Event-ID), `reset` (the events after Last-Event-ID are no longer known: reload), and a `: keep-alive` comment every 15 s.",
    request: {
      headers: z.object({ 'last-event-id': z.string().optional() }),
    },
    responses: {
      200: {
        description: 'the stream (text/event-stream)',
        content: { 'text/event-stream': { schema: z.string() } },
      },
    },
  },
);

const toLive = (e: TIngestedEvent): TLiveEvent => ({
  seq: e.seq,
  eventId: e.eventId,
  customerId: e.customerId,
  caseId: e.caseId,
  tsUs: e.ts.getTime() * 1000,
  activity: e.activity,
  channel: e.channel,
  outcome: e.outcome,
  reason: e.reason,
});

const workers = new WeakMap<TServerContext, DeliveryWorker>();

/**
 * Tells the server's webhook delivery worker that deliveries were queued (alerts queue theirs
 * through the same queue); without the trigger module the call does nothing.
 */
export function wakeDeliveries(ctx: TServerContext): void {
  workers.get(ctx)?.wake();
}

/** The trigger routes and service; options are for tests (fast backoff, keep-alive). */
export function triggerModule(options: TTriggerRouteOptions = {}): TRouteModule {
  return (app, services) => {
    const ctx = services.context;
    const loader = options.workspace?.(ctx) ?? workspaceRules(ctx.workspaceDir, ctx.log);
    // One setting for subscribing and delivering: the server's configuration decides.
    const allowPrivate = ctx.config.allowPrivateWebhooks;
    const resolve = options.delivery?.resolve ?? systemResolve;
    const triggers = new TriggerService(ctx.store, loader, ctx.log, {
      ...options,
      delivery: { ...options.delivery, allowPrivateAddresses: allowPrivate },
    });
    options.onService?.(triggers);
    workers.set(ctx, triggers.worker);
    const keepAliveMs = options.keepAliveMs ?? 15_000;
    let unsubscribe: (() => void) | undefined;
    services.onStart(async () => {
      unsubscribe = ctx.ingested.subscribe((batch) => {
        if (batch.kind === 'events') triggers.accept(batch.events.map(toLive));
      });
      await triggers.start();
    });
    services.onClosing(() => triggers.closing());
    services.onStop(async () => {
      unsubscribe?.();
      await triggers.stop();
    });
    const now = options.delivery?.now ?? (() => Date.now());
    /** Why a subscription may not have this URL (an error answer naming `url`), if it may not. */
    const refusedUrl = async (url: string) => {
      const target = await checkTarget(url, { allowPrivate, resolve });
      return target.ok ? undefined : target.reason;
    };
    const invalidUrl = (reason: string) =>
      ['invalid', `url: ${reason}`, [{ path: 'url', message: reason }]] as const;

    app.openapi(listHooks, async (c) => {
      return c.json({ webhooks: await listWebhooks(c.var.ctx.store) }, 200);
    });

    app.openapi(createHook, async (c) => {
      const who = describePrincipal(principalOf(c.var.principal));
      const input = c.req.valid('json');
      const refused = await refusedUrl(input.url);
      if (refused !== undefined) return fail(c, 400, ...invalidUrl(refused));
      const created = await createWebhook(c.var.ctx.store, input, who);
      await audit(c.var.ctx.store, {
        actor: who,
        action: 'webhook.create',
        target: created.id,
        detail: { url: created.url, events: created.events, moments: created.moments },
      });
      return c.json(created, 201);
    });

    app.openapi(listDead, async (c) => {
      const { subscription, limit } = c.req.valid('query');
      const deadLetters = await listDeliveries(c.var.ctx.store, {
        status: 'dead',
        subscriptionId: subscription,
        limit,
      });
      return c.json({ deadLetters }, 200);
    });

    app.openapi(retryDead, async (c) => {
      const { id } = c.req.valid('param');
      const retried = await retryDeadLetter(c.var.ctx.store, id, now());
      if (retried === undefined) {
        const known = await getDelivery(c.var.ctx.store, id);
        return fail(
          c,
          404,
          'not_found',
          known === undefined
            ? `no delivery ${id}`
            : `delivery ${id} is ${known.status}, not a dead letter`,
        );
      }
      triggers.worker.wake();
      await audit(c.var.ctx.store, {
        actor: describePrincipal(principalOf(c.var.principal)),
        action: 'webhook.retry',
        target: id,
      });
      return c.json(retried satisfies TDelivery, 200);
    });

    app.openapi(getHook, async (c) => {
      const { id } = c.req.valid('param');
      const hook = await getWebhook(c.var.ctx.store, id);
      if (hook === undefined) return fail(c, 404, 'not_found', `no webhook ${id}`);
      return c.json(hook, 200);
    });

    app.openapi(updateHook, async (c) => {
      const { id } = c.req.valid('param');
      const change = c.req.valid('json');
      const refused = change.url === undefined ? undefined : await refusedUrl(change.url);
      if (refused !== undefined) return fail(c, 400, ...invalidUrl(refused));
      const updated = await updateWebhook(c.var.ctx.store, id, change);
      if (updated === undefined) return fail(c, 404, 'not_found', `no webhook ${id}`);
      const { secret: _secret, rotateSecret: _rotate, ...logged } = change;
      await audit(c.var.ctx.store, {
        actor: describePrincipal(principalOf(c.var.principal)),
        action: 'webhook.update',
        target: id,
        detail: { ...logged, ...(updated.secret === undefined ? {} : { secret: 'replaced' }) },
      });
      // Reactivated: its queued deliveries are due.
      triggers.worker.wake();
      return c.json(updated, 200);
    });

    app.openapi(deleteHook, async (c) => {
      const { id } = c.req.valid('param');
      if (!(await deleteWebhook(c.var.ctx.store, id))) {
        return fail(c, 404, 'not_found', `no webhook ${id}`);
      }
      await audit(c.var.ctx.store, {
        actor: describePrincipal(principalOf(c.var.principal)),
        action: 'webhook.delete',
        target: id,
      });
      return c.body(null, 204);
    });

    app.openapi(hookDeliveries, async (c) => {
      const { id } = c.req.valid('param');
      const { status, limit } = c.req.valid('query');
      if ((await getWebhook(c.var.ctx.store, id)) === undefined) {
        return fail(c, 404, 'not_found', `no webhook ${id}`);
      }
      const deliveries = await listDeliveries(c.var.ctx.store, {
        status,
        subscriptionId: id,
        limit,
      });
      return c.json({ deliveries }, 200);
    });

    app.openapi(eventStream, (c) => {
      const lastId = c.req.header('last-event-id');
      const response = streamSSE(c, async (stream) => {
        const queue = new SseQueue(MAX_PENDING);
        const stop = triggers.stream.subscribe({
          item(item) {
            queue.push(message(item));
          },
          close() {
            queue.close();
          },
        });
        // Before any await: nothing can be published between subscribing and reading back.
        const missed = lastId === undefined ? [] : triggers.stream.since(lastId);
        if (missed !== undefined) queue.unshift(missed.map(message));
        try {
          await stream.write(`retry: ${RECONNECT_MS}\n: connected\n\n`);
          if (missed === undefined) {
            await stream.writeSSE({
              event: 'reset',
              data: JSON.stringify({
                reason: `the events after ${lastId} are no longer known: reload, then listen again`,
              }),
            });
          }
          await queue.pump(stream, keepAliveMs);
        } finally {
          stop();
        }
      });
      // The connection ends with the stream: nothing is left to keep a stopping server open.
      response.headers.set('Connection', 'close');
      return response;
    });
  };
}

/** An occurrence as a server-sent event. */
const message = (item: TStreamItem) => ({
  id: item.id,
  event: 'moment',
  data: JSON.stringify(item.occurrence),
});

/** The module as the server registers it. */
export const triggerRoutes: TRouteModule = triggerModule();
