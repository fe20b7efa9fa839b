/**
 * Voice of the customer on a generated demo company: the satisfaction drops the generator
 * seeded are found with the right sign, and each 95% interval covers the effect as seeded —
 * the mean NPS of customers who met the friction in the year before answering minus the
 * others', which the generator records from its own labels (ground-truth.json,
 * feedbackGaps.npsAfterExposure), not from the analysis. Only the kinds that are one friction
 * type at one touchpoint, or one type anywhere, can be compared one to one.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TGroundTruth } from '../demo/ground-truth-document.js';
import { generateDemo } from '../demo/generate.js';
import { analyze, type TAnalysis } from '../src/service/analyze.js';
import { loadWorkspaceDir } from '../src/service/workspace-files.js';
import { openStore } from '../src/service/workspace-store.js';
import { importDemoData } from '../demo/import-demo.js';

/** Exposure kinds of the generator → the friction key the analysis reports them under. */
const ONE_TO_ONE: Record<string, string> = {
  lateDelivery: 'friction|wait|delivery',
  repeatContact: 'friction|repeat_contact',
  channelSwitch: 'friction|channel_switch',
  notReady: 'friction|failure|collect-in-store',
  assemblyNoShow: 'friction|failure|assembly',
  loginFailure: 'friction|failure|login',
};

let dir: string;
let analysis: TAnalysis;
let truth: TGroundTruth;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jl-feedback-demo-'));
  await generateDemo({ seed: 7, customers: 25_000, out: dir });
  truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as TGroundTruth;
  const store = await openStore(':memory:');
  try {
    await importDemoData(store, dir);
    analysis = await analyze(store, await loadWorkspaceDir(dir));
  } finally {
    await store.close();
  }
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('reads every response the generator wrote, tied as the surveys say', () => {
  const f = analysis.feedback;
  expect(f.responses).toBe(truth.counts.feedback);
  expect(f.kinds.map((k) => [k.kind, k.n])).toEqual(
    Object.entries(truth.counts.feedbackByKind).sort(([a], [b]) => a.localeCompare(b)),
  );
  // CSAT and CES name their touchpoint; relationship NPS is about no single touchpoint.
  expect(f.attribution.map((a) => [a.kind, a.method])).toEqual([
    ['ces', 'touchpoint'],
    ['csat', 'touchpoint'],
    ['nps', 'none'],
  ]);
});

it.each(Object.entries(ONE_TO_ONE))(
  'finds the seeded NPS drop of %s with its sign, the interval covering the seeded effect',
  (kind, key) => {
    const seeded = truth.feedbackGaps.npsAfterExposure[kind];
    const gap = analysis.feedback.gaps.find((g) => g.key === key && g.kind === 'nps');
    expect(seeded, kind).toBeDefined();
    expect(gap, key).toBeDefined();
    // A suppressed gap (no interval) is a failure here, not a reason to skip the checks.
    expect(gap?.meanGap ?? null, key).not.toBeNull();
    if (seeded === undefined || gap?.meanGap == null) return;
    expect(gap.exposed.n).toBe(seeded.exposed.n);
    expect(gap.meanGap.value).toBeLessThan(0);
    expect(gap.meanGap.low).toBeLessThanOrEqual(seeded.gapMean);
    expect(gap.meanGap.high).toBeGreaterThanOrEqual(seeded.gapMean);
  },
);

it('draws each ideal journey’s measured emotion beside the designed one', () => {
  const online = analysis.feedback.emotionCurves.find(
    (c) => c.journeyId === 'online-purchase-regular',
  );
  const delivery = online?.steps.find((s) => s.touchpoint === 'delivery');
  expect(delivery?.expected).toBe(2);
  // Delivery CSAT of regular customers: measured, with its interval, on −2…+2.
  expect(delivery?.suppressed).toBe(false);
  expect(delivery?.measured?.value).toBeGreaterThan(-2);
  expect(delivery?.measured?.value).toBeLessThan(2);
  // And what the verbatims say there, on the same scale.
  expect(delivery?.sentiment?.n).toBeGreaterThan(30);
  expect(Math.abs(delivery?.sentiment?.onCurve ?? 9)).toBeLessThanOrEqual(2);
});

it('finds themes in the verbatims, each with its touchpoints and quotes', () => {
  const { themes, verbatims, read } = analysis.feedback.verbatims;
  expect(read).toBe(Math.min(verbatims, 20_000));
  expect(themes.length).toBeGreaterThan(5);
  for (const t of themes.slice(0, 5)) {
    expect(t.quotes.length).toBeGreaterThan(0);
    expect(t.touchpoints.length + t.stages.length).toBeGreaterThan(0);
  }
});

it('weighs which frictions drive NPS, the shares of R² summing to 1', () => {
  const nps = analysis.feedback.drivers.find((d) => d.kind === 'nps');
  expect(nps?.reason).toBeNull();
  const result = nps?.result;
  expect(result?.r2).toBeGreaterThan(0);
  expect(result?.r2).toBeLessThan(1);
  const shares = result?.drivers.map((d) => d.rescaledWeight) ?? [];
  expect(shares.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 9);
  // The generator penalises NPS for repeat contacts, waits and switches among others.
  expect(result?.drivers.map((d) => d.feature)).toEqual(
    expect.arrayContaining(['repeat_contact', 'wait', 'channel_switch']),
  );
});
