/**
 * The voice of the customer, lined up with the journey: responses tied to touchpoints and
 * stages (src/query/feedback.ts), satisfaction per touchpoint, stage, segment, team, channel
 * and month with n and intervals, the gaps between customers exposed to a friction, a
 * touchpoint or a deviation and the others, and the measured emotion curve of every ideal
 * journey beside the one the team designed.
 */
import {
  satisfaction,
  satisfactionGap,
  type TResponseSums,
  type TSatisfaction,
  type TSatisfactionGap,
} from '../analysis/satisfaction.js';
import { meanInterval, type TInterval } from '../analysis/statistics.js';
import { BUILTIN_SCALES, type TScale, type TWorkspace } from '../model/workspace-schema.js';
import {
  attributionSummary,
  createFeedback,
  createRespondentSteps,
  dropRespondentSteps,
  timedKinds,
} from '../query/feedback.js';
import {
  createExposures,
  dropExposures,
  emotionMoments,
  exposedMoments,
  FEEDBACK_DIMENSIONS,
  feedbackMoments,
  outOfScale,
  type TFeedbackDimension,
} from '../query/feedback-metrics.js';
import { inScale } from '../query/feedback-metrics.js';
import { LABEL_COLUMNS } from '../query/journeys-variants.js';
import { raw } from '../query/sql.js';
import type { TStore } from '../store/store.js';
import { textBatch, type TVariantLabel } from './analyze-conformance.js';
import {
  verbatimAnalysis,
  type TSentimentCell,
  type TVerbatimAnalysis,
} from './analyze-verbatims.js';
import { frictionDrivers, type TFrictionDrivers } from './analyze-feedback-drivers.js';

export type TFeedbackMetric = TSatisfaction & { value: string | null };

export type TFeedbackGap = TSatisfactionGap & {
  /** `friction|<type>`, `friction|<type>|<touchpoint>`, `touchpoint|<touchpoint>` or `deviation|…`. */
  key: string;
  source: 'friction' | 'touchpoint' | 'deviation';
  type: string | null;
  touchpoint: string | null;
  journey: string | null;
  segment: string | null;
};

export type TEmotionStep = {
  touchpoint: string;
  /** The designed emotion, −2…+2, when the team set one. */
  expected: number | null;
  /** Scores of the segment's responses at the touchpoint on −2…+2, with n and interval. */
  measured: TInterval | null;
  n: number;
  suppressed: boolean;
  /** Mean sentiment of the segment's verbatims there (−1…1) and on the curve (×2), with n. */
  sentiment: { n: number; mean: number; onCurve: number } | null;
};

export type TEmotionCurve = { journeyId: string; segment: string; steps: TEmotionStep[] };

export type TFeedbackAnalysis = {
  responses: number;
  /** Per kind: its scale (built in or declared) and its overall satisfaction. */
  kinds: (TFeedbackMetric & { scale: TScale | null })[];
  attribution: { kind: string; method: string; responses: number }[];
  unattributed: { kind: string; reason: string; responses: number }[];
  outOfScale: { kind: string; responses: number }[];
  /** Kinds with responses but no scale (declare them in feedback.scales). */
  unscaledKinds: string[];
  metrics: Record<TFeedbackDimension, TFeedbackMetric[]>;
  /** Every comparison with enough responses, the largest negative impact first. */
  gaps: TFeedbackGap[];
  /** Which frictions drive each kind's scores (relative weights). */
  drivers: TFrictionDrivers[];
  emotionCurves: TEmotionCurve[];
  /** Themes and sentiment of the verbatims. */
  verbatims: TVerbatimAnalysis;
  minResponses: number;
};

type TSumsRow = {
  n: number;
  sum: number;
  sum_squares: number;
  positive: number;
  promoters: number;
  detractors: number;
  customers: number;
};

