/**
 * The app-state tables of brainstorms (anonymous interaction-mapping sessions): the sessions
 * and their entries. An entry keeps its author's team (for per-team counts) and, while the
 * session is open, a keyed hash of the author's user id (`author_tag`, HMAC with the session's
 * own `author_key`) so that the author can change or delete it. Neither column is ever
 * answered; both the key and the tags are erased when the session locks, after which nothing
 * stored links an entry to a person. No entry time is stored: the order number is enough for
 * the board and a timestamp could be matched against request logs. Times of sessions are
 * epoch milliseconds so that the clock can be injected. DuckDB dialect.
 */
import { raw, type TSql } from './sql.js';

export function createBrainstormSchema(): TSql[] {
  return [
    raw(`CREATE TABLE IF NOT EXISTS brainstorms (
      id VARCHAR PRIMARY KEY,
      title VARCHAR NOT NULL,
      prompt VARCHAR NOT NULL,
      -- JSON lists of team ids and segment ids
      teams VARCHAR NOT NULL,
      segments VARCHAR NOT NULL,
      starts_ms BIGINT NOT NULL,
      ends_ms BIGINT NOT NULL,
      -- set when the lock was carried out (keys and tags erased)
      locked_ms BIGINT,
      -- hex HMAC key of this session's author tags; NULL once locked
      author_key VARCHAR,
      created_by VARCHAR NOT NULL
    )`),
    raw(`CREATE TABLE IF NOT EXISTS brainstorm_entries (
      id VARCHAR PRIMARY KEY,
      brainstorm_id VARCHAR NOT NULL,
      -- the order on the board, 1, 2, ... per session
      n INTEGER NOT NULL,
      text VARCHAR NOT NULL,
      channel VARCHAR,
      stage VARCHAR,
      team VARCHAR NOT NULL,
      -- HMAC(author_key, user id) while the session is open; NULL once locked
      author_tag VARCHAR,
      -- merged as a duplicate of this entry (after the lock)
      duplicate_of VARCHAR
    )`),
  ];
}
