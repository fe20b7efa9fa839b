/**
 * The incremental moment-of-truth rules, case by case: what fires where, what instants tie,
 * what a late event does, and that the state stays bounded. (That they fire exactly what the
 * batch analysis finds is src/service/triggers/moment-replay.test.ts.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateWorkspace } from '../model/workspace.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import { triggerModel, US_PER_DAY } from './moment-trigger-model.js';
import {
  emptyTriggerState,
  evaluateBatch,
  pruneTriggerState,
  type TTriggerEvent,
  type TTriggerState,
} from './moment-triggers.js';

function workspace(moments: unknown[], extra: Record<string, unknown> = {}): TWorkspace {
  const result = validateWorkspace({
    name: 'Rules',
    settings: { inactivityGapDays: 2 },
    teams: [{ id: 'care', name: 'Care' }],
    touchpoints: [
      {
        id: 'pay',
        name: 'Pay',
        stage: 'Purchase',
        channel: 'web',
        owner: 'care',
        activities: ['pay'],
      },
      {
        id: 'ship',
        name: 'Ship',
        stage: 'Fulfilment',
        channel: 'mail',
        owner: 'care',
        activities: ['ship'],
      },
      {
        id: 'call',
        name: 'Call',
        stage: 'Support',
        channel: 'phone',
        owner: 'care',
        activities: ['call'],
      },
      {
        id: 'chat',
        name: 'Chat',
        stage: 'Support',
        channel: 'chat',
        owner: 'care',
        activities: ['/^chat/i'],
      },
    ],
    momentsOfTruth: moments,
    ...extra,
  });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.workspace;
}

const DAY = US_PER_DAY;
let seq = 0;
const ev = (
  customerId: string,
  day: number,
  activity: string,
  more: Partial<TTriggerEvent> = {},
): TTriggerEvent => ({
  seq: ++seq,
  customerId,
  caseId: null,
  tsUs: Math.round(day * DAY),
  activity,
  channel: null,
  reason: null,
  ...more,
});

/** Evaluates batches in turn; returns `moment:seq` per batch. */
function run(ws: TWorkspace, batches: TTriggerEvent[][], state?: TTriggerState) {
  const model = triggerModel(ws);
  const s = state ?? emptyTriggerState(model);
  return {
    fired: batches.map((b) =>
      evaluateBatch(model, s, b).map((f) => `${f.moment.id}:${f.step.seq}`),
    ),
    state: s,
  };
}