const sums = (r: TSumsRow): TResponseSums => ({
  n: r.n,
  sum: r.sum,
  sumSquares: r.sum_squares,
  positive: r.positive,
  promoters: r.promoters,
  detractors: r.detractors,
  customers: r.customers,
});

/** The scales in force: the built-in ones, replaced or extended by the workspace's. */
export function scalesOf(workspace: TWorkspace): TScale[] {
  const declared = new Map(workspace.feedback.scales.map((s) => [s.kind, s]));
  return [
    ...BUILTIN_SCALES.map((s) => declared.get(s.kind) ?? s),
    ...workspace.feedback.scales.filter((s) => !BUILTIN_SCALES.some((b) => b.kind === s.kind)),
  ];
}

const STAGE = 'jl_deviation_variants';
const MICROS_PER_DAY = 86_400_000_000;

export async function feedbackAnalysis(
  store: TStore,
  workspace: TWorkspace,
  deviationVariants: readonly TVariantLabel[],
): Promise<TFeedbackAnalysis> {
  const settings = workspace.feedback;
  const scales = scalesOf(workspace);
  const scaleOf = new Map(scales.map((s) => [s.kind, s]));
  const min = settings.minResponses;
  const tz = workspace.settings.timezone;
  await store.exec(createRespondentSteps);
  try {
    await store.exec(
      createFeedback({ settings, stages: workspace.stages, timedKinds: timedKinds(settings) }),
    );
  } finally {
    await store.exec(dropRespondentSteps);
  }

  const verbatims = await verbatimAnalysis(store);
  const overall = await store.all<TSumsRow & { value: string; kind: string }>(
    feedbackMoments('all', scales, tz),
  );
  const totals = new Map(overall.map((r) => [r.kind, sums(r)]));
  const metrics = {} as Record<TFeedbackDimension, TFeedbackMetric[]>;
  for (const by of FEEDBACK_DIMENSIONS) {
    const rows = await store.all<TSumsRow & { value: string | null; kind: string }>(
      feedbackMoments(by, scales, tz),
    );
    metrics[by] = rows.map((r) => ({
      value: r.value,
      ...satisfaction(r.kind, sums(r), scaleOf.get(r.kind), min),
    }));
  }

  const summary = await store.all<{
    kind: string;
    method: string;
    unattributed: string | null;
    responses: number;
  }>(attributionSummary);
  const attribution = new Map<string, { kind: string; method: string; responses: number }>();
  for (const r of summary) {
    const key = `${r.kind}\u0000${r.method}`;
    const row = attribution.get(key) ?? { kind: r.kind, method: r.method, responses: 0 };
    row.responses += r.responses;
    attribution.set(key, row);
  }

  return {
    responses: summary.reduce((n, r) => n + r.responses, 0),
    kinds: overall.map((r) => ({
      value: null,
      scale: scaleOf.get(r.kind) ?? null,
      ...satisfaction(r.kind, sums(r), scaleOf.get(r.kind), min),
    })),
    attribution: [...attribution.values()],
    unattributed: summary
      .filter((r) => r.unattributed !== null)
      .map((r) => ({ kind: r.kind, reason: r.unattributed ?? '', responses: r.responses })),
    outOfScale: await store.all<{ kind: string; responses: number }>(outOfScale(scales)),
    unscaledKinds: overall.map((r) => r.kind).filter((k) => !scaleOf.has(k)),
    metrics,
    ...(await gapsAndDrivers(store, deviationVariants, settings.lookbackDays, scales, totals, min)),
    emotionCurves: await emotionCurves(
      store,
      workspace,
      scales,
      min,
      verbatims.bySegmentTouchpoint,
    ),
    verbatims: verbatims.analysis,
    minResponses: min,
  };
}

