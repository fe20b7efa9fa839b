/**
 * The decision of an alert rule, as tables: absolute and relative thresholds in both
 * directions, the baseline windows, minimum n (in the period and in the baseline), the
 * whole-interval option, and the state machine — one raise per breach, resolve once back
 * (past the hysteresis), nothing in between however often it is evaluated.
 */
import { describe, expect, it } from 'vitest';
import { decide, evaluationWindows, PERIOD_MS, type TDecisionInput } from './alert-decision.js';
import type { TAlertCondition, TMeasure, TRuleState } from './alert-types.js';

const m = (value: number | null, n = 100, low?: number, high?: number): TMeasure => ({
  value,
  n,
  low: low ?? value,
  high: high ?? value,
});

const above5: TAlertCondition = { kind: 'absolute', direction: 'above', threshold: 0.05 };
const below4: TAlertCondition = { kind: 'absolute', direction: 'below', threshold: 4 };
const worse20: TAlertCondition = {
  kind: 'relative',
  direction: 'above',
  change: 0.2,
  baseline: { kind: 'previous', periods: 4 },
};
const drop10: TAlertCondition = {
  kind: 'relative',
  direction: 'below',
  change: 0.1,
  baseline: { kind: 'fixed', from: '2026-01-01', to: '2026-02-01' },
};

type TRow = [
  string,
  Omit<TDecisionInput, 'minN' | 'state'> & { minN?: number; state?: TRuleState },
  { outcome: string; next: TRuleState; transition: 'raise' | 'resolve' | null; limit?: number },
];

const TABLE: TRow[] = [
  // Absolute, worse when higher (a friction rate).
  [
    'above, under the threshold',
    { condition: above5, current: m(0.04) },
    { outcome: 'ok', next: 'ok', transition: null, limit: 0.05 },
  ],
  [
    'above, at the threshold is not a breach',
    { condition: above5, current: m(0.05) },
    { outcome: 'ok', next: 'ok', transition: null },
  ],
  [
    'above, over the threshold raises',
    { condition: above5, current: m(0.07) },
    { outcome: 'breach', next: 'breached', transition: 'raise', limit: 0.05 },
  ],
  [
    'above, still over: no second alert',
    { condition: above5, current: m(0.09), state: 'breached' },
    { outcome: 'breach', next: 'breached', transition: null },
  ],
  [
    'above, back under resolves',
    { condition: above5, current: m(0.03), state: 'breached' },
    { outcome: 'ok', next: 'ok', transition: 'resolve' },
  ],
  // Absolute, worse when lower (a satisfaction).
  [
    'below, over the threshold',
    { condition: below4, current: m(4.2) },
    { outcome: 'ok', next: 'ok', transition: null },
  ],
  [
    'below, under the threshold raises',
    { condition: below4, current: m(3.8) },
    { outcome: 'breach', next: 'breached', transition: 'raise', limit: 4 },
  ],
  [
    'below, back over resolves',
    { condition: below4, current: m(4.1), state: 'breached' },
    { outcome: 'ok', next: 'ok', transition: 'resolve' },
  ],
  // Relative to a baseline: 20% worse than 0.05 is over 0.06.
  [
    'relative above, 10% worse',
    { condition: worse20, current: m(0.055), baseline: m(0.05) },
    { outcome: 'ok', next: 'ok', transition: null, limit: 0.06 },
  ],
  [
    'relative above, 30% worse raises',
    { condition: worse20, current: m(0.065), baseline: m(0.05) },
    { outcome: 'breach', next: 'breached', transition: 'raise', limit: 0.06 },
  ],
  [
    'relative above, better than baseline',
    { condition: worse20, current: m(0.01), baseline: m(0.05) },
    { outcome: 'ok', next: 'ok', transition: null },
  ],
  // 10% below a conversion of 0.5 is under 0.45.
  [
    'relative below, 5% lower',
    { condition: drop10, current: m(0.475), baseline: m(0.5) },
    { outcome: 'ok', next: 'ok', transition: null, limit: 0.45 },
  ],
  [
    'relative below, 20% lower raises',
    { condition: drop10, current: m(0.4), baseline: m(0.5) },
    { outcome: 'breach', next: 'breached', transition: 'raise', limit: 0.45 },
  ],
  [
    'relative, no baseline measured: nothing decided',
    { condition: worse20, current: m(0.5), baseline: m(null, 0) },
    { outcome: 'insufficient', next: 'ok', transition: null },
  ],
  [
    'relative, baseline missing while breached: stays breached',
    { condition: worse20, current: m(0), baseline: null, state: 'breached' },
    { outcome: 'insufficient', next: 'breached', transition: null },
  ],
  // Minimum n.
  [
    'min n: too few in the period decide nothing',
    { condition: above5, current: m(0.5, 20), minN: 30 },
    { outcome: 'insufficient', next: 'ok', transition: null, limit: 0.05 },
  ],
  [
    'min n: too few do not resolve either',
    { condition: above5, current: m(0, 20), minN: 30, state: 'breached' },
    { outcome: 'insufficient', next: 'breached', transition: null },
  ],
  [
    'min n: exactly enough decides',
    { condition: above5, current: m(0.5, 30), minN: 30 },
    { outcome: 'breach', next: 'breached', transition: 'raise' },
  ],
  [
    'min n: applies to the baseline too',
    { condition: worse20, current: m(0.9, 500), baseline: m(0.05, 10), minN: 30 },
    { outcome: 'insufficient', next: 'ok', transition: null },
  ],
  [
    'no observations at all',
    { condition: above5, current: m(null, 0) },
    { outcome: 'insufficient', next: 'ok', transition: null },
  ],
  // Hysteresis: a 5% limit with 0.2 resolves under 4%.
  [
    'hysteresis: in the band stays breached',
    { condition: { ...above5, hysteresis: 0.2 }, current: m(0.045), state: 'breached' },
    { outcome: 'breach', next: 'breached', transition: null },
  ],
  [
    'hysteresis: past the band resolves',
    { condition: { ...above5, hysteresis: 0.2 }, current: m(0.039), state: 'breached' },
    { outcome: 'ok', next: 'ok', transition: 'resolve' },
  ],
  [
    'hysteresis: in the band does not raise',
    { condition: { ...above5, hysteresis: 0.2 }, current: m(0.045) },
    { outcome: 'ok', next: 'ok', transition: null },
  ],
  [
    'hysteresis below: 4 with 0.1 resolves over 4.4',
    { condition: { ...below4, hysteresis: 0.1 }, current: m(4.3), state: 'breached' },
    { outcome: 'breach', next: 'breached', transition: null },
  ],
  // The whole interval must be past the limit.
  [
    'interval: value over, interval straddles',
    { condition: { ...above5, confidence: 'interval' }, current: m(0.07, 50, 0.03, 0.12) },
    { outcome: 'ok', next: 'ok', transition: null },
  ],
  [
    'interval: whole interval over raises',
    { condition: { ...above5, confidence: 'interval' }, current: m(0.09, 900, 0.07, 0.11) },
    { outcome: 'breach', next: 'breached', transition: 'raise' },
  ],
  [
    'interval below: whole interval under raises',
    { condition: { ...below4, confidence: 'interval' }, current: m(3.5, 900, 3.3, 3.7) },
    { outcome: 'breach', next: 'breached', transition: 'raise' },
  ],
  [
    'interval: resolving reads the value',
    {
      condition: { ...above5, confidence: 'interval' },
      current: m(0.04, 50, 0.01, 0.09),
      state: 'breached',
    },
    { outcome: 'ok', next: 'ok', transition: 'resolve' },
  ],
];

