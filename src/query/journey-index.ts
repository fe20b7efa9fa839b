/**
 * The journey index: the steps, journeys and customer masks of journeys.ts kept in the store
 * (`jl_index_*`) instead of being formed again by every analysis — forming them is the one
 * pass that orders every event, most of an analysis's time on a large store.
 *
 * The index is current while its key matches: the data it was built from (the event and
 * customer imports, and the events' count and last ingest sequence) and the parts of the
 * workspace that shape journeys (touchpoint order, stages and channels, the activity mapping,
 * segments, the inactivity gap, the between-touchpoint service levels). Anything else — names, teams,
 * friction thresholds, ideal journeys, the cost model — is read by the analysis itself, so
 * changing it keeps the index current. Only an unfiltered analysis reads the index. When
 * events were only appended since, the index is updated rather than rebuilt
 * (journeys.ts `journeyIndexUpdate`). Strings and pure functions only, no I/O.
 */
import type { TJourneyFilter, TJourneyPlan } from './journeys-plan.js';
import { raw, sql, type TSql } from './sql.js';

/** Raised whenever what the index holds, or how it is keyed, changes. */
export const JOURNEY_INDEX_FORMAT = 6;

/** The `meta` row that holds the key of the index in the store. */
export const JOURNEY_INDEX_META = 'journey_index';

/** What the journey tables depend on in the workspace (the plan of an unfiltered analysis). */
export function journeyIndexSettings(plan: TJourneyPlan): string {
  return JSON.stringify({
    format: JOURNEY_INDEX_FORMAT,
    touchpoints: plan.touchpoints.map((t) => [t.id, t.stageIndex, t.channel]),
    exact: plan.exact.map((x) => [x.activity, x.touchpoint]),
    patterns: plan.patterns.map((p) => [p.touchpoint, p.source, p.ignoreCase]),
    segments: plan.segments,
    stages: plan.stages,
    gapMicros: plan.gapMicros,
    between: plan.between.map((b) => [b.from, b.to, b.seconds]),
    caseMix: [plan.caseMix.withCase, plan.caseMix.withoutCase],
  });
}

/** True when the index can serve a build with this filter: none that narrows the events. */
export function indexable(f: TJourneyFilter): boolean {
  return (
    (f.channels === undefined || f.channels.length === 0) &&
    f.from === undefined &&
    f.to === undefined &&
    f.segment === undefined
  );
}

/**
 * What the journey tables are formed from. Events are only appended and customers change
 * only by import, each of which adds a row to `imports`; the counts and the last sequence
 * also catch rows written another way.
 */
export type TJourneyData = {
  imports: number;
  lastImport: number;
  events: number;
  lastSeq: number;
  customers: number;
};

/** One row: the TJourneyData of the store now. */
export const journeyData = raw(`SELECT
    (SELECT count(*) FROM imports WHERE kind IN ('events', 'customers')) AS imports,
    (SELECT coalesce(max(import_id), 0) FROM imports WHERE kind IN ('events', 'customers')) AS "lastImport",
    (SELECT count(*) FROM events) AS events, (SELECT coalesce(max(seq), 0) FROM events) AS "lastSeq",
    (SELECT count(*) FROM customers) AS customers`);

const DATA_FIELDS = ['imports', 'lastImport', 'events', 'lastSeq', 'customers'] as const;

/** The key of an index: its data, then its settings (journeyIndexSettings). */
export function journeyIndexKeyOf(data: TJourneyData, settings: string): string {
  return `${DATA_FIELDS.map((f) => data[f]).join(':')}|${settings}`;
}

/** The data and settings of a key, or undefined for one this version did not write. */
export function parseJourneyIndexKey(
  key: string,
): { data: TJourneyData; settings: string } | undefined {
  const bar = key.indexOf('|');
  const numbers = key.slice(0, bar).split(':').map(Number);
  if (
    bar < 0 ||
    numbers.length !== DATA_FIELDS.length ||
    numbers.some((n) => !Number.isSafeInteger(n))
  ) {
    return undefined;
  }
  const data = Object.fromEntries(DATA_FIELDS.map((f, i) => [f, numbers[i]])) as TJourneyData;
  return { data, settings: key.slice(bar + 1) };
}

/** True when two descriptions of the data are the same data. */
export function sameJourneyData(a: TJourneyData, b: TJourneyData): boolean {
  return DATA_FIELDS.every((f) => a[f] === b[f]);
}

/**
 * Whether the events have case ids, and whether some have none, as the settings of a key
 * (journeyIndexSettings) state them; undefined for settings this version did not write.
 * While the key's data is the store's, this is the store's case mix, read without a scan.
 */
export function caseMixOfSettings(settings: string): TJourneyPlan['caseMix'] | undefined {
  try {
    const parsed = JSON.parse(settings) as { format?: unknown; caseMix?: unknown };
    const mix = parsed.caseMix;
    if (parsed.format !== JOURNEY_INDEX_FORMAT || !Array.isArray(mix)) return undefined;
    const [withCase, withoutCase] = mix as unknown[];
    if (typeof withCase !== 'boolean' || typeof withoutCase !== 'boolean') return undefined;
    return { withCase, withoutCase };
  } catch {
    return undefined;
  }
}

/**
 * How an index built from `before` can be brought to `now` with the same settings: by
 * forming again the journeys of the events appended since (`afterSeq`), when events were
 * only appended and no customer changed; else only by a rebuild.
 */
export function journeyIndexDelta(
  before: TJourneyData,
  now: TJourneyData,
): { afterSeq: number } | undefined {
  const appended =
    now.customers === before.customers &&
    now.events >= before.events &&
    now.lastSeq >= before.lastSeq;
  return appended ? { afterSeq: before.lastSeq } : undefined;
}

/**
 * One row (`appended`, `customer_imports`): events after `afterSeq`, and customer imports
 * after `afterImport`. An update is exact only when every event added since is after the
 * indexed sequence and no customer import came (segments may have changed).
 */
export function appendedSince(afterSeq: number, afterImport: number): TSql {
  return sql`SELECT (SELECT count(*) FROM events WHERE seq > ${afterSeq}) AS appended,
    (SELECT count(*) FROM imports WHERE kind = 'customers' AND import_id > ${afterImport}) AS customer_imports`;
}

/** The key the index was built under, if any (one row, or none). */
export const journeyIndexKey = sql`SELECT value AS key FROM meta WHERE key = ${JOURNEY_INDEX_META}`;

/** Forgets the index's key: until it is written again the index is not current. */
export const forgetJourneyIndex = sql`DELETE FROM meta WHERE key = ${JOURNEY_INDEX_META}`;

/** Records the key of the index just built. */
export function rememberJourneyIndex(key: string): TSql {
  return sql`INSERT OR REPLACE INTO meta (key, value) VALUES (${JOURNEY_INDEX_META}, ${key})`;
}
