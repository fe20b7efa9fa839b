/**
 * Reports of routing by contact reason: contact volumes by reason, channel or stage (from the
 * events, or from the routing decisions), and self-service containment (docs/routing.md has
 * the definition). Reads only; the activity → touchpoint mapping is resolved here in
 * TypeScript for the distinct activities, so the engine joins a small table.
 */
import { wilson } from '../analysis/statistics.js';
import { compileActivityMatcher } from '../model/workspace-activities.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import {
  activitiesSince,
  containment as containmentQuery,
  decisionCounts,
  decisionVolumes,
  eventVolumes,
  type TActivityRow,
  type TContactFilter,
  type TRange,
  type TVolumeDimension,
} from '../query/routing.js';
import type { TStore } from '../store/store.js';
import type { TContainment, TRate, TVolumes } from './routing-report-types.js';

export type {
  TContainment,
  TContainmentRow,
  TRate,
  TVolumeRow,
  TVolumes,
} from './routing-report-types.js';

const DAY_MS = 86_400_000;
/** The digital channels where a customer helps themselves, unless the caller names others. */
export const DEFAULT_SELF_SERVICE_CHANNELS = ['web', 'app'] as const;

type TMapping = { filter: TContactFilter; activities: TActivityRow[] };

/** Which events are contacts, and each mapped activity's touchpoint channel and stage. */
async function mapping(
  session: TStore,
  workspace: TWorkspace,
  fromMs: number | null,
): Promise<TMapping> {
  const matcher = compileActivityMatcher(workspace);
  const touchpoints = new Map(workspace.touchpoints.map((t) => [t.id as string, t]));
  const rows = await session.all<{ activity: string }>(activitiesSince(fromMs));
  const activities: TActivityRow[] = [];
  for (const { activity } of rows) {
    const tp = touchpoints.get(matcher(activity) ?? '');
    if (tp !== undefined) activities.push({ activity, channel: tp.channel, stage: tp.stage });
  }
  const listed = workspace.friction.contactTouchpoints;
  if (listed === undefined) return { filter: { byReason: true }, activities };
  const contact = new Set<string>(listed);
  const contactActivities = rows
    .map((r) => r.activity)
    .filter((a) => contact.has(matcher(a) ?? ''));
  return { filter: { byReason: false, activities: contactActivities }, activities };
}

type TRawVolume = {
  key: string | null;
  top: number;
  detail: string | null;
  contacts: number;
  customers: number;
};

/** Contact volumes by reason, channel or stage, from the events or the decision log. */
export async function contactVolumes(
  session: TStore,
  workspace: TWorkspace,
  request: { by: TVolumeDimension; source: 'events' | 'decisions'; range: TRange },
): Promise<TVolumes> {
  const { by, source, range } = request;
  let rows: TRawVolume[];
  if (source === 'events') {
    const m = await mapping(session, workspace, range.fromMs);
    rows = await session.all<TRawVolume>(eventVolumes(by, m.filter, m.activities, range));
  } else {
    rows = await session.all<TRawVolume>(decisionVolumes(by, range));
  }
  const top = rows.filter((r) => r.top === 1);
  const total = top.reduce((n, r) => n + r.contacts, 0);
  const primaryName = new Map(workspace.contactReasons.map((r) => [r.id, r.name]));
  const secondaryName = new Map<string, string>(
    workspace.contactReasons.flatMap((r) => r.secondary.map((s) => [`${r.id}/${s.id}`, s.name])),
  );
  const nameOf = (key: string | null): string | null => {
    if (key === null) return null;
    if (by === 'reason') return primaryName.get(key) ?? null;
    return by === 'channel' || workspace.stages.includes(key) ? key : null;
  };
  const row = (r: TRawVolume, name: string | null) => ({
    key: r.top === 1 ? r.key : r.detail,
    name,
    contacts: r.contacts,
    customers: r.customers,
    share: total === 0 ? 0 : r.contacts / total,
  });
  return {
    by,
    source,
    contacts: total,
    rows: top.map((r) =>
      by !== 'reason'
        ? row(r, nameOf(r.key))
        : {
            ...row(r, nameOf(r.key)),
            secondary: rows
              .filter((d) => d.top === 0 && d.key === r.key && d.detail !== r.key)
              .map((d) => row(d, d.detail === null ? null : (secondaryName.get(d.detail) ?? null))),
          },
    ),
  };
}

/** Self-service containment of the routing decisions in the range. */
export async function containment(
  session: TStore,
  workspace: TWorkspace,
  request: {
    range: TRange;
    days?: number | undefined;
    selfServiceChannels?: readonly string[] | undefined;
    now: number;
  },
): Promise<TContainment> {
  const days = request.days ?? workspace.friction.repeatContact.withinDays;
  const selfServiceChannels = [
    ...(request.selfServiceChannels ??
      DEFAULT_SELF_SERVICE_CHANNELS.filter((c) => workspace.channels.includes(c))),
  ];
  const windowMs = Math.round(days * DAY_MS);
  const judgedUntilMs = request.now - windowMs;
  const m = await mapping(session, workspace, request.range.fromMs);
  const plan = {
    range: request.range,
    judgedUntilMs,
    windowMs,
    filter: m.filter,
    activities: m.activities,
    selfServiceChannels,
  };
  const [counts] = await session.all<{
    decisions: number;
    self_service: number;
    untracked: number;
    pending: number;
  }>(decisionCounts(plan));
  const rows = await session.all<{
    key: string | null;
    judged: number;
    contained: number;
    returned_by_decision: number;
    returned_by_event: number;
  }>(containmentQuery(plan));
  const total = rows.find((r) => r.key === null);
  const names = new Map(workspace.contactReasons.map((r) => [r.id, r.name]));
  return {
    days,
    daysFrom: request.days === undefined ? 'friction.repeatContact.withinDays' : 'request',
    selfServiceChannels,
    asOf: new Date(request.now).toISOString(),
    judgedUntil: new Date(judgedUntilMs).toISOString(),
    decisions: counts?.decisions ?? 0,
    selfService: counts?.self_service ?? 0,
    untracked: counts?.untracked ?? 0,
    pending: counts?.pending ?? 0,
    judged: total?.judged ?? 0,
    contained: total?.contained ?? 0,
    rate: rateOf(total?.contained ?? 0, total?.judged ?? 0),
    returnedByDecision: total?.returned_by_decision ?? 0,
    returnedByEvent: total?.returned_by_event ?? 0,
    byReason: rows
      .filter((r): r is typeof r & { key: string } => r.key !== null)
      .map((r) => ({
        reason: r.key,
        name: names.get(r.key) ?? null,
        judged: r.judged,
        contained: r.contained,
        rate: rateOf(r.contained, r.judged),
      }))
      .sort((a, b) => b.judged - a.judged || a.reason.localeCompare(b.reason)),
  };
}

/** Wilson, with nulls instead of NaN when nothing was judged (JSON has no NaN). */
function rateOf(k: number, n: number): TRate {
  return n === 0 ? { value: null, low: null, high: null } : wilson(k, n);
}
