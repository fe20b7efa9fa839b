/**
 * The app-state tables of alerts: the rules (with their persisted state, so a restart never
 * raises an alert twice for one breach), the alerts they raised, and a log of every
 * evaluation. Times the scheduler works with are epoch milliseconds, so its clock can be
 * injected. DuckDB dialect.
 */
import { raw, type TSql } from './sql.js';

export function createAlertSchema(): TSql[] {
  return [
    raw(`CREATE TABLE IF NOT EXISTS alert_rules (
      id VARCHAR PRIMARY KEY,
      name VARCHAR NOT NULL,
      description VARCHAR,
      -- JSON: the metric reference (src/service/metrics/metric-ref.ts)
      metric VARCHAR NOT NULL,
      -- JSON: the condition (absolute or relative, with its baseline)
      rule_condition VARCHAR NOT NULL,
      -- day | week | month
      period VARCHAR NOT NULL,
      min_n INTEGER NOT NULL,
      notify_in_app BOOLEAN NOT NULL,
      -- JSON list of webhook subscription ids
      webhooks VARCHAR NOT NULL,
      enabled BOOLEAN NOT NULL,
      -- ok | breached: the state machine, persisted
      state VARCHAR NOT NULL,
      open_alert_id VARCHAR,
      last_evaluated_ms BIGINT,
      created_by VARCHAR NOT NULL,
      created_ms BIGINT NOT NULL,
      updated_ms BIGINT NOT NULL
    )`),
    raw(`CREATE TABLE IF NOT EXISTS alerts (
      id VARCHAR PRIMARY KEY,
      rule_id VARCHAR NOT NULL,
      rule_name VARCHAR NOT NULL,
      metric VARCHAR NOT NULL,
      metric_label VARCHAR NOT NULL,
      -- share | per 1,000 journeys | NPS points | mean score
      unit VARCHAR,
      -- JSON list of team ids
      teams VARCHAR NOT NULL,
      in_app BOOLEAN NOT NULL,
      -- open | resolved
      status VARCHAR NOT NULL,
      raised_ms BIGINT NOT NULL,
      resolved_ms BIGINT,
      reason VARCHAR NOT NULL,
      resolved_reason VARCHAR,
      -- JSON: the measurement that raised it (value, n, interval, limit, baseline, window)
      raised VARCHAR NOT NULL,
      -- JSON: the latest measurement while open, or the one that resolved it
      latest VARCHAR NOT NULL,
      acknowledged_ms BIGINT,
      acknowledged_by VARCHAR
    )`),
    raw(`CREATE SEQUENCE IF NOT EXISTS alert_evaluation_id`),
    raw(`CREATE TABLE IF NOT EXISTS alert_evaluations (
      id BIGINT PRIMARY KEY DEFAULT nextval('alert_evaluation_id'),
      rule_id VARCHAR NOT NULL,
      evaluated_ms BIGINT NOT NULL,
      -- ingest | timer | manual | start
      trigger_kind VARCHAR NOT NULL,
      from_ms BIGINT NOT NULL,
      to_ms BIGINT NOT NULL,
      -- JSON measurements
      current_measure VARCHAR NOT NULL,
      baseline_measure VARCHAR,
      limit_value DOUBLE,
      -- ok | breach | insufficient | error
      outcome VARCHAR NOT NULL,
      -- raise | resolve | NULL
      transition VARCHAR,
      alert_id VARCHAR,
      reason VARCHAR NOT NULL
    )`),
  ];
}
