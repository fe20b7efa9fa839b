/**
 * Reading and writing the brainstorm tables (src/query/brainstorm-schema.ts). Rows come back
 * with the author tag where there is one, for the service to compare; nothing here answers
 * a caller directly, and nothing here logs.
 */
import { randomBytes } from 'node:crypto';
import { createBrainstormSchema } from '../../query/brainstorm-schema.js';
import { sql } from '../../query/sql.js';
import type { TStore } from '../../store/store.js';

export async function ensureBrainstormSchema(store: TStore): Promise<void> {
  for (const statement of createBrainstormSchema()) await store.exec(statement);
}

export type TSessionRow = {
  id: string;
  title: string;
  prompt: string;
  teams: string[];
  segments: string[];
  startsMs: number;
  endsMs: number;
  lockedMs: number | null;
  authorKey: string | null;
  createdBy: string;
};

export type TEntryRow = {
  id: string;
  n: number;
  text: string;
  channel: string | null;
  stage: string | null;
  team: string;
  authorTag: string | null;
  duplicateOf: string | null;
};

type TRawSession = {
  id: string;
  title: string;
  prompt: string;
  teams: string;
  segments: string;
  starts_ms: number | bigint;
  ends_ms: number | bigint;
  locked_ms: number | bigint | null;
  author_key: string | null;
  created_by: string;
};

type TRawEntry = {
  id: string;
  n: number;
  text: string;
  channel: string | null;
  stage: string | null;
  team: string;
  author_tag: string | null;
  duplicate_of: string | null;
};

const session = (r: TRawSession): TSessionRow => ({
  id: r.id,
  title: r.title,
  prompt: r.prompt,
  teams: JSON.parse(r.teams) as string[],
  segments: JSON.parse(r.segments) as string[],
  startsMs: Number(r.starts_ms),
  endsMs: Number(r.ends_ms),
  lockedMs: r.locked_ms === null ? null : Number(r.locked_ms),
  authorKey: r.author_key,
  createdBy: r.created_by,
});

const entry = (r: TRawEntry): TEntryRow => ({
  id: r.id,
  n: Number(r.n),
  text: r.text,
  channel: r.channel,
  stage: r.stage,
  team: r.team,
  authorTag: r.author_tag,
  duplicateOf: r.duplicate_of,
});

/** A random id with a prefix, readable in URLs and in journeylens.yaml (`e-3f9a0c1b2d`). */
export const newId = (prefix: string): string => `${prefix}-${randomBytes(5).toString('hex')}`;

export async function insertSession(store: TStore, s: TSessionRow): Promise<void> {
  await store.exec(sql`INSERT INTO brainstorms VALUES (${s.id}, ${s.title}, ${s.prompt},
    ${JSON.stringify(s.teams)}, ${JSON.stringify(s.segments)}, ${s.startsMs}, ${s.endsMs},
    ${s.lockedMs}, ${s.authorKey}, ${s.createdBy})`);
}

export async function readSessions(store: TStore, id?: string): Promise<TSessionRow[]> {
  const rows = await store.all<TRawSession>(
    id === undefined
      ? sql`SELECT * FROM brainstorms ORDER BY starts_ms DESC, id`
      : sql`SELECT * FROM brainstorms WHERE id = ${id}`,
  );
  return rows.map(session);
}

export async function entryCounts(store: TStore): Promise<Map<string, number>> {
  const rows = await store.all<{ id: string; n: number | bigint }>(
    sql`SELECT brainstorm_id AS id, count(*) AS n FROM brainstorm_entries GROUP BY brainstorm_id`,
  );
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function readEntries(store: TStore, brainstormId: string): Promise<TEntryRow[]> {
  const rows = await store.all<TRawEntry>(
    sql`SELECT id, n, text, channel, stage, team, author_tag, duplicate_of
      FROM brainstorm_entries WHERE brainstorm_id = ${brainstormId} ORDER BY n`,
  );
  return rows.map(entry);
}

/** Inserts an entry numbered after the last one of its session, in one statement. */
export async function insertEntry(
  store: TStore,
  brainstormId: string,
  e: Omit<TEntryRow, 'n' | 'duplicateOf'>,
): Promise<TEntryRow> {
  await store.exec(sql`INSERT INTO brainstorm_entries
    SELECT ${e.id}, ${brainstormId}, coalesce(max(n), 0) + 1, ${e.text}, ${e.channel},
      ${e.stage}, ${e.team}, ${e.authorTag}, NULL
    FROM brainstorm_entries WHERE brainstorm_id = ${brainstormId}`);
  const [row] = await store.all<TRawEntry>(
    sql`SELECT id, n, text, channel, stage, team, author_tag, duplicate_of
      FROM brainstorm_entries WHERE id = ${e.id}`,
  );
  if (row === undefined) throw new Error(`entry ${e.id} vanished after its insertion`);
  return entry(row);
}

export async function updateEntry(
  store: TStore,
  id: string,
  change: Pick<TEntryRow, 'text' | 'channel' | 'stage'>,
): Promise<void> {
  await store.exec(sql`UPDATE brainstorm_entries SET text = ${change.text},
    channel = ${change.channel}, stage = ${change.stage} WHERE id = ${id}`);
}

/** Deletes an entry; its duplicates become entries of their own again. */
export async function deleteEntry(store: TStore, id: string): Promise<void> {
  await store.transaction(async () => {
    await store.exec(
      sql`UPDATE brainstorm_entries SET duplicate_of = NULL WHERE duplicate_of = ${id}`,
    );
    await store.exec(sql`DELETE FROM brainstorm_entries WHERE id = ${id}`);
  });
}

export async function setDuplicates(
  store: TStore,
  changes: readonly { id: string; duplicateOf: string | null }[],
): Promise<void> {
  await store.transaction(async () => {
    for (const c of changes) {
      await store.exec(
        sql`UPDATE brainstorm_entries SET duplicate_of = ${c.duplicateOf} WHERE id = ${c.id}`,
      );
    }
  });
}

/** Carries out the lock: the time it happened, and the key and every author tag erased. */
export async function eraseAuthors(
  store: TStore,
  brainstormId: string,
  lockedMs: number,
): Promise<void> {
  await store.transaction(async () => {
    await store.exec(sql`UPDATE brainstorms SET locked_ms = ${lockedMs}, author_key = NULL
      WHERE id = ${brainstormId}`);
    await store.exec(sql`UPDATE brainstorm_entries SET author_tag = NULL
      WHERE brainstorm_id = ${brainstormId}`);
  });
}

/** Ends a session now (the CX team locks it before its time). */
export async function endNow(store: TStore, brainstormId: string, nowMs: number): Promise<void> {
  await store.exec(sql`UPDATE brainstorms SET ends_ms = ${nowMs} WHERE id = ${brainstormId}`);
}
