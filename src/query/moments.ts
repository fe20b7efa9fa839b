/**
 * Moments of truth in SQL: the steps where a rule-defined moment happens and their scorecard
 * (volume, customers, success rate, friction rate), and the per-touchpoint figures that score
 * declared touchpoints (every step there is the moment) and from which the analysis proposes
 * moments of truth. Rules (workspace `momentsOfTruth`):
 * - nthOccurrence: the customer's n-th step at the touchpoint (over all their journeys);
 * - contactsWithin: a contact (at `touchpoints` if given, else any contact as friction defines
 *   it; optionally only in a stage or on a channel) that is at least the `count`-th such
 *   contact of the customer within `withinDays` days up to and including it;
 * - firstAfter: per journey, the first step at `touchpoint` after its first `after` step.
 * Strings only, no I/O.
 */
import type { TMomentOfTruth } from '../model/workspace-schema.js';
import { NOTABLE, OCCURRENCES } from './friction.js';
import { JOURNEY_STEPS, TOUCHPOINTS } from './journeys.js';
import { join, param, raw, sql, type TSql } from './sql.js';

export const MOMENTS = 'jl_moment_steps';

const MICROS_PER_DAY = 86_400_000_000;

/** Touchpoint id → code, as journeys.ts numbered them. */
export type TCodes = ReadonlyMap<string, number>;

const codeOf = (codes: TCodes, id: string): number => {
  const code = codes.get(id);
  if (code === undefined) throw new Error(`unknown touchpoint ${id}`);
  return code;
};

/** The steps (seq, customer) where one rule-defined moment happens. */
export function ruleSteps(moment: TMomentOfTruth, codes: TCodes): TSql {
  const rule = moment.rule;
  switch (rule.kind) {
    case 'nthOccurrence':
      return sql`SELECT seq, customer_id FROM (
        SELECT seq, customer_id, row_number() OVER (PARTITION BY customer_id ORDER BY ts, seq) AS n
        FROM ${raw(JOURNEY_STEPS)} WHERE tp = ${codeOf(codes, rule.touchpoint)})
        WHERE n = ${rule.n}`;
    case 'firstAfter':
      return sql`SELECT arg_min(s.seq, s.pos) AS seq, any_value(s.customer_id) AS customer_id
        FROM ${raw(JOURNEY_STEPS)} s JOIN (
          SELECT journey, min(pos) AS after_pos FROM ${raw(JOURNEY_STEPS)}
          WHERE tp = ${codeOf(codes, rule.after)} GROUP BY journey) a ON a.journey = s.journey
        WHERE s.tp = ${codeOf(codes, rule.touchpoint)} AND s.pos > a.after_pos
        GROUP BY s.journey`;
    case 'contactsWithin': {
      const where: TSql[] = [];
      if (rule.stage !== undefined) where.push(sql`t.stage = ${rule.stage}`);
      if (rule.channel !== undefined) where.push(sql`c.channel = ${rule.channel}`);
      const contacts =
        rule.touchpoints === undefined
          ? raw(
              `SELECT n.seq, n.customer_id, n.ts, n.tp, n.channel FROM ${NOTABLE} n WHERE n.contact`,
            )
          : sql`SELECT s.seq, s.customer_id, s.ts, s.tp, coalesce(s.channel, t.channel) AS channel
              FROM ${raw(JOURNEY_STEPS)} s JOIN ${raw(TOUCHPOINTS)} t ON t.code = s.tp
              WHERE s.tp IN (${join(rule.touchpoints.map((id) => param(codeOf(codes, id))))})`;
      return sql`SELECT seq, customer_id FROM (
        SELECT c.seq, c.customer_id, count(*) OVER (PARTITION BY c.customer_id ORDER BY epoch_us(c.ts)
          RANGE BETWEEN ${Math.round(rule.withinDays * MICROS_PER_DAY)} PRECEDING AND CURRENT ROW) AS recent
        FROM (${contacts}) c JOIN ${raw(TOUCHPOINTS)} t ON t.code = c.tp
        ${where.length === 0 ? raw('') : sql`WHERE ${join(where, ' AND ')}`})
        WHERE recent >= ${rule.count}`;
    }
  }
}

/** One row per occurrence of a rule-defined moment (`moment` is the rule's id). */
export function createMomentSteps(rules: readonly TMomentOfTruth[], codes: TCodes): TSql {
  const parts = rules.map(
    (m) => sql`SELECT ${m.id} AS moment, seq, customer_id FROM (${ruleSteps(m, codes)})`,
  );
  const body =
    parts.length === 0
      ? raw(`SELECT CAST(NULL AS VARCHAR) AS moment, CAST(NULL AS BIGINT) AS seq,
          CAST(NULL AS VARCHAR) AS customer_id WHERE false`)
      : join(parts, ' UNION ALL ');
  return sql`CREATE OR REPLACE TEMP TABLE ${raw(MOMENTS)} AS ${body}`;
}

const BAD_OUTCOME = "outcome IN ('failed', 'abandoned')";

/**
 * Per rule-defined moment: occurrences, customers, the success rate (occurrence steps whose
 * outcome is not failed or abandoned) and the friction rate (occurrence steps that are a
 * friction occurrence).
 */
export const momentScores = raw(`SELECT m.moment, count(*) AS volume,
    count(DISTINCT m.customer_id) AS customers,
    (count(*) - count(*) FILTER (WHERE m.seq IN (SELECT seq FROM ${NOTABLE} WHERE ${BAD_OUTCOME})))
      / count(*) AS success_rate,
    count(*) FILTER (WHERE m.seq IN (SELECT seq FROM ${OCCURRENCES})) / count(*) AS friction_rate
  FROM ${MOMENTS} m GROUP BY m.moment ORDER BY volume DESC, m.moment`);

/**
 * Per touchpoint (every step there is a moment when it is declared one): steps, steps with a
 * failed or abandoned outcome, steps that are a friction occurrence, and customers with a bad
 * experience there (a friction occurrence or a bad outcome). Customers reached come from
 * journeys.ts `touchpointReach`.
 */
export const touchpointExperience = raw(`WITH volume AS (
    SELECT tp, count(*) AS n FROM ${JOURNEY_STEPS} GROUP BY tp),
  bad_steps AS (SELECT tp, count(*) AS n FROM ${NOTABLE} WHERE ${BAD_OUTCOME} GROUP BY tp),
  friction_steps AS (SELECT tp, count(DISTINCT seq) AS n FROM ${OCCURRENCES} GROUP BY tp),
  bad_customers AS (
    SELECT tp, count(DISTINCT customer_id) AS n FROM (
      SELECT tp, customer_id FROM ${OCCURRENCES}
      UNION ALL SELECT tp, customer_id FROM ${NOTABLE} WHERE ${BAD_OUTCOME})
    GROUP BY tp)
  SELECT t.code, t.touchpoint, coalesce(v.n, 0) AS volume, coalesce(b.n, 0) AS bad_steps,
    coalesce(f.n, 0) AS friction_steps, coalesce(c.n, 0) AS bad_customers
  FROM ${TOUCHPOINTS} t LEFT JOIN volume v ON v.tp = t.code LEFT JOIN bad_steps b ON b.tp = t.code
    LEFT JOIN friction_steps f ON f.tp = t.code LEFT JOIN bad_customers c ON c.tp = t.code
  ORDER BY t.code`);
