/**
 * Support episodes: self-service first (help centre, chatbot), then assisted contacts on the
 * customer's channels with seeded queue waits, abandoned calls, unresolved contacts that come
 * back (repeat contacts), channel switches, transfers to the billing or delivery desk and
 * ping-pong back, and the return & refund flow. One episode is one case.
 */
import { DAY, HOUR, MINUTE, SECOND, dayStart, laterDay, queueFactor } from './calendar.js';
import { COST_TO_SERVE, serviceLevelSeconds, type TChannel } from './company.js';
import { weighted, type TWeighted } from './prng.js';
import { RATES } from './rates.js';
import type { CustomerSim, TCase } from './simulation.js';

type TContactChannel = 'phone' | 'chat' | 'email' | 'social' | 'store';
type TContact = { end: number; resolved: boolean; abandoned: boolean; redirected: boolean };

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
const HARD_TO_SOLVE: Record<string, number> = {
  'delivery/late': -0.14,
  'payment/double-charge': -0.2,
  'returns/refund-delay': -0.18,
  'store/complaint': -0.1,
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
      sim.emit(c, 'help-centre', `help_article/${topic}`, t, { duration, cost: 0.05 });
      t += (duration + rng.int(5, 60)) * SECOND;
    }
    resolved = rng.chance(SELF_SERVICE_SOLVES[reason] ?? 0.1);
    if (!resolved && rng.chance(RATES.chatbotFirst)) {
      const duration = rng.int(60, 300);
      sim.emit(c, 'chatbot', 'Chatbot conversation', t, { duration, cost: 0.4 });
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
      const result = contact(sim, c, t, channel, reason, previous);
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
    sim.emit(c, 'return-received', 'Return received at warehouse', received, { cost: 6 });
    const delayed = rng.chance(0.2);
    const refunded = laterDay(rng, received, delayed ? rng.int(9, 16) : rng.int(1, 4), 'office');
    if (delayed) {
      const asked = openHours(sim, laterDay(rng, received, 7, 'online'));
      contact(sim, c, asked, firstChannel(sim), 'returns/refund-delay', undefined);
    }
    sim.emit(c, 'refund', 'Refund issued', refunded, { cost: 0.5 });
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

const scaled = (channel: TChannel, duration: number, typical: number): number =>
  COST_TO_SERVE[channel] * Math.min(3, Math.max(0.5, duration / typical));

/** One assisted contact, with transfers; says when it ended and whether it solved the need. */
function contact(
  sim: CustomerSim,
  c: TCase,
  t: number,
  channel: TContactChannel,
  reason: string,
  previous: TContact | undefined,
): TContact {
  const { rng, customer } = sim;
  const vip = customer.segment === 'vip';
  const q = queueFactor(t) * (vip ? 0.35 : 1);
  let fcr = RATES.firstContactResolution + (HARD_TO_SOLVE[reason] ?? 0) + (vip ? 0.08 : 0);
  let end: number;
  let touchpoint: string;
  let wait: number;

  if (channel === 'phone') {
    const callback = previous?.abandoned === true && rng.chance(0.5);
    if (!callback) {
      const ivr = rng.int(30, 150);
      sim.emit(c, 'phone-ivr', 'IVR menu', t, { duration: ivr, cost: 0.3 });
      t += ivr * SECOND;
    }
    wait = callback ? 0 : rng.logNormal(140, 0.7) * q;
    const patience = rng.logNormal(420, 0.5);
    if (wait > patience) {
      sim.emit(c, 'phone-agent', 'call_inbound', t, {
        outcome: 'abandoned',
        wait: patience,
        reason,
        cost: 0.8,
      });
      return { end: t + patience * SECOND, resolved: false, abandoned: true, redirected: false };
    }
    const duration = rng.logNormal(420, 0.5);
    sim.emit(c, 'phone-agent', callback ? 'call_callback' : 'call_inbound', t, {
      wait,
      duration,
      reason,
      cost: scaled('phone', duration, 420),
    });
    touchpoint = 'phone-agent';
    end = t + (wait + duration) * SECOND;
  } else if (channel === 'chat') {
    wait = rng.logNormal(45, 0.8) * q;
    const patience = rng.logNormal(300, 0.5);
    if (wait > patience) {
      sim.emit(c, 'live-chat', 'Chat with agent', t, {
        outcome: 'abandoned',
        wait: patience,
        reason,
        cost: 0.5,
      });
      return { end: t + patience * SECOND, resolved: false, abandoned: true, redirected: false };
    }
    const duration = rng.logNormal(600, 0.5);
    sim.emit(c, 'live-chat', 'Chat with agent', t, {
      wait,
      duration,
      reason,
      cost: scaled('chat', duration, 600),
    });
    touchpoint = 'live-chat';
    end = t + (wait + duration) * SECOND;
  } else if (channel === 'email') {
    wait = rng.logNormal(6 * 3600, 0.9) * q;
    const duration = rng.logNormal(300, 0.5);
    sim.emit(c, 'email-ticket', 'Email ticket answered', t, {
      wait,
      duration,
      reason,
      cost: scaled('email', duration, 300),
    });
    touchpoint = 'email-ticket';
    end = t + (wait + duration) * SECOND;
  } else if (channel === 'social') {
    wait = rng.logNormal(2400, 1) * q;
    const duration = rng.logNormal(240, 0.5);
    sim.emit(c, 'social-care', 'Social DM answered', t, {
      wait,
      duration,
      reason,
      cost: scaled('social', duration, 240),
    });
    end = t + (wait + duration) * SECOND;
    if (rng.chance(RATES.socialRedirectToChat))
      return { end, resolved: false, abandoned: false, redirected: true };
    touchpoint = 'social-care';
  } else {
    // The next store visit the customer can make: later today if the shop is still open.
    const today = laterDay(rng, t, 0, 'store');
    t = today >= t ? today : laterDay(rng, t, 1, 'store');
    wait = rng.logNormal(180, 0.6) * q;
    const duration = rng.logNormal(600, 0.5);
    sim.emit(c, 'store-service-desk', 'Service desk visit', t, {
      wait,
      duration,
      reason,
      cost: scaled('store', duration, 600),
    });
    touchpoint = 'store-service-desk';
    end = t + (wait + duration) * SECOND;
  }
  if (Math.round(wait) > serviceLevelSeconds(touchpoint)) fcr -= 0.15;

  const primary = reason.split('/')[0];
  const desk =
    primary === 'payment' ? 'billing-desk' : primary === 'delivery' ? 'carrier-desk' : null;
  if (
    desk !== null &&
    (channel === 'phone' || channel === 'chat') &&
    rng.chance(RATES.transferToDesk)
  ) {
    end = transfer(sim, c, end, desk, channel);
    fcr = 0.8;
    if (rng.chance(RATES.pingPongBack)) {
      const back = rng.logNormal(100, 0.7);
      const duration = rng.int(120, 600);
      sim.emit(c, 'phone-agent', 'call_transfer', end, {
        wait: back,
        duration,
        cost: scaled('phone', duration, 420),
      });
      end += (back + duration) * SECOND;
      fcr = 0.6;
      if (rng.chance(0.3)) end = transfer(sim, c, end, desk, 'phone');
    }
  }
  return { end, resolved: rng.chance(fcr), abandoned: false, redirected: false };
}

/** A leg at the specialist desk: a transferred call, or a call back after a chat. */
function transfer(
  sim: CustomerSim,
  c: TCase,
  t: number,
  desk: string,
  from: TContactChannel,
): number {
  const { rng } = sim;
  const at =
    from === 'chat'
      ? t + rng.int(10, 120) * MINUTE
      : rng.chance(0.25)
        ? t
        : t + rng.int(1, 30) * SECOND;
  const wait =
    from === 'chat' ? 0 : rng.logNormal(desk === 'billing-desk' ? 220 : 150, 0.7) * queueFactor(at);
  const duration = rng.logNormal(360, 0.5);
  const activity = desk === 'billing-desk' ? 'Billing desk call' : 'Delivery desk call';
  sim.emit(c, desk, activity, at, { wait, duration, cost: scaled('phone', duration, 360) });
  return at + (wait + duration) * SECOND;
}
