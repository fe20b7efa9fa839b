/**
 * Friction detectors (DESIGN.md §1 "friction") in SQL over the journey steps table built by
 * journeys.ts. Each detector is one SELECT producing occurrences with the same columns, so
 * they stack into one table that every report reads. Thresholds come from the workspace as
 * bind parameters. Decisions (which detectors run, with which settings) are made here from
 * the workspace and can be tested on the built structure; the SQL is only their rendering.
 *
 * Definitions (a "contact" is an event with a contact reason):
 * - repeat_contact: a contact that is at least the N-th contact of the customer within D days
 *   (counting itself; with sameReason, only contacts with the same reason count).
 * - loop: a step whose touchpoint already occurred earlier in the same journey, not directly
 *   before it (an immediate repetition is a repeat, not a loop).
 * - channel_switch: a contact whose previous contact of the customer with the same reason, at
 *   most D days earlier, was on another channel.
 * - handoff: two directly consecutive mapped steps of a journey, both frontstage, in the same
 *   stage, owned by different teams (the occurrence is the receiving step); only in
 *   `handoff.stages` when the workspace names some.
 * - wait: a step whose wait is above the service level of its touchpoint (else the default).
 * - failure: a step with outcome failed.
 * - abandonment: a step with outcome abandoned (the customer gave up at that touchpoint).
 */
import type { TFrictionRules } from '../model/workspace-schema.js';
import { join, raw, sql, type TSql } from './sql.js';

export const FRICTION_TYPES = [
  'repeat_contact',
  'loop',
  'channel_switch',
  'handoff',
  'wait',
  'failure',
  'abandonment',
] as const;
export type TFrictionType = (typeof FRICTION_TYPES)[number];

export const FRICTION = 'jl_friction';

/** The columns every detector yields, in order. */
const OCCURRENCE = raw(
  'customer_id, journey_id, seq, ts, touchpoint, stage, team, channel, segment, reason',
);

type TDetector = { type: TFrictionType; select: (steps: TSql) => TSql };

function repeatContact(r: TFrictionRules['repeatContact']): TDetector {
  const partition = r.sameReason ? raw('customer_id, reason') : raw('customer_id');
  return {
    type: 'repeat_contact',
    select: (steps) => sql`SELECT ${OCCURRENCE} FROM (
      SELECT *, count(*) OVER (PARTITION BY ${partition} ORDER BY ts
        RANGE BETWEEN to_days(CAST(${r.withinDays} AS INTEGER)) PRECEDING AND CURRENT ROW) AS contacts
      FROM ${steps} WHERE reason IS NOT NULL)
      WHERE contacts >= ${r.count}`,
  };
}

const loop: TDetector = {
  type: 'loop',
  select: (steps) => sql`SELECT ${OCCURRENCE} FROM (
    SELECT *, lag(touchpoint) OVER (PARTITION BY journey_id ORDER BY pos) AS previous,
      count(*) OVER (PARTITION BY journey_id, touchpoint ORDER BY pos ROWS UNBOUNDED PRECEDING) AS visit
    FROM ${steps} WHERE touchpoint IS NOT NULL)
    WHERE visit > 1 AND previous IS DISTINCT FROM touchpoint`,
};

function channelSwitch(r: TFrictionRules['channelSwitch']): TDetector {
  return {
    type: 'channel_switch',
    select: (steps) => sql`SELECT ${OCCURRENCE} FROM (
      SELECT *, lag(channel) OVER w AS previous_channel, lag(ts) OVER w AS previous_ts
      FROM ${steps} WHERE reason IS NOT NULL
      WINDOW w AS (PARTITION BY customer_id, reason ORDER BY ts, seq))
      WHERE previous_channel IS DISTINCT FROM channel AND previous_ts IS NOT NULL
        AND ts - previous_ts <= to_days(CAST(${r.withinDays} AS INTEGER))`,
  };
}

/** Frontstage mapped steps, in the workspace's hand-off stages when it names some. */
function handoffSteps(stages: readonly string[] | undefined, prefix = ''): TSql {
  const col = (name: string): TSql => raw(`${prefix}${name}`);
  const inStages =
    stages === undefined
      ? raw('')
      : sql` AND ${col('stage')} IN (${join(stages.map((s) => sql`${s}`))})`;
  return sql`${col('touchpoint')} IS NOT NULL AND ${col('layer')} = 'frontstage'${inStages}`;
}

function handoff(r: TFrictionRules['handoff']): TDetector {
  // Directly consecutive mapped steps: a backstage step in between is work in the back
  // office, not the customer being passed on.
  return {
    type: 'handoff',
    select: (steps) => sql`SELECT ${OCCURRENCE} FROM (
      SELECT *, lag(team) OVER w AS previous_team, lag(stage) OVER w AS previous_stage,
        lag(layer) OVER w AS previous_layer
      FROM ${steps} WHERE touchpoint IS NOT NULL
      WINDOW w AS (PARTITION BY journey_id ORDER BY pos))
      WHERE ${handoffSteps(r.stages)} AND previous_layer = 'frontstage'
        AND previous_stage = stage AND previous_team <> team`,
  };
}

