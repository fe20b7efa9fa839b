import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TRecordError, TRowBatch } from './rows.js';
import { xmlValue } from './xes-lexer.js';
import { XesScanner } from './xes-scanner.js';

const TINY = readFileSync(new URL('../../test/fixtures/ingest/tiny.xes', import.meta.url), 'utf8');

/** Scans `pieces` in order; returns the columns, the rows (row-major) and the record errors. */
function scan(pieces: readonly string[]): {
  columns: string[];
  rows: (string | null)[][];
  errors: TRecordError[];
  batches: TRowBatch[];
} {
  const errors: TRecordError[] = [];
  const scanner = new XesScanner('test.xes', (e) => errors.push(e));
  const batches: TRowBatch[] = [];
  for (const piece of pieces) {
    scanner.feed(piece);
    batches.push(...scanner.take());
  }
  scanner.end();
  batches.push(...scanner.take());
  const rows = batches.flatMap((b) =>
    Array.from({ length: b.length }, (_, r) => b.columns.map((column) => column[r] ?? null)),
  );
  return { columns: scanner.columns ?? [], rows, errors, batches };
}

function splitEvery(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

describe('XesScanner', () => {
  it('reads the columns, values, entities, Unicode and nested attributes of the tiny log', () => {
    const { columns, rows, errors } = scan([TINY]);
    expect(columns).toEqual([
      'case:concept:name',
      'concept:name',
      'time:timestamp',
      'lifecycle:transition',
      'org:resource',
      'channel',
      'cost',
      'case:segment',
      '_extra',
    ]);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      [
        'C&1',
        'Bestellung "aufgegeben" <web>',
        '2024-03-01T09:00:00.000+01:00',
        'complete',
        'Zoë',
        'web',
        '1.5',
        'premium',
        '{"case:age":"42","vip":"true"}',
      ],
      [
        'C&1',
        '配送 🚚',
        '2024-03-02T10:30:00+01:00',
        null,
        null,
        null,
        null,
        'premium',
        '{"case:age":"42","parcel":"a1b2","items":["book","2"],"address":{"city":"Zürich","zip":"8001"}}',
      ],
      [
        'C&1',
        'Payment failed',
        null,
        null,
        null,
        null,
        null,
        'premium',
        JSON.stringify({
          'case:age': '42',
          note: "line one\nline two's",
          memo: 'first second third',
        }),
      ],
      ['C2', 'Only event', '2024-03-05T08:00:00Z', null, null, 'phone', null, null, null],
    ]);
  });

  it('gives the same rows however the text is cut into chunks', () => {
    const whole = scan([TINY]).rows;
    for (const size of [1, 2, 3, 5, 7, 13, 64, 1000]) {
      expect(scan(splitEvery(TINY, size)).rows, `chunks of ${size}`).toEqual(whole);
    }
    for (let cut = 0; cut <= TINY.length; cut++) {
      const rows = scan([TINY.slice(0, cut), TINY.slice(cut)]).rows;
      if (JSON.stringify(rows) !== JSON.stringify(whole)) {
        expect.fail(`cut at ${cut} (${JSON.stringify(TINY.slice(cut - 10, cut + 10))})`);
      }
    }
  });

  it('reads tab-indented CRLF files the same way', () => {
    const crlf = TINY.replace(/\n/g, '\r\n').replace(/^ +/gm, (s) => '\t'.repeat(s.length / 2));
    expect(scan([crlf]).rows).toEqual(scan([TINY]).rows);
  });

  it('reports events outside a trace and attributes without key or value, and skips them', () => {
    const text = readFileSync(
      new URL('../../test/fixtures/ingest/errors.xes', import.meta.url),
      'utf8',
    );
    const { rows, errors } = scan([text]);
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['T1', 'ok 1'],
      ['T3', 'ok 2'],
    ]);
    expect(errors).toEqual([
      { record: 1, field: '(record)', reason: 'event outside any trace (it has no case)' },
      { record: 3, field: 'concept:name', reason: '<string> without a value' },
      { record: 4, field: '(record)', reason: '<string> without a key' },
      {
        record: 5,
        field: 'case:concept:name',
        reason: 'trace attribute <string> without a value',
      },
      {
        record: 6,
        field: 'case:concept:name',
        reason: 'trace attribute <string> without a value',
      },
    ]);
  });

  it('applies trace attributes that come after the trace’s events', () => {
    const text = `<log><trace>
      <event><string key="concept:name" value="a"/></event>
      <event><string key="concept:name" value="b"/></event>
      <string key="concept:name" value="late"/><string key="x" value="1"/>
    </trace></log>`;
    expect(scan([text]).rows).toEqual([
      ['late', 'a', null, null, null, '{"case:x":"1"}'],
      ['late', 'b', null, null, null, '{"case:x":"1"}'],
    ]);
  });

  it('cuts batches at trace ends, between 4,096 and 8,192 rows, in input order', () => {
    const trace = (t: number, events: number): string =>
      `<trace><string key="concept:name" value="t${t}"/>${Array.from(
        { length: events },
        (_, e) => `<event><string key="concept:name" value="e${e}"/></event>`,
      ).join('')}</trace>`;
    const traces = Array.from({ length: 300 }, (_, t) => trace(t, 50));
    traces.push(trace(300, 10_000)); // longer than a batch: split inside the trace
    const { rows, batches } = scan([`<log>${traces.join('\n')}</log>`]);
    expect(rows).toHaveLength(300 * 50 + 10_000);
    expect(batches.slice(0, -1).every((b) => b.length >= 4096 && b.length <= 8192)).toBe(true);
    expect(batches.every((b) => b.columns.every((c) => c.length === b.length))).toBe(true);
    expect(rows[4096]).toEqual([
      `t${Math.floor(4096 / 50)}`,
      `e${4096 % 50}`,
      null,
      null,
      null,
      null,
    ]);
    expect(rows.at(-1)).toEqual(['t300', 'e9999', null, null, null, null]);
  });

  it('throws on text that is not XES, naming the file', () => {
    expect(() => scan(['<html><body>hi</body></html>'])).toThrow(
      'test.xes is not an XES event log: its root element is <html>',
    );
    expect(() => scan(['id,activity\n1,a\n'])).toThrow('it does not start with XML markup');
    expect(() => scan(['   '])).toThrow('no <log> element');
  });

  it('throws when the text ends inside the log', () => {
    expect(() => scan([TINY.slice(0, TINY.indexOf('Payment'))])).toThrow(
      /test\.xes: the XES text ends inside <event> after 3 events \(truncated file\?\)/,
    );
  });

  it('throws on malformed markup', () => {
    expect(() => scan(['<log><trace><string key=x value="1"/></trace></log>'])).toThrow(
      'test.xes: malformed XML after event 0: XML attribute value without quotes',
    );
  });
});

describe('xmlValue', () => {
  it.each([
    ['plain', 'plain'],
    ['a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;', 'a & b <c> "d" \'e\''],
    ['&#233;&#xE9;&#x1F69A;', 'éé🚚'],
    ['&amp;amp;', '&amp;'],
    ['&unknown; &#xZZ; &#0;', '&unknown; &#xZZ; &#0;'],
    ['two\nlines\r\nand\ttab', 'two lines and tab'],
    ['kept&#10;newline', 'kept\nnewline'],
  ])('%j → %j', (raw, value) => {
    expect(xmlValue(raw)).toBe(value);
  });
});
