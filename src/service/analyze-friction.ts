/**
 * The friction part of the analysis, read from `jl_friction` once the detectors have run:
 * one entry per friction type and touchpoint with its per-day, per-week and per-month series
 * and trend, the breakdowns by segment, stage, team and channel, and ping-pong journeys.
 */
import { monthlyTrend, monthRange, type TTrend } from '../analysis/trend.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import type { TLocalClock } from '../query/local-time.js';
import {
  BREAKDOWNS,
  createFrictionLocal,
  frictionBreakdown,
  frictionSeries,
  frictionTotals,
  pingPongJourneys,
  type TBreakdown,
  type TGrain,
} from '../query/friction-report.js';
import type { TStore } from '../store/store.js';

export type TSeriesPoint = { period: string; occurrences: number; customers: number };

export type TFrictionEntry = {
  type: string;
  touchpoint: string;
  stage: string;
  team: string;
  occurrences: number;
  customers: number;
  firstSeen: string;
  lastSeen: string;
  /** Periods are the first day (ISO date) of the day, week (Monday) or month. */
  perDay: TSeriesPoint[];
  perWeek: TSeriesPoint[];
  perMonth: TSeriesPoint[];
  trend: TTrend;
};

export type TBreakdownRow = {
  type: string;
  value: string | null;
  occurrences: number;
  customers: number;
};

export type TPingPong = {
  journeys: number;
  customers: number;
  /** A few journeys with their teams in order, for a reader to check. */
  examples: { journey: string; stage: string; teams: string[] }[];
};

const key = (type: string, touchpoint: string): string => `${type}\u0000${touchpoint}`;

/**
 * One entry per friction type and touchpoint, read after the detectors ran. Creates the
 * occurrences in local time on `clock` (friction-report.ts FRICTION_LOCAL) that the totals
 * and series count customers from, and that pricing reads later for customers by segment.
 */
export async function frictionEntries(
  store: TStore,
  clock: TLocalClock,
): Promise<TFrictionEntry[]> {
  await store.exec(createFrictionLocal(clock));
  const totals = await store.all<{
    type: string;
    touchpoint: string;
    stage: string;
    team: string;
    occurrences: number;
    customers: number;
    first_seen: Date;
    last_seen: Date;
  }>(frictionTotals);
  const series = new Map<string, Record<TGrain, TSeriesPoint[]>>();
  const rows = await store.all<{ grain: TGrain; type: string; touchpoint: string } & TSeriesPoint>(
    frictionSeries,
  );
  for (const r of rows) {
    const entry = series.get(key(r.type, r.touchpoint)) ?? { day: [], week: [], month: [] };
    entry[r.grain].push({ period: r.period, occurrences: r.occurrences, customers: r.customers });
    series.set(key(r.type, r.touchpoint), entry);
  }
  // Every month of the data, so a month without occurrences counts as zero in the trend.
  const months = [...series.values()].flatMap((s) => s.month.map((p) => p.period.slice(0, 7)));
  const span = months.length === 0 ? [] : monthRange(min(months), max(months));
  return totals.map((t) => {
    const s = series.get(key(t.type, t.touchpoint)) ?? { day: [], week: [], month: [] };
    const byMonth = new Map(s.month.map((p) => [p.period.slice(0, 7), p.occurrences]));
    return {
      type: t.type,
      touchpoint: t.touchpoint,
      stage: t.stage,
      team: t.team,
      occurrences: t.occurrences,
      customers: t.customers,
      firstSeen: new Date(t.first_seen).toISOString(),
      lastSeen: new Date(t.last_seen).toISOString(),
      perDay: s.day,
      perWeek: s.week,
      perMonth: s.month,
      trend: monthlyTrend(span.map((m) => byMonth.get(m) ?? 0)),
    };
  });
}

const min = (xs: string[]): string => xs.reduce((a, b) => (b < a ? b : a));
const max = (xs: string[]): string => xs.reduce((a, b) => (b > a ? b : a));

export async function frictionBreakdowns(
  store: TStore,
): Promise<Record<TBreakdown, TBreakdownRow[]>> {
  const out = {} as Record<TBreakdown, TBreakdownRow[]>;
  for (const by of BREAKDOWNS) out[by] = await store.all<TBreakdownRow>(frictionBreakdown(by));
  return out;
}

export async function pingPong(store: TStore, workspace: TWorkspace): Promise<TPingPong> {
  if (!workspace.friction.handoff.enabled) return { journeys: 0, customers: 0, examples: [] };
  const rows = await store.all<{
    journey_id: string;
    customer_id: string;
    stage: string;
    teams: string[];
  }>(pingPongJourneys(workspace.friction.handoff));
  return {
    journeys: new Set(rows.map((r) => r.journey_id)).size,
    customers: new Set(rows.map((r) => r.customer_id)).size,
    examples: rows
      .slice(0, 5)
      .map((r) => ({ journey: r.journey_id, stage: r.stage, teams: r.teams })),
  };
}
