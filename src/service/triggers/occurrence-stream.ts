/**
 * The live feed of moment-of-truth occurrences behind the server-sent-event stream: every
 * occurrence gets an id (`<run>-<n>`, increasing within a run of the server) and stays in a
 * bounded buffer, so a client that reconnects with `Last-Event-ID` gets what it missed — or,
 * when that is no longer in the buffer (too old, or from an earlier run), learns that it must
 * reload. In memory only: the webhooks, not the stream, are the durable channel.
 */
import { LiveFeed, type TFeedListener } from '../live-feed.js';
import type { TMomentOccurrence } from './occurrence.js';

export type TStreamItem = { id: string; occurrence: TMomentOccurrence };

export type TStreamListener = TFeedListener<TStreamItem>;

export class OccurrenceStream {
  private readonly buffer: TStreamItem[] = [];
  private readonly feed = new LiveFeed<TStreamItem>();
  private readonly run: string;
  private n = 0;

  constructor(
    private readonly capacity = 1000,
    run = Date.now().toString(36),
  ) {
    this.run = run;
  }

  publish(occurrences: readonly TMomentOccurrence[]): void {
    for (const occurrence of occurrences) {
      const item = { id: `${this.run}-${++this.n}`, occurrence };
      this.buffer.push(item);
      if (this.buffer.length > this.capacity) this.buffer.shift();
      this.feed.publish(item);
    }
  }

  /**
   * What came after `lastId`, oldest first; undefined when the stream cannot tell (the id is
   * from another run or older than the buffer), so the client may have missed some.
   */
  since(lastId: string): TStreamItem[] | undefined {
    const [run, n] = lastId.split('-');
    const last = Number(n);
    if (run !== this.run || !Number.isInteger(last) || last > this.n) return undefined;
    const oldest = this.n - this.buffer.length + 1;
    if (last < oldest - 1) return undefined;
    return this.buffer.slice(last - oldest + 1);
  }

  /** Listens from now on; returns the function that stops listening. */
  subscribe(listener: TStreamListener): () => void {
    return this.feed.subscribe(listener);
  }

  /** Ends every listener (the server is stopping); later subscribers end at once. */
  close(): void {
    this.feed.close();
  }

  get listening(): number {
    return this.feed.listening;
  }
}
