/**
 * The demo company's designed side: Larkspur Living, an omnichannel home & living retailer
 * (webshop, app, 46 stores in the Netherlands, Belgium and Germany, plus a business desk for
 * offices and hotels). Stages, channels, teams, segments, contact reasons, routing, friction
 * settings, cost model and rule-defined moments of truth. Touchpoints and ideal journeys have
 * their own files. Pure data: the simulator and the YAML renderer both read it, so the
 * workspace and the generated data can never disagree.
 */
import { DEFAULT_STAGES } from '../src/model/workspace-schema.js';

export const COMPANY_NAME = 'Larkspur Living';
export const CURRENCY = 'EUR';

/** The default lifecycle stages of a workspace: the demo uses all eight. */
export const STAGES = DEFAULT_STAGES;
export type TStage = (typeof STAGES)[number];

/** `courier` is the doorstep: delivery attempts, assembly visits, parcels coming back. */
export const CHANNELS = [
  'web',
  'app',
  'email',
  'phone',
  'chat',
  'store',
  'social',
  'courier',
] as const;
export type TChannel = (typeof CHANNELS)[number];

export const TEAMS = [
  { id: 'marketing', name: 'Marketing & Social' },
  { id: 'ecommerce', name: 'E-commerce (web & app)' },
  { id: 'stores', name: 'Stores' },
  { id: 'logistics', name: 'Logistics & Delivery' },
  { id: 'customer-service', name: 'Customer Service' },
  { id: 'finance', name: 'Finance & Billing' },
  { id: 'it', name: 'IT & Digital Identity' },
  { id: 'b2b-sales', name: 'Business Sales' },
] as const;
export type TTeamId = (typeof TEAMS)[number]['id'];

// ---------------------------------------------------------------------------------------------
// Segments: a rule over the customers table; the first matching rule wins.

export type TCondition =
  | { attribute: string; op: 'eq'; value: string }
  | { attribute: string; op: 'in'; value: readonly string[] }
  | { attribute: string; op: 'gte' | 'lt'; value: number };
export type TSegmentRule = 'always' | { all: readonly TCondition[] };

export const SEGMENT_IDS = ['business', 'vip', 'at-risk', 'new', 'loyal', 'regular'] as const;
export type TSegmentId = (typeof SEGMENT_IDS)[number];

export type TSegment = {
  id: TSegmentId;
  name: string;
  serviceTier: string;
  annualValue: number;
  description: string;
  rule: TSegmentRule;
};

export const VIP_LIFETIME_VALUE = 2500;
export const AT_RISK_CHURN_SCORE = 0.7;
export const NEW_TENURE_MONTHS = 12;

export const SEGMENTS: readonly TSegment[] = [
  {
    id: 'business',
    name: 'Business',
    serviceTier: 'business',
    annualValue: 4800,
    description: 'offices, hotels and restaurants buying through the business desk',
    rule: { all: [{ attribute: 'customer_type', op: 'eq', value: 'business' }] },
  },
  {
    id: 'vip',
    name: 'VIP',
    serviceTier: 'premium',
    annualValue: 1500,
    description: 'highest lifetime value; priority phone line and express delivery',
    rule: { all: [{ attribute: 'lifetime_value', op: 'gte', value: VIP_LIFETIME_VALUE }] },
  },
  {
    id: 'at-risk',
    name: 'At risk',
    serviceTier: 'standard',
    annualValue: 380,
    description: 'churn model score of 0.7 or more; win-back campaigns',
    rule: { all: [{ attribute: 'churn_score', op: 'gte', value: AT_RISK_CHURN_SCORE }] },
  },
  {
    id: 'new',
    name: 'New',
    serviceTier: 'standard',
    annualValue: 260,
    description: 'joined less than 12 months before the end of the period',
    rule: { all: [{ attribute: 'tenure_months', op: 'lt', value: NEW_TENURE_MONTHS }] },
  },
  {
    id: 'loyal',
    name: 'Loyal',
    serviceTier: 'plus',
    annualValue: 720,
    description: 'silver and gold loyalty members',
    rule: { all: [{ attribute: 'loyalty_tier', op: 'in', value: ['silver', 'gold'] }] },
  },
  {
    id: 'regular',
    name: 'Regular',
    serviceTier: 'standard',
    annualValue: 310,
    description: 'everyone else',
    rule: 'always',
  },
];

