/**
 * Routing over HTTP on the real app and a real store in a temporary workspace folder (its
 * journeylens.yaml read by the file source, events and customers imported by the import
 * pipeline), with a fixed clock. Every expected value is worked out by hand from the fixture
 * below.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../ingest/import.js';
import { fileWorkspace } from '../../service/workspace-source.js';
import { openStore } from '../../service/workspace-store.js';
import type { TIngestedEvent } from '../ingest-bus.js';
import { testApp, type TCaller, type TTestApp } from '../test-kit.js';
import { routingModule } from './routing-routes.js';
import type { TContainment, TVolumes } from '../../service/routing-report-types.js';
import type { TRouteAnswer } from '../../service/routing-answer.js';

const NOW = Date.parse('2026-06-30T12:00:00Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

const WORKSPACE = `name: Routing test
segments:
  - { id: gold, name: Gold, serviceTier: premium, rule: { attribute: tier, op: eq, value: gold } }
  - { id: standard, name: Standard }
teams:
  - { id: care, name: Care }
  - { id: shop, name: Shop }
touchpoints:
  - { id: help, name: Help centre, stage: Support, channel: web, owner: shop, activities: [help_article] }
  - { id: call, name: Call, stage: Support, channel: phone, owner: care, activities: [call] }
  - { id: chat, name: Chat, stage: Support, channel: chat, owner: care, activities: [chat] }
  - { id: order, name: Order, stage: Purchase, channel: web, owner: shop, activities: [order_placed] }
contactReasons:
  - id: order
    name: Order
    secondary: [{ id: track, name: Where is my order }, { id: cancel, name: Cancel }, { id: change, name: Change }]
  - id: delivery
    name: Delivery
    secondary: [{ id: late, name: Late }, { id: damaged, name: Damaged }]
  - { id: billing, name: Billing }
routing:
  - id: gold-cancel
    when: { segment: gold, reason: order/cancel, channel: phone }
    treatment: human-specialist
    fields: [order_id]
  - { id: track-order, when: { reason: order/track }, treatment: self-service, fields: [order_id] }
  - id: damaged-phone
    when: { reason: delivery/damaged, channel: phone }
    treatment: callback
    fields: [order_id, photo_url]
  - { id: delivery-web, when: { reason: delivery, channel: web }, treatment: self-service, fields: [order_id] }
  - { id: delivery, when: { reason: delivery }, treatment: chat, fields: [order_id, postcode] }
  - { id: everything-else, treatment: message, fields: [customer_id] }
friction:
  repeatContact: { count: 3, withinDays: 30 }
`;

// c-gold: two contacts in the window (the next one is the 3rd). c-std: the last delivery
// contact failed. c-old: a contact 40 days ago only. The order is not a contact (no reason).
const EVENTS = `customer_id,timestamp,activity,channel,outcome,reason
c-gold,${iso(NOW - 10 * DAY)},call,,ok,order/change
c-gold,${iso(NOW - 2 * DAY)},chat,chat,ok,billing
c-std,${iso(NOW - 6 * DAY)},help_article,web,ok,delivery/late
c-std,${iso(NOW - 6 * DAY)},order_placed,web,ok,
c-std,${iso(NOW - 5 * DAY)},call,phone,failed,delivery/late
c-old,${iso(NOW - 40 * DAY)},call,phone,ok,order/track
`;
const CUSTOMERS = `customer_id,tier
c-gold,gold
c-std,silver
c-old,
`;

async function workspaceDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'jl-routing-'));
  await writeFile(join(dir, 'journeylens.yaml'), WORKSPACE);
  await writeFile(join(dir, 'events.csv'), EVENTS);
  await writeFile(join(dir, 'customers.csv'), CUSTOMERS);
  const store = await openStore(dir);
  await importFile(store, { path: join(dir, 'customers.csv'), kind: 'customers' });
  await importFile(store, { path: join(dir, 'events.csv'), kind: 'events' });
  await store.close();
  return dir;
}

type TError = {
  error: { code: string; message: string; details?: { field: string; known: string[] } };
};

let dir: string;
let t: TTestApp;

const post = (who: TCaller, body: unknown) =>
  t.call(who, '/api/route', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const routeAs = async (body: unknown): Promise<TRouteAnswer> => {
  const res = await post('route', body);
  expect(res.status).toBe(200);
  return (await res.json()) as TRouteAnswer;
};
const get = async <T>(who: TCaller, path: string): Promise<T> => {
  const res = await t.call(who, path);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};

async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the condition never held');
}

beforeAll(async () => {
  dir = await workspaceDir();
  t = await testApp(
    [
      routingModule({
        now: () => NOW,
        workspace: (ctx) => fileWorkspace(ctx.workspaceDir, ctx.log, 50),
        customersEveryMs: 50,
      }),
    ],
    { workspaceDir: dir },
  );
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

describe('POST /api/route', () => {
  it('routes a known customer by id, with their live context and a readable why', async () => {
    const gold = await routeAs({
      customer: { id: 'c-gold' },
      reason: 'order/track',
      channel: 'web',
    });
    expect(gold).toMatchObject({
      treatment: 'human-priority',
      rule: 'track-order',
      baseTreatment: 'self-service',
      fields: ['order_id', 'customer_id'],
      customer: { id: 'c-gold', known: true, segment: 'gold', serviceTier: 'premium' },
      friction: { contacts: 3, repeatContact: true, active: true, unresolvedContact: null },
    });
    expect(gold.adjustments.map((a) => [a.kind, a.to])).toEqual([
      ['skip-self-service', 'message'],
      ['premium-priority', 'human-priority'],
    ]);
    expect(gold.why).toBe(
      'rule "track-order" (reason order/track) → self-service; 3rd contact within 30 days (repeat contact), ' +
        'so no self-service: the next rule that fits, rule "everything-else" (every contact) → message; ' +
        'a premium customer in friction goes to a person first → human-priority',
    );
  });

  it('skips self-service after a failed contact on the same primary reason', async () => {
    const std = await routeAs({
      customer: { id: 'c-std' },
      reason: { primary: 'delivery', secondary: 'damaged' },
      channel: 'web',
    });
    expect(std).toMatchObject({
      treatment: 'chat',
      rule: 'delivery-web',
      fields: ['order_id', 'postcode'],
      customer: { segment: 'standard', serviceTier: 'standard' },
      friction: {
        contacts: 3,
        repeatContact: true,
        unresolvedContact: { at: iso(NOW - 5 * DAY), outcome: 'failed', reason: 'delivery/late' },
      },
    });
  });

  it('forgets contacts older than the window', async () => {
    const old = await routeAs({ customer: { id: 'c-old' }, reason: 'order/track', channel: 'web' });
    expect([old.treatment, old.friction.contacts, old.customer.segment]).toEqual([
      'self-service',
      1,
      'standard',
    ]);
  });

  it('routes by attributes alone, and an unknown id as a customer without attributes', async () => {
    const byAttributes = await routeAs({
      customer: { attributes: { tier: 'gold' } },
      reason: 'order/cancel',
      channel: 'phone',
    });
    expect([byAttributes.treatment, byAttributes.rule, byAttributes.customer]).toEqual([
      'human-specialist',
      'gold-cancel',
      { id: null, known: false, segment: 'gold', serviceTier: 'premium' },
    ]);
    // Attributes win over the stored ones; the id still brings the contacts.
    const both = await routeAs({
      customer: { id: 'c-gold', attributes: { tier: 'bronze' } },
      reason: 'delivery/late',
      channel: 'phone',
    });
    expect([both.customer.segment, both.friction.contacts, both.treatment]).toEqual([
      'standard',
      3,
      'chat',
    ]);
    const stranger = await routeAs({
      customer: { id: 'nobody' },
      reason: 'billing',
      channel: 'email',
    });
    expect([stranger.customer, stranger.treatment]).toEqual([
      { id: 'nobody', known: false, segment: 'standard', serviceTier: 'standard' },
      'message',
    ]);
  });

  it('takes the contacts of each committed ingest batch at once', async () => {
    const event = (minutesAgo: number): TIngestedEvent => ({
      seq: 1000 + minutesAgo,
      eventId: null,
      customerId: 'c-old',
      caseId: null,
      ts: new Date(NOW - minutesAgo * 60_000),
      activity: 'call',
      channel: 'phone',
      outcome: 'ok',
      reason: 'order/track',
    });
    await t.context.ingested.publish({ kind: 'events', events: [event(60)] });
    const second = await routeAs({
      customer: { id: 'c-old' },
      reason: 'order/track',
      channel: 'web',
    });
    expect([second.friction.contacts, second.treatment]).toEqual([2, 'self-service']);
    // A non-contact (no reason) and a contact outside the window change nothing.
    await t.context.ingested.publish({
      kind: 'events',
      events: [
        { ...event(30), reason: null, activity: 'order_placed' },
        { ...event(31 * 24 * 60), seq: 2 },
      ],
    });
    expect(
      (await routeAs({ customer: { id: 'c-old' }, reason: 'order/track', channel: 'web' })).friction
        .contacts,
    ).toBe(2);
    await t.context.ingested.publish({ kind: 'events', events: [event(10)] });
    const third = await routeAs({
      customer: { id: 'c-old' },
      reason: 'order/track',
      channel: 'web',
    });
    expect([third.friction.contacts, third.treatment]).toEqual([3, 'message']);
  });

  it('names the known reasons, secondary reasons, channels or stages when one is unknown', async () => {
    const cases: [unknown, string, string, string[]][] = [
      [
        'ordr/track',
        'unknown_reason',
        'reason: unknown contact reason "ordr" (did you mean "order"?); the primary reasons are order, delivery, billing',
        ['order', 'delivery', 'billing'],
      ],
      [
        { primary: 'delivery', secondary: 'lost' },
        'unknown_reason',
        'reason: unknown secondary reason "lost" of "delivery"; its secondary reasons are late, damaged',
        ['delivery/late', 'delivery/damaged'],
      ],
    ];
    for (const [reason, code, message, known] of cases) {
      const res = await post('route', { customer: { id: 'c-std' }, reason, channel: 'web' });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: { code, message, details: { field: 'reason', known } },
      });
    }
    const channel = await post('cx', {
      customer: { id: 'c-std' },
      reason: 'order',
      channel: 'pigeon',
    });
    expect(((await channel.json()) as TError).error).toMatchObject({
      code: 'unknown_channel',
      details: { field: 'channel' },
    });
    const stage = await post('route', {
      customer: { id: 'c-std' },
      reason: 'order',
      channel: 'web',
      context: { stage: 'Suport' },
    });
    expect(((await stage.json()) as TError).error.message).toBe(
      'stage: unknown stage "Suport"; the stages are Awareness, Interest, Intent, Purchase, Fulfilment, Activation, Support, Retention',
    );
  });

  it('refuses a malformed request with the field that is wrong', async () => {
    const noCustomer = await post('route', { customer: {}, reason: 'order', channel: 'web' });
    expect(noCustomer.status).toBe(400);
    expect(((await noCustomer.json()) as TError).error.message).toBe(
      'customer: give the customer id, their attributes, or both',
    );
    const typo = await post('route', { customer: { id: 'x' }, reason: 'order', chanel: 'web' });
    expect(typo.status).toBe(400);
    const deep = await post('route', {
      customer: { id: 'x' },
      reason: 'order/track/now',
      channel: 'web',
    });
    expect(deep.status).toBe(400);
  });

  it('admits the CX team, admins and route tokens only', async () => {
    const body = { customer: { id: 'c-std' }, reason: 'billing', channel: 'web' };
    const statuses = await Promise.all(
      (['admin', 'cx', 'route', 'team', 'viewer', 'read', 'ingest', 'anonymous'] as const).map(
        async (who) => (await post(who, body)).status,
      ),
    );
    expect(statuses).toEqual([200, 200, 200, 403, 403, 403, 403, 401]);
  });
});

describe('GET /api/contact-reasons', () => {
  it('lists the taxonomy to any person and to read or route tokens', async () => {
    const body = await get<{ reasons: { id: string; secondary: { id: string }[] }[] }>(
      'viewer',
      '/api/contact-reasons',
    );
    expect(body.reasons.map((r) => [r.id, r.secondary.map((s) => s.id)])).toEqual([
      ['order', ['track', 'cancel', 'change']],
      ['delivery', ['late', 'damaged']],
      ['billing', []],
    ]);
    for (const who of ['team', 'read', 'route'] as const)
      expect((await t.call(who, '/api/contact-reasons')).status).toBe(200);
    expect((await t.call('ingest', '/api/contact-reasons')).status).toBe(403);
  });
});

describe('GET /api/reports/contacts', () => {
  it("counts contacts from the events by reason, channel (the touchpoint's when missing) and stage", async () => {
    const byReason = await get<TVolumes>('viewer', '/api/reports/contacts?by=reason');
    expect(byReason.contacts).toBe(5);
    expect(
      byReason.rows.map((r) => [
        r.key,
        r.name,
        r.contacts,
        r.customers,
        r.secondary?.map((s) => [s.key, s.contacts]),
      ]),
    ).toEqual([
      ['delivery', 'Delivery', 2, 1, [['delivery/late', 2]]],
      [
        'order',
        'Order',
        2,
        2,
        [
          ['order/change', 1],
          ['order/track', 1],
        ],
      ],
      ['billing', 'Billing', 1, 1, []],
    ]);
    const byChannel = await get<TVolumes>('read', '/api/reports/contacts?by=channel');
    expect(byChannel.rows.map((r) => [r.key, r.contacts])).toEqual([
      ['phone', 3],
      ['chat', 1],
      ['web', 1],
    ]);
    const byStage = await get<TVolumes>(
      'cx',
      `/api/reports/contacts?by=stage&from=${iso(NOW - 30 * DAY)}`,
    );
    expect(byStage.rows.map((r) => [r.key, r.name, r.contacts, r.customers])).toEqual([
      ['Support', 'Support', 4, 2],
    ]);
  });

  it('counts routing decisions too, and is not for team members or route tokens', async () => {
    // Every decision answered above (the refused requests are not decisions).
    const decisions = await get<TVolumes>(
      'admin',
      '/api/reports/contacts?by=channel&source=decisions',
    );
    expect([decisions.contacts, decisions.rows.map((r) => [r.key, r.contacts])]).toEqual([
      12,
      [
        ['web', 9],
        ['phone', 2],
        ['email', 1],
      ],
    ]);
    expect((await t.call('team', '/api/reports/contacts?by=reason')).status).toBe(403);
    expect((await t.call('route', '/api/reports/contacts?by=reason')).status).toBe(403);
    expect((await t.call('viewer', '/api/reports/contacts?by=team')).status).toBe(400);
  });
});

describe('the workspace file', () => {
  it('is reloaded when it changes; a broken file leaves the last good model in use', async () => {
    const changed = WORKSPACE.replace(
      '{ id: track-order, when: { reason: order/track }, treatment: self-service',
      '{ id: track-order, when: { reason: order/track }, treatment: callback',
    );
    await writeFile(join(dir, 'journeylens.yaml'), changed);
    const body = { customer: { id: 'nobody' }, reason: 'order/track', channel: 'web' };
    await eventually(async () => (await routeAs(body)).treatment === 'callback');
    await writeFile(join(dir, 'journeylens.yaml'), `${changed}\nroutng: []\n`);
    await new Promise((r) => setTimeout(r, 200));
    expect((await routeAs(body)).treatment).toBe('callback');
    expect(
      t.log.lines.some(
        (l) => l.message === 'workspace not reloaded: the last good model stays in use',
      ),
    ).toBe(true);
    await writeFile(join(dir, 'journeylens.yaml'), WORKSPACE);
    await eventually(async () => (await routeAs(body)).treatment === 'self-service');
  });

  it('picks up customers imported after the start', async () => {
    await writeFile(join(dir, 'late.csv'), 'customer_id,tier\nc-late,gold\n');
    await importFile(t.context.store, { path: join(dir, 'late.csv'), kind: 'customers' });
    await eventually(async () => {
      const a = await routeAs({ customer: { id: 'c-late' }, reason: 'billing', channel: 'web' });
      return a.customer.known && a.customer.segment === 'gold';
    });
  });
});

describe('GET /api/reports/containment', () => {
  let c: TTestApp;
  let cdir: string;
  let at = NOW;
  const decide = async (id: string | undefined, reason: string, channel = 'web') => {
    const res = await c.call('route', '/api/route', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        customer: id === undefined ? { attributes: {} } : { id },
        reason,
        channel,
      }),
    });
    return ((await res.json()) as TRouteAnswer).treatment;
  };

  beforeAll(async () => {
    cdir = await workspaceDir();
    c = await testApp([routingModule({ now: () => at })], { workspaceDir: cdir });
    // Seven self-service answers at NOW, one without a customer id, one 20 days later.
    for (const id of ['ca', 'cb', 'cc', 'cd', 'ce', 'cf'])
      expect(await decide(id, 'order/track')).toBe('self-service');
    expect(await decide('cg', 'delivery/late')).toBe('self-service');
    expect(await decide(undefined, 'order/track')).toBe('self-service');
    // What happened next: cb is routed to a person a day later; the events below.
    at = NOW + DAY;
    expect(await decide('cb', 'order/cancel', 'phone')).toBe('message');
    at = NOW + 20 * DAY;
    expect(await decide('ch', 'order/track')).toBe('self-service');
    await writeFile(
      join(cdir, 'later.csv'),
      `customer_id,timestamp,activity,channel,outcome,reason
ca,${iso(NOW + 2 * DAY)},call,phone,ok,order/change
cd,${iso(NOW + DAY)},help_article,web,ok,order/track
ce,${iso(NOW + 31 * DAY)},call,phone,ok,order/track
cf,${iso(NOW + DAY)},call,phone,ok,billing
`,
    );
    await importFile(c.context.store, { path: join(cdir, 'later.csv'), kind: 'events' });
  });
  afterAll(async () => {
    await c.close();
    await rm(cdir, { recursive: true, force: true });
  });

  it('counts self-service answers not followed by an assisted contact on the same primary reason within N days', async () => {
    at = NOW + 31 * DAY;
    const res = await c.call('viewer', '/api/reports/containment');
    expect(res.status).toBe(200);
    const r = (await res.json()) as TContainment;
    expect(r).toMatchObject({
      days: 30,
      daysFrom: 'friction.repeatContact.withinDays',
      selfServiceChannels: ['web', 'app'],
      judgedUntil: iso(NOW + DAY),
      decisions: 10,
      selfService: 9,
      untracked: 1,
      pending: 1,
      judged: 7,
      // ca phoned about an order, cb was routed to a person; cd helped themselves on the web,
      // ce called after 31 days, cf about billing, cc and cg never came back.
      contained: 5,
      returnedByDecision: 1,
      returnedByEvent: 1,
    });
    expect(r.rate.value).toBeCloseTo(5 / 7, 10);
    expect(r.rate.low).toBeCloseTo(0.359, 3);
    expect(r.rate.high).toBeCloseTo(0.918, 3);
    expect(r.byReason.map((b) => [b.reason, b.judged, b.contained])).toEqual([
      ['order', 6, 4],
      ['delivery', 1, 1],
    ]);
  });

  it('takes N and the self-service channels from the request', async () => {
    at = NOW + 45 * DAY;
    const longer = (await (
      await c.call('read', '/api/reports/containment?days=40')
    ).json()) as TContainment;
    expect([longer.days, longer.daysFrom, longer.judged, longer.contained, longer.pending]).toEqual(
      [40, 'request', 7, 4, 1],
    );
    const phone = (await (
      await c.call('cx', '/api/reports/containment?selfServiceChannels=web,phone')
    ).json()) as TContainment;
    // ca's call now counts as self-service; cb was still routed to a person; ch is 25 days old.
    expect([phone.judged, phone.contained, phone.pending]).toEqual([7, 6, 1]);
    const range = (await (
      await c.call('cx', `/api/reports/containment?from=${iso(NOW + DAY)}`)
    ).json()) as TContainment;
    // From NOW + 1 day: cb's second decision (a person) and ch's self-service, too recent.
    expect([range.decisions, range.selfService, range.judged, range.pending]).toEqual([2, 1, 0, 1]);
    const bad = await c.call('cx', '/api/reports/containment?selfServiceChannels=web,kiosk');
    expect(bad.status).toBe(400);
    // A window past a century would overflow the engine's microseconds: refused, not a 500.
    const far = await c.call('cx', '/api/reports/containment?days=99999999999999999999');
    expect(far.status).toBe(400);
    expect(((await far.json()) as { error: { message: string } }).error.message).toContain('days');
    expect((await c.call('team', '/api/reports/containment')).status).toBe(403);
  });
});
