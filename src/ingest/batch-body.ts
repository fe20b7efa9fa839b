/**
 * Reads the body of an ingest request — a JSON array of records, or NDJSON (one record per
 * line) — into staging rows, the way the JSON Lines reader reads a file: the same values, the
 * same exact big numbers, the same `_extra` column for keys that get no column of their own.
 * A body that is not JSON, or an NDJSON line that is not JSON, is refused as a whole, naming
 * the line: the sender has a bug, and guessing where its records start would be worse. A
 * record that is JSON but not an object is an error of that record only.
 *
 * Records are numbered 1, 2, ... in the batch: array elements, or non-blank lines.
 */
import { jsonErrorOffset, lineAndColumn } from './json-syntax.js';
import { rawArrayElements } from './jsonl-values.js';
import { BatchBuilder, columnsOf, jsonRecord, lineText, type TRecord } from './jsonl.js';
import { EXTRA_COLUMN, type TRecordError, type TRowBatch } from './rows.js';

export const BODY_FORMATS = ['json', 'ndjson'] as const;
export type TBodyFormat = (typeof BODY_FORMATS)[number];

/** The body cannot be read as records at all. */
export class MalformedBody extends Error {
  override name = 'MalformedBody';
}

/** The body holds more records than one batch may. */
export class TooManyRecords extends Error {
  override name = 'TooManyRecords';
}

export type TBodyOptions = {
  maxRecords: number;
  /** Columns besides the keys that name a field; further keys go to `_extra`. */
  maxColumns: number;
  /** Whether a key names a field: such keys always get a column. */
  namesField: (key: string) => boolean;
  /** Columns to add (all empty) given the columns found, e.g. for required fields no key names. */
  addColumns?: (columns: readonly string[]) => string[];
};

export type TBodyRecords = {
  /** Records sent: objects and non-objects. */
  records: number;
  columns: string[];
  batches: TRowBatch[];
  /** Records that are not JSON objects. */
  errors: TRecordError[];
};

export function readBody(text: string, format: TBodyFormat, options: TBodyOptions): TBodyRecords {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = format === 'json' ? arrayRecords(body, options) : lineRecords(body, options);
  let columns = columnsOf(parsed.records, {
    records: Infinity,
    maxColumns: options.maxColumns,
    always: options.namesField,
  });
  const added = options.addColumns?.(columns.filter((c) => c !== EXTRA_COLUMN)) ?? [];
  if (added.length > 0) {
    columns = [...columns.filter((c) => c !== EXTRA_COLUMN), ...added, EXTRA_COLUMN];
  }
  const errors: TRecordError[] = [];
  const builder = new BatchBuilder(columns, (e) => errors.push(e), parsed.exactText);
  for (const record of parsed.records) builder.add(record);
  builder.flush();
  return { records: parsed.records.length, columns, batches: builder.take(), errors };
}

type TParsed = { records: TRecord[]; exactText?: (record: number) => string };

function arrayRecords(body: string, options: TBodyOptions): TParsed {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    throw new MalformedBody(`the body is not JSON: ${whereInText(body, (e as Error).message)}`);
  }
  if (!Array.isArray(value)) {
    throw new MalformedBody(
      'the body is JSON but not an array of records; send [ {...}, {...} ], or one record per line with Content-Type: application/x-ndjson',
    );
  }
  if (value.length > options.maxRecords) throw tooMany(options.maxRecords);
  let elements: string[] | undefined;
  return {
    records: value.map((v, i) => jsonRecord(i + 1, v)),
    // Only a record with a number JSON.parse may have rounded needs its text.
    exactText: (record) => (elements ??= rawArrayElements(body))[record - 1] ?? '',
  };
}

function lineRecords(body: string, options: TBodyOptions): TParsed {
  const records: TRecord[] = [];
  let line = 0;
  for (let start = 0; start < body.length;) {
    const end = body.indexOf('\n', start);
    const stop = end === -1 ? body.length : end;
    const text = lineText(++line, body.slice(start, stop));
    start = stop + 1;
    if (text === undefined) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new MalformedBody(`line ${line} is not JSON: ${(e as Error).message}`);
    }
    if (records.length === options.maxRecords) throw tooMany(options.maxRecords);
    records.push(jsonRecord(records.length + 1, value, text));
  }
  return { records };
}

function tooMany(max: number): TooManyRecords {
  return new TooManyRecords(
    `the batch holds more than ${max.toLocaleString('en-US')} records: send it in smaller batches`,
  );
}

/** JSON.parse's reason, with the line and column where the text stops being JSON. */
function whereInText(text: string, message: string): string {
  const reason = message
    .replace(/,? in JSON at position \d+.*$/, '')
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
  const offset = jsonErrorOffset(text);
  if (offset === undefined) return reason;
  const { line, column } = lineAndColumn(text, offset);
  return `${reason} at line ${line}, column ${column}`;
}

/**
 * Up to `max` distinct non-empty values of a column, trimmed: the first half from the head,
 * the rest spread evenly over the records (as the timestamp sample of a staged file).
 */
export function sampleValues(body: TBodyRecords, column: string, max: number): string[] {
  const c = body.columns.indexOf(column);
  if (c < 0) return [];
  const values: string[] = [];
  for (const batch of body.batches) {
    for (const v of batch.columns[c] ?? []) {
      const text = v?.trim();
      if (text !== undefined && text !== '') values.push(text);
    }
  }
  if (values.length <= max) return [...new Set(values)];
  const head = values.slice(0, max / 2);
  const step = (values.length - head.length) / (max / 2);
  for (let i = head.length; i < values.length; i += step) head.push(values[Math.floor(i)] ?? '');
  return [...new Set(head)];
}
