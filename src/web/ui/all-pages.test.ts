import { describe, expect, it } from 'vitest';
import { pagePath, remainingOffsets } from './all-pages.js';

describe('a whole list a page at a time', () => {
  it.each([
    [0, []],
    [500, []],
    [501, [500]],
    [1513, [500, 1000, 1500]],
  ])('a total of %i asks again at %o', (total, offsets) => {
    expect(remainingOffsets(total)).toEqual(offsets);
  });

  it('keeps the list’s own query', () => {
    expect(pagePath('/api/analysis/opportunities?team=it', 500)).toBe(
      '/api/analysis/opportunities?team=it&offset=500&limit=500',
    );
    expect(pagePath('/api/analysis/stages', 0, 50)).toBe('/api/analysis/stages?offset=0&limit=50');
  });
});
