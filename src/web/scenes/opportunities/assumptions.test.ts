import { describe, expect, it } from 'vitest';
import {
  rankOpportunities,
  type TGapCounts,
  type TSegmentValue,
} from '../../../analysis/pricing.js';
import {
  applyEdits,
  baselineAssumptions,
  changedFields,
  fieldText,
  opportunityKey,
  parseField,
  reprice,
  type TFieldKey,
} from './assumptions.js';

// What the server does: the workspace's cost model and segments, and the measured counts.
const costModel = {
  costToServe: { phone: 6.5, email: 2.5, web: 0.1 },
  churnRisk: 0.02,
  detractorChurnRisk: 0.1,
  currency: 'EUR',
};
const segments = [
  { id: 'vip', annualValue: 1500 },
  { id: 'regular', annualValue: 310 },
  { id: 'business', annualValue: 4800 },
  { id: 'new' },
] as TSegmentValue[];
const counts: TGapCounts[] = [
  {
    source: 'deviation',
    type: 'extra',
    touchpoint: 'b2b-quote',
    journey: 'self-service-business',
    costsContact: true,
    teams: ['b2b-sales'],
    occurrencesPerMonth: 17.114748009304858,
    channel: 'email',
    customersBySegment: { business: 86 },
  },
  {
    source: 'friction',
    type: 'repeat_contact',
    touchpoint: 'phone-agent',
    costsContact: true,
    teams: ['customer-service'],
    occurrencesPerMonth: 50,
    channel: 'phone',
    customersBySegment: { vip: 10, regular: 100 },
  },
  {
    source: 'friction',
    type: 'abandonment',
    touchpoint: 'store-visit',
    costsContact: true,
    teams: ['stores'],
    occurrencesPerMonth: 100,
    channel: 'web',
    customersBySegment: { regular: 200, new: 5 },
    detractorGap: { value: 0.05, low: 0.01, high: 0.09, n: 140 },
  },
  {
    source: 'deviation',
    type: 'skipped',
    touchpoint: 'help-centre',
    journey: 'online',
    costsContact: false,
    teams: ['customer-service'],
    occurrencesPerMonth: 30,
    channel: 'web',
    customersBySegment: { vip: 20 },
  },
];
const server = rankOpportunities(counts, costModel, segments);
const base = baselineAssumptions(costModel, server);
const totals = (edits: Partial<Record<TFieldKey, string>>) =>
  reprice(server, applyEdits(base, edits).assumptions).map((r) => [
    r.priced.touchpoint,
    r.rank,
    r.serverRank,
    r.priced.totalPerYear,
  ]);

