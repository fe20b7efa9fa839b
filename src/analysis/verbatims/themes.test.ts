import { describe, expect, it } from 'vitest';
import { analyseVerbatims, findThemes } from './themes.js';
import type { TVerbatim } from './verbatim.js';

function verbatims(texts: string[], extra: Partial<TVerbatim>[] = []): TVerbatim[] {
  return texts.map((text, i) => ({ id: `v${String(i).padStart(2, '0')}`, text, ...extra[i] }));
}

// Two themes by construction (late fee, delivery driver) amid everyday filler.
const TEXTS = [
  'I was charged a late fee although I paid on time.',
  'The late fees on my card are unfair.',
  'Why is there a late fee on my statement?',
  'Another late fee this month, not acceptable.',
  'The delivery driver left my parcel in the rain.',
  'Our delivery driver was rude and late.',
  'The delivery drivers never ring the bell.',
  'Thanks for the quick answer.',
  'I called twice and waited.',
];

describe('findThemes', () => {
  it('finds the shared phrases, merging inflected and possessive variants', () => {
    const themes = findThemes(verbatims(TEXTS), { minVerbatims: 3 });
    const labels = themes.map((t) => t.label);
    expect(labels.slice(0, 2).sort()).toEqual(['delivery driver', 'late fee']);
    const fee = themes.find((t) => t.label === 'late fee');
    expect(fee?.verbatims).toBe(4);
    expect(fee?.variants).toContain('late fees');
    expect(fee?.share).toBeCloseTo(4 / 9, 10);
    // "fee" and "driver" occur only inside the longer phrases: not themes of their own.
    expect(labels).not.toContain('fee');
    expect(labels).not.toContain('driver');
  });

  it('gives each theme its sentiment, touchpoints, stages, scores and quotes', () => {
    const extra: Partial<TVerbatim>[] = TEXTS.map((_, i) => ({
      touchpoint: i < 2 ? 'Billing' : i < 4 ? 'Statement' : 'Delivery',
      stage: i < 4 ? 'Retention' : 'Fulfilment',
      score: i,
    }));
    const fee = findThemes(verbatims(TEXTS, extra), { minVerbatims: 3 }).find(
      (t) => t.label === 'late fee',
    );
    expect(fee?.touchpoints).toEqual([
      { name: 'Billing', verbatims: 2 },
      { name: 'Statement', verbatims: 2 },
    ]);
    expect(fee?.stages).toEqual([{ name: 'Retention', verbatims: 4 }]);
    expect(fee?.meanScore).toBeCloseTo(1.5, 10);
    expect(fee?.verbatimIds).toEqual(['v00', 'v01', 'v02', 'v03']);
    const counted =
      (fee?.sentiment.negative ?? 0) +
      (fee?.sentiment.neutral ?? 0) +
      (fee?.sentiment.positive ?? 0);
    expect(counted).toBe(4);
    expect(fee?.meanSentiment).toBeLessThan(0);
    expect(fee?.quotes).toHaveLength(3);
    for (const q of fee?.quotes ?? []) {
      expect(q.text.length).toBeLessThanOrEqual(202);
      const [s, e] = q.highlights[0] ?? [0, 0];
      expect(q.text.slice(s, e).toLowerCase()).toMatch(/^late fees?$/);
    }
  });

  it('strips redaction markers, links and handles from themes', () => {
    const texts = [
      'XXXX XXXX sent my account to collections on XX/XX/2019.',
      'XXXX reported the collection account to XXXX.',
      'See https://t.co/abc @AmazonHelp the collection account is not mine.',
    ];
    const labels = findThemes(verbatims(texts), { minVerbatims: 2 }).map((t) => t.label);
    expect(labels).toContain('collection account');
    expect(labels.some((l) => /x{2,}|http|@/.test(l))).toBe(false);
  });

  it('is deterministic: ties broken by label, the same result in any input order', () => {
    const texts = ['zebra fee here', 'apple fee here', 'zebra fee now', 'apple fee now'];
    const a = findThemes(verbatims(texts), { minVerbatims: 2 });
    const b = findThemes(verbatims([...texts].reverse()), { minVerbatims: 2 });
    expect(a.map((t) => t.label)).toEqual(['apple fee', 'zebra fee']);
    expect(b.map((t) => [t.label, t.verbatims])).toEqual(a.map((t) => [t.label, t.verbatims]));
  });

  it('returns sentiment per verbatim and skips other languages for themes', () => {
    const result = analyseVerbatims([
      { id: 'a', text: 'The late fee is terrible.' },
      { id: 'b', text: 'El servicio es terrible y la tarifa también' },
      { id: 'c', text: '' },
    ]);
    expect(result.sentiments.get('a')?.label).toBe('negative');
    expect(result.sentiments.get('b')).toBeUndefined();
    expect(result.sentiments.get('c')).toBeUndefined();
    expect(result.analysed).toBe(1);
  });
});
