/**
 * What a client sends to create or change an alert rule, validated with zod at the edge:
 * every error names its field (`condition.threshold`, `metric.touchpoint`) and the reason.
 * What needs the workspace or the store (the metric's ids exist, the webhook subscriptions
 * exist and take alert events) is checked by the service (alert-rules.ts).
 */
import { z } from 'zod';
import { ZMetricRef } from '../metrics/metric-ref.js';
import { ALERT_PERIODS, type TAlertCondition } from './alert-types.js';

const ZDirection = z.enum(['above', 'below'], {
  error: 'direction must be above (worse when higher) or below (worse when lower)',
});

const common = {
  /** Default: above for a friction (lower is better), below for the rest. */
  direction: ZDirection.optional(),
  confidence: z
    .enum(['value', 'interval'], { error: 'confidence must be value or interval' })
    .optional(),
  hysteresis: z
    .number({ error: 'hysteresis must be a number (a fraction of the limit, e.g. 0.1)' })
    .min(0, { error: 'hysteresis must be at least 0' })
    .max(0.9, { error: 'hysteresis must be at most 0.9 (a fraction of the limit)' })
    .optional(),
};

const isoInstant = (what: string) =>
  z
    .string({ error: `${what} must be a date (YYYY-MM-DD) or an ISO 8601 instant` })
    .refine(
      (s) =>
        /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) &&
        !Number.isNaN(Date.parse(s)),
      {
        error: `${what} must be a date (YYYY-MM-DD) or an ISO 8601 instant`,
      },
    );

export const ZAlertBaseline = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('previous'),
      periods: z
        .number({ error: 'periods must be a whole number of periods' })
        .int({ error: 'periods must be a whole number of periods' })
        .min(1, { error: 'periods must be at least 1' })
        .max(52, { error: 'periods must be at most 52' }),
    }),
    z
      .strictObject({ kind: z.literal('fixed'), from: isoInstant('from'), to: isoInstant('to') })
      .refine((b) => Date.parse(b.from) < Date.parse(b.to), {
        error: 'to must come after from',
        path: ['to'],
      }),
  ],
  { error: 'baseline kind must be previous (the periods just before) or fixed (from, to)' },
);

export const ZAlertCondition = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('absolute'),
      threshold: z
        .number({ error: 'threshold must be a number, in the unit of the metric' })
        .refine(Number.isFinite, { error: 'threshold must be a finite number' }),
      ...common,
    }),
    z.strictObject({
      kind: z.literal('relative'),
      change: z
        .number({ error: 'change must be a fraction of the baseline (0.2 is 20% worse)' })
        .gt(0, { error: 'change must be more than 0 (0.2 is 20% worse)' })
        .max(10, { error: 'change must be at most 10 (1000%)' }),
      baseline: ZAlertBaseline,
      ...common,
    }),
  ],
  {
    error:
      'condition kind must be absolute (a threshold) or relative (a change against a baseline)',
  },
);

export const ZAlertNotify = z.strictObject({
  inApp: z.boolean({ error: 'inApp must be true or false' }).default(true),
  webhooks: z
    .array(z.string({ error: 'each webhook must be a subscription id' }).min(1), {
      error: 'webhooks must be a list of webhook subscription ids',
    })
    .max(20, { error: 'at most 20 webhooks' })
    .default([]),
});

const ZName = z
  .string({ error: 'name must be text' })
  .trim()
  .min(1, { error: 'name must not be empty' })
  .max(200, { error: 'name must be at most 200 characters' });

const ZDescription = z
  .string({ error: 'description must be text' })
  .max(2000, { error: 'description must be at most 2000 characters' })
  .nullable();

const ZPeriod = z.enum(ALERT_PERIODS, { error: 'period must be day, week or month' });

const ZMinN = z
  .number({ error: 'minN must be a whole number' })
  .int({ error: 'minN must be a whole number' })
  .min(1, { error: 'minN must be at least 1' })
  .max(10_000_000, { error: 'minN must be at most 10,000,000' });

export const ZNewAlertRule = z.strictObject({
  name: ZName,
  description: ZDescription.optional(),
  metric: ZMetricRef,
  condition: ZAlertCondition,
  period: ZPeriod.default('week'),
  minN: ZMinN.default(1),
  notify: ZAlertNotify.default({ inApp: true, webhooks: [] }),
  enabled: z.boolean({ error: 'enabled must be true or false' }).default(true),
});
export type TNewAlertRule = z.infer<typeof ZNewAlertRule>;

export const ZAlertRuleChange = z.strictObject({
  name: ZName.optional(),
  description: ZDescription.optional(),
  metric: ZMetricRef.optional(),
  condition: ZAlertCondition.optional(),
  period: ZPeriod.optional(),
  minN: ZMinN.optional(),
  notify: ZAlertNotify.optional(),
  enabled: z.boolean({ error: 'enabled must be true or false' }).optional(),
});
export type TAlertRuleChange = z.infer<typeof ZAlertRuleChange>;

/**
 * The condition with its direction filled in (above for a friction, whose lower is better;
 * below for the rest), as the decision reads it.
 */
export function fillDirection(
  condition: z.infer<typeof ZAlertCondition>,
  lowerIsBetter: boolean,
): TAlertCondition {
  return { ...condition, direction: condition.direction ?? (lowerIsBetter ? 'above' : 'below') };
}
