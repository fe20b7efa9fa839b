/** The OpenAPI schemas of the change assessment routes (assessment-routes.ts). */
import { z } from '@hono/zod-openapi';
import { ASSESSMENT_STATUSES } from '../../service/assessments/assessment-types.js';

const ZInterval = z.object({
  value: z.number(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});

const ZSatisfaction = z
  .object({
    kind: z.string(),
    n: z.number().int(),
    customers: z.number().int(),
    suppressed: z.boolean().openapi({ description: 'fewer answers than the minimum n' }),
    measure: z.enum(['satisfied share', 'nps', 'mean']),
    score: ZInterval.nullable().openapi({ description: 'the headline figure, 95% interval' }),
    mean: ZInterval.nullable(),
    positiveShare: ZInterval.nullable(),
  })
  .openapi('Satisfaction');

const ZSeries = z.array(z.object({ month: z.string(), customers: z.number().int() }));
const ZCell = {
  perMonth: z.number().openapi({ description: 'mean distinct customers per calendar month' }),
  customers: z.number().int().openapi({ description: 'distinct customers over the period' }),
  passes: z.number().int().openapi({ description: 'steps at the touchpoints over the period' }),
};

const ZSurvey = z.object({
  touchpoint: z.string(),
  kind: z.string().openapi({ example: 'ces' }),
  scale: z.object({ min: z.number(), max: z.number(), label: z.string() }),
  question: z.string(),
  followUps: z.array(z.string()),
  channel: z.string(),
  when: z.string(),
  whom: z.string(),
  baseline: z.object({ n: z.number().int(), suppressed: z.boolean() }).nullable(),
  reasons: z.array(z.string()),
});

export const ZExposure = z
  .object({
    touchpoints: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        stage: z.string(),
        channel: z.string(),
        team: z.string(),
        customers: z.number().int(),
        perMonth: z.number(),
      }),
    ),
    unknownTouchpoints: z.array(z.string()),
    period: z.object({
      firstMonth: z.string().nullable(),
      lastMonth: z.string().nullable(),
      months: z.number().int(),
    }),
    total: z.object({ ...ZCell, series: ZSeries }),
    bySegment: z.array(
      z.object({
        segment: z.string().nullable(),
        tier: z.string().nullable(),
        ...ZCell,
        series: ZSeries,
      }),
    ),
    byTier: z.array(z.object({ tier: z.string().nullable(), ...ZCell })),
    momentsOfTruth: z.array(
      z.object({
        moment: z.string(),
        name: z.string(),
        declared: z.boolean(),
        via: z.array(z.string()),
        volume: z.number().nullable(),
        customers: z.number().nullable(),
        successRate: z.number().nullable(),
        satisfaction: z.array(ZSatisfaction),
      }),
    ),
    idealJourneys: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        segment: z.string(),
        steps: z.array(
          z.object({ position: z.number().int(), touchpoint: z.string(), optional: z.boolean() }),
        ),
      }),
    ),
    satisfaction: z.array(z.object({ touchpoint: z.string(), metrics: z.array(ZSatisfaction) })),
    minResponses: z.number().int(),
    survey: z.array(ZSurvey),
    surveySkipped: z.array(z.object({ touchpoint: z.string(), reason: z.string() })),
    affectedSegments: z.array(z.string()),
    modelVersion: z.number().int(),
    computedAt: z.string(),
  })
  .openapi('AssessmentExposure');

export const ZAssessment = z
  .object({
    id: z.string().openapi({ example: 'asm_3f9a1c0b7d2e' }),
    title: z.string(),
    change: z.string(),
    plannedGoLive: z.string().openapi({ example: '2026-03-01' }),
    ownerTeam: z.string(),
    touchpoints: z.array(z.string()),
    answers: z.object({
      impact: z.string(),
      customerView: z.string(),
      response: z.record(z.string(), z.string()).openapi({ description: 'segment id → answer' }),
      findOut: z.string(),
      feedback: z.string(),
    }),
    status: z.enum(ASSESSMENT_STATUSES),
    review: z
      .object({
        by: z.string(),
        at: z.string(),
        decision: z.enum(['approved', 'changes_requested']),
        comment: z.string(),
      })
      .nullable(),
    liveAt: z.string().nullable(),
    actionId: z.string().nullable().openapi({
      description: 'the improvement action whose re-measurement follows the change',
    }),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    can: z
      .object({
        edit: z.boolean(),
        submit: z.boolean(),
        review: z.boolean(),
        goLive: z.boolean(),
      })
      .openapi({ description: 'what the caller may do now' }),
  })
  .openapi('Assessment');

export const ZAssessmentDetail = ZAssessment.extend({
  exposure: ZExposure.nullable(),
  exposureUnavailable: z.string().nullable().openapi({
    description: 'why there is no exposure (no model, invalid model, server starting)',
  }),
}).openapi('AssessmentDetail');
