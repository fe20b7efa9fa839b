/**
 * Scorecards of the touchpoints a workspace declares as moments of truth, over the journey
 * steps and the friction table: volume, customers, success rate (steps not failed or
 * abandoned) and friction rate (steps that are a friction occurrence).
 */
import { join, raw, sql, type TSql } from './sql.js';

export function momentScores(touchpoints: readonly string[], steps: TSql, friction: TSql): TSql {
  if (touchpoints.length === 0) {
    return raw(`SELECT NULL::VARCHAR AS touchpoint, 0 AS volume, 0 AS customers, NULL::DOUBLE AS success_rate,
      NULL::DOUBLE AS friction_rate WHERE false`);
  }
  return sql`SELECT s.touchpoint, count(*) AS volume, count(DISTINCT s.customer_id) AS customers,
      avg(CASE WHEN s.outcome IN ('failed', 'abandoned') THEN 0 ELSE 1 END) AS success_rate,
      avg(CASE WHEN f.seq IS NULL THEN 0 ELSE 1 END) AS friction_rate
    FROM ${steps} s LEFT JOIN (SELECT DISTINCT seq FROM ${friction}) f ON f.seq = s.seq
    WHERE s.touchpoint IN (${join(touchpoints.map((t) => sql`${t}`))})
    GROUP BY s.touchpoint ORDER BY volume DESC, s.touchpoint`;
}

/** Distinct customers per friction type, touchpoint and segment, for pricing. */
export function frictionCustomersBySegment(friction: TSql): TSql {
  return sql`SELECT type, touchpoint, coalesce(segment, '') AS segment, count(DISTINCT customer_id) AS customers
    FROM ${friction} GROUP BY ALL ORDER BY ALL`;
}

/** Number of calendar months the steps span (at least 1), to turn totals into monthly rates. */
export function monthsObserved(steps: TSql): TSql {
  return sql`SELECT greatest(1, count(DISTINCT date_trunc('month', ts AT TIME ZONE 'UTC'))) AS months FROM ${steps}`;
}
