/**
 * Opens an XES or XES.gz event log as a staging row source, streamed in bounded memory.
 * The reading rules live in xes-scanner.ts; this file only wires the file to the scanner.
 */
import { openTextInput } from './rows.js';
import type { TReaderOptions, TRowBatch, TRowSource } from './rows.js';
import { XesScanner } from './xes-scanner.js';

/**
 * Opens `path` (XES, or gzipped XES detected by its magic bytes) and reads its header, so the
 * columns are known before the first batch. Throws, naming the file, when it is missing, is
 * not XES, or is truncated; malformed events go to `opts.onError` and are skipped.
 * Iterate `batches` to the end (or break out of the loop) to release the file.
 *
 * @example
 * const source = await openXes('log.xes.gz', { onError: (e) => quarantine.push(e) });
 * for await (const batch of source.batches) append(source.columns, batch);
 */
export async function openXes(path: string, opts: TReaderOptions): Promise<TRowSource> {
  const input = await openTextInput(path, { encodingOf: xmlEncoding, cutAt: '<' });
  const chunks = input.chunks[Symbol.asyncIterator]();
  const scanner = new XesScanner(path, opts.onError);
  let ended = false;
  try {
    while (scanner.columns === undefined) {
      const next = await chunks.next();
      if (next.done === true) {
        scanner.end();
        ended = true;
      } else {
        scanner.feed(next.value);
      }
    }
  } catch (err) {
    await chunks.return?.();
    throw err;
  }
  const report = opts.onProgress;

  async function* batches(): AsyncGenerator<TRowBatch> {
    try {
      for (;;) {
        const ready = scanner.take();
        if (ready.length > 0) report?.(input.bytesRead(), input.totalBytes);
        yield* ready;
        if (ended) break;
        const next = await chunks.next();
        if (next.done === true) {
          scanner.end();
          ended = true;
        } else {
          scanner.feed(next.value);
        }
      }
      report?.(input.totalBytes, input.totalBytes);
    } finally {
      await chunks.return?.();
    }
  }

  return { columns: scanner.columns, batches: batches() };
}

/**
 * The encoding an XML document declares, from its first bytes: a UTF-16 byte-order mark or
 * the `encoding` of the XML declaration; UTF-8 otherwise.
 */
export function xmlEncoding(head: Buffer): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const start = head.toString('latin1', 0, Math.min(head.length, 256));
  const declared =
    /^(?:\uFEFF|\u00EF\u00BB\u00BF)?\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(
      start,
    );
  return declared?.[1] ?? 'utf-8';
}
