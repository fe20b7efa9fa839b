import { describe, expect, test } from 'vitest';
import {
  loadWorkspaceOrThrow,
  parseWorkspace,
  validateWorkspace,
  WorkspaceLoadError,
} from './workspace.js';
import { formatWorkspaceError } from './workspace-errors.js';
import { DEFAULT_CHANNELS, DEFAULT_STAGES } from './workspace-schema.js';

/** The formatted errors of a text, or ['OK']. */
function errorsOf(text: string): string[] {
  const r = parseWorkspace(text);
  return r.ok ? ['OK'] : r.errors.map((e) => formatWorkspaceError(e));
}

// A valid workspace the error cases below change one thing in. Line numbers matter.
const BASE = `version: 1
name: Test shop
teams:
  - { id: shop, name: Shop }
  - { id: service, name: Service }
segments:
  - id: premium
    name: Premium
    rule: { attribute: ltv, op: gte, value: 1000 }
  - { id: standard, name: Standard }
touchpoints:
  - id: checkout
    name: Checkout
    stage: Purchase
    channel: web
    owner: shop
    activities: [Checkout completed]
  - id: call
    name: Call
    stage: Support
    channel: phone
    owner: service
    activities: [Call answered, /^call/i]
idealJourneys:
  - id: buy
    name: Buy
    segment: standard
    steps: [{ touchpoint: checkout }]
momentsOfTruth:
  - id: third-call
    name: Third call
    rule: { kind: contactsWithin, count: 3, withinDays: 30, stage: Support, channel: phone }
contactReasons:
  - id: order
    name: Order
    secondary: [{ id: cancel, name: Cancel }]
routing:
  - id: cancel
    when: { segment: premium, reason: order/cancel, channel: phone }
    treatment: human-priority
friction:
  wait: { serviceLevels: [{ touchpoint: call, seconds: 120 }] }
costModel:
  costToServe: { phone: 6.5 }
`;

const edit = (from: string, to: string) => {
  if (!BASE.includes(from)) throw new Error(`fixture has no ${from}`);
  return BASE.replace(from, to);
};

describe('parseWorkspace: valid files', () => {
  test('the base fixture is valid', () => {
    expect(errorsOf(BASE)).toEqual(['OK']);
  });

  test('a file with only a name gets every default', () => {
    const r = parseWorkspace('name: Acme\n');
    if (!r.ok) throw new Error('expected ok');
    expect(r.workspace).toEqual({
      version: 1,
      name: 'Acme',
      settings: { timezone: 'UTC', inactivityGapDays: 30, currency: 'EUR' },
      stages: [...DEFAULT_STAGES],
      channels: [...DEFAULT_CHANNELS],
      teams: [],
      segments: [],
      touchpoints: [],
      idealJourneys: [],
      momentsOfTruth: [],
      contactReasons: [],
      routing: [],
      friction: {
        repeatContact: { enabled: true, count: 3, withinDays: 30, sameReason: false },
        loop: { enabled: true },
        channelSwitch: { enabled: true, withinDays: 7 },
        handoff: { enabled: true, pingPongMin: 3 },
        wait: { enabled: true, defaultSeconds: 600, serviceLevels: [] },
        failure: { enabled: true },
        abandonment: { enabled: true, withinDays: 14 },
      },
      feedback: {
        attribution: { windowHours: 72, sameJourney: true },
        minResponses: 30,
        lookbackDays: 90,
        scales: [],
      },
      costModel: { costToServe: {}, churnRisk: 0.02, detractorChurnRisk: 0.1 },
    });
    expect(DEFAULT_STAGES).toEqual([
      'Awareness',
      'Interest',
      'Intent',
      'Purchase',
      'Fulfilment',
      'Activation',
      'Support',
      'Retention',
    ]);
  });

  test('entity defaults: segment rule always, touchpoint frontstage, steps required', () => {
    const r = parseWorkspace(BASE);
    if (!r.ok) throw new Error('expected ok');
    const ws = r.workspace;
    expect(ws.segments[1]).toEqual({
      id: 'standard',
      name: 'Standard',
      serviceTier: 'standard',
      rule: 'always',
    });
    expect(ws.touchpoints[0]).toMatchObject({
      layer: 'frontstage',
      upstream: [],
      momentOfTruth: false,
    });
    expect(ws.idealJourneys[0]?.steps).toEqual([
      { touchpoint: 'checkout', optional: false, repeatable: false },
    ]);
    expect(ws.routing[0]?.fields).toEqual([]);
  });
});

