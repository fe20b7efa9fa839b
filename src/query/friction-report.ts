/**
 * What a report reads from `jl_friction`: totals per type and touchpoint, time series per day,
 * week and month (periods in the workspace's time zone), breakdowns by segment, stage, team and
 * channel, and ping-pong journeys. Strings only, no I/O.
 */
import type { TFrictionRules } from '../model/workspace-schema.js';
import { kindOf, OCCURRENCES, typeOfKind } from './friction.js';
import { JOURNEY_STEPS, stageOfIndex, TOUCHPOINTS } from './journeys.js';
import { localTime, type TLocalClock } from './local-time.js';
import { join, raw, sql, type TSql } from './sql.js';

export const GRAINS = ['day', 'week', 'month'] as const;
export type TGrain = (typeof GRAINS)[number];

export const BREAKDOWNS = ['segment', 'stage', 'team', 'channel'] as const;
export type TBreakdown = (typeof BREAKDOWNS)[number];

/* The queries group the occurrences by their codes and name the groups afterwards. */

/** Types and touchpoints named for groups of (kind, tp) codes in `grouped`, alias `g`. */
function named(columns: string, grouped: TSql): TSql {
  return sql`SELECT ${typeOfKind('g.kind')} AS type, t.touchpoint, ${raw(columns)}
    FROM (${grouped}) g JOIN ${raw(TOUCHPOINTS)} t ON t.code = g.tp`;
}

/** Occurrences and customers affected per type and touchpoint, most frequent first. */
export const frictionTotals = sql`${named(
  't.stage, t.team, g.occurrences, g.customers, g.first_seen, g.last_seen',
  raw(`SELECT kind, tp, count(*) AS occurrences, count(DISTINCT customer_id) AS customers,
    min(ts) AS first_seen, max(ts) AS last_seen FROM ${OCCURRENCES} GROUP BY kind, tp`),
)} ORDER BY occurrences DESC, type, touchpoint`;

/**
 * The series of each type and touchpoint at every grain (`grain`: day, week, month); periods
 * are ISO dates of their first day on `clock` (local-time.ts; weeks start Monday). One query:
 * each occurrence's local time is computed once for the three grains.
 */
export function frictionSeries(clock: TLocalClock): TSql {
  // Truncate per row, format per group: formatting every row costs more than the grouping.
  const grains = GRAINS.map(
    (grain) => sql`SELECT ${grain} AS grain, kind, tp, date_trunc(${grain}, local_ts) AS period,
        count(*) AS occurrences, count(DISTINCT customer_id) AS customers
      FROM occurrences GROUP BY ALL`,
  );
  return sql`WITH occurrences AS MATERIALIZED (
      SELECT kind, tp, customer_id, ${localTime(clock, raw('ts'))} AS local_ts FROM ${raw(OCCURRENCES)})
    ${named(
      `g.grain, strftime(g.period, '%Y-%m-%d') AS period, g.occurrences, g.customers`,
      join(grains, ' UNION ALL '),
    )}
    ORDER BY grain, type, touchpoint, period`;
}

/** Occurrences and customers per type and one dimension (NULL: none, e.g. no segment). */
export function frictionBreakdown(by: TBreakdown): TSql {
  // A stage is grouped by its position and named afterwards; a team comes with its touchpoint.
  const column = {
    segment: 'o.segment',
    stage: 'o.stage_index',
    team: 't.team',
    channel: 'o.channel',
  }[by];
  const value = by === 'stage' ? stageOfIndex('g.value') : raw('g.value');
  return sql`SELECT ${typeOfKind('g.kind')} AS type, ${value} AS value, g.occurrences, g.customers
    FROM (SELECT o.kind, ${raw(column)} AS value, count(*) AS occurrences,
        count(DISTINCT o.customer_id) AS customers
      FROM ${raw(OCCURRENCES)} o ${raw(by === 'team' ? `JOIN ${TOUCHPOINTS} t ON t.code = o.tp` : '')}
      GROUP BY ALL) g
    ORDER BY type, occurrences DESC, value`;
}

/** Distinct customers per type, touchpoint and segment ('' for none), for pricing. */
export const frictionCustomersBySegment = sql`${named(
  'g.segment, g.customers',
  raw(`SELECT kind, tp, coalesce(segment, '') AS segment, count(DISTINCT customer_id) AS customers
    FROM ${OCCURRENCES} GROUP BY ALL`),
)} ORDER BY type, touchpoint, segment, customers`;

/**
 * Ping-pong: among journeys with at least two hand-offs in one stage, those whose frontstage
 * steps in that stage, read as owning teams with repeats collapsed, have at least `minLegs`
 * legs and return to a team already left (A → B → A).
 */
export function pingPongJourneys(rules: TFrictionRules['handoff']): TSql {
  return sql`WITH candidates AS (
      SELECT journey, stage_index FROM ${raw(OCCURRENCES)} WHERE kind = ${raw(kindOf('handoff'))}
      GROUP BY journey, stage_index HAVING count(*) >= 2)
    SELECT any_value(journey_id) AS journey_id, any_value(customer_id) AS customer_id, stage,
      count(*) AS legs,
      list(team ORDER BY pos) AS teams
    FROM (
      SELECT s.journey, s.journey_id, s.customer_id, s.pos, t.stage, t.team,
        lag(t.team) OVER (PARTITION BY s.journey, t.stage ORDER BY s.pos) AS previous_team
      FROM ${raw(JOURNEY_STEPS)} s JOIN ${raw(TOUCHPOINTS)} t ON t.code = s.tp
        JOIN candidates c ON c.journey = s.journey AND c.stage_index = t.stage_index
      WHERE t.layer = 'frontstage' AND t.handoff_stage)
    WHERE previous_team IS DISTINCT FROM team
    GROUP BY journey, stage
    HAVING count(*) >= ${rules.pingPongMin} AND count(DISTINCT team) < count(*)
    ORDER BY journey_id, stage`;
}
