/**
 * Shared stage metrics: one scorecard per stage of the experience, in workspace order, with
 * the teams whose touchpoints make it up (definitions in src/query/stages.ts).
 */
import { stageReach } from '../query/journeys.js';
import type { TJourneyPlan } from '../query/journeys-plan.js';
import { stageFrictionCustomers, stageJourneyMetrics, stageTeams } from '../query/stages.js';
import type { TStore } from '../store/store.js';

export type TStageScore = {
  stage: string;
  journeys: number;
  customers: number;
  /** Share of entering journeys that reached the next stage; null for the last stage. */
  conversion: number | null;
  /** From the first to the last step in the stage, seconds. */
  timeInStage: { mean: number | null; median: number | null };
  /** For converted journeys, from entering this stage to entering the next, seconds. */
  timeToNext: { mean: number | null; median: number | null } | null;
  /** Customers with a friction occurrence in the stage / customers entering. */
  frictionRate: number | null;
  teams: { team: string; steps: number; share: number }[];
};

export async function stageScores(store: TStore, plan: TJourneyPlan): Promise<TStageScore[]> {
  const stages = plan.stages;
  const metrics = new Map(
    (
      await store.all<{
        stage_index: number;
        journeys: number;
        converted: number;
        span_mean: number | null;
        span_median: number | null;
        next_mean: number | null;
        next_median: number | null;
      }>(stageJourneyMetrics(stages.length))
    ).map((r) => [r.stage_index, r]),
  );
  const [reach] = await store.all<Record<string, number>>(stageReach(plan));
  const friction = new Map(
    (await store.all<{ stage: string; customers: number }>(stageFrictionCustomers)).map((r) => [
      r.stage,
      r.customers,
    ]),
  );
  const teams = await store.all<{ stage: string; team: string; steps: number; share: number }>(
    stageTeams,
  );
  return stages.map((stage, k) => {
    const m = metrics.get(k);
    const journeys = m?.journeys ?? 0;
    const customers = reach?.[`customers_${k}`] ?? 0;
    const last = k === stages.length - 1;
    return {
      stage,
      journeys,
      customers,
      conversion: last || journeys === 0 ? null : (m?.converted ?? 0) / journeys,
      timeInStage: { mean: m?.span_mean ?? null, median: m?.span_median ?? null },
      timeToNext: last ? null : { mean: m?.next_mean ?? null, median: m?.next_median ?? null },
      frictionRate: customers === 0 ? null : (friction.get(stage) ?? 0) / customers,
      teams: teams
        .filter((t) => t.stage === stage)
        .map((t) => ({ team: t.team, steps: t.steps, share: t.share })),
    };
  });
}
