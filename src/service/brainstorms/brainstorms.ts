/**
 * Brainstorms: time-boxed, anonymous interaction-mapping sessions. The CX team (admin, cx)
 * opens one; the CX team and the members of the invited teams add entries until its end
 * time, when it locks by itself (a timer carries the lock out, and every write checks the
 * clock, so a write after the end time is refused even before the timer has run). Viewers
 * and `read` tokens watch the board; they do not write.
 *
 * Anonymity: an entry stores its author's team and, while the session is open, a keyed hash
 * of the author's user id (author-tag.ts) — never the id, e-mail or name. Answers carry
 * `mine` for the asker only; per-team counts appear only after the lock (live counts would
 * tell who wrote the entry that just appeared when a team has one participant). The lock
 * erases the session key and the tags. Entry writes are not audited: an audit entry names
 * its actor. The live board of every session in use is held in memory, so a new listener
 * gets the entries so far and every later change without a gap or a repeat.
 */
import type { TPrincipal } from '../auth/roles.js';
import type { TStore } from '../../store/store.js';
import { authorTag, isAuthor, newAuthorKey } from './author-tag.js';
import {
  deleteEntry,
  endNow,
  entryCounts,
  insertEntry,
  insertSession,
  newId,
  readSessions,
  setDuplicates,
  updateEntry,
  type TEntryRow,
  type TSessionRow,
} from './brainstorm-store.js';
import type { TEntryInput, TNewBrainstorm } from './brainstorm-input.js';
import type { TBrainstormInfo, TEntry, TTeamCount } from './brainstorm-types.js';
import { LiveBoards, type TBoardListener, type TLiveBoard } from './live-boards.js';

export type { TBoardListener } from './live-boards.js';

/** The team an entry of an admin or CX team member without a team counts under. */
export const CX_TEAM = 'cx';

export type TWriteResult<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'not-found'; message: string }
  | { kind: 'locked'; message: string }
  | { kind: 'open'; message: string }
  | { kind: 'forbidden'; code: string; message: string };

export class BrainstormService {
  private readonly boards: LiveBoards;

  constructor(
    private readonly store: TStore,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.boards = new LiveBoards(store, now);
  }

  /** Ends every stream (the server stops accepting requests) and disarms the timers. */
  close(): void {
    this.boards.close();
  }

  isOpen(s: TSessionRow): boolean {
    return this.boards.isOpen(s);
  }

  /** Locks sessions whose time ran out while the server was down; arms the others' timers. */
  async start(): Promise<void> {
    for (const s of await readSessions(this.store)) {
      if (s.lockedMs === null) await this.boards.get(s.id);
    }
  }

  info(s: TSessionRow, entries: number): TBrainstormInfo {
    return {
      id: s.id,
      title: s.title,
      prompt: s.prompt,
      teams: s.teams,
      segments: s.segments,
      startsAt: new Date(s.startsMs).toISOString(),
      endsAt: new Date(s.endsMs).toISOString(),
      status: this.isOpen(s) ? 'open' : 'locked',
      createdBy: s.createdBy,
      entries,
    };
  }

  async create(input: TNewBrainstorm, createdBy: string): Promise<TBrainstormInfo> {
    const startsMs = this.now();
    const endsMs =
      input.endsAt === undefined
        ? startsMs + (input.durationMinutes ?? 0) * 60_000
        : Date.parse(input.endsAt);
    const session: TSessionRow = {
      id: newId('bs'),
      title: input.title,
      prompt: input.prompt,
      teams: [...new Set(input.teams)],
      segments: [...new Set(input.segments)],
      startsMs,
      endsMs,
      lockedMs: null,
      authorKey: newAuthorKey(),
      createdBy,
    };
    await insertSession(this.store, session);
    await this.boards.get(session.id);
    return this.info(session, 0);
  }

  async list(): Promise<TBrainstormInfo[]> {
    const counts = await entryCounts(this.store);
    const sessions = await readSessions(this.store);
    return sessions.map((s) =>
      this.info(this.boards.peek(s.id)?.session ?? s, counts.get(s.id) ?? 0),
    );
  }

  /** The session and its entries as `userId` sees them; undefined: no such session. */
  async read(
    id: string,
    userId: string | undefined,
  ): Promise<
    { info: TBrainstormInfo; entries: TEntry[]; teamCounts: TTeamCount[] | null } | undefined
  > {
    const b = await this.boards.get(id);
    if (b === undefined) return undefined;
    // Past its end but before its timer ran: lock it now, so no `mine` outlives the time.
    if (!this.isOpen(b.session)) await this.boards.lock(b);
    const rows = [...b.entries.values()];
    return {
      info: this.info(b.session, rows.length),
      entries: rows.map((e) => this.entryFor(b, e, userId)),
      teamCounts: this.isOpen(b.session) ? null : teamCounts(rows),
    };
  }

