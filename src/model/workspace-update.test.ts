import { describe, expect, test } from 'vitest';
import { starterWorkspaceYaml } from './starter.js';
import { loadWorkspaceOrThrow } from './workspace.js';
import type { TWorkspace } from './workspace-schema.js';
import { updateWorkspaceYaml } from './workspace-update.js';

// Hand-written on purpose: aligned comments, four-space and unindented blocks, quotes of
// both kinds, an explicit default, comments between entries.
const USER_FILE = `# Acme's workspace, edited by hand and in the app.
version: 1
name: Acme   # the company

settings:
    timezone: Europe/Amsterdam     # four-space indent on purpose
    inactivityGapDays: 30          # an explicit default stays

teams:
- id: shop          # unindented list
  name: Shop
- id: service
  name: 'Service desk'

touchpoints:
  # --- web ---
  - id: checkout
    name: Checkout
    stage: Purchase
    channel: web
    owner: shop
    activities: [Checkout completed, '/^checkout/i']   # exact + pattern

  # --- phone ---
  - id: call
    name: "Call"
    stage: Support
    channel: phone
    owner: service
    layer: frontstage   # explicit default

segments:
  - id: everyone
    name: Everyone
`;

function edited(text: string, change: (ws: TWorkspace) => void): string {
  const ws = structuredClone(loadWorkspaceOrThrow(text));
  change(ws);
  const out = updateWorkspaceYaml(text, ws);
  // Whatever the edit, the text must say exactly the edited workspace.
  expect(loadWorkspaceOrThrow(out)).toEqual(ws);
  return out;
}

/** The lines that differ between two texts with one changed region. */
function changedLines(a: string, b: string): { removed: string[]; added: string[] } {
  const x = a.split('\n');
  const y = b.split('\n');
  let p = 0;
  while (p < x.length && p < y.length && x[p] === y[p]) p++;
  let s = 0;
  while (s < x.length - p && s < y.length - p && x[x.length - 1 - s] === y[y.length - 1 - s]) s++;
  return { removed: x.slice(p, x.length - s), added: y.slice(p, y.length - s) };
}

const tp = (ws: TWorkspace, id: string) => {
  const found = ws.touchpoints.find((t) => t.id === id);
  if (!found) throw new Error(`no touchpoint ${id}`);
  return found;
};

describe('updateWorkspaceYaml: unchanged', () => {
  test.each([
    ['a hand-written file', USER_FILE],
    ['the same without a final newline', USER_FILE.trimEnd()],
    ['the starter', starterWorkspaceYaml('Acme')],
  ])('%s comes back byte for byte', (_, text) => {
    expect(updateWorkspaceYaml(text, loadWorkspaceOrThrow(text))).toBe(text);
  });
});

