/**
 * Shared stage metrics (one scorecard per stage of the experience, not per department), in SQL
 * over `jl_journeys` (which keeps, per stage, the first and last time a journey was in it), the
 * steps and the friction table. Definitions, per stage in workspace order:
 * - entering: journeys and customers with at least one step in the stage;
 * - conversion: the share of entering journeys with a step in the next stage of the workspace
 *   order at or after their first step in this one (none for the last stage);
 * - time in stage: from a journey's first to its last step in the stage (mean, median);
 * - time to next stage: for converted journeys, from the first step here to the first step in
 *   the next stage (mean, median);
 * - friction rate: customers with a friction occurrence in the stage over customers entering;
 * - teams: the owners of the stage's touchpoints with their share of the stage's steps.
 * Strings only, no I/O.
 */
import { FRICTION } from './friction.js';
import { JOURNEY_STEPS, JOURNEYS, TOUCHPOINTS } from './journeys.js';
import { raw, type TSql } from './sql.js';

const seconds = (later: string, earlier: string): string =>
  `(epoch_ms(${later}) - epoch_ms(${earlier})) / 1000.0`;

/**
 * One row with, per stage k, the columns `journeys_k`, `converted_k`, `span_mean_k`, ...
 * (customers per stage come from journeys.ts `stageReach`).
 */
export function stageJourneyMetrics(stageCount: number): TSql {
  if (stageCount === 0) return raw('SELECT 1 AS none');
  const columns: string[] = [];
  for (let k = 0; k < stageCount; k++) {
    const first = `stage_${k}_first`;
    const entered = `${first} IS NOT NULL`;
    const span = seconds(`stage_${k}_last`, first);
    columns.push(
      `count(*) FILTER (WHERE ${entered}) AS journeys_${k}`,
      `avg(${span}) AS span_mean_${k}, median(${span}) AS span_median_${k}`,
    );
    if (k + 1 < stageCount) {
      const next = `stage_${k + 1}_first`;
      const converted = `${entered} AND stage_${k + 1}_last >= ${first}`;
      const toNext = `CASE WHEN ${next} >= ${first} THEN ${seconds(next, first)} END`;
      columns.push(
        `count(*) FILTER (WHERE ${converted}) AS converted_${k}`,
        `avg(${toNext}) FILTER (WHERE ${converted}) AS next_mean_${k}`,
        `median(${toNext}) FILTER (WHERE ${converted}) AS next_median_${k}`,
      );
    }
  }
  // Every name here is ours (stage positions), never user input: plain text is safe.
  return raw(`SELECT ${columns.join(',\n  ')} FROM ${JOURNEYS}`);
}

/** Customers with at least one friction occurrence, per stage. */
export const stageFrictionCustomers = raw(`SELECT stage, count(DISTINCT customer_id) AS customers
  FROM ${FRICTION} GROUP BY stage`);

/** The teams that own each stage's steps, with their share of the stage's steps. */
export const stageTeams = raw(`SELECT t.stage, t.team, sum(n) AS steps,
    sum(n) / sum(sum(n)) OVER (PARTITION BY t.stage) AS share
  FROM (SELECT tp, count(*) AS n FROM ${JOURNEY_STEPS} GROUP BY tp) s
    JOIN ${TOUCHPOINTS} t ON t.code = s.tp
  GROUP BY t.stage, t.team ORDER BY any_value(t.stage_index), steps DESC, t.team`);
