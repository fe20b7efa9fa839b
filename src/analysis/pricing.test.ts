import { describe, expect, it } from 'vitest';
import { ZCostModel, ZSegment } from '../model/workspace-schema.js';
import { priceGap, rankOpportunities, type TGapCounts } from './pricing.js';

const cost = ZCostModel.parse({ costToServe: { phone: 6, web: 0.1 }, churnRisk: 0.02 });
const segments = [
  ZSegment.parse({
    id: 'vip',
    name: 'VIP',
    annualValue: 2000,
    rule: { attribute: 'ltv', op: 'gte', value: 1000 },
  }),
  ZSegment.parse({ id: 'regular', name: 'Regular', annualValue: 300 }),
];
const gap = (over: Partial<TGapCounts>): TGapCounts => ({
  source: 'friction',
  costsContact: true,
  type: 'repeat_contact',
  touchpoint: 'call',
  teams: ['care'],
  occurrencesPerMonth: 100,
  channel: 'phone',
  customersBySegment: { vip: 10, regular: 50 },
  ...over,
});

describe('pricing', () => {
  it('prices cost to serve and revenue at risk, with the assumptions beside them', () => {
    const p = priceGap(gap({}), cost, segments);
    // 100/month × 12 × €6 = 7,200; (10 × 2,000 + 50 × 300) × 2% = 700.
    expect(p.costToServePerYear).toBe(7200);
    expect(p.revenueAtRiskPerYear).toBeCloseTo(700, 10);
    expect(p.totalPerYear).toBeCloseTo(7900, 10);
    expect(p.assumptions).toEqual({
      costPerOccurrence: 6,
      costSource: 'costModel.costToServe.phone',
      churnRisk: 0.02,
      churnSource: 'assumed',
      segmentValues: { vip: 2000, regular: 300 },
      missing: [],
    });
  });

  it('says what it could not price instead of guessing', () => {
    const p = priceGap(gap({ channel: 'chat', customersBySegment: { '': 5 } }), cost, segments);
    expect(p.totalPerYear).toBe(0);
    expect(p.assumptions.missing).toEqual([
      'no cost to serve for channel chat: counted as 0',
      'no annual value for customers in no segment: counted as 0',
    ]);
  });

  it('prices a skipped step without a contact cost, and says so', () => {
    const p = priceGap(
      gap({ source: 'deviation', type: 'skipped', journey: 'online', costsContact: false }),
      cost,
      segments,
    );
    expect(p.costToServePerYear).toBe(0);
    expect(p.revenueAtRiskPerYear).toBeCloseTo(700, 10);
    expect(p.assumptions.costSource).toBe('a skipped step adds no contact');
    expect(p.assumptions.missing).toEqual([]);
  });

  it('prices churn from a measured detractor gap when feedback has one', () => {
    const measured = { value: 0.25, low: 0.2, high: 0.3, n: 400 };
    const p = priceGap(gap({ detractorGap: measured }), cost, segments);
    // (10 × 2,000 + 50 × 300) × 25% more detractors × 10% churn of a detractor = 875.
    expect(p.revenueAtRiskPerYear).toBeCloseTo(875, 10);
    expect(p.assumptions).toMatchObject({
      churnRisk: 0.025,
      churnSource: 'measured',
      detractorGap: measured,
      detractorChurnRisk: 0.1,
    });
    // A friction that makes no more detractors puts no revenue at risk.
    const none = priceGap(gap({ detractorGap: { ...measured, value: -0.05 } }), cost, segments);
    expect(none.revenueAtRiskPerYear).toBe(0);
  });

  it('ranks the largest business case first', () => {
    const ranked = rankOpportunities(
      [
        gap({ type: 'loop', touchpoint: 'browse', channel: 'web' }),
        gap({}),
        gap({ type: 'wait', occurrencesPerMonth: 10 }),
      ],
      cost,
      segments,
    );
    expect(ranked.map((r) => [r.type, Math.round(r.totalPerYear)])).toEqual([
      ['repeat_contact', 7900],
      ['wait', 1420],
      ['loop', 820],
    ]);
  });
});
