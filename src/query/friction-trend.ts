/**
 * Friction over time broken down by one dimension: occurrences and distinct customers per
 * period (day, week starting Monday, or month, in the workspace's time zone) and per value of
 * segment, team, channel or type, read from `jl_friction` (src/query/friction.ts) after the
 * analysis built it. Filters travel as bind parameters; the dimension is chosen from a fixed
 * list, never spliced from input. Strings only, no I/O.
 */
import { FRICTION } from './friction.js';
import type { TGrain } from './friction-report.js';
import { join, raw, sql, type TSql } from './sql.js';

export const TREND_DIMENSIONS = ['segment', 'team', 'channel', 'type'] as const;
export type TTrendDimension = (typeof TREND_DIMENSIONS)[number];

export type TTrendFilter = {
  type?: string | undefined;
  team?: string | undefined;
  touchpoint?: string | undefined;
};

export type TTrendCounts = { occurrences: number; customers: number };

/** The answer of GET /api/friction/trend. */
export type TFrictionTrend = {
  modelVersion: number;
  computedAt: string;
  granularity: TGrain;
  by: TTrendDimension;
  timezone: string;
  filter: TTrendFilter;
  /** All occurrences that pass the filter, and their distinct customers. */
  total: TTrendCounts;
  /** Per value of `by` (null: none, e.g. no segment) over the whole period, most first. */
  values: (TTrendCounts & { value: string | null })[];
  /** Per period (ISO date of its first day) and value; periods without occurrences are absent. */
  series: (TTrendCounts & { period: string; value: string | null })[];
};

/** The columns of `jl_friction` each dimension and filter reads (a fixed list). */
const COLUMN: Record<TTrendDimension | keyof TTrendFilter, string> = {
  segment: 'segment',
  team: 'team',
  channel: 'channel',
  type: 'type',
  touchpoint: 'touchpoint',
};

function where(filter: TTrendFilter): TSql {
  const conditions = (['type', 'team', 'touchpoint'] as const)
    .filter((k) => filter[k] !== undefined)
    .map((k) => sql`${raw(COLUMN[k])} = ${filter[k] ?? null}`);
  return conditions.length === 0 ? raw('') : sql`WHERE ${join(conditions, ' AND ')}`;
}

/**
 * Per period and value (NULL: none, e.g. a customer in no segment); periods are ISO dates of
 * the period's first day, in order.
 */
export function frictionTrend(
  grain: TGrain,
  by: TTrendDimension,
  timezone: string,
  filter: TTrendFilter = {},
): TSql {
  return sql`SELECT strftime(period, '%Y-%m-%d') AS period, value, occurrences, customers
    FROM (
      SELECT date_trunc(${grain}, timezone(${timezone}, ts)) AS period, ${raw(COLUMN[by])} AS value,
        count(*) AS occurrences, count(DISTINCT customer_id) AS customers
      FROM ${raw(FRICTION)} ${where(filter)} GROUP BY ALL)
    ORDER BY period, value NULLS LAST`;
}

/** Per value over the whole period: occurrences and distinct customers, most frequent first. */
export function frictionTrendTotals(by: TTrendDimension, filter: TTrendFilter = {}): TSql {
  return sql`SELECT ${raw(COLUMN[by])} AS value, count(*) AS occurrences,
      count(DISTINCT customer_id) AS customers
    FROM ${raw(FRICTION)} ${where(filter)}
    GROUP BY ALL ORDER BY occurrences DESC, value NULLS LAST`;
}

/** All values together: occurrences and distinct customers. */
export function frictionTrendOverall(filter: TTrendFilter = {}): TSql {
  return sql`SELECT count(*) AS occurrences, count(DISTINCT customer_id) AS customers
    FROM ${raw(FRICTION)} ${where(filter)}`;
}
