/**
 * Routing by contact reason over HTTP: `POST /api/route` (how to treat this contact), the
 * taxonomy (`GET /api/contact-reasons`, read-only here: the model editor changes it), and the
 * reports on contact volumes and self-service containment. The routing service starts with
 * the server (its live context is built before the first request), listens to the ingest bus
 * and reloads the workspace file when it changes.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { TRouteModule } from '../app.js';
import type { TServerContext } from '../context.js';
import { errorResponse, fail } from '../errors.js';
import { ANY_PERSON, MODEL_EDITORS, protectedRoute } from '../route.js';
import { TREATMENTS } from '../../model/treatments.js';
import { MAX_DAYS } from '../../model/workspace-schema.js';
import { VOLUME_DIMENSIONS } from '../../query/routing.js';
import { RoutingService, type TRoutingOptions } from '../../service/routing.js';
import { fileWorkspace, type TWorkspaceSource } from '../../service/workspace-source.js';
import { jsonBody, jsonResponse } from '../openapi-content.js';

const STARTING = 'the server is still starting';

const ZReason = z.union([
  z
    .string()
    .regex(/^[^/]+(\/[^/]+)?$/, { error: 'expected "primary" or "primary/secondary"' })
    .openapi({ example: 'delivery/late' }),
  z.strictObject({ primary: z.string().min(1), secondary: z.string().min(1).optional() }),
]);

const ZRouteRequest = z
  .strictObject({
    customer: z
      .strictObject({
        id: z.string().min(1).optional().openapi({ example: 'C-1042' }),
        attributes: z.record(z.string(), z.unknown()).optional().openapi({
          description: 'attributes for the segment rules; they win over the stored ones',
        }),
      })
      .refine((c) => c.id !== undefined || c.attributes !== undefined, {
        error: 'give the customer id, their attributes, or both',
      }),
    reason: ZReason.openapi({
      description: 'the contact reason: "primary", "primary/secondary" or {primary, secondary}',
    }),
    channel: z.string().min(1).openapi({ example: 'phone' }),
    context: z
      .strictObject({
        stage: z.string().optional().openapi({ description: 'the lifecycle stage it is about' }),
        openFriction: z.boolean().optional().openapi({
          description: 'the caller knows of an unresolved problem (an open complaint or case)',
        }),
      })
      .optional(),
  })
  .openapi('RouteRequest');

const ZTreatment = z.enum(TREATMENTS);
const ZRouteAnswer = z
  .object({
    decisionId: z.string(),
    treatment: ZTreatment,
    rule: z.string().nullable().openapi({ description: 'the first rule that matched; null: none' }),
    why: z.string(),
    fields: z.array(z.string()).openapi({ description: 'the minimal fields the frontline needs' }),
    customer: z.object({
      id: z.string().nullable(),
      known: z.boolean(),
      segment: z.string().nullable(),
      serviceTier: z.string().nullable(),
    }),
    reason: z.object({ primary: z.string(), secondary: z.string().nullable() }),
    channel: z.string(),
    baseTreatment: ZTreatment,
    friction: z.object({
      contacts: z.number(),
      windowDays: z.number(),
      repeatContact: z.boolean(),
      unresolvedContact: z
        .object({ at: z.string(), outcome: z.string(), reason: z.string() })
        .nullable(),
      declared: z.boolean(),
      active: z.boolean(),
    }),
    adjustments: z.array(
      z.object({
        kind: z.enum(['skip-self-service', 'premium-priority']),
        from: ZTreatment,
        to: ZTreatment,
        rule: z.string().nullable().optional(),
      }),
    ),
  })
  .openapi('RouteAnswer');

const route = protectedRoute(
  { roles: MODEL_EDITORS, scopes: ['route'] },
  {
    method: 'post',
    path: '/api/route',
    tags: ['routing'],
    summary: 'How to treat a contact: the treatment, the rule and why, and the fields to ask for',
    request: {
      body: jsonBody(ZRouteRequest),
    },
    responses: {
      200: jsonResponse(ZRouteAnswer, 'the decision'),
      400: errorResponse(
        'an invalid request, or a reason, channel or stage the workspace does not know',
      ),
      503: errorResponse(STARTING),
    },
  },
);

const ZContactReasons = z
  .object({
    reasons: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        description: z.string().optional(),
        secondary: z.array(
          z.object({ id: z.string(), name: z.string(), description: z.string().optional() }),
        ),
      }),
    ),
  })
  .openapi('ContactReasons');

const reasons = protectedRoute(
  { roles: ANY_PERSON, scopes: ['read', 'route'] },
  {
    method: 'get',
    path: '/api/contact-reasons',
    tags: ['routing'],
    summary: 'The contact reason taxonomy (primary reasons and their secondary reasons)',
    responses: {
      200: jsonResponse(ZContactReasons, 'the taxonomy'),
      503: errorResponse(STARTING),
    },
  },
);

const REPORT_READERS = { roles: ['admin', 'cx', 'viewer'], scopes: ['read'] } as const;
const ZInstant = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), {
    error: 'expected an ISO 8601 time such as 2025-03-01 or 2025-03-01T12:00:00Z',
  })
  .optional();
const ZRange = { from: ZInstant, to: ZInstant };

const ZVolumeRow = z.object({
  key: z.string().nullable(),
  name: z.string().nullable(),
  contacts: z.number(),
  customers: z.number(),
  share: z.number(),
});
const contacts = protectedRoute(REPORT_READERS, {
  method: 'get',
  path: '/api/reports/contacts',
  tags: ['routing'],
  summary: 'Contact volumes by reason, channel or stage, from the events or the routing decisions',
  request: {
    query: z.object({
      by: z.enum(VOLUME_DIMENSIONS),
      source: z.enum(['events', 'decisions']).default('events'),
      ...ZRange,
    }),
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          by: z.enum(VOLUME_DIMENSIONS),
          source: z.enum(['events', 'decisions']),
          from: z.string().nullable(),
          to: z.string().nullable(),
          contacts: z.number(),
          rows: z.array(ZVolumeRow.extend({ secondary: z.array(ZVolumeRow).optional() })),
        })
        .openapi('ContactVolumes'),
      'contacts and distinct customers per value, most first',
    ),
    400: errorResponse('an invalid parameter'),
    503: errorResponse(STARTING),
  },
});

const ZRate = z.object({
  value: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});
const containment = protectedRoute(REPORT_READERS, {
  method: 'get',
  path: '/api/reports/containment',
  tags: ['routing'],
  summary: 'Self-service containment: self-service answers not followed by an assisted contact',
  request: {
    query: z.object({
      ...ZRange,
      days: z.coerce.number().positive().max(MAX_DAYS).optional().openapi({
        description: 'N, the follow-up window; default friction.repeatContact.withinDays',
      }),
      selfServiceChannels: z.string().optional().openapi({
        description: 'comma-separated channels that are not assisted; default web,app',
      }),
    }),
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          from: z.string().nullable(),
          to: z.string().nullable(),
          days: z.number(),
          daysFrom: z.enum(['friction.repeatContact.withinDays', 'request']),
          selfServiceChannels: z.array(z.string()),
          asOf: z.string(),
          judgedUntil: z.string(),
          decisions: z.number(),
          selfService: z.number(),
          untracked: z.number(),
          pending: z.number(),
          judged: z.number(),
          contained: z.number(),
          rate: ZRate,
          returnedByDecision: z.number(),
          returnedByEvent: z.number(),
          byReason: z.array(
            z.object({
              reason: z.string(),
              name: z.string().nullable(),
              judged: z.number(),
              contained: z.number(),
              rate: ZRate,
            }),
          ),
        })
        .openapi('Containment'),
      'containment overall and per primary reason, with 95% Wilson intervals',
    ),
    400: errorResponse('an invalid parameter or an unknown channel'),
    503: errorResponse(STARTING),
  },
});

export type TRoutingModuleOptions = Partial<
  Pick<TRoutingOptions, 'now' | 'decisionLog' | 'customersEveryMs' | 'pruneEveryMs'>
> & {
  /** Default: the workspace folder's journeylens.yaml, reloaded when it changes. */
  workspace?: (ctx: TServerContext) => TWorkspaceSource;
};

