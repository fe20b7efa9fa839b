import { describe, expect, it } from 'vitest';
import { MalformedBody, readBody, TooManyRecords, type TBodyOptions } from './batch-body.js';

const options: TBodyOptions = {
  maxRecords: 100,
  maxColumns: 3,
  namesField: (key) => key === 'activity',
};

/** Rows as arrays of cells, across batches. */
function rows(body: ReturnType<typeof readBody>): (string | null)[][] {
  return body.batches.flatMap((b) =>
    Array.from({ length: b.length }, (_, r) => b.columns.map((c) => c[r] ?? null)),
  );
}

describe('readBody', () => {
  it('reads a JSON array: keys in first-seen order, values as text, non-objects as errors', () => {
    const body = readBody(
      '\ufeff[{"a": 1, "b": true}, {"b": null, "c": {"x": [1]}}, 42, {"a": "two"}]',
      'json',
      options,
    );
    expect(body.records).toBe(4);
    expect(body.columns).toEqual(['a', 'b', 'c', '_extra']);
    expect(rows(body)).toEqual([
      ['1', 'true', null, null],
      [null, null, '{"x":[1]}', null],
      ['two', null, null, null],
    ]);
    expect(body.errors).toEqual([
      { record: 3, field: '(record)', reason: 'not a JSON object but a number', raw: '42' },
    ]);
  });

  it('keeps numbers beyond 2^53 exactly as written, in columns and in _extra', () => {
    const body = readBody(
      '[{"a": 1}, {"a": 12345678901234567891, "late": 98765432109876543210}]',
      'json',
      { ...options, maxColumns: 1 },
    );
    expect(rows(body)).toEqual([
      ['1', null],
      ['12345678901234567891', '{"late":98765432109876543210}'],
    ]);
  });

  it('gives keys beyond maxColumns to _extra, except the keys that name a field', () => {
    const body = readBody(
      '[{"k1": 1, "k2": 2, "k3": 3, "k4": 4, "activity": "a"}]',
      'json',
      options,
    );
    expect(body.columns).toEqual(['k1', 'k2', 'k3', 'activity', '_extra']);
    expect(rows(body)).toEqual([['1', '2', '3', 'a', '{"k4":4}']]);
  });

  it('adds the columns asked for, before _extra', () => {
    const body = readBody('[{"a": 1}]', 'json', {
      ...options,
      addColumns: (columns) => (columns.includes('activity') ? [] : ['activity']),
    });
    expect(body.columns).toEqual(['a', 'activity', '_extra']);
    expect(rows(body)).toEqual([['1', null, null]]);
  });

  it('reads NDJSON, numbering records without the blank lines', () => {
    const body = readBody('{"a": 1}\r\n\n  \n"text"\n{"a": 2}', 'ndjson', options);
    expect(body.records).toBe(3);
    expect(rows(body)).toEqual([
      ['1', null],
      ['2', null],
    ]);
    expect(body.errors.map((e) => [e.record, e.reason])).toEqual([
      [2, 'not a JSON object but a string'],
    ]);
  });

  it('refuses text that is not JSON, naming the line', () => {
    expect(() => readBody('{"a": 1}\n{"a": 2,}\n', 'ndjson', options)).toThrow(
      new MalformedBody(
        'line 2 is not JSON: Expected double-quoted property name in JSON at position 8',
      ),
    );
    expect(() => readBody('[\n{"a": 1},\n{"a" 2}\n]', 'json', options)).toThrow(
      /^the body is not JSON: .* at line 3, column 6$/,
    );
    expect(() => readBody('{"a": 1}', 'json', options)).toThrow(/not an array of records/);
    expect(() => readBody('', 'json', options)).toThrow(/^the body is not JSON/);
  });

  it('refuses more records than a batch may hold', () => {
    const many = { ...options, maxRecords: 2 };
    expect(() => readBody('[{}, {}, {}]', 'json', many)).toThrow(TooManyRecords);
    expect(() => readBody('{}\n{}\n{}\n', 'ndjson', many)).toThrow(TooManyRecords);
    expect(readBody('{}\n\n{}\n', 'ndjson', many).records).toBe(2);
  });
});
