/**
 * The server's model errors (`{ path, reason, line?, column? }`) placed next to the fields of
 * the editor: an error goes to the field of its path, else to the nearest field above it (an
 * error in `touchpoints[1].activities[1]` belongs to the activities box of touchpoint 1), else
 * to its section. Pure.
 */
import { formatPath, parsePath } from './model-paths.js';

export type TModelError = { path: string; reason: string; line?: number; column?: number };

/** The sections of the editor, in the order of the navigation, with the model keys they hold. */
export const SECTIONS = [
  { key: 'segments', label: 'Segments', holds: ['segments'] },
  { key: 'stages', label: 'Stages & teams', holds: ['stages', 'channels', 'teams'] },
  { key: 'touchpoints', label: 'Touchpoints', holds: ['touchpoints'] },
  { key: 'journeys', label: 'Ideal journeys', holds: ['idealJourneys'] },
  { key: 'moments', label: 'Moments of truth', holds: ['momentsOfTruth'] },
  { key: 'reasons', label: 'Contact reasons', holds: ['contactReasons'] },
  { key: 'routing', label: 'Routing', holds: ['routing'] },
  {
    key: 'general',
    label: 'General',
    holds: ['name', 'description', 'version', 'settings', 'friction', 'feedback', 'costModel'],
  },
] as const;

export type TSectionKey = (typeof SECTIONS)[number]['key'];

/** The section whose part of the model the path is in; '' for the whole file. */
export function sectionOf(path: string): TSectionKey | '' {
  const top = parsePath(path)[0];
  if (top === undefined) return '';
  return SECTIONS.find((s) => (s.holds as readonly string[]).includes(String(top)))?.key ?? '';
}

/** The field `path` is shown in: itself, else its nearest ancestor that is a field. */
export function nearestField(path: string, fields: ReadonlySet<string>): string | undefined {
  const parts = parsePath(path);
  for (let n = parts.length; n > 0; n--) {
    const candidate = formatPath(parts.slice(0, n));
    if (fields.has(candidate)) return candidate;
  }
  return undefined;
}

export type TPlacedErrors = {
  /** Field path → the reasons shown beside it. */
  byField: Map<string, string[]>;
  /** Errors no field of the screen shows, by section ('' for the whole file). */
  bySection: Map<TSectionKey | '', TModelError[]>;
  /** Errors per section, all of them, for the navigation's counts. */
  counts: Map<TSectionKey | '', number>;
};

export function placeErrors(
  errors: readonly TModelError[],
  fields: ReadonlySet<string>,
): TPlacedErrors {
  const byField = new Map<string, string[]>();
  const bySection = new Map<TSectionKey | '', TModelError[]>();
  const counts = new Map<TSectionKey | '', number>();
  for (const error of errors) {
    const section = sectionOf(error.path);
    counts.set(section, (counts.get(section) ?? 0) + 1);
    const field = nearestField(error.path, fields);
    if (field === undefined) {
      bySection.set(section, [...(bySection.get(section) ?? []), error]);
      continue;
    }
    const exact = field === error.path;
    // A reason placed on an ancestor says which entry it is about.
    const reason = exact ? error.reason : `${error.path.slice(field.length)}: ${error.reason}`;
    byField.set(field, [...(byField.get(field) ?? []), reason.replace(/^[.]/, '')]);
  }
  return { byField, bySection, counts };
}
