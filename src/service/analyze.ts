/**
 * Use case: the journey analysis of a workspace (DESIGN.md §1–3). Builds the journey tables
 * and the friction table in the engine, aligns variants to the ideal journeys in TypeScript,
 * scores stages and moments of truth, and prices every friction and deviation. Every section
 * of the report comes from here; the CLI, the server and the demo only render it.
 */
import type { TPricedGap } from '../analysis/pricing.js';
import type { TCostModel, TWorkspace } from '../model/workspace-schema.js';
import { createFriction } from '../query/friction.js';
import { journeyPeriod } from '../query/journeys.js';
import type { TBreakdown } from '../query/friction-report.js';
import type { TStore } from '../store/store.js';
import { conformanceDetail, type TConformance } from './analyze-conformance.js';
import { feedbackAnalysis, type TFeedbackAnalysis } from './analyze-feedback.js';
import {
  frictionBreakdowns,
  frictionEntries,
  pingPong,
  type TBreakdownRow,
  type TFrictionEntry,
  type TPingPong,
} from './analyze-friction.js';
import { momentsOfTruth, type TMomentsOfTruth } from './analyze-moments.js';
import { opportunities } from './analyze-opportunities.js';
import { stageScores, type TStageScore } from './analyze-stages.js';
import { buildJourneys, type TIndexUse, type TJourneySummary } from './journeys.js';
import { journeyClock, type TJourneyPeriod } from './local-clock.js';

export type { TFrictionEntry, TSeriesPoint } from './analyze-friction.js';
export type { TStageScore } from './analyze-stages.js';
export type { TMomentScore, TProposedMoment } from './analyze-moments.js';

export type TAnalysis = {
  workspace: string;
  /** The period the journeys cover (ISO instants) and its length in average months. */
  period: { from: string | null; to: string | null; months: number };
  journeys: TJourneySummary;
  conformance: TConformance;
  friction: TFrictionEntry[];
  frictionBreakdowns: Record<TBreakdown, TBreakdownRow[]>;
  pingPong: TPingPong;
  momentsOfTruth: TMomentsOfTruth;
  stages: TStageScore[];
  /** The voice of the customer, lined up with the journey. */
  feedback: TFeedbackAnalysis;
  opportunities: TPricedGap[];
  /** The cost model every opportunity was priced with, as the workspace states it. */
  costModel: TCostModel & { currency: string };
  /** Display names of the ids the analysis uses, from the workspace. */
  names: TNames;
};

export type TNames = {
  touchpoints: Record<string, string>;
  teams: Record<string, string>;
  segments: Record<string, string>;
  idealJourneys: Record<string, string>;
};

function namesOf(workspace: TWorkspace): TNames {
  const byId = (items: readonly { id: string; name: string }[]): Record<string, string> =>
    Object.fromEntries(items.map((x) => [x.id, x.name]));
  return {
    touchpoints: byId(workspace.touchpoints),
    teams: byId(workspace.teams),
    segments: byId(workspace.segments),
    idealJourneys: byId(workspace.idealJourneys),
  };
}

/** The phases of an analysis, in order, for progress reporting. */
export const ANALYSIS_PHASES = [
  'journeys',
  'friction',
  'conformance',
  'feedback',
  'moments of truth',
  'stages',
  'opportunities',
] as const;
export type TAnalysisPhase = (typeof ANALYSIS_PHASES)[number];

export type TAnalyzeOptions = {
  onPhase?: (phase: TAnalysisPhase) => void;
  /** How the journeys phase uses the store's journey index; default 'read'. */
  index?: TIndexUse;
  /** Told why the index could not be brought up to date; the analysis goes on without it. */
  onIndexError?: (message: string) => void;
};

export async function analyze(
  store: TStore,
  workspace: TWorkspace,
  options: TAnalyzeOptions = {},
): Promise<TAnalysis> {
  const phase = options.onPhase ?? (() => undefined);
  const timezone = workspace.settings.timezone;
  phase('journeys');
  const { summary, plan } = await buildJourneys(
    store,
    workspace,
    {},
    { index: options.index, onIndexError: options.onIndexError },
  );
  const [range] = await store.all<TJourneyPeriod>(journeyPeriod);
  const clock = await journeyClock(store, timezone, range);
  phase('friction');
  for (const statement of createFriction(workspace.friction, plan)) await store.exec(statement);
  const friction = await frictionEntries(store, clock);
  const breakdowns = await frictionBreakdowns(store);
  const pingPongs = await pingPong(store, workspace);
  phase('conformance');
  const { conformance: conformed, deviationVariants } = await conformanceDetail(store, workspace, {
    clock,
  });
  phase('feedback');
  const feedback = await feedbackAnalysis(store, workspace, deviationVariants);
  phase('moments of truth');
  const moments = await momentsOfTruth(store, workspace, plan, feedback);
  phase('stages');
  const stages = await stageScores(store, plan);
  phase('opportunities');
  const months = range?.months ?? 0;
  const priced = await opportunities(store, workspace, friction, conformed, months, feedback.gaps);
  return {
    workspace: workspace.name,
    period: {
      from: range?.first ? new Date(range.first).toISOString() : null,
      to: range?.last ? new Date(range.last).toISOString() : null,
      months,
    },
    journeys: summary,
    conformance: conformed,
    friction,
    frictionBreakdowns: breakdowns,
    pingPong: pingPongs,
    momentsOfTruth: moments,
    stages,
    feedback,
    opportunities: priced,
    costModel: { ...workspace.costModel, currency: workspace.settings.currency },
    names: namesOf(workspace),
  };
}
