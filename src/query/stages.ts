/**
 * Shared stage metrics (one scorecard per stage of the experience, not per department), in
 * SQL over the journey steps table and the friction table.
 *
 * Definitions, per stage (stages in workspace order):
 * - entering: customers (and journeys) with at least one mapped step in the stage;
 * - conversion: the share of journeys that entered the stage and later, in the same journey,
 *   entered the next stage of the workspace order;
 * - time in stage: per journey, from its first step in the stage to its first step in another
 *   stage after that, or to its last step in the stage when it never left; mean and median;
 * - friction rate: customers with at least one friction occurrence in the stage, over the
 *   customers entering it;
 * - teams: the owners of the stage's steps, each with its share of the steps.
 */
import { sql, type TSql } from './sql.js';

/** One row per journey and stage it entered. */
function visits(steps: TSql): TSql {
  return sql`SELECT journey_id, any_value(customer_id) AS customer_id, stage,
      any_value(stage_index) AS stage_index, min(pos) AS first_pos, min(ts) AS first_ts, max(ts) AS last_ts
    FROM ${steps} WHERE stage IS NOT NULL GROUP BY journey_id, stage`;
}

/** One row per stage that has steps, in workspace order; the last stage has no conversion. */
export function stageMetrics(steps: TSql, friction: TSql, stageCount: number): TSql {
  return sql`WITH visits AS (${visits(steps)}),
    timed AS (
      SELECT v.*, epoch_ms(coalesce(lead(first_ts) OVER (PARTITION BY journey_id ORDER BY first_pos), last_ts))
        - epoch_ms(first_ts) AS stay_ms
      FROM visits v),
    converted AS (
      SELECT a.journey_id, a.stage, bool_or(b.journey_id IS NOT NULL) AS converted
      FROM visits a LEFT JOIN visits b
        ON b.journey_id = a.journey_id AND b.stage_index = a.stage_index + 1 AND b.first_pos > a.first_pos
      GROUP BY a.journey_id, a.stage),
    frictioned AS (SELECT stage, count(DISTINCT customer_id) AS customers FROM ${friction} GROUP BY stage)
    SELECT t.stage, any_value(t.stage_index) AS stage_index,
      count(DISTINCT t.customer_id) AS customers, count(*) AS journeys,
      CASE WHEN any_value(t.stage_index) < ${stageCount - 1} THEN avg(CAST(c.converted AS INTEGER)) END AS conversion,
      avg(t.stay_ms) / 1000.0 AS mean_seconds, median(t.stay_ms) / 1000.0 AS median_seconds,
      coalesce(any_value(f.customers), 0) / count(DISTINCT t.customer_id) AS friction_rate
    FROM timed t JOIN converted c USING (journey_id, stage) LEFT JOIN frictioned f USING (stage)
    GROUP BY t.stage ORDER BY stage_index`;
}

/** The teams that own each stage's steps, with their share of the stage's steps. */
export function stageTeams(steps: TSql): TSql {
  return sql`SELECT stage, team, count(*) AS steps,
      count(*) / sum(count(*)) OVER (PARTITION BY stage) AS share
    FROM ${steps} WHERE stage IS NOT NULL
    GROUP BY stage, team ORDER BY any_value(stage_index), steps DESC, team`;
}
