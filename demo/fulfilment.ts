/**
 * After the order: pick & pack, dispatch notice, home delivery (late, missed attempt, damaged),
 * click & collect pick-up, then activation (product registration, assembly) and the review
 * request. Lateness is decided here and measured the way the workspace will measure it: the
 * delivery event's wait (seconds since the order) against the 72-hour service level. A second
 * attempt (delivery, pick-up, assembly) directly follows the failed one in its journey, so it
 * is a failure and never a loop.
 */
import { HOUR, MINUTE, SECOND, isPeak, laterDay } from './calendar.js';
import { COST_TO_SERVE, serviceLevelSeconds } from './company.js';
import { RATES } from './rates.js';
import type { CustomerSim, TCase } from './simulation.js';

function pickPack(sim: CustomerSim, c: TCase, orderT: number): number {
  const { rng } = sim;
  const picked = orderT + rng.uniform(1, 8) * HOUR;
  sim.emit(c, 'pick-pack', 'WMS: order picked', picked, { duration: rng.int(120, 600), cost: 2.4 });
  // A third of the warehouse scans land in the same second: input order decides.
  const packed = rng.chance(0.3) ? picked : picked + rng.int(5, 40) * MINUTE;
  sim.emit(c, 'pick-pack', 'WMS: order packed', packed, { duration: rng.int(60, 300), cost: 1.1 });
  return packed;
}

/** Home delivery of an order paid at orderT; returns when it was finally delivered. */
export function fulfilHome(sim: CustomerSim, c: TCase, orderT: number): number {
  const { rng, customer } = sim;
  const packed = pickPack(sim, c, orderT);
  const vip = customer.segment === 'vip';
  const lateRate = vip
    ? RATES.lateDeliveryVip
    : isPeak(orderT)
      ? RATES.lateDeliveryPeak
      : RATES.lateDelivery;
  const late = rng.chance(lateRate);
  // On time is the next or the day after (at most ~68 h); late is 4–7 days (at least ~80 h).
  const days = late ? rng.int(4, 7) : vip ? 1 : rng.int(1, 2);
  let attempt = laterDay(rng, orderT, days, 'office');
  if (attempt < packed + HOUR) attempt = packed + rng.int(120, 240) * MINUTE;

  const dispatch = rng.next();
  const dispatchT = packed + rng.uniform(0.5, Math.min(6, (attempt - packed) / HOUR - 0.5)) * HOUR;
  const dispatchLate = dispatch < RATES.dispatchNoticeAfterDelivery;
  if (dispatch >= RATES.dispatchNoticeAfterDelivery + RATES.dispatchNoticeMissing) {
    sim.emit(c, 'dispatch-notice', 'Shipping notification sent', dispatchT, { cost: 0.01 });
  }
  if (late && rng.chance(RATES.delayNotice)) {
    sim.emit(c, 'delivery-delay', 'Delivery delay notice', orderT + rng.uniform(40, 60) * HOUR, {
      cost: 0.01,
    });
  }

  const courier = { channel: 'courier' as const, cost: COST_TO_SERVE.courier };
  if (rng.chance(RATES.failedAttempt)) {
    const missed = sim.emit(c, 'delivery', 'carrier:not_home', attempt, {
      ...courier,
      outcome: 'failed',
      duration: rng.int(30, 120),
      wait: (attempt - orderT) / SECOND,
    });
    sim.seed('failure', missed);
    sim.incident('failedAttempt', attempt);
    attempt = laterDay(rng, attempt, 1, 'office');
  }
  const damaged = rng.chance(RATES.damaged);
  const wait = (attempt - orderT) / SECOND;
  const delivered = sim.emit(
    c,
    'delivery',
    damaged ? 'carrier:damaged' : 'carrier:delivered',
    attempt,
    { ...courier, outcome: damaged ? 'failed' : 'ok', duration: rng.int(60, 300), wait },
  );
  if (damaged) {
    sim.seed('failure', delivered);
    sim.incident('damaged', attempt);
  }
  if (Math.round(wait) > serviceLevelSeconds('delivery')) {
    sim.incident('late', orderT + serviceLevelSeconds('delivery') * SECOND + rng.int(1, 30) * HOUR);
  }
  if (dispatchLate) {
    sim.emit(
      c,
      'dispatch-notice',
      'Shipping notification sent',
      attempt + rng.uniform(0.2, 3) * HOUR,
      { cost: 0.01 },
    );
  }
  return attempt;
}

/** Click & collect: picked in the warehouse, collected in the home store (seeded: not ready). */
export function fulfilCollect(sim: CustomerSim, c: TCase, orderT: number): void {
  const { rng } = sim;
  pickPack(sim, c, orderT);
  let t = laterDay(rng, orderT, rng.int(1, 4), 'store');
  const counter = { channel: 'store' as const, cost: 1.5 };
  if (rng.chance(RATES.notReadyForCollection)) {
    const notReady = sim.emit(c, 'collect-in-store', 'Click & collect: picked up', t, {
      ...counter,
      outcome: 'failed',
      duration: rng.int(120, 400),
      wait: rng.logNormal(240, 0.5),
    });
    sim.seed('failure', notReady);
    sim.incident('notReady', t);
    t = laterDay(rng, t, rng.int(1, 2), 'store');
  }
  sim.emit(c, 'collect-in-store', 'Click & collect: picked up', t, {
    ...counter,
    duration: rng.int(60, 240),
    wait: rng.logNormal(90, 0.6),
  });
  afterPurchase(sim, c, t, true);
}

/** Activation and the review request after the customer has the goods at time `t`. */
export function afterPurchase(sim: CustomerSim, c: TCase, t: number, inStore: boolean): void {
  const { rng } = sim;
  if (!inStore && rng.chance(RATES.registration)) {
    sim.emit(
      c,
      'product-registration',
      'App: product registered',
      t + rng.int(60, 30 * 60) * MINUTE,
      {
        channel: 'app',
        duration: rng.int(60, 300),
        cost: 0.05,
      },
    );
  }
  let last = t;
  if (rng.chance(RATES.assembly)) last = assemblyVisit(sim, c, t);
  if (rng.chance(RATES.reviewRequest * (inStore ? 0.7 : 1))) {
    const sent = laterDay(rng, Math.max(t + 6 * 24 * HOUR, last), 1, 'office');
    sim.emit(c, 'review-request', 'Review request sent', sent, { cost: 0.01 });
    if (rng.chance(RATES.reviewSubmitted)) {
      sim.emit(c, 'review-request', 'Review submitted', sent + rng.int(1, 72) * HOUR, {
        duration: rng.int(60, 400),
      });
    }
  }
}

/** Assembly by a partner, with a seeded no-show that needs a second visit. */
export function assemblyVisit(sim: CustomerSim, c: TCase, after: number): number {
  const { rng } = sim;
  let t = laterDay(rng, after, rng.int(2, 8), 'office');
  if (rng.chance(RATES.assemblyNoShow)) {
    const noShow = sim.emit(c, 'assembly', 'Assembly visit', t, { outcome: 'failed', cost: 20 });
    sim.seed('failure', noShow);
    sim.incident('assemblyNoShow', t);
    t = laterDay(rng, t, rng.int(2, 5), 'office');
  }
  sim.emit(c, 'assembly', 'Assembly visit', t, { duration: rng.logNormal(5400, 0.4), cost: 45 });
  return t;
}
