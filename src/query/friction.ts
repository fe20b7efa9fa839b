/**
 * Friction detectors (DESIGN.md §1 "friction"; exact definitions in docs/workspace.md) in SQL
 * over the journey tables of journeys.ts. Each enabled detector yields (type, seq) pairs: the
 * steps that are an occurrence. They stack into one table, `jl_friction_occurrences`, enriched
 * once with everything a report needs (customer, journey, time, touchpoint, stage, channel,
 * segment, reason), the type, touchpoint and stage as codes; the view `jl_friction` names them
 * (type, touchpoint, stage, team) for every other reader. Which detectors run, and with which
 * thresholds, is decided here from the workspace; thresholds travel as bind parameters.
 *
 * Nothing here sorts every event again or joins the events: the ordering pass already
 * computed the flags that need journey order (`loop`, `late`, `prev_tp`), and each step
 * carries the event columns the detectors read (channel, reason, wait, outcome). One scan of
 * the steps keeps, in `jl_notable`, every step some detector may name, with all it carries;
 * the detectors read that table, and the occurrences are enriched from it.
 */
import { FRICTION_TYPES, type TFrictionType } from '../model/gap-kinds.js';
import type { TFrictionRules } from '../model/workspace-schema.js';
import type { TJourneyPlan } from './journeys-plan.js';
import { dataEnd, JOURNEY_STEPS, JOURNEYS, SEGMENTS, TOUCHPOINTS } from './journeys.js';
import { join, raw, sql, type TSql } from './sql.js';

/** Every friction occurrence, with its type, touchpoint, stage and team by name: a view. */
export const FRICTION = 'jl_friction';
/**
 * The table under FRICTION: type (`kind`, typeOfKind), touchpoint (`tp`) and stage
 * (`stage_index`) as codes. Reports group by the codes and name the groups afterwards: on the
 * 10M-event benchmark, grouping the 0.9M occurrences by names cost 0.4 s more over a report's
 * queries, and writing the names into the table another 0.1 s.
 */
export const OCCURRENCES = 'jl_friction_occurrences';
/** The steps a detector may name (createNotable), with what their occurrences carry. */
export const NOTABLE = 'jl_notable';
const PAIRS = 'jl_friction_pairs';
const GAVE_UP = 'jl_friction_gave_up';

const MICROS_PER_DAY = 86_400_000_000;
const micros = (days: number): number => Math.round(days * MICROS_PER_DAY);

type TDetector = { type: TFrictionType; select: TSql };

/*
 * What a step's touchpoint decides (contact, service level, hand-off) is written as tests of
 * the touchpoint codes, decided here from the plan: on 10M steps that costs less than joining
 * the touchpoints (twice, for hand-offs) before the notable few are kept.
 */

/** A contact is a step at a contact touchpoint, or, without such a list, a step with a reason. */
function contactPredicate(plan: TJourneyPlan): TSql {
  if (!plan.contactsByTouchpoint) return raw('s.reason IS NOT NULL');
  return codeIn(
    's.tp',
    plan.touchpoints.filter((t) => t.contact).map((t) => t.code),
  );
}

/** The step's `wait` field above its touchpoint's service level. */
function waitedPredicate(plan: TJourneyPlan): TSql {
  const levels = plan.touchpoints.map((t) => String(t.waitSeconds)).join(', ');
  return raw(`s.wait_s > CAST([${levels}] AS DOUBLE[])[s.tp + 1]`);
}

/**
 * A hand-off: directly consecutive steps (touchpoint, previous touchpoint), both frontstage,
 * in one stage where hand-offs count, owned by two teams.
 */
function handoffPredicate(plan: TJourneyPlan): TSql {
  const n = plan.touchpoints.length;
  const pairs = plan.touchpoints.flatMap((t) =>
    plan.touchpoints
      .filter(
        (p) =>
          t.handoffStage &&
          t.layer === 'frontstage' &&
          p.layer === 'frontstage' &&
          t.stage === p.stage &&
          t.team !== p.team,
      )
      .map((p) => t.code * n + p.code),
  );
  return codeIn(`(s.tp * ${n} + s.prev_tp)`, pairs);
}

