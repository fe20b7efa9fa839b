import { describe, expect, it } from 'vitest';
import { quoteAround } from './quote.js';

const highlighted = (q: { text: string; highlights: [number, number][] }) =>
  q.highlights.map(([s, e]) => q.text.slice(s, e));

describe('quoteAround', () => {
  it('quotes the sentence that holds the match', () => {
    const text = 'Hello there. The late fee was wrong! Bye now.';
    const q = quoteAround('v1', text, [[text.indexOf('late fee'), text.indexOf('late fee') + 8]]);
    expect(q).toEqual({ verbatimId: 'v1', text: 'The late fee was wrong!', highlights: [[4, 12]] });
  });

  it('cuts a long sentence to the limit around the match, marking the cuts', () => {
    const text = `${'word '.repeat(80)}the refund never came ${'more '.repeat(80)}`;
    const at = text.indexOf('refund');
    const q = quoteAround('v', text, [[at, at + 6]], 100);
    expect(q.text.length).toBeLessThanOrEqual(102);
    expect(q.text.startsWith('…')).toBe(true);
    expect(q.text.endsWith('…')).toBe(true);
    expect(highlighted(q)).toEqual(['refund']);
  });

  it('collapses white space and decodes entities, moving the highlights', () => {
    const text = 'Fees &amp; charges:  \t the   late fee';
    const at = text.indexOf('late fee');
    const q = quoteAround('v', text, [[at, at + 8]]);
    expect(q.text).toBe('Fees & charges: the late fee');
    expect(highlighted(q)).toEqual(['late fee']);
  });
});