const starting = (c: Context) => fail(c, 503, 'starting', 'routing is starting; try again');

const time = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString();
const instant = (s: string | undefined): number | null => (s === undefined ? null : Date.parse(s));

/**
 * A full garbage collection, now. Reading a large live context leaves hundreds of MB of
 * garbage (the JSON texts and their parsed rows: 250 MB at 1M customers); collected at start,
 * it is not collected later in a long pause under load (measured: 0.6 s of marking).
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as (() => void) | undefined)?.();
  setFlagsFromString('--no-expose-gc');
}

/** The routing module, with its workspace source and clock replaceable for tests. */
export function routingModule(options: TRoutingModuleOptions = {}): TRouteModule {
  return (app, services) => {
    const ctx = services.context;
    let service: RoutingService | undefined;
    const sessions: { close(): Promise<void> }[] = [];
    let unsubscribe: (() => void) | undefined;

    services.onStart(async () => {
      const reader = await ctx.store.fork();
      const writer = await ctx.store.fork();
      sessions.push(reader, writer);
      const { workspace = (c) => fileWorkspace(c.workspaceDir, c.log), ...rest } = options;
      const s = new RoutingService({
        ...rest,
        workspace: workspace(ctx),
        store: ctx.store,
        reader,
        writer,
        log: ctx.log,
      });
      await s.start();
      collectGarbage();
      unsubscribe = ctx.ingested.subscribe((batch) => {
        if (batch.kind === 'events') s.ingested(batch.events);
      });
      service = s;
    });
    services.onStop(async () => {
      unsubscribe?.();
      await service?.stop();
      service = undefined;
      for (const s of sessions.splice(0)) await s.close();
    });

    app.openapi(route, (c) => {
      if (service === undefined) return starting(c);
      const body = c.req.valid('json');
      const reason =
        typeof body.reason === 'string'
          ? (([primary = '', secondary]) => ({ primary, secondary }))(body.reason.split('/'))
          : body.reason;
      const answer = service.route({ ...body, reason });
      if ('field' in answer) {
        return fail(c, 400, `unknown_${answer.field}`, `${answer.field}: ${answer.message}`, {
          field: answer.field,
          known: answer.known,
        });
      }
      return c.json(answer, 200);
    });

    app.openapi(reasons, (c) => {
      if (service === undefined) return starting(c);
      return c.json({ reasons: service.contactReasons() }, 200);
    });

    app.openapi(contacts, async (c) => {
      if (service === undefined) return starting(c);
      const q = c.req.valid('query');
      const range = { fromMs: instant(q.from), toMs: instant(q.to) };
      const volumes = await service.volumes({ by: q.by, source: q.source, range });
      return c.json({ ...volumes, from: time(range.fromMs), to: time(range.toMs) }, 200);
    });

    app.openapi(containment, async (c) => {
      if (service === undefined) return starting(c);
      const q = c.req.valid('query');
      const range = { fromMs: instant(q.from), toMs: instant(q.to) };
      const channels = q.selfServiceChannels
        ?.split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const known = service.workspace().channels;
      const unknown = channels?.find((ch) => !known.includes(ch));
      if (unknown !== undefined) {
        return fail(
          c,
          400,
          'unknown_channel',
          `selfServiceChannels: unknown channel ${JSON.stringify(unknown)}; the channels are ${known.join(', ')}`,
          { field: 'selfServiceChannels', known },
        );
      }
      const result = await service.containment({
        range,
        days: q.days,
        selfServiceChannels: channels,
      });
      return c.json({ ...result, from: time(range.fromMs), to: time(range.toMs) }, 200);
    });
  };
}

/** The module as the server registers it. */
export const routingRoutes: TRouteModule = routingModule();
