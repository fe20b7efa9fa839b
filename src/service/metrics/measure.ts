/**
 * Measures metrics of the experience (metric-ref.ts) over one period [from, to), with the
 * definitions of the full analysis: the journeys, friction and feedback tables are built by
 * the same query modules (journeys.ts, friction.ts, feedback.ts) with the period as their
 * filter, and the same statements count stages, moments and satisfaction. The work runs on a
 * session of its own (`store.fork()`), so it never replaces the scratch tables of an
 * analysis another request is reading. Never writes to the store's tables.
 */
import { satisfaction } from '../../analysis/satisfaction.js';
import type { TWorkspace } from '../../model/workspace-schema.js';
import {
  createFeedback,
  createRespondentSteps,
  dropRespondentSteps,
  timedKinds,
} from '../../query/feedback.js';
import { feedbackMoments, momentSatisfaction } from '../../query/feedback-metrics.js';
import { createFriction } from '../../query/friction.js';
import type { TJourneyPlan } from '../../query/journeys-plan.js';
import {
  frictionAffected,
  frictionExposure,
  type TFrictionNarrowing,
} from '../../query/metric-counts.js';
import { createMomentSteps, momentScores, touchpointExperience } from '../../query/moments.js';
import { stageJourneyMetrics } from '../../query/stages.js';
import type { TStore } from '../../store/store.js';
import { scalesOf } from '../analyze-feedback.js';
import { buildJourneys } from '../journeys.js';
import {
  basisSize,
  estimate,
  type TMeasurement,
  type TMeasurementBasis,
  type TMetricUnit,
} from './compare.js';
import type { TMetricRef } from './metric-ref.js';
import { checkMetric, MetricError } from './metric-check.js';

export { MetricError };

export type TPeriod = { from: string; to: string };

type TSums = {
  n: number;
  sum: number;
  sum_squares: number;
  positive: number;
  promoters: number;
  detractors: number;
  customers: number;
};

