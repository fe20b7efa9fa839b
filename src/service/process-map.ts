/**
 * Use case: the process map — the directly-follows graph of the actual journeys (activities,
 * the transitions between them with their counts and times, the variants), filtered by
 * segment, channel and period, with the touchpoint each activity maps to and the ideal journey
 * to compare it with. The unfiltered map is the shared analysis' discovery; a filtered one runs
 * discovery on the reading session, in turn with the analysis. Never lays anything out: that
 * is the web app's job. Knows nothing of HTTP.
 */
import { monthRange } from '../analysis/trend.js';
import type { TDiscovery } from '../model/discovery.js';
import type { TProcessMap, TProcessMapJourney } from '../model/process-map.js';
import { compileActivityMatcher } from '../model/workspace-activities.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import type { TStore } from '../store/store.js';
import type { TResults } from './analysis-results.js';
import { discover } from './discover.js';
import { segmentPredicateFor } from './segments.js';

export type { TProcessMap, TProcessMapActivity, TProcessMapJourney } from '../model/process-map.js';

/** Variants listed in a process map (the rest are counted in `variantsTotal`). */
export const PROCESS_MAP_VARIANTS = 200;

/** What the map shows: `from` and `to` are months (`YYYY-MM`, both included). */
export type TProcessMapRequest = {
  segment?: string | undefined;
  channel?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** The ideal journey to compare with; by default the segment's first, else the first. */
  journey?: string | undefined;
};

/** A filter that names something the workspace does not have, or an empty period. */
export class ProcessMapFilterError extends Error {
  override name = 'ProcessMapFilterError';
  constructor(
    readonly field: keyof TProcessMapRequest,
    message: string,
  ) {
    super(message);
  }
}

/** Where the reading session is: runs `fn` on it in turn with the analysis. */
export type TReaderQueue = { withReader<T>(fn: (reader: TStore) => Promise<T>): Promise<T> };

/**
 * The process map for a request, from the shared results when nothing is filtered.
 * @example await processMap(results, workspace, queue, { segment: 'premium', from: '2025-01' })
 */
export async function processMap(
  results: TResults,
  workspace: TWorkspace,
  queue: TReaderQueue,
  request: TProcessMapRequest,
): Promise<TProcessMap> {
  const zone = workspace.settings.timezone;
  const segment = request.segment;
  if (segment !== undefined && !workspace.segments.some((s) => s.id === segment)) {
    throw new ProcessMapFilterError('segment', unknown('segment', segment, workspace.segments));
  }
  const channel = request.channel;
  if (channel !== undefined && !workspace.channels.includes(channel)) {
    const known = workspace.channels.join(', ') || '(none defined)';
    throw new ProcessMapFilterError(
      'channel',
      `channel ${channel}: no such channel; the workspace has ${known}`,
    );
  }
  if (request.from !== undefined && request.to !== undefined && request.from > request.to) {
    throw new ProcessMapFilterError(
      'from',
      `from ${request.from} is after to ${request.to}: the period would be empty`,
    );
  }
  const journey = idealJourneyFor(workspace, request);
  const fromInstant = request.from === undefined ? undefined : monthStart(request.from, zone);
  const toInstant = request.to === undefined ? undefined : monthStart(nextMonth(request.to), zone);
  const filtered =
    segment !== undefined ||
    channel !== undefined ||
    fromInstant !== undefined ||
    toInstant !== undefined;
  const discovery: TDiscovery = filtered
    ? await queue.withReader((reader) =>
        discover(reader, {
          filter: {
            segment,
            channels: channel === undefined ? undefined : [channel],
            from: fromInstant,
            to: toInstant,
          },
          segmentPredicate:
            segment === undefined ? undefined : segmentPredicateFor(workspace, segment),
          topVariants: PROCESS_MAP_VARIANTS,
        }),
      )
    : results.discovery;
  const touchpointOf = compileActivityMatcher(workspace);
  const starts = new Map(discovery.startActivities);
  const ends = new Map(discovery.endActivities);
  const period = results.analysis.period;
  return {
    modelVersion: results.modelVersion,
    computedAt: results.computedAt,
    filter: {
      segment: segment ?? null,
      channel: channel ?? null,
      from: request.from ?? null,
      to: request.to ?? null,
      fromInstant: fromInstant ?? null,
      toInstant: toInstant ?? null,
    },
    cases: discovery.cases,
    events: discovery.events,
    activities: discovery.activityCounts.map(([activity, count]) => ({
      activity,
      count,
      starts: starts.get(activity) ?? 0,
      ends: ends.get(activity) ?? 0,
      touchpoint: touchpointOf(activity) ?? null,
    })),
    edges: discovery.dfg,
    variantsTotal: discovery.variantsTotal,
    variants: discovery.topVariants.slice(0, PROCESS_MAP_VARIANTS),
    caseDurationSeconds: discovery.caseDurationSeconds ?? null,
    idealJourney: journey,
    choices: {
      segments: workspace.segments.map((s) => ({ id: s.id, name: s.name })),
      channels: [...workspace.channels],
      months:
        period.from === null || period.to === null
          ? []
          : monthRange(monthOf(period.from, zone), monthOf(period.to, zone)),
      idealJourneys: workspace.idealJourneys.map((j) => ({
        id: j.id,
        name: j.name,
        segment: j.segment,
      })),
    },
    names: { touchpoints: Object.fromEntries(workspace.touchpoints.map((t) => [t.id, t.name])) },
  };
}

function unknown(what: string, id: string, known: readonly { id: string }[]): string {
  const list = known.map((k) => k.id).join(', ') || '(none defined)';
  return `${what} ${id}: no such ${what}; the workspace has ${list}`;
}

function idealJourneyFor(
  workspace: TWorkspace,
  request: TProcessMapRequest,
): TProcessMapJourney | null {
  const journeys = workspace.idealJourneys;
  if (request.journey !== undefined && !journeys.some((j) => j.id === request.journey)) {
    throw new ProcessMapFilterError('journey', unknown('ideal journey', request.journey, journeys));
  }
  const chosen =
    journeys.find((j) => j.id === request.journey) ??
    journeys.find((j) => j.segment === request.segment) ??
    journeys[0];
  if (chosen === undefined) return null;
  return {
    id: chosen.id,
    name: chosen.name,
    segment: chosen.segment,
    steps: chosen.steps.map((s) => ({
      touchpoint: s.touchpoint,
      optional: s.optional,
      repeatable: s.repeatable,
    })),
  };
}

/** `2025-03` → `2025-04`. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The `YYYY-MM` an instant falls in, in the zone. */
export function monthOf(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })
    .formatToParts(new Date(iso))
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}`;
}

/** The instant a month starts in the zone (midnight of its first day there), as ISO. */
export function monthStart(month: string, timeZone: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, 1);
  // The zone's offset at the guess, then again at the corrected instant (a DST change between).
  let instant = wall - offsetMs(wall, timeZone);
  instant = wall - offsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

/** How far the zone's wall clock is ahead of UTC at the instant. */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  })
    .formatToParts(new Date(instant))
    .reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.type]: Number(p.value) }), {});
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - Math.floor(instant / 1000) * 1000;
}
