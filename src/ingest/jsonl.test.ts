import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_RECORDS, openJsonLines } from './jsonl.js';
import type { TRecordError, TRowBatch } from './rows.js';
import { ImportError } from './import-error.js';

const EVENTS = fileURLToPath(new URL('../../test/fixtures/ingest/events.jsonl', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'journeylens-jsonl-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function read(path: string): Promise<{
  columns: string[];
  rows: (string | null)[][];
  batches: TRowBatch[];
  errors: TRecordError[];
}> {
  const errors: TRecordError[] = [];
  const source = await openJsonLines(path, { onError: (e) => errors.push(e) });
  const batches: TRowBatch[] = [];
  for await (const batch of source.batches) batches.push(batch);
  const rows = batches.flatMap((b) =>
    Array.from({ length: b.length }, (_, r) => b.columns.map((c) => c[r] ?? null)),
  );
  return { columns: source.columns, rows, batches, errors };
}

function write(name: string, text: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

describe('openJsonLines', () => {
  it('reads objects, skips blank lines, reports bad lines with their line numbers', async () => {
    const { columns, rows, errors } = await read(EVENTS);
    expect(columns).toEqual([
      'customer',
      'activity',
      'ts',
      'amount',
      'vip',
      'tags',
      'meta',
      'order_id',
      'big',
      '_extra',
    ]);
    expect(rows).toEqual([
      [
        'c1',
        'signup',
        '2024-01-01T10:00:00Z',
        '12.5',
        'true',
        '["a","b"]',
        '{"src":"web"}',
        null,
        null,
        null,
      ],
      [
        'c2',
        'login',
        '2024-01-02T10:00:00Z',
        null,
        null,
        null,
        null,
        '12345678901234567891',
        null,
        null,
      ],
      ['c4', 'ünïcödé ✓', '2024-01-03T10:00:00Z', null, null, null, null, null, null, null],
      [
        'c5',
        'nested',
        '2024-01-04',
        null,
        null,
        null,
        '{"deep":{"x":[1,{"y":null}]}}',
        null,
        '[98765432109876543210,1.0]',
        '{"Customer":"dup-case"}',
      ],
    ]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ record: 4, field: '(record)' });
    expect(errors[0]?.reason).toMatch(/^not valid JSON: /);
    expect(errors[0]?.raw).toBe('{"customer":"c3","activity":"broken" "ts":1}');
    expect(errors[1]).toEqual({
      record: 5,
      field: '(record)',
      reason: 'not a JSON object but an array',
      raw: '[1,2,3]',
    });
  });

  it('reads a gzipped file the same way', async () => {
    const path = write('events.ndjson.gz', gzipSync(readFileSync(EVENTS)));
    expect(await read(path)).toEqual(await read(EVENTS));
  });

  it(`takes columns from the first ${SAMPLE_RECORDS} records; later keys go to _extra`, async () => {
    const lines = Array.from({ length: SAMPLE_RECORDS + 500 }, (_, i) =>
      JSON.stringify(i === SAMPLE_RECORDS + 10 ? { id: i, late: { n: 1 } } : { id: i, n: i % 3 }),
    );
    const { columns, rows } = await read(write('late.jsonl', lines.join('\n') + '\n'));
    expect(columns).toEqual(['id', 'n', '_extra']);
    expect(rows).toHaveLength(SAMPLE_RECORDS + 500);
    expect(rows[SAMPLE_RECORDS + 10]).toEqual([
      String(SAMPLE_RECORDS + 10),
      null,
      '{"late":{"n":1}}',
    ]);
    const next = SAMPLE_RECORDS + 11;
    expect(rows[next]).toEqual([String(next), String(next % 3), null]);
  });

  it('keeps input order across batches of at most 4,096 rows', async () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `{"i":${i},"s":"${'x'.repeat(i % 50)}"}`);
    const { rows, batches } = await read(write('many.jsonl', text.join('\r\n')));
    expect(batches.map((b) => b.length)).toEqual([4096, 4096, 1808]);
    expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });

  it('reads a last line without a line end, and lines longer than a read chunk', async () => {
    const long = 'y'.repeat(300_000);
    const { rows } = await read(write('long.jsonl', `{"a":"${long}"}\n{"a":"z"}`));
    expect(rows.map((r) => r[0]?.length)).toEqual([300_000, 1]);
  });

  it('has no columns for an empty file', async () => {
    expect(await read(write('empty.jsonl', '\n\n'))).toMatchObject({ columns: [], rows: [] });
  });

  it('throws, naming the file, when it is a JSON document rather than JSON Lines', async () => {
    const pretty = write('pretty.json', '[\n  {"a": 1},\n  {"a": 2}\n]\n');
    await expect(read(pretty)).rejects.toThrow(
      `${pretty} is not JSON Lines (one JSON object per line) but one JSON document`,
    );
    const oneLine = write('array.json', '[{"a": 1}, {"a": 2}]\n');
    await expect(read(oneLine)).rejects.toThrow(`${oneLine} is not JSON Lines`);
    await expect(read(oneLine)).rejects.toBeInstanceOf(ImportError);
    const csv = write('table.jsonl', 'id,activity\n1,signup\n');
    await expect(read(csv)).rejects.toThrow(
      `${csv} is not JSON Lines: none of its first 2 lines is a JSON object (line 1: not valid JSON`,
    );
  });

  it('throws, naming the file, when it is missing', async () => {
    const path = join(tmp, 'nope.jsonl');
    await expect(read(path)).rejects.toThrow(`cannot read ${path}: no such file`);
  });
});
