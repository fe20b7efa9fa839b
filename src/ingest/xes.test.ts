import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { describeWithSharedData } from '../../test/shared-data.js';
import type { TRecordError, TRowSource } from './rows.js';
import { openXes, xmlEncoding } from './xes.js';
import { ImportError } from './import-error.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/ingest/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'journeylens-xes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function rowsOf(source: TRowSource): Promise<(string | null)[][]> {
  const rows: (string | null)[][] = [];
  for await (const batch of source.batches) {
    for (let r = 0; r < batch.length; r++) rows.push(batch.columns.map((c) => c[r] ?? null));
  }
  return rows;
}

async function read(path: string): Promise<{
  columns: string[];
  rows: (string | null)[][];
  errors: TRecordError[];
  progress: [number, number][];
}> {
  const errors: TRecordError[] = [];
  const progress: [number, number][] = [];
  const source = await openXes(path, {
    onError: (e) => errors.push(e),
    onProgress: (read, total) => progress.push([read, total]),
  });
  return { columns: source.columns, rows: await rowsOf(source), errors, progress };
}

describe('openXes', () => {
  it('reads a plain and a gzipped XES file alike', async () => {
    const plain = await read(join(FIXTURES, 'tiny.xes'));
    const gzipped = await read(join(FIXTURES, 'tiny.xes.gz'));
    expect(plain.rows).toHaveLength(4);
    expect(plain.rows.map((r) => r[1])).toEqual([
      'Bestellung "aufgegeben" <web>',
      '配送 🚚',
      'Payment failed',
      'Only event',
    ]);
    expect(gzipped.columns).toEqual(plain.columns);
    expect(gzipped.rows).toEqual(plain.rows);
    expect(plain.errors).toEqual([]);
  });

  it('reports progress up to the size of the file', async () => {
    const path = join(FIXTURES, 'tiny.xes.gz');
    const { progress } = await read(path);
    const size = readFileSync(path).length;
    expect(progress.at(-1)).toEqual([size, size]);
  });

  it('reads a file in a declared single-byte encoding', async () => {
    const text = readFileSync(join(FIXTURES, 'tiny.xes'), 'utf8')
      .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
      .replace('配送 🚚', 'Lieferung')
      .replace('Zoë', 'Zoë Müller');
    const path = join(tmp, 'latin1.xes');
    writeFileSync(path, iconv.encode(text, 'latin1'));
    const { rows } = await read(path);
    expect(rows[0]?.[4]).toBe('Zoë Müller');
    expect(rows[1]?.[8]).toContain('Zürich');
  });

  it('reports bad events to onError and keeps going', async () => {
    const { rows, errors } = await read(join(FIXTURES, 'errors.xes'));
    expect(rows.map((r) => r[1])).toEqual(['ok 1', 'ok 2']);
    expect(errors.map((e) => e.record)).toEqual([1, 3, 4, 5, 6]);
  });

  it('throws, naming the file, when it is missing', async () => {
    const path = join(tmp, 'missing.xes');
    await expect(read(path)).rejects.toThrow(`cannot read ${path}: no such file`);
  });

  it('throws, naming the file, when it is not XES', async () => {
    const html = join(tmp, 'page.xes');
    writeFileSync(html, '<!DOCTYPE html>\n<html><body>not a log</body></html>');
    await expect(read(html)).rejects.toThrow(
      `${html} is not an XES event log: its root element is <html>`,
    );
    const binary = join(tmp, 'binary.xes');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    await expect(read(binary)).rejects.toThrow(`${binary} is not an XES event log`);
  });

  it('throws, naming the file, when the gzip data is truncated', async () => {
    const whole = gzipSync(readFileSync(join(FIXTURES, 'tiny.xes')));
    const path = join(tmp, 'truncated.xes.gz');
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length * 0.6)));
    await expect(read(path)).rejects.toThrow(
      `cannot read ${path}: gzip data is corrupt or truncated`,
    );
    await expect(read(path)).rejects.toBeInstanceOf(ImportError);
  });

  it('throws, naming the file, when the XML stops inside the log', async () => {
    const text = readFileSync(join(FIXTURES, 'tiny.xes'), 'utf8');
    const path = join(tmp, 'cut.xes');
    writeFileSync(path, text.slice(0, text.indexOf('<trace>', text.indexOf('C&amp;1'))));
    await expect(read(path)).rejects.toThrow(`${path}: the XES text ends inside <log>`);
    // A file problem, told as one (the CLI prints it without a stack; the API answers 400).
    await expect(read(path)).rejects.toBeInstanceOf(ImportError);
  });

  it('streams a large log batch by batch', async () => {
    const event = (i: number): string =>
      `<event><string key="concept:name" value="step ${i % 7}"/><date key="time:timestamp" value="2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z"/></event>`;
    const traces = Array.from(
      { length: 2000 },
      (_, t) =>
        `<trace><string key="concept:name" value="case ${t}"/>${Array.from({ length: 25 }, (_, i) => event(i)).join('\n')}</trace>`,
    );
    const path = join(tmp, 'large.xes.gz');
    writeFileSync(path, gzipSync(`<?xml version="1.0"?>\n<log>\n${traces.join('\n')}\n</log>\n`));
    const source = await openXes(path, { onError: () => {} });
    let rows = 0;
    let batches = 0;
    const cases = new Set<string | null>();
    for await (const batch of source.batches) {
      batches++;
      rows += batch.length;
      for (const c of batch.columns[0] ?? []) cases.add(c);
    }
    expect(rows).toBe(50_000);
    expect(cases.size).toBe(2000);
    expect(batches).toBeGreaterThanOrEqual(7);
  });
});

