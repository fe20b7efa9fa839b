/**
 * Which reader a file needs, from its name (and, for CSV, its bytes: the text encoding).
 */
import { open } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

export const FORMATS = ['csv', 'jsonl', 'parquet', 'xes'] as const;
export type TFormat = (typeof FORMATS)[number];

export function formatOf(path: string): TFormat | undefined {
  const name = path.toLowerCase().replace(/\.(gz|gzip)$/, '');
  if (/\.(csv|tsv|txt)$/.test(name)) return 'csv';
  if (/\.(jsonl|ndjson|json)$/.test(name)) return 'jsonl';
  if (name.endsWith('.parquet')) return 'parquet';
  if (name.endsWith('.xes')) return 'xes';
  return undefined;
}

const SNIFF_BYTES = 4 << 20;

/**
 * The first megabytes of a file, gunzipped when it is gzip (a truncated stream is fine);
 * undefined when a gzip head does not inflate.
 */
export async function readHead(path: string): Promise<Buffer | undefined> {
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (head[0] !== 0x1f || head[1] !== 0x8b) return head;
  try {
    return gunzipSync(head, { finishFlush: 2 /* Z_SYNC_FLUSH: a truncated head is fine */ });
  } catch {
    return undefined;
  }
}

/**
 * The encoding of a file from its first megabytes (`readHead`): UTF-8 unless they are not
 * valid UTF-8, in which case Latin-1 (which decodes any byte). Files in UTF-8 with a stray
 * Latin-1 byte further down still get a clear per-line error from the reader.
 */
export function encodingOf(head: Buffer | undefined): 'utf-8' | 'latin-1' {
  if (head === undefined) return 'utf-8';
  // Drop a possibly cut multi-byte character at the end of the sample.
  const sample = head.subarray(0, Math.max(0, head.length - 3));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return 'utf-8';
  } catch {
    return 'latin-1';
  }
}
