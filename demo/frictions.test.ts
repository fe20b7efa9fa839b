import { describe, expect, test } from 'vitest';
import { DAY, MINUTE, PERIOD_START } from './calendar.js';
import { makeCustomer } from './customers.js';
import { detectFrictions } from './frictions.js';
import { Rng } from './prng.js';
import { CustomerSim } from './simulation.js';

/** One customer's hand-made history with every friction kind in it, in output order. */
function history(): CustomerSim {
  const sim = new CustomerSim(new Rng(1), makeCustomer(new Rng(1), 0));
  const t0 = PERIOD_START + 10 * DAY;
  const late = 'delivery/late';
  const p = sim.openCase('purchase', 'online-purchase');
  sim.emit(p, 'checkout', 'checkout_start', t0 - DAY);
  sim.emit(p, 'payment', 'payment_authorisation', t0 - DAY + MINUTE, { outcome: 'failed' });
  sim.emit(p, 'checkout', 'checkout_submit', t0 - DAY + 2 * MINUTE); // loop
  sim.emit(p, 'payment', 'payment_authorisation', t0 - DAY + 3 * MINUTE); // loop
  const s1 = sim.openCase('support', 'chat-support');
  sim.emit(s1, 'live-chat', 'Chat with agent', t0, { reason: late, wait: 30 });
  sim.emit(s1, 'carrier-desk', 'Delivery desk call', t0 + 20 * MINUTE); // hand-off
  sim.emit(s1, 'phone-agent', 'call_transfer', t0 + 40 * MINUTE); // hand-off
  sim.emit(s1, 'carrier-desk', 'Delivery desk call', t0 + 50 * MINUTE); // hand-off, loop
  const s2 = sim.openCase('support', 'phone-support');
  sim.emit(s2, 'phone-agent', 'call_inbound', t0 + 3 * DAY, { reason: late, wait: 400 }); // repeat, switch, wait
  const s3 = sim.openCase('support', 'chat-support');
  sim.emit(s3, 'live-chat', 'Chat with agent', t0 + 10 * DAY, { reason: late }); // repeat (7 days), switch
  const s4 = sim.openCase('support', null);
  sim.emit(s4, 'email-ticket', 'Email ticket answered', t0 + 17 * DAY + MINUTE, { reason: late }); // > 7 days
  const r = sim.openCase('support', 'return-and-refund');
  sim.emit(r, 'help-centre', 'help_article/returns', t0 + 30 * DAY);
  sim.emit(r, 'return-received', 'Return received at warehouse', t0 + 34 * DAY); // backstage
  sim.emit(r, 'refund', 'Refund issued', t0 + 36 * DAY); // not a hand-off: backstage between
  return sim;
}

describe('detectFrictions', () => {
  const sim = history();
  const { hits, pingPongCases, variants } = detectFrictions(sim.events);
  const count = (kind: string) => hits.filter((h) => h.kind === kind).length;

  test('counts each kind by its definition', () => {
    expect({
      repeatContact: count('repeatContact'),
      channelSwitch: count('channelSwitch'),
      wait: count('wait'),
      failure: count('failure'),
      loop: count('loop'),
      handoff: count('handoff'),
      abandonment: count('abandonment'),
    }).toEqual({
      repeatContact: 2,
      channelSwitch: 2,
      wait: 1,
      failure: 1,
      loop: 3,
      handoff: 3,
      abandonment: 0,
    });
  });

  test('names the channel and team pairs and finds the ping-pong case', () => {
    expect(hits.filter((h) => h.kind === 'channelSwitch').map((h) => h.pair)).toEqual([
      'chat>phone',
      'phone>chat',
    ]);
    expect(hits.filter((h) => h.kind === 'handoff').map((h) => h.pair)).toEqual([
      'customer-service>logistics',
      'logistics>customer-service',
      'customer-service>logistics',
    ]);
    expect(pingPongCases).toEqual([sim.cases[1]?.id]);
  });

  test('counts the broader readings: any-reason switches, team changes in every stage', () => {
    expect(variants).toEqual({
      channelSwitchAnyReason: 2,
      teamChanges: 8,
      casesWithPingPongMinTeamChanges: 2,
    });
  });
});