  /** The entries with their teams, for curating after the lock (never answered as such). */
  async lockedEntries(
    id: string,
  ): Promise<TWriteResult<{ session: TSessionRow; entries: TEntryRow[] }>> {
    const b = await this.boards.get(id);
    if (b === undefined) return notFound(id);
    if (this.isOpen(b.session)) return open(b.session);
    return { kind: 'ok', value: { session: b.session, entries: [...b.entries.values()] } };
  }

  /** May this person add entries to the session (now or while it is open)? */
  invited(s: TSessionRow, p: TPrincipal): boolean {
    if (p.kind !== 'user') return false;
    if (p.role === 'admin' || p.role === 'cx') return true;
    return p.role === 'team' && p.team !== null && s.teams.includes(p.team);
  }

  async add(id: string, p: TPrincipal, input: TEntryInput): Promise<TWriteResult<TEntry>> {
    const b = await this.writable(id, p);
    if (b.kind !== 'ok') return b;
    const { session } = b.value;
    const user = p as Extract<TPrincipal, { kind: 'user' }>;
    const row = await insertEntry(this.store, id, {
      id: newId('e'),
      text: input.text,
      channel: input.channel,
      stage: input.stage,
      team: user.team ?? CX_TEAM,
      authorTag: authorTag(session.authorKey ?? '', user.id),
    });
    b.value.entries.set(row.id, row);
    this.boards.publish(b.value, (to) => ({
      type: 'entry',
      change: 'added',
      entry: this.entryFor(b.value, row, to),
    }));
    return { kind: 'ok', value: this.entryFor(b.value, row, user.id) };
  }

  async edit(
    id: string,
    entryId: string,
    p: TPrincipal,
    input: TEntryInput,
  ): Promise<TWriteResult<TEntry>> {
    const b = await this.writable(id, p);
    if (b.kind !== 'ok') return b;
    const row = b.value.entries.get(entryId);
    if (row === undefined)
      return { kind: 'not-found', message: `no entry ${entryId} in brainstorm ${id}` };
    if (!this.authored(b.value, row, p)) {
      return {
        kind: 'forbidden',
        code: 'not_your_entry',
        message: 'only its author may change an entry',
      };
    }
    await updateEntry(this.store, entryId, input);
    const changed = { ...row, ...input };
    b.value.entries.set(entryId, changed);
    this.boards.publish(b.value, (to) => ({
      type: 'entry',
      change: 'changed',
      entry: this.entryFor(b.value, changed, to),
    }));
    return { kind: 'ok', value: this.entryFor(b.value, changed, (p as { id: string }).id) };
  }

  /** Its author removes an entry while the session is open; the CX team, at any time. */
  async remove(id: string, entryId: string, p: TPrincipal): Promise<TWriteResult<null>> {
    const b = await this.boards.get(id);
    if (b === undefined) return notFound(id);
    const row = b.entries.get(entryId);
    if (row === undefined)
      return { kind: 'not-found', message: `no entry ${entryId} in brainstorm ${id}` };
    const curator = p.kind === 'user' && (p.role === 'admin' || p.role === 'cx');
    if (!curator) {
      if (!this.isOpen(b.session)) return locked(b.session);
      if (!this.authored(b, row, p)) {
        return {
          kind: 'forbidden',
          code: 'not_your_entry',
          message: 'only its author or the CX team may remove an entry',
        };
      }
    }
    await deleteEntry(this.store, entryId);
    b.entries.delete(entryId);
    const freed: { id: string; duplicateOf: null }[] = [];
    for (const e of b.entries.values()) {
      if (e.duplicateOf === entryId) {
        b.entries.set(e.id, { ...e, duplicateOf: null });
        freed.push({ id: e.id, duplicateOf: null });
      }
    }
    this.boards.publish(b, () => ({ type: 'removed', id: entryId }));
    if (freed.length > 0) this.boards.publish(b, () => ({ type: 'merged', entries: freed }));
    return { kind: 'ok', value: null };
  }

