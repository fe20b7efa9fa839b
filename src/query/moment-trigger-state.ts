/**
 * The state of the real-time moment-of-truth evaluation (src/analysis/moment-triggers.ts),
 * rebuilt from the store as of an ingest position `upTo` (every event with `seq <= upTo`):
 * only what the rules need — counts per customer, the recent contacts of each customer, the
 * journeys that passed an `after` touchpoint. Steps are ordered as the batch analysis orders
 * them (time, then seq). Activities are mapped to touchpoints in TypeScript, by the same
 * matcher the live evaluation uses, and handed over as a temp table. DuckDB dialect. Strings
 * only, no I/O.
 */
import type { TMomentOfTruthRule } from '../model/workspace-schema.js';
import { join, param, raw, sql, type TSql, type TSqlValue } from './sql.js';

/** Each distinct activity of the store that maps to a touchpoint, with its attributes. */
export const TRIGGER_ACTIVITIES = 'jl_trigger_activities';
/** The steps with their journey and position, when a firstAfter rule needs them. */
export const TRIGGER_JOURNEY_STEPS = 'jl_trigger_journey_steps';

export type TTriggerActivityRow = {
  activity: string;
  touchpoint: string;
  stage: string;
  channel: string;
  contact: boolean;
};

const ROWS_PER_INSERT = 500;

export const distinctActivities = raw('SELECT DISTINCT activity FROM events');

export function triggerActivityTable(rows: readonly TTriggerActivityRow[]): TSql[] {
  const statements = [
    raw(`CREATE OR REPLACE TEMP TABLE ${TRIGGER_ACTIVITIES} (activity VARCHAR PRIMARY KEY,
      touchpoint VARCHAR NOT NULL, stage VARCHAR NOT NULL, channel VARCHAR NOT NULL,
      contact BOOLEAN NOT NULL)`),
  ];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const tuples = rows.slice(i, i + ROWS_PER_INSERT).map((r) => {
      const values: TSqlValue[] = [r.activity, r.touchpoint, r.stage, r.channel, r.contact];
      return sql`(${join(values.map(param))})`;
    });
    statements.push(sql`INSERT INTO ${raw(TRIGGER_ACTIVITIES)} VALUES ${join(tuples)}`);
  }
  return statements;
}

/** The mapped events up to `upTo`: the steps, with the step's channel. */
function steps(upTo: number): TSql {
  return sql`SELECT e.seq, e.customer_id, e.case_id, epoch_us(e.ts) AS us, a.touchpoint, a.stage,
      coalesce(e.channel, a.channel) AS channel, e.reason, a.contact
    FROM events e JOIN ${raw(TRIGGER_ACTIVITIES)} a ON a.activity = e.activity
    WHERE e.seq <= ${upTo}`;
}

/** The latest step time up to `upTo` (µs; NULL without steps). */
export function triggerClock(upTo: number): TSql {
  return sql`SELECT max(us) AS clock FROM (${steps(upTo)})`;
}

/** The latest ingest position and how many events the store holds. */
export const ingestPosition = raw('SELECT coalesce(max(seq), 0) AS seq FROM events');

/** Per customer: steps at the touchpoint, at most `n` (rows: customer_id, n). */
export function nthCounts(upTo: number, touchpoint: string, n: number): TSql {
  return sql`SELECT customer_id, least(count(*), ${n}) AS n FROM (${steps(upTo)})
    WHERE touchpoint = ${touchpoint} GROUP BY customer_id`;
}

/**
 * The contacts a contactsWithin rule counts, of customers whose latest one is at most
 * `keepUs` before the clock, from `keepUs` before that latest one (rows: customer_id, us,
 * ascending).
 */