describe('rules', () => {
  it('nthOccurrence fires on the n-th step at the touchpoint, over batches, once', () => {
    const ws = workspace([
      { id: 'third-call', name: 'x', rule: { kind: 'nthOccurrence', touchpoint: 'call', n: 3 } },
    ]);
    const a = [ev('c1', 1, 'call'), ev('c2', 1, 'call'), ev('c1', 2, 'pay'), ev('c1', 3, 'call')];
    const b = [ev('c1', 4, 'call'), ev('c1', 5, 'call')];
    const { fired, state } = run(ws, [a, b]);
    expect(fired).toEqual([[], [`third-call:${b[0]?.seq}`]]);
    // Counts stop at n: nothing more to remember per customer.
    expect(state.counts.get('rule:third-call')).toEqual(
      new Map([
        ['c1', 3],
        ['c2', 1],
      ]),
    );
  });

  it('contactsWithin counts contacts at the same instant together, as the engine does', () => {
    const ws = workspace([
      { id: 'two', name: 'x', rule: { kind: 'contactsWithin', count: 2, withinDays: 1 } },
    ]);
    const tie = [ev('c1', 10, 'call', { reason: 'a' }), ev('c1', 10, 'chat', { reason: 'b' })];
    const { fired } = run(ws, [tie]);
    expect(fired).toEqual([[`two:${tie[0]?.seq}`, `two:${tie[1]?.seq}`]]);
  });

  it('contactsWithin: the window includes its start, contacts are reasons unless listed', () => {
    const byReason = workspace([
      { id: 'two', name: 'x', rule: { kind: 'contactsWithin', count: 2, withinDays: 1 } },
    ]);
    const events = [
      ev('c1', 1, 'call', { reason: 'a' }),
      ev('c1', 1.5, 'call'), // no reason: not a contact
      ev('c1', 2, 'chat-bot', { reason: 'b' }), // exactly one day later: in the window
      ev('c1', 3.01, 'pay', { reason: 'c' }),
    ];
    expect(run(byReason, [events]).fired).toEqual([[`two:${events[2]?.seq}`]]);
    const byTouchpoint = workspace(
      [{ id: 'two', name: 'x', rule: { kind: 'contactsWithin', count: 2, withinDays: 1 } }],
      { friction: { contactTouchpoints: ['call'] } },
    );
    expect(run(byTouchpoint, [events]).fired).toEqual([[`two:${events[1]?.seq}`]]);
    const onPhone = workspace([
      {
        id: 'two',
        name: 'x',
        rule: {
          kind: 'contactsWithin',
          count: 2,
          withinDays: 1,
          channel: 'phone',
          stage: 'Support',
        },
      },
    ]);
    const phone = [
      ev('c2', 1, 'chat', { reason: 'a', channel: 'phone' }),
      ev('c2', 1.2, 'call', { reason: 'b' }),
    ];
    expect(run(onPhone, [phone]).fired).toEqual([[`two:${phone[1]?.seq}`]]);
  });

  it('firstAfter fires once per journey; a gap longer than the setting starts a new one', () => {
    const ws = workspace([
      { id: 'shipped', name: 'x', rule: { kind: 'firstAfter', touchpoint: 'ship', after: 'pay' } },
    ]);
    const events = [
      ev('c1', 0, 'ship'), // before any payment
      ev('c1', 1, 'pay'),
      ev('c1', 2, 'ship'), // fires
      ev('c1', 3, 'pay'),
      ev('c1', 4, 'ship'), // not again in this journey
      ev('c1', 6, 'ship'), // exactly two days later: the same journey
      ev('c1', 8.5, 'pay'), // more than two days: a new journey
      ev('c1', 9, 'ship'), // fires
      ev('c2', 1, 'pay', { caseId: 'k1' }),
      ev('c2', 30, 'ship', { caseId: 'k1' }), // a case id keeps its journey whatever the gap
    ];
    expect(run(ws, [events]).fired).toEqual([
      [`shipped:${events[2]?.seq}`, `shipped:${events[7]?.seq}`, `shipped:${events[9]?.seq}`],
    ]);
  });

  it('a touchpoint flagged momentOfTruth fires at every step there', () => {
    const ws = workspace([]);
    ws.touchpoints[0] = { ...ws.touchpoints[0]!, momentOfTruth: true };
    const events = [ev('c1', 1, 'pay'), ev('c1', 2, 'call'), ev('c2', 2, 'pay')];
    expect(run(ws, [events]).fired).toEqual([[`pay:${events[0]?.seq}`, `pay:${events[2]?.seq}`]]);
  });

  it('evaluates a batch in time order, then seq, whatever order it arrives in', () => {
    const ws = workspace([
      { id: 'second', name: 'x', rule: { kind: 'nthOccurrence', touchpoint: 'call', n: 2 } },
    ]);
    const later = ev('c1', 5, 'call');
    const earlier = ev('c1', 4, 'call');
    const first = ev('c1', 1, 'call');
    expect(run(ws, [[later, earlier, first]]).fired).toEqual([[`second:${earlier.seq}`]]);
  });
});

