/**
 * The SQL of routing by contact reason: the decision log (`routing_decisions`, app state), what
 * the live context loads (each customer's segment, the contacts of the last days), and the
 * reports (contact volumes from events or decisions, self-service containment). Which events
 * are contacts follows `friction`: steps at `contactTouchpoints` when the workspace lists them
 * (their raw activity names, resolved in TypeScript, arrive here), else events with a reason.
 * Times travel as epoch milliseconds. DuckDB dialect. Strings only, no I/O.
 */
import type { TSegmentRule } from '../model/segment-rule.js';
import { rulePredicate } from './segment-sql.js';
import { join, param, raw, sql, type TSql } from './sql.js';

export const DECISIONS = 'routing_decisions';

/** Which events are contacts: by their reason, or by their raw activity name. */
export type TContactFilter =
  { byReason: true } | { byReason: false; activities: readonly string[] };

export function createRoutingSchema(): TSql[] {
  return [
    raw(`CREATE TABLE IF NOT EXISTS ${DECISIONS} (
      decision_id VARCHAR NOT NULL,
      decided_at TIMESTAMPTZ NOT NULL,
      customer_id VARCHAR,
      known_customer BOOLEAN NOT NULL,
      segment VARCHAR,
      primary_reason VARCHAR NOT NULL,
      secondary_reason VARCHAR,
      channel VARCHAR NOT NULL,
      stage VARCHAR,
      rule_id VARCHAR,
      base_treatment VARCHAR NOT NULL,
      treatment VARCHAR NOT NULL,
      adjustments VARCHAR,
      contacts INTEGER NOT NULL
    )`),
  ];
}

/** One row of the decision log as the writer sends it (JSON). */
export type TDecisionRow = {
  decision_id: string;
  /** Epoch milliseconds. */
  decided_at: number;
  customer_id: string | null;
  known_customer: boolean;
  segment: string | null;
  primary_reason: string;
  secondary_reason: string | null;
  channel: string;
  stage: string | null;
  rule_id: string | null;
  base_treatment: string;
  treatment: string;
  adjustments: string | null;
  contacts: number;
};

const DECISION_JSON_SHAPE = JSON.stringify([
  {
    decision_id: 'VARCHAR',
    decided_at: 'BIGINT',
    customer_id: 'VARCHAR',
    known_customer: 'BOOLEAN',
    segment: 'VARCHAR',
    primary_reason: 'VARCHAR',
    secondary_reason: 'VARCHAR',
    channel: 'VARCHAR',
    stage: 'VARCHAR',
    rule_id: 'VARCHAR',
    base_treatment: 'VARCHAR',
    treatment: 'VARCHAR',
    adjustments: 'VARCHAR',
    contacts: 'INTEGER',
  },
]);

/** Appends a batch of decisions passed as one JSON array (one bind parameter, however many rows). */
export function insertDecisions(rowsJson: string): TSql {
  return sql`INSERT INTO ${raw(DECISIONS)}
    SELECT decision_id, to_timestamp(decided_at / 1000.0), customer_id, known_customer, segment,
      primary_reason, secondary_reason, channel, stage, rule_id, base_treatment, treatment,
      adjustments, contacts
    FROM (SELECT unnest(from_json(CAST(${rowsJson} AS JSON), ${DECISION_JSON_SHAPE}), recursive := true))`;
}

const at = (ms: number): TSql => sql`to_timestamp(${ms} / 1000.0)`;

function contactCondition(filter: TContactFilter, prefix = ''): TSql {
  if (filter.byReason) return raw(`${prefix}reason IS NOT NULL`);
  if (filter.activities.length === 0) return raw('false');
  return sql`${raw(prefix)}activity IN (${join(filter.activities.map(param))})`;
}

/** A chunk of customers by the hash of their id, so a large table is read in parts. */
function chunkOf(column: string, chunk: { index: number; of: number }): TSql {
  return sql`hash(${raw(column)}) % ${chunk.of} = ${chunk.index}`;
}

/** The distinct activities of the events since a time (to resolve contact touchpoints). */
export function activitiesSince(sinceMs: number | null): TSql {
  return sinceMs === null
    ? raw('SELECT DISTINCT activity FROM events')
    : sql`SELECT DISTINCT activity FROM events WHERE ts >= ${at(sinceMs)}`;
}

/** The latest ingest sequence number (−1 when there are no events). */
export const maxEventSeq = raw('SELECT coalesce(max(seq), -1) AS seq FROM events');

/**
 * One chunk of the contacts since a time, as ONE row holding a JSON array of
 * `[customer, epoch ms, reason, channel, activity when there is no channel, outcome]` (all
 * text): turning a few hundred thousand rows into JavaScript objects one by one costs several
 * times what the engine takes to find them; one JSON text parses at native speed.
 */