/** `expression` is one of `codes` (our own numbers, so plain text is safe). */
function codeIn(expression: string, codes: number[]): TSql {
  return raw(codes.length === 0 ? 'false' : `${expression} IN (${codes.join(', ')})`);
}

/** The columns of `jl_notable`: a step, what an occurrence there carries, and its flags. */
function notableColumns(plan: TJourneyPlan): TSql {
  return sql`s.seq, s.customer_id, s.journey_id, s.journey, s.ts, s.tp, t.stage_index,
    coalesce(s.channel, t.channel) AS channel, s.reason, s.outcome, s.loop, s.late,
    coalesce(${contactPredicate(plan)}, false) AS contact,
    coalesce(${waitedPredicate(plan)}, false) AS waited,
    coalesce(${handoffPredicate(plan)}, false) AS handoff`;
}

/** The steps that pass `where`, with their touchpoint (`t`). */
function notableFrom(where: TSql): TSql {
  return sql`(SELECT * FROM ${raw(JOURNEY_STEPS)} s WHERE ${where}) s
    JOIN ${raw(TOUCHPOINTS)} t ON t.code = s.tp`;
}

/**
 * Every step an enabled detector may name: failed or abandoned outcomes, contacts, loops,
 * waits above the touchpoint's level or between touchpoints, hand-offs; then the last steps
 * of the journeys that gave up (abandonment), added apart because they are found per journey.
 */
export function createNotable(plan: TJourneyPlan, rules: TFrictionRules): TSql[] {
  const wanted: TSql[] = [raw('s.outcome IS NOT NULL'), contactPredicate(plan)];
  if (rules.loop.enabled) wanted.push(raw('s.loop'));
  if (rules.wait.enabled) wanted.push(raw('s.late'), waitedPredicate(plan));
  if (rules.handoff.enabled) wanted.push(handoffPredicate(plan));
  const statements = [
    sql`CREATE OR REPLACE TEMP TABLE ${raw(NOTABLE)} AS
      SELECT ${notableColumns(plan)} FROM ${notableFrom(join(wanted, ' OR '))}`,
  ];
  if (!rules.abandonment.enabled) return statements;
  return [
    ...statements,
    sql`CREATE OR REPLACE TEMP TABLE ${raw(GAVE_UP)} AS ${gaveUp(rules.abandonment, plan)}`,
    sql`INSERT INTO ${raw(NOTABLE)} SELECT ${notableColumns(plan)} FROM ${notableFrom(
      raw(`s.seq IN (SELECT seq FROM ${GAVE_UP} EXCEPT SELECT seq FROM ${NOTABLE})`),
    )}`,
  ];
}

/**
 * The last step of each journey that stopped in an abandonment stage, judged once the data
 * reaches `withinDays` past its entry there.
 */
function gaveUp(r: TFrictionRules['abandonment'], plan: TJourneyPlan): TSql {
  return sql`SELECT j.last_seq AS seq FROM ${raw(JOURNEYS)} j
    WHERE j.furthest IN (SELECT stage_index FROM ${raw(TOUCHPOINTS)} WHERE abandon_stage)
      AND epoch_us((${dataEnd(plan.filter)})) - epoch_us(j.entry_ts) >= ${micros(r.withinDays)}`;
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
  const topic = raw('reason, CASE WHEN reason IS NULL THEN stage_index END');
  return {
    type: 'channel_switch',
    select: sql`SELECT seq FROM (
      SELECT seq, ts, channel, lag(channel) OVER w AS previous_channel, lag(ts) OVER w AS previous_ts
      FROM ${raw(NOTABLE)} WHERE contact
      WINDOW w AS (PARTITION BY customer_id, ${topic} ORDER BY ts, seq))
      WHERE previous_ts IS NOT NULL AND previous_channel IS DISTINCT FROM channel
        AND epoch_us(ts) - epoch_us(previous_ts) <= ${micros(r.withinDays)}`,
  };
}

