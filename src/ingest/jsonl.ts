/**
 * Opens a JSON Lines file (.jsonl / .ndjson, optionally gzipped) as a staging row source,
 * streamed in bounded memory: one JSON object per line, one row per object.
 *
 * - Columns: the top-level keys of the first `SAMPLE_RECORDS` objects, in first-seen order,
 *   then `_extra`: a JSON object of the keys first seen later (null when none). A key whose
 *   name is empty or taken ignoring case (DuckDB identifiers are case-insensitive) also goes
 *   to `_extra`.
 * - Values: strings as they are; numbers and booleans in their JSON form (integers beyond
 *   2^53 exactly as written); objects and arrays as compact JSON; null as NULL.
 * - Record numbers are line numbers (1-based, blank lines counted). Blank lines are skipped;
 *   a line that is not valid JSON, or not an object, goes to `onError` and is not emitted.
 * - A UTF-8 byte-order mark and CRLF line ends are accepted.
 */
import {
  BATCH_ROWS,
  ColumnNames,
  EXTRA_COLUMN,
  WHOLE_RECORD,
  emptyColumns,
  openTextInput,
  toBatch,
} from './rows.js';
import type { TReaderOptions, TRecordError, TRowBatch, TRowSource } from './rows.js';
import { mayBeRounded, rawTopLevelValues, valueText } from './jsonl-values.js';
import { ImportError } from './import-error.js';

/** How many records (non-blank lines) decide the columns. */
export const SAMPLE_RECORDS = 1000;

/** Longest raw line kept in a record error. */
const MAX_RAW_CHARS = 10_000;

/**
 * A record read from JSON: its number, its JSON text (read again only for numbers that
 * `JSON.parse` may have rounded; see `BatchBuilder`) and its object, or why it is not one.
 */
export type TJsonRecord = { line: number; text?: string; value: Record<string, unknown> };
export type TRecord = TJsonRecord | TRecordError;

/**
 * Opens `path` and reads its first records to fix the columns. Throws, naming the file, when it
 * is missing or its gzip data is corrupt; bad lines go to `opts.onError` and are skipped.
 * Iterate `batches` to the end (or break out of the loop) to release the file.
 */
export async function openJsonLines(path: string, opts: TReaderOptions): Promise<TRowSource> {
  const input = await openTextInput(path, { cutAt: '\n' });
  const chunks = input.chunks[Symbol.asyncIterator]();
  const lines = new LineSplitter();
  const sample: TRecord[] = [];
  let records = 0;
  let ended = false;
  try {
    while (records < SAMPLE_RECORDS && !ended) {
      const next = await chunks.next();
      if (next.done === true) ended = true;
      const batch = next.done === true ? lines.end() : lines.feed(next.value);
      for (const [line, text] of batch) {
        const record = parseLine(line, text);
        if (record === undefined) {
          opts.onSkip?.(line);
          continue;
        }
        sample.push(record);
        if (!('reason' in record)) records++;
      }
    }
    assertJsonLines(path, sample);
  } catch (err) {
    await chunks.return?.();
    throw err;
  }
  const builder = new BatchBuilder(columnsOf(sample), opts.onError);
  const report = opts.onProgress;

  async function* batches(): AsyncGenerator<TRowBatch> {
    try {
      for (const record of sample.splice(0, sample.length)) builder.add(record);
      yield* builder.take();
      while (!ended) {
        const next = await chunks.next();
        if (next.done === true) ended = true;
        const batch = next.done === true ? lines.end() : lines.feed(next.value);
        for (const [line, text] of batch) {
          const record = parseLine(line, text);
          if (record !== undefined) builder.add(record);
          else opts.onSkip?.(line);
        }
        const ready = builder.take();
        if (ready.length > 0) report?.(input.bytesRead(), input.totalBytes);
        yield* ready;
      }
      builder.flush();
      yield* builder.take();
      report?.(input.totalBytes, input.totalBytes);
    } finally {
      await chunks.return?.();
    }
  }

  return { columns: builder.columns, batches: batches() };
}

/**
 * Throws when the file is not JSON Lines at all: one pretty-printed JSON document, a JSON
 * array on one line, or no object among the sampled lines.
 */
function assertJsonLines(path: string, sample: readonly TRecord[]): void {
  const first = sample[0];
  if (first === undefined) return;
  const document = 'raw' in first && /^\s*[[{]\s*$/.test(first.raw ?? '');
  const array = 'reason' in first && first.reason === 'not a JSON object but an array';
  if (document || array) {
    throw new ImportError(
      `${path} is not JSON Lines (one JSON object per line) but one JSON document; ` +
        `convert it first, e.g. with: jq -c '.[]'`,
    );
  }
  if ('reason' in first && sample.every((r) => 'reason' in r)) {
    throw new ImportError(
      `${path} is not JSON Lines: none of its first ${sample.length} lines is a JSON object ` +
        `(line ${first.record}: ${first.reason})`,
    );
  }
}

/** Splits decoded text into numbered lines; a line may span chunks. */
class LineSplitter {
  private rest = '';
  private line = 0;

  feed(text: string): [number, string][] {
    const s = this.rest.length > 0 ? this.rest + text : text;
    const out: [number, string][] = [];
    let p = 0;
    for (;;) {
      const nl = s.indexOf('\n', p);
      if (nl === -1) break;
      out.push([++this.line, s.slice(p, nl)]);
      p = nl + 1;
    }
    this.rest = s.slice(p);
    return out;
  }

  end(): [number, string][] {
    const last = this.rest;
    this.rest = '';
    return last.length > 0 ? [[++this.line, last]] : [];
  }
}

/**
 * One line of JSON Lines without its line end and byte-order mark, or undefined when it is
 * blank. Line 1 may start with a byte-order mark.
 */
export function lineText(line: number, raw: string): string | undefined {
  let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) return undefined;
  return text;
}

/** A parsed line, a record error, or undefined for a blank line. */
function parseLine(line: number, raw: string): TRecord | undefined {
  const text = lineText(line, raw);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return badRecord(line, text, `not valid JSON: ${(err as Error).message}`);
  }
  return jsonRecord(line, value, text);
}