describe('updateWorkspaceYaml: edits touch only their lines', () => {
  test('a changed value keeps its end-of-line comment and alignment', () => {
    const out = edited(USER_FILE, (ws) => (ws.settings.timezone = 'Europe/Paris'));
    expect(changedLines(USER_FILE, out)).toEqual({
      removed: ['    timezone: Europe/Amsterdam     # four-space indent on purpose'],
      added: ['    timezone: Europe/Paris     # four-space indent on purpose'],
    });
  });

  test('quoting style is kept, and added where a value needs it', () => {
    const out = edited(USER_FILE, (ws) => {
      (ws.teams[1] as { name: string }).name = 'Help desk';
      tp(ws, 'checkout').name = 'Pay: now';
    });
    expect(out).toContain("  name: 'Help desk'\n");
    expect(out).toContain("    name: 'Pay: now'\n");
    expect(out.split('\n').length).toBe(USER_FILE.split('\n').length);
  });

  test('a value set back to its default stays written', () => {
    const out = edited(USER_FILE, (ws) => (ws.settings.inactivityGapDays = 14));
    expect(out).toContain('    inactivityGapDays: 14          # an explicit default stays\n');
  });

  test('an entry added to a one-line list stays on its line, comment kept', () => {
    const out = edited(USER_FILE, (ws) => tp(ws, 'checkout').activities.push('Paid'));
    expect(changedLines(USER_FILE, out)).toEqual({
      removed: ["    activities: [Checkout completed, '/^checkout/i']   # exact + pattern"],
      // The list is re-rendered in the house style (quotes only where needed).
      added: ['    activities: [Checkout completed, /^checkout/i, Paid]   # exact + pattern'],
    });
  });

  test('a new touchpoint is appended in the house style; nothing else moves', () => {
    const out = edited(USER_FILE, (ws) =>
      ws.touchpoints.push({
        ...tp(ws, 'call'),
        id: tp(ws, 'call').id.replace('call', 'chat') as TWorkspace['touchpoints'][number]['id'],
        name: 'Chat',
        channel: 'chat',
        activities: ['Chat started'],
      }),
    );
    expect(changedLines(USER_FILE, out)).toEqual({
      removed: [],
      added: [
        '  - id: chat',
        '    name: Chat',
        '    stage: Support',
        '    channel: chat',
        '    owner: service',
        '    activities: [Chat started]',
      ],
    });
  });

  test('a removed touchpoint takes its own comment with it', () => {
    const out = edited(USER_FILE, (ws) => {
      ws.touchpoints = ws.touchpoints.filter((t) => t.id !== 'call');
    });
    expect(changedLines(USER_FILE, out)).toEqual({
      removed: [
        '  # --- phone ---',
        '  - id: call',
        '    name: "Call"',
        '    stage: Support',
        '    channel: phone',
        '    owner: service',
        '    layer: frontstage   # explicit default',
        '',
      ],
      added: [],
    });
  });

  test('reordered entries move with their comments', () => {
    const out = edited(USER_FILE, (ws) => ws.touchpoints.reverse());
    const call = out.indexOf('  # --- phone ---\n  - id: call');
    const checkout = out.indexOf('  - id: checkout');
    expect(call).toBeGreaterThan(0);
    expect(checkout).toBeGreaterThan(call);
    expect(out).toContain(
      "    activities: [Checkout completed, '/^checkout/i']   # exact + pattern\n",
    );
  });

  test('a new key goes where the schema puts it: description under name', () => {
    const out = edited(USER_FILE, (ws) => {
      ws.description = 'Retail';
      tp(ws, 'checkout').description = 'Where they pay';
    });
    expect(out).toContain('name: Acme   # the company\ndescription: Retail\n');
    expect(out).toContain(
      '    name: Checkout\n    description: Where they pay\n    stage: Purchase\n',
    );
  });

  test('an unindented list gets its new entry at the same column', () => {
    const out = edited(USER_FILE, (ws) => ws.teams.push({ id: 'legal' as never, name: 'Legal' }));
    expect(changedLines(USER_FILE, out)).toEqual({
      removed: [],
      added: ['- { id: legal, name: Legal }'],
    });
  });

  test('a new key in a four-space block is indented like its siblings', () => {
    const out = edited(USER_FILE, (ws) => (ws.settings.currency = 'GBP'));
    expect(changedLines(USER_FILE, out).added).toEqual(['    currency: GBP']);
  });

  test('a new section is added in schema order', () => {
    const out = edited(USER_FILE, (ws) => {
      ws.contactReasons = [{ id: 'order', name: 'Order', secondary: [] }];
    });
    expect(changedLines(USER_FILE, out).added).toEqual([
      'contactReasons:',
      '  - { id: order, name: Order }',
    ]);
    expect(out.endsWith('contactReasons:\n  - { id: order, name: Order }\n')).toBe(true);
  });

  test('a value that changes shape is rendered anew', () => {
    const out = edited(USER_FILE, (ws) => {
      const s = ws.segments[0];
      if (s) s.rule = { attribute: 'country', op: 'in', value: ['NL', 'BE'] };
    });
    expect(changedLines(USER_FILE, out)).toEqual({
      removed: [],
      added: ['    rule: { attribute: country, op: in, value: [NL, BE] }'],
    });
  });

  test('a section emptied back to its default disappears', () => {
    const text = `${USER_FILE}routing:\n  - { id: all, treatment: human }   # for now\n`;
    const out = edited(text, (ws) => (ws.routing = []));
    expect(out).toBe(USER_FILE);
  });

  test('a file without a final newline stays without one', () => {
    const text = USER_FILE.trimEnd();
    const out = edited(text, (ws) => {
      const everyone = ws.segments[0];
      if (everyone) everyone.name = 'All';
    });
    expect(out).toBe(USER_FILE.trimEnd().replace('name: Everyone', 'name: All'));
    const appended = edited(text, (ws) =>
      ws.idealJourneys.push({
        id: 'x',
        name: 'X',
        segment: ws.segments[0]?.id as never,
        steps: [{ touchpoint: ws.touchpoints[0]?.id as never, optional: false, repeatable: false }],
      }),
    );
    expect(appended.endsWith('      - { touchpoint: checkout }')).toBe(true);
  });
});

