import { describe, expect, it } from 'vitest';
import { validateWorkspace } from '../model/workspace.js';
import { ZWorkspace, type TWorkspace, type TWorkspaceInput } from '../model/workspace-schema.js';
import {
  checkContact,
  compileRouter,
  routeContact,
  type TEarlierContact,
  type TReason,
  type TRouteInput,
} from './routing.js';

function workspace(input: TWorkspaceInput): TWorkspace {
  const result = validateWorkspace(input);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.workspace;
}

const SHOP = workspace({
  name: 'Shop',
  segments: [
    {
      id: 'gold',
      name: 'Gold',
      serviceTier: 'premium',
      rule: { attribute: 'tier', op: 'eq', value: 'gold' },
    },
    { id: 'standard', name: 'Standard' },
  ],
  contactReasons: [
    {
      id: 'order',
      name: 'Order',
      secondary: [
        { id: 'track', name: 'Where is my order' },
        { id: 'cancel', name: 'Cancel' },
        { id: 'change', name: 'Change' },
      ],
    },
    {
      id: 'delivery',
      name: 'Delivery',
      secondary: [
        { id: 'late', name: 'Late' },
        { id: 'damaged', name: 'Damaged' },
      ],
    },
    { id: 'billing', name: 'Billing' },
  ],
  routing: [
    {
      id: 'gold-cancel',
      when: { segment: 'gold', reason: 'order/cancel', channel: 'phone' },
      treatment: 'human-specialist',
      fields: ['order_id'],
    },
    {
      id: 'track-order',
      when: { reason: 'order/track' },
      treatment: 'self-service',
      fields: ['order_id'],
    },
    {
      id: 'damaged-phone',
      when: { reason: 'delivery/damaged', channel: 'phone' },
      treatment: 'callback',
      fields: ['order_id', 'photo_url'],
    },
    {
      id: 'delivery-web',
      when: { reason: 'delivery', channel: 'web' },
      treatment: 'self-service',
      fields: ['order_id'],
    },
    {
      id: 'delivery',
      when: { reason: 'delivery' },
      treatment: 'chat',
      fields: ['order_id', 'postcode'],
    },
    { id: 'everything-else', treatment: 'message', fields: ['customer_id'] },
  ],
});

const NOW = Date.parse('2026-06-30T12:00:00Z');
const DAY = 86_400_000;

const parse = (reason: string): TReason => {
  const [primary = '', secondary] = reason.split('/');
  return { primary, secondary };
};

function route(
  ws: TWorkspace,
  contact: {
    segment?: string;
    reason: string;
    channel: string;
    earlier?: TEarlierContact[];
    openFriction?: boolean;
  },
) {
  const input: TRouteInput = {
    segment: contact.segment,
    reason: parse(contact.reason),
    channel: contact.channel,
    now: NOW,
    earlier: contact.earlier ?? [],
    openFriction: contact.openFriction ?? false,
  };
  return routeContact(compileRouter(ws), input);
}

const earlier = (
  daysAgo: number,
  reason: string | null,
  outcome: string | null = 'ok',
): TEarlierContact => ({
  ts: NOW - daysAgo * DAY,
  reason,
  channel: 'phone',
  outcome,
});