/** The record of a parsed JSON value: an object, or an error saying what it is instead. */
export function jsonRecord(line: number, value: unknown, text?: string): TRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return badRecord(line, text ?? JSON.stringify(value), `not a JSON object but ${what}`);
  }
  return { line, text, value: value as Record<string, unknown> };
}

function badRecord(line: number, text: string, reason: string): TRecordError {
  const raw = text.length > MAX_RAW_CHARS ? `${text.slice(0, MAX_RAW_CHARS)}…` : text;
  return { record: line, field: WHOLE_RECORD, reason, raw };
}

export type TColumnChoice = {
  /** Records whose keys are read (default `SAMPLE_RECORDS`). */
  records?: number;
  /** At most this many columns besides `_extra` and the keys `always` admits. */
  maxColumns?: number;
  /** Keys that get a column even beyond `maxColumns` (those that name a field). */
  always?: (key: string) => boolean;
};

/** The staging columns of records: their keys in first-seen order, then `_extra`. */
export function columnsOf(sample: readonly TRecord[], choice: TColumnChoice = {}): string[] {
  const { records: limit = SAMPLE_RECORDS, maxColumns = Infinity, always } = choice;
  const names = new ColumnNames();
  names.add(EXTRA_COLUMN);
  const columns: string[] = [];
  let records = 0;
  for (const record of sample) {
    if ('reason' in record) continue;
    if (++records > limit) break;
    for (const key of Object.keys(record.value)) {
      if (columns.length >= maxColumns && always?.(key) !== true) continue;
      if (names.add(key)) columns.push(key);
    }
  }
  if (sample.length > 0) columns.push(EXTRA_COLUMN);
  return columns;
}

/**
 * Fills columnar batches of `BATCH_ROWS` rows from records. `exactText` gives the JSON text of
 * a record that came without one (an element of a JSON array), when its numbers need it.
 */
export class BatchBuilder {
  private readonly index = new Map<string, number>();
  private readonly extra: number;
  private cols: (string | null)[][];
  private len = 0;
  private readonly ready: TRowBatch[] = [];

  constructor(
    readonly columns: string[],
    private readonly onError: (err: TRecordError) => void,
    private readonly exactText: (line: number) => string = () => '',
  ) {
    columns.forEach((name, c) => this.index.set(name, c));
    this.index.delete(EXTRA_COLUMN);
    this.extra = columns.length - 1;
    this.cols = emptyColumns(columns.length, BATCH_ROWS);
  }

  add(record: TRecord): void {
    if ('reason' in record) {
      this.onError(record);
      return;
    }
    const row = this.len;
    const value = record.value;
    let extra: Record<string, unknown> | undefined;
    let rounded = false;
    for (const key in value) {
      const v = value[key];
      const text = valueText(v);
      if (typeof v === 'number' || typeof v === 'object') rounded ||= mayBeRounded(v, text);
      const c = this.index.get(key);
      if (c === undefined) (extra ??= newRecord())[key] = v;
      else (this.cols[c] as (string | null)[])[row] = text;
    }
    const text = rounded ? (record.text ?? this.exactText(record.line)) : '';
    if (rounded) this.useExactNumbers(text, row);
    if (extra !== undefined) {
      const exact = rounded ? rawTopLevelValues(text) : undefined;
      (this.cols[this.extra] as (string | null)[])[row] = extraJson(extra, exact);
    }
    this.len = row + 1;
    if (this.len === BATCH_ROWS) this.flush();
  }

  /** Replaces the row's numbers (and objects holding numbers) by their source text. */
  private useExactNumbers(line: string, row: number): void {
    for (const [key, text] of rawTopLevelValues(line)) {
      const c = this.index.get(key);
      if (c !== undefined && !text.startsWith('"') && text !== 'null') {
        (this.cols[c] as (string | null)[])[row] = text;
      }
    }
  }

  flush(): void {
    if (this.len === 0) return;
    this.ready.push(toBatch(this.cols, this.len));
    this.cols = emptyColumns(this.columns.length, BATCH_ROWS);
    this.len = 0;
  }

  take(): TRowBatch[] {
    return this.ready.splice(0, this.ready.length);
  }
}

/** `_extra` as JSON, splicing in exact source text for values that JSON.parse may have rounded. */
function extraJson(extra: Record<string, unknown>, exact: Map<string, string> | undefined): string {
  if (exact === undefined) return JSON.stringify(extra);
  const parts = Object.entries(extra).map(([key, value]) => {
    const raw = typeof value === 'number' || typeof value === 'object' ? exact.get(key) : undefined;
    return `${JSON.stringify(key)}:${raw ?? JSON.stringify(value)}`;
  });
  return `{${parts.join(',')}}`;
}

/** A record without a prototype, so that a key named `__proto__` is just a key. */
function newRecord(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}
