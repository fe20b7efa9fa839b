/**
 * The real-time evaluation fires exactly the moments the batch analysis finds: a seeded
 * random log (customers with and without case ids, gaps that split journeys, contacts with
 * and without reasons, equal timestamps, unmapped and pattern-mapped activities) is stored,
 * the analysis's SQL (src/query/moments.ts) lists every occurrence, and the log is replayed
 * in batches — each batch in ingest order, not time order — through the incremental
 * evaluator, also with the state rebuilt from the store at many points (a restart).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triggerModel } from '../../analysis/moment-trigger-model.js';
import {
  emptyTriggerState,
  evaluateBatch,
  type TTriggerEvent,
} from '../../analysis/moment-triggers.js';
import { loadWorkspaceOrThrow } from '../../model/workspace.js';
import type { TWorkspace } from '../../model/workspace-schema.js';
import { createFriction } from '../../query/friction.js';
import { MOMENTS, createMomentSteps } from '../../query/moments.js';
import { JOURNEY_STEPS } from '../../query/journeys.js';
import { join, raw, sql } from '../../query/sql.js';
import type { TStore } from '../../store/store.js';
import { momentsOfTruth } from '../analyze-moments.js';
import { buildJourneys } from '../journeys.js';
import { openStore } from '../workspace-store.js';
import { loadTriggerState } from './moment-state.js';

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const START = Date.parse('2025-01-01T00:00:00Z');
const ACTIVITIES = [
  'browse',
  'browse',
  'cart',
  'Checkout Step 2',
  'pay',
  'ship',
  'call',
  'call',
  'chat',
  'bill-desk',
  'survey',
  'note',
];

type TRow = {
  customer: string;
  caseId: string;
  ms: number;
  activity: string;
  channel: string;
  outcome: string;
  reason: string;
};

/** The log, and the sizes of the batches it arrives in (in file order). */
function randomLog(seed: number): { rows: TRow[]; batches: number[] } {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const rows: TRow[] = [];
  for (let c = 0; c < 45; c++) {
    const customer = `c${c}`;
    const withCases = random() < 0.5;
    let ms = START + Math.floor(random() * 40) * 24 * HOUR;
    let caseNo = 0;
    const events = 5 + Math.floor(random() * 30);
    for (let i = 0; i < events; i++) {
      // Hours, sometimes days, sometimes nothing (an equal timestamp).
      const r = random();
      ms +=
        r < 0.1
          ? 0
          : r < 0.75
            ? Math.floor(random() * 30) * HOUR
            : Math.floor(random() * 9) * 24 * HOUR;
      if (withCases && random() < 0.15) caseNo++;
      const activity = pick(ACTIVITIES);
      const contactish = activity === 'call' || activity === 'chat' || activity === 'bill-desk';
      rows.push({
        customer,
        caseId: withCases && random() < 0.9 ? `k${c}-${caseNo}` : '',
        ms,
        activity,
        channel: random() < 0.25 ? '' : pick(['web', 'phone', 'chat', 'mail']),
        outcome: pick(['ok', 'ok', 'failed']),
        reason: (contactish ? random() < 0.7 : random() < 0.1) ? pick(['billing', 'delivery']) : '',
      });
    }
  }
  // Time order (ties in random order), cut into batches only where time moves on, each
  // batch then shuffled: ingest order differs from time order within a batch.
  rows.sort((a, b) => a.ms - b.ms);
  const batches: number[] = [];
  const out: TRow[] = [];
  for (let i = 0; i < rows.length;) {
    let j = Math.min(rows.length, i + 1 + Math.floor(random() * 40));
    while (j < rows.length && rows[j]?.ms === rows[j - 1]?.ms) j++;
    const batch = rows.slice(i, j);
    for (let k = batch.length - 1; k > 0; k--) {
      const m = Math.floor(random() * (k + 1));
      [batch[k], batch[m]] = [batch[m] as TRow, batch[k] as TRow];
    }
    out.push(...batch);
    batches.push(batch.length);
    i = j;
  }
  return { rows: out, batches };
}

