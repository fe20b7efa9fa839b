/**
 * Variants over `jl_journey_steps`: the distinct touchpoint sequences of the journeys, per
 * segment, with journey and customer counts and the journeys started per month. Unmapped steps
 * are left out of a sequence, so positions count mapped steps only; a journey with no mapped
 * step has the empty sequence. As in discovery, a sequence is grouped by an order-sensitive
 * fingerprint (sum of hash(touchpoint, position)) plus its length instead of building a list
 * per journey, and only the example journey of each variant has its sequence listed.
 * Strings only, no I/O.
 */
import { JOURNEY_STEPS } from './journeys.js';
import { raw, sql, type TSql } from './sql.js';

const INSTANCES = 'jl_journey_instances';
const RECOUNTED = 'jl_journey_recounted';
const VARIANTS = 'jl_journey_variants';

/**
 * One row per journey: its customer, segment, number of steps and of mapped steps, first
 * ingest sequence (for the example), the month it started in `timezone`, and the fingerprint
 * by `pos`, which is the mapped position wherever every step of the journey is mapped.
 */
export function createJourneyInstances(timezone: string): TSql {
  return sql`CREATE OR REPLACE TEMP TABLE ${raw(INSTANCES)} AS
    SELECT journey_id, min(customer_id) AS customer_id, min(segment) AS segment,
      sum(hash(touchpoint, pos)) FILTER (WHERE touchpoint IS NOT NULL) AS fingerprint,
      count(touchpoint) AS length, count(*) AS steps, min(seq) AS first_seq,
      strftime(timezone(${timezone}, min(ts)), '%Y-%m') AS month
    FROM ${raw(JOURNEY_STEPS)} GROUP BY journey_id`;
}

/**
 * The fingerprint of the journeys that have both mapped and unmapped steps, over positions
 * recounted among the mapped steps. Only those journeys pay for the window pass, so a
 * workspace that maps every activity skips it.
 */
export const createRecounted = raw(`CREATE OR REPLACE TEMP TABLE ${RECOUNTED} AS
  SELECT journey_id, sum(hash(touchpoint, mapped_pos)) AS fingerprint
  FROM (
    SELECT journey_id, touchpoint, row_number() OVER (PARTITION BY journey_id ORDER BY pos) AS mapped_pos
    FROM ${JOURNEY_STEPS}
    WHERE touchpoint IS NOT NULL
      AND journey_id IN (SELECT journey_id FROM ${INSTANCES} WHERE length > 0 AND length < steps)
  )
  GROUP BY journey_id`);

/** One row per (segment, sequence); the example is the journey seen first. */
export const createVariants = raw(`CREATE OR REPLACE TEMP TABLE ${VARIANTS} AS
  SELECT i.segment, coalesce(r.fingerprint, i.fingerprint, 0) AS variant_fingerprint, i.length,
    count(*) AS journeys, count(DISTINCT i.customer_id) AS customers,
    arg_min(i.journey_id, i.first_seq) AS example, min(i.first_seq) AS first_seq,
    histogram(i.month) AS months
  FROM ${INSTANCES} i LEFT JOIN ${RECOUNTED} r ON r.journey_id = i.journey_id
  GROUP BY i.segment, variant_fingerprint, i.length`);

/** The variants, most journeys first (ties by first appearance), with the example's sequence. */
export const listVariants = raw(`SELECT v.segment, v.journeys, v.customers, v.example,
    coalesce(s.touchpoints, []) AS touchpoints,
    map_keys(v.months) AS months, map_values(v.months) AS month_counts
  FROM ${VARIANTS} v LEFT JOIN (
    SELECT journey_id, list(touchpoint ORDER BY pos) AS touchpoints FROM ${JOURNEY_STEPS}
    WHERE touchpoint IS NOT NULL AND journey_id IN (SELECT example FROM ${VARIANTS})
    GROUP BY journey_id
  ) s ON s.journey_id = v.example
  ORDER BY v.journeys DESC, v.first_seq`);

export const createVariantTables = (timezone: string): TSql[] => [
  createJourneyInstances(timezone),
  createRecounted,
  createVariants,
];

export const dropVariantTables = [INSTANCES, RECOUNTED, VARIANTS].map((t) =>
  raw(`DROP TABLE IF EXISTS ${t}`),
);
