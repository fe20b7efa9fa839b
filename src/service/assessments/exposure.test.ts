/**
 * The exposure of a change assessment on the hand-made fixture (test/fixtures/exposure), after
 * the real analysis on the real in-process DuckDB. The customer counts are checked against a
 * direct count of events.csv made here in TypeScript (months in the workspace's zone with
 * Intl); moments of truth, ideal journeys, satisfaction and the survey against the fixture.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../ingest/import.js';
import { loadWorkspaceOrThrow } from '../../model/workspace.js';
import type { TWorkspace } from '../../model/workspace-schema.js';
import type { TStore } from '../../store/store.js';
import { analyze } from '../analyze.js';
import { openStore } from '../workspace-store.js';
import type { TExposure } from './assessment-types.js';
import { computeExposure, monthsBetween } from './exposure.js';

const FIXTURE = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'exposure');
const SELECTION = ['pay', 'call'];

let workspace: TWorkspace;
let store: TStore;
let exposure: TExposure;
let events: { customer: string; ts: string; activity: string }[];
let segmentOf: Map<string, string>;

/** The calendar month of an instant in a zone, as YYYY-MM. */
function monthIn(ts: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })
    .formatToParts(new Date(ts))
    .filter((p) => p.type !== 'literal')
    .map((p) => p.value);
  return parts.join('-');
}

const lines = async (file: string): Promise<string[][]> =>
  (await readFile(join(FIXTURE, file), 'utf8'))
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));

beforeAll(async () => {
  workspace = loadWorkspaceOrThrow(await readFile(join(FIXTURE, 'journeylens.yaml'), 'utf8'));
  store = await openStore(':memory:');
  for (const kind of ['customers', 'events', 'feedback'] as const) {
    await importFile(store, { path: join(FIXTURE, `${kind}.csv`), kind });
  }
  const analysis = await analyze(store, workspace);
  const source = { workspace, analysis, modelVersion: 1, computedAt: '2025-04-01T00:00:00.000Z' };
  exposure = await computeExposure(store, source, SELECTION, '2025-06-01');
  events = (await lines('events.csv')).map(([customer = '', ts = '', activity = '']) => ({
    customer,
    ts,
    activity,
  }));
  // The fixture's segment rules: tier vip → vip, tier basic → regular.
  segmentOf = new Map(
    (await lines('customers.csv')).map(([c = '', tier = '']) => [
      c,
      tier === 'vip' ? 'vip' : 'regular',
    ]),
  );
});
afterAll(async () => {
  await store.close();
});

describe('customers exposed, against a direct count of events.csv', () => {
  const direct = (segment: string | null | undefined) => {
    const zone = workspace.settings.timezone;
    const months = [...new Set(events.map((e) => monthIn(e.ts, zone)))].sort();
    const all = monthsBetween(months[0] ?? null, months[months.length - 1] ?? null);
    const hit = events.filter(
      (e) =>
        SELECTION.includes(e.activity) &&
        (segment === undefined || (segmentOf.get(e.customer) ?? null) === segment),
    );
    const series = all.map((month) => ({
      month,
      customers: new Set(hit.filter((e) => monthIn(e.ts, zone) === month).map((e) => e.customer))
        .size,
    }));
    return {
      customers: new Set(hit.map((e) => e.customer)).size,
      passes: hit.length,
      series,
      perMonth: series.reduce((s, p) => s + p.customers, 0) / all.length,
    };
  };

  it('in total, per month, over the period and per month on average', () => {
    expect(exposure.period).toEqual({ firstMonth: '2025-01', lastMonth: '2025-03', months: 3 });
    expect(exposure.total).toEqual(direct(undefined));
    expect(exposure.total.perMonth).toBeCloseTo(2, 10); // (2 + 3 + 1) / 3
  });

  it('per segment, customers without a segment apart, with the service tier', () => {
    expect(exposure.bySegment.map((s) => [s.segment, s.tier])).toEqual([
      ['vip', 'premium'],
      ['regular', 'standard'],
      [null, null],
    ]);
    for (const s of exposure.bySegment) {
      const { segment, tier: _tier, ...figures } = s;
      expect(figures, String(segment)).toEqual(direct(segment));
    }
  });

  it('per tier, as the sums of its segments', () => {
    expect(exposure.byTier).toEqual([
      { tier: 'premium', customers: 2, passes: 4, perMonth: 1 },
      { tier: 'standard', customers: 2, passes: 3, perMonth: 2 / 3 },
      { tier: null, customers: 1, passes: 1, perMonth: 1 / 3 },
    ]);
  });

  it('per touchpoint', () => {
    expect(exposure.touchpoints.map((t) => [t.id, t.customers, t.perMonth])).toEqual([
      ['pay', 2, 2 / 3],
      ['call', 4, 5 / 3],
    ]);
    expect(exposure.affectedSegments).toEqual(['vip', 'regular']);
  });
});

