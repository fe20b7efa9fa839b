import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assignSegment } from '../src/model/segment-rule.js';
import { compileActivityMatcher } from '../src/model/workspace-activities.js';
import type { TWorkspace } from '../src/model/workspace-schema.js';
import { parseWorkspace } from '../src/model/workspace.js';
import { parseCsvObjects } from './csv-read.js';
import type { TGroundTruth } from './ground-truth-document.js';
import { EVENT_COLUMNS, FEEDBACK_COLUMNS, generateDemo, type TDemoSummary } from './generate.js';

const FILES = [
  'journeylens.yaml',
  'data/customers.csv',
  'data/events.csv',
  'data/feedback.csv',
  'ground-truth.json',
];
const CUSTOMERS = 1500;

type TRow = Record<string, string>;
let root: string;
let run: TDemoSummary;
let again: TDemoSummary;
let other: TDemoSummary;
let smaller: TDemoSummary;
let workspace: TWorkspace;
let events: TRow[];
let customers: TRow[];
let feedback: TRow[];
let truth: TGroundTruth;
let touchpointOf: (activity: string) => string | undefined;

const read = (summary: TDemoSummary, file: string): string =>
  readFileSync(join(summary.out, file), 'utf8');
const hash = (summary: TDemoSummary, file: string): string =>
  createHash('sha256')
    .update(readFileSync(join(summary.out, file)))
    .digest('hex');
const touchpointById = (id: string) => workspace.touchpoints.find((t) => t.id === id);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'jl-demo-'));
  const progress: number[] = [];
  run = await generateDemo({
    seed: 7,
    out: join(root, 'a'),
    customers: CUSTOMERS,
    onProgress: (done) => progress.push(done),
  });
  expect(progress.at(-1)).toBe(CUSTOMERS);
  again = await generateDemo({ seed: 7, out: join(root, 'b'), customers: CUSTOMERS });
  other = await generateDemo({ seed: 8, out: join(root, 'c'), customers: 300 });
  smaller = await generateDemo({ seed: 7, out: join(root, 'd'), customers: 300 });
  const parsed = parseWorkspace(read(run, 'journeylens.yaml'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors, null, 2));
  workspace = parsed.workspace;
  const match = compileActivityMatcher(workspace);
  touchpointOf = (activity) => match(activity);
  events = parseCsvObjects(read(run, 'data/events.csv'));
  customers = parseCsvObjects(read(run, 'data/customers.csv'));
  feedback = parseCsvObjects(read(run, 'data/feedback.csv'));
  truth = JSON.parse(read(run, 'ground-truth.json')) as TGroundTruth;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('determinism', () => {
  test('the same seed gives byte-identical files', () => {
    for (const file of FILES) expect(hash(again, file), file).toBe(hash(run, file));
  });

  test('another seed gives other customers and events; fewer customers give a prefix', () => {
    const head = (s: TDemoSummary, file: string, lines: number) =>
      read(s, file).split('\n').slice(0, lines).join('\n');
    expect(head(other, 'data/customers.csv', 301)).not.toBe(head(run, 'data/customers.csv', 301));
    expect(head(other, 'data/events.csv', 200)).not.toBe(head(run, 'data/events.csv', 200));
    expect(read(smaller, 'data/customers.csv')).toBe(head(run, 'data/customers.csv', 301) + '\n');
    const smallEvents = read(smaller, 'data/events.csv');
    expect(read(run, 'data/events.csv').startsWith(smallEvents)).toBe(true);
  });

  test('rejects options it cannot honour', async () => {
    await expect(generateDemo({ seed: -1, out: root })).rejects.toThrow(/seed/);
    await expect(generateDemo({ seed: 1, out: root, customers: 0 })).rejects.toThrow(/customers/);
  });
});

describe('the workspace', () => {
  test('validates with parseWorkspace and describes a believable company', () => {
    expect(workspace.name).toBe('Larkspur Living');
    expect(workspace.stages).toEqual([
      'Awareness',
      'Interest',
      'Intent',
      'Purchase',
      'Fulfilment',
      'Activation',
      'Support',
      'Retention',
    ]);
    expect(workspace.channels.length).toBeGreaterThanOrEqual(6);
    expect(workspace.teams.length).toBeGreaterThanOrEqual(6);
    expect(workspace.touchpoints.length).toBeGreaterThanOrEqual(25);
    expect(workspace.touchpoints.length).toBeLessThanOrEqual(40);
    expect(workspace.contactReasons.length).toBeGreaterThanOrEqual(6);
    const exact = workspace.touchpoints.filter((t) => t.activities.some((a) => !a.startsWith('/')));
    const patterned = workspace.touchpoints.filter((t) =>
      t.activities.some((a) => a.startsWith('/')),
    );
    expect(exact.length).toBeGreaterThan(5);
    expect(patterned.length).toBeGreaterThan(5);
    // Several ideal journeys per segment.
    for (const s of workspace.segments) {
      expect(workspace.idealJourneys.filter((j) => j.segment === s.id).length).toBeGreaterThan(2);
    }
  });

  test('every activity in events.csv maps to a touchpoint of the workspace', () => {
    const unmapped = new Set(events.map((e) => e.activity).filter((a) => !touchpointOf(a ?? '')));
    expect([...unmapped]).toEqual([]);
  });

  test('customers.csv segments by the workspace rules as the ground truth says', () => {
    expect(customers).toHaveLength(CUSTOMERS);
    const counts: Record<string, number> = {};
    for (const c of customers) {
      const id = assignSegment(workspace, c)?.id ?? 'none';
      counts[id] = (counts[id] ?? 0) + 1;
    }
    expect(counts).toEqual(truth.counts.customersBySegment);
    expect(Object.keys(counts)).toHaveLength(6);
  });
});

