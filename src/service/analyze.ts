/**
 * Use case: the journey analysis of a workspace (issue 3). Builds the journey steps and the
 * friction table in the engine, aligns variants to the ideal journeys in TypeScript, and
 * prices the frictions. Every section of the report comes from here.
 */
import { rankOpportunities, type TGapCounts, type TPricedGap } from '../analysis/pricing.js';
import { conformVariants } from '../analysis/conformance.js';
import type { TConformanceSummary } from '../analysis/conformance-aggregate.js';
import type { TIdealJourneyLike } from '../analysis/alignment.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import {
  BREAKDOWNS,
  createFriction,
  FRICTION,
  frictionBreakdown,
  frictionSeries,
  frictionTotals,
  GRAINS,
  pingPongJourneys,
  type TBreakdown,
  type TGrain,
} from '../query/friction.js';
import { JOURNEY_STEPS } from '../query/journeys.js';
import { frictionCustomersBySegment, momentScores, monthsObserved } from '../query/moments.js';
import { raw } from '../query/sql.js';
import { stageMetrics, stageTeams } from '../query/stages.js';
import type { TStore } from '../store/store.js';
import { buildJourneys, journeyVariants, type TJourneySummary } from './journeys.js';

export type TSeriesPoint = { period: string; occurrences: number; customers: number };

export type TFrictionEntry = {
  type: string;
  touchpoint: string | null;
  stage: string | null;
  team: string | null;
  occurrences: number;
  customers: number;
  firstSeen: string;
  lastSeen: string;
  perDay: TSeriesPoint[];
  perWeek: TSeriesPoint[];
  perMonth: TSeriesPoint[];
};

export type TStageScore = {
  stage: string;
  customers: number;
  journeys: number;
  conversion: number | null;
  meanSeconds: number;
  medianSeconds: number;
  frictionRate: number;
  teams: { team: string | null; steps: number; share: number }[];
};

export type TMomentScore = {
  touchpoint: string;
  declared: true;
  volume: number;
  customers: number;
  successRate: number | null;
  frictionRate: number | null;
};

export type TAnalysis = {
  workspace: string;
  journeys: TJourneySummary;
  conformance: TConformanceSummary;
  friction: TFrictionEntry[];
  frictionBreakdowns: Record<
    TBreakdown,
    { type: string; value: string | null; occurrences: number; customers: number }[]
  >;
  pingPong: { journeys: number; customers: number };
  momentsOfTruth: TMomentScore[];
  stages: TStageScore[];
  opportunities: TPricedGap[];
};

const STEPS = raw(JOURNEY_STEPS);
const FRICTION_TABLE = raw(FRICTION);

export async function analyze(store: TStore, workspace: TWorkspace): Promise<TAnalysis> {
  const journeys = await buildJourneys(store, workspace);
  await store.exec(createFriction(workspace.friction, STEPS));
  const friction = await frictionEntries(store);
  return {
    workspace: workspace.name,
    journeys,
    conformance: await conformance(store, workspace),
    friction,
    frictionBreakdowns: await breakdowns(store),
    pingPong: await pingPong(store, workspace),
    momentsOfTruth: await moments(store, workspace),
    stages: await stages(store, workspace),
    opportunities: await opportunities(store, workspace, friction),
  };
}

async function conformance(store: TStore, workspace: TWorkspace): Promise<TConformanceSummary> {
  const variants = await journeyVariants(store, { timezone: workspace.settings.timezone });
  const bySegment = new Map<string | undefined, TIdealJourneyLike[]>();
  for (const journey of workspace.idealJourneys) {
    const list = bySegment.get(journey.segment) ?? [];
    list.push(journey);
    bySegment.set(journey.segment, list);
  }
  const report = conformVariants(variants, bySegment);
  return {
    byJourney: report.byJourney,
    bySegment: report.bySegment,
    noIdealJourney: report.noIdealJourney,
    deviations: report.deviations,
  };
}

