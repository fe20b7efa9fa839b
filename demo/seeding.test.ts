import { describe, expect, test } from 'vitest';
import { DAY, HOUR, MINUTE, PERIOD_END, PERIOD_START } from './calendar.js';
import { makeCustomer } from './customers.js';
import { Episode } from './episode.js';
import { Rng } from './prng.js';
import { SeededTally } from './seeded-tally.js';
import { CustomerSim, type TSimEvent } from './simulation.js';

const newSim = (i = 0): CustomerSim =>
  new CustomerSim(new Rng(1, i), makeCustomer(new Rng(1, i), i));
/** The seeds as `type step pair`, the step being its position in the customer's output. */
const seedsOf = (sim: CustomerSim): string[] =>
  sim.seeds.map((s) => `${s.type} ${sim.events.indexOf(s.event)} ${s.pair}`.trim());

describe('contact history', () => {
  test('seeds repeats and switches per reason, re-judging a contact that gets a new predecessor', () => {
    const sim = newSim();
    const t0 = PERIOD_START + 10 * DAY;
    const late = 'delivery/late';
    const a = sim.openCase('support', null);
    const contact = (c: typeof a, tp: string, activity: string, t: number, reason = late) =>
      sim.contact(sim.emit(c, tp, activity, t, { reason }));
    contact(a, 'live-chat', 'Chat with agent', t0);
    contact(a, 'phone-agent', 'call_inbound', t0 + 3 * DAY); // repeat, switch chat>phone
    // An overlapping episode, generated later, lands between the two: it is a repeat and a
    // switch, and the call after it now switches from e-mail.
    const b = sim.openCase('support', null);
    contact(b, 'email-ticket', 'Email ticket answered', t0 + DAY);
    contact(b, 'phone-agent', 'call_inbound', t0 + 3 * DAY + HOUR, 'order/track'); // other reason
    const c = sim.openCase('support', null);
    contact(c, 'live-chat', 'Chat with agent', t0 + 20 * DAY); // more than 7 days later
    contact(c, 'live-chat', 'Chat with agent', t0 + 27 * DAY); // exactly 7 days: a repeat
    sim.finish();
    expect(seedsOf(sim)).toEqual([
      'repeat_contact 1',
      'channel_switch 1 chat>email',
      'repeat_contact 2',
      'channel_switch 2 email>phone',
      'repeat_contact 5',
    ]);
  });
});

describe('episode route', () => {
  test('seeds loops, hand-offs and one ping-pong from the moves it makes', () => {
    const sim = newSim();
    const ep = new Episode(sim, sim.openCase('support', null));
    let t = PERIOD_START + 40 * DAY;
    const go = (tp: string, activity: string): TSimEvent => ep.step(tp, activity, (t += MINUTE));
    go('help-centre', 'help_article/returns');
    go('help-centre', 'help_article/track-order'); // the same touchpoint again: no loop
    go('phone-ivr', 'IVR menu');
    go('phone-agent', 'call_inbound');
    go('phone-agent', 'call_callback'); // directly after itself: no loop
    go('carrier-desk', 'Delivery desk call'); // hand-off
    go('phone-agent', 'call_transfer'); // hand-off back, loop, ping-pong
    go('phone-ivr', 'IVR menu'); // loop
    go('return-received', 'Return received at warehouse'); // backstage
    go('refund', 'Refund issued'); // after a backstage step: no hand-off
    sim.finish();
    expect(seedsOf(sim)).toEqual([
      'handoff 5 customer-service>logistics',
      'loop 6',
      'handoff 6 logistics>customer-service',
      'loop 7',
    ]);
    expect(sim.pingPongs.map((e) => e.activity)).toEqual(['call_transfer']);
  });

  test('refuses a step outside the hand-off stages', () => {
    const sim = newSim();
    const ep = new Episode(sim, sim.openCase('support', null));
    expect(() => ep.step('checkout', 'checkout_start', PERIOD_START + DAY)).toThrow(/checkout/);
  });
});

describe('customer record', () => {
  test('a step is one occurrence of a type; seeds outside the extract leave the record', () => {
    const sim = newSim();
    const c = sim.openCase('purchase', 'online-purchase');
    const failed = sim.emit(c, 'payment', 'payment_authorisation', PERIOD_START + DAY, {
      outcome: 'failed',
    });
    sim.seed('failure', failed);
    expect(() => sim.seed('failure', failed)).toThrow(/twice/);
    const late = sim.emit(c, 'delivery', 'carrier:delivered', PERIOD_END + HOUR, {
      wait: 400_000, // above the 72-hour level: a wait, seeded by emit, but after the period
    });
    expect(sim.seeds.map((s) => s.type)).toEqual(['failure', 'wait']);
    sim.finish();
    expect(sim.seeds.map((s) => s.event)).toEqual([failed]);
    expect(sim.events).not.toContain(late);
    expect(c.truncated).toBe(true);
  });
});

describe('SeededTally', () => {
  test('judges drop-offs against the end of the data, counting a step and a customer once', () => {
    const tally = new SeededTally();
    const a = newSim(1);
    const browse = a.openCase('purchase', 'online-purchase');
    const dec1 = PERIOD_END - 31 * DAY;
    const view = a.emit(browse, 'browse-web', 'view_product', dec1);
    a.dropOff(view, view.t); // 9 days of data after it so far: still open
    const cart = a.openCase('purchase', 'online-purchase');
    const dropped = a.emit(cart, 'add-to-cart', 'cart_add', dec1 + 9 * DAY, {
      outcome: 'abandoned',
    });
    a.seed('abandonment', dropped);
    a.dropOff(dropped, dropped.t); // also the journey's last step: the same occurrence
    a.finish();
    tally.add(a);
    const abandonment = () => tally.kinds.abandonment;
    expect([abandonment().occurrences, abandonment().customers]).toEqual([1, 1]);

    const b = newSim(2);
    const visit = b.openCase('purchase', 'store-purchase');
    const late = b.emit(visit, 'store-visit', 'Store visit', PERIOD_END - 5 * DAY);
    b.dropOff(late, late.t); // can never be judged: the data ends within 14 days of it
    b.emit(
      b.openCase('retention', null),
      'loyalty-reward',
      'Loyalty reward redeemed',
      PERIOD_END - HOUR,
    );
    b.finish();
    tally.add(b); // the data now reaches past 14 days after 1 December
    tally.finish();
    expect([abandonment().occurrences, abandonment().customers]).toEqual([2, 1]);
    expect(tally.seededFrictions()).toEqual([
      { type: 'abandonment', touchpoint: 'add-to-cart', customers: 1, occurrences: 1 },
      { type: 'abandonment', touchpoint: 'browse-web', customers: 1, occurrences: 1 },
    ]);
  });
});
