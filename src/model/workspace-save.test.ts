import { format } from 'prettier';
import prettierConfig from '../../.prettierrc.json' with { type: 'json' };
import { describe, expect, test } from 'vitest';
import { starterWorkspaceYaml } from './starter.js';
import { loadWorkspaceOrThrow } from './workspace.js';
import { compactWorkspace, deepEqual, saveWorkspace } from './workspace-save.js';
import { ZWorkspace, type TWorkspace } from './workspace-schema.js';

// Every field set, most of them away from their defaults, so a round trip exercises all.
const FULL: TWorkspace = ZWorkspace.parse({
  version: 1,
  name: 'Acme: Retail & Co',
  description: 'Everything, "quoted" and\nmulti-line',
  settings: { timezone: 'Europe/Amsterdam', inactivityGapDays: 14.5, currency: 'USD' },
  stages: ['Discover', 'Buy', 'Use', 'Get help'],
  channels: ['web', 'phone', 'in-store'],
  teams: [
    { id: 'shop', name: 'Shop', description: 'Online shop' },
    { id: 'care', name: 'Care' },
  ],
  segments: [
    {
      id: 'vip',
      name: 'VIP',
      description: 'Top customers',
      serviceTier: 'premium',
      annualValue: 1200,
      rule: {
        all: [
          { attribute: 'ltv', op: 'gte', value: 1000 },
          {
            any: [
              { attribute: 'country', op: 'in', value: ['NL', 'BE'] },
              { not: { attribute: 'churned', op: 'exists' } },
            ],
          },
          { attribute: 'newsletter', op: 'eq', value: true },
          { attribute: 'code', op: 'eq', value: '007' },
        ],
      },
    },
    { id: 'rest', name: 'Rest', annualValue: 0 },
  ],
  touchpoints: [
    {
      id: 'checkout',
      name: 'Checkout',
      description: 'Pay',
      stage: 'Buy',
      channel: 'web',
      owner: 'shop',
      layer: 'backstage',
      upstream: ['cart'],
      downstream: ['orders', 'billing'],
      activities: ['Checkout completed', '/^checkout[_ ]step/i', 'true', '123', ' padded '],
      momentOfTruth: true,
    },
    { id: 'call', name: 'Call', stage: 'Get help', channel: 'phone', owner: 'care' },
  ],
  idealJourneys: [
    {
      id: 'buy',
      name: 'Buy',
      description: 'Online',
      segment: 'rest',
      steps: [{ touchpoint: 'checkout', optional: true, repeatable: true }, { touchpoint: 'call' }],
    },
  ],
  momentsOfTruth: [
    { id: 'n', name: 'N', rule: { kind: 'nthOccurrence', touchpoint: 'checkout', n: 100 } },
    {
      id: 'c',
      name: 'C',
      description: 'Three calls',
      rule: {
        kind: 'contactsWithin',
        count: 3,
        withinDays: 30,
        stage: 'Get help',
        channel: 'phone',
        touchpoints: ['call'],
      },
    },
    { id: 'f', name: 'F', rule: { kind: 'firstAfter', touchpoint: 'call', after: 'checkout' } },
  ],
  contactReasons: [
    {
      id: 'order',
      name: 'Order',
      description: 'd',
      secondary: [{ id: 'cancel', name: 'Cancel', description: 'x' }],
    },
    { id: 'other', name: 'Other' },
  ],
  routing: [
    {
      id: 'vip-cancel',
      description: 'fast lane',
      when: { segment: 'vip', reason: 'order/cancel', channel: 'phone' },
      treatment: 'human-priority',
      fields: ['order_id', 'postcode'],
    },
    { id: 'rest', treatment: 'self-service' },
  ],
  friction: {
    repeatContact: { enabled: false, count: 4, withinDays: 10, sameReason: true },
    loop: { enabled: false },
    channelSwitch: { withinDays: 2 },
    handoff: { pingPongMin: 2 },
    wait: { defaultSeconds: 300, serviceLevels: [{ touchpoint: 'call', seconds: 60 }] },
    failure: { enabled: false },
    abandonment: { enabled: false, withinDays: 3 },
  },
  costModel: { costToServe: { phone: 6.5, 'in-store': 8 }, churnRisk: 0.1 },
});

describe('saveWorkspace', () => {
  test('round trip: load(save(ws)) deep-equals ws, every field set', () => {
    const text = saveWorkspace(FULL);
    expect(loadWorkspaceOrThrow(text)).toEqual(FULL);
  });

  test('round trip: load → save → load of the starter', () => {
    const ws = loadWorkspaceOrThrow(starterWorkspaceYaml());
    expect(loadWorkspaceOrThrow(saveWorkspace(ws))).toEqual(ws);
  });

  test('a workspace of defaults saves as version and name only', () => {
    const ws = loadWorkspaceOrThrow('name: Acme\n');
    expect(compactWorkspace(ws)).toEqual({ version: 1, name: 'Acme' });
    expect(saveWorkspace(ws)).toBe(
      '# journeylens.yaml: the workspace as code (stages, touchpoints, segments, journeys, ...).\n' +
        '# Format and defaults: docs/workspace.md. Keys left out take their default.\n' +
        '\n' +
        'version: 1\n' +
        'name: Acme\n',
    );
  });

  test('only what differs from the defaults is written, in the house style', () => {
    const ws = loadWorkspaceOrThrow(`name: Shop
teams: [{ id: shop, name: Shop }]
touchpoints:
  - { id: checkout, name: Checkout, stage: Purchase, channel: web, owner: shop, layer: frontstage, activities: [Paid, /^pay/i] }
idealJourneys:
  - { id: buy, name: Buy, segment: all, steps: [{ touchpoint: checkout, optional: false }] }
segments: [{ id: all, name: All, rule: always }]
friction: { loop: { enabled: false }, wait: { defaultSeconds: 600 } }
`);
    expect(saveWorkspace(ws))
      .toBe(`# journeylens.yaml: the workspace as code (stages, touchpoints, segments, journeys, ...).
# Format and defaults: docs/workspace.md. Keys left out take their default.

version: 1
name: Shop

teams:
  - { id: shop, name: Shop }

segments:
  - { id: all, name: All }

touchpoints:
  - id: checkout
    name: Checkout
    stage: Purchase
    channel: web
    owner: shop
    activities: [Paid, /^pay/i]

idealJourneys:
  - id: buy
    name: Buy
    segment: all
    steps:
      - { touchpoint: checkout }

friction:
  loop: { enabled: false }
`);
  });

  test('the output is already formatted the way the repository runs Prettier', async () => {
    const config: Record<string, unknown> = prettierConfig;
    const text = saveWorkspace(FULL);
    expect(await format(text, { ...config, parser: 'yaml' })).toBe(text);
  });
});

describe('deepEqual', () => {
  test.each([
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [[1, 2], [2, 1], false],
    [{ a: [] }, { a: {} }, false],
    [null, {}, false],
  ])('%j vs %j', (a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
  });
});
