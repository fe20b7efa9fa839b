/**
 * The exposure of a change assessment: how many customers pass the touchpoints a change
 * touches, per calendar month (in the workspace's time zone) and segment, with each segment's
 * service tier. Reads the journey steps the analysis keeps on its session
 * (`jl_journey_steps`, `jl_segments`: src/query/journeys.ts), so the counts are those of the
 * analysis, cut by touchpoint. Which touchpoints, which tiers and which zone are decided in
 * `exposurePlan`; the SQL only renders that decision. Strings only, no I/O.
 */
import type { TWorkspace } from '../model/workspace-schema.js';
import { JOURNEY_STEPS, SEGMENTS } from './journeys.js';
import { join, param, raw, sql, type TSql } from './sql.js';

export type TExposurePlan = {
  /** The selected touchpoints that exist, in workspace order, with their codes (positions). */
  touchpoints: { id: string; code: number }[];
  /** Selected ids the workspace does not have. */
  unknown: string[];
  /** Each segment's service tier, in workspace order. */
  tiers: { segment: string; tier: string }[];
  timezone: string;
};

/** Decides what the exposure query counts: known touchpoints by code, tiers, time zone. */
export function exposurePlan(
  workspace: TWorkspace,
  touchpointIds: readonly string[],
): TExposurePlan {
  const wanted = new Set(touchpointIds);
  const known = new Set<string>(workspace.touchpoints.map((t) => t.id));
  return {
    touchpoints: workspace.touchpoints
      .map((t, code) => ({ id: t.id, code }))
      .filter((t) => wanted.has(t.id)),
    unknown: [...wanted].filter((id) => !known.has(id)),
    tiers: workspace.segments.map((s) => ({ segment: s.id, tier: s.serviceTier })),
    timezone: workspace.settings.timezone,
  };
}

/** The calendar month of a step in the workspace's zone, as `YYYY-MM`. */
function monthOf(timezone: string, ts: TSql): TSql {
  return sql`strftime(date_trunc('month', timezone(${timezone}, ${ts})), '%Y-%m')`;
}

function tierOf(plan: TExposurePlan): TSql {
  if (plan.tiers.length === 0) return raw('CAST(NULL AS VARCHAR)');
  const arms = plan.tiers.map((t) => sql`WHEN ${t.segment} THEN ${t.tier}`);
  return sql`CASE g.segment ${join(arms, ' ')} END`;
}

/** A row of `exposureCounts`: the GROUPING flags are 1 where the column is rolled up. */
export type TExposureCountRow = {
  month: string | null;
  segment: string | null;
  tier: string | null;
  tp: number | null;
  all_months: number;
  all_segments: number;
  all_touchpoints: number;
  customers: number;
  passes: number;
};

/**
 * Distinct customers and passes (steps) at the selected touchpoints, grouped by (month,
 * segment), by month, by segment, by (month, touchpoint), by touchpoint and overall — the GROUPING flags
 * `all_months`, `all_segments` and `all_touchpoints` say which. A customer without a segment
 * counts under segment NULL. Without a known touchpoint the query returns no rows.
 */
export function exposureCounts(plan: TExposurePlan): TSql {
  if (plan.touchpoints.length === 0) {
    return raw(`SELECT CAST(NULL AS VARCHAR) AS month, CAST(NULL AS VARCHAR) AS segment,
      CAST(NULL AS VARCHAR) AS tier, CAST(NULL AS SMALLINT) AS tp, 0 AS all_months,
      0 AS all_segments, 0 AS all_touchpoints, 0 AS customers, 0 AS passes WHERE false`);
  }
  const codes = join(plan.touchpoints.map((t) => param(t.code)));
  return sql`SELECT month, segment, any_value(tier) AS tier, tp,
      CAST(grouping(month) AS INTEGER) AS all_months, CAST(grouping(segment) AS INTEGER) AS all_segments,
      CAST(grouping(tp) AS INTEGER) AS all_touchpoints,
      count(DISTINCT customer_id) AS customers, count(*) AS passes
    FROM (
      SELECT ${monthOf(plan.timezone, raw('s.ts'))} AS month, g.segment, ${tierOf(plan)} AS tier, s.tp, s.customer_id
      FROM ${raw(JOURNEY_STEPS)} s LEFT JOIN ${raw(SEGMENTS)} g ON g.customer_id = s.customer_id
      WHERE s.tp IN (${codes})
    )
    GROUP BY GROUPING SETS ((month, segment), (month), (segment), (month, tp), (tp), ())
    ORDER BY all_touchpoints, all_months, all_segments, month, segment NULLS LAST, tp`;
}

/** The first and last month of every journey step (the period a monthly rate divides by). */
export function exposureMonths(plan: TExposurePlan): TSql {
  return sql`SELECT ${monthOf(plan.timezone, raw('min(ts)'))} AS first, ${monthOf(plan.timezone, raw('max(ts)'))} AS last
    FROM ${raw(JOURNEY_STEPS)}`;
}
