/**
 * Journey instances in SQL: the events of a workspace become `jl_journey_steps`, one row per
 * event with its journey instance, touchpoint, stage, team, segment and position, built
 * entirely in the engine. Friction detectors, conformance and stage metrics read that table.
 *
 * The workspace (touchpoints, exact activity names, segment rules) travels as bind parameters
 * into small temp tables; patterns are tried once per *distinct* activity, never per event.
 * A journey instance is the case id where given; events without one are split per customer
 * by the inactivity gap. Only the ordering keys are sorted (an index seq → journey, position)
 * and then joined back to the events: sorting whole events costs far more on large logs.
 * DuckDB dialect (`regexp_matches`, `epoch_us`). Strings only, no I/O.
 */
import type { TDiscoveryFilter } from '../model/discovery.js';
import type { TSegmentRule } from '../model/segment-rule.js';
import { activityMapping } from '../model/workspace-activities.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import { rulePredicate } from './segment-sql.js';
import { join, param, raw, sql, type TSql, type TSqlValue } from './sql.js';

/** One row per event in scope; kept for the analyses that follow `buildJourneys`. */
export const JOURNEY_STEPS = 'jl_journey_steps';
const TOUCHPOINTS = 'jl_journey_touchpoints';
const EXACT = 'jl_journey_exact';
const ACTIVITIES = 'jl_journey_activities';
const SEGMENTS = 'jl_journey_segments';

const MICROS_PER_DAY = 86_400_000_000;
/** Rows per INSERT ... VALUES statement, so a large workspace never makes one huge statement. */
const ROWS_PER_INSERT = 500;

/** Events on these channels (the step's channel), in [from, to), of customers in this segment. */
export type TJourneyFilter = TDiscoveryFilter;

export type TTouchpointRow = {
  id: string;
  stage: string;
  /** 0-based position of the stage in the workspace's stages; null if it is not one. */
  stageIndex: number | null;
  team: string;
  layer: string;
  channel: string;
};

export type TPatternRow = { touchpoint: string; source: string; ignoreCase: boolean };

/** Everything the SQL needs to know about the workspace, decided here so it can be tested. */
export type TJourneyPlan = {
  touchpoints: TTouchpointRow[];
  /** Exact activity name → touchpoint; these win over every pattern. */
  exact: { activity: string; touchpoint: string }[];
  /** Tried in this order; the first match wins. */
  patterns: TPatternRow[];
  /** In workspace order; a customer's segment is the first whose rule matches. */
  segments: { id: string; rule: TSegmentRule }[];
  /** Without a case id, a gap strictly longer than this (µs) starts a new journey. */
  gapMicros: number;
  filter: TJourneyFilter;
};

export function journeyPlan(workspace: TWorkspace, filter: TJourneyFilter = {}): TJourneyPlan {
  const stageIndex = new Map(workspace.stages.map((s, i) => [s, i]));
  const { exact, patterns } = activityMapping(workspace);
  return {
    touchpoints: workspace.touchpoints.map((t) => ({
      id: t.id,
      stage: t.stage,
      stageIndex: stageIndex.get(t.stage) ?? null,
      team: t.owner,
      layer: t.layer,
      channel: t.channel,
    })),
    exact: [...exact].map(([activity, touchpoint]) => ({ activity, touchpoint })),
    patterns: patterns.map((p) => ({
      touchpoint: p.touchpointId,
      source: p.source,
      ignoreCase: p.flags.includes('i'),
    })),
    segments: workspace.segments.map((s) => ({ id: s.id, rule: s.rule })),
    gapMicros: Math.round(workspace.settings.inactivityGapDays * MICROS_PER_DAY),
    filter,
  };
}

/** CREATE a typed temp table, then INSERT its rows as parameterised VALUES (none if empty). */
function valuesTable(name: string, columns: string, rows: readonly TSqlValue[][]): TSql[] {
  const statements = [raw(`CREATE OR REPLACE TEMP TABLE ${name} (${columns})`)];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const tuples = rows.slice(i, i + ROWS_PER_INSERT).map((r) => sql`(${join(r.map(param))})`);
    statements.push(sql`INSERT INTO ${raw(name)} VALUES ${join(tuples)}`);
  }
  return statements;
}

export function touchpointTable(plan: TJourneyPlan): TSql[] {
  return valuesTable(
    TOUCHPOINTS,
    'touchpoint VARCHAR PRIMARY KEY, stage VARCHAR, stage_index INTEGER, team VARCHAR, layer VARCHAR, channel VARCHAR',
    plan.touchpoints.map((t) => [t.id, t.stage, t.stageIndex, t.team, t.layer, t.channel]),
  );
}

