/**
 * Real-time triggers: each committed ingest batch is evaluated against the workspace's
 * moments of truth; each occurrence is queued as a webhook delivery for every subscription
 * that wants it (in one transaction with the new ingest position, so a crash can neither lose
 * nor duplicate it) and published on the event stream; the delivery worker sends the queue.
 *
 * Ingest is never held up: `accept` only queues the batch in memory and returns; batches are
 * evaluated one after the other, in the order ingest committed them. At start the state is
 * rebuilt from the store, then stored events not evaluated yet (a crash between commit and
 * evaluation, an import while the server was stopped) are caught up — firing only for events
 * at most `catchUpMs` old, so loading history does not flood the receivers.
 */
import { sql } from '../../query/sql.js';
import { createTriggerSchema } from '../../query/trigger-schema.js';
import type { TTriggerModelOptions } from '../../analysis/moment-trigger-model.js';
import type { TStore } from '../../store/store.js';
import { enqueueEvents } from './delivery-queue.js';
import { DeliveryWorker, type TDeliveryOptions, type TWorkerLog } from './delivery-worker.js';
import type { TLiveEvent, TWebhookEvent } from './occurrence.js';
import { OccurrenceStream } from './occurrence-stream.js';
import { TriggerEngine } from './trigger-engine.js';
import type { TWorkspaceLoader } from './workspace-rules.js';

export type TTriggerOptions = {
  delivery?: Partial<TDeliveryOptions>;
  model?: TTriggerModelOptions;
  /** Occurrences the stream keeps for clients that reconnect (default 1000). */
  streamBuffer?: number;
  /** At start, stored events not evaluated yet fire only if at most this old (default 24 h). */
  catchUpMs?: number;
};

const POSITION_KEY = 'moments.position';
const CATCH_UP_CHUNK = 10_000;

export async function ensureTriggerSchema(store: TStore): Promise<void> {
  for (const statement of createTriggerSchema()) await store.exec(statement);
}

export class TriggerService {
  readonly stream: OccurrenceStream;
  readonly worker: DeliveryWorker;
  private engine: TriggerEngine | undefined;
  private session: TStore | undefined;
  private queue: Promise<void> = Promise.resolve();
  private accepting = false;
  private readonly now: () => number;

  constructor(
    /** Writes and app state (the server's exclusive session). */
    private readonly store: TStore,
    private readonly loadWorkspace: TWorkspaceLoader,
    private readonly log: TWorkerLog,
    private readonly options: TTriggerOptions = {},
  ) {
    this.stream = new OccurrenceStream(options.streamBuffer ?? 1000);
    this.worker = new DeliveryWorker(store, log, options.delivery);
    this.now = options.delivery?.now ?? (() => Date.now());
  }

  /** Creates the tables, rebuilds the state, catches up, starts the worker. */
  async start(): Promise<void> {
    const ready = this.init();
    this.queue = ready.catch(() => undefined);
    this.accepting = true;
    await ready;
  }

  private async init(): Promise<void> {
    await ensureTriggerSchema(this.store);
    this.session = await this.store.fork();
    const saved = await this.savedPosition();
    const [latest] = await this.store.all<{ seq: number }>(
      sql`SELECT coalesce(max(seq), 0) AS seq FROM events`,
    );
    // The first start evaluates from here on: what was stored before is history.
    const position = saved ?? latest?.seq ?? 0;
    if (saved === undefined) await this.savePosition(position);
    this.engine = new TriggerEngine(this.session, this.options.model, position);
    await this.engine.use(await this.loadWorkspace());
    await this.catchUp();
    await this.worker.start();
  }

  /** The ingest bus subscriber: queues the batch and returns at once. */
  accept(events: readonly TLiveEvent[]): void {
    if (!this.accepting || events.length === 0) return;
    this.queue = this.queue
      .then(() => this.process(events, -Infinity))
      .catch((e: unknown) => {
        this.log.log('error', 'moments of truth not evaluated', { error: (e as Error).message });
      });
  }

  /** Resolves once every batch accepted so far has been evaluated and queued. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** The server stops accepting requests: end the event streams so it can drain. */
  closing(): void {
    this.stream.close();
  }

  /** Evaluates what was accepted, then stops the worker (attempts in flight finish or return). */
  async stop(): Promise<void> {
    this.accepting = false;
    this.stream.close();
    await this.queue;
    await this.worker.stop();
    await this.session?.close();
    this.session = undefined;
  }

  /** Events to evaluate; occurrences at events before `fireFromMs` update the state only. */
  private async process(events: readonly TLiveEvent[], fireFromMs: number): Promise<void> {
    const engine = this.engine;
    if (engine === undefined) return;
    if (await engine.use(await this.loadWorkspace())) {
      this.log.log('info', 'moments of truth: rules changed, state rebuilt', {
        position: engine.position,
        moments: engine.moments.length,
      });
    }
    const occurrences = engine.evaluate(events).filter((o) => Date.parse(o.event.ts) >= fireFromMs);
    const now = this.now();
    const createdAt = new Date(now).toISOString();
    const webhookEvents: TWebhookEvent[] = occurrences.map((data) => ({
      id: data.id,
      type: 'moment.occurred',
      createdAt,
      data,
    }));
    const queued = await this.store.transaction(async () => {
      const n = await enqueueEvents(this.store, webhookEvents, now);
      await this.savePosition(engine.position);
      return n;
    });
    this.stream.publish(occurrences);
    if (queued > 0) this.worker.wake();
  }

  /** Evaluates stored events above the saved position, oldest ingest first. */
  private async catchUp(): Promise<void> {
    const fireFromMs = this.now() - (this.options.catchUpMs ?? 86_400_000);
    const eventId = await this.hasEventIds();
    for (;;) {
      const position = this.engine?.position ?? 0;
      const rows = await this.store.all<{
        seq: number;
        event_id: string | null;
        customer_id: string;
        case_id: string | null;
        us: number;
        activity: string;
        channel: string | null;
        outcome: string | null;
        reason: string | null;
      }>(sql`SELECT seq, ${eventId ? sql`event_id` : sql`NULL`} AS event_id, customer_id, case_id,
          epoch_us(ts) AS us, activity, channel, outcome, reason
        FROM events WHERE seq > ${position} ORDER BY seq LIMIT ${CATCH_UP_CHUNK}`);
      if (rows.length === 0) return;
      this.log.log('info', 'moments of truth: catching up', {
        from: position,
        events: rows.length,
      });
      await this.process(
        rows.map((r) => ({
          seq: r.seq,
          eventId: r.event_id,
          customerId: r.customer_id,
          caseId: r.case_id,
          tsUs: r.us,
          activity: r.activity,
          channel: r.channel,
          outcome: r.outcome,
          reason: r.reason,
        })),
        fireFromMs,
      );
    }
  }

  private async hasEventIds(): Promise<boolean> {
    const [row] = await this.store.all<{ n: number }>(sql`SELECT count(*) AS n
      FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'event_id'`);
    return (row?.n ?? 0) > 0;
  }

  private async savedPosition(): Promise<number | undefined> {
    const [row] = await this.store.all<{ value: string }>(
      sql`SELECT value FROM trigger_state WHERE key = ${POSITION_KEY}`,
    );
    return row === undefined ? undefined : Number(row.value);
  }

  private async savePosition(position: number): Promise<void> {
    await this.store
      .exec(sql`INSERT INTO trigger_state VALUES (${POSITION_KEY}, ${String(position)})
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  }
}
