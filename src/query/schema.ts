/**
 * The canonical tables (DESIGN.md §2 "Storage") in DuckDB's dialect. `seq` is the ingest
 * sequence: unique across imports and increasing in input order, so equal timestamps keep
 * the order in which records arrived. Timestamps are UTC instants (TIMESTAMPTZ).
 */
import { raw, type TSql } from './sql.js';

export const SCHEMA_VERSION = 1;

/** An in-memory database attached to every session for scratch work (staging, discovery). */
export const STAGING_DB = 'jl_staging';

export function createSchema(): TSql[] {
  return [
    raw(`CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`),
    raw(`CREATE TABLE IF NOT EXISTS imports (
      import_id INTEGER PRIMARY KEY,
      kind VARCHAR NOT NULL,
      source VARCHAR NOT NULL,
      fingerprint VARCHAR NOT NULL,
      options JSON,
      imported_at TIMESTAMPTZ NOT NULL,
      records BIGINT NOT NULL,
      accepted BIGINT NOT NULL,
      quarantined BIGINT NOT NULL,
      duplicates BIGINT DEFAULT 0,
      UNIQUE (kind, fingerprint)
    )`),
    // Stores made before duplicates were counted gain the column (0: there were none).
    raw(`ALTER TABLE imports ADD COLUMN IF NOT EXISTS duplicates BIGINT DEFAULT 0`),
    raw(`CREATE TABLE IF NOT EXISTS events (
      seq BIGINT NOT NULL,
      import_id INTEGER NOT NULL,
      customer_id VARCHAR NOT NULL,
      case_id VARCHAR,
      ts TIMESTAMPTZ NOT NULL,
      activity VARCHAR NOT NULL,
      channel VARCHAR,
      outcome VARCHAR,
      duration_s DOUBLE,
      wait_s DOUBLE,
      cost DOUBLE,
      reason VARCHAR,
      attrs JSON,
      event_id VARCHAR
    )`),
    // Stores made before events carried an id gain the column (empty) on open. An id is
    // unique when present; the import enforces it (src/query/normalize.ts), not an index.
    raw(`ALTER TABLE events ADD COLUMN IF NOT EXISTS event_id VARCHAR`),
    raw(`CREATE TABLE IF NOT EXISTS customers (
      customer_id VARCHAR PRIMARY KEY,
      import_id INTEGER NOT NULL,
      attrs JSON
    )`),
    raw(`CREATE TABLE IF NOT EXISTS feedback (
      seq BIGINT NOT NULL,
      import_id INTEGER NOT NULL,
      customer_id VARCHAR NOT NULL,
      case_id VARCHAR,
      ts TIMESTAMPTZ NOT NULL,
      kind VARCHAR NOT NULL,
      score DOUBLE NOT NULL,
      verbatim VARCHAR,
      touchpoint VARCHAR,
      stage VARCHAR,
      attrs JSON,
      language VARCHAR
    )`),
    // Stores made before feedback carried a language gain the column (empty) on open.
    raw(`ALTER TABLE feedback ADD COLUMN IF NOT EXISTS language VARCHAR`),
    raw(`CREATE TABLE IF NOT EXISTS quarantine (
      import_id INTEGER NOT NULL,
      record BIGINT NOT NULL,
      field VARCHAR NOT NULL,
      reason VARCHAR NOT NULL,
      raw VARCHAR
    )`),
  ];
}
