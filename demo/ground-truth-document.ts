/**
 * ground-truth.json: the document's types (import them to read the file in a test or a
 * benchmark) and its rendering from the counters of a GroundTruth. Pure formatting: every
 * number was counted while generating.
 */
import {
  DEVIATION_KINDS,
  FRICTION_SETTING,
  FRICTION_TYPES,
  type TDeviationKind,
  type TFrictionSetting,
} from '../src/model/gap-kinds.js';
import { FRICTION, MOMENT_RULES, STAGES } from './company.js';
import { DEVIATION_DEFINITION } from './deviations.js';
import { EXPOSURE_KINDS } from './exposures.js';
import type { TFeedbackGapsTruth } from './gaps.js';
import type { GroundTruth, TJourneyTally } from './ground-truth.js';
import { IDEAL_JOURNEYS, WORKSPACE_JOURNEYS } from './ideal-journeys.js';
import type { RATES } from './rates.js';
import type { TSeededFriction } from './seeded-tally.js';
import { Tally } from './tally.js';
import { TOUCHPOINTS } from './touchpoints.js';

export type TCounts = Record<string, number>;

/** docs/workspace.md "friction", in short: what the generator seeds each type as. */
export const FRICTION_DEFINITIONS: Record<TFrictionSetting, string> = {
  repeatContact:
    'a contact (a step with a contact reason) that is at least the count-th contact of the customer within withinDays days up to and including it; with sameReason, only contacts with the same reason count',
  loop: 'a step whose touchpoint its journey (case) already passed, not directly before it',
  channelSwitch:
    'a contact whose previous contact of the customer with the same reason, at most withinDays days earlier, was on another channel; pair = previous>current channel',
  handoff:
    'a step that directly follows a step of another owning team in the same journey and stage, both frontstage, within the stages listed; pair = from>to team. pingPong: cases whose frontstage steps there, read as teams with repeats collapsed, have at least pingPongMin legs and return to a team already left',
  wait: "a step whose wait_s is above its touchpoint's service level (else defaultSeconds), or a `to` step more than `seconds` after the latest `from` step of its journey",
  failure: 'a step with outcome failed',
  abandonment:
    "a step with outcome abandoned, or the last step of a journey whose furthest stage is one of stages, judged once the data (latest event of events.csv) reaches withinDays days past the journey's first step in that stage; a step counts once",
};

export type TFrictionTruth = {
  definition: string;
  setting: (typeof FRICTION)[TFrictionSetting];
  occurrences: number;
  customersAffected: number;
  shareOfCustomers: number;
  perSegment: Record<
    string,
    { occurrences: number; customers: number; shareOfCustomers: number; per1000Customers: number }
  >;
  byStage: TCounts;
  byTeam: TCounts;
  byChannel: TCounts;
  byTouchpoint: TCounts;
  byReason?: TCounts;
  byPair?: TCounts;
  /** handoff only. */
  pingPong?: { cases: number; customers: number; bySegment: TCounts };
};

export type TDeviationTruth = {
  instances: number;
  completed: number;
  notConverted: number;
  truncatedAtPeriodEnd: number;
  conforming: number;
  conformingShareOfCompleted: number;
  instancesWith: TCounts;
  shareOfInstancesWith: Record<TDeviationKind, number>;
  occurrencesByTouchpoint: Record<TDeviationKind, TCounts>;
};

export type TConversionTruth = {
  instances: number;
  reached: TCounts;
  shareReached: TCounts;
  converted: number;
  conversionRate: number;
  dropOffByLastStage: TCounts;
};

export type TGroundTruthMeta = {
  generator: string;
  formatVersion: number;
  company: string;
  seed: number;
  period: { from: string; toExclusive: string };
  seededRates: typeof RATES;
};

export type TGroundTruth = TGroundTruthMeta & {
  counts: {
    customers: number;
    events: number;
    cases: number;
    casesByKind: TCounts;
    supportCasesWithoutDesignedJourney: number;
    feedback: number;
    feedbackByKind: TCounts;
    customersBySegment: TCounts;
    eventsBySegment: TCounts;
    eventsByChannel: TCounts;
    eventsByTeam: TCounts;
    eventsByStage: TCounts;
    eventsByOutcome: TCounts;
    eventsByTouchpoint: TCounts;
    touchpoints: number;
  };
  /** Every (type, touchpoint) the generator seeded, sorted by type then touchpoint. */
  seededFrictions: TSeededFriction[];
  /** The same record per type, with breakdowns. */
  frictions: Record<TFrictionSetting, TFrictionTruth>;
  deviations: {
    definition: string;
    byDesign: Record<string, TDeviationTruth>;
    byJourney: Record<string, TDeviationTruth & { design: string; segment: string }>;
  };
  conversion: { definition: string; byJourney: Record<string, TConversionTruth> };
  momentsOfTruth: {
    definition: string;
    rules: Record<string, { occurrences: number; customers: number }>;
    declaredTouchpoints: Record<string, { events: number; customers: number }>;
  };
  feedbackGaps: TFeedbackGapsTruth;
};

const perKind = <T>(f: (kind: TDeviationKind) => T): Record<TDeviationKind, T> =>
  Object.fromEntries(DEVIATION_KINDS.map((k) => [k, f(k)])) as Record<TDeviationKind, T>;

