import { describe, expect, it } from 'vitest';
import {
  deviationLabel,
  FRICTION_SETTING,
  FRICTION_TYPES,
  frictionLabel,
  frictionPhrase,
  gapKindLabel,
} from './gap-kinds.js';
import { ZWorkspace } from './workspace-schema.js';

describe('the kinds of gap in words', () => {
  it.each([
    ['repeat_contact', 'Repeat contact'],
    ['handoff', 'Hand-off'],
    ['wait', 'Long wait'],
    ['outOfOrder', 'Out-of-order step'],
    ['skipped', 'Skipped step'],
    ['some_newType', 'Some new type'],
  ])('%s reads "%s" among opportunities', (type, label) => {
    expect(gapKindLabel(type)).toBe(label);
  });

  it('reads a friction type alone and inside a sentence', () => {
    expect(frictionLabel('channel_switch')).toBe('Channel switch');
    expect(frictionPhrase('abandonment')).toBe('an abandonment');
    expect(frictionPhrase('wait')).toBe('a long wait');
  });

  it('shows a type it does not know by its id, never nothing, and never an inherited name', () => {
    expect(frictionLabel('odd_thing')).toBe('odd thing');
    expect(frictionPhrase('odd_thing')).toBe('a odd thing');
    expect(deviationLabel('sidestep')).toBe('sidestep');
    expect(frictionLabel('constructor')).toBe('constructor');
    expect(deviationLabel('toString')).toBe('toString');
  });
});

describe('the setting of each friction type', () => {
  it('names a section of the workspace friction settings, one per type', () => {
    const settings = ZWorkspace.parse({ name: 'w' }).friction;
    const keys = FRICTION_TYPES.map((t) => FRICTION_SETTING[t]);
    expect(new Set(keys).size).toBe(FRICTION_TYPES.length);
    for (const key of keys) expect(settings[key]).toHaveProperty('enabled');
  });
});