export function recentContacts(
  sinceMs: number,
  filter: TContactFilter,
  chunk: { index: number; of: number },
): TSql {
  return sql`SELECT coalesce('[' || string_agg(to_json([customer_id, CAST(epoch_ms(ts) AS VARCHAR),
      reason, channel, CASE WHEN channel IS NULL THEN activity END, outcome]), ',') || ']', '[]') AS rows
    FROM events
    WHERE ts >= ${at(sinceMs)} AND ${contactCondition(filter)} AND ${chunkOf('customer_id', chunk)}`;
}

/** The latest customers import (0 when none): customers re-imported later carry a larger one. */
export const maxCustomerImport = raw(
  'SELECT coalesce(max(import_id), 0) AS import_id FROM customers',
);

/**
 * The customers imported after `afterImport`, grouped by the position of their segment among
 * `rules` (first match wins; NULL when none matches, as `matchesRule` decides): one row per
 * segment with its customer ids as a JSON array (see `recentContacts` for why JSON).
 */
export function customerSegments(rules: readonly TSegmentRule[], afterImport: number): TSql {
  const segment =
    rules.length === 0
      ? raw('CAST(NULL AS INTEGER)')
      : sql`CASE ${join(
          rules.map((r, i) => sql`WHEN ${rulePredicate(r)} THEN ${raw(String(i))}`),
          ' ',
        )} END`;
  return sql`SELECT segment, count(*) AS customers, to_json(list(customer_id)) AS ids FROM (
      SELECT c.customer_id, ${segment} AS segment FROM customers c WHERE c.import_id > ${afterImport})
    GROUP BY segment`;
}

// ---------------------------------------------------------------------------------------------
// Reports

/** Activity → touchpoint channel and stage, for the activities that map to a touchpoint. */
export type TActivityRow = { activity: string; channel: string; stage: string };

function activityMap(rows: readonly TActivityRow[]): TSql {
  if (rows.length === 0)
    return raw(
      '(SELECT CAST(NULL AS VARCHAR) AS activity, CAST(NULL AS VARCHAR) AS channel, CAST(NULL AS VARCHAR) AS stage WHERE false)',
    );
  const tuples = rows.map((r) => sql`(${r.activity}, ${r.channel}, ${r.stage})`);
  return sql`(SELECT * FROM (VALUES ${join(tuples)}) v(activity, channel, stage))`;
}

export type TRange = { fromMs: number | null; toMs: number | null };

function inRange(column: string, range: TRange): TSql {
  const parts: TSql[] = [];
  if (range.fromMs !== null) parts.push(sql`${raw(column)} >= ${at(range.fromMs)}`);
  if (range.toMs !== null) parts.push(sql`${raw(column)} < ${at(range.toMs)}`);
  return parts.length === 0 ? raw('true') : join(parts, ' AND ');
}

export const VOLUME_DIMENSIONS = ['reason', 'channel', 'stage'] as const;
export type TVolumeDimension = (typeof VOLUME_DIMENSIONS)[number];

/**
 * Contacts and distinct customers per reason (primary, and primary/secondary beneath it),
 * channel (the event's, else its touchpoint's) or stage (its touchpoint's; NULL: none).
 * Rows: `key`, `top` (1 on a key's own row, 0 on a full reason beneath its primary), `detail`
 * (that full reason), `contacts`, `customers`.
 */
export function eventVolumes(
  by: TVolumeDimension,
  filter: TContactFilter,
  activities: readonly TActivityRow[],
  range: TRange,
): TSql {
  const from = sql`FROM events e LEFT JOIN ${activityMap(activities)} m ON m.activity = e.activity
    WHERE ${contactCondition(filter, 'e.')} AND ${inRange('e.ts', range)}`;
  if (by === 'reason') {
    return sql`SELECT split_part(e.reason, '/', 1) AS key, grouping(e.reason) AS top, e.reason AS detail,
        count(*) AS contacts, count(DISTINCT e.customer_id) AS customers
      ${from}
      GROUP BY GROUPING SETS ((split_part(e.reason, '/', 1)), (split_part(e.reason, '/', 1), e.reason))
      ORDER BY top DESC, contacts DESC, key NULLS LAST, detail NULLS LAST`;
  }
  const key = by === 'channel' ? raw('coalesce(e.channel, m.channel)') : raw('m.stage');
  return sql`SELECT ${key} AS key, 1 AS top, CAST(NULL AS VARCHAR) AS detail, count(*) AS contacts,
      count(DISTINCT e.customer_id) AS customers
    ${from} GROUP BY 1 ORDER BY contacts DESC, key NULLS LAST`;
}