describe('xmlEncoding', () => {
  it.each([
    ['<?xml version="1.0" encoding="ISO-8859-1"?><log/>', 'ISO-8859-1'],
    ["<?xml version='1.0' encoding='windows-1252' ?>", 'windows-1252'],
    ['<?xml version="1.0"?><log/>', 'utf-8'],
    ['<log/>', 'utf-8'],
    ['\uFEFF<?xml version="1.0" encoding="UTF-8"?>', 'UTF-8'],
  ])('%j → %s', (head, encoding) => {
    expect(xmlEncoding(Buffer.from(head, 'utf8'))).toBe(encoding);
  });

  it('recognises UTF-16 by its byte-order mark', () => {
    expect(xmlEncoding(Buffer.from([0xff, 0xfe, 0x3c, 0x00]))).toBe('utf-16le');
    expect(xmlEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x3c]))).toBe('utf-16be');
  });
});

describeWithSharedData('openXes on real public logs', (dir) => {
  async function countOf(name: string): Promise<{ rows: number; cases: number; errors: number }> {
    const errors: TRecordError[] = [];
    const source = await openXes(join(dir, 'logs', name), { onError: (e) => errors.push(e) });
    let rows = 0;
    const cases = new Set<string | null>();
    for await (const batch of source.batches) {
      rows += batch.length;
      for (const c of batch.columns[0] ?? []) cases.add(c);
    }
    return { rows, cases: cases.size, errors: errors.length };
  }

  it('reads running-example.xes: 42 events in 6 cases', async () => {
    expect(await countOf('running-example.xes')).toEqual({ rows: 42, cases: 6, errors: 0 });
  });

  it('reads helpdesk.xes.gz: 21,348 events in 4,580 cases', async () => {
    expect(await countOf('helpdesk.xes.gz')).toEqual({ rows: 21_348, cases: 4_580, errors: 0 });
  });

  it('takes the columns of running-example.xes from its globals', async () => {
    const source = await openXes(join(dir, 'logs', 'running-example.xes'), { onError: () => {} });
    const rows = await rowsOf(source);
    expect(source.columns).toEqual([
      'case:concept:name',
      'concept:name',
      'time:timestamp',
      'lifecycle:transition',
      'org:resource',
      'Activity',
      'Resource',
      'Costs',
      '_extra',
    ]);
    expect(rows[0]).toEqual([
      '3',
      'register request',
      '2010-12-30T14:32:00.000+01:00',
      null,
      'Pete',
      'register request',
      'Pete',
      '50',
      '{"case:creator":"Fluxicon Nitro"}',
    ]);
  });
});
