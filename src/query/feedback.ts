/**
 * Feedback lined up with the journey, in SQL over the store's `feedback` table and the journey
 * tables of journeys.ts. `jl_feedback` ties every response in scope to the journey:
 *
 * 1. a response that names a workspace touchpoint is about that touchpoint (`touchpoint`);
 *    else one that names a workspace stage is about that stage (`stage`);
 * 2. otherwise, for the kinds attributed by time, it is about the customer's latest step at or
 *    before the answer, at most `windowHours` earlier (`nearest`) — within the named journey
 *    when the response names its case and `sameJourney` is set;
 * 3. otherwise — or when it names a touchpoint or stage the workspace does not have — it is
 *    not attributed (`none`), and says why.
 *
 * Its journey is the named case's, else the journey of the customer's latest step at the named
 * touchpoint, else that of the attributed step. Latest-step lookups are ASOF joins over the
 * steps of the customers who answered only. Strings only, no I/O.
 */
import type { TFeedbackSettings } from '../model/workspace-schema.js';
import { JOURNEY_STEPS, SEGMENTS, TOUCHPOINTS } from './journeys.js';
import { join, param, raw, sql, type TSql } from './sql.js';

export const FEEDBACK = 'jl_feedback';
const RESPONDENT_STEPS = 'jl_respondent_steps';

const MICROS_PER_HOUR = 3_600_000_000;

export type TFeedbackPlan = {
  settings: TFeedbackSettings;
  /** The workspace's stages, to recognise a named stage. */
  stages: readonly string[];
  /** Kinds attributed to the latest step by time: these `only`, or all `except` these. */
  timedKinds: { mode: 'only' | 'except'; kinds: readonly string[] };
  /** Responses in [from, to) (ISO instants) only, of customers in this segment only. */
  from?: string | undefined;
  to?: string | undefined;
  segment?: string | undefined;
};

/** Kinds attributed by time: the setting, else every kind but NPS (relationship surveys). */
export function timedKinds(settings: TFeedbackSettings): TFeedbackPlan['timedKinds'] {
  const kinds = settings.attribution.kinds;
  return kinds === undefined ? { mode: 'except', kinds: ['nps'] } : { mode: 'only', kinds };
}

function scope(plan: TFeedbackPlan): TSql[] {
  const where: TSql[] = [];
  if (plan.from !== undefined) where.push(sql`f.ts >= CAST(${plan.from} AS TIMESTAMPTZ)`);
  if (plan.to !== undefined) where.push(sql`f.ts < CAST(${plan.to} AS TIMESTAMPTZ)`);
  if (plan.segment !== undefined) {
    where.push(
      sql`f.customer_id IN (SELECT customer_id FROM ${raw(SEGMENTS)} WHERE segment = ${plan.segment})`,
    );
  }
  return where;
}

/** True for the kinds attributed by time (`kind` is a SQL expression). */
function isTimed(plan: TFeedbackPlan, kind: TSql): TSql {
  const t = plan.timedKinds;
  if (t.kinds.length === 0) return raw(t.mode === 'only' ? 'false' : 'true');
  const list = join(t.kinds.map(param));
  return t.mode === 'only' ? sql`${kind} IN (${list})` : sql`${kind} NOT IN (${list})`;
}

/** The steps of customers who answered, the only ones an attribution can reach. */
export const createRespondentSteps = raw(`CREATE OR REPLACE TEMP TABLE ${RESPONDENT_STEPS} AS
  SELECT s.seq, s.customer_id, s.journey_id, s.journey, s.ts, s.tp FROM ${JOURNEY_STEPS} s
  WHERE s.customer_id IN (SELECT DISTINCT customer_id FROM feedback)`);