describe('events.csv', () => {
  test('has the documented header and about twenty events per customer', () => {
    expect(read(run, 'data/events.csv').split('\n', 1)[0]).toBe(EVENT_COLUMNS.join(','));
    expect(events).toHaveLength(run.events);
    expect(run.events / CUSTOMERS).toBeGreaterThan(17);
    expect(run.events / CUSTOMERS).toBeLessThan(24);
  });

  test('covers every stage, at least 6 channels and 6 owning teams', () => {
    const tps = events.map((e) => touchpointById(touchpointOf(e.activity ?? '') ?? ''));
    expect(new Set(tps.map((t) => t?.stage))).toEqual(new Set(workspace.stages));
    expect(new Set(events.map((e) => e.channel)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(tps.map((t) => t?.owner)).size).toBeGreaterThanOrEqual(6);
  });

  test('is sorted by customer then time, in 2025 UTC, with some equal timestamps', () => {
    let ties = 0;
    const bad: string[] = [];
    for (let i = 1; i < events.length; i++) {
      const [a, b] = [events[i - 1] as TRow, events[i] as TRow];
      if (!/^2025-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(b.timestamp ?? '')) bad.push(`time ${i}`);
      if (a.customer_id !== b.customer_id) {
        if ((a.customer_id ?? '') >= (b.customer_id ?? '')) bad.push(`customer order ${i}`);
      } else if ((a.timestamp ?? '') > (b.timestamp ?? '')) bad.push(`time order ${i}`);
      else if (a.timestamp === b.timestamp) ties++;
    }
    expect(bad).toEqual([]);
    expect(ties).toBeGreaterThan(100);
  });

  test('carries a known contact reason on contacts only, and valid outcomes and numbers', () => {
    const reasons = new Set(
      workspace.contactReasons.flatMap((r) => r.secondary.map((s) => `${r.id}/${s.id}`)),
    );
    const bad: TRow[] = [];
    let contacts = 0;
    for (const e of events) {
      const numbers = [e.duration_s, e.wait_s, e.cost].map(Number);
      if (!['ok', 'failed', 'abandoned'].includes(e.outcome ?? '')) bad.push(e);
      if (numbers.some((n) => !(n >= 0))) bad.push(e);
      if (e.reason === '') continue;
      contacts++;
      const stage = touchpointById(touchpointOf(e.activity ?? '') ?? '')?.stage;
      if (!reasons.has(e.reason ?? '') || stage !== 'Support') bad.push(e);
    }
    expect(bad).toEqual([]);
    expect(contacts).toBeGreaterThan(CUSTOMERS / 5);
  });
});

describe('feedback.csv', () => {
  test('holds CSAT, NPS and CES in their ranges, with quoted verbatims read back intact', () => {
    expect(read(run, 'data/feedback.csv').split('\n', 1)[0]).toBe(FEEDBACK_COLUMNS.join(','));
    expect(feedback).toHaveLength(run.feedback);
    const range: Record<string, [number, number]> = { csat: [1, 5], nps: [0, 10], ces: [1, 7] };
    for (const f of feedback) {
      const [lo, hi] = range[f.kind ?? ''] ?? [NaN, NaN];
      expect(Number(f.score)).toBeGreaterThanOrEqual(lo);
      expect(Number(f.score)).toBeLessThanOrEqual(hi);
      if (f.touchpoint !== '') expect(touchpointById(f.touchpoint ?? '')).toBeDefined();
    }
    expect(new Set(feedback.map((f) => f.kind))).toEqual(new Set(['csat', 'nps', 'ces']));
    expect(feedback.some((f) => f.verbatim?.includes('"') && f.verbatim.includes(','))).toBe(true);
  });

  test('customers with a late delivery give a lower NPS, as the ground truth reports', () => {
    const late = new Set(
      events
        .filter((e) => touchpointOf(e.activity ?? '') === 'delivery' && Number(e.wait_s) > 259_200)
        .map((e) => e.customer_id),
    );
    const nps = feedback.filter((f) => f.kind === 'nps');
    const mean = (rows: TRow[]) => rows.reduce((s, f) => s + Number(f.score), 0) / rows.length;
    const exposed = nps.filter((f) => late.has(f.customer_id));
    const others = nps.filter((f) => !late.has(f.customer_id));
    const gap = truth.feedbackGaps.npsByCustomer.lateDelivery;
    if (gap === undefined) throw new Error('no late-delivery gap');
    expect(exposed.length).toBe(gap.exposed.n);
    expect(mean(exposed)).toBeCloseTo(gap.exposed.mean, 3);
    expect(mean(others)).toBeCloseTo(gap.notExposed.mean, 3);
    expect(gap.gapNps ?? 0).toBeLessThan(-15);
  });
});