const loop: TDetector = {
  type: 'loop',
  select: raw(`SELECT seq FROM ${NOTABLE} WHERE loop`),
};

const handoff: TDetector = {
  type: 'handoff',
  select: raw(`SELECT seq FROM ${NOTABLE} WHERE handoff`),
};

const wait: TDetector = {
  type: 'wait',
  select: raw(`SELECT seq FROM ${NOTABLE} WHERE waited OR late`),
};

const failure: TDetector = {
  type: 'failure',
  select: raw(`SELECT seq FROM ${NOTABLE} WHERE outcome = 'failed'`),
};

/** Steps where the customer gave up, and the last step of journeys that gave up (gaveUp). */
const abandonment: TDetector = {
  type: 'abandonment',
  select: raw(`SELECT seq FROM ${NOTABLE} WHERE outcome = 'abandoned'
    UNION SELECT seq FROM ${GAVE_UP}`),
};

/** The detectors the workspace enables, in report order. */
export function detectorsFor(rules: TFrictionRules): TDetector[] {
  const all: [boolean, TDetector][] = [
    [rules.repeatContact.enabled, repeatContact(rules.repeatContact)],
    [rules.loop.enabled, loop],
    [rules.channelSwitch.enabled, channelSwitch(rules.channelSwitch)],
    [rules.handoff.enabled, handoff],
    [rules.wait.enabled, wait],
    [rules.failure.enabled, failure],
    [rules.abandonment.enabled, abandonment],
  ];
  return all.filter(([on]) => on).map(([, d]) => d);
}

/** A friction type as a small number (`kind`): its place in FRICTION_TYPES. */
export function kindOf(type: TFrictionType): string {
  return `CAST(${FRICTION_TYPES.indexOf(type)} AS TINYINT)`;
}

/** The friction type's name for a `kind` column (our own constants: plain text is safe). */
export function typeOfKind(column: string): TSql {
  return raw(`[${FRICTION_TYPES.map((t) => `'${t}'`).join(', ')}][${column} + 1]`);
}

/**
 * Every occurrence of every enabled detector, enriched once from the notable steps (the
 * (kind, seq) pairs are few, so they drive the join), and the view that names its codes.
 */
export function createFriction(rules: TFrictionRules, plan: TJourneyPlan): TSql[] {
  const detectors = detectorsFor(rules);
  const pairs =
    detectors.length === 0
      ? raw('SELECT CAST(NULL AS TINYINT) AS kind, CAST(NULL AS BIGINT) AS seq WHERE false')
      : join(
          detectors.map((d) => sql`SELECT ${raw(kindOf(d.type))} AS kind, seq FROM (${d.select})`),
          ' UNION ALL ',
        );
  return [
    ...createNotable(plan, rules),
    sql`CREATE OR REPLACE TEMP TABLE ${raw(PAIRS)} AS ${pairs}`,
    raw(`CREATE OR REPLACE TEMP TABLE ${OCCURRENCES} AS
      SELECT f.kind, f.seq, n.customer_id, n.journey_id, n.journey, n.ts, n.tp, n.stage_index,
        n.channel, g.segment, n.reason
      FROM ${PAIRS} f JOIN ${NOTABLE} n ON n.seq = f.seq
        LEFT JOIN ${SEGMENTS} g ON g.customer_id = n.customer_id`),
    sql`CREATE OR REPLACE TEMP VIEW ${raw(FRICTION)} AS
      SELECT ${typeOfKind('o.kind')} AS type, o.kind, o.seq, o.customer_id, o.journey_id, o.journey,
        o.ts, o.tp, t.touchpoint, t.stage, o.stage_index, t.team, o.channel, o.segment, o.reason
      FROM ${raw(OCCURRENCES)} o JOIN ${raw(TOUCHPOINTS)} t ON t.code = o.tp`,
    raw(`DROP TABLE IF EXISTS ${PAIRS}`),
    raw(`DROP TABLE IF EXISTS ${GAVE_UP}`),
  ];
}
