/**
 * Friction detectors (DESIGN.md §1 "friction"; exact definitions in docs/workspace.md) in SQL
 * over the journey tables of journeys.ts. Each enabled detector yields (type, seq) pairs: the
 * steps that are an occurrence. They stack into one table, `jl_friction`, enriched once with
 * everything a report needs (customer, journey, time, touchpoint, stage, team, channel,
 * segment, reason). Which detectors run, and with which thresholds, is decided here from the
 * workspace; thresholds travel as bind parameters.
 *
 * Detectors that need journey order read flags the ordering pass already computed (`loop`,
 * `late`, `prev_tp`), so nothing here sorts every event again. Row-local detectors (failure,
 * abandoned outcome, the wait field) and the contacts that repeat-contact and channel-switch
 * need come from one scan of the wide event columns into `jl_notable`.
 */
import type { TFrictionType } from '../model/gap-kinds.js';
import type { TFrictionRules } from '../model/workspace-schema.js';
import type { TJourneyPlan } from './journeys-plan.js';
import {
  dataEnd,
  JOURNEY_STEPS,
  JOURNEYS,
  scopedEvents,
  SEGMENTS,
  TOUCHPOINTS,
} from './journeys.js';
import { join, raw, sql, type TSql } from './sql.js';

export const FRICTION = 'jl_friction';
/** The wide columns of the steps the row-local detectors and the contact detectors need. */
export const NOTABLE = 'jl_notable';
const PAIRS = 'jl_friction_pairs';

const MICROS_PER_DAY = 86_400_000_000;
const micros = (days: number): number => Math.round(days * MICROS_PER_DAY);

type TDetector = { type: TFrictionType; select: TSql };

/** A contact is a step at a contact touchpoint, or, without such a list, a step with a reason. */
function contactPredicate(plan: TJourneyPlan): TSql {
  return plan.contactsByTouchpoint ? raw('t.contact') : raw('e.reason IS NOT NULL');
}

/**
 * Mapped steps in scope that a row-local or contact detector may need, with their wide
 * columns: failed or abandoned outcomes, waits above the touchpoint's level, contacts.
 */
export function createNotable(plan: TJourneyPlan, rules: TFrictionRules): TSql {
  const contact = contactPredicate(plan);
  const wanted: TSql[] = [raw("e.outcome IN ('failed', 'abandoned')"), contact];
  if (rules.wait.enabled) wanted.push(raw('e.wait_s > t.wait_seconds'));
  const columns = sql`e.seq, e.customer_id, e.ts, a.code AS tp, t.stage,
    coalesce(e.channel, a.channel) AS channel, e.outcome, e.wait_s, e.reason, ${contact} AS contact,
    coalesce(e.wait_s > t.wait_seconds, false) AS waited`;
  return sql`CREATE OR REPLACE TEMP TABLE ${raw(NOTABLE)} AS ${scopedEvents(plan.filter, columns, {
    where: [sql`(${join(wanted, ' OR ')})`],
    touchpoint: true,
  })}`;
}

function repeatContact(r: TFrictionRules['repeatContact']): TDetector {
  const partition = r.sameReason ? raw('customer_id, reason') : raw('customer_id');
  return {
    type: 'repeat_contact',
    select: sql`SELECT seq FROM (
      SELECT seq, count(*) OVER (PARTITION BY ${partition} ORDER BY epoch_us(ts)
        RANGE BETWEEN ${micros(r.withinDays)} PRECEDING AND CURRENT ROW) AS contacts
      FROM ${raw(NOTABLE)} WHERE contact)
      WHERE contacts >= ${r.count}`,
  };
}

function channelSwitch(r: TFrictionRules['channelSwitch']): TDetector {
  // The topic is the contact reason, or the stage for contacts that carry none.
  return {
    type: 'channel_switch',
    select: sql`SELECT seq FROM (
      SELECT seq, ts, channel, lag(channel) OVER w AS previous_channel, lag(ts) OVER w AS previous_ts
      FROM ${raw(NOTABLE)} WHERE contact
      WINDOW w AS (PARTITION BY customer_id, coalesce(reason, stage) ORDER BY ts, seq))
      WHERE previous_ts IS NOT NULL AND previous_channel IS DISTINCT FROM channel
        AND epoch_us(ts) - epoch_us(previous_ts) <= ${micros(r.withinDays)}`,
  };
}

