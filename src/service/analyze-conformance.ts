/**
 * Conformance of the measured journeys to the ideal ones: every variant is aligned to the
 * ideal journeys of its segment (src/analysis/conformance.ts), summed per journey, segment and
 * deviation, with the monthly trend of fitness and of each deviation. Customers are counted
 * exactly in the engine: a customer who followed several variants of one row counts once.
 */
import type { TIdealJourneyLike } from '../analysis/alignment.js';
import type { TConformanceSummary, TDeviationSummary } from '../analysis/conformance-aggregate.js';
import {
  conformanceTrend,
  deviationKey,
  overallFitness,
  overallTrend,
  type TConformanceMonth,
  type TDeviationMonth,
  type TJourneyTrend,
  type TOverallFitness,
} from '../analysis/conformance-trend.js';
import { conformVariants, type TVariantConformance } from '../analysis/conformance.js';
import { journeySteps, type TJourneySteps } from '../analysis/conformance-steps.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import type { TLocalClock } from '../query/local-time.js';
import {
  LABEL_COLUMNS,
  labelledCustomers,
  labelledCustomersByMask,
  MASKED_LABELS,
} from '../query/journeys-variants.js';
import type { TStore, TTextBatch } from '../store/store.js';
import { journeyVariants, type TJourneyVariant } from './journeys.js';

export type TConformance = Omit<TConformanceSummary, 'deviations'> & {
  deviations: (TDeviationSummary & { perMonth: TDeviationMonth[] })[];
  /** Every journey aligned to an ideal journey, together. */
  overall: TOverallFitness;
  /** Per ideal journey, per month of journey start. */
  trend: TJourneyTrend[];
  /** All ideal journeys together, per month of journey start. */
  overallTrend: TConformanceMonth[];
  /** Variants aligned (each variant once, whatever its number of journeys). */
  variants: number;
  /** Per ideal journey, per step: the journeys that followed it in place (the journey map). */
  steps: TJourneySteps[];
};

const journeyLabel = (segment: string | undefined, journeyId: string): string =>
  `journey\u0000${segment ?? ''}\u0000${journeyId}`;
const segmentLabel = (segment: string | undefined): string => `segment\u0000${segment ?? ''}`;
const unalignedLabel = (segment: string | undefined): string => `none\u0000${segment ?? ''}`;

/** A variant (segment, `fingerprint:steps` key) under a named label. */
export type TVariantLabel = { segment: string | null; key: string; name: string };

export async function conformance(store: TStore, workspace: TWorkspace): Promise<TConformance> {
  return (await conformanceDetail(store, workspace)).conformance;
}

/**
 * The conformance, and which variants carry which deviation (names as `deviationKey`), for
 * the analyses that look at journeys by their deviations (feedback gaps). `maskedLabels`: up
 * to how many labels customers are counted through bit masks (default MASKED_LABELS).
 */
