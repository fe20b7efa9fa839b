/**
 * A buffered CSV file writer: lines are encoded straight into a 1 MB Buffer that goes to the
 * stream when full, so a million rows cost about a hundred writes, no big strings pile up on
 * the heap for the garbage collector, and 'drain' is awaited between customers when the disk
 * falls behind (bounded memory). RFC 4180 quoting, LF line ends, UTF-8.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const CHUNK = 1 << 20;
const NEWLINE = 10;
const NEEDS_QUOTES = /[",\n\r]|^\s|\s$/;

/** One CSV field: quoted (quotes doubled) when it holds a comma, quote, line break or edge space. */
export function csvField(value: string | number): string {
  const s = typeof value === 'number' ? String(value) : value;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export class CsvWriter {
  private readonly stream: WriteStream;
  private chunk = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private mustDrain = false;
  private failure: Error | undefined;
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.stream = createWriteStream(path);
    // Keep a write error until the next flush or close reports it (an unheard 'error' would crash).
    this.stream.on('error', (error) => (this.failure = error));
    this.append(header.map(csvField).join(','));
  }

  /** Appends a line that the caller already built from csvField values. */
  line(text: string): void {
    this.append(text);
    this.rows++;
  }

  row(values: readonly (string | number)[]): void {
    this.line(values.map(csvField).join(','));
  }

  private append(text: string): void {
    // One UTF-16 unit never takes more than 3 bytes in UTF-8.
    const room = text.length * 3 + 1;
    if (this.used + room > this.chunk.length) this.spill(room);
    this.used += this.chunk.write(text, this.used);
    this.chunk[this.used++] = NEWLINE;
  }

  /** Hands the full chunk to the stream (which owns it from now on) and starts a new one. */
  private spill(room: number): void {
    if (this.used > 0 && !this.stream.write(this.chunk.subarray(0, this.used)))
      this.mustDrain = true;
    this.chunk = Buffer.allocUnsafe(Math.max(CHUNK, room));
    this.used = 0;
  }

  /** Waits for the disk when the stream asked for it; call it between customers. */
  async maybeFlush(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (!this.mustDrain) return;
    this.mustDrain = false;
    await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.spill(0);
    await this.maybeFlush();
    const finished = once(this.stream, 'finish');
    this.stream.end();
    await finished;
    if (this.failure !== undefined) throw this.failure;
  }
}