const workspaceYaml = (variant: 'reasons' | 'touchpoints', gapDays: number): string => `
name: Replay
stages: [Interest, Intent, Purchase, Support, Retention]
settings: { inactivityGapDays: ${gapDays} }
teams: [{ id: web, name: Web }, { id: care, name: Care }]
touchpoints:
  - { id: browse, name: Browse, stage: Interest, channel: web, owner: web, activities: [browse] }
  - { id: cart, name: Cart, stage: Intent, channel: web, owner: web, activities: [cart, '/^checkout step/i'] }
  - { id: pay, name: Pay, stage: Purchase, channel: web, owner: web, activities: [pay], momentOfTruth: true }
  - { id: ship, name: Ship, stage: Purchase, channel: mail, owner: web, activities: [ship] }
  - { id: call, name: Call, stage: Support, channel: phone, owner: care, activities: [call] }
  - { id: chat, name: Chat, stage: Support, channel: chat, owner: care, activities: [chat] }
  - { id: bill-desk, name: Billing desk, stage: Support, channel: phone, owner: care, activities: [bill-desk] }
  - { id: survey, name: Survey, stage: Retention, channel: mail, owner: web, activities: [survey] }
${variant === 'touchpoints' ? 'friction: { contactTouchpoints: [call, bill-desk] }' : ''}
momentsOfTruth:
  - { id: third-browse, name: Third browse, rule: { kind: nthOccurrence, touchpoint: browse, n: 3 } }
  - { id: first-call, name: First call, rule: { kind: nthOccurrence, touchpoint: call, n: 1 } }
  - { id: second-contact, name: 2 contacts in 7 days, rule: { kind: contactsWithin, count: 2, withinDays: 7 } }
  - id: third-care
    name: 3 calls or chats in 10 days
    rule: { kind: contactsWithin, count: 3, withinDays: 10, touchpoints: [call, chat] }
  - id: support-phone
    name: 2 support contacts by phone in 1.5 days
    rule: { kind: contactsWithin, count: 2, withinDays: 1.5, stage: Support, channel: phone }
  - { id: any-contact, name: Any contact, rule: { kind: contactsWithin, count: 1, withinDays: 0.5 } }
  - { id: shipped, name: Ship after pay, rule: { kind: firstAfter, touchpoint: ship, after: pay } }
  - { id: call-back, name: Second call of a journey, rule: { kind: firstAfter, touchpoint: call, after: call } }
  - { id: paid, name: Pay after cart, rule: { kind: firstAfter, touchpoint: pay, after: cart } }
`;

type TStoredEvent = TTriggerEvent;

/** Stores the rows as ingest does: `seq` in arrival order, empty fields as NULL. */
async function insertEvents(store: TStore, rows: readonly TRow[]): Promise<void> {
  const orNull = (v: string): string | null => (v === '' ? null : v);
  for (let i = 0; i < rows.length; i += 200) {
    const tuples = rows.slice(i, i + 200).map(
      (r, k) => sql`(${i + k + 1}, 1, ${r.customer}, ${orNull(r.caseId)},
        CAST(${new Date(r.ms).toISOString()} AS TIMESTAMPTZ), ${r.activity}, ${orNull(r.channel)},
        ${r.outcome}, ${orNull(r.reason)})`,
    );
    await store.exec(sql`INSERT INTO events (seq, import_id, customer_id, case_id, ts, activity,
      channel, outcome, reason) VALUES ${join(tuples)}`);
  }
}

/** `moment@seq` of every occurrence the batch analysis finds. */
async function batchOccurrences(store: TStore, workspace: TWorkspace): Promise<string[]> {
  const { plan } = await buildJourneys(store, workspace);
  for (const statement of createFriction(workspace.friction, plan)) await store.exec(statement);
  const codes = new Map(plan.touchpoints.map((t) => [t.id, t.code]));
  await store.exec(createMomentSteps(workspace.momentsOfTruth, codes));
  const rules = await store.all<{ moment: string; seq: number }>(
    raw(`SELECT moment, seq FROM ${MOMENTS}`),
  );
  const flagged = plan.touchpoints.filter((t) => t.momentOfTruth);
  const touchpoints = await store.all<{ tp: number; seq: number }>(
    raw(
      `SELECT tp, seq FROM ${JOURNEY_STEPS} WHERE tp IN (${flagged.map((t) => t.code).join(',')})`,
    ),
  );
  return [
    ...rules.map((r) => `rule:${r.moment}@${r.seq}`),
    ...touchpoints.map((r) => `touchpoint:${plan.touchpoints[r.tp]?.id}@${r.seq}`),
  ].sort();
}

