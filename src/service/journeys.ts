/**
 * Use case: turn the store's events into journey instances mapped onto the workspace's
 * touchpoints (`jl_journey_steps` and `jl_journeys`, see src/query/journeys.ts) and summarise
 * them. The tables stay in the session for the analyses that follow; activities that map to no
 * touchpoint are reported, never silently dropped. Only small aggregates reach JavaScript.
 */
import type { TWorkspace } from '../model/workspace-schema.js';
import * as ix from '../query/journey-index.js';
import * as q from '../query/journeys.js';
import { journeyPlan, type TJourneyFilter, type TJourneyPlan } from '../query/journeys-plan.js';
import * as v from '../query/journeys-variants.js';
import type { TLocalClock } from '../query/local-time.js';
import type { TStore } from '../store/store.js';
import { journeyClock } from './local-clock.js';
import { UnknownSegmentError } from './segments.js';

export type TUnmappedActivity = { activity: string; events: number; customers: number };

export type TJourneySummary = {
  /** Journeys with at least one mapped step. */
  journeys: number;
  /** Customers with at least one mapped step. */
  customers: number;
  /** Events in scope. */
  events: number;
  /** Events whose activity maps to a touchpoint: the steps of the journeys. */
  mappedEvents: number;
  /** mappedEvents / events; 0 when there are no events. */
  mappedShare: number;
  /** Most events first, ties by name. */
  unmapped: TUnmappedActivity[];
};

export type TJourneyVariant = {
  /** The segment of the journeys' customers; null when they have none. */
  segment: string | null;
  /** Touchpoint ids in journey order. */
  touchpoints: string[];
  journeys: number;
  /** Distinct customers with at least one journey of this variant. */
  customers: number;
  /** The journey whose sequence is listed: the one seen first. */
  example: string;
  /** Identifies the variant within its segment (an order-sensitive fingerprint and length). */
  key: string;
  /** `YYYY-MM` of the journey's start → journeys, in month order. */
  months: Record<string, number>;
};

/** How an unfiltered build uses the store's journey index (query/journey-index.ts). */
export type TIndexUse =
  /** Read it when current, else form this session's own journeys (the server: data changes). */
  | 'read'
  /** Read it when current, else rebuild it first (a command: the next one starts from it). */
  | 'refresh';

export type TBuildJourneysOptions = {
  index?: TIndexUse;
  /**
   * Told why the index could not be brought up to date (a full disk, say); the build then
   * forms the journeys in the session, so the analysis still answers.
   */
  onIndexError?: (message: string) => void;
};

/**
 * What a build did: read the journey index (as it was, updated from new events, or rebuilt),
 * or formed the session's own tables.
 */
export type TJourneySource = 'index' | 'index updated' | 'index rebuilt' | 'session';

const INDEX_SOURCE = {
  current: 'index',
  updated: 'index updated',
  rebuilt: 'index rebuilt',
} as const satisfies Record<TIndexRefresh, TJourneySource>;

/**
 * Builds the journey tables for the workspace (replacing any earlier ones) and summarises them.
 * The filter selects events first; journeys are then formed from the events in scope. Without
 * a filter the store's journey index is read when it is current (see TIndexUse otherwise).
 * Returns the plan too: later queries of the analysis read the same decisions.
 * @example const { summary } = await buildJourneys(store, workspace, { channels: ['phone'] });
 */
