/**
 * One assisted support contact on a channel — phone (menu, queue, agent, call-back), chat,
 * e-mail, social or the store's service desk — with its seeded queue wait, a customer who
 * gives up in the queue, and transfers to the billing or delivery desk and back. Steps go
 * through the episode's route (loops, hand-offs); the contact itself goes into the customer's
 * contact history (repeat contacts, channel switches).
 */
import { SECOND, MINUTE, laterDay, queueFactor } from './calendar.js';
import { COST_TO_SERVE, serviceLevelSeconds, type TChannel } from './company.js';
import type { Episode } from './episode.js';
import { RATES } from './rates.js';

export type TContactChannel = 'phone' | 'chat' | 'email' | 'social' | 'store';
export type TContact = { end: number; resolved: boolean; abandoned: boolean; redirected: boolean };

const HARD_TO_SOLVE: Record<string, number> = {
  'delivery/late': -0.14,
  'payment/double-charge': -0.2,
  'returns/refund-delay': -0.18,
  'store/complaint': -0.1,
};

const scaled = (channel: TChannel, duration: number, typical: number): number =>
  COST_TO_SERVE[channel] * Math.min(3, Math.max(0.5, duration / typical));

/** One assisted contact, with transfers; says when it ended and whether it solved the need. */
export function contact(
  ep: Episode,
  t: number,
  channel: TContactChannel,
  reason: string,
  previous: TContact | undefined,
): TContact {
  const { sim } = ep;
  const { rng, customer } = sim;
  const vip = customer.segment === 'vip';
  const q = queueFactor(t) * (vip ? 0.35 : 1);
  let fcr = RATES.firstContactResolution + (HARD_TO_SOLVE[reason] ?? 0) + (vip ? 0.08 : 0);

  /** The customer gave up in the queue after `patience` seconds. */
  const gaveUp = (tp: string, activity: string, patience: number, cost: number): TContact => {
    const e = ep.step(tp, activity, t, { outcome: 'abandoned', wait: patience, reason, cost });
    sim.contact(e);
    sim.seed('abandonment', e);
    return { end: t + patience * SECOND, resolved: false, abandoned: true, redirected: false };
  };
  /** An agent (or the desk) took the contact after `wait` seconds in the queue. */
  const serve = (tp: string, activity: string, wait: number, duration: number, cost: number) => {
    sim.contact(ep.step(tp, activity, t, { wait, duration, reason, cost }));
    return { tp, wait, end: t + (wait + duration) * SECOND };
  };

  let served: { tp: string; wait: number; end: number };
  if (channel === 'phone') {
    const callback = previous?.abandoned === true && rng.chance(0.5);
    if (!callback) {
      const ivr = rng.int(30, 150);
      ep.step('phone-ivr', 'IVR menu', t, { duration: ivr, cost: 0.3 });
      t += ivr * SECOND;
    }
    const wait = callback ? 0 : rng.logNormal(140, 0.7) * q;
    const patience = rng.logNormal(420, 0.5);
    if (wait > patience) return gaveUp('phone-agent', 'call_inbound', patience, 0.8);
    const duration = rng.logNormal(420, 0.5);
    const activity = callback ? 'call_callback' : 'call_inbound';
    served = serve('phone-agent', activity, wait, duration, scaled('phone', duration, 420));
  } else if (channel === 'chat') {
    const wait = rng.logNormal(45, 0.8) * q;
    const patience = rng.logNormal(300, 0.5);
    if (wait > patience) return gaveUp('live-chat', 'Chat with agent', patience, 0.5);
    const duration = rng.logNormal(600, 0.5);
    served = serve('live-chat', 'Chat with agent', wait, duration, scaled('chat', duration, 600));
  } else if (channel === 'email') {
    const wait = rng.logNormal(6 * 3600, 0.9) * q;
    const duration = rng.logNormal(300, 0.5);
    const cost = scaled('email', duration, 300);
    served = serve('email-ticket', 'Email ticket answered', wait, duration, cost);
  } else if (channel === 'social') {
    const wait = rng.logNormal(2400, 1) * q;
    const duration = rng.logNormal(240, 0.5);
    const cost = scaled('social', duration, 240);
    served = serve('social-care', 'Social DM answered', wait, duration, cost);
    if (rng.chance(RATES.socialRedirectToChat))
      return { end: served.end, resolved: false, abandoned: false, redirected: true };
  } else {
    // The next store visit the customer can make: later today if the shop is still open.
    const today = laterDay(rng, t, 0, 'store');
    t = today >= t ? today : laterDay(rng, t, 1, 'store');
    const wait = rng.logNormal(180, 0.6) * q;
    const duration = rng.logNormal(600, 0.5);
    const cost = scaled('store', duration, 600);
    served = serve('store-service-desk', 'Service desk visit', wait, duration, cost);
  }
  if (Math.round(served.wait) > serviceLevelSeconds(served.tp)) fcr -= 0.15;
  let end = served.end;

  const primary = reason.split('/')[0];
  const desk =
    primary === 'payment' ? 'billing-desk' : primary === 'delivery' ? 'carrier-desk' : null;
  if (
    desk !== null &&
    (channel === 'phone' || channel === 'chat') &&
    rng.chance(RATES.transferToDesk)
  ) {
    end = transfer(ep, end, desk, channel);
    fcr = 0.8;
    if (rng.chance(RATES.pingPongBack)) {
      const back = rng.logNormal(100, 0.7);
      const duration = rng.int(120, 600);
      ep.step('phone-agent', 'call_transfer', end, {
        wait: back,
        duration,
        cost: scaled('phone', duration, 420),
      });
      end += (back + duration) * SECOND;
      fcr = 0.6;
      if (rng.chance(0.3)) end = transfer(ep, end, desk, 'phone');
    }
  }
  return { end, resolved: rng.chance(fcr), abandoned: false, redirected: false };
}

/** A leg at the specialist desk: a transferred call, or a call back after a chat. */
function transfer(ep: Episode, t: number, desk: string, from: TContactChannel): number {
  const { rng } = ep.sim;
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
  ep.step(desk, activity, at, { wait, duration, cost: scaled('phone', duration, 360) });
  return at + (wait + duration) * SECOND;
}
