/**
 * What a client may send to create or change an action, validated at the edge (zod). Errors
 * name the field and the reason. The result types are checked against action-types.ts.
 */
import { z } from 'zod';
import { DEVIATION_KINDS, FRICTION_TYPES } from '../../model/gap-kinds.js';
import { ZMetricRef } from '../metrics/metric-ref.js';
import { ACTION_STATUSES, type TActionSource, type TActionStatus } from './action-types.js';

const text = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .max(max, { error: `${field} must be at most ${max} characters` });

const id = (field: string) => text(field, 200).min(1, { error: `${field} must not be empty` });

export const ZActionSource = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('friction'),
      type: z.enum(FRICTION_TYPES, { error: `type must be one of ${FRICTION_TYPES.join(', ')}` }),
      touchpoint: id('touchpoint'),
    }),
    z.strictObject({ kind: z.literal('gap'), key: id('key'), survey: id('survey') }),
    z.strictObject({
      kind: z.literal('deviation'),
      journey: id('journey'),
      deviation: z.enum(DEVIATION_KINDS, {
        error: `deviation must be one of ${DEVIATION_KINDS.join(', ')}`,
      }),
      touchpoint: id('touchpoint'),
    }),
    z.strictObject({
      kind: z.literal('opportunity'),
      source: z.enum(['friction', 'deviation'], { error: 'source must be friction or deviation' }),
      type: id('type'),
      touchpoint: id('touchpoint').nullable(),
      journey: id('journey').optional(),
    }),
  ],
  { error: 'source.kind must be friction, gap, deviation or opportunity' },
);

/** YYYY-MM-DD that is a real date. */
const ZDate = z
  .string({ error: 'must be a date YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' })
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      error: 'is not a real date',
    },
  );

/** A date (midnight UTC) or an ISO instant with its offset. */
const ZInstant = z
  .string({ error: 'must be a date or an ISO instant' })
  .refine((s) => /^\d{4}-\d{2}-\d{2}($|T)/.test(s) && !Number.isNaN(Date.parse(s)), {
    error: 'must be a date YYYY-MM-DD or an ISO instant such as 2026-03-01T09:00:00Z',
  });

const ZWindow = z
  .number({ error: 'windowDays must be a number of days' })
  .int({ error: 'windowDays must be whole days' })
  .min(1, { error: 'windowDays must be at least 1' })
  .max(366, { error: 'windowDays must be at most 366' });

export const ZNewAction = z.strictObject({
  title: id('title').max(200),
  source: ZActionSource,
  problem: text('problem', 4000).default(''),
  plan: text('plan', 8000).default(''),
  /** The owning team; default: the owner of the source's touchpoint. */
  team: id('team').optional(),
  dueDate: ZDate.nullable().optional(),
  status: z
    .enum(ACTION_STATUSES, { error: `status must be one of ${ACTION_STATUSES.join(', ')}` })
    .optional(),
  /** The metric to move; default: the one that measures the source (see suggestMetric). */
  metric: ZMetricRef.optional(),
  windowDays: ZWindow.optional(),
  changeDate: ZInstant.nullable().optional(),
});
export type TNewAction = z.input<typeof ZNewAction>;

export const ZActionChange = z
  .strictObject({
    title: id('title').max(200).optional(),
    problem: text('problem', 4000).optional(),
    plan: text('plan', 8000).optional(),
    team: id('team').optional(),
    dueDate: ZDate.nullable().optional(),
    status: z
      .enum(ACTION_STATUSES, { error: `status must be one of ${ACTION_STATUSES.join(', ')}` })
      .optional(),
    changeDate: ZInstant.nullable().optional(),
    windowDays: ZWindow.optional(),
  })
  .refine((c) => Object.keys(c).length > 0, {
    error: 'nothing to change: send at least one field',
  });
export type TActionChange = z.infer<typeof ZActionChange>;

export const ZComment = z.strictObject({
  body: text('body', 4000).min(1, { error: 'body must not be empty' }),
});

// The schemas and the answer types must agree.
type TSame<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sourceAgrees: TSame<z.infer<typeof ZActionSource>['kind'], TActionSource['kind']> = true;
const statusAgrees: TSame<NonNullable<TActionChange['status']>, TActionStatus> = true;
void sourceAgrees;
void statusAgrees;
