import { describe, expect, it } from 'vitest';
import { addressWith } from './router.js';

describe('addressWith: the address with some query parameters changed', () => {
  it.each([
    ['sets a parameter on a bare path', '/friction', '', { type: 'x' }, '/friction?type=x'],
    [
      'accepts a search with its "?"',
      '/friction',
      '?by=team',
      { type: 'x' },
      '/friction?by=team&type=x',
    ],
    ['replaces a value in place', '/map', 'a=1&b=2', { a: '3' }, '/map?a=3&b=2'],
    ['removes on undefined', '/map', 'a=1&b=2', { a: undefined }, '/map?b=2'],
    ['removes on an empty value', '/map', 'a=1&b=2', { b: '' }, '/map?a=1'],
    ['drops the "?" when nothing is left', '/map', 'a=1', { a: undefined }, '/map'],
    ['removing what is not there changes nothing', '/map', 'a=1', { z: undefined }, '/map?a=1'],
    [
      'makes several changes at once',
      '/journey-map',
      'segment=s&journey=j&touchpoint=t',
      { segment: 'k', journey: undefined, touchpoint: undefined },
      '/journey-map?segment=k',
    ],
    ['encodes values', '/search', '', { q: 'a & b/ü' }, '/search?q=a+%26+b%2F%C3%BC'],
  ])('%s', (_, path, search, changes, expected) => {
    expect(addressWith(path, search, changes)).toBe(expected);
  });

  it('takes URLSearchParams and leaves them as they were', () => {
    const query = new URLSearchParams('a=1&b=2');
    expect(addressWith('/x', query, { a: undefined, c: '3' })).toBe('/x?b=2&c=3');
    expect(query.toString()).toBe('a=1&b=2');
  });
});
