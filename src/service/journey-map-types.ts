/**
 * The journey map's answer (GET /api/journey-map), as types only: the web app reads them
 * without loading the service that computes them (src/service/journey-map.ts).
 */
import type { TJourneyStepLike } from '../analysis/alignment.js';
import type { TDeviationKind } from '../model/gap-kinds.js';
import type { TInterval } from '../analysis/statistics.js';
import type { TFeedbackMetric } from './analyze-feedback.js';

export type TJourneyMapRequest = { segment?: string | undefined; journey?: string | undefined };

/** A segment the map can show, with its ideal journeys and the journeys aligned to each. */
export type TMapSegment = {
  id: string;
  name: string;
  journeys: { id: string; name: string; journeys: number }[];
};

export type TMapStep = TJourneyStepLike & {
  index: number;
  /** The designed emotion, −2…+2, when the team set one. */
  expected: number | null;
  /** The segment's answers at the touchpoint on −2…+2 with their interval; null below n. */
  measured: TInterval | null;
  /** Answers behind `measured` (shown also when too few for a figure). */
  responses: number;
  /** Journeys that followed the step in place, did it elsewhere, or did not do it. */
  followed: number;
  outOfOrder: number;
  missed: number;
  /** followed / journeys aligned to this ideal journey. */
  share: number;
};

export type TMapFriction = {
  type: string;
  /** Of everyone: occurrences, customers, occurrences per month over the period, trend. */
  occurrences: number;
  customers: number;
  perMonth: number;
  trend: 'rising' | 'falling' | 'flat';
  /** Of the segment's customers. */
  segment: { occurrences: number; customers: number; perMonth: number };
};

export type TMapVerbatim = {
  text: string;
  kind: string;
  score: number;
  answeredAt: string;
  segment: string | null;
};

export type TMapTouchpoint = {
  id: string;
  name: string;
  description: string | null;
  stage: string;
  channel: string;
  owner: string;
  ownerName: string;
  layer: 'frontstage' | 'backstage';
  /** Flagged by the team as a moment of truth. */
  momentOfTruth: boolean;
  /** Names of the rule-defined moments of truth that name this touchpoint. */
  moments: string[];
  /** A step of the ideal journey; false for touchpoints shown for a deviation only. */
  onJourney: boolean;
  /** Steps, customers and journeys at the touchpoint: of the segment, and of everyone. */
  volume: { steps: number; customers: number; journeys: number };
  volumeAll: { steps: number; customers: number; journeys: number };
  /** Friction at the touchpoint, the most frequent for the segment first. */
  frictions: TMapFriction[];
  /** Friction occurrences a month of the segment's customers (the badge), and of everyone. */
  frictionPerMonth: number;
  frictionPerMonthAll: number;
  /** Satisfaction per kind at the touchpoint (all segments), with n and interval. */
  satisfaction: TFeedbackMetric[];
  verbatims: { total: number; ofSegment: number; examples: TMapVerbatim[] };
};

export type TMapDeviation = {
  kind: TDeviationKind;
  touchpoint: string;
  journeys: number;
  customers: number;
  /** Affected journeys / journeys aligned to this ideal journey. */
  share: number;
  occurrences: number;
  perMonth: number;
};

export type TJourneyMap = {
  modelVersion: number;
  computedAt: string;
  period: { from: string | null; to: string | null; months: number };
  /** Segments that have ideal journeys, for the chooser. */
  segments: TMapSegment[];
  /** The map shown; null when no segment has an ideal journey. */
  map: {
    segment: { id: string; name: string };
    journey: { id: string; name: string; description: string | null };
    /** Stages and channels of the workspace, in its order. */
    stages: string[];
    channels: string[];
    conformance: {
      journeys: number;
      customers: number;
      meanFitness: number | null;
      perfectShare: number | null;
    };
    steps: TMapStep[];
    touchpoints: TMapTouchpoint[];
    /** Every deviation from this journey, the most journeys first. */
    deviations: TMapDeviation[];
    /** The smallest n for a satisfaction figure. */
    minResponses: number;
    /** Display names of every segment (verbatims name theirs). */
    segmentNames: Record<string, string>;
  } | null;
};
