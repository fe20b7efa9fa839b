/**
 * The staging row format that the Node-side readers (XES, JSON Lines) hand to the store, and
 * the text input they share: a file, gunzipped when it starts with the gzip magic bytes,
 * decoded to strings chunk by chunk.
 *
 * Readers stream: they never hold a whole file, only the chunk being scanned and the batch
 * being filled. Values stay the literal strings of the source; typing (timestamps, numbers)
 * happens later in the engine.
 */
import { isAscii } from 'node:buffer';
import { open, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Readable, TransformOptions } from 'node:stream';
import type { ZlibOptions } from 'node:zlib';
import iconv from 'iconv-lite';
import { ImportError } from './import-error.js';

/** A source opened for staging: its columns are fixed before the first batch. */
export type TRowSource = {
  /** Staging table columns, all VARCHAR, fixed once the source is opened. */
  columns: string[];
  batches: AsyncIterable<TRowBatch>;
};

/** Columnar rows in input order: `columns[c][r]`; every column array has `length` entries. */
export type TRowBatch = { columns: (string | null)[][]; length: number };

/** A malformed record; it goes to quarantine, and the reader does not emit it as a row. */
export type TRecordError = { record: number; field: string; reason: string; raw?: string };

export type TReaderOptions = {
  onError: (err: TRecordError) => void;
  /** A record deliberately left out (a blank line): not an error, but it keeps its number. */
  onSkip?: (record: number) => void;
  /** Called as the file is read: bytes of the file on disk (compressed bytes for .gz). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
};

/** `TRecordError.field` when the whole record is bad (a line that is not JSON, ...). */
export const WHOLE_RECORD = '(record)';

/** The JSON column for attributes or keys that have no column of their own. */
export const EXTRA_COLUMN = '_extra';

/** A batch is emitted once it holds this many rows (readers may stop at a record boundary). */
export const BATCH_ROWS = 4096;

/** Hard cap on rows per batch, so a batch never grows without bound. */
export const MAX_BATCH_ROWS = 8192;

/**
 * Staging column names: unique ignoring case, because DuckDB compares identifiers that way
 * ("Name" and "name" cannot both be columns), and never empty.
 */
export class ColumnNames {
  private readonly seen = new Set<string>();

  /** Takes `name` if it is free; says whether it was. */
  add(name: string): boolean {
    const folded = name.toLowerCase();
    if (name === '' || this.seen.has(folded)) return false;
    this.seen.add(folded);
    return true;
  }
}

/** An empty columnar batch with room for `capacity` rows, every cell null. */
export function emptyColumns(columnCount: number, capacity: number): (string | null)[][] {
  const columns: (string | null)[][] = [];
  for (let c = 0; c < columnCount; c++) columns.push(new Array<string | null>(capacity).fill(null));
  return columns;
}

/** Cuts filled column arrays down to `length` rows and wraps them as a batch. */
export function toBatch(columns: (string | null)[][], length: number): TRowBatch {
  for (const column of columns) column.length = length;
  return { columns, length };
}

/** Decoded text of a file, chunk by chunk, with the position in the file on disk. */
export type TTextInput = {
  chunks: AsyncIterable<string>;
  gzip: boolean;
  totalBytes: number;
  /** Bytes of the file on disk consumed so far. */
  bytesRead: () => number;
};

export type TTextInputOptions = {
  /** Names the encoding from the first (decompressed) bytes; default UTF-8. */
  encodingOf?: (head: Buffer) => string;
  /**
   * An ASCII character at which UTF-8 chunks should end, so that a reader rarely has to join
   * a record or tag split across two chunks: '<' (chunk ends just before the last one) or
   * '\n' (just after the last one).
   */
  cutAt?: '<' | '\n';
};

const READ_CHUNK = 1 << 20;
const GUNZIP_CHUNK = 256 * 1024;
/** Decoded strings are at most this many bytes' worth (see Utf8Chunker). */
const PIECE_BYTES = 64 * 1024;
/** Past this many bytes without a cut character, a chunk is decoded anyway. */
const MAX_CARRY = 4 << 20;

/**
 * Opens a file as decoded text, gunzipping it when it starts with the gzip magic bytes.
 * Throws, naming the file, when it is missing or not a regular file; a corrupt or truncated
 * gzip stream throws, naming the file, while iterating. A leading byte-order mark is dropped.
 */
export async function openTextInput(
  path: string,
  options: TTextInputOptions = {},
): Promise<TTextInput> {
  let totalBytes: number;
  let gzip: boolean;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ImportError('not a regular file');
    totalBytes = info.size;
    const handle = await open(path, 'r');
    try {
      const magic = Buffer.alloc(2);
      const { bytesRead } = await handle.read(magic, 0, 2, 0);
      gzip = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw new ImportError(`cannot read ${path}: ${describe(err)}`, { cause: err });
  }
  const file = createReadStream(path, { highWaterMark: READ_CHUNK });
  let bytes: Readable = file;
  if (gzip) {
    // A deep output buffer lets zlib (on the thread pool) run ahead while JS scans.
    const gunzipOptions: ZlibOptions & TransformOptions = {
      chunkSize: GUNZIP_CHUNK,
      readableHighWaterMark: 4 << 20,
    };
    bytes = pipeline(file, createGunzip(gunzipOptions), () => {});
  }
  return {
    chunks: decodeChunks(bytes, path, gzip, options),
    gzip,
    totalBytes,
    bytesRead: () => file.bytesRead,
  };
}

async function* decodeChunks(
  bytes: Readable,
  path: string,
  gzip: boolean,
  options: TTextInputOptions,
): AsyncGenerator<string> {
  let decoder: TDecoder | string | undefined;
  let first = true;
  try {
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      decoder ??= decoderFor(chunk, options);
      if (typeof decoder === 'string') break;
      for (let text of decoder.write(chunk)) {
        if (first && text.length > 0) {
          first = false;
          if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        }
        if (text.length > 0) yield text;
      }
    }
  } catch (err) {
    const what = gzip ? 'gzip data is corrupt or truncated' : 'read failed';
    throw new ImportError(`cannot read ${path}: ${what}: ${describe(err)}`, { cause: err });
  }
  if (typeof decoder === 'string') throw new ImportError(`cannot read ${path}: ${decoder}`);
  const tail = decoder?.end() ?? '';
  if (tail.length > 0) yield first && tail.charCodeAt(0) === 0xfeff ? tail.slice(1) : tail;
}

