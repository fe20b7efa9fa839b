/**
 * Measuring metrics for a period on the friction fixture (test/fixtures/friction), counted by
 * hand from events.csv. Customers with a mapped step: c1…c8 (8), journeys j1…j9 (9). In the
 * first half of January (1–15 Jan) only c1 (j1), c2, c3, c4 and c6 have steps (5 customers).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../ingest/import.js';
import { loadWorkspaceOrThrow } from '../../model/workspace.js';
import type { TWorkspace } from '../../model/workspace-schema.js';
import type { TStore } from '../../store/store.js';
import { openStore } from '../workspace-store.js';
import type { TFrictionType } from '../../model/gap-kinds.js';
import { analyze } from '../analyze.js';
import { measureMetric, measureMetrics } from './measure.js';
import type { TMetricRef } from './metric-ref.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'friction');
const ALL = { from: '2025-01-01T00:00:00Z', to: '2025-03-01T00:00:00Z' };
const EARLY = { from: '2025-01-01', to: '2025-01-15' };

let store: TStore;
let workspace: TWorkspace;
beforeAll(async () => {
  store = await openStore(':memory:');
  for (const kind of ['customers', 'events', 'feedback'] as const) {
    await importFile(store, { path: join(FIXTURES, `${kind}.csv`), kind });
  }
  const loaded = loadWorkspaceOrThrow(await readFile(join(FIXTURES, 'journeylens.yaml'), 'utf8'));
  workspace = { ...loaded, feedback: { ...loaded.feedback, minResponses: 1 } };
});
afterAll(async () => {
  await store.close();
});

const measure = (ref: TMetricRef, period = ALL) => measureMetric(store, workspace, ref, period);

describe('friction rate', () => {
  it('share of customers: loops hit c2 and c3 of the 8 customers', async () => {
    const m = await measure({ kind: 'friction', type: 'loop' });
    expect(m.value).toBe(0.25);
    expect(m.n).toBe(8);
    expect(m.basis).toEqual({ kind: 'proportion', successes: 2, trials: 8 });
    // Wilson(2, 8) by hand: [0.0715, 0.5907].
    expect(m.interval?.[0]).toBeCloseTo(0.0715, 4);
    expect(m.interval?.[1]).toBeCloseTo(0.5907, 4);
    expect(m.unit).toBe('share');
    expect(m.definition).toContain('customers with at least one loop friction occurrence');
  });

  it('narrowed to a touchpoint: waits at the call hit c1 and c3 of the 3 callers', async () => {
    const m = await measure({ kind: 'friction', type: 'wait', touchpoint: 'call' });
    expect(m.basis).toEqual({ kind: 'proportion', successes: 2, trials: 3 });
  });

  it('narrowed to a team and a segment: billing hand-offs of basic customers', async () => {
    // c3's tier is basic: not vip, so the catch-all segment `regular`.
    const m = await measure({
      kind: 'friction',
      type: 'handoff',
      team: 'billing',
      segment: 'regular',
    });
    // The hand-off onto the billing desk is c3's; regular customers with a billing step: c3.
    expect(m.basis).toEqual({ kind: 'proportion', successes: 1, trials: 1 });
  });

  it('per 1,000 journeys: 3 waits (c1 call, c3 call, c6 delivery) in 9 journeys', async () => {
    const m = await measure({ kind: 'friction', type: 'wait', per: 'journeys' });
    expect(m.basis).toEqual({ kind: 'rate', events: 3, exposure: 9, per: 1000 });
    expect(m.value).toBeCloseTo(333.33, 2);
    expect(m.unit).toBe('per 1,000 journeys');
  });

  it('a period keeps only its own events, with the same detectors', async () => {
    // 1–14 Jan: c1, c2, c3, c4 and c6; loops still c2 and c3.
    expect((await measure({ kind: 'friction', type: 'loop' }, EARLY)).basis).toEqual({
      kind: 'proportion',
      successes: 2,
      trials: 5,
    });
    // Over all the data c4's stop at the cart (5 Jan) is judged 46 days later: abandoned.
    // Inside 1–14 Jan the data ends on 10 Jan, 5 days on: not judged yet. Only c2 gave up.
    expect((await measure({ kind: 'friction', type: 'abandonment' })).basis).toEqual({
      kind: 'proportion',
      successes: 2,
      trials: 8,
    });
    expect((await measure({ kind: 'friction', type: 'abandonment' }, EARLY)).basis).toEqual({
      kind: 'proportion',
      successes: 1,
      trials: 5,
    });
  });
});

describe('stages and moments', () => {
  it('stage conversion: j3 and j5 of the 3 journeys entering Interest reach Intent', async () => {
    const m = await measure({ kind: 'stageConversion', stage: 'Interest' });
    expect(m.basis).toEqual({ kind: 'proportion', successes: 2, trials: 3 });
    expect(m.value).toBeCloseTo(2 / 3, 10);
  });

  it('moment success at the payment: c2 failed, then abandoned; c6 paid (1 of 3)', async () => {
    const m = await measure({ kind: 'momentSuccess', moment: 'touchpoint:pay' });
    expect(m.basis).toEqual({ kind: 'proportion', successes: 1, trials: 3 });
  });

  it('satisfaction: the one CSAT answer about the call is a 4 (satisfied)', async () => {
    const m = await measure({
      kind: 'momentSatisfaction',
      moment: 'touchpoint:call',
      survey: 'csat',
    });
    expect(m.basis).toEqual({ kind: 'proportion', successes: 1, trials: 1 });
    expect(m.value).toBe(1);
  });

  it('satisfaction below the minimum answers has no value', async () => {
    const strict = { ...workspace, feedback: { ...workspace.feedback, minResponses: 30 } };
    const m = await measureMetric(
      store,
      strict,
      { kind: 'momentSatisfaction', moment: 'touchpoint:call', survey: 'csat' },
      ALL,
    );
    expect(m.n).toBe(1);
    expect(m.value).toBeNull();
    expect(m.interval).toBeNull();
  });

  it('measures several metrics of one period in one pass, in order', async () => {
    const [a, b] = await measureMetrics(
      store,
      workspace,
      [
        { kind: 'friction', type: 'failure' },
        { kind: 'stageConversion', stage: 'Interest' },
      ],
      ALL,
    );
    expect(a?.basis).toEqual({ kind: 'proportion', successes: 1, trials: 8 });
    expect(b?.basis).toEqual({ kind: 'proportion', successes: 2, trials: 3 });
  });
});

describe('the same definitions as the full analysis', () => {
  it('over all the data, measures equal the figures of analyze()', async () => {
    const session = await store.fork();
    try {
      const analysis = await analyze(session, workspace);
      for (const stage of analysis.stages.filter((s) => s.conversion !== null)) {
        const m = await measure({ kind: 'stageConversion', stage: stage.stage });
        expect(m.value, stage.stage).toBeCloseTo(stage.conversion ?? Number.NaN, 12);
      }
      for (const entry of analysis.friction) {
        const m = await measure({
          kind: 'friction',
          type: entry.type as TFrictionType,
          touchpoint: entry.touchpoint,
        });
        expect(m.basis.kind === 'proportion' && m.basis.successes, entry.type).toBe(
          entry.customers,
        );
      }
      const pay = analysis.momentsOfTruth.proposed.find((p) => p.touchpoint === 'pay');
      const reached = await measure({ kind: 'friction', type: 'failure', touchpoint: 'pay' });
      expect(reached.n).toBe(pay?.reached);
    } finally {
      await session.close();
    }
  });
});

describe('bad references and periods', () => {
  it.each([
    [
      { kind: 'friction', type: 'loop', touchpoint: 'nope' },
      'metric.touchpoint: no touchpoint nope',
    ],
    [{ kind: 'friction', type: 'loop', team: 'nope' }, 'metric.team: no team nope'],
    [{ kind: 'stageConversion', stage: 'Retention' }, 'metric.stage: Retention is the last stage'],
    [{ kind: 'momentSuccess', moment: 'rule:nope' }, 'metric.moment: no moment rule nope'],
    [
      { kind: 'momentSatisfaction', moment: 'touchpoint:call', survey: 'stars' },
      'metric.survey: no survey kind stars',
    ],
  ] as [TMetricRef, string][])('%j is refused', async (ref, message) => {
    await expect(measure(ref)).rejects.toThrow(message);
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    await expect(
      measure({ kind: 'friction', type: 'loop' }, { from: '2025-02-01', to: '2025-01-01' }),
    ).rejects.toThrow('to: 2025-01-01 must come after from (2025-02-01)');
    await expect(
      measure({ kind: 'friction', type: 'loop' }, { from: 'soon', to: '2025-01-01' }),
    ).rejects.toThrow('from: soon is not a date or instant');
  });
});
