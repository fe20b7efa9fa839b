/**
 * What changed between two versions of the workspace model, in the words a reviewer reads in
 * the version history and the audit trail ("touchpoints: changed call (activities); routing:
 * added refund"), and whether a change stays within one team's touchpoints (what a team
 * member may edit). Pure: both sides are validated workspaces.
 */
import { deepEqual } from './workspace-save.js';
import type { TWorkspace } from './workspace-schema.js';

/** One change, under the section it belongs to. */
export type TChange = { section: string; text: string };

type TEntity = { id: string } & Record<string, unknown>;

/** Sections that are lists of entities with ids: compared entry by entry. */
const ENTITY_SECTIONS = [
  'teams',
  'segments',
  'touchpoints',
  'idealJourneys',
  'momentsOfTruth',
  'contactReasons',
  'routing',
] as const;

const MAX_VALUE = 40;

function show(v: unknown): string {
  const text = v === undefined ? 'nothing' : JSON.stringify(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

const isEntityList = (v: unknown): v is TEntity[] =>
  Array.isArray(v) &&
  v.every((e) => typeof e === 'object' && e !== null && typeof (e as TEntity).id === 'string');

/** `added a, b; changed c (name, activities); removed d; reordered`, or '' when equal. */
function entityListChanges(before: readonly TEntity[], after: readonly TEntity[]): string[] {
  const old = new Map(before.map((e) => [e.id, e]));
  const now = new Map(after.map((e) => [e.id, e]));
  const added = after.filter((e) => !old.has(e.id)).map((e) => e.id);
  const removed = before.filter((e) => !now.has(e.id)).map((e) => e.id);
  const changed: string[] = [];
  for (const e of after) {
    const was = old.get(e.id);
    if (was === undefined || deepEqual(was, e)) continue;
    changed.push(`${e.id} (${fieldChanges(was, e).join('; ')})`);
  }
  const common = (list: readonly TEntity[], other: Map<string, TEntity>) =>
    list.filter((e) => other.has(e.id)).map((e) => e.id);
  const reordered = !deepEqual(common(before, now), common(after, old));
  return [
    ...(added.length > 0 ? [`added ${added.join(', ')}`] : []),
    ...(changed.length > 0 ? [`changed ${changed.join(', ')}`] : []),
    ...(removed.length > 0 ? [`removed ${removed.join(', ')}`] : []),
    ...(reordered ? ['reordered'] : []),
  ];
}

/** The fields of one entity that differ; a nested entity list says what changed inside it. */
function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => !deepEqual(before[k], after[k]))
    .map((k) => {
      const [b, a] = [before[k], after[k]];
      if (isEntityList(b) && isEntityList(a)) return `${k}: ${entityListChanges(b, a).join(', ')}`;
      return k;
    });
}

/** Plain values that differ between two settings-like objects, as `path: old → new`. */
function leafChanges(path: string, before: unknown, after: unknown): string[] {
  if (deepEqual(before, after)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => leafChanges(`${path}.${k}`, before[k], after[k]));
  }
  return [`${path}: ${show(before)} → ${show(after)}`];
}

function listOfValuesChanges(before: readonly string[], after: readonly string[]): string[] {
  const added = after.filter((v) => !before.includes(v));
  const removed = before.filter((v) => !after.includes(v));
  const kept = (list: readonly string[], other: readonly string[]) =>
    list.filter((v) => other.includes(v));
  const reordered = !deepEqual(kept(before, after), kept(after, before));
  return [
    ...(added.length > 0 ? [`added ${added.join(', ')}`] : []),
    ...(removed.length > 0 ? [`removed ${removed.join(', ')}`] : []),
    ...(reordered ? ['reordered'] : []),
  ];
}

/** Every change from `before` to `after`, section by section in schema order. */
export function workspaceChanges(before: TWorkspace, after: TWorkspace): TChange[] {
  const out: TChange[] = [];
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  for (const section of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
    const [was, now] = [b[section], a[section]];
    if (deepEqual(was, now)) continue;
    let parts: string[];
    if ((ENTITY_SECTIONS as readonly string[]).includes(section)) {
      parts = entityListChanges(was as TEntity[], now as TEntity[]);
    } else if (section === 'stages' || section === 'channels') {
      parts = listOfValuesChanges(was as string[], now as string[]);
    } else if (typeof was === 'object' && was !== null && !Array.isArray(was)) {
      out.push(...leafChanges(section, was, now).map((text) => ({ section, text })));
      continue;
    } else {
      parts = [`${show(was)} → ${show(now)}`];
    }
    out.push({ section, text: `${section}: ${parts.join('; ')}` });
  }
  return out;
}

/**
 * The changes in one line for the version history and the audit trail.
 * @example summarizeChanges(changes) // 'touchpoints: changed call (activities); routing: added refund'
 */
export function summarizeChanges(changes: readonly TChange[]): string {
  if (changes.length === 0) return 'no change to the model (comments or layout only)';
  return changes.map((c) => c.text).join('; ');
}

/**
 * Why this change is more than a team member may make, or undefined when every change is
 * to touchpoints their team owns before and after it (adding one, editing one, removing one);
 * everything else in the model, other teams' touchpoints and their order included, must
 * stay as it is.
 */
export function outsideTeam(
  before: TWorkspace,
  after: TWorkspace,
  team: string,
): string | undefined {
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  for (const section of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
    if (section === 'touchpoints' || deepEqual(b[section], a[section])) continue;
    return `${section}: only the CX team or an administrator may change it; a team member edits the touchpoints of their own team`;
  }
  const others = (ws: TWorkspace) => ws.touchpoints.filter((t) => t.owner !== team);
  const now = new Map(after.touchpoints.map((t) => [t.id, t]));
  const was = new Map(before.touchpoints.map((t) => [t.id, t]));
  for (const t of others(before)) {
    if (!deepEqual(now.get(t.id), t)) {
      return `touchpoints: ${t.id} belongs to team ${t.owner}, not to team ${team}`;
    }
  }
  for (const t of others(after)) {
    if (!deepEqual(was.get(t.id), t)) {
      return `touchpoints: ${t.id} would belong to team ${t.owner}; a team member adds and edits touchpoints of team ${team} only`;
    }
  }
  const ids = (ws: TWorkspace) => others(ws).map((t) => t.id);
  if (!deepEqual(ids(before), ids(after))) {
    return `touchpoints: the order of other teams' touchpoints must stay as it is`;
  }
  return undefined;
}
