/**
 * Moments of truth: a scorecard for every declared moment (touchpoints flagged
 * `momentOfTruth` and rule-defined moments) and the moments proposed from the data — every
 * touchpoint ranked by impact × volume, where volume is the customers it reaches and impact
 * the share of them whose passage went wrong there (a friction occurrence, or a failed or
 * abandoned outcome). Customer feedback, when imported, refines the impact (issue 4).
 */
import type { TWorkspace } from '../model/workspace-schema.js';
import { touchpointReach } from '../query/journeys.js';
import type { TJourneyPlan } from '../query/journeys-plan.js';
import { createMomentSteps, momentScores, touchpointExperience } from '../query/moments.js';
import { momentSatisfaction } from '../query/feedback-metrics.js';
import { satisfaction, type TSatisfaction } from '../analysis/satisfaction.js';
import { scalesOf, type TFeedbackAnalysis } from './analyze-feedback.js';
import type { TStore } from '../store/store.js';

export type TMomentScore = {
  /** `touchpoint:<id>` or `rule:<id>`. */
  moment: string;
  kind: 'touchpoint' | 'rule';
  /** The touchpoint id or the rule id. */
  id: string;
  name: string;
  /** Times the moment happened. */
  volume: number;
  customers: number;
  /** Share of occurrences whose outcome was neither failed nor abandoned. */
  successRate: number | null;
  /** Share of occurrences that were a friction occurrence. */
  frictionRate: number | null;
  /**
   * Satisfaction per survey kind: answers about the touchpoint, or, for a rule, answers tied
   * to the journey the moment happened in, given at or after it.
   */
  satisfaction: TSatisfaction[];
};

export type TProposedMoment = {
  touchpoint: string;
  name: string;
  stage: string;
  team: string;
  /** Customers who passed the touchpoint. */
  reached: number;
  /** Customers with a bad experience there. */
  badExperiences: number;
  /** badExperiences / reached. */
  impact: number;
  /** impact × reached: the ranking key. */
  score: number;
  declared: boolean;
};

export type TMomentsOfTruth = {
  declared: TMomentScore[];
  /** The top moments from the data, best first. */
  proposed: TProposedMoment[];
  /** How `proposed` is ranked, in words. */
  method: string;
};

/** How many proposals to list (the practice: the top 10–20 moments of truth). */
export const PROPOSALS = 15;

type TExperience = {
  code: number;
  touchpoint: string;
  volume: number;
  bad_steps: number;
  friction_steps: number;
  bad_customers: number;
};

const rate = (n: number, of: number): number | null => (of === 0 ? null : n / of);

export async function momentsOfTruth(
  store: TStore,
  workspace: TWorkspace,
  plan: TJourneyPlan,
  feedback?: TFeedbackAnalysis,
): Promise<TMomentsOfTruth> {
  const codes = new Map(plan.touchpoints.map((t) => [t.id, t.code]));
  const experience = await store.all<TExperience>(touchpointExperience);
  const [reachRow] = await store.all<Record<string, number>>(touchpointReach(plan));
  const reach = (code: number): number => reachRow?.[`reach_${code}`] ?? 0;

  const touchpointScores: TMomentScore[] = workspace.touchpoints
    .filter((t) => t.momentOfTruth)
    .map((t) => {
      const code = codes.get(t.id) ?? -1;
      const e = experience.find((x) => x.code === code);
      const volume = e?.volume ?? 0;
      return {
        moment: `touchpoint:${t.id}`,
        kind: 'touchpoint',
        id: t.id,
        name: t.name,
        volume,
        customers: reach(code),
        successRate: rate(volume - (e?.bad_steps ?? 0), volume),
        frictionRate: rate(e?.friction_steps ?? 0, volume),
        satisfaction: (feedback?.metrics.touchpoint ?? [])
          .filter((m) => m.value === t.id)
          .map(({ value: _, ...m }) => m),
      };
    });

  await store.exec(createMomentSteps(workspace.momentsOfTruth, codes));
  const rows = await store.all<{
    moment: string;
    volume: number;
    customers: number;
    success_rate: number | null;
    friction_rate: number | null;
  }>(momentScores);
  const byRule = new Map(rows.map((r) => [r.moment, r]));
  const ruleSatisfaction =
    feedback === undefined ? [] : await satisfactionOfRules(store, workspace);
  const ruleScores: TMomentScore[] = workspace.momentsOfTruth.map((m) => {
    const r = byRule.get(m.id);
    return {
      moment: `rule:${m.id}`,
      kind: 'rule',
      id: m.id,
      name: m.name,
      volume: r?.volume ?? 0,
      customers: r?.customers ?? 0,
      successRate: r?.success_rate ?? null,
      frictionRate: r?.friction_rate ?? null,
      satisfaction: ruleSatisfaction
        .filter((x) => x.moment === m.id)
        .map(({ moment: _, ...x }) => x),
    };
  });

  const touchpoints = new Map(workspace.touchpoints.map((t) => [t.id as string, t]));
  const proposed = experience
    .map((e) => {
      const t = touchpoints.get(e.touchpoint);
      const reached = reach(e.code);
      const impact = reached === 0 ? 0 : e.bad_customers / reached;
      return {
        touchpoint: e.touchpoint,
        name: t?.name ?? e.touchpoint,
        stage: t?.stage ?? '',
        team: t?.owner ?? '',
        reached,
        badExperiences: e.bad_customers,
        impact,
        score: impact * reached,
        declared: t?.momentOfTruth ?? false,
      };
    })
    .filter((p) => p.score > 0)
    .sort(
      (a, b) => b.score - a.score || b.reached - a.reached || compare(a.touchpoint, b.touchpoint),
    )
    .slice(0, PROPOSALS);
  return {
    declared: [...touchpointScores, ...ruleScores],
    proposed,
    method:
      'impact × volume: volume = customers who passed the touchpoint; impact = the share of them with a bad experience there (a friction occurrence, or a failed or abandoned outcome)',
  };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function satisfactionOfRules(
  store: TStore,
  workspace: TWorkspace,
): Promise<(TSatisfaction & { moment: string })[]> {
  const scales = scalesOf(workspace);
  const scaleOf = new Map(scales.map((s) => [s.kind, s]));
  const rows = await store.all<{
    moment: string;
    kind: string;
    n: number;
    sum: number;
    sum_squares: number;
    positive: number;
    promoters: number;
    detractors: number;
    customers: number;
  }>(momentSatisfaction(scales));
  return rows.map((r) => ({
    moment: r.moment,
    ...satisfaction(
      r.kind,
      { ...r, sumSquares: r.sum_squares },
      scaleOf.get(r.kind),
      workspace.feedback.minResponses,
    ),
  }));
}
