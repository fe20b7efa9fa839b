/**
 * GET /api/friction/trend on a small generated demo company, on the real app and store. The
 * counts are checked against an independent count: the friction occurrences read row by row
 * after `analyze()` on another session and put into days, weeks and months here, in
 * TypeScript (the demo's time zone is UTC); and against the analysis's own per-type
 * breakdowns and per-entry series.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../../demo/generate.js';
import { FRICTION } from '../../query/friction.js';
import { raw } from '../../query/sql.js';
import { analyze, type TAnalysis } from '../../service/analyze.js';
import { loadWorkspaceDir } from '../../service/workspace-files.js';
import { openStore } from '../../service/workspace-store.js';
import { testApp, type TTestApp } from '../test-kit.js';
import { analysisRoutes } from './analysis-routes.js';
import type { TFrictionTrend } from '../../query/friction-trend.js';
import { frictionTrendRoutes } from './friction-trend-routes.js';
import { importDemoData } from '../../../demo/import-demo.js';

type TOccurrence = {
  type: string;
  ts: Date;
  customer_id: string;
  segment: string | null;
  team: string;
  channel: string | null;
  touchpoint: string;
};

let dir: string;
let t: TTestApp;
let expected: TAnalysis;
let occurrences: TOccurrence[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-friction-trend-'));
  await generateDemo({ seed: 3, customers: 300, out: dir });
  const store = await openStore(dir);
  await importDemoData(store, dir);
  const workspace = await loadWorkspaceDir(dir);
  expect(workspace.settings.timezone).toBe('UTC');
  expected = await analyze(store, workspace);
  occurrences = await store.all<TOccurrence>(
    raw(`SELECT type, ts, customer_id, segment, team, channel, touchpoint FROM ${FRICTION}`),
  );
  await store.close();
  t = await testApp([analysisRoutes, frictionTrendRoutes], { workspaceDir: dir });
}, 120_000);
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

const trend = async (query: string): Promise<TFrictionTrend> => {
  const res = await t.call('viewer', `/api/friction/trend?${query}`);
  const body = (await res.json()) as TFrictionTrend;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
};

/** The first day of the UTC day, week (Monday) or month of an instant. */
function periodOf(ts: Date, grain: 'day' | 'week' | 'month'): string {
  const d = new Date(Date.UTC(ts.getUTCFullYear(), ts.getUTCMonth(), ts.getUTCDate()));
  if (grain === 'month') d.setUTCDate(1);
  if (grain === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Occurrences and distinct customers per key, counted here. */
function tally(rows: readonly TOccurrence[], key: (r: TOccurrence) => string) {
  const out = new Map<string, { occurrences: number; customers: Set<string> }>();
  for (const r of rows) {
    const k = key(r);
    const cell = out.get(k) ?? { occurrences: 0, customers: new Set<string>() };
    cell.occurrences += 1;
    cell.customers.add(r.customer_id);
    out.set(k, cell);
  }
  return new Map(
    [...out].map(([k, v]) => [k, { occurrences: v.occurrences, customers: v.customers.size }]),
  );
}

const seriesMap = (body: TFrictionTrend) =>
  new Map(
    body.series.map((s) => [
      `${s.period}|${s.value ?? ''}`,
      { occurrences: s.occurrences, customers: s.customers },
    ]),
  );

describe('friction over time', () => {
  it('counts every occurrence per day, week and month by segment, as counted independently', async () => {
    expect(occurrences.length).toBeGreaterThan(500);
    for (const grain of ['day', 'week', 'month'] as const) {
      const body = await trend(`granularity=${grain}&by=segment`);
      expect(body).toMatchObject({ granularity: grain, by: 'segment', timezone: 'UTC' });
      expect(body.total.occurrences).toBe(occurrences.length);
      expect(body.total.customers).toBe(new Set(occurrences.map((o) => o.customer_id)).size);
      const own = tally(
        occurrences,
        (o) => `${periodOf(new Date(o.ts), grain)}|${o.segment ?? ''}`,
      );
      expect(seriesMap(body)).toEqual(own);
      // Ordered by period, and the sum over periods is the whole.
      const periods = body.series.map((s) => s.period);
      expect(periods).toEqual([...periods].sort());
      expect(body.series.reduce((n, s) => n + s.occurrences, 0)).toBe(occurrences.length);
    }
    const weeks = await trend('granularity=week&by=segment');
    // Every week starts on a Monday.
    expect(weeks.series.every((s) => new Date(`${s.period}T00:00:00Z`).getUTCDay() === 1)).toBe(
      true,
    );
    expect(new Set(weeks.series.map((s) => s.period)).size).toBeGreaterThan(40);
  });

  it('filters by type, and its totals per segment and channel are the analysis breakdowns', async () => {
    for (const type of ['repeat_contact', 'abandonment'] as const) {
      for (const by of ['segment', 'channel'] as const) {
        const body = await trend(`granularity=month&by=${by}&type=${type}`);
        const breakdown = expected.frictionBreakdowns[by].filter((r) => r.type === type);
        expect(breakdown.length).toBeGreaterThan(1);
        const sort = (xs: { value: string | null; occurrences: number; customers: number }[]) =>
          xs
            .map((x) => ({ value: x.value, occurrences: x.occurrences, customers: x.customers }))
            .sort((a, b) => String(a.value).localeCompare(String(b.value)));
        expect(sort(body.values)).toEqual(sort(breakdown));
        expect(body.filter).toEqual({ type });
        expect(body.total.occurrences).toBe(occurrences.filter((o) => o.type === type).length);
      }
    }
  });

  it('by team per day adds up the series of the analysis entries of each team', async () => {
    const body = await trend('granularity=day&by=team');
    const sums = new Map<string, number>();
    for (const entry of expected.friction) {
      for (const p of entry.perDay) {
        const k = `${p.period}|${entry.team}`;
        sums.set(k, (sums.get(k) ?? 0) + p.occurrences);
      }
    }
    expect(new Map(body.series.map((s) => [`${s.period}|${s.value}`, s.occurrences]))).toEqual(
      sums,
    );
  });

  it('filters by team and touchpoint together', async () => {
    const entry = expected.friction[0];
    if (entry === undefined) throw new Error('the demo has no friction');
    const body = await trend(
      `granularity=week&by=channel&team=${entry.team}&touchpoint=${entry.touchpoint}`,
    );
    const rows = occurrences.filter(
      (o) => o.team === entry.team && o.touchpoint === entry.touchpoint,
    );
    expect(body.total.occurrences).toBe(rows.length);
    expect(body.total.occurrences).toBeGreaterThanOrEqual(entry.occurrences);
    expect(seriesMap(body)).toEqual(
      tally(rows, (o) => `${periodOf(new Date(o.ts), 'week')}|${o.channel ?? ''}`),
    );
    const none = await trend('by=team&team=nobody');
    expect(none).toMatchObject({ total: { occurrences: 0, customers: 0 }, values: [], series: [] });
  });

  it('refuses an unknown granularity or breakdown, anonymous callers and other tokens', async () => {
    expect((await t.call('viewer', '/api/friction/trend?granularity=year')).status).toBe(400);
    expect((await t.call('viewer', '/api/friction/trend?by=customer_id')).status).toBe(400);
    expect((await t.call('anonymous', '/api/friction/trend')).status).toBe(401);
    expect((await t.call('ingest', '/api/friction/trend')).status).toBe(403);
    expect((await t.call('read', '/api/friction/trend')).status).toBe(200);
  });
});
