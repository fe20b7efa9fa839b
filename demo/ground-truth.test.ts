/**
 * ground-truth.json against the files it describes: every count it reports is recomputed here
 * from the CSV and the workspace, by the written definitions, with code of its own.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileActivityMatcher } from '../src/model/workspace-activities.js';
import type { TWorkspace } from '../src/model/workspace-schema.js';
import { parseWorkspace } from '../src/model/workspace.js';
import { FRICTION_SETTING } from '../src/model/gap-kinds.js';
import { parseCsvObjects } from './csv-read.js';
import type { TGroundTruth } from './ground-truth-document.js';
import { generateDemo, type TDemoSummary } from './generate.js';

const CUSTOMERS = 1500;
const DAY_MS = 86_400_000;

type TRow = Record<string, string>;
let root: string;
let run: TDemoSummary;
let workspace: TWorkspace;
let events: TRow[];
let feedback: TRow[];
let truth: TGroundTruth;
let touchpointOf: (activity: string) => string | undefined;

const touchpointById = (id: string) => workspace.touchpoints.find((t) => t.id === id);
const touchpointOfRow = (e: TRow): string => touchpointOf(e.activity ?? '') ?? '?';
const countBy = (rows: TRow[], key: (e: TRow) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const k of rows.map(key)) out[k] = (out[k] ?? 0) + 1;
  return out;
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'jl-truth-'));
  run = await generateDemo({ seed: 7, out: root, customers: CUSTOMERS });
  const read = (file: string): string => readFileSync(join(root, file), 'utf8');
  const parsed = parseWorkspace(read('journeylens.yaml'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors, null, 2));
  workspace = parsed.workspace;
  touchpointOf = compileActivityMatcher(workspace);
  events = parseCsvObjects(read('data/events.csv'));
  feedback = parseCsvObjects(read('data/feedback.csv'));
  truth = JSON.parse(read('ground-truth.json')) as TGroundTruth;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('ground-truth.json', () => {
  test('counts what was written', () => {
    expect(truth.seed).toBe(7);
    expect(truth.counts.customers).toBe(CUSTOMERS);
    expect(truth.counts.events).toBe(events.length);
    expect(truth.counts.feedback).toBe(feedback.length);
    expect(truth.counts.cases).toBe(new Set(events.map((e) => e.case_id)).size);
    expect(run.cases).toBe(truth.counts.cases);
  });

  test('lists each seeded (type, touchpoint) once, sorted, agreeing with the per-type section', () => {
    const seeded = truth.seededFrictions;
    const keys = seeded.map((f) => `${f.type} ${f.touchpoint}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(seeded.map((f) => f.type)).size).toBe(7);
    for (const [type, kind] of Object.entries(FRICTION_SETTING)) {
      const mine = seeded.filter((f) => f.type === type);
      expect(mine.every((f) => f.customers > 0 && f.occurrences >= f.customers)).toBe(true);
      expect(Object.fromEntries(mine.map((f) => [f.touchpoint, f.occurrences]))).toEqual(
        truth.frictions[kind].byTouchpoint,
      );
    }
  });

  test('failures equal the rows with that outcome', () => {
    const failed = events.filter((e) => e.outcome === 'failed');
    expect(truth.frictions.failure.occurrences).toBe(failed.length);
    expect(truth.frictions.failure.customersAffected).toBe(
      new Set(failed.map((e) => e.customer_id)).size,
    );
    expect(truth.frictions.failure.byTouchpoint).toEqual(countBy(failed, touchpointOfRow));
  });

  test('abandonments recomputed from the CSV by the drop-off rule match', () => {
    const { withinDays, stages } = workspace.friction.abandonment;
    const order = new Map(workspace.stages.map((s, i) => [s, i]));
    const stageOf = (e: TRow) => touchpointById(touchpointOfRow(e))?.stage ?? '';
    const dataEnd = Math.max(...events.map((e) => Date.parse(e.timestamp ?? '')));
    const hits = new Set(events.filter((e) => e.outcome === 'abandoned'));
    const journeys = new Map<string, TRow[]>();
    for (const e of events) {
      const steps = journeys.get(e.case_id ?? '');
      if (steps === undefined) journeys.set(e.case_id ?? '', [e]);
      else steps.push(e);
    }
    for (const steps of journeys.values()) {
      const furthest = Math.max(...steps.map((e) => order.get(stageOf(e)) ?? -1));
      const stage = workspace.stages[furthest] ?? '';
      const entry = steps.find((e) => stageOf(e) === stage);
      const last = steps[steps.length - 1];
      if (!stages?.includes(stage) || entry === undefined || last === undefined) continue;
      if (dataEnd - Date.parse(entry.timestamp ?? '') >= withinDays * DAY_MS) hits.add(last);
    }
    const abandoned = [...hits];
    expect(abandoned.length).toBeGreaterThan(
      events.filter((e) => e.outcome === 'abandoned').length,
    );
    expect(truth.frictions.abandonment.occurrences).toBe(abandoned.length);
    expect(truth.frictions.abandonment.customersAffected).toBe(
      new Set(abandoned.map((e) => e.customer_id)).size,
    );
    expect(truth.frictions.abandonment.byTouchpoint).toEqual(countBy(abandoned, touchpointOfRow));
  });

  test('repeat contacts and channel switches recomputed from the CSV match', () => {
    const { withinDays } = workspace.friction.repeatContact;
    let repeats = 0;
    let switches = 0;
    const last = new Map<string, TRow>(); // customer|reason → previous contact
    for (const e of events) {
      if (e.reason === '') continue;
      const key = `${e.customer_id}|${e.reason}`;
      const previous = last.get(key);
      if (previous !== undefined) {
        const days =
          (Date.parse(e.timestamp ?? '') - Date.parse(previous.timestamp ?? '')) / DAY_MS;
        if (days <= withinDays) repeats++;
        if (days <= workspace.friction.channelSwitch.withinDays && previous.channel !== e.channel) {
          switches++;
        }
      }
      last.set(key, e);
    }
    expect(repeats).toBeGreaterThan(50);
    expect(truth.frictions.repeatContact.occurrences).toBe(repeats);
    expect(truth.frictions.channelSwitch.occurrences).toBe(switches);
  });

  test('waits above the service level recomputed with the workspace service levels match', () => {
    const { defaultSeconds, serviceLevels } = workspace.friction.wait;
    const level = new Map<string, number>(
      serviceLevels.flatMap((s) => ('touchpoint' in s ? [[s.touchpoint, s.seconds]] : [])),
    );
    const above = events.filter(
      (e) => Number(e.wait_s) > (level.get(touchpointOfRow(e)) ?? defaultSeconds),
    );
    // Between two steps: a `to` step too long after the latest `from` step of its journey.
    for (const between of serviceLevels.flatMap((s) => ('from' in s ? [s] : []))) {
      const since = new Map<string, number>();
      for (const e of events) {
        const id = touchpointOfRow(e);
        const t = Date.parse(e.timestamp ?? '');
        if (id === between.from) since.set(e.case_id ?? '', t);
        const from = since.get(e.case_id ?? '');
        if (id === between.to && from !== undefined && t - from > between.seconds * 1000) {
          above.push(e);
        }
      }
    }
    expect(truth.frictions.wait.occurrences).toBe(above.length);
    expect(truth.frictions.wait.byTouchpoint.refund).toBeGreaterThan(0);
  });

  test('reports conversion per stage, deviations per ideal journey and the seeded rates', () => {
    const all = truth.conversion.byJourney.all;
    if (all === undefined) throw new Error('no conversion');
    expect(all.reached.Interest).toBeGreaterThan(all.reached.Purchase ?? Infinity);
    expect(all.conversionRate).toBeGreaterThan(0.3);
    expect(all.conversionRate).toBeLessThan(0.8);
    const online = truth.deviations.byDesign['online-purchase'];
    if (online === undefined) throw new Error('no online-purchase deviations');
    expect(online.completed).toBeGreaterThan(100);
    for (const kind of ['skipped', 'extra', 'repeated', 'outOfOrder'] as const) {
      expect(online.instancesWith[kind], kind).toBeGreaterThan(0);
    }
    expect(Object.keys(truth.deviations.byJourney)).toEqual(
      workspace.idealJourneys.map((j) => j.id),
    );
    expect(truth.seededRates.lateDelivery).toBeGreaterThan(0);
  });
});
