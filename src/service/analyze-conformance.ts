/**
 * Conformance of the measured journeys to the ideal ones: every variant is aligned to the
 * ideal journeys of its segment (src/analysis/conformance.ts), summed per journey, segment and
 * deviation, with the monthly trend of fitness and of each deviation.
 */
import type { TIdealJourneyLike } from '../analysis/alignment.js';
import type { TDeviationSummary, TConformanceSummary } from '../analysis/conformance-aggregate.js';
import {
  conformanceTrend,
  deviationKey,
  type TDeviationMonth,
  type TJourneyTrend,
} from '../analysis/conformance-trend.js';
import { conformVariants, type TVariantInput } from '../analysis/conformance.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import type { TStore } from '../store/store.js';
import { journeyVariants } from './journeys.js';

export type TConformance = Omit<TConformanceSummary, 'deviations'> & {
  deviations: (TDeviationSummary & { perMonth: TDeviationMonth[] })[];
  /** Per ideal journey, per month of journey start. */
  trend: TJourneyTrend[];
  /** Variants aligned (each variant once, whatever its number of journeys). */
  variants: number;
};

export async function conformance(store: TStore, workspace: TWorkspace): Promise<TConformance> {
  const variants = await journeyVariants(store, { timezone: workspace.settings.timezone });
  const bySegment = new Map<string | undefined, TIdealJourneyLike[]>();
  for (const journey of workspace.idealJourneys) {
    const list = bySegment.get(journey.segment) ?? [];
    list.push(journey);
    bySegment.set(journey.segment, list);
  }
  const report = conformVariants(variants, bySegment);
  const months = new Map<TVariantInput, Record<string, number>>(variants.map((v) => [v, v.months]));
  const trend = conformanceTrend(report.variants, (v) => months.get(v) ?? {});
  return {
    byJourney: report.byJourney,
    bySegment: report.bySegment,
    noIdealJourney: report.noIdealJourney,
    deviations: report.deviations.map((d) => ({
      ...d,
      perMonth:
        trend.deviations.get(deviationKey(d.segment, d.journeyId, d.kind, d.touchpoint)) ?? [],
    })),
    trend: trend.byJourney,
    variants: variants.length,
  };
}
