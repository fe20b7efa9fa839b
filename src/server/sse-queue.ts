/**
 * What a server-sent event stream has yet to send: messages queued by a subscriber, written
 * in order by `pump`, with a keep-alive comment after each quiet `keepAliveMs` (so proxies
 * keep the connection). A listener that falls more than `maxPending` messages behind is cut
 * off (it reconnects and reads a fresh state) rather than holding the server's memory.
 */
import type { SSEMessage, SSEStreamingApi } from 'hono/streaming';

export class SseQueue {
  private readonly pending: SSEMessage[] = [];
  private wake: (() => void) | undefined;
  private closed = false;

  constructor(private readonly maxPending: number) {}

  /** Queues a message to send after those queued before it. */
  push(message: SSEMessage): void {
    this.pending.push(message);
    if (this.pending.length > this.maxPending) this.closed = true;
    this.signal();
  }

  /** Queues messages to send before everything queued so far. */
  unshift(messages: readonly SSEMessage[]): void {
    this.pending.unshift(...messages);
  }

  /** Ends the stream once what it is writing is written. */
  close(): void {
    this.closed = true;
    this.signal();
  }

  /** Writes the queued messages until the stream is closed or aborted. */
  async pump(stream: SSEStreamingApi, keepAliveMs: number): Promise<void> {
    stream.onAbort(() => this.close());
    while (!this.closed) {
      const next = this.pending.shift();
      if (next !== undefined) {
        await stream.writeSSE(next);
        continue;
      }
      const idle = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          this.wake = undefined;
          resolve(true);
        }, keepAliveMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      if (idle && !this.closed) await stream.write(': keep-alive\n\n');
    }
  }

  private signal(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
}
