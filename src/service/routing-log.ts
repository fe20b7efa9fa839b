/**
 * The log of routing decisions (`routing_decisions`), written off the hot path: a decision is
 * queued in memory and the queue is written in one statement every `flushMs` (or sooner when
 * `batchRows` are waiting), on a session of its own so it never waits behind an ingest. If the
 * store falls so far behind that `maxQueued` decisions wait, newer ones are dropped and counted
 * (logged), never the routing answers themselves. `stop` writes what is left.
 */
import { insertDecisions, type TDecisionRow } from '../query/routing.js';
import type { TStore } from '../store/store.js';
import type { TLog } from './workspace-source.js';

export type TDecisionLogOptions = {
  flushMs?: number;
  batchRows?: number;
  maxQueued?: number;
};

export class DecisionLog {
  /** Each decision as its JSON text: one string survives a young-generation GC more cheaply than an object of 14 fields. */
  private queue: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dropped = 0;
  private written = 0;
  private readonly flushMs: number;
  private readonly batchRows: number;
  private readonly maxQueued: number;

  constructor(
    private readonly session: TStore,
    private readonly log: TLog,
    options: TDecisionLogOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 1000;
    this.batchRows = options.batchRows ?? 5000;
    this.maxQueued = options.maxQueued ?? 200_000;
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  /** Queues one decision; never waits. */
  record(row: TDecisionRow): void {
    if (this.queue.length >= this.maxQueued) {
      if (this.dropped++ === 0)
        this.log.log(
          'error',
          'routing decisions: the store is behind; dropping decisions from the log',
          {
            queued: this.queue.length,
          },
        );
      return;
    }
    this.queue.push(JSON.stringify(row));
    if (this.queue.length === this.batchRows) void this.flush();
  }

  /** Writes what is queued (after any write in progress); resolves when it is stored. */
  flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (this.queue.length === 0) return;
      const rows = this.queue;
      this.queue = [];
      try {
        await this.session.exec(insertDecisions(`[${rows.join(',')}]`));
        this.written += rows.length;
      } catch (e) {
        this.dropped += rows.length;
        this.log.log('error', 'routing decisions: a batch could not be written', {
          rows: rows.length,
          error: (e as Error).message,
        });
      }
    });
    return this.writing;
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.flush();
    if (this.dropped > 0)
      this.log.log('warn', 'routing decisions left out of the log', { dropped: this.dropped });
  }

  stats(): { written: number; queued: number; dropped: number } {
    return { written: this.written, queued: this.queue.length, dropped: this.dropped };
  }
}