/** Evaluates the segment rules on one customer's attributes, exactly as the workspace says. */
export function segmentOf(attributes: Readonly<Record<string, string | number>>): TSegmentId {
  for (const segment of SEGMENTS) {
    if (segment.rule === 'always') return segment.id;
    if (segment.rule.all.every((c) => holds(c, attributes[c.attribute]))) return segment.id;
  }
  throw new Error('no segment matched: the last segment must be a catch-all');
}

function holds(c: TCondition, actual: string | number | undefined): boolean {
  if (actual === undefined) return false;
  switch (c.op) {
    case 'eq':
      return String(actual) === c.value;
    case 'in':
      return c.value.includes(String(actual));
    case 'gte':
      return Number(actual) >= c.value;
    case 'lt':
      return Number(actual) < c.value;
  }
}

// ---------------------------------------------------------------------------------------------
// Contact reasons: primary × secondary; events carry them as `primary/secondary`.

export const CONTACT_REASONS = [
  {
    id: 'order',
    name: 'Order',
    secondary: [
      ['track', 'Where is my order'],
      ['change', 'Change my order'],
      ['cancel', 'Cancel my order'],
      ['missing-item', 'Item missing from order'],
    ],
  },
  {
    id: 'delivery',
    name: 'Delivery',
    secondary: [
      ['late', 'Delivery is late'],
      ['failed-attempt', 'Missed delivery attempt'],
      ['damaged', 'Arrived damaged'],
      ['address', 'Change delivery address'],
    ],
  },
  {
    id: 'payment',
    name: 'Payment & invoice',
    secondary: [
      ['declined', 'Payment declined'],
      ['double-charge', 'Charged twice'],
      ['invoice', 'Invoice question'],
    ],
  },
  {
    id: 'returns',
    name: 'Returns & refunds',
    secondary: [
      ['how-to', 'How do I return'],
      ['label', 'Return label'],
      ['refund-delay', 'Refund not received'],
    ],
  },
  {
    id: 'product',
    name: 'Product',
    secondary: [
      ['assembly', 'Assembly help'],
      ['defect', 'Defect or fault'],
      ['warranty', 'Warranty claim'],
    ],
  },
  {
    id: 'account',
    name: 'Account & loyalty',
    secondary: [
      ['login', 'Cannot log in'],
      ['personal-data', 'Personal data'],
      ['loyalty-points', 'Loyalty points missing'],
    ],
  },
  {
    id: 'store',
    name: 'Store',
    secondary: [
      ['stock', 'Is it in stock'],
      ['opening-hours', 'Opening hours'],
      ['complaint', 'Complaint about a store'],
    ],
  },
] as const;

// ---------------------------------------------------------------------------------------------
// Routing: (segment, reason, channel) → treatment; the first matching rule wins.

export type TRoutingRule = {
  id: string;
  when: { segment?: TSegmentId; reason?: string; channel?: string };
  treatment: string;
  fields: readonly string[];
  description: string;
};

export const ROUTING: readonly TRoutingRule[] = [
  {
    id: 'vip-priority',
    when: { segment: 'vip' },
    treatment: 'human-priority',
    fields: ['customer_id', 'order_id'],
    description: 'VIPs skip the queue',
  },
  {
    id: 'business-invoice',
    when: { segment: 'business', reason: 'payment/invoice' },
    treatment: 'human-specialist',
    fields: ['company_id', 'invoice_number'],
    description: 'invoices go to the billing desk',
  },
  {
    id: 'double-charge',
    when: { reason: 'payment/double-charge' },
    treatment: 'human-specialist',
    fields: ['order_id', 'payment_reference'],
    description: 'only billing can reverse a charge',
  },
  {
    id: 'damaged-phone',
    when: { reason: 'delivery/damaged', channel: 'phone' },
    treatment: 'callback',
    fields: ['order_id', 'photo_url'],
    description: 'a photo first, then a call back',
  },
  {
    id: 'track-order',
    when: { reason: 'order/track' },
    treatment: 'self-service',
    fields: ['order_id'],
    description: 'the tracking page answers it',
  },
  {
    id: 'login',
    when: { reason: 'account/login' },
    treatment: 'self-service',
    fields: ['email'],
    description: 'password reset link',
  },
  {
    id: 'at-risk-complaint',
    when: { segment: 'at-risk', reason: 'store/complaint' },
    treatment: 'human',
    fields: ['customer_id', 'store_id'],
    description: 'a person, before they leave',
  },
  {
    id: 'delivery',
    when: { reason: 'delivery' },
    treatment: 'chat',
    fields: ['order_id', 'postcode'],
    description: 'carrier status is at hand in chat',
  },
  {
    id: 'returns',
    when: { reason: 'returns' },
    treatment: 'message',
    fields: ['order_id'],
    description: 'label by e-mail',
  },
  {
    id: 'default',
    when: {},
    treatment: 'chat',
    fields: ['customer_id'],
    description: 'everything else',
  },
];

