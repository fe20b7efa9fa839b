/**
 * Discovery in SQL: one ordered pass (window over each journey instance, ordered by time then
 * ingest sequence) materialises the steps; every result is then a small GROUP BY over it.
 * A case-level table (fingerprint, length, duration) then feeds cases, variants and durations.
 * Variants are grouped by an order-sensitive fingerprint (sum of hash(activity, position))
 * instead of building and sorting a list per case, which is the slow path on large logs.
 */
import type { TDiscoveryFilter } from '../model/discovery.js';
import { join, raw, sql, type TSql } from './sql.js';

export const STEPS = 'jl_steps';
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

export function createSteps(scope: TDiscoveryScope): TSql {
  return sql`CREATE OR REPLACE TEMP TABLE ${raw(STEPS)} AS
    SELECT ${CASE_KEY} AS case_key, e.activity, e.ts, e.seq,
      lead(e.activity) OVER w AS next_activity,
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
  SELECT fingerprint, length, count(*) AS n, arg_min(case_key, first_seq) AS example, min(first_seq) AS first_seq
  FROM ${CASES} GROUP BY fingerprint, length`);

export const totals =
  raw(`SELECT (SELECT count(*) FROM ${STEPS}) AS events, (SELECT count(*) FROM ${CASES}) AS cases,
  (SELECT count(*) FROM ${VARIANTS}) AS variants`);

export const activityCounts = raw(`SELECT activity, count(*) AS n FROM ${STEPS}
  GROUP BY activity ORDER BY n DESC, activity`);

export const directlyFollows = raw(`SELECT activity AS "from", next_activity AS "to", count(*) AS n,
  avg(gap_ms) / 1000.0 AS mean_s, median(gap_ms) / 1000.0 AS median_s
  FROM ${STEPS} WHERE next_activity IS NOT NULL
  GROUP BY activity, next_activity ORDER BY n DESC, "from", "to"`);

export const startActivities = raw(`SELECT activity, count(*) AS n FROM ${STEPS} WHERE pos = 1
  GROUP BY activity ORDER BY n DESC, activity`);

export const endActivities =
  raw(`SELECT activity, count(*) AS n FROM ${STEPS} WHERE next_activity IS NULL
  GROUP BY activity ORDER BY n DESC, activity`);

/** The most frequent variants with one example case each; ties by first appearance. */
export function topVariants(limit: number): TSql {
  return sql`SELECT n, example FROM ${raw(VARIANTS)} ORDER BY n DESC, first_seq LIMIT ${limit}`;
}

/** The activity sequences of the example cases of the top variants. */
export function sequencesOf(caseKeys: readonly string[]): TSql {
  if (caseKeys.length === 0) return raw(`SELECT NULL AS case_key, [] AS activities WHERE false`);
  return sql`SELECT case_key, list(activity ORDER BY pos) AS activities FROM ${raw(STEPS)}
    WHERE case_key IN (${join(caseKeys.map((k) => sql`${k}`))}) GROUP BY case_key`;
}

export const caseDurations = raw(`SELECT avg(duration_s) AS mean, median(duration_s) AS median,
  min(duration_s) AS min, max(duration_s) AS max FROM ${CASES}`);

export const dropAll = [STEPS, CASES, VARIANTS].map((t) => raw(`DROP TABLE IF EXISTS ${t}`));
