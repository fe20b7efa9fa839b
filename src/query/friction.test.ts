import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZFrictionRules } from '../model/workspace-schema.js';
import { openDuckDbStore } from '../store/duckdb/duckdb-store.js';
import type { TStore } from '../store/store.js';
import {
  createFriction,
  detectorsFor,
  frictionBreakdown,
  frictionSeries,
  frictionTotals,
  pingPongJourneys,
} from './friction.js';
import { raw, render, sql } from './sql.js';

// Journey steps as journeys.ts builds them, hand-written: customer, journey, seq, ts (day of
// January 2025, hour), touchpoint, stage, team, layer, channel, outcome, wait, reason.
type TStep = [
  string,
  string,
  number,
  string,
  string | null,
  string | null,
  string | null,
  string,
  string,
  string,
  number | null,
  string | null,
];
const STEPS: TStep[] = [
  // c1: three billing contacts in 10 days (phone, phone, chat): repeats and a switch.
  ['c1', 'j1', 1, '01 09', 'call', 'Support', 'care', 'frontstage', 'phone', 'ok', 400, 'billing'],
  ['c1', 'j1', 2, '03 09', 'call', 'Support', 'care', 'frontstage', 'phone', 'ok', 100, 'billing'],
  ['c1', 'j1', 3, '10 09', 'chat', 'Support', 'care', 'frontstage', 'chat', 'ok', 30, 'billing'],
  // c1: a delivery question 20 days later: no repeat (other reason), no switch.
  ['c1', 'j2', 4, '30 09', 'call', 'Support', 'care', 'frontstage', 'phone', 'ok', 50, 'delivery'],
  // c2: browse → cart → browse → browse (loop at 3, not at 4) → pay failed → pay abandoned.
  ['c2', 'j3', 5, '02 10', 'browse', 'Interest', 'web', 'frontstage', 'web', 'ok', null, null],
  ['c2', 'j3', 6, '02 11', 'cart', 'Intent', 'web', 'frontstage', 'web', 'ok', null, null],
  ['c2', 'j3', 7, '02 12', 'browse', 'Interest', 'web', 'frontstage', 'web', 'ok', null, null],
  ['c2', 'j3', 8, '02 13', 'browse', 'Interest', 'web', 'frontstage', 'web', 'ok', null, null],
  ['c2', 'j3', 9, '02 14', 'pay', 'Purchase', 'finance', 'frontstage', 'web', 'failed', null, null],
  [
    'c2',
    'j3',
    10,
    '02 15',
    'pay',
    'Purchase',
    'finance',
    'frontstage',
    'web',
    'abandoned',
    null,
    null,
  ],
  // c3: support ping-pong care → billing → care; an unmapped step in between is ignored.
  ['c3', 'j4', 11, '05 09', 'call', 'Support', 'care', 'frontstage', 'phone', 'ok', 700, null],
  [
    'c3',
    'j4',
    12,
    '05 10',
    'bill-desk',
    'Support',
    'billing',
    'frontstage',
    'phone',
    'ok',
    0,
    null,
  ],
  ['c3', 'j4', 13, '05 10', null, null, null, 'frontstage', 'phone', 'ok', null, null],
  ['c3', 'j4', 14, '05 11', 'call', 'Support', 'care', 'frontstage', 'phone', 'ok', 0, null],
  [
    'c3',
    'j4',
    15,
    '05 12',
    'back-office',
    'Support',
    'billing',
    'backstage',
    'phone',
    'ok',
    0,
    null,
  ],
];

const RULES = ZFrictionRules.parse({
  repeatContact: { count: 2, withinDays: 7, sameReason: true },
  channelSwitch: { withinDays: 7 },
  handoff: { pingPongMin: 3 },
  wait: { defaultSeconds: 600, serviceLevels: [{ touchpoint: 'call', seconds: 300 }] },
});

let store: TStore;
beforeAll(async () => {
  store = await openDuckDbStore({ path: ':memory:' });
  await store.exec(
    raw(`CREATE TABLE steps (customer_id VARCHAR, journey_id VARCHAR, seq BIGINT, ts TIMESTAMPTZ,
    touchpoint VARCHAR, stage VARCHAR, team VARCHAR, layer VARCHAR, channel VARCHAR, outcome VARCHAR,
    wait_s DOUBLE, reason VARCHAR, segment VARCHAR, pos INTEGER)`),
  );
  for (const [c, j, seq, day, tp, stage, team, layer, channel, outcome, w, reason] of STEPS) {
    const ts = `2025-01-${day.slice(0, 2)}T${day.slice(3)}:00:00Z`;
    await store.exec(sql`INSERT INTO steps VALUES (${c}, ${j}, ${seq}, CAST(${ts} AS TIMESTAMPTZ), ${tp}, ${stage},
      ${team}, ${layer}, ${channel}, ${outcome}, ${w}, ${reason}, ${c === 'c1' ? 'vip' : 'regular'}, ${seq})`);
  }
  await store.exec(createFriction(RULES, raw('steps')));
});
afterAll(async () => {
  await store.close();
});

