/**
 * Simulates one customer's year: purchase journeys on the customer's channels, loyalty rewards
 * and win-back mails, and the support episodes that incidents (late parcel, failed payment...)
 * and everyday questions cause. Returns the customer's events in output order: by time, ties
 * kept in the order they were generated (that is the order that decides equal timestamps),
 * with the frictions seeded along the way.
 */
import {
  DAY,
  HOUR,
  MINUTE,
  PERIOD_DAYS,
  PERIOD_START,
  dayIndex,
  laterDay,
  seasonalDay,
  timeOfDay,
} from './calendar.js';
import type { TCustomer } from './customers.js';
import { weighted, type Rng } from './prng.js';
import { simulatePurchase } from './purchase.js';
import { RATES, type TMode } from './rates.js';
import { CustomerSim, type TIncidentKind } from './simulation.js';
import { simulateSupport } from './support.js';

const YEAR = 365 * DAY;

const MODES = {
  web: weighted<TMode>(Object.entries(RATES.modeWeights.web) as [TMode, number][]),
  app: weighted<TMode>(Object.entries(RATES.modeWeights.app) as [TMode, number][]),
  store: weighted<TMode>(Object.entries(RATES.modeWeights.store) as [TMode, number][]),
};

const INCIDENT_REASON: Record<Exclude<TIncidentKind, 'orderQuestion'>, [string, number, number]> = {
  // reason, earliest and latest delay in hours before the customer reaches out
  late: ['delivery/late', 2, 30],
  failedAttempt: ['delivery/failed-attempt', 1, 20],
  damaged: ['delivery/damaged', 1, 24],
  paymentFailure: ['payment/declined', 0.1, 2],
  loginFailure: ['account/login', 0.1, 3],
  notReady: ['store/complaint', 1, 24],
  assemblyNoShow: ['product/assembly', 1, 24],
  invoice: ['payment/invoice', 0, 4],
};
const ORDER_QUESTIONS = weighted([
  ['order/track', 30],
  ['order/change', 12],
  ['order/cancel', 8],
  ['order/missing-item', 8],
  ['returns/how-to', 22],
  ['returns/label', 10],
  ['delivery/address', 10],
]);
const EVERYDAY_QUESTIONS = weighted([
  ['product/defect', 18],
  ['product/warranty', 10],
  ['product/assembly', 8],
  ['account/loyalty-points', 12],
  ['account/personal-data', 8],
  ['store/stock', 14],
  ['store/opening-hours', 10],
  ['payment/double-charge', 8],
  ['account/login', 6],
  ['store/complaint', 6],
]);

/** `count` instants in the customer's active window, by season, sorted. */
function moments(
  rng: Rng,
  customer: TCustomer,
  count: number,
  hours: 'online' | 'office',
): number[] {
  const from = dayIndex(customer.activeFrom);
  const to = Math.min(PERIOD_DAYS, dayIndex(customer.activeTo) + 1);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = PERIOD_START + seasonalDay(rng, from, to) * DAY + timeOfDay(rng, hours);
    out.push(Math.max(t, customer.activeFrom));
  }
  return out.sort((a, b) => a - b);
}

export function simulateCustomer(rng: Rng, customer: TCustomer): CustomerSim {
  const sim = new CustomerSim(rng, customer);
  const years = (customer.activeTo - customer.activeFrom) / YEAR;
  const business = customer.segment === 'business';

  for (const start of moments(
    rng,
    customer,
    rng.poisson(RATES.journeysPerYear[customer.segment] * years),
    'online',
  )) {
    const mode: TMode = business ? 'business' : rng.pickWeighted(MODES[customer.preferredChannel]);
    const at =
      mode === 'store'
        ? laterDay(rng, start, 0, 'store')
        : mode === 'business'
          ? laterDay(rng, start, 0, 'office')
          : start;
    simulatePurchase(sim, at, mode);
  }

  if (customer.segment === 'loyal' || customer.segment === 'vip') {
    for (const t of moments(
      rng,
      customer,
      rng.poisson(RATES.loyaltyRewardsPerYear * years),
      'online',
    )) {
      const c = sim.openCase('retention', null);
      sim.emit(c, 'loyalty-reward', 'Loyalty reward redeemed', t, {
        duration: rng.int(20, 120),
        cost: 5,
      });
    }
  }
  if (customer.segment === 'at-risk') {
    for (const t of moments(
      rng,
      customer,
      rng.poisson(RATES.winbackMailsPerYear * years),
      'office',
    )) {
      const c = sim.openCase('retention', null);
      sim.emit(c, 'winback', 'Win-back offer sent', t, { cost: 0.02 });
      if (rng.chance(RATES.winbackClicked)) {
        const clicked = t + rng.int(1, 48) * HOUR;
        sim.emit(c, 'winback', 'Win-back offer clicked', clicked, { duration: rng.int(5, 40) });
        simulatePurchase(
          sim,
          clicked + rng.int(1, 20) * MINUTE,
          customer.preferredChannel === 'app' ? 'app' : 'web',
        );
      }
    }
  }

  const needs: [number, string][] = [];
  for (const incident of sim.incidents) {
    if (!rng.chance(RATES.supportAfter[incident.kind])) continue;
    if (incident.kind === 'orderQuestion') {
      needs.push([incident.t, rng.pickWeighted(ORDER_QUESTIONS)]);
      continue;
    }
    const [reason, earliest, latest] = INCIDENT_REASON[incident.kind];
    needs.push([incident.t + rng.uniform(earliest, latest) * HOUR, reason]);
  }
  for (const t of moments(
    rng,
    customer,
    rng.poisson(RATES.spontaneousSupportPerYear * years),
    'online',
  )) {
    needs.push([t, rng.pickWeighted(EVERYDAY_QUESTIONS)]);
  }
  needs.sort((a, b) => a[0] - b[0]);
  for (const [t, reason] of needs) simulateSupport(sim, reason, t);

  sim.finish();
  return sim;
}
