/**
 * A change assessment ("5 Hows") as the API answers it, as types only: the web app reads
 * them without loading the service, which holds Node code. Must never import anything but
 * types.
 */
import type { TSatisfaction } from '../../analysis/satisfaction.js';

export const ASSESSMENT_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'changes_requested',
  'live',
] as const;
export type TAssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** The answers to the five questions (their wording: docs/assessments.md, the web form). */
export type TAnswers = {
  impact: string;
  customerView: string;
  /** Segment id → how customers of that segment will respond. */
  response: Record<string, string>;
  findOut: string;
  feedback: string;
};

export type TAssessment = {
  id: string;
  title: string;
  /** What changes, in the owner team's words. */
  change: string;
  /** Planned go-live, a calendar date (YYYY-MM-DD). */
  plannedGoLive: string;
  ownerTeam: string;
  touchpoints: string[];
  answers: TAnswers;
  status: TAssessmentStatus;
  review: {
    by: string;
    at: string;
    decision: 'approved' | 'changes_requested';
    comment: string;
  } | null;
  /** When it went live (ISO instant), once it has. */
  liveAt: string | null;
  /** The improvement action whose re-measurement follows the change. */
  actionId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
};

/** Customers passing the selected touchpoints, per month, for one segment (or all). */
export type TExposureCell = {
  /** Mean distinct customers per calendar month of the data's period. */
  perMonth: number;
  /** Distinct customers over the whole period. */
  customers: number;
  /** Steps at the touchpoints over the whole period. */
  passes: number;
};

export type TExposureSegment = TExposureCell & {
  /** Null: customers in no segment. */
  segment: string | null;
  tier: string | null;
  /** Per calendar month, distinct customers (every month of the period, zeros included). */
  series: { month: string; customers: number }[];
};

export type TSurveySuggestion = {
  touchpoint: string;
  /** csat, nps, ces or a custom kind already used there. */
  kind: string;
  scale: { min: number; max: number; label: string };
  question: string;
  followUps: string[];
  channel: string;
  when: string;
  whom: string;
  /** The answers already collected there in this kind (null: none). */
  baseline: { n: number; suppressed: boolean } | null;
  /** The rules that chose the above, in words (docs/assessments.md). */
  reasons: string[];
};

export type TExposure = {
  touchpoints: {
    id: string;
    name: string;
    stage: string;
    channel: string;
    team: string;
    /** Distinct customers who passed it over the period, and per month on average. */
    customers: number;
    perMonth: number;
  }[];
  /** Selected ids that are not touchpoints of the workspace. */
  unknownTouchpoints: string[];
  period: { firstMonth: string | null; lastMonth: string | null; months: number };
  total: TExposureCell & { series: { month: string; customers: number }[] };
  bySegment: TExposureSegment[];
  byTier: (TExposureCell & { tier: string | null })[];
  momentsOfTruth: {
    moment: string;
    name: string;
    declared: boolean;
    /** Why it is touched: the touchpoints of the selection it involves. */
    via: string[];
    volume: number | null;
    customers: number | null;
    successRate: number | null;
    satisfaction: TSatisfaction[];
  }[];
  idealJourneys: {
    id: string;
    name: string;
    segment: string;
    /** 1-based positions of the selected touchpoints among its steps. */
    steps: { position: number; touchpoint: string; optional: boolean }[];
  }[];
  /** Satisfaction per selected touchpoint and survey kind (n, 95% interval, suppression). */
  satisfaction: { touchpoint: string; metrics: TSatisfaction[] }[];
  minResponses: number;
  survey: TSurveySuggestion[];
  /** Selected touchpoints no survey is suggested on, and why. */
  surveySkipped: { touchpoint: string; reason: string }[];
  /** Segments whose customers pass the touchpoints: each needs a "how will they respond". */
  affectedSegments: string[];
  modelVersion: number;
  computedAt: string;
};

export type TAssessmentWithExposure = TAssessment & {
  /** Null when there are no analysis results (no model, invalid model). */
  exposure: TExposure | null;
  exposureUnavailable: string | null;
  /** What the caller may do now. */
  can: { edit: boolean; submit: boolean; review: boolean; goLive: boolean };
};
