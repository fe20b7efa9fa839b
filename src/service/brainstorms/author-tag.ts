/**
 * How an entry's author is recognised without being recorded: each session has its own random
 * key, and an entry keeps HMAC-SHA256(key, user id). Only the server, holding the key, can
 * answer "did this person write this entry?" — for the person asking about themselves. The
 * tag is never answered, logged or exported, and the lock erases the key and every tag, so
 * after the session nothing stored can tie an entry to a person, not even with the database
 * and the users table in hand. Why not a plain hash of the user id: user ids are known to the
 * server's operators, so a plain hash could be recomputed for every user and matched.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new session key: 32 random bytes, hex. */
export function newAuthorKey(): string {
  return randomBytes(32).toString('hex');
}

/** The tag of `userId`'s entries under `key`. */
export function authorTag(key: string, userId: string): string {
  return createHmac('sha256', Buffer.from(key, 'hex')).update(userId).digest('hex');
}

/** Whether `tag` is `userId`'s under `key`, in constant time. */
export function isAuthor(key: string, tag: string | null, userId: string): boolean {
  if (tag === null) return false;
  const expected = Buffer.from(authorTag(key, userId), 'hex');
  const given = Buffer.from(tag, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
