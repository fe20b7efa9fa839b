/**
 * The boards of the brainstorms in use, held in memory: each session with its entries (author
 * tags included, for the service to compare; never answered) and its listeners. A board is
 * loaded once; its lock is armed as a timer at the session's end time, or carried out at once
 * when the time is already up. Carrying out the lock erases the session key and every author
 * tag (in the store and here), then tells the listeners. Knows nothing of HTTP.
 */
import type { TStore } from '../../store/store.js';
import {
  eraseAuthors,
  readEntries,
  readSessions,
  type TEntryRow,
  type TSessionRow,
} from './brainstorm-store.js';
import type { TBoardEvent } from './brainstorm-types.js';

/** setTimeout's longest delay; a later end is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type TBoardListener = {
  /** Whose `mine` flags the events carry: a user id, or undefined for a token. */
  userId: string | undefined;
  event(event: TBoardEvent): void;
  close(): void;
};

export type TLiveBoard = {
  session: TSessionRow;
  entries: Map<string, TEntryRow>;
  listeners: Set<TBoardListener>;
  timer: NodeJS.Timeout | undefined;
  locking: Promise<void> | undefined;
};

export class LiveBoards {
  private readonly live = new Map<string, TLiveBoard>();
  private loading = new Map<string, Promise<TLiveBoard | undefined>>();
  private closed = false;

  constructor(
    private readonly store: TStore,
    private readonly now: () => number,
  ) {}

  isOpen(s: TSessionRow): boolean {
    return s.lockedMs === null && this.now() < s.endsMs;
  }

  /** The board if it is loaded (without loading it). */
  peek(id: string): TLiveBoard | undefined {
    return this.live.get(id);
  }

  /** Adds a listener (ended at once when closed); returns the function that removes it. */
  listen(b: TLiveBoard, listener: TBoardListener): () => void {
    if (this.closed) listener.close();
    else b.listeners.add(listener);
    return () => b.listeners.delete(listener);
  }

  /** Ends every stream (the server stops accepting requests) and disarms the timers. */
  close(): void {
    this.closed = true;
    for (const b of this.live.values()) {
      clearTimeout(b.timer);
      for (const l of b.listeners) l.close();
      b.listeners.clear();
    }
  }

  publish(b: TLiveBoard, event: (userId: string | undefined) => TBoardEvent): void {
    for (const l of b.listeners) l.event(event(l.userId));
  }

  /** The live board of a session, loaded once; its lock is armed or carried out. */
  async get(id: string): Promise<TLiveBoard | undefined> {
    const known = this.live.get(id);
    if (known !== undefined) return known;
    let loading = this.loading.get(id);
    if (loading === undefined) {
      loading = this.load(id);
      this.loading.set(id, loading);
    }
    const b = await loading;
    this.loading.delete(id);
    return b;
  }

  private async load(id: string): Promise<TLiveBoard | undefined> {
    const [session] = await readSessions(this.store, id);
    if (session === undefined) return undefined;
    const entries = new Map((await readEntries(this.store, id)).map((e) => [e.id, e]));
    const b: TLiveBoard = {
      session,
      entries,
      listeners: new Set(),
      timer: undefined,
      locking: undefined,
    };
    this.live.set(id, b);
    if (this.isOpen(session)) this.arm(b);
    else await this.lock(b);
    return b;
  }

  private arm(b: TLiveBoard): void {
    clearTimeout(b.timer);
    if (this.closed) return;
    const wait = Math.min(Math.max(0, b.session.endsMs - this.now()), MAX_TIMER_MS);
    b.timer = setTimeout(() => {
      if (this.isOpen(b.session)) this.arm(b);
      else void this.lock(b);
    }, wait);
    b.timer.unref();
  }

  /** Carries out the lock once: erases the key and the tags, then tells the listeners. */
  lock(b: TLiveBoard): Promise<void> {
    if (b.session.lockedMs !== null) return Promise.resolve();
    b.locking ??= (async () => {
      clearTimeout(b.timer);
      const lockedMs = this.now();
      await eraseAuthors(this.store, b.session.id, lockedMs);
      b.session = { ...b.session, lockedMs, authorKey: null };
      for (const [id, e] of b.entries) b.entries.set(id, { ...e, authorTag: null });
      this.publish(b, () => ({ type: 'locked', endsAt: new Date(b.session.endsMs).toISOString() }));
    })();
    return b.locking;
  }
}