const occurrences = async (type: string): Promise<number[]> =>
  (
    await store.all<{ seq: number }>(
      sql`SELECT seq FROM jl_friction WHERE type = ${type} ORDER BY seq`,
    )
  ).map((r) => r.seq);

describe('friction detectors on hand-computed steps', () => {
  it('repeat contact: the 2nd+ contact for the same reason within 7 days', async () => {
    // seq 2 (2 days after 1) and 3 (7 days after 2, inclusive); seq 4 has another reason.
    expect(await occurrences('repeat_contact')).toEqual([2, 3]);
  });

  it('loop: a touchpoint revisited later in the journey, not immediately', async () => {
    // browse at 7 revisits browse (5) after cart; 8 repeats 7 directly; pay at 10 repeats 9.
    // c3's call at 14 revisits call (11) after the billing desk.
    expect(await occurrences('loop')).toEqual([7, 14]);
  });

  it('channel switch: same reason continued on another channel within 7 days', async () => {
    expect(await occurrences('channel_switch')).toEqual([3]);
  });

  it('handoff: consecutive frontstage steps of one stage owned by different teams', async () => {
    // care → billing (12), billing → care (14, across an unmapped step); backstage 15 is not a handoff.
    // c2's browse→cart→pay changes stage, and web → finance happens across stages: no handoff.
    expect(await occurrences('handoff')).toEqual([12, 14]);
  });

  it('wait above the service level of the touchpoint, else the default', async () => {
    // call SL 300: seq 1 (400) and 11 (700); chat default 600: 30 is fine.
    expect(await occurrences('wait')).toEqual([1, 11]);
  });

  it('failure and abandonment from outcomes', async () => {
    expect(await occurrences('failure')).toEqual([9]);
    expect(await occurrences('abandonment')).toEqual([10]);
  });

  it('finds ping-pong journeys (A → B → A within a stage)', async () => {
    const rows = await store.all<{ journey_id: string; legs: number; teams: string }>(
      pingPongJourneys(RULES.handoff, raw('steps')),
    );
    expect(rows.map((r) => [r.journey_id, r.legs, r.teams])).toEqual([
      ['j4', 3, 'care → billing → care'],
    ]);
  });

  it('totals, series and breakdowns count occurrences and distinct customers', async () => {
    const totals = await store.all<{
      type: string;
      touchpoint: string;
      occurrences: number;
      customers: number;
    }>(frictionTotals);
    expect(totals.find((t) => t.type === 'repeat_contact')).toMatchObject({
      touchpoint: 'call',
      occurrences: 1,
      customers: 1,
    });
    const weeks = await store.all<{ type: string; period: string; occurrences: number }>(
      frictionSeries('week'),
    );
    // 1 and 5 January 2025 fall in the ISO week starting Monday 30 December 2024.
    expect(weeks.filter((w) => w.type === 'wait').map((w) => [w.period, w.occurrences])).toEqual([
      ['2024-12-30', 2],
    ]);
    const months = await store.all<{ type: string; period: string; occurrences: number }>(
      frictionSeries('month'),
    );
    expect(months.filter((m) => m.type === 'loop').map((m) => [m.period, m.occurrences])).toEqual([
      ['2025-01-01', 1],
      ['2025-01-01', 1],
    ]);
    const bySegment = await store.all<{ type: string; value: string; customers: number }>(
      frictionBreakdown('segment'),
    );
    expect(bySegment.filter((b) => b.type === 'wait').map((b) => [b.value, b.customers])).toEqual([
      ['regular', 1],
      ['vip', 1],
    ]);
  });

  it('counts hand-offs only in the stages the workspace names', async () => {
    const onlyPurchase = ZFrictionRules.parse({ handoff: { stages: ['Purchase'] } });
    const rows = await store.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM (${
        detectorsFor(onlyPurchase)
          .find((d) => d.type === 'handoff')
          ?.select(raw('steps')) ?? raw('SELECT 1')
      })`,
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('runs only the enabled detectors, with thresholds as parameters', () => {
    const rules = ZFrictionRules.parse({ loop: { enabled: false }, failure: { enabled: false } });
    expect(detectorsFor(rules).map((d) => d.type)).toEqual([
      'repeat_contact',
      'channel_switch',
      'handoff',
      'wait',
      'abandonment',
    ]);
    const q = render(createFriction(RULES, raw('steps')));
    expect(q.params).toContain(300);
    expect(q.text).not.toContain('300');
  });
});
