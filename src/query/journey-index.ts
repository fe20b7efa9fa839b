/**
 * The journey index: the steps, journeys and customer masks of journeys.ts kept in the store
 * (`jl_index_*`) instead of being formed again by every analysis — forming them is the one
 * pass that orders every event, most of an analysis's time on a large store.
 *
 * The index is current while its key matches: the data it was built from (the event and
 * customer imports, and the events' count and last ingest sequence) and the parts of the
 * workspace that shape journeys (touchpoint order and stages, the activity mapping, segments,
 * the inactivity gap, the between-touchpoint service levels). Anything else — names, teams,
 * friction thresholds, ideal journeys, the cost model — is read by the analysis itself, so
 * changing it keeps the index current. Only an unfiltered analysis reads the index. Strings
 * and pure functions only, no I/O.
 */
import type { TJourneyPlan } from './journeys-plan.js';
import { raw, sql, type TSql } from './sql.js';

/** Raised whenever what the index holds, or how it is keyed, changes. */
export const JOURNEY_INDEX_FORMAT = 2;

/** The `meta` row that holds the key of the index in the store. */
export const JOURNEY_INDEX_META = 'journey_index';

/** What the journey tables depend on in the workspace (the plan of an unfiltered analysis). */
export function journeyIndexSettings(plan: TJourneyPlan): string {
  return JSON.stringify({
    format: JOURNEY_INDEX_FORMAT,
    touchpoints: plan.touchpoints.map((t) => [t.id, t.stageIndex]),
    exact: plan.exact.map((x) => [x.activity, x.touchpoint]),
    patterns: plan.patterns.map((p) => [p.touchpoint, p.source, p.ignoreCase]),
    segments: plan.segments,
    stages: plan.stages,
    gapMicros: plan.gapMicros,
    between: plan.between.map((b) => [b.from, b.to, b.seconds]),
    caseMix: [plan.caseMix.withCase, plan.caseMix.withoutCase],
  });
}

/** True when the plan is one the index can serve: no filter narrows the events. */
export function indexable(plan: TJourneyPlan): boolean {
  const f = plan.filter;
  return (
    (f.channels === undefined || f.channels.length === 0) &&
    f.from === undefined &&
    f.to === undefined &&
    f.segment === undefined
  );
}

/**
 * One row, `signature`: what the journey tables were formed from. Events are only appended
 * and customers change only by import, each of which adds a row to `imports`; the counts and
 * the last sequence also catch rows written another way.
 */
export const journeyDataSignature = raw(`SELECT concat_ws(':',
    (SELECT count(*) FROM imports WHERE kind IN ('events', 'customers')),
    (SELECT coalesce(max(import_id), 0) FROM imports WHERE kind IN ('events', 'customers')),
    (SELECT count(*) FROM events), (SELECT coalesce(max(seq), 0) FROM events),
    (SELECT count(*) FROM customers)) AS signature`);

/** The key the index was built under, if any (one row, or none). */
export const journeyIndexKey = sql`SELECT value AS key FROM meta WHERE key = ${JOURNEY_INDEX_META}`;

/** Forgets the index's key: until it is written again the index is not current. */
export const forgetJourneyIndex = sql`DELETE FROM meta WHERE key = ${JOURNEY_INDEX_META}`;

/** Records the key of the index just built. */
export function rememberJourneyIndex(key: string): TSql {
  return sql`INSERT OR REPLACE INTO meta (key, value) VALUES (${JOURNEY_INDEX_META}, ${key})`;
}
