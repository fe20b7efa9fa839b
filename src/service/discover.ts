/**
 * Use case: discover the actual journeys in the store (DESIGN.md §3, equal to PM4Py).
 * Heavy lifting in the engine; only the small aggregated results cross into JavaScript.
 */
import type { TDiscovery, TDiscoveryFilter } from '../model/discovery.js';
import * as q from '../query/discovery.js';
import type { TSql } from '../query/sql.js';
import type { TStore } from '../store/store.js';

export type TDiscoverOptions = {
  filter?: TDiscoveryFilter;
  /** Rendered segment predicate for `filter.segment` (the caller knows the workspace). */
  segmentPredicate?: TSql | undefined;
  topVariants?: number;
};

async function pairs(store: TStore, query: TSql): Promise<[string, number][]> {
  return (await store.all<{ activity: string; n: number }>(query)).map((r) => [r.activity, r.n]);
}

export async function discover(store: TStore, options: TDiscoverOptions = {}): Promise<TDiscovery> {
  const scope = { ...options.filter, segmentPredicate: options.segmentPredicate };
  try {
    for (const statement of q.createActivityType) await store.exec(statement);
    await store.exec(q.createSteps(scope));
    await store.exec(q.createCases);
    await store.exec(q.createVariants);
    const [totals] = await store.all<{ events: number; cases: number; variants: number }>(q.totals);
    const activityCounts = await pairs(store, q.activityCounts);
    const dfg = await store.all<{
      from: string;
      to: string;
      n: number;
      mean_s: number;
      median_s: number;
    }>(q.directlyFollows);
    const top = await store.all<{ n: number; example: string; mean_s: number }>(
      q.topVariants(options.topVariants ?? 20),
    );
    const sequences = await store.all<{ case_key: string; activities: string[] }>(
      q.sequencesOf(top.map((t) => t.example)),
    );
    const sequenceOf = new Map(sequences.map((s) => [s.case_key, s.activities]));
    const [durations] = await store.all<{
      mean: number | null;
      median: number;
      min: number;
      max: number;
    }>(q.caseDurations);
    const cases = totals?.cases ?? 0;
    return {
      cases,
      events: totals?.events ?? 0,
      activities: activityCounts.length,
      activityCounts,
      dfg: dfg.map((e) => ({
        from: e.from,
        to: e.to,
        count: e.n,
        meanSeconds: e.mean_s,
        medianSeconds: e.median_s,
      })),
      startActivities: await pairs(store, q.startActivities),
      endActivities: await pairs(store, q.endActivities),
      variantsTotal: totals?.variants ?? 0,
      topVariants: top.map((t) => ({
        count: t.n,
        share: cases === 0 ? 0 : t.n / cases,
        meanSeconds: t.mean_s,
        activities: sequenceOf.get(t.example) ?? [],
      })),
      caseDurationSeconds:
        durations === undefined || durations.mean === null
          ? undefined
          : {
              mean: durations.mean,
              median: durations.median,
              min: durations.min,
              max: durations.max,
            },
    };
  } finally {
    for (const drop of q.dropAll) await store.exec(drop);
  }
}
