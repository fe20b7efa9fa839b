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
