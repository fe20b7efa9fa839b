/**
 * What a change assessment touches, filled in from data: customers passing the selected
 * touchpoints per month by segment and service tier (src/query/exposure.ts), the moments of
 * truth and ideal journeys that include them, the satisfaction measured there (the analysis's
 * feedback metrics: n, 95% interval, suppressed below the minimum n) and the suggested survey.
 * Must run on the session that holds the analysis's scratch tables (`withReader`), after it.
 */
import type { TSatisfaction } from '../../analysis/satisfaction.js';
import type { TMomentOfTruthRule, TWorkspace } from '../../model/workspace-schema.js';
import {
  exposureCounts,
  exposureMonths,
  exposurePlan,
  type TExposureCountRow,
} from '../../query/exposure.js';
import type { TStore } from '../../store/store.js';
import type { TAnalysis } from '../analyze.js';
import { scalesOf } from '../analyze-feedback.js';
import type { TExposure, TExposureSegment } from './assessment-types.js';
import { suggestSurvey } from './survey-suggestion.js';

/** The analysis an exposure is computed from (src/service/analysis-results.ts `TResults`). */
export type TExposureSource = {
  workspace: TWorkspace;
  analysis: TAnalysis;
  modelVersion: number;
  computedAt: string;
};

/** Every month from `first` to `last` (YYYY-MM), both included. */
export function monthsBetween(first: string | null, last: string | null): string[] {
  if (first === null || last === null) return [];
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The selected touchpoints a moment-of-truth rule involves. */
function ruleTouches(rule: TMomentOfTruthRule, selected: TWorkspace['touchpoints']): string[] {
  const ids = new Set(selected.map((t) => t.id as string));
  switch (rule.kind) {
    case 'nthOccurrence':
      return ids.has(rule.touchpoint) ? [rule.touchpoint] : [];
    case 'firstAfter':
      return [rule.after, rule.touchpoint].filter((id) => ids.has(id));
    case 'contactsWithin':
      if (rule.touchpoints !== undefined) return rule.touchpoints.filter((id) => ids.has(id));
      if (rule.stage === undefined && rule.channel === undefined) return [];
      return selected
        .filter(
          (t) =>
            (rule.stage === undefined || t.stage === rule.stage) &&
            (rule.channel === undefined || t.channel === rule.channel),
        )
        .map((t) => t.id);
  }
}

function momentsTouched(source: TExposureSource, selected: TWorkspace['touchpoints']) {
  const { workspace, analysis } = source;
  const ids = new Set(selected.map((t) => t.id as string));
  const out: TExposure['momentsOfTruth'] = [];
  for (const m of analysis.momentsOfTruth.declared) {
    const rule = workspace.momentsOfTruth.find((r) => r.id === m.id);
    const via =
      m.kind === 'touchpoint'
        ? ids.has(m.id)
          ? [m.id]
          : []
        : rule === undefined
          ? []
          : ruleTouches(rule.rule, selected);
    if (via.length === 0) continue;
    out.push({
      moment: m.moment,
      name: m.name,
      declared: true,
      via,
      volume: m.volume,
      customers: m.customers,
      successRate: m.successRate,
      satisfaction: m.satisfaction,
    });
  }
  for (const p of analysis.momentsOfTruth.proposed) {
    if (p.declared || !ids.has(p.touchpoint)) continue;
    out.push({
      moment: `touchpoint:${p.touchpoint}`,
      name: p.name,
      declared: false,
      via: [p.touchpoint],
      volume: null,
      customers: p.reached,
      successRate: null,
      satisfaction: [],
    });
  }
  return out;
}

function journeysTouched(workspace: TWorkspace, ids: ReadonlySet<string>) {
  return workspace.idealJourneys
    .map((j) => ({
      id: j.id,
      name: j.name,
      segment: j.segment,
      steps: j.steps
        .map((s, i) => ({
          position: i + 1,
          touchpoint: s.touchpoint,
          optional: s.optional,
        }))
        .filter((s) => ids.has(s.touchpoint)),
    }))
    .filter((j) => j.steps.length > 0);
}

const perMonth = (total: number, months: number): number => (months === 0 ? 0 : total / months);

/**
 * The exposure of a selection of touchpoints, for an assessment going live on `plannedGoLive`
 * (null: a preview without a date).
 */
export async function computeExposure(
  reader: TStore,
  source: TExposureSource,
  touchpointIds: readonly string[],
  plannedGoLive: string | null,
): Promise<TExposure> {
  const { workspace, analysis } = source;
  const plan = exposurePlan(workspace, touchpointIds);
  const rows = await reader.all<TExposureCountRow>(exposureCounts(plan));
  const [range] = await reader.all<{ first: string | null; last: string | null }>(
    exposureMonths(plan),
  );
  const months = monthsBetween(range?.first ?? null, range?.last ?? null);
  const n = months.length;
  const cells = (r: TExposureCountRow | undefined) => ({
    customers: Number(r?.customers ?? 0),
    passes: Number(r?.passes ?? 0),
    perMonth: 0,
  });
  const series = (segment: string | null | undefined) => {
    const picked = rows.filter(
      (r) =>
        r.all_touchpoints === 1 &&
        r.all_months === 0 &&
        (segment === undefined
          ? r.all_segments === 1
          : r.all_segments === 0 && r.segment === segment),
    );
    const by = new Map(picked.map((r) => [r.month, Number(r.customers)]));
    return months.map((month) => ({ month, customers: by.get(month) ?? 0 }));
  };
  const withRate = (cell: ReturnType<typeof cells>, s: { month: string; customers: number }[]) => ({
    ...cell,
    perMonth: perMonth(
      s.reduce((sum, p) => sum + p.customers, 0),
      n,
    ),
    series: s,
  });

  const overall = rows.find(
    (r) => r.all_touchpoints === 1 && r.all_months === 1 && r.all_segments === 1,
  );
  const segmentRows = rows.filter(
    (r) => r.all_touchpoints === 1 && r.all_months === 1 && r.all_segments === 0,
  );
  const order = new Map(workspace.segments.map((s, i) => [s.id as string, i]));
  const bySegment: TExposureSegment[] = segmentRows
    .map((r) => ({ segment: r.segment, tier: r.tier, ...withRate(cells(r), series(r.segment)) }))
    .sort((a, b) => (order.get(a.segment ?? '') ?? 1e9) - (order.get(b.segment ?? '') ?? 1e9));
  // A customer is in one segment at most, so a tier's figures are the sums of its segments'.
  const tiers = new Map<string | null, TExposure['byTier'][number]>();
  for (const s of bySegment) {
    const t = tiers.get(s.tier) ?? { tier: s.tier, customers: 0, passes: 0, perMonth: 0 };
    tiers.set(s.tier, {
      tier: s.tier,
      customers: t.customers + s.customers,
      passes: t.passes + s.passes,
      perMonth: t.perMonth + s.perMonth,
    });
  }

  const selected = workspace.touchpoints.filter((t) => plan.touchpoints.some((p) => p.id === t.id));
  const ids = new Set(selected.map((t) => t.id as string));
  const reach = new Map<string, { perMonth: number; customers: number }>();
  for (const p of plan.touchpoints) {
    const mine = rows.filter((x) => x.all_touchpoints === 0 && x.tp === p.code);
    const total = mine.find((x) => x.all_months === 1);
    const monthly = mine
      .filter((x) => x.all_months === 0)
      .reduce((s, x) => s + Number(x.customers), 0);
    reach.set(p.id, { customers: Number(total?.customers ?? 0), perMonth: perMonth(monthly, n) });
  }
  const satisfaction = new Map<string, TSatisfaction[]>();
  for (const m of analysis.feedback.metrics.touchpoint) {
    if (m.value === null || !ids.has(m.value)) continue;
    const { value, ...metric } = m;
    satisfaction.set(value, [...(satisfaction.get(value) ?? []), metric]);
  }
  const idealJourneys = journeysTouched(workspace, ids);
  const measuredSegments = bySegment
    .filter((s) => s.segment !== null && s.customers > 0)
    .map((s) => s.segment as string);
  const affectedSegments =
    measuredSegments.length > 0
      ? measuredSegments
      : [...new Set(idealJourneys.map((j) => j.segment))];
  const survey = suggestSurvey({
    workspace,
    scales: scalesOf(workspace),
    touchpoints: selected,
    satisfaction,
    reach,
    plannedGoLive,
    affectedSegments,
  });
  return {
    touchpoints: selected.map((t) => ({
      id: t.id,
      name: t.name,
      stage: t.stage,
      channel: t.channel,
      team: t.owner,
      customers: reach.get(t.id)?.customers ?? 0,
      perMonth: reach.get(t.id)?.perMonth ?? 0,
    })),
    unknownTouchpoints: plan.unknown,
    period: { firstMonth: months[0] ?? null, lastMonth: months[n - 1] ?? null, months: n },
    total: withRate(cells(overall), series(undefined)),
    bySegment,
    byTier: [...tiers.values()],
    momentsOfTruth: momentsTouched(source, selected),
    idealJourneys,
    satisfaction: selected.map((t) => ({
      touchpoint: t.id,
      metrics: satisfaction.get(t.id) ?? [],
    })),
    minResponses: workspace.feedback.minResponses,
    survey: survey.items,
    surveySkipped: survey.skipped,
    affectedSegments,
    modelVersion: source.modelVersion,
    computedAt: source.computedAt,
  };
}
