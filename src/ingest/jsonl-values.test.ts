import { describe, expect, it } from 'vitest';
import { mayBeRounded, rawArrayElements, rawTopLevelValues, valueText } from './jsonl-values.js';

describe('valueText', () => {
  it.each([
    ['text', 'text'],
    [12.5, '12.5'],
    [0, '0'],
    [true, 'true'],
    [false, 'false'],
    [null, null],
    [[1, 'a'], '[1,"a"]'],
    [{ a: { b: null } }, '{"a":{"b":null}}'],
  ])('%j → %j', (value, text) => {
    expect(valueText(value)).toBe(text);
  });
});

describe('rawTopLevelValues', () => {
  it('returns each top-level value as written, without whitespace between tokens', () => {
    const line =
      '{ "id" : 12345678901234567891, "s":"a \\" , }", "n": [ 1, {"x": "y z"} ],"e":1.0e3 ,"t":true}';
    expect(Object.fromEntries(rawTopLevelValues(line))).toEqual({
      id: '12345678901234567891',
      s: '"a \\" , }"',
      n: '[1,{"x":"y z"}]',
      e: '1.0e3',
      t: 'true',
    });
  });

  it('decodes escaped keys', () => {
    expect([...rawTopLevelValues('{"a\\u00e9":1}').keys()]).toEqual(['aé']);
  });
});

describe('rawArrayElements', () => {
  it('returns each element as written, without whitespace between tokens', () => {
    const text = ' [ {"id" : 12345678901234567891, "s": "a ], b"} ,\n 2.50 , [ 1, 2 ] ,"x"] ';
    expect(rawArrayElements(text)).toEqual([
      '{"id":12345678901234567891,"s":"a ], b"}',
      '2.50',
      '[1,2]',
      '"x"',
    ]);
    expect(rawArrayElements('[]')).toEqual([]);
  });
});

describe('mayBeRounded', () => {
  // Values as JSON.parse returns them from these source texts.
  it.each([
    ['12345678901234567891', true],
    ['9007199254740991', false],
    ['0.1', false],
    ['0.123456789012345678', true],
    ['1e400', true],
    ['{"id":12345678901234567891}', true],
    ['[1,2.5]', false],
    ['"12345678901234567891"', false],
  ])('%s → %s', (source, rounded) => {
    const value: unknown = JSON.parse(source);
    expect(mayBeRounded(value, valueText(value))).toBe(rounded);
  });
});
