/**
 * Issue 7, item 5: an action on a seeded demo friction, whose fix is simulated in new data,
 * shows the improvement with its interval — and a control where nothing changed does not.
 *
 * The demo company (2025) seeds payment failures (demo/purchase.ts: a failed
 * `payment_authorisation`, 4.5% of payments, 9% for new customers). An action is created on
 * that friction with its change date on 1 January 2026 and a 90-day window; its baseline is
 * the 90 days before. Then three months of new data are ingested after the change date: the
 * last quarter of a second, independent generation (another seed, same process, same season)
 * moved forward by 90 days into January–March 2026, with new customer ids. In the fixed
 * world 9 of every 10 failed payments of the new data succeed instead (the fix); in the
 * control world the new data is left as generated. Both are re-measured and every count is
 * checked against a direct count of the CSV rows.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateDemo } from '../demo/generate.js';
import { newcombe } from '../src/analysis/statistics.js';
import { importFile } from '../src/ingest/import.js';
import type { TWorkspace } from '../src/model/workspace-schema.js';
import { ensureAppSchema } from '../src/service/auth/accounts.js';
import { ActionService } from '../src/service/actions/actions.js';
import type { TAction } from '../src/service/actions/action-types.js';
import { loadWorkspaceDir } from '../src/service/workspace-files.js';
import { openStore } from '../src/service/workspace-store.js';
import type { TStore } from '../src/store/store.js';
import { parseCsv } from './csv-text.js';

const CUSTOMERS = 2500;
const DAY = 86_400_000;
const CHANGE = Date.UTC(2026, 0, 1);
const WINDOW_DAYS = 90;
const BEFORE = { from: CHANGE - WINDOW_DAYS * DAY, to: CHANGE };
const AFTER = { from: CHANGE, to: CHANGE + WINDOW_DAYS * DAY };

type TEvent = Record<string, string>;

let dir: string;
let workspace: TWorkspace;
let original: TEvent[];
const worlds: Record<'fixed' | 'control', { events: TEvent[]; action?: TAction }> = {
  fixed: { events: [] },
  control: { events: [] },
};

const quote = (v: string): string => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csv = (rows: TEvent[], columns: string[]): string =>
  [columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))].join(
    '\n',
  ) + '\n';

/** A direct count over CSV rows: customers with a failed payment among those who paid, in [from, to). */
function directCount(events: TEvent[], period: { from: number; to: number }) {
  const payers = new Set<string>();
  const failed = new Set<string>();
  for (const e of events) {
    const t = Date.parse(e.timestamp ?? '');
    if (e.activity !== 'payment_authorisation' || t < period.from || t >= period.to) continue;
    payers.add(e.customer_id ?? '');
    if (e.outcome === 'failed') failed.add(e.customer_id ?? '');
  }
  return { successes: failed.size, trials: payers.size };
}

async function world(
  name: 'fixed' | 'control',
  newEvents: TEvent[],
  columns: string[],
): Promise<TAction> {
  const store: TStore = await openStore(':memory:');
  try {
    await ensureAppSchema(store);
    for (const kind of ['customers', 'events'] as const) {
      await importFile(store, { path: join(dir, 'old', 'data', `${kind}.csv`), kind });
    }
    const service = new ActionService({ store, now: () => new Date('2026-04-02T09:00:00Z') });
    const action = await service.create(
      workspace,
      {
        title: 'Fewer failed card payments',
        source: { kind: 'friction', type: 'failure', touchpoint: 'payment' },
        problem: 'Card payments fail at authorisation and customers retry or give up',
        plan: 'Route card payments to the second acquirer',
        windowDays: WINDOW_DAYS,
        changeDate: new Date(CHANGE).toISOString(),
      },
      'user:cx@example.com',
    );
    worlds[name].action = action;
    // The new data arrives after the change date.
    const path = join(dir, `${name}-events.csv`);
    await writeFile(path, csv(newEvents, columns));
    await importFile(store, { path: join(dir, 'new', 'customers.csv'), kind: 'customers' });
    await importFile(store, { path, kind: 'events' });
    return await service.remeasure(workspace, action.id, 'user:cx@example.com');
  } finally {
    await store.close();
  }
}

