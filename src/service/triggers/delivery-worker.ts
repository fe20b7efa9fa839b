/**
 * Sends the queued webhook deliveries: POSTs each to its subscription's URL, signed, with the
 * delivery's `Idempotency-Key`. An answer in 2xx delivers it. Network errors, timeouts, 429
 * and 5xx are retried with exponential backoff and jitter (a `Retry-After` is honoured up to
 * the longest backoff); any other answer (3xx, 4xx) is final. After `maxAttempts` attempts,
 * or a final answer, the delivery is a dead letter. Redirects are not followed.
 *
 * Before each attempt the URL's host is resolved and checked again (webhook-target.ts), and the
 * attempt connects to the addresses checked: a name that now resolves to a private address
 * (DNS rebinding, a changed record) is a dead letter at once, without a request — unless
 * private addresses are allowed.
 *
 * The worker never holds up ingest: it runs on its own, woken when deliveries are queued or
 * fall due. Stopping lets the attempts in flight finish (up to a grace period) and returns
 * the rest to the queue, uncounted.
 */
import type { TStore } from '../../store/store.js';
import {
  claimDue,
  forgetDelivered,
  nextDueMs,
  recordAttempt,
  requeueInterrupted,
  type TAttemptResult,
  type TClaimed,
} from './delivery-queue.js';
import { postPinned, type TPostAnswer } from './pinned-post.js';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature.js';
import { checkTarget, systemResolve, type TResolveHost } from './webhook-target.js';

export type TDeliveryOptions = {
  /** Attempts before a delivery is a dead letter. */
  maxAttempts: number;
  /** The first retry comes after about this long; each further one waits twice as long. */
  backoffBaseMs: number;
  /** The longest wait between two attempts. */
  backoffMaxMs: number;
  /** An attempt without an answer within this is a timeout. */
  timeoutMs: number;
  /** Attempts in flight at once. */
  concurrency: number;
  /** How long stopping waits for attempts in flight before returning them to the queue. */
  stopGraceMs: number;
  /** Delivered rows are kept this long, then forgotten. */
  keepDeliveredMs: number;
  now: () => number;
  /** In [0, 1): the jitter. */
  random: () => number;
  /** Send to private and internal addresses too (on-premise receivers); default false. */
  allowPrivateAddresses: boolean;
  /** Resolves a receiver's host name (default: the system's resolver). */
  resolve: TResolveHost;
};

export const DEFAULT_DELIVERY_OPTIONS: TDeliveryOptions = {
  maxAttempts: 12,
  backoffBaseMs: 30_000,
  backoffMaxMs: 6 * 3_600_000,
  timeoutMs: 10_000,
  concurrency: 4,
  stopGraceMs: 10_000,
  keepDeliveredMs: 7 * 86_400_000,
  now: () => Date.now(),
  random: () => Math.random(),
  allowPrivateAddresses: false,
  resolve: systemResolve,
};

export type TWorkerLog = {
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: object): void;
};

/** The longest the worker sleeps without looking at the queue. */
const IDLE_MS = 60_000;
const HOUSEKEEPING_MS = 3_600_000;
export const USER_AGENT = 'Journeylens-Webhooks/1';

/**
 * The wait before the next attempt, after `attempts` failed ones: half of
 * min(max, base × 2^(attempts − 1)) plus a random part of the other half ("equal jitter"), so
 * receivers that failed together are not all retried at the same instant.
 */