describe('parseWorkspace: YAML syntax errors', () => {
  test.each([
    [
      'name: [x\nteams: 1\n',
      [
        'journeylens.yaml:2:1 invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    ],
    ['name: a\nname: b\n', ['journeylens.yaml:2:1 invalid YAML: Map keys must be unique']],
    [
      'name: x\n---\nname: y\n',
      [
        'journeylens.yaml:2:1 invalid YAML: a workspace is one document, but this file has several (---)',
      ],
    ],
    ['', ['journeylens.yaml the workspace is empty; it needs at least `name:`']],
    ['# just a comment\n', ['journeylens.yaml the workspace is empty; it needs at least `name:`']],
    ['- a\n- b\n', ['journeylens.yaml:1:1 expected a mapping (key: value), got a list']],
  ])('%j', (text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });
});

describe('parseWorkspace: schema errors', () => {
  test('an unknown key is named, with the key it probably meant', () => {
    expect(errorsOf(edit('    owner: shop\n', '    ownr: shop\n'))).toEqual([
      'journeylens.yaml:12:5 touchpoints[0].owner: is required',
      'journeylens.yaml:16:5 touchpoints[0].ownr: unknown key "ownr" (did you mean "owner"?)',
    ]);
  });

  test('an unknown top-level section', () => {
    expect(errorsOf(`${BASE}touchpionts: []\n`)).toEqual([
      'journeylens.yaml:45:1 touchpionts: unknown key "touchpionts" (did you mean "touchpoints"?)',
    ]);
  });

  test.each([
    [
      'version: 1',
      'version: 2',
      'journeylens.yaml:1:10 version: unsupported version; this Journeylens reads version 1, got 2',
    ],
    ['name: Test shop', 'name: ""', 'journeylens.yaml:2:7 name: must not be empty, got ""'],
    [
      '{ id: shop, name: Shop }',
      '{ id: Shop Floor, name: Shop }',
      'journeylens.yaml:4:11 teams[0].id: must be a slug: lowercase letters, digits and single hyphens, e.g. "order-status", got "Shop Floor"\n' +
        'journeylens.yaml:16:12 touchpoints[0].owner: unknown team "shop"',
    ],
    [
      '    stage: Purchase',
      '    stage: 3',
      'journeylens.yaml:14:12 touchpoints[0].stage: expected a string, got 3',
    ],
    [
      '    activities: [Checkout completed]',
      '    layer: front',
      'journeylens.yaml:17:12 touchpoints[0].layer: expected one of frontstage, backstage, got "front"',
    ],
    [
      'steps: [{ touchpoint: checkout }]',
      'steps: []',
      'journeylens.yaml:28:12 idealJourneys[0].steps: an ideal journey needs at least one step',
    ],
    [
      'kind: contactsWithin, count: 3',
      'kind: contactsWithin, count: 2.5',
      'journeylens.yaml:32:42 momentsOfTruth[0].rule.count: must be a whole number, got 2.5',
    ],
    [
      'kind: contactsWithin',
      'kind: within',
      'journeylens.yaml:32:19 momentsOfTruth[0].rule.kind: expected kind to be one of nthOccurrence, contactsWithin, firstAfter, got "within"',
    ],
    [
      'treatment: human-priority',
      'treatment: agent',
      'journeylens.yaml:40:16 routing[0].treatment: expected one of self-service, chat, message, callback, human, human-specialist, human-priority, got "agent"',
    ],
    [
      'costToServe: { phone: 6.5 }',
      'costToServe: { phone: -1 }',
      'journeylens.yaml:44:25 costModel.costToServe.phone: must not be negative, got -1',
    ],
  ])('%s → %s', (from, to, expected) => {
    expect(errorsOf(edit(from, to))).toEqual(expected.split('\n'));
  });

  test('settings: time zone, gap, currency', () => {
    const text = `name: x\nsettings: { timezone: Europe/Amsterdm, inactivityGapDays: 0, currency: euro }\n`;
    expect(errorsOf(text)).toEqual([
      'journeylens.yaml:2:23 settings.timezone: unknown time zone; use an IANA name such as "Europe/Paris", got "Europe/Amsterdm"',
      'journeylens.yaml:2:59 settings.inactivityGapDays: must be more than 0 days, got 0',
      'journeylens.yaml:2:72 settings.currency: must be an ISO 4217 code such as "EUR", got "euro"',
    ]);
  });

  test('segment rules: the branch the user meant is reported, not every union member', () => {
    const rule = `name: x
segments:
  - id: a
    name: A
    rule:
      all:
        - { attribute: ltv, op: gtee, value: 1 }
        - { attribute: country, op: in, value: NL }
        - { al: [] }
        - { not: { attribute: email, op: exists, value: 1 } }
  - { id: b, name: B, rule: { any: [] } }
  - { id: c, name: C, rule: alway }
`;
    expect(errorsOf(rule)).toEqual([
      'journeylens.yaml:7:33 segments[0].rule.all[0].op: expected op to be one of eq, ne, contains, gt, gte, lt, lte, in, notIn, exists, got "gtee"',
      'journeylens.yaml:8:48 segments[0].rule.all[1].value: expected a list of values, got "NL"',
      'journeylens.yaml:9:13 segments[0].rule.all[2].al: unknown key "al" (did you mean "all"?)',
      'journeylens.yaml:10:57 segments[0].rule.all[3].not.value: expected true or false, got 1',
      'journeylens.yaml:11:36 segments[1].rule.any: an empty "any" matches no one; write `rule: always` for a catch-all',
      'journeylens.yaml:12:29 segments[2].rule: expected a rule: always, {all: [...]}, {any: [...]}, {not: rule} or {attribute, op, value}, got "alway"',
    ]);
  });
});

describe('parseWorkspace: cross-reference errors', () => {
  test('the owner must be a team, quoted exactly so a trailing space shows', () => {
    const text = edit('    owner: service\n', '    owner: "Service "\n');
    expect(errorsOf(text)).toEqual([
      'journeylens.yaml:22:12 touchpoints[1].owner: unknown team "Service " (did you mean "service"?)',
    ]);
  });

  test.each([
    [
      'stage: Purchase',
      'stage: Purchse',
      'journeylens.yaml:14:12 touchpoints[0].stage: unknown stage "Purchse" (did you mean "Purchase"?)',
    ],
    [
      'channel: web',
      'channel: www',
      'journeylens.yaml:15:14 touchpoints[0].channel: unknown channel "www"',
    ],
    [
      'segment: standard',
      'segment: regular',
      'journeylens.yaml:27:14 idealJourneys[0].segment: unknown segment "regular"',
    ],
    [
      '{ touchpoint: checkout }',
      '{ touchpoint: check-out }',
      'journeylens.yaml:28:27 idealJourneys[0].steps[0].touchpoint: unknown touchpoint "check-out" (did you mean "checkout"?)',
    ],
    [
      'stage: Support, channel: phone }',
      'stage: Suport, channel: fone }',
      'journeylens.yaml:32:68 momentsOfTruth[0].rule.stage: unknown stage "Suport" (did you mean "Support"?)\n' +
        'journeylens.yaml:32:85 momentsOfTruth[0].rule.channel: unknown channel "fone"',
    ],
    [
      '{ segment: premium,',
      '{ segment: vip,',
      'journeylens.yaml:39:22 routing[0].when.segment: unknown segment "vip"',
    ],
    [
      'reason: order/cancel',
      'reason: ordr',
      'journeylens.yaml:39:39 routing[0].when.reason: unknown contact reason "ordr" (did you mean "order"?)',
    ],
    [
      'reason: order/cancel',
      'reason: order/cancl',
      'journeylens.yaml:39:39 routing[0].when.reason: unknown secondary reason "cancl" of "order" (did you mean "cancel"?)',
    ],
    [
      'reason: order/cancel',
      'reason: order/cancel/now',
      'journeylens.yaml:39:39 routing[0].when.reason: expected "primary" or "primary/secondary", got "order/cancel/now"',
    ],
    [
      'order/cancel, channel: phone }',
      'order/cancel, channel: voice }',
      'journeylens.yaml:39:62 routing[0].when.channel: unknown channel "voice"',
    ],
    [
      '{ touchpoint: call, seconds: 120 }',
      '{ touchpoint: calls, seconds: 120 }',
      'journeylens.yaml:42:41 friction.wait.serviceLevels[0].touchpoint: unknown touchpoint "calls" (did you mean "call"?)',
    ],
    [
      'costToServe: { phone: 6.5 }',
      'costToServe: { Phone: 6.5 }',
      'journeylens.yaml:44:18 costModel.costToServe.Phone: unknown channel "Phone" (did you mean "phone"?)',
    ],
  ])('%s → %s', (from, to, expected) => {
    expect(errorsOf(edit(from, to))).toEqual(expected.split('\n'));
  });

  test('moments of truth: every touchpoint reference is checked', () => {
    const text = edit(
      'rule: { kind: contactsWithin, count: 3, withinDays: 30, stage: Support, channel: phone }',
      'rule: { kind: contactsWithin, count: 3, withinDays: 30, touchpoints: [call, cal] }\n' +
        '  - { id: first, name: First, rule: { kind: firstAfter, touchpoint: delivery, after: checkout } }\n' +
        '  - { id: tenth, name: Tenth, rule: { kind: nthOccurrence, touchpoint: order, n: 10 } }',
    );
    expect(errorsOf(text)).toEqual([
      'journeylens.yaml:32:81 momentsOfTruth[0].rule.touchpoints[1]: unknown touchpoint "cal" (did you mean "call"?)',
      'journeylens.yaml:33:69 momentsOfTruth[1].rule.touchpoint: unknown touchpoint "delivery"',
      'journeylens.yaml:34:72 momentsOfTruth[2].rule.touchpoint: unknown touchpoint "order"',
    ]);
  });

  test('duplicate ids, stages and secondary reasons', () => {
    const text = edit(
      '  - { id: service, name: Service }',
      '  - { id: shop, name: Service }',
    ).replace(
      'secondary: [{ id: cancel, name: Cancel }]',
      'secondary: [{ id: cancel, name: Cancel }, { id: cancel, name: Stop }]',
    );
    expect(errorsOf(`${text}stages: [Buy, Support, Buy, Purchase]\n`)).toEqual([
      'journeylens.yaml:5:11 teams[1].id: duplicate team id "shop" (first at teams[0].id)',
      'journeylens.yaml:22:12 touchpoints[1].owner: unknown team "service"',
      'journeylens.yaml:36:53 contactReasons[0].secondary[1].id: duplicate secondary reason id "cancel" (first at contactReasons[0].secondary[0].id)',
      'journeylens.yaml:45:24 stages[2]: duplicate stage "Buy" (first at stages[0])',
    ]);
  });

  test('one raw activity name may map to one touchpoint only', () => {
    const text = edit(
      'activities: [Call answered, /^call/i]',
      'activities: [Call answered, Checkout completed, Call answered]',
    );
    expect(errorsOf(text)).toEqual([
      'journeylens.yaml:23:33 touchpoints[1].activities[1]: activity "Checkout completed" is already mapped to touchpoint "checkout" (touchpoints[0].activities[0])',
      'journeylens.yaml:23:53 touchpoints[1].activities[2]: activity "Call answered" is listed twice (first at touchpoints[1].activities[0])',
    ]);
  });

  test('activity patterns must be valid regexes both engines read alike', () => {
    const text = edit(
      'activities: [Call answered, /^call/i]',
      "activities: ['/^call(/', /call/g, '/call(?!back)/']",
    );
    expect(errorsOf(text)).toEqual([
      'journeylens.yaml:23:18 touchpoints[1].activities[0]: invalid regex: unterminated group in "/^call(/"',
      'journeylens.yaml:23:30 touchpoints[1].activities[1]: unsupported regex flag "g"; only "i" (ignore case) is allowed in "/call/g"',
      'journeylens.yaml:23:39 touchpoints[1].activities[2]: lookahead and lookbehind are not supported by the SQL engines (RE2) in "/call(?!back)/"',
    ]);
  });

  test('a segment after a catch-all can never match', () => {
    const text = edit(
      '  - { id: standard, name: Standard }',
      '  - { id: standard, name: Standard }\n  - { id: late, name: Late }',
    );
    expect(errorsOf(text)).toEqual([
      'journeylens.yaml:11:11 segments[2].id: segment "late" never matches: segment "standard" (segments[1]) before it matches everyone',
    ]);
  });

  test('a routing rule covered by an earlier one is never used', () => {
    const text = edit(
      '    treatment: human-priority\n',
      '    treatment: human-priority\n' +
        '  - { id: any-order, when: { reason: order }, treatment: human }\n' +
        '  - { id: premium-phone-cancel, when: { reason: order/cancel, channel: phone }, treatment: callback }\n',
    );
    expect(errorsOf(text)).toEqual([
      'journeylens.yaml:42:11 routing[2].id: routing rule "premium-phone-cancel" is never used: "any-order" (routing[1]) before it matches every contact this one does',
    ]);
  });
});

describe('parseWorkspace: every error in one pass', () => {
  test('schema and reference errors together, in file order', () => {
    const text = edit('    owner: shop\n', '    owner: Shop\n    layer: middle\n').replace(
      'segment: standard',
      'segment: basic',
    );
    expect(errorsOf(text)).toEqual([
      'journeylens.yaml:16:12 touchpoints[0].owner: unknown team "Shop" (did you mean "shop"?)',
      'journeylens.yaml:17:12 touchpoints[0].layer: expected one of frontstage, backstage, got "middle"',
      'journeylens.yaml:28:14 idealJourneys[0].segment: unknown segment "basic"',
    ]);
  });
});

describe('loadWorkspaceOrThrow', () => {
  test('returns the workspace when valid', () => {
    expect(loadWorkspaceOrThrow(BASE).touchpoints.map((t) => t.id)).toEqual(['checkout', 'call']);
  });

  test('throws one message listing every error with the file name', () => {
    const text = edit('    owner: shop\n', '    owner: Shop\n').replace(
      'channel: web',
      'channel: www',
    );
    let error: unknown;
    try {
      loadWorkspaceOrThrow(text, 'acme/journeylens.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WorkspaceLoadError);
    expect((error as WorkspaceLoadError).errors).toHaveLength(2);
    expect((error as Error).message).toBe(
      'acme/journeylens.yaml: 2 errors\n' +
        '  acme/journeylens.yaml:15:14 touchpoints[0].channel: unknown channel "www"\n' +
        '  acme/journeylens.yaml:16:12 touchpoints[0].owner: unknown team "Shop" (did you mean "shop"?)',
    );
  });
});

describe('validateWorkspace (data, not text)', () => {
  test('reports paths without positions', () => {
    const r = validateWorkspace({
      name: 'x',
      teams: [{ id: 'shop', name: 'Shop' }],
      touchpoints: [{ id: 'a', name: 'A', stage: 'Purchase', channel: 'web', owner: 'shops' }],
    });
    expect(r).toEqual({
      ok: false,
      errors: [
        { path: 'touchpoints[0].owner', message: 'unknown team "shops" (did you mean "shop"?)' },
      ],
    });
  });

  test('formats an error without a position', () => {
    expect(formatWorkspaceError({ path: 'teams[0].id', message: 'is required' })).toBe(
      'journeylens.yaml teams[0].id: is required',
    );
  });
});