export async function conformanceDetail(
  store: TStore,
  workspace: TWorkspace,
  options: { maskedLabels?: number; clock?: TLocalClock } = {},
): Promise<{ conformance: TConformance; deviationVariants: TVariantLabel[] }> {
  const variants = await journeyVariants(store, {
    timezone: workspace.settings.timezone,
    clock: options.clock,
  });
  const bySegment = new Map<string | undefined, TIdealJourneyLike[]>();
  for (const journey of workspace.idealJourneys) {
    const list = bySegment.get(journey.segment) ?? [];
    list.push(journey);
    bySegment.set(journey.segment, list);
  }
  const report = conformVariants(variants, bySegment);
  const original = new Map(variants.map((v) => [v as object, v]));
  const variantOf = (r: TVariantConformance): TJourneyVariant => {
    const v = original.get(r.variant);
    if (v === undefined) throw new Error('conformance returned a variant it was not given');
    return v;
  };
  const trend = conformanceTrend(report.variants, (v) => original.get(v)?.months ?? {});
  const labels = variantLabels(report.variants, variantOf);
  const customers = await exactCustomers(store, labels, options.maskedLabels);
  const exact = <T extends { customers: number; customersExact: boolean }>(
    row: T,
    label: string,
  ): T => ({ ...row, customers: customers.get(label) ?? 0, customersExact: true });
  const deviationNames = new Set(
    report.deviations.map((d) => deviationKey(d.segment, d.journeyId, d.kind, d.touchpoint)),
  );
  const conformed: TConformance = {
    byJourney: report.byJourney.map((j) => exact(j, journeyLabel(j.segment, j.journeyId))),
    bySegment: report.bySegment.map((s) => exact(s, segmentLabel(s.segment))),
    noIdealJourney: report.noIdealJourney.map((s) => exact(s, unalignedLabel(s.segment))),
    deviations: report.deviations.map((d) => {
      const key = deviationKey(d.segment, d.journeyId, d.kind, d.touchpoint);
      return { ...exact(d, key), perMonth: trend.deviations.get(key) ?? [] };
    }),
    overall: overallFitness(report.bySegment),
    trend: trend.byJourney,
    overallTrend: overallTrend(trend.byJourney),
    variants: variants.length,
    steps: journeySteps(report.variants, bySegment),
  };
  return {
    conformance: conformed,
    deviationVariants: labels.filter((l) => deviationNames.has(l.name)),
  };
}

/** Every variant under the labels of its segment, ideal journey and deviations. */
function variantLabels(
  results: readonly TVariantConformance[],
  variantOf: (r: TVariantConformance) => TJourneyVariant,
): TVariantLabel[] {
  const labels: TVariantLabel[] = [];
  for (const r of results) {
    const { segment, key } = variantOf(r);
    const add = (name: string): void => {
      labels.push({ segment, key, name });
    };
    if (r.status === 'noIdealJourney') {
      add(unalignedLabel(r.segment));
      continue;
    }
    add(segmentLabel(r.segment));
    add(journeyLabel(r.segment, r.journeyId));
    const kinds = new Set(
      r.deviations.map((d) => deviationKey(r.segment, r.journeyId, d.kind, d.touchpoint)),
    );
    for (const name of kinds) add(name);
  }
  return labels;
}

/**
 * Distinct customers per label name. `maskedLabels`: up to how many labels are counted by
 * bit masks (the default; tests lower it to check the other way gives the same counts).
 */
async function exactCustomers(
  store: TStore,
  labels: readonly TVariantLabel[],
  maskedLabels = MASKED_LABELS,
): Promise<Map<string, number>> {
  const numbers = new Map<string, number>();
  const rows = labels.map((l) => {
    let label = numbers.get(l.name);
    if (label === undefined) numbers.set(l.name, (label = numbers.size));
    const [fingerprint = '0', steps = '0'] = l.key.split(':');
    return [l.segment, fingerprint, steps, String(label)];
  });
  // Tens of thousands of rows: staged in bulk, not as parameterised INSERTs.
  const columns = LABEL_COLUMNS.map((_, c) => rows.map((row) => row[c] ?? null));
  const names = [...numbers.keys()];
  try {
    const staged = await store.stageText(STAGE, LABEL_COLUMNS, textBatch(columns, rows.length));
    const counted = await store.all<{ label: number; customers: number }>(
      names.length <= maskedLabels
        ? labelledCustomersByMask(staged, names.length)
        : labelledCustomers(staged),
    );
    return new Map(counted.map((row) => [names[row.label] ?? '', row.customers]));
  } finally {
    await store.dropStaged(STAGE);
  }
}

const STAGE = 'jl_variant_labels';

/** One batch of text columns, as the store stages them. */
export async function* textBatch(
  columns: (string | null)[][],
  length: number,
): AsyncIterable<TTextBatch> {
  await Promise.resolve();
  yield { columns, length };
}
