/**
 * The routing queries: the decisions they encode (which events are contacts, chunks, ranges)
 * as pinned SQL, and the results on a tiny fixture in the real in-process DuckDB. The reports
 * are checked end to end in src/server/routes/routing-routes.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../service/workspace-store.js';
import type { TStore } from '../store/store.js';
import {
  createRoutingSchema,
  customerSegments,
  DECISIONS,
  eventVolumes,
  insertDecisions,
  recentContacts,
  type TDecisionRow,
} from './routing.js';
import { raw, render, sql } from './sql.js';

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('the SQL', () => {
  it('finds contacts by reason, or by the raw activities of the contact touchpoints', () => {
    const byReason = render(recentContacts(1000, { byReason: true }, { index: 1, of: 4 }));
    expect(flat(byReason.text)).toContain(
      'FROM events WHERE ts >= to_timestamp($1 / 1000.0) AND reason IS NOT NULL AND hash(customer_id) % $2 = $3',
    );
    expect(byReason.params).toEqual([1000, 4, 1]);
    const byActivity = render(
      recentContacts(1000, { byReason: false, activities: ['call', 'chat'] }, { index: 0, of: 1 }),
    );
    expect(flat(byActivity.text)).toContain('AND activity IN ($2, $3) AND');
    expect(byActivity.params).toEqual([1000, 'call', 'chat', 1, 0]);
    const none = render(
      recentContacts(1000, { byReason: false, activities: [] }, { index: 0, of: 1 }),
    );
    expect(flat(none.text)).toContain('AND false AND');
  });

  it('groups customers by the position of the first segment rule that matches', () => {
    const q = render(
      customerSegments([{ attribute: 'tier', op: 'eq', value: 'gold' }, 'always'], 7),
    );
    expect(flat(q.text)).toBe(
      "SELECT segment, count(*) AS customers, to_json(list(customer_id)) AS ids FROM ( SELECT c.customer_id, CASE WHEN coalesce(nullif(json_extract_string(c.attrs, $1), '') = $2, false) THEN 0 WHEN true THEN 1 END AS segment FROM customers c WHERE c.import_id > $3) GROUP BY segment",
    );
    expect(q.params).toEqual(['$."tier"', 'gold', 7]);
  });
});

describe('on the engine', () => {
  let store: TStore;
  beforeEach(async () => {
    store = await openStore(':memory:');
    for (const s of createRoutingSchema()) await store.exec(s);
  });
  afterEach(async () => {
    await store.close();
  });

  it('appends a batch of decisions given as one JSON text, nulls and times intact', async () => {
    const row: TDecisionRow = {
      decision_id: 'd1',
      decided_at: Date.parse('2026-06-30T12:00:00.123Z'),
      customer_id: null,
      known_customer: false,
      segment: null,
      primary_reason: 'order',
      secondary_reason: 'track',
      channel: 'web',
      stage: null,
      rule_id: 'track-order',
      base_treatment: 'self-service',
      treatment: 'chat',
      adjustments: 'skip-self-service',
      contacts: 3,
    };
    await store.exec(insertDecisions(JSON.stringify([row, { ...row, decision_id: 'd2' }])));
    const rows = await store.all(
      raw(
        `SELECT decision_id, epoch_ms(decided_at) AS at, customer_id, contacts FROM ${DECISIONS} ORDER BY 1`,
      ),
    );
    expect(rows).toEqual([
      { decision_id: 'd1', at: row.decided_at, customer_id: null, contacts: 3 },
      { decision_id: 'd2', at: row.decided_at, customer_id: null, contacts: 3 },
    ]);
  });

  it('counts contacts per primary reason with its secondary reasons, and the contacts as JSON', async () => {
    await store.exec(sql`INSERT INTO events (seq, import_id, customer_id, ts, activity, channel, reason) VALUES
      (1, 1, 'a', TIMESTAMPTZ '2026-01-01 00:00:00+00', 'call', 'phone', 'order/track'),
      (2, 1, 'a', TIMESTAMPTZ '2026-01-02 00:00:00+00', 'call', NULL, 'order'),
      (3, 1, 'b', TIMESTAMPTZ '2026-01-03 00:00:00+00', 'call', 'web', 'order/track'),
      (4, 1, 'b', TIMESTAMPTZ '2026-01-04 00:00:00+00', 'view', 'web', NULL)`);
    const rows = await store.all(
      eventVolumes(
        'reason',
        { byReason: true },
        [{ activity: 'call', channel: 'phone', stage: 'Support' }],
        {
          fromMs: null,
          toMs: null,
        },
      ),
    );
    expect(rows).toEqual([
      { key: 'order', top: 1, detail: null, contacts: 3, customers: 2 },
      { key: 'order', top: 0, detail: 'order/track', contacts: 2, customers: 2 },
      { key: 'order', top: 0, detail: 'order', contacts: 1, customers: 1 },
    ]);
    const [json] = await store.all<{ rows: string }>(
      recentContacts(Date.parse('2026-01-02T00:00:00Z'), { byReason: true }, { index: 0, of: 1 }),
    );
    expect((JSON.parse(json?.rows ?? '') as string[][]).sort()).toEqual([
      ['a', String(Date.parse('2026-01-02T00:00:00Z')), 'order', null, 'call', null],
      ['b', String(Date.parse('2026-01-03T00:00:00Z')), 'order/track', 'web', null, null],
    ]);
  });
});
