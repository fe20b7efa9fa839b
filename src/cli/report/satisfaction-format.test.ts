/**
 * How the report writes satisfaction: each kind in its measure with interval and n, "n < 30"
 * instead of a suppressed figure, signed gaps in points, and the gap in words for the summary
 * (on figures from the real satisfaction functions, not hand-typed intervals).
 */
import { describe, expect, it } from 'vitest';
import { satisfaction, satisfactionGap, type TResponseSums } from '../../analysis/satisfaction.js';
import { BUILTIN_SCALES } from '../../model/workspace-schema.js';
import type { TFeedbackAnalysis, TFeedbackGap } from '../../service/analyze-feedback.js';
import type { TAnalysis } from '../../service/analyze.js';
import { labelsFrom } from './labels.js';
import {
  figure,
  fixed,
  gapWithInterval,
  headline,
  kindOrder,
  scaleRange,
  signed,
  withInterval,
} from './satisfaction-format.js';
import { gapWho, largestGap } from './voc-gaps.js';

const [CSAT, NPS, CES] = BUILTIN_SCALES;

/** Sums of answers with the given scores of one kind. */
function sums(scores: readonly number[], customers = scores.length): TResponseSums {
  return {
    n: scores.length,
    sum: scores.reduce((s, x) => s + x, 0),
    sumSquares: scores.reduce((s, x) => s + x * x, 0),
    positive: scores.filter((x) => x >= 4).length,
    promoters: scores.filter((x) => x >= 9).length,
    detractors: scores.filter((x) => x <= 6).length,
    customers,
  };
}

describe('numbers', () => {
  it.each([
    [fixed(-0.004, 2), '0.00'],
    [fixed(-0.59, 2), '−0.59'],
    [signed(14.3), '+14'],
    [signed(-0.4), '0'],
    [signed(-60.03), '−60'],
    [signed(0.006, 2), '+0.01'],
    [scaleRange({ kind: 'x', min: -2, max: 2 }), '−2 to 2'],
    [scaleRange({ kind: 'x', min: 1, max: 7 }), '1–7'],
  ])('%s is %s', (text, expected) => expect(text).toBe(expected));

  it('orders the built-in kinds first, then the others by id', () => {
    expect(['effort5', 'nps', 'ces', 'ease', 'csat'].sort(kindOrder)).toEqual([
      'csat',
      'nps',
      'ces',
      'ease',
      'effort5',
    ]);
  });
});

describe('each kind in its measure', () => {
  // CSAT 4, 2, 5, 3, 1, 3: two of six satisfied; Wilson 9.7–70.0%.
  const csat = satisfaction('csat', sums([4, 2, 5, 3, 1, 3]), CSAT, 1);

  it('writes the headline with its interval and n', () => {
    expect(headline(csat, 'CSAT', 1, CSAT)).toBe('CSAT 33.3% satisfied (9.7–70.0%, n 6)');
    const nps = satisfaction('nps', sums([10, 9, 9, 8, 7, 3, 10, 6, 9, 10]), NPS, 1);
    // 6 promoters, 2 detractors of 10: +40 ± 1.96 × √((0.6 + 0.2 − 0.4²) / 10) = ±49.6.
    expect(headline(nps, 'NPS', 1, NPS)).toBe('NPS +40 (−10 to +90, n 10)');
    const ces = satisfaction('ces', sums([6, 5, 7, 4]), CES, 1);
    expect(headline(ces, 'CES', 1, CES)).toMatch(/^CES 5\.50 on 1–7 \(\d\.\d\d–\d\.\d\d, n 4\)$/);
    // A kind without a scale: its mean as imported.
    const ease = satisfaction('ease', sums([2, 1, 4]), undefined, 1);
    expect(headline(ease, 'ease', 1, null)).toBe('ease mean 2.33 (−1.46 to 6.13, n 3)');
    // One answer: no interval to give, only n.
    expect(headline(satisfaction('ces', sums([6]), CES, 1), 'CES', 1, CES)).toBe(
      'CES 6.00 on 1–7 (n 1)',
    );
  });

  it('shows "n < 30" instead of a figure on too few answers, never a number', () => {
    const few = satisfaction('csat', sums([4, 2, 5]), CSAT, 30);
    expect(headline(few, 'CSAT', 30, CSAT)).toBe('CSAT n < 30');
    expect(figure(few, 30)).toBe('n < 30');
    expect(figure(csat, 1)).toBe('33.3% (9.7–70.0%)');
    expect(withInterval('satisfied share', { value: 0.84, low: 0.83, high: 0.849 })).toBe(
      '84.0% (83.0–84.9%)',
    );
  });
});

describe('gaps', () => {
  it('writes a CSAT gap in percentage points, an NPS gap in NPS points, others in score points', () => {
    expect(gapWithInterval('satisfied share', { value: -0.588, low: -0.609, high: -0.566 })).toBe(
      '−58.8 pts (−60.9 to −56.6)',
    );
    expect(gapWithInterval('nps', { value: -60.03, low: -64.3, high: -55.8 })).toBe(
      '−60 (−64 to −56)',
    );
    expect(gapWithInterval('mean', { value: 0.42, low: null, high: null })).toBe('+0.42');
    expect(gapWithInterval('mean', null)).toBe('–');
  });

  // Exposed answers 1, 2, 2, 1 of 12: a clear loss against the others' 4s and 5s.
  const exposed = sums([1, 2, 2, 1]);
  const all = sums([1, 2, 2, 1, 4, 5, 5, 4, 4, 5, 5, 4]);
  const gap: TFeedbackGap = {
    key: 'friction|wait|call',
    source: 'friction',
    type: 'wait',
    touchpoint: 'call',
    journey: null,
    segment: null,
    ...satisfactionGap('csat', exposed, all, CSAT, 1),
  };
  const labels = labelsFrom({
    touchpoints: [{ id: 'call', name: 'Call <centre>' }],
    teams: [],
    segments: [],
    idealJourneys: [{ id: 'buy', name: 'Buy online' }],
  });

  it('says who was exposed', () => {
    expect(gapWho(gap, labels)).toBe('customers with a long wait at Call <centre>');
    expect(gapWho({ ...gap, source: 'deviation', type: 'skipped', journey: 'buy' }, labels)).toBe(
      'customers who skipped Call <centre> in Buy online',
    );
    expect(gapWho({ ...gap, source: 'touchpoint', type: null }, labels)).toBe(
      'customers who passed Call <centre>',
    );
  });

  it('puts the largest significant loss in words for the summary', () => {
    const analysis = {
      feedback: {
        gaps: [gap],
        kinds: [{ ...satisfaction('csat', all, CSAT, 1), value: null, scale: CSAT }],
      },
    } as unknown as TAnalysis;
    const ctx = { analysis, labels, currency: 'EUR', months: [] };
    expect(gap.significant).toBe(true);
    expect(largestGap(ctx)).toMatch(
      /^customers with a long wait at Call <centre>: CSAT 0\.0% satisfied, 100\.0 points below the others' 100\.0% \(−\d+\.\d to −\d+\.\d; n 4 vs 8\)$/,
    );
    const feedback: TFeedbackAnalysis = {
      ...analysis.feedback,
      gaps: [{ ...gap, significant: false }],
    };
    expect(largestGap({ ...ctx, analysis: { ...analysis, feedback } })).toMatch(
      /^no significant loss in 1 comparison of exposed customers with the others/,
    );
  });
});
