/**
 * The app-state tables of real-time triggers: webhook subscriptions, the delivery queue (one
 * row per delivery of one event to one subscription; its id is the `Idempotency-Key`), and
 * where the evaluation of moments of truth has got to in the ingest sequence. Times the
 * worker schedules by are epoch milliseconds, so its clock can be injected. DuckDB dialect.
 */
import { raw, type TSql } from './sql.js';

export function createTriggerSchema(): TSql[] {
  return [
    raw(`CREATE TABLE IF NOT EXISTS webhook_subscriptions (
      id VARCHAR PRIMARY KEY,
      url VARCHAR NOT NULL,
      secret VARCHAR NOT NULL,
      -- JSON list of event types
      events VARCHAR NOT NULL,
      -- JSON list of moment keys (touchpoint:<id>, rule:<id>); NULL: every moment
      moments VARCHAR,
      active BOOLEAN NOT NULL,
      description VARCHAR,
      created_by VARCHAR NOT NULL,
      created_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL
    )`),
    raw(`CREATE TABLE IF NOT EXISTS webhook_deliveries (
      id VARCHAR PRIMARY KEY,
      subscription_id VARCHAR NOT NULL,
      event_type VARCHAR NOT NULL,
      event_id VARCHAR NOT NULL,
      -- the exact body sent
      payload VARCHAR NOT NULL,
      -- pending | delivering | delivered | dead
      status VARCHAR NOT NULL,
      attempts INTEGER NOT NULL,
      next_attempt_ms BIGINT NOT NULL,
      created_ms BIGINT NOT NULL,
      last_attempt_ms BIGINT,
      last_status INTEGER,
      last_error VARCHAR,
      delivered_ms BIGINT
    )`),
    raw(
      `CREATE TABLE IF NOT EXISTS trigger_state (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
    ),
  ];
}
