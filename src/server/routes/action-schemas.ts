/**
 * The OpenAPI shapes of improvement actions and metric measurements (answers only; inputs are
 * the service's zod schemas in src/service/actions/action-input.ts).
 */
import { z } from '@hono/zod-openapi';
import { ACTION_STATUSES } from '../../service/actions/action-types.js';
import { ZActionSource } from '../../service/actions/action-input.js';
import { ZMetricRef } from '../../service/metrics/metric-ref.js';

export const ZMeasurement = z
  .object({
    metric: ZMetricRef,
    from: z.string().openapi({ example: '2025-10-03T00:00:00.000Z' }),
    to: z.string().openapi({ description: 'excluded' }),
    value: z.number().nullable().openapi({ description: 'null when there is nothing to measure' }),
    n: z.number().openapi({ description: 'customers, journeys, occurrences or answers behind it' }),
    interval: z.tuple([z.number(), z.number()]).nullable().openapi({ description: '95%' }),
    unit: z.enum(['share', 'per 1,000 journeys', 'NPS points', 'mean score']),
    definition: z.string(),
    basis: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('proportion'), successes: z.number(), trials: z.number() }),
      z.object({
        kind: z.literal('rate'),
        events: z.number(),
        exposure: z.number(),
        per: z.number(),
      }),
      z.object({
        kind: z.literal('nps'),
        promoters: z.number(),
        detractors: z.number(),
        n: z.number(),
      }),
      z.object({ kind: z.literal('mean'), n: z.number(), sum: z.number(), sumSquares: z.number() }),
    ]),
  })
  .openapi('Measurement');

export const ZComparison = z
  .object({
    difference: z.number().nullable().openapi({ description: 'after − before' }),
    interval: z.tuple([z.number(), z.number()]).nullable(),
    relative: z.number().nullable(),
    lowerIsBetter: z.boolean(),
    verdict: z.enum(['improved', 'no change', 'worse', 'insufficient data']),
    explanation: z.string(),
  })
  .openapi('Comparison');

export const ZAction = z
  .object({
    id: z.string().openapi({ example: 'act_1f3c9a2b7d10' }),
    title: z.string(),
    source: ZActionSource,
    problem: z.string(),
    plan: z.string(),
    team: z.string(),
    dueDate: z.string().nullable(),
    status: z.enum(ACTION_STATUSES),
    metric: ZMetricRef,
    metricLabel: z.string(),
    windowDays: z.number().int(),
    baseline: ZMeasurement.nullable(),
    baselineNote: z.string().nullable(),
    changeDate: z.string().nullable(),
    measurableFrom: z.string().nullable(),
    result: z
      .object({
        before: ZMeasurement,
        after: ZMeasurement,
        comparison: ZComparison,
        measuredAt: z.string(),
        measuredBy: z.string(),
      })
      .nullable(),
    comments: z.number().int(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedBy: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Action');

export const ZActionComment = z
  .object({ id: z.number().int(), author: z.string(), body: z.string(), createdAt: z.string() })
  .openapi('ActionComment');

export const ZActionDetail = ZAction.extend({
  commentList: z.array(ZActionComment),
  history: z.array(
    z.object({
      at: z.string(),
      actor: z.string(),
      action: z.string().openapi({ example: 'action.update' }),
      detail: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  remeasure: z.object({
    ready: z.boolean(),
    reason: z.string().nullable().openapi({ description: 'why it cannot be re-measured yet' }),
  }),
}).openapi('ActionDetail');

export const ZActionList = z
  .object({
    actions: z.array(ZAction),
    counts: z.record(z.enum(ACTION_STATUSES), z.number().int()),
    team: z.string().nullable().openapi({ description: 'the team the board is limited to' }),
  })
  .openapi('ActionList');
