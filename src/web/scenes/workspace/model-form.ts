/**
 * Between the workspace model (the JSON of GET /api/workspace, every default spelled out) and
 * the editor's fields: lists typed one per line, numbers typed as text, segment rules typed as
 * YAML, new entries with ids that are free, the options of the selects, and the list of every
 * field path the editor shows (for placing the server's errors). Pure.
 */
import { parse, stringify } from 'yaml';
import type { TWorkspace } from '../../../model/workspace-schema.js';

export type TModel = TWorkspace;

export const MOMENT_KINDS = ['nthOccurrence', 'contactsWithin', 'firstAfter'] as const;
export type TMomentKind = (typeof MOMENT_KINDS)[number];

/** One entry per line, trimmed, empty lines dropped. */
export function parseList(text: string): string[] {
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function listText(list: readonly string[] | undefined): string {
  return (list ?? []).join('\n');
}

/** A number typed in a box: undefined when empty, 'invalid' when it is not a number. */
export function parseNumber(text: string): number | undefined | 'invalid' {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : 'invalid';
}

/** A segment rule as one line of YAML: `always`, `{ all: [...] }`. */
export function ruleText(rule: unknown): string {
  if (rule === undefined || rule === 'always') return 'always';
  return stringify(rule, { collectionStyle: 'flow', lineWidth: 0 }).trim();
}

/** The YAML typed for a rule, or why it is not YAML (the server then checks the rule itself). */
export function parseRuleText(
  text: string,
): { ok: true; rule: unknown } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, rule: 'always' };
  try {
    return { ok: true, rule: parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: `not YAML: ${(e as Error).message.split('\n')[0] ?? ''}` };
  }
}

/** `base`, else `base-2`, `base-3`, ...: the first that no entry uses. */
export function freeId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The reasons a routing rule may name: each primary, and each `primary/secondary`. */
export function reasonOptions(model: Pick<TModel, 'contactReasons'>): string[] {
  return model.contactReasons.flatMap((r) => [r.id, ...r.secondary.map((s) => `${r.id}/${s.id}`)]);
}

/** A new entry of a section, valid where it can be (its references are the first known ones). */
export function newEntry(model: TModel, section: TNewSection): unknown {
  const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);
  const firstTouchpoint = model.touchpoints[0]?.id ?? '';
  switch (section) {
    case 'segments':
      return {
        id: freeId('new-segment', ids(model.segments)),
        name: 'New segment',
        serviceTier: 'standard',
        rule: 'always',
      };
    case 'teams':
      return { id: freeId('new-team', ids(model.teams)), name: 'New team' };
    case 'touchpoints':
      return {
        id: freeId('new-touchpoint', ids(model.touchpoints)),
        name: 'New touchpoint',
        stage: model.stages[0] ?? '',
        channel: model.channels[0] ?? '',
        owner: model.teams[0]?.id ?? '',
        layer: 'frontstage',
        upstream: [],
        downstream: [],
        activities: [],
        momentOfTruth: false,
      };
    case 'idealJourneys':
      return {
        id: freeId('new-journey', ids(model.idealJourneys)),
        name: 'New ideal journey',
        segment: model.segments[0]?.id ?? '',
        steps: [{ touchpoint: firstTouchpoint, optional: false, repeatable: false }],
      };
    case 'momentsOfTruth':
      return {
        id: freeId('new-moment', ids(model.momentsOfTruth)),
        name: 'New moment of truth',
        rule: momentRule('nthOccurrence', model),
      };
    case 'contactReasons':
      return {
        id: freeId('new-reason', ids(model.contactReasons)),
        name: 'New reason',
        secondary: [],
      };
    case 'routing':
      return {
        id: freeId('new-rule', ids(model.routing)),
        when: {},
        treatment: 'human',
        fields: [],
      };
  }
}

export type TNewSection =
  | 'segments'
  | 'teams'
  | 'touchpoints'
  | 'idealJourneys'
  | 'momentsOfTruth'
  | 'contactReasons'
  | 'routing';

/** A moment-of-truth rule of `kind`, keeping what the previous rule had in common. */
export function momentRule(
  kind: TMomentKind,
  model: Pick<TModel, 'touchpoints'>,
  previous?: Record<string, unknown>,
): Record<string, unknown> {
  const touchpoint =
    typeof previous?.touchpoint === 'string'
      ? previous.touchpoint
      : (model.touchpoints[0]?.id ?? '');
  switch (kind) {
    case 'nthOccurrence':
      return { kind, touchpoint, n: typeof previous?.n === 'number' ? previous.n : 1 };
    case 'contactsWithin':
      return {
        kind,
        count: typeof previous?.count === 'number' ? previous.count : 3,
        withinDays: typeof previous?.withinDays === 'number' ? previous.withinDays : 30,
      };
    case 'firstAfter':
      return { kind, touchpoint, after: model.touchpoints[1]?.id ?? touchpoint };
  }
}

/** A new step of an ideal journey: the touchpoint after the last step's in the model's order. */
export function newStep(
  model: Pick<TModel, 'touchpoints'>,
  steps: readonly { touchpoint: string }[],
) {
  const last = steps.at(-1)?.touchpoint;
  const at = model.touchpoints.findIndex((t) => t.id === last);
  const next = model.touchpoints[at + 1] ?? model.touchpoints[0];
  return { touchpoint: next?.id ?? '', optional: false, repeatable: false };
}

/** Every field path the editor shows for this model: errors at these paths sit beside them. */
export function editorFields(model: TModel): Set<string> {
  const fields = new Set<string>([
    'name',
    'description',
    'stages',
    'channels',
    'settings.timezone',
    'settings.currency',
    'settings.inactivityGapDays',
  ]);
  const each = <T>(
    list: readonly T[],
    key: string,
    names: readonly string[],
    more?: (x: T, p: string) => void,
  ) =>
    list.forEach((x, i) => {
      const p = `${key}[${i}]`;
      for (const n of names) fields.add(`${p}.${n}`);
      more?.(x, p);
    });
  model.stages.forEach((_, i) => fields.add(`stages[${i}]`));
  each(model.teams, 'teams', ['id', 'name']);
  each(model.segments, 'segments', ['id', 'name', 'serviceTier', 'annualValue', 'rule']);
  each(model.touchpoints, 'touchpoints', [
    'id',
    'name',
    'stage',
    'channel',
    'owner',
    'layer',
    'activities',
    'momentOfTruth',
  ]);
  each(model.idealJourneys, 'idealJourneys', ['id', 'name', 'segment', 'steps'], (j, p) =>
    each(j.steps, `${p}.steps`, ['touchpoint', 'optional', 'repeatable', 'emotion']),
  );
  each(model.momentsOfTruth, 'momentsOfTruth', ['id', 'name'], (m, p) => {
    for (const k of Object.keys(m.rule)) fields.add(`${p}.rule.${k}`);
  });
  each(model.contactReasons, 'contactReasons', ['id', 'name'], (r, p) =>
    each(r.secondary, `${p}.secondary`, ['id', 'name']),
  );
  each(model.routing, 'routing', [
    'id',
    'description',
    'when.segment',
    'when.reason',
    'when.channel',
    'treatment',
    'fields',
  ]);
  return fields;
}
