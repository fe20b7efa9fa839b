/**
 * Support episodes: self-service first (help centre, chatbot), then assisted contacts on the
 * customer's channels (contact.ts) that come back when unresolved (repeat contacts), move to
 * another channel (channel switches) or to a desk and back (hand-offs, ping-pong), and the
 * return & refund flow with its seeded late refunds. One episode is one case; its route
 * (episode.ts) seeds the loops and hand-offs the generator's moves make.
 */
import { DAY, HOUR, MINUTE, SECOND, dayStart, laterDay } from './calendar.js';
import { betweenLevelSeconds } from './company.js';
import { contact, type TContact, type TContactChannel } from './contact.js';
import { Episode } from './episode.js';
import { weighted, type TWeighted } from './prng.js';
import { RATES } from './rates.js';
import type { CustomerSim } from './simulation.js';

const ARTICLE: Record<string, string> = {
  order: 'track-order',
  delivery: 'delivery-times',
  payment: 'payment-methods',
  returns: 'returns',
  product: 'assembly',
  account: 'account',
  store: 'store-hours',
};
const SELF_SERVICE_SOLVES: Record<string, number> = {
  'order/track': 0.7,
  'order/change': 0.2,
  'order/cancel': 0.3,
  'delivery/late': 0.3,
  'delivery/failed-attempt': 0.35,
  'delivery/address': 0.4,
  'payment/declined': 0.4,
  'payment/invoice': 0.2,
  'returns/how-to': 0.65,
  'returns/label': 0.5,
  'product/assembly': 0.45,
  'product/warranty': 0.3,
  'account/login': 0.55,
  'account/personal-data': 0.4,
  'account/loyalty-points': 0.3,
  'store/stock': 0.6,
  'store/opening-hours': 0.85,
};
const RETURN_REASONS = new Set([
  'returns/how-to',
  'returns/label',
  'delivery/damaged',
  'product/defect',
]);

const CHANNELS: Record<string, TWeighted<TContactChannel>> = {
  vip: weighted([
    ['phone', 55],
    ['chat', 25],
    ['email', 10],
    ['store', 10],
  ]),
  business: weighted([
    ['email', 50],
    ['phone', 40],
    ['chat', 10],
  ]),
  'at-risk': weighted([
    ['chat', 30],
    ['phone', 35],
    ['email', 10],
    ['social', 15],
    ['store', 10],
  ]),
  default: weighted([
    ['chat', 40],
    ['phone', 30],
    ['email', 15],
    ['social', 7],
    ['store', 8],
  ]),
};

function firstChannel(sim: CustomerSim): TContactChannel {
  const { rng, customer } = sim;
  if (customer.preferredChannel === 'store' && customer.segment !== 'business' && rng.chance(0.2))
    return 'store';
  return rng.pickWeighted(
    CHANNELS[customer.segment] ?? (CHANNELS.default as TWeighted<TContactChannel>),
  );
}

/** Moves t into contact-centre hours (08:00–20:00), the next morning if needed. */
function openHours(sim: CustomerSim, t: number): number {
  const hour = (t - dayStart(t)) / HOUR;
  if (hour >= 8 && hour < 20) return t;
  return laterDay(sim.rng, t, hour >= 20 ? 1 : 0, 'office');
}

/** One support episode for `reason` (`primary/secondary`) starting at t. */
export function simulateSupport(sim: CustomerSim, reason: string, start: number): void {
  const { rng, customer } = sim;
  const c = sim.openCase('support', null);
  const ep = new Episode(sim, c);
  const primary = reason.split('/')[0] ?? '';
  let t = start;
  let resolved = false;
  let journey: string | null = null;

  const premium = customer.segment === 'vip' || customer.segment === 'business';
  if (rng.chance(premium ? RATES.selfServiceFirstPremium : RATES.selfServiceFirst)) {
    const articles = 1 + rng.poisson(0.6);
    for (let i = 0; i < articles; i++) {
      const topic =
        i === 0 || rng.chance(0.6)
          ? (ARTICLE[primary] ?? 'account')
          : rng.pick(Object.values(ARTICLE));
      const duration = rng.logNormal(90, 0.6);
      ep.step('help-centre', `help_article/${topic}`, t, { duration, cost: 0.05 });
      t += (duration + rng.int(5, 60)) * SECOND;
    }
    resolved = rng.chance(SELF_SERVICE_SOLVES[reason] ?? 0.1);
    if (!resolved && rng.chance(RATES.chatbotFirst)) {
      const duration = rng.int(60, 300);
      ep.step('chatbot', 'Chatbot conversation', t, { duration, cost: 0.4 });
      t += (duration + rng.int(10, 120)) * SECOND;
      resolved = rng.chance(RATES.chatbotResolves);
    }
    if (resolved) journey = 'self-service';
  }

  if (!resolved) {
    let channel = firstChannel(sim);
    let previous: TContact | undefined;
    t = openHours(sim, t + rng.int(1, 30) * MINUTE);
    for (let attempt = 1; attempt <= RATES.maxContacts; attempt++) {
      const result = contact(ep, t, channel, reason, previous);
      if (attempt === 1)
        journey =
          channel === 'phone' ? 'phone-support' : channel === 'chat' ? 'chat-support' : null;
      previous = result;
      if (result.resolved) break;
      let gap: number;
      if (result.redirected) {
        channel = 'chat';
        gap = rng.int(5, 60) * MINUTE;
      } else if (result.abandoned) {
        gap = rng.logNormal(2 * HOUR, 1);
        if (rng.chance(0.5)) channel = otherChannel(sim, channel);
      } else {
        gap = rng.logNormal(1.6 * DAY, 0.8);
        if (rng.chance(RATES.switchChannelOnRepeat)) channel = otherChannel(sim, channel);
      }
      t = openHours(sim, result.end + gap);
    }
    t = previous?.end ?? t;
  }

  if (RETURN_REASONS.has(reason)) {
    journey = 'return-and-refund';
    const received = laterDay(rng, t, rng.int(3, 8), 'office');
    const parcel = ep.step('return-received', 'Return received at warehouse', received, {
      cost: 6,
    });
    const delayed = rng.chance(0.2);
    let refunded = laterDay(rng, received, delayed ? rng.int(9, 16) : rng.int(1, 4), 'office');
    if (delayed) {
      const asked = openHours(sim, laterDay(rng, received, 7, 'online'));
      const chased = contact(ep, asked, firstChannel(sim), 'returns/refund-delay', undefined);
      // Finance pays out after the customer's chaser, never before it.
      refunded = Math.max(refunded, chased.end + HOUR);
    }
    const refund = ep.step('refund', 'Refund issued', refunded, { cost: 0.5 });
    // The refund is late when it comes more than the promised week after the parcel.
    const promised = betweenLevelSeconds('return-received', 'refund');
    if (promised !== undefined && refund.t - parcel.t > promised * SECOND) {
      sim.seed('wait', refund);
    }
  }
  c.journey = journey;
}

function otherChannel(sim: CustomerSim, current: TContactChannel): TContactChannel {
  for (let i = 0; i < 8; i++) {
    const next = firstChannel(sim);
    if (next !== current) return next;
  }
  return current === 'phone' ? 'chat' : 'phone';
}
