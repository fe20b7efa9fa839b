import { describe, expect, it } from 'vitest';
import { codeRows, parseNumber } from './drivers-coding.js';

const options = { target: 'overall', features: ['a', 'b'] };
const record = (r: number) => r + 1;

describe('codeRows', () => {
  it('keeps complete rows as numbers, in order', () => {
    const coded = codeRows(
      [
        ['5', '4', ' 3 '],
        ['1.5', '-2', '1e1'],
      ],
      options,
      record,
    );
    expect([...coded.target]).toEqual([5, 1.5]);
    expect(coded.features.map((f) => [...f])).toEqual([
      [4, -2],
      [3, 10],
    ]);
    expect(coded.leftOut).toEqual({ unreadable: 0, nonNumeric: 0, empty: 0, notApplicable: 0 });
  });

  it('leaves out each incomplete row once, under its first reason', () => {
    const coded = codeRows(
      [
        ['5', '0', '3'], // not applicable
        ['4', '0.0', null], // empty beats not applicable
        ['3', '', 'x'], // not a number beats empty
        ['2', '2', '2'],
        ['0', '1', '3'], // 0 in the target is an answer, not "not applicable"
        ['1', '3', '1'],
      ],
      { ...options, na: '0' },
      record,
    );
    expect(coded.leftOut).toEqual({ unreadable: 0, nonNumeric: 1, empty: 1, notApplicable: 1 });
    expect([...coded.target]).toEqual([2, 0, 1]);
    expect(coded.nonNumeric).toEqual([{ record: 3, column: 'b', value: 'x' }]);
  });

  it('matches a text "not applicable" by its text', () => {
    const coded = codeRows(
      [
        ['5', 'N/A', '3'],
        ['4', '2', '1'],
      ],
      { ...options, na: 'N/A' },
      record,
    );
    expect(coded.leftOut.notApplicable).toBe(1);
    expect(coded.leftOut.nonNumeric).toBe(0);
  });

  it('codes a yes/no target 1 for the positive value, 0 for the others', () => {
    const coded = codeRows(
      [
        ['Satisfied', '4', '3'],
        ['Neutral or Dissatisfied', '2', '1'],
        [' Satisfied ', '5', '5'],
      ],
      { ...options, positive: 'Satisfied' },
      record,
    );
    expect([...coded.target]).toEqual([1, 0, 1]);
  });

  it('rejects a positive value that never occurs, listing the values seen', () => {
    expect(() => codeRows([['yes', '1', '2']], { ...options, positive: 'Yes' }, record)).toThrow(
      '--positive Yes: no row has this value in "overall"; its values include "yes"',
    );
  });

  it('rejects a column without any number, suggesting --positive for a target', () => {
    expect(() => codeRows([['Satisfied', '1', '2']], options, record)).toThrow(
      '"overall" holds no numbers (first value "Satisfied"); for a yes/no target name the positive answer, e.g. --positive "Satisfied"',
    );
    expect(() => codeRows([['1', 'Male', '2']], options, record)).toThrow(
      '"a" holds no numbers (first value "Male")',
    );
  });

  it('names at most five cells that are not numbers, with their record numbers', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ['1', String(i), i % 2 === 0 ? '?' : '2']);
    const coded = codeRows(rows, options, (r) => r + 10);
    expect(coded.leftOut.nonNumeric).toBe(6);
    expect(coded.nonNumeric.map((b) => b.record)).toEqual([10, 12, 14, 16, 18]);
  });
});

describe('parseNumber', () => {
  it('reads decimal numbers only', () => {
    expect(['3', '-0.5', '+2', '.5', '4.', '1e3'].map(parseNumber)).toEqual([
      3, -0.5, 2, 0.5, 4, 1000,
    ]);
    expect(['3,5', '0x10', 'NaN', 'Infinity', '1 000', ''].map(parseNumber)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