function checkPeriod(period: TPeriod): { from: string; to: string } {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  if (Number.isNaN(from)) throw new MetricError('from', `${period.from} is not a date or instant`);
  if (Number.isNaN(to)) throw new MetricError('to', `${period.to} is not a date or instant`);
  if (!(from < to))
    throw new MetricError('to', `${period.to} must come after from (${period.from})`);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/**
 * One metric over [from, to).
 * @example await measureMetric(store, workspace, { kind: 'stageConversion', stage: 'Purchase' },
 *   { from: '2026-01-01', to: '2026-02-01' })
 */
export async function measureMetric(
  store: TStore,
  workspace: TWorkspace,
  ref: TMetricRef,
  period: TPeriod,
): Promise<TMeasurement> {
  const [one] = await measureMetrics(store, workspace, [ref], period);
  if (one === undefined) throw new Error('measureMetrics answered nothing');
  return one;
}

/** Several metrics over one period: the period's journeys and friction are built once. */
export async function measureMetrics(
  store: TStore,
  workspace: TWorkspace,
  refs: readonly TMetricRef[],
  period: TPeriod,
): Promise<TMeasurement[]> {
  for (const ref of refs) checkMetric(workspace, ref);
  const { from, to } = checkPeriod(period);
  const session = await store.fork();
  try {
    const { plan } = await buildJourneys(session, workspace, { from, to });
    for (const statement of createFriction(workspace.friction, plan)) await session.exec(statement);
    const needsFeedback = refs.some((r) => r.kind === 'momentSatisfaction');
    if (needsFeedback) {
      await session.exec(createRespondentSteps);
      try {
        const settings = workspace.feedback;
        await session.exec(
          createFeedback({
            settings,
            stages: workspace.stages,
            timedKinds: timedKinds(settings),
            from,
            to,
          }),
        );
      } finally {
        await session.exec(dropRespondentSteps);
      }
    }
    const out: TMeasurement[] = [];
    for (const ref of refs) {
      const { basis, unit, definition, suppressed } = await countsOf(session, workspace, plan, ref);
      const n = basisSize(basis);
      const e = estimate(basis);
      const empty = n === 0 || suppressed === true;
      out.push({
        metric: ref,
        from,
        to,
        value: empty || Number.isNaN(e.value) ? null : e.value,
        n: basis.kind === 'rate' ? basis.exposure : n,
        interval: empty || e.low === null || e.high === null ? null : [e.low, e.high],
        unit,
        definition: `${definition}, from ${from} to ${to} (excluded)`,
        basis,
      });
    }
    return out;
  } finally {
    await session.close();
  }
}

type TCounts = {
  basis: TMeasurementBasis;
  unit: TMetricUnit;
  definition: string;
  suppressed?: boolean;
};

async function countsOf(
  session: TStore,
  workspace: TWorkspace,
  plan: TJourneyPlan,
  ref: TMetricRef,
): Promise<TCounts> {
  const codes = new Map(plan.touchpoints.map((t) => [t.id, t.code]));
  switch (ref.kind) {
    case 'friction': {
      const narrowing = {
        touchpoint: ref.touchpoint,
        stage: ref.stage,
        team: ref.team,
        segment: ref.segment,
      };
      const [hit] = await session.all<{ occurrences: number; customers: number }>(
        frictionAffected(ref.type, narrowing),
      );
      const [exposed] = await session.all<{ customers: number; journeys: number }>(
        frictionExposure(narrowing),
      );
      const scope = narrowed(narrowing);
      if (ref.per === 'journeys') {
        return {
          basis: {
            kind: 'rate',
            events: hit?.occurrences ?? 0,
            exposure: exposed?.journeys ?? 0,
            per: 1000,
          },
          unit: 'per 1,000 journeys',
          definition: `${ref.type} friction occurrences${scope} per 1,000 journeys with a step${scope || ' mapped to a touchpoint'} (Poisson score 95% interval)`,
        };
      }
      return {
        basis: {
          kind: 'proportion',
          successes: hit?.customers ?? 0,
          trials: exposed?.customers ?? 0,
        },
        unit: 'share',
        definition: `customers with at least one ${ref.type} friction occurrence${scope} ÷ customers with a step${scope || ' mapped to a touchpoint'} (Wilson 95% interval)`,
      };
    }
    case 'stageConversion': {
      const k = plan.stages.indexOf(ref.stage);
      const rows = await session.all<{ stage_index: number; journeys: number; converted: number }>(
        stageJourneyMetrics(plan.stages.length),
      );
      const row = rows.find((r) => r.stage_index === k);
      const next = plan.stages[k + 1] ?? '';
      return {
        basis: { kind: 'proportion', successes: row?.converted ?? 0, trials: row?.journeys ?? 0 },
        unit: 'share',
        definition: `journeys entering ${ref.stage} whose first step in ${next} comes at or after their first step in ${ref.stage} ÷ journeys entering ${ref.stage} (Wilson 95% interval)`,
      };
    }
    case 'momentSuccess': {
      const [kind, id] = splitMoment(ref.moment);
      if (kind === 'touchpoint') {
        const rows = await session.all<{ code: number; volume: number; bad_steps: number }>(
          touchpointExperience,
        );
        const row = rows.find((r) => r.code === codes.get(id));
        const volume = row?.volume ?? 0;
        return {
          basis: { kind: 'proportion', successes: volume - (row?.bad_steps ?? 0), trials: volume },
          unit: 'share',
          definition: `steps at touchpoint ${id} whose outcome is neither failed nor abandoned ÷ steps at ${id} (Wilson 95% interval)`,
        };
      }
      const rule = workspace.momentsOfTruth.filter((m) => m.id === id);
      await session.exec(createMomentSteps(rule, codes));
      const [row] = await session.all<{ volume: number; success_rate: number | null }>(
        momentScores,
      );
      const volume = row?.volume ?? 0;
      return {
        basis: {
          kind: 'proportion',
          successes: Math.round((row?.success_rate ?? 0) * volume),
          trials: volume,
        },
        unit: 'share',
        definition: `occurrences of moment ${id} whose outcome is neither failed nor abandoned ÷ occurrences (Wilson 95% interval)`,
      };
    }
    case 'momentSatisfaction': {
      const [kind, id] = splitMoment(ref.moment);
      const scales = scalesOf(workspace);
      let sums: TSums | undefined;
      if (kind === 'touchpoint') {
        const rows = await session.all<TSums & { value: string | null; kind: string }>(
          feedbackMoments('touchpoint', scales, workspace.settings.timezone),
        );
        sums = rows.find((r) => r.value === id && r.kind === ref.survey);
      } else {
        await session.exec(
          createMomentSteps(
            workspace.momentsOfTruth.filter((m) => m.id === id),
            codes,
          ),
        );
        const rows = await session.all<TSums & { moment: string; kind: string }>(
          momentSatisfaction(scales),
        );
        sums = rows.find((r) => r.moment === id && r.kind === ref.survey);
      }
      const s = sums ?? {
        n: 0,
        sum: 0,
        sum_squares: 0,
        positive: 0,
        promoters: 0,
        detractors: 0,
        customers: 0,
      };
      const scale = scales.find((x) => x.kind === ref.survey);
      const shown = satisfaction(
        ref.survey,
        { ...s, sumSquares: s.sum_squares },
        scale,
        workspace.feedback.minResponses,
      );
      const about =
        kind === 'touchpoint'
          ? `${ref.survey} answers about touchpoint ${id} (named or attributed)`
          : `${ref.survey} answers in the journey of moment ${id}, at or after it`;
      const suffix = ` (suppressed below ${workspace.feedback.minResponses} answers)`;
      if (shown.measure === 'nps') {
        return {
          basis: { kind: 'nps', promoters: s.promoters, detractors: s.detractors, n: s.n },
          unit: 'NPS points',
          definition: `NPS of ${about}: % promoters (9–10) − % detractors (0–6), Wald 95% interval${suffix}`,
          suppressed: shown.suppressed,
        };
      }
      if (shown.measure === 'satisfied share') {
        return {
          basis: { kind: 'proportion', successes: s.positive, trials: s.n },
          unit: 'share',
          definition: `share of ${about} scoring ${scale?.positiveFrom ?? 4} or more, Wilson 95% interval${suffix}`,
          suppressed: shown.suppressed,
        };
      }
      return {
        basis: { kind: 'mean', n: s.n, sum: s.sum, sumSquares: s.sum_squares },
        unit: 'mean score',
        definition: `mean score of ${about}, Student t 95% interval${suffix}`,
        suppressed: shown.suppressed,
      };
    }
  }
}

function narrowed(n: TFrictionNarrowing): string {
  return [
    n.touchpoint === undefined ? '' : ` at touchpoint ${n.touchpoint}`,
    n.stage === undefined ? '' : ` in stage ${n.stage}`,
    n.team === undefined ? '' : ` of team ${n.team}`,
    n.segment === undefined ? '' : ` for segment ${n.segment}`,
  ].join('');
}

function splitMoment(key: string): ['touchpoint' | 'rule', string] {
  const at = key.indexOf(':');
  return [key.slice(0, at) === 'touchpoint' ? 'touchpoint' : 'rule', key.slice(at + 1)];
}
