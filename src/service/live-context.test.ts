/** The live context of routing on a real in-process DuckDB store, with a fixed clock. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateWorkspace } from '../model/workspace.js';
import type { TWorkspace, TWorkspaceInput } from '../model/workspace-schema.js';
import { sql } from '../query/sql.js';
import type { TStore } from '../store/store.js';
import { LiveContext, type TLiveEvent } from './live-context.js';
import { memoryLogger } from '../server/log.js';
import { openStore } from './workspace-store.js';

const NOW = Date.parse('2026-06-30T12:00:00Z');
const DAY = 86_400_000;

function workspace(extra: Partial<TWorkspaceInput> = {}): TWorkspace {
  const result = validateWorkspace({
    name: 'Live',
    segments: [
      { id: 'gold', name: 'Gold', rule: { attribute: 'ltv', op: 'gte', value: 1000 } },
      { id: 'young', name: 'Young', rule: { attribute: 'age', op: 'lt', value: 30 } },
    ],
    teams: [{ id: 'care', name: 'Care' }],
    touchpoints: [
      {
        id: 'call',
        name: 'Call',
        stage: 'Support',
        channel: 'phone',
        owner: 'care',
        activities: ['call'],
      },
      {
        id: 'faq',
        name: 'FAQ',
        stage: 'Support',
        channel: 'web',
        owner: 'care',
        activities: ['/^faq/'],
      },
    ],
    contactReasons: [{ id: 'order', name: 'Order' }],
    ...extra,
  });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.workspace;
}

let store: TStore;
let session: TStore;
let live: LiveContext;
let clock = NOW;
const log = memoryLogger();

async function event(
  seq: number,
  customer: string,
  daysAgo: number,
  activity: string,
  reason: string | null,
  outcome = 'ok',
) {
  await store.exec(sql`INSERT INTO events (seq, import_id, customer_id, ts, activity, channel, outcome, reason)
    VALUES (${seq}, 1, ${customer}, to_timestamp(${(NOW - daysAgo * DAY) / 1000}), ${activity}, NULL, ${outcome}, ${reason})`);
}

const published = (
  seq: number,
  customer: string,
  daysAgo: number,
  reason: string | null,
  activity = 'call',
): TLiveEvent => ({
  seq,
  customerId: customer,
  ts: new Date(NOW - daysAgo * DAY),
  activity,
  channel: null,
  outcome: 'ok',
  reason,
});

beforeEach(async () => {
  clock = NOW;
  store = await openStore(':memory:');
  session = await store.fork();
  live = new LiveContext({ session, now: () => clock, log, chunks: 3, maxContacts: 4 });
  await store.exec(sql`INSERT INTO customers VALUES ('a', 1, '{"ltv": "1500"}'), ('b', 1, '{"age": 25}'),
    ('c', 1, '{"ltv": "n/a"}')`);
  await event(1, 'a', 40, 'call', 'order');
  await event(2, 'a', 20, 'call', 'order', 'failed');
  await event(3, 'a', 1, 'faq-page', 'order');
  await event(4, 'b', 3, 'checkout', null);
  await event(5, 'b', 2, 'call', 'order');
});
afterEach(async () => {
  await session.close();
  await store.close();
});

describe('the live context', () => {
  it('loads segments by the rules and the contacts of the window, channels from the touchpoints', async () => {
    await live.load(workspace());
    expect(['a', 'b', 'c', 'z'].map((id) => live.segmentOf(id))).toEqual([
      { known: true, segment: 'gold' },
      { known: true, segment: 'young' },
      { known: true, segment: null },
      { known: false, segment: null },
    ]);
    expect(live.earlier('a')).toEqual([
      { ts: NOW - 20 * DAY, reason: 'order', channel: 'phone', outcome: 'failed' },
      { ts: NOW - 1 * DAY, reason: 'order', channel: 'web', outcome: 'ok' },
    ]);
    expect(live.earlier('b').map((c) => c.channel)).toEqual(['phone']);
    expect(live.stats()).toEqual({ customers: 3, customersWithContacts: 2, contacts: 3 });
  });

  it('counts only contact touchpoints when the workspace lists them', async () => {
    await live.load(workspace({ friction: { contactTouchpoints: ['call'] } }));
    expect(live.earlier('a').map((c) => c.ts)).toEqual([NOW - 20 * DAY]);
    live.apply([published(10, 'a', 0.5, null, 'faq-x'), published(11, 'a', 0.2, null, 'call')]);
    expect(live.earlier('a').map((c) => [c.ts, c.reason])).toEqual([
      [NOW - 20 * DAY, 'order'],
      [NOW - 0.2 * DAY, null],
    ]);
  });

  it('keeps contacts in time order, drops those that left the window, and keeps at most the newest few', async () => {
    await live.load(workspace());
    live.apply([
      published(10, 'b', 1, 'order'),
      published(11, 'b', 5, 'order'),
      published(12, 'b', 31, 'order'),
    ]);
    expect(live.earlier('b').map((c) => (NOW - c.ts) / DAY)).toEqual([5, 2, 1]);
    live.apply([published(13, 'b', 0.5, 'order'), published(14, 'b', 0.1, 'order')]);
    expect(live.earlier('b').map((c) => (NOW - c.ts) / DAY)).toEqual([2, 1, 0.5, 0.1]);
    // Ten days later the sweep drops what is older than 30 days, and customers left empty.
    clock = NOW + 19.5 * DAY;
    expect(await live.prune(1)).toBe(1);
    expect(live.earlier('a')).toEqual([
      { ts: NOW - DAY, reason: 'order', channel: 'web', outcome: 'ok' },
    ]);
    clock = NOW + 40 * DAY;
    await live.prune();
    expect(live.stats()).toMatchObject({ customersWithContacts: 0, contacts: 0 });
  });

  it('reloads when the window grows, without losing or doubling batches that arrive meanwhile', async () => {
    await live.load(workspace());
    expect(live.earlier('a')).toHaveLength(2);
    const reload = live.load(workspace({ friction: { repeatContact: { withinDays: 60 } } }));
    // Committed before the reload's snapshot (seq 6, also in the store) and after it (seq 7).
    await event(6, 'c', 1, 'call', 'order');
    live.apply([published(6, 'c', 1, 'order'), published(7, 'c', 0.5, 'order')]);
    await reload;
    expect(live.earlier('a')).toHaveLength(3);
    expect(live.earlier('c').map((c) => (NOW - c.ts) / DAY)).toEqual([1, 0.5]);
  });

  it('picks up customers imported later, and re-reads everyone when the segment rules change', async () => {
    await live.load(workspace());
    await store.exec(sql`INSERT INTO customers VALUES ('d', 2, '{"ltv": 2000}')`);
    expect(await live.refreshCustomers(workspace())).toBe(1);
    expect(live.segmentOf('d')).toEqual({ known: true, segment: 'gold' });
    expect(await live.refreshCustomers(workspace())).toBe(0);
    await live.load(workspace({ segments: [{ id: 'everyone', name: 'Everyone' }] }));
    expect(['a', 'c', 'd'].map((id) => live.segmentOf(id).segment)).toEqual([
      'everyone',
      'everyone',
      'everyone',
    ]);
  });
});