  /**
   * Merges `entries` into `into` as its duplicates (after the lock); duplicates of a merged
   * entry follow it, and merging into a duplicate merges into its original. `into: null`
   * separates the entries again.
   */
  async merge(
    id: string,
    into: string | null,
    entries: readonly string[],
  ): Promise<TWriteResult<null>> {
    const b = await this.boards.get(id);
    if (b === undefined) return notFound(id);
    if (this.isOpen(b.session)) return open(b.session);
    await this.boards.lock(b);
    for (const e of [...entries, ...(into === null ? [] : [into])]) {
      if (!b.entries.has(e))
        return { kind: 'not-found', message: `entries: no entry ${e} in brainstorm ${id}` };
    }
    const target = into === null ? null : (b.entries.get(into)?.duplicateOf ?? into);
    const moving = new Set(entries.filter((e) => e !== target));
    const changes = [...b.entries.values()]
      .filter(
        (e) =>
          moving.has(e.id) ||
          (target !== null && e.duplicateOf !== null && moving.has(e.duplicateOf)),
      )
      .map((e) => ({ id: e.id, duplicateOf: target }));
    await setDuplicates(this.store, changes);
    for (const c of changes) {
      const e = b.entries.get(c.id);
      if (e !== undefined) b.entries.set(c.id, { ...e, duplicateOf: c.duplicateOf });
    }
    this.boards.publish(b, () => ({ type: 'merged', entries: changes }));
    return { kind: 'ok', value: null };
  }

  /** Locks the session now (the CX team ends it early); a locked session stays so. */
  async lock(id: string): Promise<TWriteResult<TBrainstormInfo>> {
    const b = await this.boards.get(id);
    if (b === undefined) return notFound(id);
    if (this.isOpen(b.session)) {
      const nowMs = this.now();
      await endNow(this.store, id, nowMs);
      b.session = { ...b.session, endsMs: nowMs };
    }
    await this.boards.lock(b);
    return { kind: 'ok', value: this.info(b.session, b.entries.size) };
  }

  /**
   * Listens to a session's board: `listener` gets every change after the entries returned,
   * in order. Undefined: no such session.
   */
  async subscribe(
    id: string,
    listener: TBoardListener,
  ): Promise<{ entries: TEntry[]; info: TBrainstormInfo; stop: () => void } | undefined> {
    const b = await this.boards.get(id);
    if (b === undefined) return undefined;
    const stop = this.boards.listen(b, listener);
    // No await between adding the listener and reading the entries: nothing falls between.
    return {
      info: this.info(b.session, b.entries.size),
      entries: [...b.entries.values()].map((e) => this.entryFor(b, e, listener.userId)),
      stop,
    };
  }

  listening(id: string): number {
    return this.boards.peek(id)?.listeners.size ?? 0;
  }

  private entryFor(b: TLiveBoard, e: TEntryRow, userId: string | undefined): TEntry {
    const key = b.session.authorKey;
    return {
      id: e.id,
      n: e.n,
      text: e.text,
      channel: e.channel,
      stage: e.stage,
      duplicateOf: e.duplicateOf,
      mine: userId !== undefined && key !== null && isAuthor(key, e.authorTag, userId),
    };
  }

  private authored(b: TLiveBoard, e: TEntryRow, p: TPrincipal): boolean {
    const key = b.session.authorKey;
    return p.kind === 'user' && key !== null && isAuthor(key, e.authorTag, p.id);
  }

  private async writable(id: string, p: TPrincipal): Promise<TWriteResult<TLiveBoard>> {
    const b = await this.boards.get(id);
    if (b === undefined) return notFound(id);
    if (!this.isOpen(b.session)) {
      await this.boards.lock(b);
      return locked(b.session);
    }
    if (!this.invited(b.session, p)) {
      return {
        kind: 'forbidden',
        code: 'not_invited',
        message: `only the CX team and members of the invited teams (${b.session.teams.join(', ')}) may add entries`,
      };
    }
    return { kind: 'ok', value: b };
  }
}

export function teamCounts(entries: readonly Pick<TEntryRow, 'team'>[]): TTeamCount[] {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.team, (counts.get(e.team) ?? 0) + 1);
  return [...counts]
    .map(([team, n]) => ({ team, entries: n }))
    .sort((a, b) => b.entries - a.entries || a.team.localeCompare(b.team));
}

const notFound = (id: string) => ({ kind: 'not-found', message: `no brainstorm ${id}` }) as const;
const locked = (s: TSessionRow) =>
  ({
    kind: 'locked',
    message: `the brainstorm "${s.title}" locked at ${new Date(s.endsMs).toISOString()}: entries can no longer be added, changed or removed`,
  }) as const;
const open = (s: TSessionRow) =>
  ({
    kind: 'open',
    message: `the brainstorm "${s.title}" is open until ${new Date(s.endsMs).toISOString()}: lock it before merging or clustering`,
  }) as const;