export function exactTable(plan: TJourneyPlan): TSql[] {
  return valuesTable(
    EXACT,
    'activity VARCHAR PRIMARY KEY, touchpoint VARCHAR NOT NULL',
    plan.exact.map((x) => [x.activity, x.touchpoint]),
  );
}

/** The patterns as one CASE: tried in order, the first match wins; NULL when none does. */
export function patternMatch(patterns: readonly TPatternRow[], activity: TSql): TSql {
  if (patterns.length === 0) return raw('CAST(NULL AS VARCHAR)');
  const arms = patterns.map((p) =>
    p.ignoreCase
      ? sql`WHEN regexp_matches(${activity}, ${p.source}, 'i') THEN ${p.touchpoint}`
      : sql`WHEN regexp_matches(${activity}, ${p.source}) THEN ${p.touchpoint}`,
  );
  return sql`CASE ${join(arms, ' ')} END`;
}

/**
 * Each distinct activity of the store, once, with its touchpoint (NULL when unmapped) and
 * that touchpoint's stage, team, layer and channel: the steps need a single join.
 */
export function activityTable(plan: TJourneyPlan): TSql {
  return sql`CREATE OR REPLACE TEMP TABLE ${raw(ACTIVITIES)} AS
    SELECT m.activity, m.touchpoint, t.stage, t.stage_index, t.team, t.layer, t.channel
    FROM (
      SELECT a.activity, coalesce(x.touchpoint, ${patternMatch(plan.patterns, raw('a.activity'))}) AS touchpoint
      FROM (SELECT DISTINCT activity FROM events) a LEFT JOIN ${raw(EXACT)} x ON x.activity = a.activity
    ) m LEFT JOIN ${raw(TOUCHPOINTS)} t ON t.touchpoint = m.touchpoint`;
}

/** The segment of each customer that has one: the first rule that matches wins. */
export function segmentTable(plan: TJourneyPlan): TSql {
  const segment =
    plan.segments.length === 0
      ? raw('CAST(NULL AS VARCHAR)')
      : sql`CASE ${join(
          plan.segments.map((s) => sql`WHEN ${rulePredicate(s.rule)} THEN ${s.id}`),
          ' ',
        )} END`;
  return sql`CREATE OR REPLACE TEMP TABLE ${raw(SEGMENTS)} AS
    SELECT customer_id, segment FROM (SELECT c.customer_id, ${segment} AS segment FROM customers c)
    WHERE segment IS NOT NULL`;
}

/**
 * Conditions over one event `e`. The channel is the step's: the event's own, else its
 * touchpoint's; activities and segments are looked up in the small tables (semi-joins).
 */
export function journeyFilter(filter: TJourneyFilter): TSql[] {
  const conditions: TSql[] = [];
  if (filter.channels !== undefined && filter.channels.length > 0) {
    const channels = join(filter.channels.map(param));
    conditions.push(sql`(e.channel IN (${channels}) OR (e.channel IS NULL AND e.activity IN
      (SELECT activity FROM ${raw(ACTIVITIES)} WHERE channel IN (${channels}))))`);
  }
  if (filter.from !== undefined) conditions.push(sql`e.ts >= CAST(${filter.from} AS TIMESTAMPTZ)`);
  if (filter.to !== undefined) conditions.push(sql`e.ts < CAST(${filter.to} AS TIMESTAMPTZ)`);
  if (filter.segment !== undefined) {
    conditions.push(
      sql`e.customer_id IN (SELECT customer_id FROM ${raw(SEGMENTS)} WHERE segment = ${filter.segment})`,
    );
  }
  return conditions;
}

/** The ordering keys of the events in scope, with or without a case id. */
function scopedKeys(plan: TJourneyPlan, withCase: boolean): TSql {
  const where = [
    raw(withCase ? 'e.case_id IS NOT NULL' : 'e.case_id IS NULL'),
    ...journeyFilter(plan.filter),
  ];
  return sql`SELECT e.seq, e.customer_id, e.case_id, e.ts FROM events e WHERE ${join(where, ' AND ')}`;
}

/**
 * seq → (journey_id, pos) for every event in scope, from the ordering keys only: sorting
 * narrow rows is much cheaper than sorting whole events. With a case id: one window pass per
 * case. Without: one pass per customer finds the starts (the first event, and every event
 * after a gap longer than the setting); a running count of starts numbers the journeys
 * `customer#n` and the row number at the latest start gives the position.
 */
