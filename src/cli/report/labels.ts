/**
 * The names a report shows instead of ids: the analysis carries ids (the JSON contract), the
 * workspace knows what people call them. Without a workspace, or for an id it no longer has,
 * the id itself is shown — never nothing.
 */
import type { TWorkspace } from '../../model/workspace-schema.js';

export type TLabels = {
  touchpoint(id: string | null): string;
  team(id: string | null): string;
  segment(id: string | null | undefined): string;
  journey(id: string | undefined): string;
};

type TNamed = { readonly id: string; readonly name: string };
export type TLabelSource = {
  touchpoints: readonly TNamed[];
  teams: readonly TNamed[];
  segments: readonly TNamed[];
  idealJourneys: readonly TNamed[];
};

/** Shown for customers that belong to no segment, and other missing values. */
export const NO_SEGMENT = '(no segment)';
export const UNKNOWN = '(none)';

/** Names from the workspace; with none, ids are shown as they are. */
export function labelsFrom(workspace?: TLabelSource | TWorkspace): TLabels {
  const names = (list: readonly TNamed[] | undefined): Map<string, string> =>
    new Map((list ?? []).map((x) => [x.id, x.name]));
  const touchpoints = names(workspace?.touchpoints);
  const teams = names(workspace?.teams);
  const segments = names(workspace?.segments);
  const journeys = names(workspace?.idealJourneys);
  const lookup = (map: Map<string, string>, id: string | null | undefined, none: string): string =>
    id === null || id === undefined || id === '' ? none : (map.get(id) ?? id);
  return {
    touchpoint: (id) => lookup(touchpoints, id, UNKNOWN),
    team: (id) => lookup(teams, id, UNKNOWN),
    segment: (id) => lookup(segments, id, NO_SEGMENT),
    journey: (id) => lookup(journeys, id, UNKNOWN),
  };
}

const FRICTION: Record<string, string> = {
  repeat_contact: 'Repeat contact',
  loop: 'Loop',
  channel_switch: 'Channel switch',
  handoff: 'Hand-off',
  wait: 'Long wait',
  failure: 'Failure',
  abandonment: 'Abandonment',
};

/** A friction type as a person says it: `repeat_contact` → "Repeat contact". */
export function frictionLabel(type: string): string {
  return FRICTION[type] ?? type.replaceAll('_', ' ');
}

const DEVIATION: Record<string, string> = {
  skipped: 'Skipped step',
  extra: 'Extra step',
  repeated: 'Repeated step',
  outOfOrder: 'Out of order',
};

/** A deviation kind as a person says it: `outOfOrder` → "Out of order". */
export function deviationLabel(kind: string): string {
  return DEVIATION[kind] ?? kind;
}

const FRICTION_PHRASE: Record<string, string> = {
  repeat_contact: 'a repeat contact',
  loop: 'a loop',
  channel_switch: 'a channel switch',
  handoff: 'a hand-off',
  wait: 'a long wait',
  failure: 'a failure',
  abandonment: 'an abandonment',
};

/** A friction type inside a sentence: `wait` → "a long wait". */
export function frictionPhrase(type: string): string {
  return FRICTION_PHRASE[type] ?? `a ${frictionLabel(type).toLowerCase()}`;
}
