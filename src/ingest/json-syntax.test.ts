import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, lineAndColumn } from './json-syntax.js';

describe('jsonErrorOffset', () => {
  it.each([
    '[]',
    ' {"a": [1, -2.5e3, true, false, null, "x\\"y\\u00e9"], "b": {}} ',
    '"text"',
    '0',
    '[[[[]]]]',
  ])('finds nothing wrong in %s', (text) => {
    expect(jsonErrorOffset(text)).toBeUndefined();
  });

  it.each([
    ['[1, 2,]', 6],
    ['{"a" 1}', 5],
    ['{"a": }', 6],
    ['{a: 1}', 1],
    ['[1 2]', 3],
    ['[01]', 2],
    ['["tab\there"]', 5],
    ['["\\x"]', 2],
    ['["\\u12g4"]', 2],
    ['[1]]', 3],
    ['[1', 2],
    ['["open', 6],
    ['', 0],
    ['{"a": [1, {"b": tru}]}', 16],
  ])('%j is not JSON from offset %i', (text, offset) => {
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('does not overflow the stack on deep nesting', () => {
    expect(jsonErrorOffset('['.repeat(200_000) + ']'.repeat(199_999))).toBe(399_999);
  });
});

describe('lineAndColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });
});
