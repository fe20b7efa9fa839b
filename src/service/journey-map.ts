/**
 * Use case: the journey map of one segment's ideal journey — the designed steps with their
 * touchpoints (stage, channel, owner team, moments of truth) beside what was measured: the
 * emotion curve from feedback, the friction at each touchpoint per month, the share of journeys
 * that followed each step and the deviations. Everything comes from the shared analysis
 * results; per-touchpoint volumes, the segment's friction and verbatim examples are read from
 * the scratch tables the analysis left on the reading session (src/query/journey-map.ts). Knows nothing of HTTP and
 * never lays the map out: the screen does (src/web/scenes/journey-map).
 */
import type { TWorkspace } from '../model/workspace-schema.js';
import { segmentFriction, touchpointVerbatims, touchpointVolumes } from '../query/journey-map.js';
import type { TStore } from '../store/store.js';
import type { TResults } from './analysis-results.js';
import type {
  TJourneyMapRequest,
  TMapSegment,
  TMapStep,
  TMapFriction,
  TMapTouchpoint,
  TMapDeviation,
  TJourneyMap,
} from './journey-map-types.js';

/** Verbatims shown per touchpoint. */
export const VERBATIM_EXAMPLES = 5;

/** A request the workspace cannot answer: names the parameter and why. */
export class JourneyMapRequestError extends Error {
  override name = 'JourneyMapRequestError';
  constructor(
    readonly field: 'segment' | 'journey',
    message: string,
  ) {
    super(message);
  }
}

/** Runs work on the reading session after the analysis (AnalysisResults.withReader). */
export type TReaderQueue = { withReader<T>(fn: (reader: TStore) => Promise<T>): Promise<T> };

/** The segments with ideal journeys, and the journeys aligned to each of those. */
export function mapSegments(results: TResults): TMapSegment[] {
  const { workspace, analysis } = results;
  const aligned = new Map(
    analysis.conformance.byJourney.map((j) => [`${j.segment ?? ''}\u0000${j.journeyId}`, j]),
  );
  return workspace.segments.flatMap((s) => {
    const journeys = workspace.idealJourneys
      .filter((j) => j.segment === s.id)
      .map((j) => ({
        id: j.id,
        name: j.name,
        journeys: aligned.get(`${s.id}\u0000${j.id}`)?.journeys ?? 0,
      }));
    return journeys.length === 0 ? [] : [{ id: s.id, name: s.name, journeys }];
  });
}

/**
 * Which segment and journey to draw: the ones asked for, else the first segment with ideal
 * journeys and, by default, its journey with the most measured journeys (ties: listed first).
 */
export function chooseJourney(
  segments: readonly TMapSegment[],
  request: TJourneyMapRequest,
): { segment: TMapSegment; journey: TMapSegment['journeys'][number] } | undefined {
  const bySegment = request.segment === undefined ? undefined : request.segment;
  let segment: TMapSegment | undefined;
  if (bySegment !== undefined) {
    segment = segments.find((s) => s.id === bySegment);
    if (segment === undefined) {
      const known = segments.map((s) => s.id).join(', ') || '(none)';
      throw new JourneyMapRequestError(
        'segment',
        `segment ${bySegment}: no such segment with an ideal journey; the map has ${known}`,
      );
    }
  } else if (request.journey !== undefined) {
    segment = segments.find((s) => s.journeys.some((j) => j.id === request.journey));
  } else segment = segments[0];
  if (segment === undefined) {
    if (request.journey !== undefined) throw unknownJourney(request.journey, segments);
    return undefined;
  }
  if (request.journey !== undefined) {
    const journey = segment.journeys.find((j) => j.id === request.journey);
    if (journey === undefined) throw unknownJourney(request.journey, [segment]);
    return { segment, journey };
  }
  const journey = segment.journeys.reduce((best, j) => (j.journeys > best.journeys ? j : best));
  return { segment, journey };
}

