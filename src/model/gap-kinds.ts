/**
 * The kinds of gap Journeylens reports — the friction types (DESIGN.md §1 "friction") and the
 * deviations from an ideal journey (§3) — and the words people read for them. One list for
 * the engine, the API schemas, the reports, the web app and the demo's ground truth. Pure.
 */
import type { TFrictionRules } from './workspace-schema.js';

/** The friction types, in the order reports list them. */
export const FRICTION_TYPES = [
  'repeat_contact',
  'loop',
  'channel_switch',
  'handoff',
  'wait',
  'failure',
  'abandonment',
] as const;
export type TFrictionType = (typeof FRICTION_TYPES)[number];

export const DEVIATION_KINDS = ['skipped', 'extra', 'repeated', 'outOfOrder'] as const;
export type TDeviationKind = (typeof DEVIATION_KINDS)[number];

/** The workspace setting of each friction type (`friction.<key>` in journeylens.yaml). */
export const FRICTION_SETTING = {
  repeat_contact: 'repeatContact',
  loop: 'loop',
  channel_switch: 'channelSwitch',
  handoff: 'handoff',
  wait: 'wait',
  failure: 'failure',
  abandonment: 'abandonment',
} as const satisfies Record<TFrictionType, keyof TFrictionRules>;
export type TFrictionSetting = (typeof FRICTION_SETTING)[TFrictionType];

const FRICTION_LABELS: Record<TFrictionType, string> = {
  repeat_contact: 'Repeat contact',
  loop: 'Loop',
  channel_switch: 'Channel switch',
  handoff: 'Hand-off',
  wait: 'Long wait',
  failure: 'Failure',
  abandonment: 'Abandonment',
};

const FRICTION_PHRASES: Record<TFrictionType, string> = {
  repeat_contact: 'a repeat contact',
  loop: 'a loop',
  channel_switch: 'a channel switch',
  handoff: 'a hand-off',
  wait: 'a long wait',
  failure: 'a failure',
  abandonment: 'an abandonment',
};

const DEVIATION_LABELS: Record<TDeviationKind, string> = {
  skipped: 'Skipped step',
  extra: 'Extra step',
  repeated: 'Repeated step',
  outOfOrder: 'Out-of-order step',
};

/** Looks a known id up; the analysis may carry types a newer or older version named. */
function known<K extends string>(labels: Record<K, string>, id: string): string | undefined {
  return Object.hasOwn(labels, id) ? labels[id as K] : undefined;
}

/** A friction type as a person says it: `repeat_contact` → "Repeat contact". */
export function frictionLabel(type: string): string {
  return known(FRICTION_LABELS, type) ?? type.replaceAll('_', ' ');
}

/** A friction type inside a sentence: `wait` → "a long wait". */
export function frictionPhrase(type: string): string {
  return known(FRICTION_PHRASES, type) ?? `a ${frictionLabel(type).toLowerCase()}`;
}

/** A deviation kind as a person says it: `outOfOrder` → "Out-of-order step". */
export function deviationLabel(kind: string): string {
  return known(DEVIATION_LABELS, kind) ?? kind;
}

/**
 * A friction type or a deviation kind in words; an unknown one with its words split and the
 * first capitalised: `odd_thingHere` → "Odd thing here".
 */
export function gapKindLabel(type: string): string {
  const label = known(FRICTION_LABELS, type) ?? known(DEVIATION_LABELS, type);
  if (label !== undefined) return label;
  const words = type
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
