/** Conditions and alerts in words, and who may acknowledge, as tables. */
import { describe, expect, it } from 'vitest';
import type { TAlert, TAlertRule } from '../../../service/alerts/alert-types.js';
import type { TMe } from '../../api.js';
import { canAcknowledge, conditionText, inboxQuery, valueText } from './alert-view.js';

type TRulePart = Pick<TAlertRule, 'metric' | 'condition' | 'period'>;
const friction = { kind: 'friction', type: 'repeat_contact', touchpoint: 'call' } as const;

describe('conditionText', () => {
  it.each<[TRulePart, string]>([
    [
      {
        metric: friction,
        period: 'week',
        condition: { kind: 'absolute', direction: 'above', threshold: 0.05 },
      },
      'above 5.0% over the last week',
    ],
    [
      {
        metric: { kind: 'momentSatisfaction', moment: 'touchpoint:call', survey: 'nps' },
        period: 'month',
        condition: { kind: 'absolute', direction: 'below', threshold: 10, confidence: 'interval' },
      },
      'below +10 NPS over the last month (whole 95% interval)',
    ],
    [
      {
        metric: friction,
        period: 'week',
        condition: {
          kind: 'relative',
          direction: 'above',
          change: 0.2,
          baseline: { kind: 'previous', periods: 4 },
          hysteresis: 0.1,
        },
      },
      '20% above the previous 4 weeks, over the last week (resolves 10% past the limit)',
    ],
    [
      {
        metric: { kind: 'stageConversion', stage: 'Purchase' },
        period: 'day',
        condition: {
          kind: 'relative',
          direction: 'below',
          change: 0.1,
          baseline: { kind: 'fixed', from: '2026-01-01', to: '2026-02-01T00:00:00Z' },
        },
      },
      '10% below 2026-01-01 to 2026-02-01, over the last day',
    ],
  ])('%#: %s', (rule, text) => {
    expect(conditionText(rule)).toBe(text);
  });
});

const alert = (over: Partial<TAlert> = {}): TAlert => ({
  id: 'al_1',
  ruleId: 'ar_1',
  ruleName: 'Repeat calls',
  metric: friction,
  metricLabel: 'repeat-contact rate at Call',
  unit: 'share',
  teams: ['care'],
  status: 'open',
  raisedAt: '2026-03-15T12:00:00.000Z',
  resolvedAt: null,
  reason: '',
  resolvedReason: null,
  raised: {
    value: 0.08,
    n: 400,
    low: 0.06,
    high: 0.11,
    limit: 0.05,
    baseline: null,
    from: '',
    to: '',
  },
  latest: { value: 0.09, n: 500, low: null, high: null, at: '' },
  acknowledgedAt: null,
  acknowledgedBy: null,
  ...over,
});

describe('valueText', () => {
  it('shows the value with its interval, the limit and n', () => {
    expect(valueText(alert(), 'raised')).toBe('8.0% (95% CI 6.0%–11.0%), limit 5.0%, n = 400');
    expect(valueText(alert())).toBe('9.0%, limit 5.0%, n = 500');
  });
});

describe('canAcknowledge', () => {
  const me = (role: TMe['role'], team: string | null = null): TMe => ({
    kind: 'user',
    id: 'u',
    name: 'u',
    role,
    team,
  });
  it.each<[string, TMe, TAlert, boolean]>([
    ['cx: any alert', me('cx'), alert({ teams: ['web'] }), true],
    ['admin: any alert', me('admin'), alert({ teams: [] }), true],
    ['team member: their team', me('team', 'care'), alert(), true],
    ['team member: another team', me('team', 'web'), alert(), false],
    ['viewer: never', me('viewer'), alert(), false],
    ['nobody twice', me('cx'), alert({ acknowledgedAt: '2026-03-15T13:00:00Z' }), false],
  ])('%s', (_, who, a, can) => {
    expect(canAcknowledge(who, a)).toBe(can);
  });
});

describe('inboxQuery', () => {
  it('asks for open alerts by default, any status with all, and one team', () => {
    expect(inboxQuery(undefined, undefined)).toBe('/api/alerts?status=open&limit=200');
    expect(inboxQuery('all', 'care')).toBe('/api/alerts?team=care&limit=200');
    expect(inboxQuery('resolved', '')).toBe('/api/alerts?status=resolved&limit=200');
  });
});