type TDecoder = { write: (chunk: Buffer) => string[]; end: () => string };

/** The decoder for the encoding `head` names, or what is wrong with that encoding. */
function decoderFor(head: Buffer, options: TTextInputOptions): TDecoder | string {
  const encoding = (options.encodingOf?.(head) ?? 'utf-8').toLowerCase();
  if (encoding === 'utf-8' || encoding === 'utf8' || encoding === 'us-ascii') {
    return new Utf8Chunker(options.cutAt);
  }
  const unknown = `unsupported text encoding "${encoding}"`;
  if (!iconv.encodingExists(encoding)) return unknown;
  const decoder = iconv.getDecoder(encoding);
  return { write: (b) => [decoder.write(b)], end: () => decoder.end() ?? '' };
}

/**
 * Streaming UTF-8 decoding that never splits a character, and with `cutAt` ends each piece at
 * that ASCII character (which cannot fall inside a multi-byte sequence). Pieces are at most
 * `PIECE_BYTES`: V8 makes strings that size quickly, while strings of a few hundred kilobytes
 * go to its large-object space and decode five times slower. ASCII pieces, the usual case,
 * are decoded as Latin-1, which makes compact one-byte strings.
 */
export class Utf8Chunker {
  private carry: Buffer | undefined;
  private readonly cutByte: number;
  private readonly cutAfter: boolean;

  constructor(cutAt?: '<' | '\n') {
    this.cutByte = cutAt === undefined ? -1 : cutAt.charCodeAt(0);
    this.cutAfter = cutAt === '\n';
  }

  /** Decodes `chunk` into pieces; bytes after the last cut wait for the next chunk. */
  write(chunk: Buffer): string[] {
    const bytes = this.carry === undefined ? chunk : Buffer.concat([this.carry, chunk]);
    this.carry = undefined;
    const pieces: string[] = [];
    let from = 0;
    while (from < bytes.length) {
      const end = this.pieceEnd(bytes, from);
      if (end === from) break;
      pieces.push(decodeUtf8(bytes.subarray(from, end)));
      from = end;
    }
    if (from < bytes.length) this.carry = bytes.subarray(from);
    return pieces;
  }

  end(): string {
    const rest = this.carry;
    this.carry = undefined;
    return rest === undefined ? '' : decodeUtf8(rest);
  }

  /** Where the piece starting at `from` ends; `from` when the rest must wait for more bytes. */
  private pieceEnd(bytes: Buffer, from: number): number {
    const limit = Math.min(bytes.length, from + PIECE_BYTES);
    if (this.cutByte >= 0) {
      let cut = this.cutFor(bytes.lastIndexOf(this.cutByte, limit - 1));
      // A line or tag longer than a piece: the piece runs to its end.
      if (cut <= from) cut = this.cutFor(bytes.indexOf(this.cutByte, Math.max(limit, from + 1)));
      if (cut > from) return cut;
      if (bytes.length - from < MAX_CARRY) return from;
    }
    return from + completeUtf8Prefix(bytes.subarray(from, limit));
  }

  private cutFor(at: number): number {
    if (at < 0) return -1;
    return this.cutAfter ? at + 1 : at;
  }
}

function decodeUtf8(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** Length of the longest prefix of `bytes` that does not end inside a UTF-8 sequence. */
function completeUtf8Prefix(bytes: Buffer): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (b < 0x80) return n; // ASCII: nothing is cut
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return back < need ? n - back : n;
  }
  return n;
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES') return 'permission denied';
    if (code === 'EISDIR') return 'is a directory';
    return err.message;
  }
  return String(err);
}