describe('the assumptions the server priced with', () => {
  it('are its cost model and the segment values its opportunities used', () => {
    expect(base).toEqual({
      costToServe: { phone: 6.5, email: 2.5, web: 0.1 },
      churnRisk: 0.02,
      detractorChurnRisk: 0.1,
      segmentValues: { business: 4800, vip: 1500, regular: 310, new: undefined },
    });
  });

  it('list a channel the cost model has no cost for, so a cost can be tried', () => {
    const courier = { ...counts[1]!, channel: 'courier', touchpoint: 'delivery' };
    const priced = rankOpportunities([courier], costModel, segments);
    expect(baselineAssumptions(costModel, priced).costToServe).toEqual({
      phone: 6.5,
      email: 2.5,
      web: 0.1,
      courier: undefined,
    });
  });

  it('reproduce the server’s figures and order exactly when nothing is edited', () => {
    const again = reprice(server, base);
    expect(again.map((r) => r.priced)).toEqual(server);
    expect(again.map((r) => [r.rank, r.serverRank])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
  });
});

describe('pricing again with edited assumptions', () => {
  it.each<[string, Partial<Record<TFieldKey, string>>, (string | number | null)[][]]>([
    [
      'nothing edited',
      {},
      [
        // 17.11…×12×2.5 + 86×4,800×2%
        ['b2b-quote', 1, 1, 513.4424402791457 + 8256],
        // 50×12×6.5 + (10×1,500 + 100×310)×2%
        ['phone-agent', 2, 2, 3900 + 920],
        // no contact + 20×1,500×2%
        ['help-centre', 3, 3, 600],
        // 100×12×0.1 + 200×310 × 5% more detractors × 10%
        ['store-visit', 4, 4, 120 + 310],
      ],
    ],
    [
      'a flat churn risk of 5%',
      { churnRisk: '5' },
      [
        ['b2b-quote', 1, 1, 513.4424402791457 + 20640],
        ['phone-agent', 2, 2, 3900 + 2300],
        ['help-centre', 3, 3, 1500],
        // measured churn does not use the flat risk
        ['store-visit', 4, 4, 430],
      ],
    ],
    [
      'a phone contact at €20: the repeat contact goes first',
      { 'cost:phone': '20' },
      [
        ['phone-agent', 1, 2, 12000 + 920],
        ['b2b-quote', 2, 1, 513.4424402791457 + 8256],
        ['help-centre', 3, 3, 600],
        ['store-visit', 4, 4, 430],
      ],
    ],
    [
      'a detractor churn risk of 50%',
      { detractorChurnRisk: '50' },
      [
        ['b2b-quote', 1, 1, 513.4424402791457 + 8256],
        ['phone-agent', 2, 2, 4820],
        ['store-visit', 3, 4, 120 + 62000 * 0.05 * 0.5],
        ['help-centre', 4, 3, 600],
      ],
    ],
  ])('%s', (_, edits, expected) => {
    const got = totals(edits);
    expect(got.map((r) => r.slice(0, 3))).toEqual(expected.map((r) => r.slice(0, 3)));
    got.forEach((r, i) => expect(r[3]).toBeCloseTo(expected[i]![3] as number, 9));
  });

  it('prices a segment given a value, and says what a cleared value leaves out', () => {
    const edited = applyEdits(base, { 'segment:new': '1000', 'segment:business': '' });
    const rows = reprice(server, edited.assumptions);
    const store = rows.find((r) => r.priced.touchpoint === 'store-visit')!;
    expect(store.priced.revenueAtRiskPerYear).toBeCloseTo((62000 + 5000) * 0.005, 9);
    expect(store.server.assumptions.missing).toEqual([
      'no annual value for segment new: counted as 0',
    ]);
    expect(store.priced.assumptions.missing).toEqual([]);
    const quote = rows.find((r) => r.priced.touchpoint === 'b2b-quote')!;
    expect(quote.priced.revenueAtRiskPerYear).toBe(0);
    expect(quote.priced.assumptions.missing).toEqual([
      'no annual value for segment business: counted as 0',
    ]);
    expect(changedFields(base, edited.assumptions)).toEqual(['segment:business', 'segment:new']);
  });

  it('keeps the last good value of a field that does not read, and says why', () => {
    const edited = applyEdits(base, { churnRisk: '', 'cost:web': 'ten' });
    expect(edited.errors).toEqual({
      churnRisk: 'give a percentage between 0 and 100',
      'cost:web': '"ten" is not a number',
    });
    expect(edited.assumptions).toEqual(base);
  });

  it('does not mark a field changed when the original value is typed back', () => {
    const edited = applyEdits(base, { churnRisk: '2', 'cost:web': '0.10', 'cost:email': '3' });
    expect(changedFields(base, edited.assumptions)).toEqual(['cost:email']);
  });

  it('names every opportunity by what it is and where', () => {
    expect(server.map(opportunityKey)).toEqual([
      'deviation|extra|self-service-business|b2b-quote',
      'friction|repeat_contact||phone-agent',
      'deviation|skipped|online|help-centre',
      'friction|abandonment||store-visit',
    ]);
  });
});

describe('reading a field', () => {
  it.each<[TFieldKey, string, ReturnType<typeof parseField>]>([
    ['cost:phone', '6.5', { value: 6.5 }],
    ['cost:phone', ' 1,200 ', { value: 1200 }],
    ['cost:phone', '', { value: undefined }],
    ['cost:phone', '-1', { error: 'cannot be negative' }],
    ['segment:vip', 'abc', { error: '"abc" is not a number' }],
    ['churnRisk', '2', { value: 0.02 }],
    ['churnRisk', '2.5%', { value: 0.025 }],
    ['churnRisk', '', { error: 'give a percentage between 0 and 100' }],
    ['detractorChurnRisk', '120', { error: 'a percentage is at most 100' }],
  ])('%s "%s"', (key, text, expected) => {
    expect(parseField(key, text)).toEqual(expected);
  });

  it.each<[TFieldKey, string]>([
    ['churnRisk', '2'],
    ['detractorChurnRisk', '10'],
    ['cost:web', '0.1'],
    ['segment:business', '4800'],
    ['segment:new', ''],
  ])('%s starts as "%s"', (key, text) => {
    expect(fieldText(base, key)).toBe(text);
  });

  it('shows a share as the percentage people typed, not its binary rounding', () => {
    expect(fieldText({ ...base, churnRisk: 0.07 }, 'churnRisk')).toBe('7');
  });
});
