import { describe, expect, it } from 'vitest';
import { ZWorkspace } from '../../../model/workspace-schema.js';
import {
  editorFields,
  freeId,
  listText,
  momentRule,
  newEntry,
  newStep,
  parseList,
  parseNumber,
  parseRuleText,
  reasonOptions,
  ruleText,
} from './model-form.js';

const MODEL = ZWorkspace.parse({
  name: 'Acme',
  stages: ['Purchase', 'Support'],
  teams: [{ id: 'shop', name: 'Shop' }],
  segments: [
    { id: 'premium', name: 'Premium', rule: { attribute: 'ltv', op: 'gte', value: 1000 } },
  ],
  touchpoints: [
    {
      id: 'order',
      name: 'Order',
      stage: 'Purchase',
      channel: 'web',
      owner: 'shop',
      activities: ['order'],
    },
    { id: 'call', name: 'Call', stage: 'Support', channel: 'phone', owner: 'shop' },
  ],
  idealJourneys: [{ id: 'buy', name: 'Buy', segment: 'premium', steps: [{ touchpoint: 'order' }] }],
  contactReasons: [{ id: 'order', name: 'Order', secondary: [{ id: 'track', name: 'Track' }] }],
  routing: [{ id: 'all', treatment: 'human' }],
});

describe('form values ↔ model values', () => {
  it.each([
    ['a\nb', ['a', 'b']],
    ['  a  \n\n /^x/i \n', ['a', '/^x/i']],
    ['', []],
  ])('list %j', (text, list) => {
    expect(parseList(text)).toEqual(list);
  });

  it('writes a list one per line', () => {
    expect(listText(['a', '/^b/'])).toBe('a\n/^b/');
    expect(listText(undefined)).toBe('');
  });

  it.each([
    ['12', 12],
    [' 0.5 ', 0.5],
    ['', undefined],
    ['12k', 'invalid'],
  ])('number %j', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it('shows a segment rule as one line of YAML and reads it back', () => {
    const rule = {
      all: [
        { attribute: 'ltv', op: 'gte', value: 1000 },
        { attribute: 'country', op: 'in', value: ['NL', 'BE'] },
      ],
    };
    const text = ruleText(rule);
    expect(text).toBe(
      '{ all: [ { attribute: ltv, op: gte, value: 1000 }, { attribute: country, op: in, value: [ NL, BE ] } ] }',
    );
    expect(parseRuleText(text)).toEqual({ ok: true, rule });
    expect(ruleText('always')).toBe('always');
    expect(parseRuleText('')).toEqual({ ok: true, rule: 'always' });
    const bad = parseRuleText('{ all: [');
    expect(bad.ok).toBe(false);
  });
});

describe('new entries', () => {
  it('takes a free id', () => {
    expect(freeId('new-team', [])).toBe('new-team');
    expect(freeId('new-team', ['new-team', 'new-team-2'])).toBe('new-team-3');
  });

  it.each([
    'segments',
    'teams',
    'touchpoints',
    'idealJourneys',
    'momentsOfTruth',
    'contactReasons',
    'routing',
  ] as const)('a new entry of %s keeps the model valid', (section) => {
    const next = { ...MODEL, [section]: [...MODEL[section], newEntry(MODEL, section)] };
    const result = ZWorkspace.safeParse(next);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it('adds the step after the last one, in the order of the touchpoints', () => {
    expect(newStep(MODEL, [{ touchpoint: 'order' }])).toEqual({
      touchpoint: 'call',
      optional: false,
      repeatable: false,
    });
    expect(newStep(MODEL, [])).toEqual({ touchpoint: 'order', optional: false, repeatable: false });
  });

  it.each([
    ['nthOccurrence', { kind: 'nthOccurrence', touchpoint: 'call', n: 1 }],
    ['contactsWithin', { kind: 'contactsWithin', count: 3, withinDays: 30 }],
    ['firstAfter', { kind: 'firstAfter', touchpoint: 'call', after: 'call' }],
  ] as const)('a %s rule keeps the touchpoint it had', (kind, rule) => {
    expect(momentRule(kind, MODEL, { kind: 'nthOccurrence', touchpoint: 'call', n: 1 })).toEqual(
      rule,
    );
  });
});

describe('the editor', () => {
  it('offers each primary reason and each primary/secondary', () => {
    expect(reasonOptions(MODEL)).toEqual(['order', 'order/track']);
  });

  it('lists the field paths it shows', () => {
    const fields = editorFields(MODEL);
    for (const path of [
      'touchpoints[1].owner',
      'touchpoints[0].activities',
      'idealJourneys[0].steps[0].touchpoint',
      'segments[0].rule',
      'contactReasons[0].secondary[0].id',
      'routing[0].when.reason',
      'stages[1]',
    ]) {
      expect(fields.has(path), path).toBe(true);
    }
    expect(fields.has('touchpoints[2].owner')).toBe(false);
  });
});
