/**
 * The rule editor's form: shares typed in percent become fractions, the condition and its
 * baseline are built from the inputs, each missing or wrong input is named, and a rule read
 * back into the form gives the same body.
 */
import { describe, expect, it } from 'vitest';
import type { TAlertRule } from '../../../service/alerts/alert-types.js';
import { bodyOf, emptyForm, formOf, thresholdInPercent, type TRuleForm } from './rule-form.js';

const form = (over: Partial<TRuleForm>): TRuleForm => ({
  ...emptyForm(),
  name: 'Repeat calls',
  ...over,
});

describe('bodyOf', () => {
  it('turns a friction share typed in percent into a fraction', () => {
    const r = bodyOf(form({ touchpoint: 'call', threshold: '5' }));
    expect(r).toEqual({
      ok: true,
      body: {
        name: 'Repeat calls',
        description: null,
        metric: { kind: 'friction', type: 'repeat_contact', per: 'customer', touchpoint: 'call' },
        condition: { kind: 'absolute', threshold: 0.05 },
        period: 'week',
        minN: 30,
        notify: { inApp: true, webhooks: [] },
        enabled: true,
      },
    });
  });

  it.each([
    ['a rate per 1,000 journeys as it is', { per: 'journeys', threshold: '12.5' } as const, 12.5],
    [
      'an NPS in points',
      {
        metricKind: 'momentSatisfaction',
        moment: 'touchpoint:call',
        survey: 'nps',
        threshold: '-10',
      } as const,
      -10,
    ],
    [
      'a CSAT as typed (its unit depends on the scale)',
      {
        metricKind: 'momentSatisfaction',
        moment: 'rule:x',
        survey: 'csat',
        threshold: '3.8',
      } as const,
      3.8,
    ],
    [
      'a conversion in percent',
      { metricKind: 'stageConversion', stage: 'Purchase', threshold: '40' } as const,
      0.4,
    ],
  ])('takes %s', (_, over, threshold) => {
    const r = bodyOf(form(over));
    expect(r.ok && r.body['condition']).toEqual({ kind: 'absolute', threshold });
  });

  it('builds a relative condition against the previous periods or a fixed period', () => {
    const previous = bodyOf(
      form({ conditionKind: 'relative', change: '20', periods: '4', direction: 'above' }),
    );
    expect(previous.ok && previous.body['condition']).toEqual({
      kind: 'relative',
      change: 0.2,
      baseline: { kind: 'previous', periods: 4 },
      direction: 'above',
    });
    const fixed = bodyOf(
      form({
        conditionKind: 'relative',
        change: '10',
        baselineKind: 'fixed',
        baselineFrom: '2026-01-01',
        baselineTo: '2026-02-01',
        wholeInterval: true,
        hysteresis: '10',
      }),
    );
    expect(fixed.ok && fixed.body['condition']).toEqual({
      kind: 'relative',
      change: 0.1,
      baseline: { kind: 'fixed', from: '2026-01-01', to: '2026-02-01' },
      confidence: 'interval',
      hysteresis: 0.1,
    });
  });

  it.each([
    ['no name', { name: ' ', threshold: '5' }, { name: 'Give the rule a name.' }],
    ['no threshold', { threshold: '' }, { threshold: 'Enter a number.' }],
    ['a share over 100%', { threshold: '140' }, { threshold: 'A share is between 0 and 100%.' }],
    ['no stage', { metricKind: 'stageConversion', threshold: '4' }, { stage: 'Choose a stage.' }],
    [
      'no moment',
      { metricKind: 'momentSuccess', threshold: '90' },
      { moment: 'Choose a moment of truth.' },
    ],
    [
      'no change',
      { conditionKind: 'relative', change: '0' },
      { change: 'Enter a change above 0%.' },
    ],
    [
      'too many periods',
      { conditionKind: 'relative', periods: '60' },
      { periods: 'Between 1 and 52 periods.' },
    ],
    [
      'a baseline ending before it starts',
      {
        conditionKind: 'relative',
        baselineKind: 'fixed',
        baselineFrom: '2026-02-01',
        baselineTo: '2026-01-01',
      },
      { baselineTo: 'The end must come after the start.' },
    ],
    [
      'a fractional minimum n',
      { threshold: '5', minN: '2.5' },
      { minN: 'A whole number, at least 1.' },
    ],
  ] as const)('names the field at fault: %s', (_, over, errors) => {
    expect(bodyOf(form(over as Partial<TRuleForm>))).toEqual({ ok: false, errors });
  });
});

describe('formOf', () => {
  it('reads a rule back into the same body', () => {
    const sent = bodyOf(
      form({ touchpoint: 'call', threshold: '7.5', hysteresis: '20', minN: '50', period: 'day' }),
    );
    if (!sent.ok) throw new Error('not ok');
    const rule = {
      id: 'ar_1',
      ...sent.body,
      condition: { ...(sent.body['condition'] as object), direction: 'above' },
      metricLabel: '',
      state: 'ok',
      openAlertId: null,
      teams: [],
      lastEvaluatedAt: null,
      createdBy: '',
      createdAt: '',
      updatedAt: '',
    } as unknown as TAlertRule;
    const again = bodyOf(formOf(rule));
    expect(again).toEqual({
      ok: true,
      body: {
        ...sent.body,
        condition: { ...(sent.body['condition'] as object), direction: 'above' },
      },
    });
    expect(thresholdInPercent(formOf(rule))).toBe(true);
  });
});