describe('what the selection touches', () => {
  it('the moments of truth: the flagged touchpoint, the rule that involves both, the proposed', () => {
    expect(exposure.momentsOfTruth.map((m) => [m.moment, m.declared, m.via])).toEqual([
      ['touchpoint:pay', true, ['pay']],
      ['rule:first-call-after-purchase', true, ['pay', 'call']],
      // Not flagged, but among the moments the data proposes.
      ['touchpoint:call', false, ['call']],
    ]);
    // c1's first call after paying (20 Jan); c3 never called.
    const rule = exposure.momentsOfTruth[1];
    expect([rule?.volume, rule?.customers]).toEqual([1, 1]);
  });

  it('the ideal journeys with the positions of the selected steps', () => {
    expect(exposure.idealJourneys).toEqual([
      {
        id: 'vip-online',
        name: 'VIP online purchase',
        segment: 'vip',
        steps: [{ position: 2, touchpoint: 'pay', optional: false }],
      },
      {
        id: 'regular-help',
        name: 'Regular gets help',
        segment: 'regular',
        steps: [{ position: 2, touchpoint: 'call', optional: false }],
      },
    ]);
  });

  it('the satisfaction there, with n and interval, suppressed below the minimum n', () => {
    const call = exposure.satisfaction.find((s) => s.touchpoint === 'call')?.metrics ?? [];
    expect(call.map((m) => [m.kind, m.n, m.suppressed])).toEqual([['ces', 3, false]]);
    expect(call[0]?.score?.value).toBeCloseTo((6 + 3 + 2) / 3, 10);
    expect(call[0]?.score?.low).not.toBeNull();
    const pay = exposure.satisfaction.find((s) => s.touchpoint === 'pay')?.metrics ?? [];
    expect(pay.map((m) => [m.kind, m.n, m.suppressed, m.score])).toEqual([['csat', 1, true, null]]);
  });

  it('suggests a survey per frontstage touchpoint from its stage, channel and coverage', () => {
    const byTp = new Map(exposure.survey.map((s) => [s.touchpoint, s]));
    const call = byTp.get('call');
    // CES already has 3 answers (≥ 2): keep it; a phone touchpoint is asked by SMS.
    expect([call?.kind, call?.channel, call?.baseline]).toEqual([
      'ces',
      'sms',
      { n: 3, suppressed: false },
    ]);
    expect(call?.reasons[0]).toContain('CES already has 3 answers');
    expect(call?.scale).toEqual({ min: 1, max: 7, label: 'very difficult … very easy' });
    const pay = byTp.get('pay');
    // Purchase stage on the web: CSAT in the page; 1 answer is no baseline yet.
    expect([pay?.kind, pay?.channel, pay?.question]).toEqual([
      'csat',
      'web',
      'How satisfied were you with Payment?',
    ]);
    expect(pay?.when).toContain('start now, before go-live on 2025-06-01');
    expect(pay?.whom).toBe('every customer who passes Payment, from VIP, Regular');
  });
});

it('skips backstage touchpoints and reports unknown ids', async () => {
  const analysis = await analyze(store, workspace);
  const source = { workspace, analysis, modelVersion: 1, computedAt: '' };
  const e = await computeExposure(store, source, ['back-office', 'ghost'], null);
  expect(e.unknownTouchpoints).toEqual(['ghost']);
  expect(e.survey).toEqual([]);
  expect(e.surveySkipped.map((s) => s.touchpoint)).toEqual(['back-office']);
  expect(e.total.customers).toBe(1); // c2
  expect(e.bySegment.map((s) => [s.segment, s.customers])).toEqual([['vip', 1]]);
});