// ---------------------------------------------------------------------------------------------
// Friction settings (the analyser's thresholds) and the cost model.

export const FRICTION = {
  repeatContact: { count: 2, withinDays: 7, sameReason: true },
  loop: { enabled: true },
  channelSwitch: { withinDays: 7 },
  // Hand-offs that hurt are transfers while the customer is being helped.
  handoff: { pingPongMin: 3, stages: ['Support'] },
  wait: {
    defaultSeconds: 600,
    serviceLevels: [
      { touchpoint: 'phone-agent', seconds: 300 },
      { touchpoint: 'live-chat', seconds: 120 },
      { touchpoint: 'email-ticket', seconds: 86_400 },
      { touchpoint: 'social-care', seconds: 7_200 },
      { touchpoint: 'billing-desk', seconds: 300 },
      { touchpoint: 'carrier-desk', seconds: 300 },
      { touchpoint: 'store-service-desk', seconds: 600 },
      { touchpoint: 'store-checkout', seconds: 300 },
      { touchpoint: 'delivery', seconds: 259_200 },
      // Refunds are promised within a week of the parcel coming back: measured between steps.
      { from: 'return-received', to: 'refund', seconds: 604_800 },
    ],
  },
  failure: { enabled: true },
  // A journey that stops before the purchase is a drop-off once two weeks have passed.
  abandonment: { withinDays: 14, stages: ['Awareness', 'Interest', 'Intent'] },
} as const;

/** The service level of a touchpoint's own `wait` field (else the default). */
export function serviceLevelSeconds(touchpoint: string): number {
  const level = FRICTION.wait.serviceLevels.find(
    (s) => 'touchpoint' in s && s.touchpoint === touchpoint,
  );
  return level?.seconds ?? FRICTION.wait.defaultSeconds;
}

/** The longest time allowed from a `from` step to a `to` step of a journey, if one is set. */
export function betweenLevelSeconds(from: string, to: string): number | undefined {
  const level = FRICTION.wait.serviceLevels.find(
    (s) => 'from' in s && s.from === from && s.to === to,
  );
  return level?.seconds;
}

/** Cost to serve one contact or visit, by channel (courier: one delivery attempt). */
export const COST_TO_SERVE: Readonly<Record<TChannel, number>> = {
  phone: 6.5,
  chat: 3.2,
  email: 2.5,
  store: 8,
  social: 3,
  web: 0.1,
  app: 0.1,
  courier: 7.5,
};
export const CHURN_RISK = 0.02;

// ---------------------------------------------------------------------------------------------
// Rule-defined moments of truth (declared touchpoint moments are flags on the touchpoints).

export const MOMENT_RULES = [
  {
    id: 'fifth-order',
    name: 'The 5th order of the year',
    rule: { kind: 'nthOccurrence', touchpoint: 'order-confirmation', n: 5 },
  },
  {
    id: 'third-support-contact',
    name: '3rd support contact within 30 days',
    rule: {
      kind: 'contactsWithin',
      count: 3,
      withinDays: 30,
      touchpoints: [
        'live-chat',
        'phone-agent',
        'email-ticket',
        'social-care',
        'store-service-desk',
      ],
    },
  },
  {
    id: 'first-delivery',
    name: 'First delivery after a purchase',
    rule: { kind: 'firstAfter', touchpoint: 'delivery', after: 'payment' },
  },
] as const;
