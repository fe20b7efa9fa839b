/**
 * Prices a gap as a business case (DESIGN.md §1 "opportunity") with the workspace cost model,
 * every assumption returned beside the figure it produced so a reader can challenge it:
 *
 *   cost to serve per year   = occurrences per month × 12 × cost of one contact on its channel
 *   revenue at risk per year = Σ over segments (customers affected × segment annual value) × churn risk
 *
 * Pure: the counts come from the engine, the cost model from the workspace. The web app's
 * opportunities screen runs this same code on edited assumptions, so it must stay free of I/O
 * and take only the parts of a segment it uses.
 */
import type { TCostModel, TSegment } from '../model/workspace-schema.js';

export type TGapCounts = {
  /** A detected friction, or a deviation from an ideal journey. */
  source: 'friction' | 'deviation';
  /** What the gap is: a friction type (`loop`) or a deviation kind (`skipped`). */
  type: string;
  touchpoint: string | null;
  /** The ideal journey a deviation is measured against. */
  journey?: string | undefined;
  /**
   * Whether each occurrence costs one contact on the touchpoint's channel: true for friction
   * and for extra or repeated steps; a skipped or out-of-order step adds no contact.
   */
  costsContact: boolean;
  teams: string[];
  /** Average occurrences per month over the months observed. */
  occurrencesPerMonth: number;
  /** Channel whose cost to serve applies (the touchpoint's channel). */
  channel: string | null;
  /** Distinct customers affected, per segment id ('' for customers in no segment). */
  customersBySegment: Record<string, number>;
  /** The customers are a sum over variants: one in several variants counts more than once. */
  customersUpperBound?: boolean | undefined;
  /**
   * How many more detractors (share 0–1, NPS answers) customers exposed to this gap are than
   * the others, when feedback measured it: then revenue at risk rests on it instead of the
   * flat churn risk.
   */
  detractorGap?: { value: number; low: number | null; high: number | null; n: number } | undefined;
};

/** What pricing reads of a segment: its id and the yearly value of one of its customers. */
export type TSegmentValue = Pick<TSegment, 'id' | 'annualValue'>;

export type TPricedGap = TGapCounts & {
  costToServePerYear: number;
  revenueAtRiskPerYear: number;
  totalPerYear: number;
  assumptions: {
    costPerOccurrence: number;
    costSource: string;
    churnRisk: number;
    /** `measured`: from the detractor gap of the NPS answers; `assumed`: the flat churn risk. */
    churnSource: 'measured' | 'assumed';
    /** With a measured gap: its value and interval, and the churn risk of one detractor. */
    detractorGap?: { value: number; low: number | null; high: number | null; n: number };
    detractorChurnRisk?: number;
    segmentValues: Record<string, number>;
    missing: string[];
  };
};

export function priceGap(
  gap: TGapCounts,
  cost: TCostModel,
  segments: readonly TSegmentValue[],
): TPricedGap {
  const missing: string[] = [];
  const channelCost = gap.channel === null ? undefined : cost.costToServe[gap.channel];
  if (gap.costsContact && channelCost === undefined) {
    missing.push(`no cost to serve for channel ${gap.channel ?? '(none)'}: counted as 0`);
  }
  const costPerOccurrence = gap.costsContact ? (channelCost ?? 0) : 0;
  const segmentValues: Record<string, number> = {};
  let valueAtStake = 0;
  for (const [segmentId, customers] of Object.entries(gap.customersBySegment)) {
    const value = segments.find((s) => s.id === segmentId)?.annualValue;
    if (value === undefined) {
      missing.push(
        `no annual value for ${segmentId === '' ? 'customers in no segment' : `segment ${segmentId}`}: counted as 0`,
      );
      continue;
    }
    segmentValues[segmentId] = value;
    valueAtStake += customers * value;
  }
  if (gap.customersUpperBound === true) {
    missing.push('customers summed over journey variants: an upper bound');
  }
  const costToServePerYear = gap.occurrencesPerMonth * 12 * costPerOccurrence;
  // A measured gap prices churn as more detractors × what a detractor costs; a friction that
  // makes no more detractors then risks no revenue. Without one, the flat assumption applies.
  const measured = gap.detractorGap;
  const churn =
    measured === undefined ? cost.churnRisk : Math.max(0, measured.value) * cost.detractorChurnRisk;
  const revenueAtRiskPerYear = valueAtStake * churn;
  return {
    ...gap,
    costToServePerYear,
    revenueAtRiskPerYear,
    totalPerYear: costToServePerYear + revenueAtRiskPerYear,
    assumptions: {
      costPerOccurrence,
      costSource: !gap.costsContact
        ? `a ${gap.type} step adds no contact`
        : gap.channel === null
          ? 'no channel'
          : `costModel.costToServe.${gap.channel}`,
      churnRisk: churn,
      churnSource: measured === undefined ? 'assumed' : 'measured',
      ...(measured === undefined
        ? {}
        : { detractorGap: measured, detractorChurnRisk: cost.detractorChurnRisk }),
      segmentValues,
      missing,
    },
  };
}

/** Priced gaps, largest business case first; ties by type and touchpoint for a stable order. */
export function rankOpportunities(
  gaps: readonly TGapCounts[],
  cost: TCostModel,
  segments: readonly TSegmentValue[],
): TPricedGap[] {
  return gaps
    .map((g) => priceGap(g, cost, segments))
    .sort(
      (a, b) =>
        b.totalPerYear - a.totalPerYear ||
        a.source.localeCompare(b.source) ||
        a.type.localeCompare(b.type) ||
        (a.journey ?? '').localeCompare(b.journey ?? '') ||
        (a.touchpoint ?? '').localeCompare(b.touchpoint ?? ''),
    );
}
