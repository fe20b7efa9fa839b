/**
 * What a report reads from the friction occurrences: totals per type and touchpoint, time
 * series per day, week and month (periods in the workspace's time zone), breakdowns by
 * segment, stage, team and channel, and ping-pong journeys. Strings only, no I/O.
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

/**
 * Each occurrence by type and touchpoint, with its local time on the clock and the local time
 * of the same customer's previous occurrence of that type at that touchpoint (NULL for the
 * first): created once per analysis (createFrictionLocal). A customer is counted in a group
 * (type, touchpoint and a period or segment) at their first occurrence there, so totals,
 * series and the customers by segment need no distinct count: on the 0.9M occurrences of the
 * 10M-event benchmark one ordering for all costs 0.25 s where five distinct counts cost 0.4 s.
 */
export const FRICTION_LOCAL = 'jl_friction_local';

/** FRICTION_LOCAL on `clock` (local-time.ts). Ordered by local time, periods never go back. */
export function createFrictionLocal(clock: TLocalClock): TSql {
  return sql`CREATE OR REPLACE TEMP TABLE ${raw(FRICTION_LOCAL)} AS
    SELECT kind, tp, segment, ts, local_ts,
      lag(local_ts) OVER (PARTITION BY kind, tp, customer_id ORDER BY local_ts) AS previous_local
    FROM (SELECT kind, tp, segment, customer_id, ts, ${localTime(clock, raw('ts'))} AS local_ts
      FROM ${raw(OCCURRENCES)})`;
}

/** The customer's first occurrence in the group (of `grain`, else of type and touchpoint). */
function firstOfCustomer(grain?: TGrain): TSql {
  if (grain === undefined) return raw('previous_local IS NULL');
  return sql`(previous_local IS NULL
    OR date_trunc(${grain}, previous_local) <> date_trunc(${grain}, local_ts))`;
}

/** Types and touchpoints named for groups of (kind, tp) codes in `grouped`, alias `g`. */
function named(columns: string, grouped: TSql): TSql {
  return sql`SELECT ${typeOfKind('g.kind')} AS type, t.touchpoint, ${raw(columns)}
    FROM (${grouped}) g JOIN ${raw(TOUCHPOINTS)} t ON t.code = g.tp`;
}

/**
 * Occurrences and customers affected per type and touchpoint, most frequent first (from
 * FRICTION_LOCAL, as the series and the customers by segment).
 */
export const frictionTotals = sql`${named(
  't.stage, t.team, g.occurrences, g.customers, g.first_seen, g.last_seen',
  sql`SELECT kind, tp, count(*) AS occurrences,
      count(*) FILTER (WHERE ${firstOfCustomer()}) AS customers,
      min(ts) AS first_seen, max(ts) AS last_seen
    FROM ${raw(FRICTION_LOCAL)} GROUP BY kind, tp`,
)} ORDER BY occurrences DESC, type, touchpoint`;

/**
 * The series of each type and touchpoint at every grain (`grain`: day, week, month); periods
 * are ISO dates of their first day on the clock of FRICTION_LOCAL (weeks start Monday).
 */
export const frictionSeries = sql`${named(
  `g.grain, strftime(g.period, '%Y-%m-%d') AS period, g.occurrences, g.customers`,
  // Truncate per row, format per group: formatting every row costs more than the grouping.
  join(
    GRAINS.map(
      (grain) => sql`SELECT ${grain} AS grain, kind, tp, date_trunc(${grain}, local_ts) AS period,
          count(*) AS occurrences, count(*) FILTER (WHERE ${firstOfCustomer(grain)}) AS customers
        FROM ${raw(FRICTION_LOCAL)} GROUP BY ALL`,
    ),
    ' UNION ALL ',
  ),
)} ORDER BY grain, type, touchpoint, period`;

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

/**
 * Distinct customers per type, touchpoint and segment ('' for none), for pricing: a segment
 * is a customer's, so each is counted at their first occurrence of the type there.
 */
export const frictionCustomersBySegment = sql`${named(
  'g.segment, g.customers',
  sql`SELECT kind, tp, coalesce(segment, '') AS segment,
      count(*) FILTER (WHERE ${firstOfCustomer()}) AS customers
    FROM ${raw(FRICTION_LOCAL)} GROUP BY ALL`,
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
