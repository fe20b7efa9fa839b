/**
 * The app-state tables of change assessments ("5 Hows"): one row per assessment, its answers
 * and selected touchpoints as JSON text, its review and go-live. The history of every change
 * is the audit log (src/query/app-schema.ts), not a table of its own. DuckDB dialect.
 */
import { raw, type TSql } from './sql.js';

export function createAssessmentSchema(): TSql[] {
  return [
    raw(`CREATE TABLE IF NOT EXISTS assessments (
      id VARCHAR PRIMARY KEY,
      title VARCHAR NOT NULL,
      change_description VARCHAR NOT NULL,
      -- a calendar date, YYYY-MM-DD
      planned_go_live VARCHAR NOT NULL,
      owner_team VARCHAR NOT NULL,
      -- JSON list of touchpoint ids
      touchpoints VARCHAR NOT NULL,
      -- JSON object of the five answers (response: segment id -> answer)
      answers VARCHAR NOT NULL,
      -- draft | submitted | approved | changes_requested | live
      status VARCHAR NOT NULL,
      reviewed_by VARCHAR,
      reviewed_at TIMESTAMPTZ,
      review_decision VARCHAR,
      review_comment VARCHAR,
      live_at TIMESTAMPTZ,
      action_id VARCHAR,
      created_by VARCHAR NOT NULL,
      created_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL
    )`),
  ];
}
