/**
 * Discovery in SQL: one ordered pass (window over each journey instance, ordered by time then
 * ingest sequence) materialises the steps; every result is then a small GROUP BY over it.
 * A case-level table (fingerprint, length, duration) then feeds cases, variants and durations.
 * Variants are grouped by an order-sensitive fingerprint (sum of hash(activity, position))
 * instead of building and sorting a list per case, which is the slow path on large logs.
 * Activities travel through the steps as an ENUM (a small integer per value), which makes the
 * window pass and every GROUP BY over activities cheaper than on strings; results cast back.
 */
import type { TDiscoveryFilter } from '../model/discovery.js';
import { STAGING_DB } from './schema.js';
import { join, raw, sql, type TSql } from './sql.js';

export const STEPS = 'jl_steps';
/** Lives in the scratch database, so discovery never writes to the store file. */
const ACTIVITY_TYPE = `${STAGING_DB}.jl_activity`;
const CASES = 'jl_cases';
const VARIANTS = 'jl_variants';

/** The journey instance: the case id where given, else the customer. */
const CASE_KEY = raw('coalesce(e.case_id, e.customer_id)');

export type TDiscoveryScope = TDiscoveryFilter & {
  /** Rendered predicate over `customers c` for the segment filter (see segment-sql.ts). */
  segmentPredicate?: TSql | undefined;
};

/** The WHERE clause over `events e` for a filter; decided here, so it can be unit-tested. */
export function eventFilter(scope: TDiscoveryScope): TSql {
  const conditions: TSql[] = [];
  if (scope.channels !== undefined && scope.channels.length > 0) {
    conditions.push(sql`e.channel IN (${join(scope.channels.map((c) => sql`${c}`))})`);
  }
  if (scope.from !== undefined) conditions.push(sql`e.ts >= CAST(${scope.from} AS TIMESTAMPTZ)`);
  if (scope.to !== undefined) conditions.push(sql`e.ts < CAST(${scope.to} AS TIMESTAMPTZ)`);
  if (scope.segmentPredicate !== undefined) {
    conditions.push(
      sql`e.customer_id IN (SELECT c.customer_id FROM customers c WHERE ${scope.segmentPredicate})`,
    );
  }
  return conditions.length === 0 ? raw('true') : join(conditions, ' AND ');
}

/** The enum of activity names (re-created per discovery: the data may have changed). */
export const createActivityType = [
  raw(`DROP TYPE IF EXISTS ${ACTIVITY_TYPE}`),
  // '' is never an activity (empty names are quarantined); it keeps the enum non-empty.
  raw(`CREATE TYPE ${ACTIVITY_TYPE} AS ENUM (SELECT activity FROM events UNION SELECT '')`),
];

export function createSteps(scope: TDiscoveryScope): TSql {
  const activity = raw(`CAST(e.activity AS ${ACTIVITY_TYPE})`);
  return sql`CREATE OR REPLACE TEMP TABLE ${raw(STEPS)} AS
    SELECT ${CASE_KEY} AS case_key, ${activity} AS activity, e.ts, e.seq,
      lead(${activity}) OVER w AS next_activity,
      epoch_ms(lead(e.ts) OVER w) - epoch_ms(e.ts) AS gap_ms,
      row_number() OVER w AS pos
    FROM events e
    WHERE ${eventFilter(scope)}
    WINDOW w AS (PARTITION BY ${CASE_KEY} ORDER BY e.ts, e.seq)`;
}

/**
 * One row per journey instance: its variant fingerprint, length, first ingest sequence
 * (for "first seen") and duration. Cases, variants and durations all read this small table.
 */
export const createCases = raw(`CREATE OR REPLACE TEMP TABLE ${CASES} AS
  SELECT case_key, sum(hash(activity, pos)) AS fingerprint, count(*) AS length, min(seq) AS first_seq,
    (max(epoch_ms(ts)) - min(epoch_ms(ts))) / 1000.0 AS duration_s
  FROM ${STEPS} GROUP BY case_key`);

export const createVariants = raw(`CREATE OR REPLACE TEMP TABLE ${VARIANTS} AS
  SELECT fingerprint, length, count(*) AS n, arg_min(case_key, first_seq) AS example, min(first_seq) AS first_seq,
    avg(duration_s) AS mean_s
  FROM ${CASES} GROUP BY fingerprint, length`);

export const totals =
  raw(`SELECT (SELECT count(*) FROM ${STEPS}) AS events, (SELECT count(*) FROM ${CASES}) AS cases,
  (SELECT count(*) FROM ${VARIANTS}) AS variants`);

/** Name-ordered output of a count per activity enum value. */
function countsBy(where: string): TSql {
  return raw(`SELECT CAST(activity AS VARCHAR) AS activity, count(*) AS n FROM ${STEPS} ${where}
  GROUP BY ${STEPS}.activity ORDER BY n DESC, 1`);
}

export const activityCounts = countsBy('');

export const directlyFollows = raw(`SELECT CAST(activity AS VARCHAR) AS "from",
  CAST(next_activity AS VARCHAR) AS "to", count(*) AS n,
  avg(gap_ms) / 1000.0 AS mean_s, median(gap_ms) / 1000.0 AS median_s
  FROM ${STEPS} WHERE next_activity IS NOT NULL
  GROUP BY ${STEPS}.activity, ${STEPS}.next_activity ORDER BY n DESC, "from", "to"`);

export const startActivities = countsBy('WHERE pos = 1');

export const endActivities = countsBy('WHERE next_activity IS NULL');

/**
 * The most frequent variants with one example case each and their mean duration (first to
 * last event, seconds); ties by first appearance.
 */
export function topVariants(limit: number): TSql {
  return sql`SELECT n, example, mean_s FROM ${raw(VARIANTS)} ORDER BY n DESC, first_seq LIMIT ${limit}`;
}

/** The activity sequences of the example cases of the top variants. */
export function sequencesOf(caseKeys: readonly string[]): TSql {
  if (caseKeys.length === 0) return raw(`SELECT NULL AS case_key, [] AS activities WHERE false`);
  return sql`SELECT case_key, list(CAST(activity AS VARCHAR) ORDER BY pos) AS activities FROM ${raw(STEPS)}
    WHERE case_key IN (${join(caseKeys.map((k) => sql`${k}`))}) GROUP BY case_key`;
}

export const caseDurations = raw(`SELECT avg(duration_s) AS mean, median(duration_s) AS median,
  min(duration_s) AS min, max(duration_s) AS max FROM ${CASES}`);

export const dropAll = [
  ...[STEPS, CASES, VARIANTS].map((t) => raw(`DROP TABLE IF EXISTS ${t}`)),
  raw(`DROP TYPE IF EXISTS ${ACTIVITY_TYPE}`),
];