export function createFeedback(plan: TFeedbackPlan): TSql {
  const where = scope(plan);
  const stages = plan.stages.length === 0 ? raw('NULL') : join(plan.stages.map(param));
  const window = Math.round(plan.settings.attribution.windowHours * MICROS_PER_HOUR);
  const sameJourney = plan.settings.attribution.sameJourney;
  return sql`CREATE OR REPLACE TEMP TABLE ${raw(FEEDBACK)} AS
    WITH f AS (
      SELECT f.seq, f.customer_id, f.case_id, f.ts, f.kind, f.score, f.verbatim, f.language,
        f.touchpoint AS named_touchpoint, f.stage AS named_stage, t.code AS named_tp,
        CASE WHEN f.stage IN (${stages}) THEN f.stage END AS known_stage
      FROM feedback f LEFT JOIN ${raw(TOUCHPOINTS)} t ON t.touchpoint = f.touchpoint
      ${where.length === 0 ? raw('') : sql`WHERE ${join(where, ' AND ')}`}),
    by_case AS (
      SELECT f.seq, s.journey FROM f ASOF JOIN ${raw(RESPONDENT_STEPS)} s
        ON s.journey_id = f.case_id AND s.ts <= f.ts),
    by_touchpoint AS (
      SELECT f.seq, s.journey FROM f ASOF JOIN ${raw(RESPONDENT_STEPS)} s
        ON s.customer_id = f.customer_id AND s.tp = f.named_tp AND s.ts <= f.ts),
    by_customer AS (
      SELECT f.seq, s.seq AS step_seq, s.journey, s.tp, s.ts AS step_ts
      FROM f ASOF JOIN ${raw(RESPONDENT_STEPS)} s ON s.customer_id = f.customer_id AND s.ts <= f.ts),
    by_named_journey AS (
      SELECT f.seq, s.seq AS step_seq, s.journey, s.tp, s.ts AS step_ts
      FROM f ASOF JOIN ${raw(RESPONDENT_STEPS)} s ON s.journey_id = f.case_id AND s.ts <= f.ts),
    latest AS (
      SELECT f.seq,
        ${sameJourney ? raw('CASE WHEN f.case_id IS NOT NULL THEN n.step_seq ELSE c.step_seq END') : raw('c.step_seq')} AS step_seq,
        ${sameJourney ? raw('CASE WHEN f.case_id IS NOT NULL THEN n.journey ELSE c.journey END') : raw('c.journey')} AS journey,
        ${sameJourney ? raw('CASE WHEN f.case_id IS NOT NULL THEN n.tp ELSE c.tp END') : raw('c.tp')} AS tp,
        ${sameJourney ? raw('CASE WHEN f.case_id IS NOT NULL THEN n.step_ts ELSE c.step_ts END') : raw('c.step_ts')} AS step_ts
      FROM f LEFT JOIN by_customer c ON c.seq = f.seq LEFT JOIN by_named_journey n ON n.seq = f.seq),
    tied AS (
      SELECT f.*, l.step_seq, l.step_ts,
        CASE WHEN f.named_tp IS NOT NULL THEN 'touchpoint'
          -- A name the workspace does not know is reported, never replaced by a guess.
          WHEN nullif(trim(f.named_touchpoint), '') IS NOT NULL THEN 'none'
          WHEN f.known_stage IS NOT NULL THEN 'stage'
          WHEN nullif(trim(f.named_stage), '') IS NOT NULL THEN 'none'
          WHEN NOT ${isTimed(plan, raw('f.kind'))} THEN 'none'
          WHEN l.step_seq IS NOT NULL AND epoch_us(f.ts) - epoch_us(l.step_ts) <= CAST(${window} AS BIGINT) THEN 'nearest'
          ELSE 'none' END AS method,
        l.tp AS nearest_tp, l.journey AS nearest_journey, bc.journey AS case_journey,
        bt.journey AS touchpoint_journey
      FROM f LEFT JOIN latest l ON l.seq = f.seq LEFT JOIN by_case bc ON bc.seq = f.seq
        LEFT JOIN by_touchpoint bt ON bt.seq = f.seq)
    SELECT d.seq, d.customer_id, d.ts, d.kind, d.score, d.verbatim, d.language, d.method,
      CASE d.method WHEN 'touchpoint' THEN d.named_tp WHEN 'nearest' THEN d.nearest_tp END AS tp,
      coalesce(t.stage, d.known_stage) AS stage, t.team,
      coalesce(e.channel, t.channel) AS channel,
      coalesce(d.case_journey, d.touchpoint_journey, CASE WHEN d.method = 'nearest' THEN d.nearest_journey END) AS journey,
      CASE
        WHEN d.method <> 'none' THEN NULL
        WHEN d.named_touchpoint IS NOT NULL THEN 'names an unknown touchpoint: ' || d.named_touchpoint
        WHEN d.named_stage IS NOT NULL THEN 'names an unknown stage: ' || d.named_stage
        WHEN NOT ${isTimed(plan, raw('d.kind'))} THEN 'no touchpoint or stage named; this kind is not attributed by time'
        WHEN d.step_seq IS NULL THEN 'no step of the customer before the answer'
        ELSE 'no step within the attribution window' END AS unattributed,
      g.segment
    FROM tied d
      LEFT JOIN ${raw(TOUCHPOINTS)} t ON t.code = CASE d.method WHEN 'touchpoint' THEN d.named_tp WHEN 'nearest' THEN d.nearest_tp END
      LEFT JOIN events e ON e.seq = CASE WHEN d.method = 'nearest' THEN d.step_seq END
      LEFT JOIN ${raw(SEGMENTS)} g ON g.customer_id = d.customer_id`;
}

export const dropRespondentSteps = raw(`DROP TABLE IF EXISTS ${RESPONDENT_STEPS}`);

/** Responses by kind and attribution method, with the reason of those not attributed. */
export const attributionSummary = raw(`SELECT kind, method, unattributed, count(*) AS responses
  FROM ${FEEDBACK} GROUP BY ALL ORDER BY kind, method, unattributed`);