export async function buildJourneys(
  store: TStore,
  workspace: TWorkspace,
  filter: TJourneyFilter = {},
  options: TBuildJourneysOptions = {},
): Promise<{ summary: TJourneySummary; plan: TJourneyPlan; source: TJourneySource }> {
  if (filter.segment !== undefined && !workspace.segments.some((s) => s.id === filter.segment)) {
    const known = workspace.segments.map((s) => s.id).join(', ') || '(none defined)';
    throw new UnknownSegmentError(
      `segment ${filter.segment}: no such segment; the workspace has ${known}`,
    );
  }
  let planned: TJourneyPlan | undefined;
  let source: TJourneySource = 'session';
  if (ix.indexable(filter) && options.index === 'refresh') {
    try {
      const refreshed = await refreshIndex(store, workspace);
      planned = refreshed.plan;
      source = INDEX_SOURCE[refreshed.refresh];
    } catch (e) {
      options.onIndexError?.((e as Error).message);
    }
  } else if (ix.indexable(filter)) {
    const state = await indexState(store);
    planned = await planFor(store, workspace, filter, state);
    if (state.stored === keyOf(planned, state.data).key) source = 'index';
  }
  const plan = planned ?? (await planFor(store, workspace, filter, await indexState(store)));
  const statements =
    source === 'session' ? q.buildJourneyStatements(plan) : q.readIndexStatements(plan);
  for (const statement of statements) await store.exec(statement);
  const [events] = await store.all<{ events: number; mapped: number }>(q.eventTotals(filter));
  const [journeys] = await store.all<{ journeys: number; customers: number }>(q.journeyTotals);
  const total = events?.events ?? 0;
  const mappedEvents = events?.mapped ?? 0;
  return {
    plan,
    source,
    summary: {
      journeys: journeys?.journeys ?? 0,
      customers: journeys?.customers ?? 0,
      events: total,
      mappedEvents,
      mappedShare: total === 0 ? 0 : mappedEvents / total,
      unmapped: await store.all<TUnmappedActivity>(q.unmappedActivities(filter)),
    },
  };
}

/** The key the index was built under (if any) and the data the store holds now, read once. */
type TIndexState = { stored: string | undefined; data: ix.TJourneyData };

async function indexState(store: TStore): Promise<TIndexState> {
  const [stored] = await store.all<{ key: string }>(ix.journeyIndexKey);
  const [data] = await store.all<ix.TJourneyData>(ix.journeyData);
  if (data === undefined) throw new Error('the store answered no row for its journey data');
  return { stored: stored?.key, data };
}

async function planFor(
  store: TStore,
  workspace: TWorkspace,
  filter: TJourneyFilter,
  state: TIndexState,
): Promise<TJourneyPlan> {
  return journeyPlan(workspace, filter, await caseMix(store, state));
}

/**
 * Whether the events have case ids, and whether some have none: as the journey index's key
 * states it while the index was built from the data the store holds now (a scan of every
 * event saved, 0.1 s on 10M), else counted.
 */
async function caseMix(store: TStore, state: TIndexState): Promise<TJourneyPlan['caseMix']> {
  const before = state.stored === undefined ? undefined : ix.parseJourneyIndexKey(state.stored);
  const known = before === undefined ? undefined : ix.caseMixOfSettings(before.settings);
  if (before !== undefined && known !== undefined && ix.sameJourneyData(before.data, state.data)) {
    return known;
  }
  const [mix] = await store.all<{ with_case: number; without_case: number }>(q.caseMixQuery);
  return { withCase: (mix?.with_case ?? 0) > 0, withoutCase: (mix?.without_case ?? 0) > 0 };
}

/** The key an index built from this plan over `data` carries, and what it is made of. */
function keyOf(
  plan: TJourneyPlan,
  data: ix.TJourneyData,
): { key: string; data: ix.TJourneyData; settings: string } {
  const settings = ix.journeyIndexSettings(plan);
  return { key: ix.journeyIndexKeyOf(data, settings), data, settings };
}

/**
 * The events appended since the index was built, when forming their journeys again brings it
 * up to date: same settings, no customer changed, every new event after the indexed ones.
 */
async function appendedOnly(
  store: TStore,
  stored: string | undefined,
  now: { data: ix.TJourneyData; settings: string },
): Promise<{ afterSeq: number } | undefined> {
  const before = stored === undefined ? undefined : ix.parseJourneyIndexKey(stored);
  if (before === undefined || before.settings !== now.settings) return undefined;
  const delta = ix.journeyIndexDelta(before.data, now.data);
  if (delta === undefined) return undefined;
  const [since] = await store.all<{ appended: number; customer_imports: number }>(
    ix.appendedSince(delta.afterSeq, before.data.lastImport),
  );
  const exact =
    since !== undefined &&
    since.customer_imports === 0 &&
    since.appended === now.data.events - before.data.events;
  return exact ? delta : undefined;
}

