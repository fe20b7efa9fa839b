/**
 * The counts behind a friction rate for one period, read from the tables the analysis
 * builds (`jl_friction` of friction.ts, `jl_journey_steps` of journeys.ts) after they were
 * built for that period only: the occurrences and customers of one friction type, optionally
 * at one touchpoint, in one stage, of one team or segment, and the customers and journeys that
 * could have met it (with a step matching the same narrowing). Every occurrence is a step, so
 * the affected customers are always among the exposed ones. Strings only, no I/O.
 */
import { FRICTION } from './friction.js';
import { JOURNEY_STEPS, SEGMENTS, TOUCHPOINTS } from './journeys.js';
import { join, raw, sql, type TSql } from './sql.js';

export type TFrictionNarrowing = {
  touchpoint?: string | undefined;
  stage?: string | undefined;
  team?: string | undefined;
  segment?: string | undefined;
};

const NARROWING = ['touchpoint', 'stage', 'team', 'segment'] as const;

function conditions(prefix: Record<(typeof NARROWING)[number], string>, n: TFrictionNarrowing) {
  return NARROWING.filter((k) => n[k] !== undefined).map(
    (k) => sql`${raw(prefix[k])} = ${n[k] ?? null}`,
  );
}

/** One row: `occurrences` and distinct `customers` of the type, narrowed. */
export function frictionAffected(type: string, narrowing: TFrictionNarrowing): TSql {
  const where = [
    sql`type = ${type}`,
    ...conditions(
      { touchpoint: 'touchpoint', stage: 'stage', team: 'team', segment: 'segment' },
      narrowing,
    ),
  ];
  return sql`SELECT count(*) AS occurrences, count(DISTINCT customer_id) AS customers
    FROM ${raw(FRICTION)} WHERE ${join(where, ' AND ')}`;
}

/** One row: distinct `customers` and `journeys` with a step matching the narrowing. */
export function frictionExposure(narrowing: TFrictionNarrowing): TSql {
  const where = conditions(
    { touchpoint: 't.touchpoint', stage: 't.stage', team: 't.team', segment: 'g.segment' },
    narrowing,
  );
  const segments =
    narrowing.segment === undefined
      ? raw('')
      : raw(` JOIN ${SEGMENTS} g ON g.customer_id = s.customer_id`);
  return sql`SELECT count(DISTINCT s.customer_id) AS customers, count(DISTINCT s.journey) AS journeys
    FROM ${raw(JOURNEY_STEPS)} s JOIN ${raw(TOUCHPOINTS)} t ON t.code = s.tp${segments}${
      where.length === 0 ? raw('') : sql` WHERE ${join(where, ' AND ')}`
    }`;
}