export function backoffMs(
  attempts: number,
  options: Pick<TDeliveryOptions, 'backoffBaseMs' | 'backoffMaxMs'>,
  random: () => number,
): number {
  const ceiling = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** (attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export class DeliveryWorker {
  private readonly options: TDeliveryOptions;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly stopAttempts = new AbortController();
  private stopping = false;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private housekeptAt = -Infinity;

  constructor(
    private readonly store: TStore,
    private readonly log: TWorkerLog,
    options: Partial<TDeliveryOptions> = {},
  ) {
    this.options = { ...DEFAULT_DELIVERY_OPTIONS, ...options };
  }

  /** Returns attempts interrupted by the last stop to the queue, then starts sending. */
  async start(): Promise<void> {
    const requeued = await requeueInterrupted(this.store);
    if (requeued > 0) this.log.log('info', 'webhook deliveries requeued', { requeued });
    this.loop = this.run();
  }

  /** Something was queued or retried: look at the queue now. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    const all = Promise.allSettled([...this.inFlight.values()]);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.options.stopGraceMs);
    });
    await Promise.race([all, grace]);
    clearTimeout(timer);
    if (this.inFlight.size > 0) {
      this.log.log('info', 'webhook attempts returned to the queue', {
        deliveries: this.inFlight.size,
      });
      this.stopAttempts.abort();
      await all;
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        const { now, concurrency } = this.options;
        const claimed = await claimDue(this.store, now(), concurrency - this.inFlight.size);
        for (const delivery of claimed) this.launch(delivery);
        await this.housekeeping();
        const due = this.inFlight.size >= concurrency ? undefined : await nextDueMs(this.store);
        await this.sleep(due === undefined ? IDLE_MS : due - now());
      } catch (e) {
        this.log.log('error', 'webhook worker failed', { error: (e as Error).message });
        await this.sleep(1000);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || this.stopping || ms <= 0) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, Math.min(ms, IDLE_MS));
      timer.unref();
      this.wakeUp = done;
    });
  }

  private launch(delivery: TClaimed): void {
    const attempt = this.attempt(delivery)
      .then((result) => recordAttempt(this.store, delivery.id, result, this.options.now()))
      .catch((e: unknown) => {
        this.log.log('error', 'webhook attempt not recorded', {
          delivery: delivery.id,
          error: (e as Error).message,
        });
      })
      .finally(() => {
        this.inFlight.delete(delivery.id);
        this.wake();
      });
    this.inFlight.set(delivery.id, attempt);
  }

  /** One attempt: POST, then what the answer means for the delivery. */
  async attempt(delivery: TClaimed): Promise<TAttemptResult> {
    const { now, timeoutMs, maxAttempts } = this.options;
    const attempts = delivery.attempts + 1;
    const retryOrDead = (status: number | null, error: string, waitAtLeastMs = 0) => {
      if (attempts >= maxAttempts) {
        return { kind: 'dead', status, error: `${error} (after ${attempts} attempts)` } as const;
      }
      const wait = Math.min(
        this.options.backoffMaxMs,
        Math.max(backoffMs(attempts, this.options, this.options.random), waitAtLeastMs),
      );
      return { kind: 'retry', status, error, nextAttemptMs: now() + wait } as const;
    };
    // A timer of our own, not AbortSignal.timeout(): a timeout signal reachable only through
    // AbortSignal.any() can be garbage-collected before it fires, and then a receiver that
    // never answers holds the attempt forever (seen under load in CI).
    const timeout = new AbortController();
    const timer = setTimeout(() => {
      timeout.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    try {
      return await this.send(delivery, attempts, timeout.signal, retryOrDead);
    } finally {
      clearTimeout(timer);
    }
  }

  private async send(
    delivery: TClaimed,
    attempts: number,
    timeout: AbortSignal,
    retryOrDead: (status: number | null, error: string, waitAtLeastMs?: number) => TAttemptResult,
  ): Promise<TAttemptResult> {
    const { now, timeoutMs } = this.options;
    const signal = AbortSignal.any([timeout, this.stopAttempts.signal]);
    let answer: TPostAnswer;
    try {
      const target = await abortable(
        checkTarget(delivery.url, {
          allowPrivate: this.options.allowPrivateAddresses,
          resolve: this.options.resolve,
        }),
        signal,
      );
      if (!target.ok) {
        // A refused address is final: retrying would only ask again to be let in.
        return target.lasting
          ? { kind: 'dead', status: null, error: `refused: ${target.reason}` }
          : retryOrDead(null, target.reason);
      }
      answer = await postPinned(target.url, target.addresses, {
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          [SIGNATURE_HEADER]: signatureHeader(
            delivery.secret,
            delivery.payload,
            Math.floor(now() / 1000),
          ),
          [IDEMPOTENCY_HEADER]: delivery.id,
          'Journeylens-Event': delivery.eventType,
          'Journeylens-Attempt': String(attempts),
        },
        body: delivery.payload,
        signal,
      });
    } catch (e) {
      if (this.stopAttempts.signal.aborted) return { kind: 'returned' };
      const error = e as Error;
      const reason =
        timeout.aborted || error.name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : error.message;
      return retryOrDead(null, reason);
    }
    const { status, text } = answer;
    if (status >= 200 && status < 300) return { kind: 'delivered', status };
    const error = `HTTP ${status}${text === '' ? '' : `: ${text.slice(0, 300)}`}`;
    if (status === 429 || status >= 500) {
      const retryAfter = answer.headers['retry-after'];
      return retryOrDead(status, error, retryAfterMs(retryAfter ?? null, now()));
    }
    return { kind: 'dead', status, error };
  }

  private async housekeeping(): Promise<void> {
    const now = this.options.now();
    if (now - this.housekeptAt < HOUSEKEEPING_MS) return;
    this.housekeptAt = now;
    await forgetDelivered(this.store, now - this.options.keepDeliveredMs);
  }
}

/** `Retry-After` in seconds or as an HTTP date, in ms from now (0 when absent or past). */
function retryAfterMs(header: string | null, nowMs: number): number {
  if (header === null) return 0;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? 0 : Math.max(0, at - nowMs);
}

/** `promise`, or the signal's reason once it aborts (a lookup cannot be cancelled itself). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', abort, { once: true });
    void promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
