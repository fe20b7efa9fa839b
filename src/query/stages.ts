/**
 * Shared stage metrics (one scorecard per stage of the experience, not per department), in SQL
 * over `jl_journeys` (which keeps, per stage, the time of a journey's first step in it), the
 * steps and the friction table. Definitions, per stage in workspace order:
 * - entering: journeys and customers with at least one step in the stage;
 * - conversion: the share of entering journeys whose first step in the next stage of the
 *   workspace order comes at or after their first step in this one (none for the last stage);
 * - time in stage: from a journey's first step in the stage to its first step in a later stage
 *   after that, or to its last step when it moves on no further (mean, median);
 * - time to next stage: for converted journeys, from the first step here to the first step in
 *   the next stage (mean, median);
 * - friction rate: customers with a friction occurrence in the stage over customers entering;
 * - teams: the owners of the stage's touchpoints with their share of the stage's steps.
 * Strings only, no I/O.
 */
import { OCCURRENCES } from './friction.js';
import { JOURNEY_STEPS, JOURNEYS, stageOfIndex, TOUCHPOINTS } from './journeys.js';
import { raw, sql, type TSql } from './sql.js';

/** Whole milliseconds between two times: medians over integers are cheaper than over doubles. */
const millis = (later: string, earlier: string): string =>
  `epoch_ms(${later}) - epoch_ms(${earlier})`;

/**
 * One row per stage index entered by any journey: `journeys`, `converted` (none for the last
 * stage), and the mean and median `span` (time in stage) and `to_next` (time to the next
 * stage, converted journeys only), in seconds. Customers per stage come from journeys.ts
 * `stageReach`. The per-stage rows are stacked first and then grouped once, which is far
 * cheaper than a median per stage column over every journey; the durations are stacked as
 * whole milliseconds and turned into seconds after the aggregates (on 10M events 0.46 s
 * against 0.75 s for doubles).
 */
export function stageJourneyMetrics(stageCount: number): TSql {
  const parts: string[] = [];
  for (let k = 0; k < stageCount; k++) {
    const first = `stage_${k}_first`;
    // The first later stage the journey reaches after entering this one, else its last step.
    const later = Array.from(
      { length: stageCount - k - 1 },
      (_, i) => `CASE WHEN stage_${k + 1 + i}_first >= ${first} THEN stage_${k + 1 + i}_first END`,
    );
    const leaves = later.length === 0 ? 'last_ts' : `coalesce(least(${later.join(', ')}), last_ts)`;
    const next = `stage_${k + 1}_first`;
    const toNext =
      k + 1 < stageCount ? `CASE WHEN ${next} >= ${first} THEN ${millis(next, first)} END` : 'NULL';
    parts.push(`SELECT ${k} AS stage_index, ${millis(leaves, first)} AS span,
      CAST(${toNext} AS BIGINT) AS to_next FROM ${JOURNEYS} WHERE ${first} IS NOT NULL`);
  }
  if (parts.length === 0) return raw('SELECT 1 AS none WHERE false');
  // Every name here is ours (stage positions), never user input: plain text is safe.
  return raw(`SELECT stage_index, count(*) AS journeys, count(to_next) AS converted,
      avg(span) / 1000 AS span_mean, median(span) / 1000 AS span_median,
      avg(to_next) / 1000 AS next_mean, median(to_next) / 1000 AS next_median
    FROM (${parts.join('\n    UNION ALL ')})
    GROUP BY stage_index`);
}

/** Customers with at least one friction occurrence, per stage. */
export const stageFrictionCustomers = sql`SELECT ${stageOfIndex('g.stage_index')} AS stage, g.customers
  FROM (SELECT stage_index, count(DISTINCT customer_id) AS customers
    FROM ${raw(OCCURRENCES)} GROUP BY stage_index) g`;

/** The teams that own each stage's steps, with their share of the stage's steps. */
export const stageTeams = raw(`SELECT t.stage, t.team, sum(n) AS steps,
    sum(n) / sum(sum(n)) OVER (PARTITION BY t.stage) AS share
  FROM (SELECT tp, count(*) AS n FROM ${JOURNEY_STEPS} GROUP BY tp) s
    JOIN ${TOUCHPOINTS} t ON t.code = s.tp
  GROUP BY t.stage, t.team ORDER BY any_value(t.stage_index), steps DESC, t.team`);