/** The document for one generation. */
export function groundTruthDocument(truth: GroundTruth, meta: TGroundTruthMeta): TGroundTruth {
  const customers = truth.customers.total();
  const share = (n: number, of: number): number =>
    of === 0 ? 0 : Math.round((n / of) * 10_000) / 10_000;
  const frictions = Object.fromEntries(
    FRICTION_TYPES.map((type) => {
      const kind = FRICTION_SETTING[type];
      const f = truth.seeded.kinds[type];
      const perSegment = Object.fromEntries(
        truth.customers.keys().map((s) => [
          s,
          {
            occurrences: f.bySegment.get(s),
            customers: f.customersBySegment.get(s),
            shareOfCustomers: share(f.customersBySegment.get(s), truth.customers.get(s)),
            per1000Customers:
              Math.round((f.bySegment.get(s) / Math.max(1, truth.customers.get(s))) * 1000 * 10) /
              10,
          },
        ]),
      );
      const { pingPong } = truth.seeded;
      return [
        kind,
        {
          definition: FRICTION_DEFINITIONS[kind],
          setting: FRICTION[kind],
          occurrences: f.occurrences,
          customersAffected: f.customers,
          shareOfCustomers: share(f.customers, customers),
          perSegment,
          byStage: f.byStage.toObject(),
          byTeam: f.byTeam.toObject(),
          byChannel: f.byChannel.toObject(),
          byTouchpoint: f.byTouchpoint.toObject(),
          ...(f.byReason.total() > 0 ? { byReason: f.byReason.toObject() } : {}),
          ...(f.byPair.total() > 0 ? { byPair: f.byPair.toObject() } : {}),
          ...(type === 'handoff'
            ? { pingPong: { ...pingPong, bySegment: pingPong.bySegment.toObject() } }
            : {}),
        },
      ];
    }),
  ) as Record<TFrictionSetting, TFrictionTruth>;
  const deviationStats = (t: TJourneyTally): TDeviationTruth => ({
    instances: t.instances,
    completed: t.completed,
    notConverted: t.notConverted,
    truncatedAtPeriodEnd: t.truncated,
    conforming: t.conforming,
    conformingShareOfCompleted: share(t.conforming, t.completed),
    instancesWith: t.instancesWith.toObject(),
    shareOfInstancesWith: perKind((k) =>
      share(t.instancesWith.get(k), t.completed + t.notConverted),
    ),
    occurrencesByTouchpoint: perKind((k) => t.occurrences[k].toObject()),
  });
  const byDesign = Object.fromEntries(
    IDEAL_JOURNEYS.map((j) => [j.id, deviationStats(truth.journeyTally(truth.designs, j.id))]),
  );
  const byJourney = Object.fromEntries(
    WORKSPACE_JOURNEYS.map((j) => [
      j.id,
      {
        design: j.design,
        segment: j.segment,
        ...deviationStats(truth.journeyTally(truth.journeys, j.id)),
      },
    ]),
  );
  const conversion = Object.fromEntries(
    truth.conversion.instances.keys().map((key) => {
      const n = truth.conversion.instances.get(key);
      const reached = truth.conversion.reached.get(key) ?? new Tally();
      const stages = [...STAGES, 'converted'].filter((s) => reached.get(s) > 0);
      return [
        key,
        {
          instances: n,
          reached: Object.fromEntries(stages.map((s) => [s, reached.get(s)])),
          shareReached: Object.fromEntries(stages.map((s) => [s, share(reached.get(s), n)])),
          converted: reached.get('converted'),
          conversionRate: share(reached.get('converted'), n),
          dropOffByLastStage: (truth.conversion.dropOff.get(key) ?? new Tally()).toObject(),
        },
      ];
    }),
  );
  return {
    ...meta,
    counts: {
      customers,
      events: truth.events.total(),
      cases: truth.caseCount(),
      casesByKind: truth.cases.toObject(),
      supportCasesWithoutDesignedJourney: truth.supportWithoutJourney,
      feedback: truth.feedback.total(),
      feedbackByKind: truth.feedback.toObject(),
      customersBySegment: truth.customers.toObject(),
      eventsBySegment: truth.eventsBy.segment.toObject(),
      eventsByChannel: truth.eventsBy.channel.toObject(),
      eventsByTeam: truth.byTouchpointField('owner').toObject(),
      eventsByStage: truth.byTouchpointField('stage').toObject(),
      eventsByOutcome: truth.eventsBy.outcome.toObject(),
      eventsByTouchpoint: truth.eventsBy.touchpoint.toObject(),
      touchpoints: TOUCHPOINTS.length,
    },
    seededFrictions: truth.seeded.seededFrictions(),
    frictions,
    deviations: { definition: DEVIATION_DEFINITION, byDesign, byJourney },
    conversion: {
      definition:
        'purchase journey instances not cut off by the period end; reached = has at least one event in the stage (any outcome); converted = ended in a purchase (payment, till or business order); drop-off = stage of the last event of an instance that did not convert',
      byJourney: conversion,
    },
    momentsOfTruth: {
      definition:
        'fifth-order: customers with at least 5 order confirmations; third-support-contact: contact-touchpoint events with at least 3 such events (itself included) in the 30 days up to it; first-delivery: cases whose first delivery follows a payment in the same case',
      rules: Object.fromEntries(
        MOMENT_RULES.map((m) => [
          m.id,
          {
            occurrences: truth.moments.rules.get(m.id),
            customers: truth.moments.ruleCustomers.get(m.id),
          },
        ]),
      ),
      declaredTouchpoints: Object.fromEntries(
        truth.moments.touchpoints.keys().map((id) => [
          id,
          {
            events: truth.moments.touchpoints.get(id),
            customers: truth.moments.touchpointCustomers.get(id),
          },
        ]),
      ),
    },
    feedbackGaps: truth.gaps.toJSON(
      Object.fromEntries(EXPOSURE_KINDS.map((k) => [k, truth.exposedCustomers.get(k)])),
    ),
  };
}