export function journeyIndex(plan: TJourneyPlan): TSql {
  return sql`SELECT seq, case_id AS journey_id,
      row_number() OVER (PARTITION BY case_id ORDER BY ts, seq) AS pos
    FROM (${scopedKeys(plan, true)})
    UNION ALL
    SELECT seq, customer_id || '#' || CAST(n AS VARCHAR) AS journey_id, rn - start_rn + 1 AS pos
    FROM (
      SELECT seq, sum(CAST(starts AS INTEGER)) OVER c AS n, rn,
        max(CASE WHEN starts THEN rn END) OVER c AS start_rn, customer_id
      FROM (
        SELECT seq, customer_id, row_number() OVER w AS rn,
          coalesce(epoch_us(ts) - epoch_us(lag(ts) OVER w) > CAST(${plan.gapMicros} AS BIGINT), true) AS starts
        FROM (${scopedKeys(plan, false)})
        WINDOW w AS (PARTITION BY customer_id ORDER BY ts, seq)
      )
      WINDOW c AS (PARTITION BY customer_id ORDER BY rn ROWS UNBOUNDED PRECEDING)
    )`;
}

/** The columns of `jl_journey_steps`, in order: the table's contract with its readers. */
export const JOURNEY_STEP_COLUMNS = [
  'customer_id',
  'journey_id',
  'seq',
  'ts',
  'activity',
  'touchpoint',
  'stage',
  'stage_index',
  'team',
  'layer',
  'channel',
  'outcome',
  'duration_s',
  'wait_s',
  'cost',
  'reason',
  'segment',
  'pos',
] as const;

/**
 * The steps table: the journey index joined back to the events (on the unique `seq`), to
 * the activity table and to the customers' segments, in one pass over the events.
 */
export function createJourneySteps(plan: TJourneyPlan): TSql {
  return sql`CREATE OR REPLACE TEMP TABLE ${raw(JOURNEY_STEPS)} AS
    SELECT e.customer_id, i.journey_id, e.seq, e.ts, e.activity, a.touchpoint, a.stage,
      a.stage_index, a.team, a.layer, coalesce(e.channel, a.channel) AS channel, e.outcome,
      e.duration_s, e.wait_s, e.cost, e.reason, s.segment, i.pos
    FROM events e
    JOIN (${journeyIndex(plan)}) i ON i.seq = e.seq
    JOIN ${raw(ACTIVITIES)} a ON a.activity = e.activity
    LEFT JOIN ${raw(SEGMENTS)} s ON s.customer_id = e.customer_id`;
}

/** Drops the steps table, for a caller done with the analyses of this session. */
export const dropJourneySteps = raw(`DROP TABLE IF EXISTS ${JOURNEY_STEPS}`);

/**
 * Every statement that builds the steps table, in order. The old steps go first, so a build
 * that fails never leaves the previous one behind as if it were current.
 */
export function buildJourneyStatements(plan: TJourneyPlan): TSql[] {
  return [
    dropJourneySteps,
    ...touchpointTable(plan),
    ...exactTable(plan),
    activityTable(plan),
    segmentTable(plan),
    createJourneySteps(plan),
  ];
}

/** The helper tables; the steps table stays for the analyses that follow. */
export const dropHelpers = [TOUCHPOINTS, EXACT, ACTIVITIES, SEGMENTS].map((t) =>
  raw(`DROP TABLE IF EXISTS ${t}`),
);

/** 1 when this session has a steps table, else 0. */
export const journeyStepsExist = sql`SELECT count(*) AS n FROM information_schema.tables
  WHERE table_name = ${JOURNEY_STEPS}`;

/** Counts over the steps: a journey has exactly one step at position 1. */
export const journeyTotals =
  raw(`SELECT count(*) AS events, count(*) FILTER (WHERE pos = 1) AS journeys,
  count(DISTINCT customer_id) AS customers, count(touchpoint) AS mapped FROM ${JOURNEY_STEPS}`);

/** Activities that map to no touchpoint, most frequent first (ties by name). */
export const unmappedActivities =
  raw(`SELECT activity, count(*) AS events, count(DISTINCT customer_id) AS customers
  FROM ${JOURNEY_STEPS} WHERE touchpoint IS NULL GROUP BY activity ORDER BY events DESC, activity`);
