/**
 * Friction detectors on a hand-made fixture (test/fixtures/friction), run in the real
 * in-process DuckDB from import to the friction table. Every expected occurrence below was
 * worked out by hand from events.csv and journeylens.yaml (definitions: docs/workspace.md).
 * An occurrence is written "customer MM-DD HH:MM".
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../ingest/import.js';
import { loadWorkspaceOrThrow } from '../model/workspace.js';
import type { TWorkspace } from '../model/workspace-schema.js';
import { buildJourneys } from '../service/journeys.js';
import { journeyClock } from '../service/local-clock.js';
import { openStore } from '../service/workspace-store.js';
import type { TStore } from '../store/store.js';
import { createFriction, detectorsFor, FRICTION, OCCURRENCES } from './friction.js';
import {
  BREAKDOWNS,
  createFrictionLocal,
  frictionBreakdown,
  frictionCustomersBySegment,
  frictionSeries,
  frictionTotals,
  GRAINS,
  pingPongJourneys,
} from './friction-report.js';
import { journeyPlan } from './journeys-plan.js';
import { zoneClock, type TLocalClock } from './local-time.js';
import { raw, render, sql, type TSql } from './sql.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'friction');

let store: TStore;
let workspace: TWorkspace;

async function detect(ws: TWorkspace): Promise<void> {
  const { plan } = await buildJourneys(store, ws);
  for (const statement of createFriction(ws.friction, plan)) await store.exec(statement);
  await store.exec(createFrictionLocal(zoneClock('UTC')));
}

beforeAll(async () => {
  store = await openStore(':memory:');
  await importFile(store, { path: join(FIXTURES, 'customers.csv'), kind: 'customers' });
  await importFile(store, { path: join(FIXTURES, 'events.csv'), kind: 'events' });
  workspace = loadWorkspaceOrThrow(await readFile(join(FIXTURES, 'journeylens.yaml'), 'utf8'));
  await detect(workspace);
});
afterAll(async () => {
  await store.close();
});

const occurrences = async (type: string): Promise<string[]> =>
  (
    await store.all<{ o: string }>(
      sql`SELECT customer_id || ' ' || strftime(ts, '%m-%d %H:%M') AS o FROM ${raw(FRICTION)}
        WHERE type = ${type} ORDER BY o`,
    )
  ).map((r) => r.o);

describe('friction detectors on a hand-computed fixture', () => {
  it('repeat contact: the 2nd+ contact for the same reason within 7 days, inclusive', async () => {
    // c1 01-10 is exactly 7 days after 01-03; 01-30 has another reason; c7 has no reason.
    expect(await occurrences('repeat_contact')).toEqual(['c1 01-03 09:00', 'c1 01-10 09:00']);
  });

  it('loop: a touchpoint passed earlier in the journey, not directly before', async () => {
    // c2 browse at 12:00 after cart (13:00 repeats 12:00 directly); c3's call after the desk.
    expect(await occurrences('loop')).toEqual(['c2 01-02 12:00', 'c3 01-05 11:00']);
  });

  it('channel switch: the same reason continued on another channel within 7 days', async () => {
    expect(await occurrences('channel_switch')).toEqual(['c1 01-10 09:00']);
  });

  it('hand-off: directly consecutive frontstage steps of one stage, two teams', async () => {
    // care → billing desk, billing desk → care across an unmapped note; the back office is
    // backstage; c2's web → finance changes stage.
    expect(await occurrences('handoff')).toEqual(['c3 01-05 10:00', 'c3 01-05 11:00']);
  });

  it('wait: the wait field above the level, and a to-step too long after its from-step', async () => {
    // call level 300 s: 400 and 700; chat's 30 is under the default; ship 48 h after pay.
    expect(await occurrences('wait')).toEqual([
      'c1 01-01 09:00',
      'c3 01-05 09:00',
      'c6 01-08 10:00',
    ]);
  });

  it('failure: a failed outcome', async () => {
    expect(await occurrences('failure')).toEqual(['c2 01-02 14:00']);
  });

  it('abandonment: an abandoned step, and a journey that stopped in a funnel stage', async () => {
    // c2 gave up paying; c4 stopped at the cart (Intent) 46 days before the data ends; c5's
    // browse is 5 days before the end (20 Feb) and not judged yet; c2 reached Purchase.
    expect(await occurrences('abandonment')).toEqual(['c2 01-02 15:00', 'c4 01-05 10:05']);
  });

  it("enriches every occurrence, the channel falling back to the touchpoint's", async () => {
    const [row] = await store.all<Record<string, unknown>>(
      sql`SELECT journey_id, touchpoint, stage, team, channel, segment FROM ${raw(FRICTION)}
        WHERE type = 'failure'`,
    );
    expect(row).toEqual({
      journey_id: 'j3',
      touchpoint: 'pay',
      stage: 'Purchase',
      team: 'finance',
      channel: 'web',
      segment: 'regular',
    });
  });

  it('finds ping-pong journeys (A → B → A within a stage)', async () => {
    const rows = await store.all<{ journey_id: string; legs: number; teams: string[] }>(
      pingPongJourneys(workspace.friction.handoff),
    );
    expect(rows.map((r) => [r.journey_id, r.legs, r.teams])).toEqual([
      ['j4', 3, ['care', 'billing', 'care']],
    ]);
  });

  it('totals, series and breakdowns count occurrences and distinct customers', async () => {
    const totals = await store.all<{ type: string; touchpoint: string; customers: number }>(
      frictionTotals,
    );
    expect(totals.filter((t) => t.type === 'repeat_contact')).toEqual([
      expect.objectContaining({ touchpoint: 'call', occurrences: 1, customers: 1 }),
      expect.objectContaining({ touchpoint: 'chat', occurrences: 1, customers: 1 }),
    ]);
    type TPoint = { grain: string; type: string; touchpoint: string; period: string };
    // The same series from the analysis's clock as from a lookup per row (local-time.ts).
    const waits = async (timezone: string, grain: string): Promise<string[]> => {
      const series = async (clock: TLocalClock): Promise<string[]> => {
        await store.exec(createFrictionLocal(clock));
        return (await store.all<TPoint & { occurrences: number }>(frictionSeries))
          .filter((w) => w.type === 'wait' && w.grain === grain)
          .map((w) => `${w.touchpoint} ${w.period} ${w.occurrences}`);
      };
      const clock = await journeyClock(store, timezone);
      expect(clock.pieces.length).toBeGreaterThan(0);
      const found = await series(clock);
      expect(found).toEqual(await series(zoneClock(timezone)));
      return found;
    };
    // Waits: calls on 1 and 5 January 09:00 UTC, the ship step on 8 January 10:00 UTC. The
    // 1st and the 5th fall in the week starting Monday 30 December 2024.
    expect(await waits('UTC', 'week')).toEqual(['call 2024-12-30 2', 'ship 2025-01-06 1']);
    expect(await waits('UTC', 'month')).toEqual(['call 2025-01-01 2', 'ship 2025-01-01 1']);
    // In Honolulu (UTC-10) 09:00 UTC is 23:00 the day before: the first call is in December.
    expect(await waits('Pacific/Honolulu', 'day')).toEqual([
      'call 2024-12-31 1',
      'call 2025-01-04 1',
      'ship 2025-01-08 1',
    ]);
    expect(await waits('Pacific/Honolulu', 'month')).toEqual([
      'call 2024-12-01 1',
      'call 2025-01-01 1',
      'ship 2025-01-01 1',
    ]);
    const bySegment = await store.all<{ type: string; value: string | null; customers: number }>(
      frictionBreakdown('segment'),
    );
    // c6 is not in customers.csv: no segment.
    expect(bySegment.filter((b) => b.type === 'wait').map((b) => [b.value, b.customers])).toEqual([
      ['regular', 1],
      ['vip', 1],
      [null, 1],
    ]);
  });

  it('reports count what grouping the named view by names with distinct counts gives', async () => {
    // Each occurrence again an hour and again 9 days later: customers with several
    // occurrences in one period and in several, which first-occurrence counting must see.
    const copy = (shift: string, seq: number): TSql =>
      raw(`INSERT INTO ${OCCURRENCES} SELECT * REPLACE (seq + ${seq} AS seq, ts + INTERVAL ${shift} AS ts)
        FROM ${OCCURRENCES} WHERE seq < 1000000`);
    await store.exec(copy("'1 hour'", 1_000_000));
    await store.exec(copy("'9 days'", 2_000_000));
    await store.exec(createFrictionLocal(zoneClock('Europe/Paris')));
    try {
      const counts = 'count(*) AS occurrences, count(DISTINCT customer_id) AS customers';
      /** Rows as sorted JSON arrays of `columns`. */
      const rows = async (q: TSql, columns: string[]): Promise<string[]> =>
        (await store.all<Record<string, unknown>>(q))
          .map((r) => JSON.stringify(columns.map((c) => r[c])))
          .sort();
      const byNames = async (groups: string, aggregates: string, columns: string[]) =>
        rows(raw(`SELECT type, ${groups}, ${aggregates} FROM ${FRICTION} GROUP BY ALL`), columns);
      const measures = ['occurrences', 'customers'];
      for (const by of BREAKDOWNS) {
        const columns = ['type', 'value', ...measures];
        const found = await rows(frictionBreakdown(by), columns);
        expect(found.length, by).toBeGreaterThan(2);
        expect(found, by).toEqual(await byNames(`${by} AS value`, counts, columns));
      }
      const series = ['type', 'touchpoint', 'period', ...measures];
      for (const grain of GRAINS) {
        const period = `strftime(date_trunc('${grain}', timezone('Europe/Paris', ts)), '%Y-%m-%d')`;
        expect(
          await rows(sql`SELECT * FROM (${frictionSeries}) WHERE grain = ${grain}`, series),
          grain,
        ).toEqual(await byNames(`touchpoint, ${period} AS period`, counts, series));
      }
      const totals = ['type', 'touchpoint', 'stage', 'team', ...measures];
      expect(await rows(frictionTotals, totals)).toEqual(
        await byNames('touchpoint, stage, team', counts, totals),
      );
      const bySegment = ['type', 'touchpoint', 'segment', 'customers'];
      expect(await rows(frictionCustomersBySegment, bySegment)).toEqual(
        await byNames(
          "touchpoint, coalesce(segment, '') AS segment",
          'count(DISTINCT customer_id) AS customers',
          bySegment,
        ),
      );
    } finally {
      await detect(workspace);
    }
  });

  it('with contact touchpoints, contacts need no reason and the stage is their topic', async () => {
    const byTouchpoint = { ...workspace, friction: { ...workspace.friction } };
    byTouchpoint.friction.contactTouchpoints = ['call', 'chat'] as never;
    await detect(byTouchpoint);
    try {
      // c3's two calls and c7's call → chat carry no reason.
      expect(await occurrences('repeat_contact')).toEqual([
        'c1 01-03 09:00',
        'c1 01-10 09:00',
        'c3 01-05 11:00',
        'c7 01-22 09:00',
      ]);
      expect(await occurrences('channel_switch')).toEqual(['c1 01-10 09:00', 'c7 01-22 09:00']);
    } finally {
      await detect(workspace);
    }
  });

  it('runs only the enabled detectors, with thresholds as parameters', () => {
    const rules = {
      ...workspace.friction,
      loop: { enabled: false },
      failure: { enabled: false },
    };
    const plan = journeyPlan(workspace);
    expect(detectorsFor(rules).map((d) => d.type)).toEqual([
      'repeat_contact',
      'channel_switch',
      'handoff',
      'wait',
      'abandonment',
    ]);
    const q = createFriction(workspace.friction, plan).map((s) => render(s));
    const text = q.map((r) => r.text).join('\n');
    expect(q.flatMap((r) => r.params)).toContain(7 * 86_400_000_000);
    expect(text).not.toContain('604800000000');
    expect(text).toContain(FRICTION);
    // The steps carry what the detectors read: no statement joins the events again.
    expect(text).not.toContain('JOIN events');
  });
});
