/**
 * After the lock, the CX team turns a brainstorm's entries into the model: entries clustered
 * into a touchpoint (name, stage, channel, owner team) that keeps, as its `origin`, the
 * entries it came from and how many of them each team wrote; and touchpoints ordered into an
 * ideal journey of one of the session's segments. Both are edits of one part of the model,
 * saved through the one workspace save path (versions, audit trail, the file's comments
 * kept) by the caller. Pure: builds the edits, saves nothing.
 */
import { z } from 'zod';
import type {
  TIdealJourney,
  TJourneyStep,
  TTouchpoint,
  TWorkspace,
} from '../../model/workspace-schema.js';
import { ZSlug } from '../../model/workspace-schema.js';
import { modelData, type TEdit } from '../workspace-model.js';
import type { TEntryRow } from './brainstorm-store.js';
import type { TClusterTouchpoint, TJourneyDraft } from './brainstorm-types.js';

const ZName = z.string().trim().min(1, { error: 'must not be empty' }).max(200);
const ZBase = z.number().int().min(0).optional();

export const ZCluster = z.strictObject({
  baseVersion: ZBase,
  name: ZName,
  stage: ZName,
  channel: ZName,
  owner: ZName,
  entries: z.array(z.string().min(1)).min(1, { error: 'cluster at least one entry' }),
});
export type TCluster = z.infer<typeof ZCluster>;

export const ZJourneyOrder = z.strictObject({
  baseVersion: ZBase,
  name: ZName,
  segment: ZName,
  steps: z
    .array(ZSlug)
    .min(1, { error: 'an ideal journey needs at least one step' })
    .refine((s) => new Set(s).size === s.length, { error: 'a touchpoint appears twice' }),
});
export type TJourneyOrder = z.infer<typeof ZJourneyOrder>;

/** The touchpoints of the model clustered from `brainstormId`, in model order. */
export function clusteredTouchpoints(
  ws: TWorkspace | undefined,
  brainstormId: string,
): TClusterTouchpoint[] {
  return (ws?.touchpoints ?? [])
    .filter((t) => t.origin?.brainstorm === brainstormId)
    .map((t) => ({
      id: t.id,
      name: t.name,
      stage: t.stage,
      channel: t.channel,
      owner: t.owner,
      entries: t.origin?.entries ?? [],
      teams: t.origin?.teams ?? {},
    }));
}

/** The model's ideal journeys of the given segments. */
export function segmentJourneys(
  ws: TWorkspace | undefined,
  segments: readonly string[],
): TJourneyDraft[] {
  return (ws?.idealJourneys ?? [])
    .filter((j) => segments.includes(j.segment))
    .map((j) => ({
      id: j.id,
      name: j.name,
      segment: j.segment,
      steps: j.steps.map((s) => s.touchpoint),
    }));
}

/**
 * The entries a cluster takes: those named and their duplicates; an unknown entry is an
 * error that names it.
 */
export function clusterEntries(
  named: readonly string[],
  entries: readonly TEntryRow[],
): { ok: true; entries: TEntryRow[] } | { ok: false; message: string } {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const unknown = named.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    return { ok: false, message: `entries: no entry ${unknown.join(', ')} in this brainstorm` };
  }
  const roots = new Set(named.map((id) => byId.get(id)?.duplicateOf ?? id));
  return {
    ok: true,
    entries: entries.filter(
      (e) => roots.has(e.id) || (e.duplicateOf !== null && roots.has(e.duplicateOf)),
    ),
  };
}

function origin(brainstorm: string, entries: readonly TEntryRow[]): TTouchpoint['origin'] {
  const teams: Record<string, number> = {};
  for (const e of [...entries].sort((a, b) => a.team.localeCompare(b.team))) {
    teams[e.team] = (teams[e.team] ?? 0) + 1;
  }
  return { brainstorm, entries: [...entries].sort((a, b) => a.n - b.n).map((e) => e.id), teams };
}

/**
 * The edit that makes touchpoint `id` the cluster of `taken` (its other fields kept if it
 * exists); entries taken from another touchpoint of the same brainstorm leave it (its
 * `origin` goes when it has no entry left).
 */
export function clusterEdit(
  brainstormId: string,
  id: string,
  cluster: TCluster,
  taken: readonly TEntryRow[],
  all: readonly TEntryRow[],
): TEdit {
  const moving = new Set(taken.map((e) => e.id));
  const byId = new Map(all.map((e) => [e.id, e]));
  const ours = (ws: TWorkspace) =>
    ws.touchpoints.filter((t) => t.id === id || t.origin?.brainstorm === brainstormId);
  return {
    kind: 'part',
    label: `the touchpoints of brainstorm ${brainstormId}`,
    read: ours,
    apply: (ws) => {
      const touchpoints: unknown[] = ws.touchpoints.map((t) => {
        if (t.id === id || t.origin?.brainstorm !== brainstormId) return t;
        const left = t.origin.entries.filter((e) => !moving.has(e));
        if (left.length === t.origin.entries.length) return t;
        const rows = left.flatMap((e) => byId.get(e) ?? []);
        const { origin: _gone, ...rest } = t;
        return rows.length === 0 ? rest : { ...t, origin: origin(brainstormId, rows) };
      });
      const fields = {
        name: cluster.name,
        stage: cluster.stage,
        channel: cluster.channel,
        owner: cluster.owner,
        origin: origin(brainstormId, taken),
      };
      const at = ws.touchpoints.findIndex((t) => t.id === id);
      if (at < 0) touchpoints.push({ id, ...fields });
      else touchpoints[at] = { ...(touchpoints[at] as TTouchpoint), ...fields };
      return { ...modelData(ws), touchpoints };
    },
  };
}

/** The edit that saves ideal journey `id` as `order` (flags of steps that stay are kept). */
export function journeyEdit(id: string, order: TJourneyOrder): TEdit {
  return {
    kind: 'part',
    label: `ideal journey ${id}`,
    read: (ws) => ws.idealJourneys.find((j) => j.id === id),
    apply: (ws) => {
      const at = ws.idealJourneys.findIndex((j) => j.id === id);
      const before: TIdealJourney | undefined = ws.idealJourneys[at];
      const kept = new Map<string, TJourneyStep>(before?.steps.map((s) => [s.touchpoint, s]) ?? []);
      const journey = {
        ...(before ?? {}),
        id,
        name: order.name,
        segment: order.segment,
        steps: order.steps.map((t) => kept.get(t) ?? { touchpoint: t }),
      };
      const idealJourneys: unknown[] = [...ws.idealJourneys];
      if (at < 0) idealJourneys.push(journey);
      else idealJourneys[at] = journey;
      return { ...modelData(ws), idealJourneys };
    },
  };
}