export function recentContacts(
  upTo: number,
  rule: Extract<TMomentOfTruthRule, { kind: 'contactsWithin' }>,
  contactsByTouchpoint: boolean,
  clockUs: number,
  keepUs: number,
): TSql {
  const where: TSql[] = [
    rule.touchpoints !== undefined
      ? sql`touchpoint IN (${join(rule.touchpoints.map((t) => param(t)))})`
      : contactsByTouchpoint
        ? raw('contact')
        : raw('reason IS NOT NULL'),
  ];
  if (rule.stage !== undefined) where.push(sql`stage = ${rule.stage}`);
  if (rule.channel !== undefined) where.push(sql`channel = ${rule.channel}`);
  return sql`SELECT customer_id, us FROM (
      SELECT customer_id, us, max(us) OVER (PARTITION BY customer_id) AS latest
      FROM (${steps(upTo)}) WHERE ${join(where, ' AND ')})
    WHERE us >= latest - ${keepUs} AND latest >= ${clockUs - keepUs}
    ORDER BY customer_id, us`;
}

/**
 * Every step with its journey key (`case:<id>`, or `gap:<customer>:<seq of its first step>`
 * for steps without a case id, split where more than `gapUs` passes) and position.
 */
export function createTriggerJourneySteps(upTo: number, gapUs: number): TSql {
  return sql`CREATE OR REPLACE TEMP TABLE ${raw(TRIGGER_JOURNEY_STEPS)} AS
    WITH s AS (${steps(upTo)})
    SELECT journey, customer_id, caseless, seq, us, touchpoint,
      row_number() OVER (PARTITION BY journey ORDER BY us, seq) AS pos
    FROM (
      SELECT 'case:' || case_id AS journey, customer_id, false AS caseless, seq, us, touchpoint
      FROM s WHERE case_id IS NOT NULL
      UNION ALL
      SELECT 'gap:' || customer_id || ':' || CAST(first_value(seq) OVER (PARTITION BY customer_id, n
          ORDER BY us, seq) AS VARCHAR), customer_id, true, seq, us, touchpoint
      FROM (
        SELECT *, sum(starts) OVER (PARTITION BY customer_id ORDER BY us, seq
          ROWS UNBOUNDED PRECEDING) AS n
        FROM (
          SELECT *, CAST(coalesce(us - lag(us) OVER (PARTITION BY customer_id ORDER BY us, seq)
            > ${gapUs}, true) AS INTEGER) AS starts
          FROM s WHERE case_id IS NULL)))`;
}

export const dropTriggerJourneySteps = raw(`DROP TABLE IF EXISTS ${TRIGGER_JOURNEY_STEPS}`);

/**
 * Each customer's latest journey without a case id, if its last step is at most `keepUs`
 * before the clock (rows: customer_id, journey, start_us, last_us).
 */
export function currentCaselessJourneys(clockUs: number, keepUs: number): TSql {
  return sql`SELECT customer_id, arg_max(journey, last_us) AS journey,
      arg_max(start_us, last_us) AS start_us, max(last_us) AS last_us
    FROM (SELECT customer_id, journey, min(us) AS start_us, max(us) AS last_us
      FROM ${raw(TRIGGER_JOURNEY_STEPS)} WHERE caseless GROUP BY customer_id, journey)
    GROUP BY customer_id HAVING max(last_us) >= ${clockUs - keepUs}`;
}

/**
 * The journeys that passed `after`: open when no `touchpoint` step follows the first `after`
 * step (rows: journey, customer_id, caseless, open, last_us). Journeys with a case id only if their last
 * step is at most `horizonUs` before the clock.
 */
export function firstAfterJourneys(
  touchpoint: string,
  after: string,
  clockUs: number,
  horizonUs: number,
): TSql {
  return sql`SELECT journey, customer_id, caseless, coalesce(last_tp_pos, 0) <= after_pos AS open,
      last_us
    FROM (
      SELECT journey, any_value(customer_id) AS customer_id, any_value(caseless) AS caseless,
        max(us) AS last_us,
        min(pos) FILTER (WHERE touchpoint = ${after}) AS after_pos,
        max(pos) FILTER (WHERE touchpoint = ${touchpoint}) AS last_tp_pos
      FROM ${raw(TRIGGER_JOURNEY_STEPS)} GROUP BY journey)
    WHERE after_pos IS NOT NULL AND (caseless OR last_us >= ${clockUs - horizonUs})`;
}

export const dropTriggerActivities = raw(`DROP TABLE IF EXISTS ${TRIGGER_ACTIVITIES}`);
