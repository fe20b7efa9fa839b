/** The names people read for the friction types (DESIGN.md §1 "friction"). */
export const FRICTION_TYPES = [
  'repeat_contact',
  'loop',
  'channel_switch',
  'handoff',
  'wait',
  'failure',
  'abandonment',
] as const;

const LABELS: Record<string, string> = {
  repeat_contact: 'Repeat contact',
  loop: 'Loop',
  channel_switch: 'Channel switch',
  handoff: 'Hand-off',
  wait: 'Long wait',
  failure: 'Failure',
  abandonment: 'Abandonment',
};

/** "Repeat contact" for `repeat_contact`; an unknown type with its underscores as spaces. */
export function frictionLabel(type: string): string {
  return LABELS[type] ?? type.replaceAll('_', ' ');
}
