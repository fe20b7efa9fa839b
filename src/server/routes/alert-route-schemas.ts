/**
 * The OpenAPI descriptions of the alert routes (alert-routes.ts): who may call each, what it
 * takes and what it answers. Input schemas are the service's (alert-rule-schema.ts); answer
 * schemas mirror the types of src/service/alerts/alert-types.ts.
 */
import { z } from '@hono/zod-openapi';
import { ZAlertRuleChange, ZNewAlertRule } from '../../service/alerts/alert-rule-schema.js';
import { ZMetricRef } from '../../service/metrics/metric-ref.js';
import { errorResponse } from '../errors.js';
import { ANY_PERSON, MODEL_EDITORS, protectedRoute } from '../route.js';
import { jsonBody, jsonResponse } from '../openapi-content.js';

export const EDITORS = { roles: MODEL_EDITORS, scopes: [] } as const;
export const READERS = { roles: ANY_PERSON, scopes: ['read'] } as const;
/** Team members acknowledge the alerts of their own team (checked in the handler). */
export const ACKNOWLEDGERS = { roles: ['admin', 'cx', 'team'], scopes: [] } as const;

const invalid = errorResponse('invalid: the field at fault and why (also in details)');
const notFound = errorResponse('no such alert rule or alert');
const ZId = z.object({ id: z.string() });

const ZMeasure = z.object({
  value: z.number().nullable(),
  n: z.number().int().openapi({ description: 'observations behind the value' }),
  low: z.number().nullable().openapi({ description: '95% interval, low end' }),
  high: z.number().nullable(),
});

const ZCondition = z
  .object({
    kind: z.enum(['absolute', 'relative']),
    direction: z.enum(['above', 'below']),
    threshold: z.number().optional(),
    change: z.number().optional(),
    baseline: z
      .object({
        kind: z.enum(['previous', 'fixed']),
        periods: z.number().int().optional(),
        from: z.string().optional(),
        to: z.string().optional(),
      })
      .optional(),
    confidence: z.enum(['value', 'interval']).optional(),
    hysteresis: z.number().optional(),
  })
  .openapi('AlertCondition');

export const ZAlertRuleAnswer = z
  .object({
    id: z.string().openapi({ example: 'ar_2f1c…' }),
    name: z.string(),
    description: z.string().nullable(),
    metric: ZMetricRef,
    metricLabel: z.string().openapi({ example: 'failure rate (customers affected) at Payment' }),
    condition: ZCondition,
    period: z.enum(['day', 'week', 'month']),
    minN: z.number().int(),
    notify: z.object({ inApp: z.boolean(), webhooks: z.array(z.string()) }),
    enabled: z.boolean(),
    state: z.enum(['ok', 'breached']),
    openAlertId: z.string().nullable(),
    teams: z.array(z.string()),
    lastEvaluatedAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('AlertRule');

export const ZAlertAnswer = z
  .object({
    id: z.string().openapi({ example: 'al_7d0e…' }),
    ruleId: z.string(),
    ruleName: z.string(),
    metric: ZMetricRef,
    metricLabel: z.string(),
    unit: z.enum(['share', 'per 1,000 journeys', 'NPS points', 'mean score']).nullable(),
    teams: z.array(z.string()),
    status: z.enum(['open', 'resolved']),
    raisedAt: z.string(),
    resolvedAt: z.string().nullable(),
    reason: z.string(),
    resolvedReason: z.string().nullable(),
    raised: ZMeasure.extend({
      limit: z.number(),
      baseline: z.number().nullable(),
      from: z.string(),
      to: z.string(),
    }),
    latest: ZMeasure.extend({ at: z.string() }),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
  })
  .openapi('Alert');

const ZEvaluation = z
  .object({
    id: z.number().int(),
    ruleId: z.string(),
    evaluatedAt: z.string(),
    trigger: z.enum(['ingest', 'timer', 'manual', 'start']),
    from: z.string(),
    to: z.string(),
    current: ZMeasure,
    baseline: ZMeasure.nullable(),
    limit: z.number().nullable(),
    outcome: z.enum(['ok', 'breach', 'insufficient', 'error']),
    transition: z.enum(['raise', 'resolve']).nullable(),
    alertId: z.string().nullable(),
    reason: z.string(),
  })
  .openapi('AlertEvaluation');

const ZLimit = z.coerce.number().int().min(1).max(1000).default(100);

export const listRulesRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/alert-rules',
  tags: ['alerts'],
  summary: 'Alert rules, with their state (ok or breached)',
  responses: { 200: jsonResponse(z.object({ rules: z.array(ZAlertRuleAnswer) }), 'the rules') },
});

export const createRuleRoute = protectedRoute(EDITORS, {
  method: 'post',
  path: '/api/alert-rules',
  tags: ['alerts'],
  summary: 'Create an alert rule on a metric',
  request: { body: jsonBody(ZNewAlertRule) },
  responses: {
    201: jsonResponse(ZAlertRuleAnswer, 'created'),
    400: invalid,
    409: errorResponse('no_workspace: there is no valid journeylens.yaml to check the metric with'),
  },
});