function unknownJourney(id: string, segments: readonly TMapSegment[]): JourneyMapRequestError {
  const known = segments.flatMap((s) => s.journeys.map((j) => j.id)).join(', ') || '(none)';
  const where = segments.length === 1 ? `segment ${segments[0]?.id ?? ''}` : 'any segment';
  return new JourneyMapRequestError(
    'journey',
    `journey ${id}: no such ideal journey of ${where}; there are ${known}`,
  );
}

type TVolumeRow = {
  touchpoint: string;
  steps: number;
  customers: number;
  journeys: number;
  segment_steps: number;
  segment_customers: number;
  segment_journeys: number;
};

type TFrictionRow = { touchpoint: string; type: string; occurrences: number; customers: number };

type TVerbatimRow = {
  touchpoint: string;
  segment: string | null;
  kind: string;
  score: number;
  verbatim: string;
  ts: Date | string;
  total: number;
  of_segment: number;
};

/** The journey map for a request (see TJourneyMap); throws JourneyMapRequestError. */
export async function journeyMap(
  results: TResults,
  queue: TReaderQueue,
  request: TJourneyMapRequest,
): Promise<TJourneyMap> {
  const { workspace, analysis } = results;
  const segments = mapSegments(results);
  const head = {
    modelVersion: results.modelVersion,
    computedAt: results.computedAt,
    period: analysis.period,
    segments,
  };
  const chosen = chooseJourney(segments, request);
  if (chosen === undefined) return { ...head, map: null };
  const segmentId = chosen.segment.id;
  const ideal = workspace.idealJourneys.find(
    (j) => j.id === chosen.journey.id && j.segment === segmentId,
  );
  if (ideal === undefined) throw new Error(`ideal journey ${chosen.journey.id} vanished`);
  const months = analysis.period.months;
  const perMonth = (n: number): number => (months > 0 ? n / months : 0);

  const deviations: TMapDeviation[] = analysis.conformance.deviations
    .filter((d) => d.journeyId === ideal.id && (d.segment ?? '') === segmentId)
    .map((d) => ({
      kind: d.kind,
      touchpoint: d.touchpoint,
      journeys: d.journeys,
      customers: d.customers,
      share: d.share,
      occurrences: d.occurrences,
      perMonth: perMonth(d.occurrences),
    }));
  const onJourney = new Set<string>(ideal.steps.map((s) => s.touchpoint));
  const ids = [...onJourney, ...deviations.map((d) => d.touchpoint)].filter(
    (id, i, all) => all.indexOf(id) === i,
  );
  const { volumes, frictions, verbatims } = await queue.withReader(async (reader) => ({
    volumes: await reader.all<TVolumeRow>(touchpointVolumes(ids, segmentId)),
    frictions: await reader.all<TFrictionRow>(segmentFriction(ids, segmentId)),
    verbatims: await reader.all<TVerbatimRow>(
      touchpointVerbatims(ids, segmentId, VERBATIM_EXAMPLES),
    ),
  }));

  const curve = analysis.feedback.emotionCurves.find(
    (c) => c.journeyId === ideal.id && c.segment === segmentId,
  );
  const followed = analysis.conformance.steps.find(
    (j) => j.journeyId === ideal.id && (j.segment ?? '') === segmentId,
  );
  const steps: TMapStep[] = ideal.steps.map((step, index) => {
    const emotion = curve?.steps[index];
    const conf = followed?.steps[index];
    return {
      index,
      touchpoint: step.touchpoint,
      optional: step.optional,
      repeatable: step.repeatable,
      expected: step.emotion ?? null,
      measured: emotion?.measured ?? null,
      responses: emotion?.n ?? 0,
      followed: conf?.followed ?? 0,
      outOfOrder: conf?.outOfOrder ?? 0,
      missed: conf?.missed ?? 0,
      share: conf?.share ?? 0,
    };
  });

  const byJourney = analysis.conformance.byJourney.find(
    (j) => j.journeyId === ideal.id && (j.segment ?? '') === segmentId,
  );
  return {
    ...head,
    map: {
      segment: { id: segmentId, name: chosen.segment.name },
      journey: { id: ideal.id, name: ideal.name, description: ideal.description ?? null },
      stages: [...workspace.stages],
      channels: [...workspace.channels],
      conformance: {
        journeys: byJourney?.journeys ?? 0,
        customers: byJourney?.customers ?? 0,
        meanFitness: byJourney?.meanFitness ?? null,
        perfectShare: byJourney?.perfectShare ?? null,
      },
      steps,
      touchpoints: ids.flatMap((id) => {
        const t = mapTouchpoint(results, id, perMonth, { volumes, frictions, verbatims });
        return t === undefined ? [] : [{ ...t, onJourney: onJourney.has(id) }];
      }),
      deviations,
      minResponses: analysis.feedback.minResponses,
      segmentNames: analysis.names.segments,
    },
  };
}