/** How a refresh found the index: current, brought up to date from new events, or rebuilt. */
export type TIndexRefresh = 'current' | 'updated' | 'rebuilt';

/**
 * Brings the index up to date in one transaction: from the events appended since when that is
 * exact, else by a rebuild. A refresh that fails or is killed leaves the previous index and
 * its key, which no longer match the data, so nothing reads a half-built index. The plan and
 * the key are read in the same transaction as the events, so they describe exactly the data
 * indexed. Returns the plan.
 */
async function refreshIndex(
  store: TStore,
  workspace: TWorkspace,
  onProgress?: (fraction: number) => void,
): Promise<{ plan: TJourneyPlan; refresh: TIndexRefresh }> {
  return store.transaction(async () => {
    const state = await indexState(store);
    const plan = await planFor(store, workspace, {}, state);
    const now = keyOf(plan, state.data);
    if (state.stored === now.key) return { plan, refresh: 'current' as const };
    const update = await appendedOnly(store, state.stored, now);
    await store.exec(ix.forgetJourneyIndex);
    for (const statement of q.lookupStatements(plan)) await store.exec(statement);
    // Rebuilding: the steps (the ordering pass) take about half of the time, the journeys
    // most of the rest.
    const statements =
      update === undefined
        ? q.journeyTableStatements(plan, q.INDEX_TABLES)
        : q.journeyIndexUpdate(plan, update.afterSeq);
    const shares =
      update === undefined
        ? [0, 0.55, 0.95, 1]
        : statements.map((_, i) => i / statements.length).concat(1);
    for (const [i, statement] of statements.entries()) {
      const [from = 0, to = 1] = [shares[i], shares[i + 1]];
      await store.exec(statement, {
        onProgress: onProgress && ((f) => onProgress(from + (to - from) * f)),
      });
    }
    for (const statement of q.persistIndexLookups(update === undefined)) {
      await store.exec(statement);
    }
    await store.exec(ix.rememberJourneyIndex(now.key));
    return { plan, refresh: update === undefined ? ('rebuilt' as const) : ('updated' as const) };
  });
}

/**
 * Brings the store's journey index up to date for the workspace (after an import): from the
 * events appended since it was built when that is exact, else by a rebuild.
 */
export async function refreshJourneyIndex(
  store: TStore,
  workspace: TWorkspace,
  options: { onProgress?: (fraction: number) => void } = {},
): Promise<TIndexRefresh> {
  return (await refreshIndex(store, workspace, options.onProgress)).refresh;
}

export type TJourneyVariantOptions = {
  /** IANA zone in which a journey's start month is read; default UTC. */
  timezone?: string | undefined;
  /** The analysis's clock in that zone (local-clock.ts), when it has one already. */
  clock?: TLocalClock | undefined;
};

/**
 * The touchpoint variants of the journeys built by `buildJourneys`, per segment, most
 * journeys first (ties by first appearance).
 */
export async function journeyVariants(
  store: TStore,
  options: TJourneyVariantOptions = {},
): Promise<TJourneyVariant[]> {
  const [built] = await store.all<{ n: number }>(q.journeysExist);
  if (built === undefined || built.n === 0) {
    throw new Error('no journeys in this session: run buildJourneys before journeyVariants');
  }
  try {
    const clock = options.clock ?? (await journeyClock(store, options.timezone ?? 'UTC'));
    const [flags] = await store.all<{ flagged: boolean }>(q.journeysFlagVariants);
    await store.exec(v.createVariants(clock, flags?.flagged ?? false));
    const rows = await store.all<{
      segment: string | null;
      journeys: number;
      customers: number;
      example: string;
      key: string;
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
      key: r.key,
      months: monthCounts(r.months, r.month_counts),
    }));
  } finally {
    await store.exec(v.dropVariants);
  }
}

/** `YYYY-MM` → journeys, with the keys in month order whatever order the engine gave. */
function monthCounts(months: readonly string[], counts: readonly number[]): Record<string, number> {
  const pairs = months.map((m, i) => [m, counts[i] ?? 0] as const);
  return Object.fromEntries(pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
