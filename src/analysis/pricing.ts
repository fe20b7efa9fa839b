/**
 * Prices a gap as a business case (DESIGN.md §1 "opportunity") with the workspace cost model,
 * every assumption returned beside the figure it produced so a reader can challenge it:
 *
 *   cost to serve per year   = occurrences per month × 12 × cost of one contact on its channel
 *   revenue at risk per year = Σ over segments (customers affected × segment annual value) × churn risk
 *
 * Pure: the counts come from the engine, the cost model from the workspace.
 */
import type { TCostModel, TSegment } from '../model/workspace-schema.js';

export type TGapCounts = {
  /** What the gap is, e.g. `loop` at `checkout`. */
  type: string;
  touchpoint: string | null;
  teams: string[];
  /** Average occurrences per month over the months observed. */
  occurrencesPerMonth: number;
  /** Channel whose cost to serve applies (the touchpoint's channel). */
  channel: string | null;
  /** Distinct customers affected, per segment id ('' for customers in no segment). */
  customersBySegment: Record<string, number>;
};

export type TPricedGap = TGapCounts & {
  costToServePerYear: number;
  revenueAtRiskPerYear: number;
  totalPerYear: number;
  assumptions: {
    costPerOccurrence: number;
    costSource: string;
    churnRisk: number;
    segmentValues: Record<string, number>;
    missing: string[];
  };
};

export function priceGap(
  gap: TGapCounts,
  cost: TCostModel,
  segments: readonly TSegment[],
): TPricedGap {
  const missing: string[] = [];
  const channelCost = gap.channel === null ? undefined : cost.costToServe[gap.channel];
  if (channelCost === undefined) {
    missing.push(`no cost to serve for channel ${gap.channel ?? '(none)'}: counted as 0`);
  }
  const costPerOccurrence = channelCost ?? 0;
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
  const costToServePerYear = gap.occurrencesPerMonth * 12 * costPerOccurrence;
  const revenueAtRiskPerYear = valueAtStake * cost.churnRisk;
  return {
    ...gap,
    costToServePerYear,
    revenueAtRiskPerYear,
    totalPerYear: costToServePerYear + revenueAtRiskPerYear,
    assumptions: {
      costPerOccurrence,
      costSource: gap.channel === null ? 'no channel' : `costModel.costToServe.${gap.channel}`,
      churnRisk: cost.churnRisk,
      segmentValues,
      missing,
    },
  };
}

/** Priced gaps, largest business case first; ties by type and touchpoint for a stable order. */
export function rankOpportunities(
  gaps: readonly TGapCounts[],
  cost: TCostModel,
  segments: readonly TSegment[],
): TPricedGap[] {
  return gaps
    .map((g) => priceGap(g, cost, segments))
    .sort(
      (a, b) =>
        b.totalPerYear - a.totalPerYear ||
        a.type.localeCompare(b.type) ||
        (a.touchpoint ?? '').localeCompare(b.touchpoint ?? ''),
    );
}