describe('decide', () => {
  it.each(TABLE)('%s', (_, input, expected) => {
    const d = decide({ minN: 1, state: 'ok', ...input });
    expect({ outcome: d.outcome, next: d.next, transition: d.transition }).toEqual({
      outcome: expected.outcome,
      next: expected.next,
      transition: expected.transition,
    });
    if (expected.limit !== undefined) expect(d.limit).toBeCloseTo(expected.limit, 12);
  });

  it('raises once for a breach evaluated many times, and once again for the next breach', () => {
    const values = [0.02, 0.06, 0.08, 0.07, 0.09, 0.03, 0.02, 0.06, 0.06];
    let state: TRuleState = 'ok';
    const transitions: string[] = [];
    for (const v of values) {
      const d = decide({ condition: above5, minN: 1, state, current: m(v) });
      if (d.transition !== null) transitions.push(`${d.transition}@${v}`);
      state = d.next;
    }
    expect(transitions).toEqual(['raise@0.06', 'resolve@0.03', 'raise@0.06']);
  });

  it('explains the decision with the value and the limit', () => {
    expect(decide({ condition: above5, minN: 1, state: 'ok', current: m(0.07) }).reason).toBe(
      '0.07 is above the threshold 0.05',
    );
    expect(
      decide({ condition: worse20, minN: 1, state: 'ok', current: m(0.065), baseline: m(0.05) })
        .reason,
    ).toBe('0.065 is above 0.06 (baseline 0.05 + 20%)');
    expect(decide({ condition: above5, minN: 30, state: 'ok', current: m(0.5, 20) }).reason).toBe(
      '20 observations in the period, fewer than 30',
    );
    expect(decide({ condition: above5, minN: 1, state: 'breached', current: m(0.01) }).reason).toBe(
      'back to normal: 0.01 past 0.05',
    );
  });
});

describe('evaluationWindows', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  const day = PERIOD_MS.day;

  it('measures the last period, ending now', () => {
    expect(evaluationWindows('day', above5, now)).toEqual({
      current: { fromMs: now - day, toMs: now },
      baseline: null,
    });
    expect(evaluationWindows('month', above5, now).current.fromMs).toBe(now - 30 * day);
  });

  it('takes the previous periods just before it as the baseline', () => {
    expect(evaluationWindows('week', worse20, now)).toEqual({
      current: { fromMs: now - 7 * day, toMs: now },
      baseline: { fromMs: now - 35 * day, toMs: now - 7 * day },
    });
  });

  it('or the fixed period given', () => {
    expect(evaluationWindows('week', drop10, now).baseline).toEqual({
      fromMs: Date.parse('2026-01-01T00:00:00Z'),
      toMs: Date.parse('2026-02-01T00:00:00Z'),
    });
  });
});
