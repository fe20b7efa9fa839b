/**
 * Purchase journeys up to the order: awareness, browsing, cart, login, checkout, payment — on
 * the web, in the app, click & collect, in a store, or through the business desk — with the
 * seeded drop-offs, login and payment failures, each recorded as the friction the written
 * definitions make of it where it is decided. Fulfilment continues in fulfilment.ts.
 */
import { DAY, HOUR, MINUTE, SECOND, laterDay, queueFactor } from './calendar.js';
import { afterPurchase, assemblyVisit, fulfilCollect, fulfilHome } from './fulfilment.js';
import { RATES, type TMode } from './rates.js';
import type { CustomerSim, TCase, TSimEvent } from './simulation.js';

const SOCIAL_RAW = [
  'ad_click_instagram',
  'ad_click_facebook',
  'ad_click_tiktok',
  'ad_click_pinterest',
];
const SEARCH_RAW = ['sea_click:brand', 'sea_click:generic', 'sea_click:shopping'];
const POS_RAW: Record<string, string> = { NL: 'POS sale', BE: 'POS_SALE', DE: 'pos-sale' };

/** The ideal journey a purchase in this mode is designed to follow. */
export function journeyFor(sim: CustomerSim, mode: TMode): string {
  if (mode === 'web')
    return sim.customer.needsAccount ? 'first-online-purchase' : 'online-purchase';
  if (mode === 'app') return 'app-purchase';
  if (mode === 'collect') return 'click-and-collect';
  if (mode === 'store') return 'store-purchase';
  return 'business-order';
}

/** One purchase journey instance starting at `start` (it may end without a purchase). */
export function simulatePurchase(sim: CustomerSim, start: number, mode: TMode): void {
  const c = sim.openCase('purchase', journeyFor(sim, mode));
  if (mode === 'store') storePurchase(sim, c, start);
  else if (mode === 'business') businessOrder(sim, c, start);
  else onlinePurchase(sim, c, start, mode);
}

function awareness(sim: CustomerSim, c: TCase, t: number, mode: TMode): number {
  const { rng, customer } = sim;
  if (!rng.chance(RATES.awarenessTouch)) return t;
  const roll = rng.next() * (customer.optIn ? 1 : 0.65);
  if (roll < 0.35) {
    sim.emit(c, 'social-ad', rng.pick(SOCIAL_RAW), t, { duration: rng.int(3, 20), cost: 0.45 });
  } else if (roll < 0.65 && mode !== 'app' && mode !== 'store') {
    sim.emit(c, 'search-ad', rng.pick(SEARCH_RAW), t, { duration: rng.int(2, 10), cost: 0.6 });
  } else if (customer.optIn) {
    sim.emit(c, 'newsletter', 'Newsletter opened', t, { duration: rng.int(5, 60), cost: 0.01 });
    t += rng.int(10, 120) * SECOND;
    sim.emit(c, 'newsletter', 'Newsletter link clicked', t, { duration: 1 });
  } else return t;
  return t + rng.int(20, 600) * SECOND;
}