function mapTouchpoint(
  results: TResults,
  id: string,
  perMonth: (n: number) => number,
  read: {
    volumes: readonly TVolumeRow[];
    frictions: readonly TFrictionRow[];
    verbatims: readonly TVerbatimRow[];
  },
): Omit<TMapTouchpoint, 'onJourney'> | undefined {
  const { workspace, analysis } = results;
  const t = workspace.touchpoints.find((x) => x.id === id);
  if (t === undefined) return undefined;
  const v = read.volumes.find((r) => r.touchpoint === id);
  const frictions = analysis.friction
    .filter((f) => f.touchpoint === id)
    .map((f): TMapFriction => {
      const mine = read.frictions.find((r) => r.touchpoint === id && r.type === f.type);
      const occurrences = Number(mine?.occurrences ?? 0);
      return {
        type: f.type,
        occurrences: f.occurrences,
        customers: f.customers,
        perMonth: perMonth(f.occurrences),
        trend: f.trend.direction,
        segment: {
          occurrences,
          customers: Number(mine?.customers ?? 0),
          perMonth: perMonth(occurrences),
        },
      };
    })
    .sort(
      (a, b) =>
        b.segment.occurrences - a.segment.occurrences ||
        b.occurrences - a.occurrences ||
        (a.type < b.type ? -1 : 1),
    );
  const quotes = read.verbatims.filter((r) => r.touchpoint === id);
  return {
    id,
    name: t.name,
    description: t.description ?? null,
    stage: t.stage,
    channel: t.channel,
    owner: t.owner,
    ownerName: analysis.names.teams[t.owner] ?? t.owner,
    layer: t.layer,
    momentOfTruth: t.momentOfTruth,
    moments: workspace.momentsOfTruth.filter((m) => namesTouchpoint(m.rule, id)).map((m) => m.name),
    volume: {
      steps: Number(v?.segment_steps ?? 0),
      customers: Number(v?.segment_customers ?? 0),
      journeys: Number(v?.segment_journeys ?? 0),
    },
    volumeAll: {
      steps: Number(v?.steps ?? 0),
      customers: Number(v?.customers ?? 0),
      journeys: Number(v?.journeys ?? 0),
    },
    frictions,
    frictionPerMonth: frictions.reduce((n, f) => n + f.segment.perMonth, 0),
    frictionPerMonthAll: frictions.reduce((n, f) => n + f.perMonth, 0),
    satisfaction: analysis.feedback.metrics.touchpoint.filter((m) => m.value === id),
    verbatims: {
      total: Number(quotes[0]?.total ?? 0),
      ofSegment: Number(quotes[0]?.of_segment ?? 0),
      examples: quotes.map((q) => ({
        text: q.verbatim,
        kind: q.kind,
        score: q.score,
        answeredAt: new Date(q.ts).toISOString(),
        segment: q.segment,
      })),
    },
  };
}

function namesTouchpoint(rule: TWorkspace['momentsOfTruth'][number]['rule'], id: string): boolean {
  if (rule.kind === 'contactsWithin') return rule.touchpoints?.some((t) => t === id) ?? false;
  return rule.touchpoint === id;
}