describe('updateWorkspaceYaml: every section of the starter', () => {
  const starter = starterWorkspaceYaml('Acme');
  // The comment text of each commented line (the value before it may be the one edited).
  const comments = starter
    .split('\n')
    .filter((l) => l.includes('#'))
    .map((l) => l.slice(l.indexOf('#')));
  test.each<[string, (ws: TWorkspace) => void]>([
    ['settings', (ws) => (ws.settings.inactivityGapDays = 45)],
    ['stages', (ws) => ws.stages.push('Advocacy')],
    ['channels', (ws) => (ws.channels = ws.channels.filter((c) => c !== 'social'))],
    ['teams', (ws) => ws.teams.push({ id: 'legal' as never, name: 'Legal' })],
    ['segments', (ws) => ws.segments[0] && (ws.segments[0].annualValue = 1500)],
    ['touchpoint activities', (ws) => ws.touchpoints[1]?.activities.push('Order placed')],
    ['touchpoint layer', (ws) => ws.touchpoints[0] && (ws.touchpoints[0].layer = 'backstage')],
    [
      'ideal journey steps',
      (ws) => ws.idealJourneys[0]?.steps.splice(1, 0, ws.idealJourneys[0].steps[0]!),
    ],
    [
      'moment of truth',
      (ws) =>
        ws.momentsOfTruth[2] &&
        (ws.momentsOfTruth[2].rule = {
          kind: 'nthOccurrence',
          touchpoint: 'checkout' as never,
          n: 20,
        }),
    ],
    [
      'contact reasons',
      (ws) => ws.contactReasons[1]?.secondary.push({ id: 'invoice', name: 'Invoice' }),
    ],
    ['routing', (ws) => ws.routing[1] && (ws.routing[1].when.channel = 'chat')],
    ['friction', (ws) => (ws.friction.handoff.enabled = false)],
    ['service levels', (ws) => (ws.friction.wait.serviceLevels[0]!.seconds = 90)],
    ['cost model', (ws) => (ws.costModel.costToServe.store = 8)],
  ])('%s: every comment survives', (_, change) => {
    const out = edited(starter, change);
    expect(comments.filter((c) => !out.includes(c))).toEqual([]);
    // And the edit stays local: no reformatting of the rest of the file.
    expect(changedLines(starter, out).removed.length).toBeLessThanOrEqual(2);
  });
});

describe('updateWorkspaceYaml: work in progress', () => {
  test('a workspace with a dangling reference is still written minimally', () => {
    // The app may save a team's new id before the touchpoints that name it follow.
    const ws = structuredClone(loadWorkspaceOrThrow(USER_FILE));
    const shop = ws.teams[0];
    if (shop) shop.id = 'webshop' as typeof shop.id;
    const out = updateWorkspaceYaml(USER_FILE, ws);
    expect(changedLines(USER_FILE, out)).toEqual({
      removed: ['- id: shop          # unindented list'],
      added: ['- id: webshop          # unindented list'],
    });
  });
});

describe('updateWorkspaceYaml: fallbacks', () => {
  test('text that is not valid YAML is replaced by a fresh file', () => {
    const ws = loadWorkspaceOrThrow(USER_FILE);
    const out = updateWorkspaceYaml('name: [broken\n', ws);
    expect(loadWorkspaceOrThrow(out)).toEqual(ws);
  });

  const SHARED = `name: A
teams: [{ id: shop, name: Shop }]
segments: [{ id: all, name: All }]
touchpoints:
  - { id: a, name: A, stage: Purchase, channel: web, owner: shop }
  - { id: b, name: B, stage: Purchase, channel: web, owner: shop }
idealJourneys:
  - id: first
    name: First
    segment: all
    steps: &shared
      - { touchpoint: a }
      - { touchpoint: b, optional: true }
  - id: second
    name: Second
    segment: all
    steps: *shared   # same steps
`;

  test('an alias whose anchor is untouched stays an alias, defaults notwithstanding', () => {
    const out = edited(SHARED, (ws) => {
      const second = ws.idealJourneys[1];
      if (second) second.name = 'Later';
    });
    expect(changedLines(SHARED, out)).toEqual({
      removed: ['    name: Second'],
      added: ['    name: Later'],
    });
  });

  test('editing an anchored value writes the alias out, so only the anchor changes meaning', () => {
    const out = edited(SHARED, (ws) => {
      const step = ws.idealJourneys[0]?.steps[1];
      if (step) step.repeatable = true;
    });
    expect(out).toContain('      - { touchpoint: b, optional: true, repeatable: true }\n');
    expect(out).toContain(
      '    steps:   # same steps\n      - { touchpoint: a }\n      - { touchpoint: b, optional: true }\n',
    );
  });
});
