import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ColumnNames, Utf8Chunker, emptyColumns, openTextInput, toBatch } from './rows.js';

const tmp = mkdtempSync(join(tmpdir(), 'journeylens-rows-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Feeds `bytes` to a chunker in slices of `size`; returns the decoded pieces. */
function decode(bytes: Buffer, size: number, cutAt?: '<' | '\n'): string[] {
  const chunker = new Utf8Chunker(cutAt);
  const pieces: string[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    pieces.push(...chunker.write(bytes.subarray(i, i + size)));
  }
  pieces.push(chunker.end());
  return pieces.filter((p) => p !== '');
}

describe('Utf8Chunker', () => {
  const text = 'Zoë → 配送 🚚 <a>\n<b>ünï</b>\n'.repeat(50);
  const bytes = Buffer.from(text, 'utf8');

  it('never splits a character, whatever the chunk size', () => {
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const pieces = decode(bytes, size);
      expect(pieces.join(''), `chunks of ${size}`).toBe(text);
      expect(pieces.some((p) => p.includes('\uFFFD'))).toBe(false);
    }
  });

  it("ends pieces just before '<' or just after a line end", () => {
    const tags = decode(bytes, 100, '<');
    expect(tags.join('')).toBe(text);
    expect(tags.slice(1).every((p) => p.startsWith('<'))).toBe(true);
    const lines = decode(bytes, 100, '\n');
    expect(lines.join('')).toBe(text);
    expect(lines.every((p) => p.endsWith('\n'))).toBe(true);
  });

  it('decodes ASCII as compact text too', () => {
    expect(decode(Buffer.from('plain <ascii>'), 4, '<').join('')).toBe('plain <ascii>');
  });
});

describe('openTextInput', () => {
  it('gunzips by magic bytes, not by name, and drops a byte-order mark', async () => {
    const path = join(tmp, 'no-extension');
    writeFileSync(path, gzipSync(Buffer.from('\uFEFFhello\nworld\n', 'utf8')));
    const input = await openTextInput(path, { cutAt: '\n' });
    let text = '';
    for await (const piece of input.chunks) text += piece;
    expect(input.gzip).toBe(true);
    expect(text).toBe('hello\nworld\n');
    expect(input.bytesRead()).toBe(input.totalBytes);
  });

  it('decodes a named encoding', async () => {
    const path = join(tmp, 'latin1.txt');
    writeFileSync(path, Buffer.from([0x5a, 0x6f, 0xeb])); // "Zoë" in Latin-1
    const input = await openTextInput(path, { encodingOf: () => 'latin1' });
    let text = '';
    for await (const piece of input.chunks) text += piece;
    expect(text).toBe('Zoë');
  });

  it('throws, naming the file, for an encoding it cannot decode', async () => {
    const path = join(tmp, 'klingon.txt');
    writeFileSync(path, 'text');
    const input = await openTextInput(path, { encodingOf: () => 'x-klingon' });
    const read = async (): Promise<void> => {
      for await (const _ of input.chunks) void _;
    };
    await expect(read()).rejects.toThrow(
      `cannot read ${path}: unsupported text encoding "x-klingon"`,
    );
  });

  it('throws, naming the file, for a directory', async () => {
    await expect(openTextInput(tmp)).rejects.toThrow(`cannot read ${tmp}: not a regular file`);
  });
});

describe('ColumnNames', () => {
  it('takes each name once, ignoring case, and never the empty name', () => {
    const names = new ColumnNames();
    expect(['Name', 'name', 'NAME', '', 'other'].map((n) => names.add(n))).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
  });
});

describe('toBatch', () => {
  it('cuts every column to the row count', () => {
    const columns = emptyColumns(2, 8);
    columns[1]![2] = 'x';
    expect(toBatch(columns, 3)).toEqual({
      columns: [
        [null, null, null],
        [null, null, 'x'],
      ],
      length: 3,
    });
  });
});
