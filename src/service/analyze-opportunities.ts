/**
 * Opportunities: every friction (type × touchpoint) and every deviation from an ideal journey
 * (journey × kind × touchpoint) priced with the workspace cost model — cost to serve plus
 * revenue at risk, every assumption beside its figure (src/analysis/pricing.ts) — and ranked,
 * each linked to the team that owns the touchpoint.
 */
import { rankOpportunities, type TGapCounts, type TPricedGap } from '../analysis/pricing.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import { frictionCustomersBySegment } from '../query/friction-report.js';
import type { TStore } from '../store/store.js';
import type { TConformance } from './analyze-conformance.js';
import type { TFeedbackGap } from './analyze-feedback.js';
import type { TFrictionEntry } from './analyze-friction.js';
import { deviationKey } from '../analysis/conformance-trend.js';

export async function opportunities(
  store: TStore,
  workspace: TWorkspace,
  friction: readonly TFrictionEntry[],
  conformance: TConformance,
  months: number,
  feedbackGaps: readonly TFeedbackGap[] = [],
): Promise<TPricedGap[]> {
  // NPS gaps measured on enough answers price churn for the same friction or deviation.
  const detractors = new Map(
    feedbackGaps
      .filter((g) => g.kind === 'nps' && g.detractorGap !== null)
      .map((g) => [
        g.key,
        {
          value: g.detractorGap?.value ?? 0,
          low: g.detractorGap?.low ?? null,
          high: g.detractorGap?.high ?? null,
          n: g.exposed.n,
        },
      ]),
  );
  // From the occurrences in local time that frictionEntries created for `friction`.
  const bySegment = await store.all<{
    type: string;
    touchpoint: string;
    segment: string;
    customers: number;
  }>(frictionCustomersBySegment);
  const touchpoints = new Map(workspace.touchpoints.map((t) => [t.id as string, t]));
  const frictionGaps: TGapCounts[] = friction.map((f) => ({
    source: 'friction',
    type: f.type,
    touchpoint: f.touchpoint,
    teams: [f.team],
    occurrencesPerMonth: perMonth(f.occurrences, months),
    costsContact: true,
    channel: touchpoints.get(f.touchpoint)?.channel ?? null,
    detractorGap: detractors.get(`friction|${f.type}|${f.touchpoint}`),
    customersBySegment: Object.fromEntries(
      bySegment
        .filter((s) => s.type === f.type && s.touchpoint === f.touchpoint)
        .map((s) => [s.segment, s.customers]),
    ),
  }));
  const deviationGaps: TGapCounts[] = conformance.deviations.map((d) => {
    const t = touchpoints.get(d.touchpoint);
    return {
      source: 'deviation',
      type: d.kind,
      touchpoint: d.touchpoint,
      journey: d.journeyId,
      teams: t === undefined ? [] : [t.owner],
      occurrencesPerMonth: perMonth(d.occurrences, months),
      costsContact: d.kind === 'extra' || d.kind === 'repeated',
      channel: t?.channel ?? null,
      customersBySegment: { [d.segment ?? '']: d.customers },
      customersUpperBound: !d.customersExact,
      detractorGap: detractors.get(
        `deviation|${deviationKey(d.segment, d.journeyId, d.kind, d.touchpoint)}`,
      ),
    };
  });
  return rankOpportunities(
    [...frictionGaps, ...deviationGaps],
    workspace.costModel,
    workspace.segments,
  );
}

const perMonth = (total: number, months: number): number => (months > 0 ? total / months : 0);