/** The same volumes over routing decisions (the stage is the one the caller gave). */
export function decisionVolumes(by: TVolumeDimension, range: TRange): TSql {
  const from = sql`FROM ${raw(DECISIONS)} WHERE ${inRange('decided_at', range)}`;
  const who = raw('count(DISTINCT customer_id) AS customers');
  if (by === 'reason') {
    const full = raw(
      "CASE WHEN secondary_reason IS NULL THEN primary_reason ELSE primary_reason || '/' || secondary_reason END",
    );
    return sql`SELECT primary_reason AS key, grouping(${full}) AS top, ${full} AS detail,
        count(*) AS contacts, ${who}
      ${from}
      GROUP BY GROUPING SETS ((primary_reason), (primary_reason, ${full}))
      ORDER BY top DESC, contacts DESC, key, detail`;
  }
  return sql`SELECT ${raw(by)} AS key, 1 AS top, CAST(NULL AS VARCHAR) AS detail, count(*) AS contacts, ${who}
    ${from} GROUP BY 1 ORDER BY contacts DESC, key NULLS LAST`;
}

/** What the containment query needs to know. */
export type TContainmentPlan = {
  range: TRange;
  /** Decisions after this (epoch ms) are too recent to judge. */
  judgedUntilMs: number;
  /** The follow-up window N, in milliseconds. */
  windowMs: number;
  filter: TContactFilter;
  activities: readonly TActivityRow[];
  /** Channels whose contacts are self-service, not assisted. */
  selfServiceChannels: readonly string[];
};

/** Decisions in the range: all, self-service, self-service without a customer id, too recent. */
export function decisionCounts(plan: TContainmentPlan): TSql {
  return sql`SELECT count(*) AS decisions,
      count(*) FILTER (WHERE treatment = 'self-service') AS self_service,
      count(*) FILTER (WHERE treatment = 'self-service' AND customer_id IS NULL) AS untracked,
      count(*) FILTER (WHERE treatment = 'self-service' AND customer_id IS NOT NULL
        AND decided_at > ${at(plan.judgedUntilMs)}) AS pending
    FROM ${raw(DECISIONS)} WHERE ${inRange('decided_at', plan.range)}`;
}

/**
 * Self-service decisions that can be judged, per primary reason (and in total: `key` NULL),
 * with how many stayed contained: no assisted contact of the customer on the same primary
 * reason in (decided_at, decided_at + N] — neither a later decision that was not self-service
 * nor a contact event on a channel that is not self-service (an event without any channel
 * counts as assisted, so containment is never overstated).
 */
export function containment(plan: TContainmentPlan): TSql {
  const window = sql`to_milliseconds(CAST(${plan.windowMs} AS BIGINT))`;
  const selfService =
    plan.selfServiceChannels.length === 0
      ? raw('false')
      : sql`coalesce(e.channel, m.channel) IN (${join(plan.selfServiceChannels.map(param))})`;
  return sql`WITH d AS (
      SELECT decision_id, decided_at, customer_id, primary_reason FROM ${raw(DECISIONS)}
      WHERE treatment = 'self-service' AND customer_id IS NOT NULL
        AND ${inRange('decided_at', plan.range)} AND decided_at <= ${at(plan.judgedUntilMs)}),
    by_decision AS (
      SELECT DISTINCT d.decision_id FROM d JOIN ${raw(DECISIONS)} r
        ON r.customer_id = d.customer_id AND r.primary_reason = d.primary_reason
      WHERE r.treatment <> 'self-service' AND r.decided_at > d.decided_at
        AND r.decided_at <= d.decided_at + ${window}),
    by_event AS (
      SELECT DISTINCT d.decision_id FROM d JOIN events e
        ON e.customer_id = d.customer_id AND split_part(e.reason, '/', 1) = d.primary_reason
      LEFT JOIN ${activityMap(plan.activities)} m ON m.activity = e.activity
      WHERE ${contactCondition(plan.filter, 'e.')} AND e.ts > d.decided_at
        AND e.ts <= d.decided_at + ${window} AND NOT coalesce(${selfService}, false))
    SELECT d.primary_reason AS key, count(*) AS judged,
      count(*) FILTER (WHERE bd.decision_id IS NULL AND be.decision_id IS NULL) AS contained,
      count(bd.decision_id) AS returned_by_decision, count(be.decision_id) AS returned_by_event
    FROM d LEFT JOIN by_decision bd ON bd.decision_id = d.decision_id
      LEFT JOIN by_event be ON be.decision_id = d.decision_id
    GROUP BY GROUPING SETS ((), (d.primary_reason))
    ORDER BY key NULLS FIRST`;
}
