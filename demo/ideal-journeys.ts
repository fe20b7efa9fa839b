/**
 * The designed paths: ideal journeys as ordered touchpoint steps (optional: may be skipped for
 * free; repeatable: may occur several times in a row). Each is designed for a set of
 * segments; a segment has several (online, app, click & collect, store, support...).
 */
import { SEGMENTS, type TSegmentId } from './company.js';

export type TStep = {
  touchpoint: string;
  optional?: boolean;
  repeatable?: boolean;
  /** How the customer should feel there, −2…+2 (the designed emotion curve). */
  emotion?: number;
};

/**
 * The emotion the team designed for each touchpoint of an ideal journey: the delivery and the
 * help that solves a problem are the high points; queues and forms are neutral at best.
 */
export const DESIGNED_EMOTION: Readonly<Record<string, number>> = {
  'social-ad': 0,
  'search-ad': 0,
  newsletter: 0,
  'browse-web': 1,
  'browse-app': 1,
  'store-visit': 1,
  'add-to-cart': 1,
  'app-basket': 1,
  login: 0,
  'account-signup': 0,
  checkout: 0,
  payment: 0,
  'order-confirmation': 1,
  'store-checkout': 1,
  'pick-pack': 0,
  'dispatch-notice': 1,
  delivery: 2,
  'collect-in-store': 2,
  'product-registration': 0,
  assembly: 1,
  'review-request': 0,
  'b2b-quote': 0,
  'b2b-order': 1,
  invoice: 0,
  'help-centre': 0,
  chatbot: 0,
  'live-chat': 1,
  'phone-ivr': -1,
  'phone-agent': 1,
  'email-ticket': 0,
  'return-received': 0,
  refund: 2,
};
export type TIdealJourney = {
  id: string;
  name: string;
  segments: readonly TSegmentId[];
  steps: readonly TStep[];
};

const CONSUMERS: readonly TSegmentId[] = ['vip', 'at-risk', 'new', 'loyal', 'regular'];
const EVERYONE: readonly TSegmentId[] = ['business', ...CONSUMERS];

const step = (touchpoint: string): TStep => ({ touchpoint });
const optional = (touchpoint: string): TStep => ({ touchpoint, optional: true });
const repeatable = (touchpoint: string): TStep => ({ touchpoint, repeatable: true });
const any = (touchpoint: string): TStep => ({ touchpoint, optional: true, repeatable: true });

const AWARENESS = [optional('social-ad'), optional('search-ad'), any('newsletter')];
const HOME_DELIVERY = [repeatable('pick-pack'), step('dispatch-notice'), step('delivery')];
const AFTER_DELIVERY = [
  optional('product-registration'),
  optional('assembly'),
  any('review-request'),
];

export const IDEAL_JOURNEYS: readonly TIdealJourney[] = [
  {
    id: 'online-purchase',
    name: 'Online purchase, home delivery',
    segments: CONSUMERS,
    steps: [
      ...AWARENESS,
      repeatable('browse-web'),
      repeatable('add-to-cart'),
      optional('login'),
      repeatable('checkout'),
      step('payment'),
      step('order-confirmation'),
      ...HOME_DELIVERY,
      ...AFTER_DELIVERY,
    ],
  },
  {
    id: 'first-online-purchase',
    name: 'First online purchase (new account)',
    segments: ['new'],
    steps: [
      ...AWARENESS,
      repeatable('browse-web'),
      repeatable('add-to-cart'),
      step('account-signup'),
      repeatable('checkout'),
      step('payment'),
      step('order-confirmation'),
      ...HOME_DELIVERY,
      ...AFTER_DELIVERY,
    ],
  },
  {
    id: 'app-purchase',
    name: 'App purchase, home delivery',
    segments: CONSUMERS,
    steps: [
      optional('social-ad'),
      any('newsletter'),
      repeatable('browse-app'),
      repeatable('app-basket'),
      step('checkout'),
      step('payment'),
      step('order-confirmation'),
      ...HOME_DELIVERY,
      ...AFTER_DELIVERY,
    ],
  },
  {
    id: 'click-and-collect',
    name: 'Click & collect',
    segments: CONSUMERS,
    steps: [
      ...AWARENESS,
      repeatable('browse-web'),
      repeatable('add-to-cart'),
      optional('login'),
      repeatable('checkout'),
      step('payment'),
      step('order-confirmation'),
      repeatable('pick-pack'),
      step('collect-in-store'),
      any('review-request'),
    ],
  },
  {
    id: 'store-purchase',
    name: 'In-store purchase',
    segments: CONSUMERS,
    steps: [
      optional('social-ad'),
      any('newsletter'),
      step('store-visit'),
      step('store-checkout'),
      optional('assembly'),
      any('review-request'),
    ],
  },
  {
    id: 'business-order',
    name: 'Business order via the business desk',
    segments: ['business'],
    steps: [
      repeatable('b2b-quote'),
      step('b2b-order'),
      step('invoice'),
      ...HOME_DELIVERY,
      optional('assembly'),
    ],
  },
  {
    id: 'self-service',
    name: 'Solved in the help centre',
    segments: EVERYONE,
    steps: [repeatable('help-centre'), optional('chatbot')],
  },
  {
    id: 'chat-support',
    name: 'Solved in one chat',
    segments: EVERYONE,
    steps: [any('help-centre'), optional('chatbot'), step('live-chat')],
  },
  {
    id: 'phone-support',
    name: 'Solved in one call',
    segments: EVERYONE,
    steps: [any('help-centre'), step('phone-ivr'), step('phone-agent')],
  },
  {
    id: 'return-and-refund',
    name: 'Return and refund',
    segments: EVERYONE,
    steps: [any('help-centre'), optional('live-chat'), step('return-received'), step('refund')],
  },
];

/** A journey as the workspace holds it: one design for one segment. */
export type TWorkspaceJourney = {
  id: string;
  name: string;
  design: string;
  segment: TSegmentId;
  steps: readonly TStep[];
};

/**
 * The workspace gives each ideal journey one segment, so a design shared by several segments
 * becomes one journey per segment, `<design>-<segment>` (the YAML shares their steps).
 */
export const WORKSPACE_JOURNEYS: readonly TWorkspaceJourney[] = IDEAL_JOURNEYS.flatMap((j) =>
  j.segments.map((segment) => {
    const single = j.segments.length === 1;
    const segmentName = SEGMENTS.find((s) => s.id === segment)?.name ?? segment;
    return {
      id: single ? j.id : `${j.id}-${segment}`,
      name: single ? j.name : `${j.name} (${segmentName})`,
      design: j.id,
      segment,
      steps: j.steps,
    };
  }),
);

const BY_DESIGN_AND_SEGMENT = new Map(
  WORKSPACE_JOURNEYS.map((j) => [`${j.design}|${j.segment}`, j]),
);

/** The workspace journey a case of this design and segment should follow. */
export function workspaceJourney(
  design: string,
  segment: TSegmentId,
): TWorkspaceJourney | undefined {
  return BY_DESIGN_AND_SEGMENT.get(`${design}|${segment}`);
}