async function frictionEntries(store: TStore): Promise<TFrictionEntry[]> {
  type TTotal = {
    type: string;
    touchpoint: string | null;
    stage: string | null;
    team: string | null;
    occurrences: number;
    customers: number;
    first_seen: Date;
    last_seen: Date;
  };
  const totals = await store.all<TTotal>(frictionTotals);
  const series = new Map<string, Record<TGrain, TSeriesPoint[]>>();
  const key = (type: string, touchpoint: string | null): string =>
    `${type}\u0000${touchpoint ?? ''}`;
  for (const grain of GRAINS) {
    const rows = await store.all<{ type: string; touchpoint: string | null } & TSeriesPoint>(
      frictionSeries(grain),
    );
    for (const r of rows) {
      const entry = series.get(key(r.type, r.touchpoint)) ?? { day: [], week: [], month: [] };
      entry[grain].push({ period: r.period, occurrences: r.occurrences, customers: r.customers });
      series.set(key(r.type, r.touchpoint), entry);
    }
  }
  return totals.map((t) => ({
    type: t.type,
    touchpoint: t.touchpoint,
    stage: t.stage,
    team: t.team,
    occurrences: t.occurrences,
    customers: t.customers,
    firstSeen: new Date(t.first_seen).toISOString(),
    lastSeen: new Date(t.last_seen).toISOString(),
    perDay: series.get(key(t.type, t.touchpoint))?.day ?? [],
    perWeek: series.get(key(t.type, t.touchpoint))?.week ?? [],
    perMonth: series.get(key(t.type, t.touchpoint))?.month ?? [],
  }));
}

async function breakdowns(store: TStore): Promise<TAnalysis['frictionBreakdowns']> {
  const out = {} as TAnalysis['frictionBreakdowns'];
  for (const by of BREAKDOWNS) {
    out[by] = await store.all<{
      type: string;
      value: string | null;
      occurrences: number;
      customers: number;
    }>(frictionBreakdown(by));
  }
  return out;
}

async function pingPong(store: TStore, workspace: TWorkspace): Promise<TAnalysis['pingPong']> {
  const rows = await store.all<{ customer_id: string }>(
    pingPongJourneys(workspace.friction.handoff, STEPS),
  );
  return { journeys: rows.length, customers: new Set(rows.map((r) => r.customer_id)).size };
}

async function moments(store: TStore, workspace: TWorkspace): Promise<TMomentScore[]> {
  const declared = workspace.touchpoints.filter((t) => t.momentOfTruth).map((t) => t.id);
  const rows = await store.all<{
    touchpoint: string;
    volume: number;
    customers: number;
    success_rate: number | null;
    friction_rate: number | null;
  }>(momentScores(declared, STEPS, FRICTION_TABLE));
  return rows.map((r) => ({
    touchpoint: r.touchpoint,
    declared: true,
    volume: r.volume,
    customers: r.customers,
    successRate: r.success_rate,
    frictionRate: r.friction_rate,
  }));
}

async function stages(store: TStore, workspace: TWorkspace): Promise<TStageScore[]> {
  const rows = await store.all<{
    stage: string;
    customers: number;
    journeys: number;
    conversion: number | null;
    mean_seconds: number;
    median_seconds: number;
    friction_rate: number;
  }>(stageMetrics(STEPS, FRICTION_TABLE, workspace.stages.length));
  const teams = await store.all<{
    stage: string;
    team: string | null;
    steps: number;
    share: number;
  }>(stageTeams(STEPS));
  return rows.map((r) => ({
    stage: r.stage,
    customers: r.customers,
    journeys: r.journeys,
    conversion: r.conversion,
    meanSeconds: r.mean_seconds,
    medianSeconds: r.median_seconds,
    frictionRate: r.friction_rate,
    teams: teams
      .filter((t) => t.stage === r.stage)
      .map((t) => ({ team: t.team, steps: t.steps, share: t.share })),
  }));
}

async function opportunities(
  store: TStore,
  workspace: TWorkspace,
  friction: TFrictionEntry[],
): Promise<TPricedGap[]> {
  const [observed] = await store.all<{ months: number }>(monthsObserved(STEPS));
  const months = observed?.months ?? 1;
  const bySegment = await store.all<{
    type: string;
    touchpoint: string | null;
    segment: string;
    customers: number;
  }>(frictionCustomersBySegment(FRICTION_TABLE));
  const channelOf = new Map<string, string>(workspace.touchpoints.map((t) => [t.id, t.channel]));
  const gaps: TGapCounts[] = friction.map((f) => ({
    type: f.type,
    touchpoint: f.touchpoint,
    teams: f.team === null ? [] : [f.team],
    occurrencesPerMonth: f.occurrences / months,
    channel: f.touchpoint === null ? null : (channelOf.get(f.touchpoint) ?? null),
    customersBySegment: Object.fromEntries(
      bySegment
        .filter((s) => s.type === f.type && s.touchpoint === f.touchpoint)
        .map((s) => [s.segment, s.customers]),
    ),
  }));
  return rankOpportunities(gaps, workspace.costModel, workspace.segments);
}