async function storedEvents(store: TStore): Promise<TStoredEvent[]> {
  const rows = await store.all<{
    seq: number;
    customer_id: string;
    case_id: string | null;
    us: number;
    activity: string;
    channel: string | null;
    reason: string | null;
  }>(
    raw(`SELECT seq, customer_id, case_id, epoch_us(ts) AS us, activity, channel, reason
      FROM events ORDER BY seq`),
  );
  return rows.map((r) => ({
    seq: r.seq,
    customerId: r.customer_id,
    caseId: r.case_id,
    tsUs: r.us,
    activity: r.activity,
    channel: r.channel,
    reason: r.reason,
  }));
}

/** Replays the events batch by batch; `restartEvery` rebuilds the state from the store. */
async function replay(
  session: TStore,
  workspace: TWorkspace,
  events: readonly TStoredEvent[],
  batches: readonly number[],
  restartEvery: number | undefined,
): Promise<string[]> {
  const model = triggerModel(workspace);
  let state = emptyTriggerState(model);
  const fired: string[] = [];
  let at = 0;
  for (const [b, size] of batches.entries()) {
    if (restartEvery !== undefined && b % restartEvery === restartEvery - 1) {
      state = await loadTriggerState(session, model, events[at - 1]?.seq ?? 0);
    }
    const batch = events.slice(at, at + size);
    at += size;
    for (const f of evaluateBatch(model, state, batch)) fired.push(`${f.moment.key}@${f.step.seq}`);
  }
  return fired.sort();
}

describe.each([
  { seed: 7, variant: 'reasons' as const, gapDays: 2 },
  { seed: 2024, variant: 'touchpoints' as const, gapDays: 0.5 },
])(
  'replaying seed $seed (contacts by $variant, gap $gapDays days)',
  ({ seed, variant, gapDays }) => {
    let store: TStore;
    let workspace: TWorkspace;
    let events: TStoredEvent[];
    let batches: number[];
    let expected: string[];
    beforeAll(async () => {
      const log = randomLog(seed);
      batches = log.batches;
      store = await openStore(':memory:');
      await insertEvents(store, log.rows);
      workspace = loadWorkspaceOrThrow(workspaceYaml(variant, gapDays));
      events = await storedEvents(store);
      expected = await batchOccurrences(store, workspace);
    });
    afterAll(async () => {
      await store.close();
    });

    it('the log is a real test: every moment happens, batches split ingest from time order', async () => {
      const perMoment = new Map<string, number>();
      for (const o of expected) {
        const key = o.split('@')[0] ?? '';
        perMoment.set(key, (perMoment.get(key) ?? 0) + 1);
      }
      const model = triggerModel(workspace);
      for (const m of model.moments) expect(perMoment.get(m.key) ?? 0, m.key).toBeGreaterThan(0);
      // The analysis's own scorecard agrees with the SQL listed here.
      const { plan } = await buildJourneys(store, workspace);
      for (const statement of createFriction(workspace.friction, plan)) await store.exec(statement);
      const scores = await momentsOfTruth(store, workspace, plan);
      expect(new Map(scores.declared.map((d) => [d.moment, d.volume]))).toEqual(
        new Map(model.moments.map((m) => [m.key, perMoment.get(m.key) ?? 0])),
      );
      expect(batches.length).toBeGreaterThan(20);
      const outOfOrder = events.some((e, i) => i > 0 && e.tsUs < (events[i - 1]?.tsUs ?? 0));
      expect(outOfOrder).toBe(true);
    });

    it('fires exactly the occurrences of the batch analysis', async () => {
      expect(await replay(store, workspace, events, batches, undefined)).toEqual(expected);
    });

    it('fires the same with the state rebuilt from the store along the way', async () => {
      const session = await store.fork();
      try {
        expect(await replay(session, workspace, events, batches, 3)).toEqual(expected);
      } finally {
        await session.close();
      }
    });

    it('fires the same when the whole log arrives as one batch', async () => {
      expect(await replay(store, workspace, events, [events.length], undefined)).toEqual(expected);
    });
  },
);