describe('the first rule that fits wins', () => {
  it.each([
    // segment, reason, channel → treatment, rule, fields
    ['gold', 'order/cancel', 'phone', 'human-specialist', 'gold-cancel', ['order_id']],
    ['standard', 'order/cancel', 'phone', 'message', 'everything-else', ['customer_id']],
    ['gold', 'order/cancel', 'chat', 'message', 'everything-else', ['customer_id']],
    ['gold', 'order/track', 'phone', 'self-service', 'track-order', ['order_id']],
    [undefined, 'order/track', 'web', 'self-service', 'track-order', ['order_id']],
    // A rule on the primary reason fits every secondary reason and the primary alone.
    ['standard', 'delivery/late', 'web', 'self-service', 'delivery-web', ['order_id']],
    ['standard', 'delivery', 'web', 'self-service', 'delivery-web', ['order_id']],
    ['standard', 'delivery/late', 'phone', 'chat', 'delivery', ['order_id', 'postcode']],
    // A rule on primary/secondary does not fit a contact that names only the primary.
    ['standard', 'delivery', 'phone', 'chat', 'delivery', ['order_id', 'postcode']],
    [
      'standard',
      'delivery/damaged',
      'phone',
      'callback',
      'damaged-phone',
      ['order_id', 'photo_url'],
    ],
    ['standard', 'order', 'phone', 'message', 'everything-else', ['customer_id']],
    ['standard', 'billing', 'email', 'message', 'everything-else', ['customer_id']],
  ] as const)('%s %s on %s → %s (%s)', (segment, reason, channel, treatment, rule, fields) => {
    const d = route(SHOP, { ...(segment === undefined ? {} : { segment }), reason, channel });
    expect([d.treatment, d.rule, d.fields, d.baseTreatment]).toEqual([
      treatment,
      rule,
      fields,
      treatment,
    ]);
    expect(d.adjustments).toEqual([]);
    expect(d.friction.active).toBe(false);
  });

  it('says which rule matched and why, in words', () => {
    expect(route(SHOP, { segment: 'gold', reason: 'order/cancel', channel: 'phone' }).why).toBe(
      'rule "gold-cancel" (segment gold, reason order/cancel, channel phone) → human-specialist',
    );
    expect(route(SHOP, { reason: 'billing', channel: 'web' }).why).toBe(
      'rule "everything-else" (every contact) → message',
    );
  });

  it('breaks ties by order: of two rules that fit equally, the earlier one wins', () => {
    const tie = ZWorkspace.parse({
      name: 'Tie',
      contactReasons: [{ id: 'order', name: 'Order' }],
      routing: [
        { id: 'first', when: { reason: 'order' }, treatment: 'chat', fields: ['a'] },
        { id: 'second', when: { reason: 'order' }, treatment: 'callback', fields: ['b'] },
      ],
    });
    const d = route(tie, { reason: 'order', channel: 'web' });
    expect([d.rule, d.treatment, d.fields]).toEqual(['first', 'chat', ['a']]);
    // Order, not specificity: a general rule first shadows a more specific one after it.
    const general = ZWorkspace.parse({
      name: 'General first',
      contactReasons: [{ id: 'order', name: 'Order', secondary: [{ id: 'track', name: 'Track' }] }],
      routing: [
        { id: 'any-order', when: { reason: 'order' }, treatment: 'chat' },
        { id: 'track', when: { reason: 'order/track', channel: 'web' }, treatment: 'self-service' },
      ],
    });
    expect(route(general, { reason: 'order/track', channel: 'web' }).rule).toBe('any-order');
  });

  it('answers the default, a person, when no rule fits or there are none', () => {
    const none = ZWorkspace.parse({
      name: 'Bare',
      contactReasons: [{ id: 'order', name: 'Order' }],
    });
    const d = route(none, { reason: 'order', channel: 'phone' });
    expect([d.treatment, d.rule, d.fields, d.segment, d.serviceTier]).toEqual([
      'human',
      null,
      [],
      null,
      null,
    ]);
    expect(d.why).toBe(
      'no routing rule fits no segment, reason order, channel phone: the default is human',
    );
    const some = ZWorkspace.parse({
      name: 'Some',
      contactReasons: [
        { id: 'order', name: 'Order' },
        { id: 'billing', name: 'Billing' },
      ],
      routing: [{ id: 'orders', when: { reason: 'order' }, treatment: 'chat' }],
    });
    expect(route(some, { reason: 'billing', channel: 'web' }).treatment).toBe('human');
  });
});