async function gapsAndDrivers(
  store: TStore,
  deviationVariants: readonly TVariantLabel[],
  lookbackDays: number,
  scales: readonly TScale[],
  totals: ReadonlyMap<string, TResponseSums>,
  min: number,
): Promise<{ gaps: TFeedbackGap[]; drivers: TFrictionDrivers[] }> {
  const scaleOf = new Map(scales.map((s) => [s.kind, s]));
  const rows = deviationVariants.map((l) => {
    const [fingerprint = '0', steps = '0'] = l.key.split(':');
    return [l.segment, fingerprint, steps, `deviation|${l.name}`];
  });
  const columns = LABEL_COLUMNS.map((_, c) => rows.map((row) => row[c] ?? null));
  try {
    const staged =
      rows.length === 0
        ? undefined
        : await store.stageText(STAGE, LABEL_COLUMNS, textBatch(columns, rows.length));
    // The staged label column holds the exposure key.
    await store.exec(createExposures(Math.round(lookbackDays * MICROS_PER_DAY), staged));
    const exposed = await store.all<TSumsRow & { key: string; kind: string }>(
      exposedMoments(scales),
    );
    const out = exposed.map((r): TFeedbackGap => {
      const all = totals.get(r.kind) ?? sums(r);
      return {
        ...describeKey(r.key),
        ...satisfactionGap(r.kind, sums(r), all, scaleOf.get(r.kind), min),
      };
    });
    const kinds = [...totals].filter(([, t]) => t.n >= min).map(([kind]) => kind);
    return {
      gaps: out
        .filter((g) => !g.suppressed)
        .sort((a, b) => (a.impact ?? 0) - (b.impact ?? 0) || (a.key < b.key ? -1 : 1)),
      drivers: await frictionDrivers(
        store,
        kinds,
        min,
        inScale(scales, raw('f.kind'), raw('f.score')),
      ),
    };
  } finally {
    await store.exec(dropExposures);
    await store.dropStaged(STAGE);
  }
}

function describeKey(
  key: string,
): Pick<TFeedbackGap, 'key' | 'source' | 'type' | 'touchpoint' | 'journey' | 'segment'> {
  const [source, ...rest] = key.split('|');
  if (source === 'deviation') {
    const [segment = '', journey = '', kind = '', touchpoint = ''] = rest.join('|').split('\u0000');
    return {
      key,
      source,
      type: kind,
      touchpoint,
      journey,
      segment: segment === '' ? null : segment,
    };
  }
  if (source === 'touchpoint') {
    return { key, source, type: null, touchpoint: rest[0] ?? null, journey: null, segment: null };
  }
  return {
    key,
    source: 'friction',
    type: rest[0] ?? null,
    touchpoint: rest[1] ?? null,
    journey: null,
    segment: null,
  };
}

async function emotionCurves(
  store: TStore,
  workspace: TWorkspace,
  scales: readonly TScale[],
  min: number,
  sentiment: ReadonlyMap<string, TSentimentCell>,
): Promise<TEmotionCurve[]> {
  const rows = await store.all<TSumsRow & { segment: string | null; touchpoint: string }>(
    emotionMoments(scales),
  );
  const at = new Map(rows.map((r) => [`${r.segment ?? ''}\u0000${r.touchpoint}`, r]));
  return workspace.idealJourneys.map((j) => ({
    journeyId: j.id,
    segment: j.segment,
    steps: j.steps.map((step) => {
      const key = `${j.segment}\u0000${step.touchpoint}`;
      const r = at.get(key);
      const felt = sentiment.get(key);
      const n = r?.n ?? 0;
      const suppressed = n < min || n === 0;
      return {
        touchpoint: step.touchpoint,
        expected: step.emotion ?? null,
        measured:
          suppressed || r === undefined
            ? null
            : meanInterval({ n: r.n, sum: r.sum, sumSquares: r.sum_squares }),
        n,
        suppressed,
        sentiment:
          felt === undefined || felt.n < min
            ? null
            : { n: felt.n, mean: felt.sum / felt.n, onCurve: (2 * felt.sum) / felt.n },
      };
    }),
  }));
}
