import { describe, expect, it } from 'vitest';
import type { TSatisfaction } from '../../../analysis/satisfaction.js';
import {
  emptyForm,
  perMonthText,
  responseSegments,
  satisfactionText,
  saveBody,
  toggle,
} from './assessment-view.js';

const metric = (m: Partial<TSatisfaction>): TSatisfaction => ({
  kind: 'csat',
  n: 120,
  customers: 100,
  suppressed: false,
  measure: 'satisfied share',
  score: { value: 0.82, low: 0.741, high: 0.88 },
  mean: null,
  positiveShare: null,
  ...m,
});

describe('satisfactionText', () => {
  it.each([
    [metric({}), 'CSAT 82.0% (95%: 74.1% to 88.0%), n = 120'],
    [
      metric({ kind: 'nps', measure: 'nps', score: { value: -12.4, low: -20, high: -4.9 } }),
      'NPS −12 (95%: −20 to −5), n = 120',
    ],
    [
      metric({
        kind: 'ces',
        measure: 'mean',
        n: 1234,
        score: { value: 3.667, low: 2.1, high: 5.2 },
      }),
      'CES 3.67 (95%: 2.10 to 5.20), n = 1,234',
    ],
    [metric({ suppressed: true, score: null, n: 4 }), 'CSAT: too few answers (n = 4)'],
  ])('%#', (m, text) => {
    expect(satisfactionText(m)).toBe(text);
  });
});

it('perMonthText: a decimal only for small fractional rates', () => {
  expect(perMonthText(2 / 3)).toBe('0.7 a month');
  expect(perMonthText(2)).toBe('2 a month');
  expect(perMonthText(12345.6)).toBe('12,346 a month');
});

it('responseSegments: the affected segments first, then those already answered', () => {
  expect(responseSegments(['vip', 'regular'], { gold: 'x', vip: 'y' })).toEqual([
    'vip',
    'regular',
    'gold',
  ]);
});

describe('saveBody', () => {
  const filled = {
    ...emptyForm('care'),
    title: 'Callback',
    change: 'Call back instead of queueing',
    plannedGoLive: '2026-03-01',
    touchpoints: ['call'],
  };
  it.each([
    [{ title: ' ' }, 'Give the change a title.'],
    [{ change: '' }, 'Describe the change.'],
    [{ plannedGoLive: '' }, 'Choose the planned go-live date.'],
    [{ ownerTeam: '' }, 'Choose the team that makes the change.'],
    [{ touchpoints: [] }, 'Select at least one touchpoint.'],
  ])('refuses %o', (change, error) => {
    expect(saveBody({ ...filled, ...change })).toEqual({ error });
  });
  it('drops empty per-segment answers', () => {
    const out = saveBody({
      ...filled,
      answers: { ...filled.answers, response: { vip: 'Happy', regular: ' ' } },
    });
    expect('body' in out && out.body.answers.response).toEqual({ vip: 'Happy' });
  });
});

it('toggle keeps the workspace order', () => {
  expect(toggle(['call'], 'pay', ['browse', 'pay', 'call'])).toEqual(['pay', 'call']);
  expect(toggle(['pay', 'call'], 'pay', ['browse', 'pay', 'call'])).toEqual(['call']);
});
