/**
 * The app-state tables of improvement actions: one row per action (its source, metric,
 * baseline and result kept as JSON text, the way the analysis answers them) and its comments.
 * Who changed what and when is in the shared `audit_log` (target = the action id). DuckDB
 * dialect.
 */
import { raw, type TSql } from './sql.js';

export function createActionSchema(): TSql[] {
  return [
    raw(`CREATE TABLE IF NOT EXISTS actions (
      id VARCHAR PRIMARY KEY,
      title VARCHAR NOT NULL,
      -- friction | gap | deviation | opportunity, and the typed reference as JSON
      source_kind VARCHAR NOT NULL,
      source VARCHAR NOT NULL,
      problem VARCHAR NOT NULL,
      plan VARCHAR NOT NULL,
      team VARCHAR NOT NULL,
      due_date VARCHAR,
      -- proposed | planned | in progress | done | dropped
      status VARCHAR NOT NULL,
      -- the metric reference (JSON) and its label
      metric VARCHAR NOT NULL,
      metric_label VARCHAR NOT NULL,
      window_days INTEGER NOT NULL,
      -- measurements as JSON; NULL when not measured
      baseline VARCHAR,
      baseline_note VARCHAR,
      change_date TIMESTAMPTZ,
      result VARCHAR,
      created_by VARCHAR NOT NULL,
      created_at TIMESTAMPTZ NOT NULL,
      updated_by VARCHAR NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL
    )`),
    raw(`CREATE SEQUENCE IF NOT EXISTS action_comment_id`),
    raw(`CREATE TABLE IF NOT EXISTS action_comments (
      id BIGINT PRIMARY KEY DEFAULT nextval('action_comment_id'),
      action_id VARCHAR NOT NULL,
      author VARCHAR NOT NULL,
      body VARCHAR NOT NULL,
      created_at TIMESTAMPTZ NOT NULL
    )`),
  ];
}