function wait(r: TFrictionRules['wait']): TDetector {
  const perTouchpoint = r.serviceLevels.flatMap((l) => ('touchpoint' in l ? [l] : []));
  const levels =
    perTouchpoint.length === 0
      ? sql`SELECT NULL::VARCHAR AS touchpoint, NULL::DOUBLE AS seconds WHERE false`
      : sql`SELECT * FROM (VALUES ${join(perTouchpoint.map((l) => sql`(${l.touchpoint}, ${l.seconds})`))}) v(touchpoint, seconds)`;
  return {
    type: 'wait',
    select: (steps) => sql`SELECT ${raw(OCCURRENCE_QUALIFIED)} FROM ${steps} s
      LEFT JOIN (${levels}) l ON l.touchpoint = s.touchpoint
      WHERE s.wait_s > coalesce(l.seconds, ${r.defaultSeconds})`,
  };
}

const OCCURRENCE_QUALIFIED =
  's.customer_id, s.journey_id, s.seq, s.ts, s.touchpoint, s.stage, s.team, s.channel, s.segment, s.reason';

const byOutcome = (type: TFrictionType, outcome: string): TDetector => ({
  type,
  select: (steps) => sql`SELECT ${OCCURRENCE} FROM ${steps} WHERE outcome = ${outcome}`,
});

/** The detectors the workspace enables, in report order. */
export function detectorsFor(rules: TFrictionRules): TDetector[] {
  const all: [boolean, TDetector][] = [
    [rules.repeatContact.enabled, repeatContact(rules.repeatContact)],
    [rules.loop.enabled, loop],
    [rules.channelSwitch.enabled, channelSwitch(rules.channelSwitch)],
    [rules.handoff.enabled, handoff(rules.handoff)],
    [rules.wait.enabled, wait(rules.wait)],
    [rules.failure.enabled, byOutcome('failure', 'failed')],
    [rules.abandonment.enabled, byOutcome('abandonment', 'abandoned')],
  ];
  return all.filter(([on]) => on).map(([, d]) => d);
}

/** Materialises every occurrence of every enabled detector into one table. */
export function createFriction(rules: TFrictionRules, steps: TSql): TSql {
  const parts = detectorsFor(rules).map(
    (d) => sql`SELECT ${d.type} AS type, * FROM (${d.select(steps)})`,
  );
  const body =
    parts.length === 0
      ? sql`SELECT NULL::VARCHAR AS type, ${OCCURRENCE} FROM ${steps} WHERE false`
      : join(parts, ' UNION ALL ');
  return sql`CREATE OR REPLACE TEMP TABLE ${raw(FRICTION)} AS ${body}`;
}

export const GRAINS = ['day', 'week', 'month'] as const;
export type TGrain = (typeof GRAINS)[number];

/** Occurrences and customers affected per type and touchpoint, most frequent first. */
export const frictionTotals =
  raw(`SELECT type, touchpoint, any_value(stage) AS stage, any_value(team) AS team,
  count(*) AS occurrences, count(DISTINCT customer_id) AS customers,
  min(ts) AS first_seen, max(ts) AS last_seen
  FROM ${FRICTION} GROUP BY type, touchpoint ORDER BY occurrences DESC, type, touchpoint`);

/** The time series of each type and touchpoint at a grain (periods as ISO dates, UTC). */
export function frictionSeries(grain: TGrain): TSql {
  return sql`SELECT type, touchpoint, strftime(date_trunc(${grain}, ts AT TIME ZONE 'UTC'), '%Y-%m-%d') AS period,
    count(*) AS occurrences, count(DISTINCT customer_id) AS customers
    FROM ${raw(FRICTION)} GROUP BY ALL ORDER BY type, touchpoint, period`;
}

export const BREAKDOWNS = ['segment', 'stage', 'team', 'channel'] as const;
export type TBreakdown = (typeof BREAKDOWNS)[number];

/** Occurrences and customers per type and one dimension. */
export function frictionBreakdown(by: TBreakdown): TSql {
  return sql`SELECT type, ${raw(by)} AS value, count(*) AS occurrences, count(DISTINCT customer_id) AS customers
    FROM ${raw(FRICTION)} GROUP BY type, ${raw(by)} ORDER BY type, occurrences DESC, value`;
}

/**
 * Ping-pong: journeys whose frontstage steps within one stage, read as owning teams with runs
 * collapsed, have at least `minLegs` legs and return to a team already left (A → B → A).
 */
export function pingPongJourneys(rules: TFrictionRules['handoff'], steps: TSql): TSql {
  return sql`SELECT journey_id, any_value(customer_id) AS customer_id, stage, count(*) AS legs,
      string_agg(team, ' → ' ORDER BY pos) AS teams
    FROM (
      SELECT *, lag(team) OVER (PARTITION BY journey_id, stage ORDER BY pos) AS previous_team
      FROM ${steps} WHERE ${handoffSteps(rules.stages)})
    WHERE previous_team IS DISTINCT FROM team
    GROUP BY journey_id, stage
    HAVING count(*) >= ${rules.pingPongMin} AND count(DISTINCT team) < count(*)
    ORDER BY journey_id, stage`;
}