let fixed: TAction;
let control: TAction;
let columns: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-actions-demo-'));
  await generateDemo({ seed: 11, customers: CUSTOMERS, out: join(dir, 'old') });
  await generateDemo({ seed: 12, customers: CUSTOMERS, out: join(dir, 'second') });
  workspace = await loadWorkspaceDir(join(dir, 'old'));
  const eventsText = await readFile(join(dir, 'old', 'data', 'events.csv'), 'utf8');
  columns = (eventsText.split('\n', 1)[0] ?? '').split(',');
  original = parseCsv(eventsText);

  // The second generation's last quarter, moved 90 days on, with its own customer ids.
  const shift = WINDOW_DAYS * DAY;
  const renamed = (id: string) => (id === '' ? '' : `new-${id}`);
  const moved = parseCsv(await readFile(join(dir, 'second', 'data', 'events.csv'), 'utf8'))
    .filter((e) => Date.parse(e.timestamp ?? '') >= BEFORE.from)
    .map((e): TEvent => ({
      ...e,
      customer_id: renamed(e.customer_id ?? ''),
      case_id: renamed(e.case_id ?? ''),
      timestamp: new Date(Date.parse(e.timestamp ?? '') + shift)
        .toISOString()
        .replace('.000Z', 'Z'),
    }));
  const customers = parseCsv(await readFile(join(dir, 'second', 'data', 'customers.csv'), 'utf8'));
  await rm(join(dir, 'new'), { recursive: true, force: true });
  await mkdir(join(dir, 'new'));
  const customerColumns = Object.keys(customers[0] ?? {});
  await writeFile(
    join(dir, 'new', 'customers.csv'),
    csv(
      customers.map((c) => ({ ...c, customer_id: renamed(c.customer_id ?? '') })),
      customerColumns,
    ),
  );
  // The fix: 9 of every 10 failed payments now go through.
  let failures = 0;
  worlds.fixed.events = moved.map((e) =>
    e.activity === 'payment_authorisation' && e.outcome === 'failed' && failures++ % 10 !== 0
      ? { ...e, outcome: 'ok' }
      : e,
  );
  worlds.control.events = moved;
  fixed = await world('fixed', worlds.fixed.events, columns);
  control = await world('control', worlds.control.events, columns);
}, 240_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('the baseline is the failure rate of the 90 days before the change, counted directly', () => {
  const expected = directCount(original, BEFORE);
  expect(expected.trials).toBeGreaterThan(500);
  expect(expected.successes).toBeGreaterThan(20);
  const baseline = worlds.fixed.action?.baseline;
  expect(baseline?.from).toBe('2025-10-03T00:00:00.000Z');
  expect(baseline?.to).toBe('2026-01-01T00:00:00.000Z');
  expect(baseline?.basis).toEqual({ kind: 'proportion', ...expected });
  expect(baseline?.value).toBeCloseTo(expected.successes / expected.trials, 12);
});

it('with the fix simulated in the new data, the action shows the improvement and its interval', () => {
  const result = fixed.result;
  const before = directCount(original, BEFORE);
  const after = directCount(worlds.fixed.events, AFTER);
  expect(result?.before.basis).toEqual({ kind: 'proportion', ...before });
  expect(result?.after.basis).toEqual({ kind: 'proportion', ...after });
  expect(result?.after.from).toBe('2026-01-01T00:00:00.000Z');
  expect(result?.after.to).toBe('2026-04-01T00:00:00.000Z');
  const difference = after.successes / after.trials - before.successes / before.trials;
  const interval = newcombe(after.successes, after.trials, before.successes, before.trials);
  expect(result?.comparison.difference).toBeCloseTo(difference, 12);
  expect(result?.comparison.interval?.[0]).toBeCloseTo(interval.low ?? Number.NaN, 12);
  expect(result?.comparison.interval?.[1]).toBeCloseTo(interval.high ?? Number.NaN, 12);
  // Lower is better for a friction: the whole interval lies below 0.
  expect(result?.comparison.interval?.[1]).toBeLessThan(0);
  expect(result?.comparison.verdict).toBe('improved');
  expect(result?.comparison.explanation).toContain('improved; the interval excludes 0');
});

it('in the control, where nothing changed, the action shows no change', () => {
  const result = control.result;
  expect(result?.before.basis).toEqual({ kind: 'proportion', ...directCount(original, BEFORE) });
  expect(result?.after.basis).toEqual({
    kind: 'proportion',
    ...directCount(worlds.control.events, AFTER),
  });
  const [low, high] = result?.comparison.interval ?? [Number.NaN, Number.NaN];
  expect(low).toBeLessThan(0);
  expect(high).toBeGreaterThan(0);
  expect(result?.comparison.verdict).toBe('no change');
});