export const getRuleRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/alert-rules/{id}',
  tags: ['alerts'],
  summary: 'One alert rule',
  request: { params: ZId },
  responses: { 200: jsonResponse(ZAlertRuleAnswer, 'the rule'), 404: notFound },
});

export const updateRuleRoute = protectedRoute(EDITORS, {
  method: 'patch',
  path: '/api/alert-rules/{id}',
  tags: ['alerts'],
  summary: 'Change an alert rule (a new metric, condition or period resolves its open alert)',
  request: {
    params: ZId,
    body: jsonBody(ZAlertRuleChange),
  },
  responses: {
    200: jsonResponse(ZAlertRuleAnswer, 'changed'),
    400: invalid,
    404: notFound,
    409: errorResponse('no_workspace'),
  },
});

export const deleteRuleRoute = protectedRoute(EDITORS, {
  method: 'delete',
  path: '/api/alert-rules/{id}',
  tags: ['alerts'],
  summary: 'Delete an alert rule; its open alert is resolved, its alerts stay',
  request: { params: ZId },
  responses: { 204: { description: 'deleted' }, 404: notFound },
});

export const evaluationsRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/alert-rules/{id}/evaluations',
  tags: ['alerts'],
  summary: "A rule's evaluations, newest first",
  request: { params: ZId, query: z.object({ limit: ZLimit }) },
  responses: {
    200: jsonResponse(z.object({ evaluations: z.array(ZEvaluation) }), 'the evaluations'),
    404: notFound,
  },
});

export const ZEvaluateRequest = z
  .strictObject({
    dryRun: z.boolean().optional().openapi({
      description: 'measure and decide only: nothing is recorded, nobody is told',
    }),
    at: z.iso
      .datetime({ offset: true, error: 'at must be an ISO 8601 instant' })
      .optional()
      .openapi({ description: 'evaluate as of this instant (dry runs only)' }),
  })
  .refine((b) => b.at === undefined || b.dryRun === true, {
    error: 'at is only for a dry run (dryRun: true): evaluating the past never raises alerts',
    path: ['at'],
  });

export const ZEvaluateAnswer = z
  .object({
    recorded: z.boolean(),
    at: z.string(),
    window: z.object({ from: z.string(), to: z.string() }),
    baselineWindow: z.object({ from: z.string(), to: z.string() }).nullable(),
    current: ZMeasure,
    baseline: ZMeasure.nullable(),
    limit: z.number().nullable(),
    outcome: z.enum(['ok', 'breach', 'insufficient', 'error']),
    transition: z.enum(['raise', 'resolve']).nullable(),
    reason: z.string(),
    alert: ZAlertAnswer.nullable(),
  })
  .openapi('AlertEvaluationResult');

export const evaluateRoute = protectedRoute(EDITORS, {
  method: 'post',
  path: '/api/alert-rules/{id}/evaluate',
  tags: ['alerts'],
  summary: 'Evaluate a rule now (to try it); a dry run records nothing and tells nobody',
  request: {
    params: ZId,
    body: jsonBody(ZEvaluateRequest),
  },
  responses: {
    200: jsonResponse(ZEvaluateAnswer, 'what the evaluation found'),
    404: notFound,
    409: errorResponse('disabled (enable the rule or use a dry run) or no_workspace'),
  },
});

export const listAlertsRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/alerts',
  tags: ['alerts'],
  summary: 'The alerts inbox: open first, newest first, with the count not acknowledged',
  description:
    'Every signed-in person sees every alert (the experience is shared across teams); `team` narrows to the alerts about what that team owns.',
  request: {
    query: z.object({
      status: z.enum(['open', 'resolved']).optional(),
      team: z.string().optional(),
      rule: z.string().optional(),
      limit: ZLimit,
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({
        alerts: z.array(ZAlertAnswer),
        unacknowledged: z.number().int().openapi({
          description: 'open alerts nobody has acknowledged (with the same team filter)',
        }),
      }),
      'the alerts',
    ),
  },
});

export const alertStreamRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/alerts/stream',
  tags: ['alerts'],
  summary: 'Server-sent events: alerts raised, resolved and acknowledged',
  description:
    'Event `alert`, data `{ type: "alert.raised" | "alert.resolved" | "alert.acknowledged", alert }`; a `: keep-alive` comment every 15 s. Nothing is replayed: reload the inbox after reconnecting.',
  responses: {
    200: {
      description: 'the stream (text/event-stream)',
      content: { 'text/event-stream': { schema: z.string() } },
    },
  },
});

export const getAlertRoute = protectedRoute(READERS, {
  method: 'get',
  path: '/api/alerts/{id}',
  tags: ['alerts'],
  summary: 'One alert',
  request: { params: ZId },
  responses: { 200: jsonResponse(ZAlertAnswer, 'the alert'), 404: notFound },
});

export const acknowledgeRoute = protectedRoute(ACKNOWLEDGERS, {
  method: 'post',
  path: '/api/alerts/{id}/acknowledge',
  tags: ['alerts'],
  summary: 'Acknowledge an alert (team members: alerts about their team)',
  request: { params: ZId },
  responses: {
    200: jsonResponse(ZAlertAnswer, 'acknowledged'),
    403: errorResponse('forbidden: a team member and an alert about another team'),
    404: notFound,
  },
});
