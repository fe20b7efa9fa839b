import { describe, expect, it } from 'vitest';
import { queryTerms, searchVerbatims } from './search.js';
import type { TVerbatim } from './verbatim.js';

const VERBATIMS: TVerbatim[] = [
  { id: 'a', text: 'The fee was late. Refund please.', touchpoint: 'Billing', stage: 'Support' },
  {
    id: 'b',
    text: 'I got a late fee. The late fee is wrong!',
    touchpoint: 'Billing',
    stage: 'Retention',
  },
  { id: 'c', text: 'Late delivery again, terrible.', touchpoint: 'Delivery', stage: 'Fulfilment' },
  {
    id: 'd',
    text: 'Thanks, the LATE FEES were refunded. Great service.',
    touchpoint: 'Billing',
    stage: 'Support',
  },
  { id: 'e', text: 'Nothing to see here.', touchpoint: 'Billing', stage: 'Support' },
];

const ids = (hits: { verbatimId: string }[]) => hits.map((h) => h.verbatimId);

describe('searchVerbatims', () => {
  it('ranks phrase matches first, then by terms matched, then by matches', () => {
    const hits = searchVerbatims(VERBATIMS, { text: 'Late fee' });
    expect(ids(hits)).toEqual(['b', 'd', 'a', 'c']);
    expect(hits.map((h) => [h.phrase, h.terms])).toEqual([
      [true, 2],
      [true, 2],
      [false, 2],
      [false, 1],
    ]);
  });

  it('matches case-insensitively and simple inflections, highlighting each match', () => {
    const [hit] = searchVerbatims(VERBATIMS, {
      text: 'refund',
      touchpoint: 'Billing',
      stage: 'Support',
    });
    expect(hit?.verbatimId).toBe('a');
    const more = searchVerbatims(VERBATIMS, { text: 'refund' });
    expect(ids(more)).toEqual(['a', 'd']);
    const d = more[1];
    const [s, e] = d?.quote.highlights[0] ?? [0, 0];
    expect(d?.quote.text.slice(s, e)).toBe('refunded');
  });

  it('highlights the phrase in the quote of its sentence', () => {
    const [hit] = searchVerbatims(VERBATIMS, { text: 'late fee' });
    expect(hit?.quote.text).toBe('I got a late fee.');
    expect(hit?.quote.highlights.map(([s, e]) => hit.quote.text.slice(s, e))).toEqual(['late fee']);
  });

  it('filters by touchpoint, stage and sentiment label', () => {
    expect(ids(searchVerbatims(VERBATIMS, { text: 'late', touchpoint: 'Delivery' }))).toEqual([
      'c',
    ]);
    expect(ids(searchVerbatims(VERBATIMS, { text: 'late', stage: 'Support' }))).toEqual(['a', 'd']);
    const positive = searchVerbatims(VERBATIMS, { text: 'late', sentiment: 'positive' });
    expect(ids(positive)).toEqual(['d']);
    expect(positive[0]?.sentiment?.label).toBe('positive');
    expect(ids(searchVerbatims(VERBATIMS, { text: 'late', sentiment: 'negative' }))).toContain('c');
  });

  it('does not match inside other words and ignores an empty query', () => {
    expect(ids(searchVerbatims(VERBATIMS, { text: 'ate' }))).toEqual([]);
    expect(searchVerbatims(VERBATIMS, { text: '  ?! ' })).toEqual([]);
    expect(queryTerms('Late, late FEE!')).toEqual(['late', 'fee']);
  });
});