describe('the live context', () => {
  it('skips self-service on the 3rd contact within 30 days, going on to the next rule that fits', () => {
    const d = route(SHOP, {
      segment: 'standard',
      reason: 'order/track',
      channel: 'web',
      earlier: [earlier(29, 'billing'), earlier(1, 'order/track')],
    });
    expect([d.treatment, d.rule, d.baseTreatment, d.fields]).toEqual([
      'message',
      'track-order',
      'self-service',
      ['order_id', 'customer_id'],
    ]);
    expect(d.friction).toMatchObject({ contacts: 3, repeatContact: true, active: true });
    expect(d.adjustments).toEqual([
      { kind: 'skip-self-service', from: 'self-service', to: 'message', rule: 'everything-else' },
    ]);
    expect(d.why).toBe(
      'rule "track-order" (reason order/track) → self-service; 3rd contact within 30 days (repeat contact), ' +
        'so no self-service: the next rule that fits, rule "everything-else" (every contact) → message',
    );
  });

  it.each([
    // earlier contacts (days ago) → repeat contact?
    [[], 1, false],
    [[10], 2, false],
    [[10, 20], 3, true],
    [[30, 1], 3, true], // exactly 30 days back is inside the window, as in the detector
    [[30.001, 1], 2, false],
    [[-1, 1], 2, false], // a contact stamped after this one is not earlier
  ] as const)('earlier contacts %j days ago: contact #%i, repeat %s', (days, contacts, repeat) => {
    const d = route(SHOP, {
      reason: 'order/track',
      channel: 'web',
      earlier: days.map((n) => earlier(n, 'order/change')),
    });
    expect([d.friction.contacts, d.friction.repeatContact]).toEqual([contacts, repeat]);
    expect(d.treatment).toBe(repeat ? 'message' : 'self-service');
  });

  it('counts only contacts on the same reason when the workspace says sameReason', () => {
    const same = workspace({
      ...SHOP,
      friction: { repeatContact: { count: 2, withinDays: 7, sameReason: true } },
    });
    const other = route(same, {
      reason: 'order/track',
      channel: 'web',
      earlier: [earlier(2, 'order/change')],
    });
    expect([other.friction.contacts, other.treatment]).toEqual([1, 'self-service']);
    const again = route(same, {
      reason: 'order/track',
      channel: 'web',
      earlier: [earlier(2, 'order/track')],
    });
    expect([again.friction.contacts, again.treatment]).toEqual([2, 'message']);
    expect(again.why).toContain('2nd contact about order/track within 7 days (repeat contact)');
    // A contact that names only its primary is on the same reason as any of its secondaries.
    const primary = route(same, {
      reason: 'delivery',
      channel: 'web',
      earlier: [earlier(1, 'delivery/late')],
    });
    expect([primary.friction.contacts, primary.treatment]).toEqual([2, 'chat']);
    expect(primary.adjustments).toEqual([
      { kind: 'skip-self-service', from: 'self-service', to: 'chat', rule: 'delivery' },
    ]);
    // Outside its own 7-day window it does not count.
    const old = route(same, {
      reason: 'order/track',
      channel: 'web',
      earlier: [earlier(8, 'order/track')],
    });
    expect(old.treatment).toBe('self-service');
  });

  it('does not count repeat contacts when the detector is off', () => {
    const off = workspace({
      ...SHOP,
      friction: { repeatContact: { enabled: false } },
    });
    const d = route(off, {
      reason: 'order/track',
      channel: 'web',
      earlier: [earlier(1, 'order/track'), earlier(2, 'order/track'), earlier(3, 'order/track')],
    });
    expect([d.friction.contacts, d.friction.repeatContact, d.treatment]).toEqual([
      4,
      false,
      'self-service',
    ]);
  });

  it('skips self-service when the last contact on the same primary reason failed or was abandoned', () => {
    const failed = route(SHOP, {
      reason: 'delivery/late',
      channel: 'web',
      earlier: [earlier(3, 'delivery/damaged', 'abandoned')],
    });
    expect([failed.treatment, failed.fields]).toEqual(['chat', ['order_id', 'postcode']]);
    expect(failed.why).toContain(
      'the last contact about delivery/damaged ended abandoned, so no self-service',
    );
    // A later contact that went well resolves it; another primary reason never counts.
    const resolved = route(SHOP, {
      reason: 'delivery/late',
      channel: 'web',
      earlier: [earlier(3, 'delivery/damaged', 'failed'), earlier(1, 'delivery/late', 'ok')],
    });
    // (It is this customer's 3rd contact, so a repeat contact all the same.)
    expect([resolved.friction.unresolvedContact, resolved.friction.repeatContact]).toEqual([
      null,
      true,
    ]);
    const elsewhere = route(SHOP, {
      reason: 'delivery/late',
      channel: 'web',
      earlier: [earlier(1, 'order/track', 'failed')],
    });
    expect(elsewhere.treatment).toBe('self-service');
    const tooOld = route(SHOP, {
      reason: 'delivery/late',
      channel: 'web',
      earlier: [earlier(31, 'delivery/late', 'failed')],
    });
    expect(tooOld.treatment).toBe('self-service');
  });

  it('skips self-service when the caller reports an open friction', () => {
    const d = route(SHOP, { reason: 'order/track', channel: 'web', openFriction: true });
    expect([d.treatment, d.friction.declared]).toEqual(['message', true]);
    expect(d.why).toContain('an open friction reported by the caller, so no self-service');
  });

  it('answers a person when no later rule offers help', () => {
    const only = workspace({
      name: 'Only self-service',
      contactReasons: [{ id: 'order', name: 'Order' }],
      routing: [
        {
          id: 'faq',
          when: { reason: 'order', channel: 'web' },
          treatment: 'self-service',
          fields: ['order_id'],
        },
        { id: 'faq-app', when: { reason: 'order' }, treatment: 'self-service' },
      ],
    });
    const d = route(only, { reason: 'order', channel: 'web', openFriction: true });
    expect([d.treatment, d.rule, d.fields]).toEqual(['human', 'faq', ['order_id']]);
    expect(d.adjustments).toEqual([
      { kind: 'skip-self-service', from: 'self-service', to: 'human', rule: null },
    ]);
    expect(d.why).toContain('no later rule offers help, so human');
  });

  it('puts a premium customer in friction through to a person first', () => {
    const friction = [earlier(2, 'order/change'), earlier(5, 'billing')];
    const gold = route(SHOP, {
      segment: 'gold',
      reason: 'delivery/late',
      channel: 'phone',
      earlier: friction,
    });
    expect([gold.treatment, gold.rule, gold.baseTreatment, gold.serviceTier]).toEqual([
      'human-priority',
      'delivery',
      'chat',
      'premium',
    ]);
    expect(gold.adjustments).toEqual([
      { kind: 'premium-priority', from: 'chat', to: 'human-priority' },
    ]);
    expect(gold.why).toBe(
      'rule "delivery" (reason delivery) → chat; 3rd contact within 30 days (repeat contact): ' +
        'a premium customer in friction goes to a person first → human-priority',
    );
    // Self-service is skipped first, then raised.
    const track = route(SHOP, {
      segment: 'gold',
      reason: 'order/track',
      channel: 'web',
      earlier: friction,
    });
    expect(track.adjustments.map((a) => [a.kind, a.to])).toEqual([
      ['skip-self-service', 'message'],
      ['premium-priority', 'human-priority'],
    ]);
    // A specialist stays a specialist; a premium customer not in friction gets the rule.
    const specialist = route(SHOP, {
      segment: 'gold',
      reason: 'order/cancel',
      channel: 'phone',
      earlier: friction,
    });
    expect(specialist.treatment).toBe('human-specialist');
    const calm = route(SHOP, { segment: 'gold', reason: 'delivery/late', channel: 'phone' });
    expect(calm.treatment).toBe('chat');
    // Another tier in the same friction is not raised.
    const standard = route(SHOP, {
      segment: 'standard',
      reason: 'delivery/late',
      channel: 'phone',
      earlier: friction,
    });
    expect(standard.treatment).toBe('chat');
  });
});