function onlinePurchase(sim: CustomerSim, c: TCase, start: number, mode: TMode): void {
  const { rng, customer } = sim;
  const app = mode === 'app';
  let t = awareness(sim, c, start, mode);

  const views = 1 + rng.poisson(1.3);
  let firstView: TSimEvent | undefined;
  let lastView: TSimEvent | undefined;
  for (let i = 0; i < views; i++) {
    const duration = rng.logNormal(55, 0.7);
    const raw = app
      ? i === 0 && rng.chance(0.4)
        ? 'App: search'
        : 'App: product viewed'
      : i === 0
        ? rng.pick(['site_search', 'browse_category', 'view_product'])
        : 'view_product';
    lastView = sim.emit(c, app ? 'browse-app' : 'browse-web', raw, t, {
      channel: app ? 'app' : 'web',
      duration,
      cost: 0.01,
    });
    firstView ??= lastView;
    t += duration * SECOND + rng.int(3, 40) * SECOND;
  }
  if (rng.chance(RATES.dropAfterBrowse)) {
    // The journey stops in Interest, entered at the first product view.
    if (firstView !== undefined && lastView !== undefined) sim.dropOff(lastView, firstView.t);
    return;
  }

  let lastCart: TSimEvent | undefined;
  const adds = 1 + rng.poisson(0.5);
  for (let i = 0; i < adds; i++) {
    const raw = app ? 'App: added to basket' : rng.chance(0.1) ? 'cart_add_bundle' : 'cart_add';
    lastCart = sim.emit(c, app ? 'app-basket' : 'add-to-cart', raw, t, {
      channel: app ? 'app' : 'web',
      duration: rng.int(2, 15),
    });
    t += rng.int(20, 180) * SECOND;
  }
  if (lastCart !== undefined && rng.chance(RATES.cartAbandoned)) {
    // Abandoned outcome and the last step of a journey stopped in Intent: one occurrence.
    lastCart.outcome = 'abandoned';
    sim.seed('abandonment', lastCart);
    return;
  }
  if (rng.chance(RATES.checkoutLater)) t = laterDay(rng, t, rng.int(1, 3), 'online');

  if (!app) t = identify(sim, c, t);

  // Checkout and payment.
  const channel = app ? 'app' : 'web';
  const first = sim.emit(c, 'checkout', app ? 'App: checkout' : 'checkout_start', t, {
    channel,
    duration: rng.int(20, 120),
  });
  if (rng.chance(RATES.checkoutAbandoned)) {
    first.outcome = 'abandoned';
    sim.seed('abandonment', first);
    return;
  }
  t += (first.duration + rng.int(5, 30)) * SECOND;
  if (!app) {
    const submit = sim.emit(c, 'checkout', 'checkout_submit', t, {
      channel,
      duration: rng.int(30, 200),
    });
    t += submit.duration * SECOND;
  }
  const failRate =
    customer.needsAccount || customer.segment === 'new'
      ? RATES.paymentFailureNew
      : RATES.paymentFailure;
  const paymentT = pay(sim, c, t, channel, failRate);
  if (paymentT === null) return;
  confirm(sim, c, paymentT);
  if (mode === 'collect') fulfilCollect(sim, c, paymentT);
  else afterPurchase(sim, c, fulfilHome(sim, c, paymentT), false);
}

/** Login (with a seeded failure and password-reset loop) or, for a first order, a new account. */
function identify(sim: CustomerSim, c: TCase, t: number): number {
  const { rng, customer } = sim;
  if (customer.needsAccount) {
    customer.needsAccount = false;
    sim.emit(c, 'account-signup', 'Account created', t, { duration: rng.int(60, 240) });
    return t + rng.int(70, 260) * SECOND;
  }
  if (!rng.chance(RATES.login)) return t;
  let failed: TSimEvent | undefined;
  if (rng.chance(RATES.loginFailure)) {
    failed = sim.emit(c, 'login', 'Login', t, { outcome: 'failed', duration: rng.int(10, 40) });
    sim.seed('failure', failed);
    sim.incident('loginFailure', t);
    t += rng.int(30, 90) * SECOND;
    sim.emit(c, 'password-reset', 'Password reset requested', t, {
      duration: rng.int(30, 200),
      cost: 0.02,
    });
    t += rng.int(60, 400) * SECOND;
  }
  const login = sim.emit(c, 'login', 'Login', t, { duration: rng.int(5, 25) });
  // After the reset the customer is back at the login page, not straight after it: a loop.
  if (failed !== undefined) sim.seed('loop', login);
  return t + rng.int(10, 60) * SECOND;
}

/** Payment with a seeded failure; a retry goes back through checkout. Null: no purchase. */
function pay(
  sim: CustomerSim,
  c: TCase,
  t: number,
  channel: 'web' | 'app',
  failRate: number,
): number | null {
  const { rng } = sim;
  // Half the time the payment service logs in the same second as the submit: input order decides.
  const at = rng.chance(0.5) ? t : t + rng.int(1, 6) * SECOND;
  if (rng.chance(failRate)) {
    const failed = sim.emit(c, 'payment', 'payment_authorisation', at, {
      channel,
      outcome: 'failed',
      duration: rng.int(3, 20),
      cost: 0.3,
    });
    sim.seed('failure', failed);
    sim.incident('paymentFailure', at);
    if (!rng.chance(RATES.paymentRetry)) return null;
    // The retry goes back through checkout, then payment: each revisits a touchpoint the
    // journey left (payment came between the two checkouts), so both are loops.
    const retry = at + rng.int(40, 240) * SECOND;
    const back = sim.emit(
      c,
      'checkout',
      channel === 'app' ? 'App: checkout' : 'checkout_submit',
      retry,
      { channel, duration: rng.int(20, 90) },
    );
    sim.seed('loop', back);
    const again = retry + rng.int(25, 100) * SECOND;
    const paid = sim.emit(c, 'payment', 'payment_authorisation', again, {
      channel,
      duration: rng.int(3, 20),
      cost: 0.3,
    });
    sim.seed('loop', paid);
    return again;
  }
  sim.emit(c, 'payment', 'payment_authorisation', at, {
    channel,
    duration: rng.int(3, 20),
    cost: 0.3,
  });
  return at;
}