describe('late events', () => {
  it('are evaluated once, on arrival, against the state; earlier verdicts stand', () => {
    const ws = workspace([
      { id: 'second', name: 'x', rule: { kind: 'nthOccurrence', touchpoint: 'call', n: 2 } },
      { id: 'two', name: 'x', rule: { kind: 'contactsWithin', count: 2, withinDays: 3 } },
    ]);
    const first = ev('c1', 10, 'call', { reason: 'a' });
    const late = ev('c1', 8, 'call', { reason: 'b' }); // arrives after, happened before
    const { fired } = run(ws, [[first], [late]]);
    // The batch analysis would make the day-10 call the second call and the second contact
    // within 3 days. The stream makes the late call the second call (counted on arrival); its
    // own window (days 5-8) holds one contact, and the day-10 call is not evaluated again.
    expect(fired).toEqual([[], [`second:${late.seq}`]]);
  });

  it('older than the kept window see only the contacts still kept', () => {
    const ws = workspace([
      { id: 'two', name: 'x', rule: { kind: 'contactsWithin', count: 2, withinDays: 1 } },
    ]);
    const model = triggerModel(ws, { slackDays: 0 });
    const state = emptyTriggerState(model);
    evaluateBatch(model, state, [
      ev('c1', 1, 'call', { reason: 'a' }),
      ev('c1', 5, 'call', { reason: 'a' }),
    ]);
    // The day-1 contact was dropped (more than the window before day 5): a late day-1.5
    // contact finds no partner.
    expect(evaluateBatch(model, state, [ev('c1', 1.5, 'call', { reason: 'a' })])).toEqual([]);
  });
});

describe('state', () => {
  it('stays bounded: contacts, journeys without a case id and idle cases are dropped', () => {
    const ws = workspace([
      { id: 'two', name: 'x', rule: { kind: 'contactsWithin', count: 2, withinDays: 1 } },
      { id: 'shipped', name: 'x', rule: { kind: 'firstAfter', touchpoint: 'ship', after: 'pay' } },
    ]);
    const model = triggerModel(ws, { caseHorizonDays: 30, slackDays: 0 });
    const state = emptyTriggerState(model);
    for (let day = 0; day < 100; day++) {
      evaluateBatch(model, state, [
        ev(`c${day}`, day, 'call', { reason: 'a' }),
        ev(`c${day}`, day + 0.1, 'pay'),
        ev(`k${day}`, day, 'pay', { caseId: `case-${day}` }),
      ]);
    }
    pruneTriggerState(model, state);
    // The clock is day 99.1; the window is a day, the gap two days, the case horizon 30 days.
    expect([...(state.contacts.get('rule:two')?.keys() ?? [])]).toEqual(['c99']);
    expect([...state.caseless.keys()]).toEqual(['c97', 'c98', 'c99']);
    // The open journeys of c97-c99, and the cases of days 70-99.
    expect(state.journeys.get('rule:shipped')?.size).toBe(3 + 30);
  });

  it('pruning never changes what fires for events in time order', () => {
    const ws = workspace([
      { id: 'two', name: 'x', rule: { kind: 'contactsWithin', count: 2, withinDays: 0.5 } },
      { id: 'shipped', name: 'x', rule: { kind: 'firstAfter', touchpoint: 'ship', after: 'pay' } },
      { id: 'third', name: 'x', rule: { kind: 'nthOccurrence', touchpoint: 'call', n: 3 } },
    ]);
    const model = triggerModel(ws, { slackDays: 0 });
    const event = fc.record({
      customer: fc.constantFrom('a', 'b', 'c'),
      gapHours: fc.integer({ min: 0, max: 80 }),
      activity: fc.constantFrom('pay', 'ship', 'call', 'chat'),
      reason: fc.option(fc.constant('r'), { nil: null }),
      caseId: fc.option(fc.constantFrom('k1', 'k2'), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(event, { maxLength: 6 }), { maxLength: 30 }), (batches) => {
        let hours = 0;
        let n = 0;
        const stream = batches.map((b) =>
          b.map((e) => {
            hours += e.gapHours;
            return {
              seq: ++n,
              customerId: e.customer,
              caseId: e.caseId,
              tsUs: hours * 3_600_000_000,
              activity: e.activity,
              channel: null,
              reason: e.reason,
            };
          }),
        );
        const pruned = emptyTriggerState(model);
        const kept = emptyTriggerState(model);
        for (const b of stream) {
          const a = evaluateBatch(model, pruned, b).map((f) => `${f.moment.key}@${f.step.seq}`);
          pruneTriggerState(model, pruned);
          kept.prunedAtUs = Infinity; // never prunes on its own
          const k = evaluateBatch(model, kept, b).map((f) => `${f.moment.key}@${f.step.seq}`);
          expect(a).toEqual(k);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
