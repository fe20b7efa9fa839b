import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseCsv } from './csv-read.js';
import { CsvWriter, csvField } from './csv-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'jl-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('csvField', () => {
  test.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' edge', '" edge"'],
    ['', ''],
    [6.5, '6.5'],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('CsvWriter', () => {
  test('writes what parseCsv reads back, across chunk boundaries and in UTF-8', async () => {
    const path = join(dir, 'round-trip.csv');
    const writer = new CsvWriter(path, ['id', 'text']);
    const rows: string[][] = [];
    for (let i = 0; i < 30_000; i++) {
      const text =
        i % 3 === 0 ? `Liège, "très" bien ${i}` : i % 3 === 1 ? `line\nbreak ${i}` : `plain ${i}`;
      rows.push([String(i), text]);
      writer.row([i, text]);
      await writer.maybeFlush();
    }
    writer.line('x'.repeat(3 << 20)); // longer than a chunk
    rows.push(['x'.repeat(3 << 20)]);
    await writer.close();
    expect(writer.rows).toBe(30_001);
    const back = parseCsv(readFileSync(path, 'utf8'));
    expect(back[0]).toEqual(['id', 'text']);
    expect(back.slice(1)).toEqual(rows);
  });

  test('reports a write error instead of losing it', async () => {
    const writer = new CsvWriter(join(dir, 'missing-folder', 'x.csv'), ['a']);
    writer.row(['1']);
    await expect(writer.close()).rejects.toThrow(/ENOENT/);
  });
});