const loop: TDetector = {
  type: 'loop',
  select: raw(`SELECT seq FROM ${JOURNEY_STEPS} WHERE loop`),
};

/** Directly consecutive steps, both frontstage, one stage, two owning teams. */
const handoff: TDetector = {
  type: 'handoff',
  select: raw(`SELECT s.seq FROM ${JOURNEY_STEPS} s
    JOIN ${TOUCHPOINTS} cur ON cur.code = s.tp JOIN ${TOUCHPOINTS} prev ON prev.code = s.prev_tp
    WHERE cur.handoff_stage AND cur.layer = 'frontstage' AND prev.layer = 'frontstage'
      AND cur.stage = prev.stage AND cur.team <> prev.team`),
};

const wait: TDetector = {
  type: 'wait',
  select: raw(`SELECT seq FROM ${NOTABLE} WHERE waited
    UNION SELECT seq FROM ${JOURNEY_STEPS} WHERE late`),
};

const failure: TDetector = {
  type: 'failure',
  select: raw(`SELECT seq FROM ${NOTABLE} WHERE outcome = 'failed'`),
};

/**
 * Steps where the customer gave up, and the last step of journeys that stopped in an
 * abandonment stage, judged once the data reaches `withinDays` past their entry there.
 */
function abandonment(r: TFrictionRules['abandonment'], plan: TJourneyPlan): TDetector {
  return {
    type: 'abandonment',
    select: sql`SELECT seq FROM ${raw(NOTABLE)} WHERE outcome = 'abandoned'
      UNION
      SELECT j.last_seq FROM ${raw(JOURNEYS)} j
      WHERE j.furthest IN (SELECT stage_index FROM ${raw(TOUCHPOINTS)} WHERE abandon_stage)
        AND epoch_us((${dataEnd(plan.filter)})) - epoch_us(j.entry_ts) >= ${micros(r.withinDays)}`,
  };
}

/** The detectors the workspace enables, in report order. */
export function detectorsFor(rules: TFrictionRules, plan: TJourneyPlan): TDetector[] {
  const all: [boolean, TDetector][] = [
    [rules.repeatContact.enabled, repeatContact(rules.repeatContact)],
    [rules.loop.enabled, loop],
    [rules.channelSwitch.enabled, channelSwitch(rules.channelSwitch)],
    [rules.handoff.enabled, handoff],
    [rules.wait.enabled, wait],
    [rules.failure.enabled, failure],
    [rules.abandonment.enabled, abandonment(rules.abandonment, plan)],
  ];
  return all.filter(([on]) => on).map(([, d]) => d);
}

/**
 * Every occurrence of every enabled detector, enriched once: the (type, seq) pairs are few,
 * so they drive the joins to the events (wide columns) and the steps (journey, touchpoint).
 */
export function createFriction(rules: TFrictionRules, plan: TJourneyPlan): TSql[] {
  const detectors = detectorsFor(rules, plan);
  const pairs =
    detectors.length === 0
      ? raw('SELECT CAST(NULL AS VARCHAR) AS type, CAST(NULL AS BIGINT) AS seq WHERE false')
      : join(
          detectors.map((d) => sql`SELECT ${d.type} AS type, seq FROM (${d.select})`),
          ' UNION ALL ',
        );
  return [
    createNotable(plan, rules),
    sql`CREATE OR REPLACE TEMP TABLE ${raw(PAIRS)} AS ${pairs}`,
    raw(`CREATE OR REPLACE TEMP TABLE ${FRICTION} AS
      SELECT f.type, f.seq, e.customer_id, s.journey_id, s.journey, e.ts, s.tp, t.touchpoint, t.stage,
        t.stage_index, t.team, coalesce(e.channel, t.channel) AS channel, g.segment, e.reason
      FROM ${PAIRS} f JOIN events e ON e.seq = f.seq JOIN ${JOURNEY_STEPS} s ON s.seq = f.seq
        JOIN ${TOUCHPOINTS} t ON t.code = s.tp LEFT JOIN ${SEGMENTS} g ON g.customer_id = e.customer_id`),
    raw(`DROP TABLE IF EXISTS ${PAIRS}`),
  ];
}