function confirm(sim: CustomerSim, c: TCase, paymentT: number): void {
  const { rng } = sim;
  c.converted = true;
  if (rng.chance(RATES.orderConfirmationMissing)) return;
  const at = rng.chance(0.4) ? paymentT : paymentT + rng.int(2, 30) * SECOND;
  sim.emit(c, 'order-confirmation', 'Order confirmation sent', at, { cost: 0.01 });
  if (rng.chance(RATES.orderQuestion)) sim.incident('orderQuestion', at + rng.int(1, 120) * HOUR);
}

function storePurchase(sim: CustomerSim, c: TCase, start: number): void {
  const { rng, customer } = sim;
  let t = start;
  if (rng.chance(RATES.awarenessTouch * 0.6)) {
    const lead = laterDay(rng, start - rng.int(0, 3) * DAY, 0, 'online');
    // The whole touch (a newsletter click comes up to two minutes after opening it) happens
    // before the visit it leads to; one that would end inside the visit is left out.
    if (lead + 2 * MINUTE < start) awareness(sim, c, lead, 'store');
  }
  const visit = sim.emit(c, 'store-visit', 'Store visit', t, {
    channel: 'store',
    duration: rng.logNormal(1500, 0.5),
  });
  if (rng.chance(RATES.storeNoPurchase)) {
    // Looked around and left: the journey stops in Interest, entered at this visit.
    sim.dropOff(visit, visit.t);
    return;
  }
  t += visit.duration * SECOND;
  const raw = POS_RAW[String(customer.attributes.country)] ?? 'POS sale';
  const wait = rng.logNormal(80, 0.8) * queueFactor(t);
  if (rng.chance(RATES.posDeclined)) {
    const declined = sim.emit(c, 'store-checkout', raw, t, {
      outcome: 'failed',
      wait,
      duration: rng.int(30, 90),
      cost: 0.4,
    });
    // The second try at the same till follows directly: a failure, not a loop.
    sim.seed('failure', declined);
    sim.incident('paymentFailure', t);
    t += rng.int(60, 150) * SECOND;
    sim.emit(c, 'store-checkout', raw, t, { duration: rng.int(30, 90), cost: 0.4 });
  } else {
    sim.emit(c, 'store-checkout', raw, t, { wait, duration: rng.int(40, 150), cost: 0.4 });
  }
  c.converted = true;
  afterPurchase(sim, c, t + 2 * HOUR, true);
}

function businessOrder(sim: CustomerSim, c: TCase, start: number): void {
  const { rng } = sim;
  const requested = sim.emit(c, 'b2b-quote', 'Quote requested', start, {
    duration: rng.int(120, 900),
    cost: 2.5,
  });
  const quoted = start + rng.uniform(4, 48) * HOUR;
  const sent = sim.emit(c, 'b2b-quote', 'Quote sent', quoted, {
    duration: rng.int(600, 3600),
    cost: 12,
  });
  if (rng.chance(RATES.quoteNotAccepted)) {
    // No order: the journey stops in Intent, entered when the quote was requested.
    sim.dropOff(sent, requested.t);
    return;
  }
  const ordered = laterDay(rng, quoted, rng.int(1, 10), 'office');
  sim.emit(c, 'b2b-order', 'Purchase order received', ordered, {
    duration: rng.int(60, 600),
    cost: 4,
  });
  const invoiced = rng.chance(0.2) ? ordered : ordered + rng.int(1, 45) * MINUTE;
  sim.emit(c, 'invoice', 'Invoice issued', invoiced, { cost: 1.2 });
  c.converted = true;
  if (rng.chance(RATES.invoiceQuestion)) sim.incident('invoice', invoiced + rng.int(5, 20) * DAY);
  const delivered = fulfilHome(sim, c, invoiced);
  if (delivered !== null && rng.chance(RATES.assemblyBusiness)) assemblyVisit(sim, c, delivered);
}