describe('checking the contact against the taxonomy', () => {
  const router = compileRouter(SHOP);

  it('accepts known reasons and channels', () => {
    expect(checkContact(router, { primary: 'order', secondary: 'track' }, 'web')).toBeNull();
    expect(checkContact(router, { primary: 'billing' }, 'phone')).toBeNull();
  });

  it('names the known primary reasons for an unknown one, with a suggestion', () => {
    expect(checkContact(router, { primary: 'ordr' }, 'web')).toEqual({
      field: 'reason',
      known: ['order', 'delivery', 'billing'],
      message:
        'unknown contact reason "ordr" (did you mean "order"?); the primary reasons are order, delivery, billing',
    });
  });

  it('names the secondary reasons of the primary for an unknown one', () => {
    expect(checkContact(router, { primary: 'order', secondary: 'cancle' }, 'web')).toEqual({
      field: 'reason',
      known: ['order/track', 'order/cancel', 'order/change'],
      message:
        'unknown secondary reason "cancle" of "order" (did you mean "cancel"?); its secondary reasons are track, cancel, change',
    });
    expect(checkContact(router, { primary: 'billing', secondary: 'refund' }, 'web')?.message).toBe(
      'unknown secondary reason "refund" of "billing"; "billing" has no secondary reasons',
    );
  });

  it('names the channels for an unknown channel', () => {
    expect(checkContact(router, { primary: 'order' }, 'fax')).toMatchObject({
      field: 'channel',
      message:
        'unknown channel "fax"; the channels are web, app, email, phone, chat, store, social, mail',
    });
  });

  it('says when the workspace has no taxonomy at all', () => {
    const bare = compileRouter(ZWorkspace.parse({ name: 'Bare' }));
    expect(checkContact(bare, { primary: 'order' }, 'web')?.message).toBe(
      'unknown contact reason "order": the workspace has no contact reasons',
    );
  });
});
