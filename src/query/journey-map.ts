/**
 * What the journey map reads beyond the analysis results, over the scratch tables the analysis
 * leaves on the reading session (journeys.ts, feedback.ts): per touchpoint, its steps,
 * customers and journeys, for all customers and for one segment; and per touchpoint a few
 * verbatims, the segment's first. Strings only: the caller runs them after the analysis.
 */
import { FEEDBACK } from './feedback.js';
import { FRICTION } from './friction.js';
import { JOURNEY_STEPS, JOURNEYS, TOUCHPOINTS } from './journeys.js';
import { join, param, raw, sql, type TSql } from './sql.js';

const touchpointIn = (touchpoints: readonly string[]): TSql =>
  touchpoints.length === 0 ? raw('false') : sql`t.touchpoint IN (${join(touchpoints.map(param))})`;

/** Per touchpoint: steps, customers and journeys; `segment_…` for the segment's customers. */
export function touchpointVolumes(touchpoints: readonly string[], segment: string): TSql {
  return sql`SELECT t.touchpoint, count(*) AS steps,
      count(DISTINCT s.customer_id) AS customers, count(DISTINCT s.journey) AS journeys,
      count(*) FILTER (WHERE j.segment = ${segment}) AS segment_steps,
      count(DISTINCT s.customer_id) FILTER (WHERE j.segment = ${segment}) AS segment_customers,
      count(DISTINCT s.journey) FILTER (WHERE j.segment = ${segment}) AS segment_journeys
    FROM ${raw(JOURNEY_STEPS)} s JOIN ${raw(TOUCHPOINTS)} t ON t.code = s.tp
      JOIN ${raw(JOURNEYS)} j ON j.journey = s.journey
    WHERE ${touchpointIn(touchpoints)}
    GROUP BY t.touchpoint ORDER BY t.touchpoint`;
}

/**
 * Up to `limit` verbatims per touchpoint, the segment's customers first, then the latest; with
 * the touchpoint's verbatims in all and of the segment.
 */
export function touchpointVerbatims(
  touchpoints: readonly string[],
  segment: string,
  limit: number,
): TSql {
  return sql`SELECT t.touchpoint, f.segment, f.kind, f.score, f.verbatim, f.ts, f.total, f.of_segment
    FROM (
      SELECT f.*, row_number() OVER (PARTITION BY f.tp
          ORDER BY coalesce(f.segment = ${segment}, false) DESC, f.ts DESC, f.seq DESC) AS r,
        count(*) OVER (PARTITION BY f.tp) AS total,
        count(*) FILTER (WHERE f.segment = ${segment}) OVER (PARTITION BY f.tp) AS of_segment
      FROM ${raw(FEEDBACK)} f
      WHERE f.tp IS NOT NULL AND f.verbatim IS NOT NULL AND trim(f.verbatim) <> ''
    ) f JOIN ${raw(TOUCHPOINTS)} t ON t.code = f.tp
    WHERE f.r <= ${limit} AND ${touchpointIn(touchpoints)}
    ORDER BY t.touchpoint, f.r`;
}

/** Per touchpoint and friction type: the segment's occurrences and customers. */
export function segmentFriction(touchpoints: readonly string[], segment: string): TSql {
  return sql`SELECT t.touchpoint, f.type, count(*) AS occurrences,
      count(DISTINCT f.customer_id) AS customers
    FROM ${raw(FRICTION)} f JOIN ${raw(TOUCHPOINTS)} t ON t.code = f.tp
    WHERE f.segment = ${segment} AND ${touchpointIn(touchpoints)}
    GROUP BY ALL ORDER BY ALL`;
}
