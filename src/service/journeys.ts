/**
 * Use case: turn the store's events into journey instances mapped onto the workspace's
 * touchpoints (`jl_journey_steps`, see src/query/journeys.ts) and summarise them. The steps
 * table stays in the session for the analyses that follow; activities that map to no
 * touchpoint are reported, never silently dropped. Only small aggregates reach JavaScript.
 */
import type { TWorkspace } from '../model/workspace-schema.js';
import * as q from '../query/journeys.js';
import * as v from '../query/journeys-variants.js';
import type { TStore } from '../store/store.js';
import { UnknownSegmentError } from './segments.js';

export type TUnmappedActivity = { activity: string; events: number; customers: number };

export type TJourneySummary = {
  journeys: number;
  customers: number;
  events: number;
  /** Events whose activity maps to a touchpoint. */
  mappedEvents: number;
  /** mappedEvents / events; 0 when there are no events. */
  mappedShare: number;
  /** Most events first, ties by name. */
  unmapped: TUnmappedActivity[];
};

export type TJourneyVariant = {
  /** The segment of the journeys' customers; null when they have none. */
  segment: string | null;
  /** Touchpoint ids in journey order, unmapped steps left out. */
  touchpoints: string[];
  journeys: number;
  /** Distinct customers with at least one journey of this variant. */
  customers: number;
  /** The journey whose sequence is listed: the one seen first. */
  example: string;
  /** `YYYY-MM` of the journey's start → journeys, in month order. */
  months: Record<string, number>;
};

/**
 * Builds `jl_journey_steps` for the workspace (replacing any earlier one) and summarises it.
 * The filter selects events first; journeys are then formed from the events in scope.
 * @example const summary = await buildJourneys(store, workspace, { channels: ['phone'] });
 */
export async function buildJourneys(
  store: TStore,
  workspace: TWorkspace,
  filter: q.TJourneyFilter = {},
): Promise<TJourneySummary> {
  if (filter.segment !== undefined && !workspace.segments.some((s) => s.id === filter.segment)) {
    const known = workspace.segments.map((s) => s.id).join(', ') || '(none defined)';
    throw new UnknownSegmentError(
      `segment ${filter.segment}: no such segment; the workspace has ${known}`,
    );
  }
  try {
    for (const statement of q.buildJourneyStatements(q.journeyPlan(workspace, filter))) {
      await store.exec(statement);
    }
  } finally {
    for (const drop of q.dropHelpers) await store.exec(drop);
  }
  const [totals] = await store.all<{
    events: number;
    journeys: number;
    customers: number;
    mapped: number;
  }>(q.journeyTotals);
  const events = totals?.events ?? 0;
  const mappedEvents = totals?.mapped ?? 0;
  return {
    journeys: totals?.journeys ?? 0,
    customers: totals?.customers ?? 0,
    events,
    mappedEvents,
    mappedShare: events === 0 ? 0 : mappedEvents / events,
    unmapped: await store.all<TUnmappedActivity>(q.unmappedActivities),
  };
}

export type TJourneyVariantOptions = {
  /** IANA zone in which a journey's start month is read; default UTC. */
  timezone?: string | undefined;
};

/**
 * The touchpoint variants of the journeys built by `buildJourneys`, per segment, most
 * journeys first (ties by first appearance).
 */
export async function journeyVariants(
  store: TStore,
  options: TJourneyVariantOptions = {},
): Promise<TJourneyVariant[]> {
  const [built] = await store.all<{ n: number }>(q.journeyStepsExist);
  if (built === undefined || built.n === 0) {
    throw new Error('no journeys in this session: run buildJourneys before journeyVariants');
  }
  try {
    for (const statement of v.createVariantTables(options.timezone ?? 'UTC')) {
      await store.exec(statement);
    }
    const rows = await store.all<{
      segment: string | null;
      journeys: number;
      customers: number;
      example: string;
      touchpoints: string[];
      months: string[];
      month_counts: number[];
    }>(v.listVariants);
    return rows.map((r) => ({
      segment: r.segment,
      touchpoints: r.touchpoints,
      journeys: r.journeys,
      customers: r.customers,
      example: r.example,
      months: monthCounts(r.months, r.month_counts),
    }));
  } finally {
    for (const drop of v.dropVariantTables) await store.exec(drop);
  }
}

/** `YYYY-MM` → journeys, with the keys in month order whatever order the engine gave. */
function monthCounts(months: readonly string[], counts: readonly number[]): Record<string, number> {
  const pairs = months.map((m, i) => [m, counts[i] ?? 0] as const);
  return Object.fromEntries(pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
