import { expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.js';

it('quotes what needs quoting and defuses spreadsheet formulas', () => {
  expect(csvCell('plain')).toBe('plain');
  expect(csvCell('a, b')).toBe('"a, b"');
  expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
  expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  expect(csvCell('-12')).toBe("'-12");
  expect(csvCell(-12)).toBe('-12');
  expect(csvCell(0.25)).toBe('0.25');
  expect(csvCell(Number.NaN)).toBe('');
  expect(csvCell(null)).toBe('');
  expect(
    toCsv(
      ['a', 'b'],
      [
        [1, 'x'],
        [null, 'y,z'],
      ],
    ),
  ).toBe('a,b\r\n1,x\r\n,"y,z"\r\n');
});
