/**
 * What the API has just stored, for the parts that react live (routing context, moment-of-
 * truth triggers, the server-sent-event stream). The ingest route publishes each committed
 * batch once, after its transaction: a subscriber never sees an event that was not stored.
 * A subscriber that throws is logged and does not stop the others or the ingest.
 */
import type { TLogger } from './log.js';

export type TIngestedEvent = {
  seq: number;
  eventId: string | null;
  customerId: string;
  caseId: string | null;
  ts: Date;
  activity: string;
  channel: string | null;
  outcome: string | null;
  reason: string | null;
};

export type TIngestedBatch = { kind: 'events'; events: readonly TIngestedEvent[] };

export type TIngestSubscriber = (batch: TIngestedBatch) => void | Promise<void>;

export class IngestBus {
  private readonly subscribers: TIngestSubscriber[] = [];

  constructor(private readonly log: TLogger) {}

  subscribe(fn: TIngestSubscriber): () => void {
    this.subscribers.push(fn);
    return () => {
      const i = this.subscribers.indexOf(fn);
      if (i >= 0) this.subscribers.splice(i, 1);
    };
  }

  async publish(batch: TIngestedBatch): Promise<void> {
    for (const fn of [...this.subscribers]) {
      try {
        await fn(batch);
      } catch (e) {
        this.log.log('error', 'ingest subscriber failed', { error: (e as Error).message });
      }
    }
  }
}
