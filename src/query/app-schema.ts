/**
 * The app-state tables of a workspace store: people and machines that use the server, their
 * sessions, the audit trail of changes to the model, and every saved version of the model.
 * DuckDB dialect. (Several API servers would keep these in PostgreSQL: DESIGN.md §2.)
 */
import { raw, type TSql } from './sql.js';

export function createAppSchema(): TSql[] {
  return [
    raw(`CREATE TABLE IF NOT EXISTS users (
      id VARCHAR PRIMARY KEY,
      email VARCHAR NOT NULL UNIQUE,
      name VARCHAR NOT NULL,
      role VARCHAR NOT NULL,
      team VARCHAR,
      password_hash VARCHAR NOT NULL,
      created_at TIMESTAMPTZ NOT NULL,
      disabled BOOLEAN NOT NULL DEFAULT false
    )`),
    raw(`CREATE TABLE IF NOT EXISTS sessions (
      token_hash VARCHAR PRIMARY KEY,
      user_id VARCHAR NOT NULL,
      csrf VARCHAR NOT NULL,
      created_at TIMESTAMPTZ NOT NULL,
      expires_at TIMESTAMPTZ NOT NULL
    )`),
    raw(`CREATE TABLE IF NOT EXISTS api_tokens (
      id VARCHAR PRIMARY KEY,
      name VARCHAR NOT NULL,
      token_hash VARCHAR NOT NULL UNIQUE,
      scopes VARCHAR NOT NULL,
      created_by VARCHAR,
      created_at TIMESTAMPTZ NOT NULL,
      revoked_at TIMESTAMPTZ
    )`),
    raw(`CREATE SEQUENCE IF NOT EXISTS audit_id`),
    raw(`CREATE TABLE IF NOT EXISTS audit_log (
      id BIGINT PRIMARY KEY DEFAULT nextval('audit_id'),
      happened_at TIMESTAMPTZ NOT NULL,
      actor VARCHAR NOT NULL,
      action VARCHAR NOT NULL,
      target VARCHAR,
      detail JSON
    )`),
    raw(`CREATE TABLE IF NOT EXISTS workspace_versions (
      version INTEGER PRIMARY KEY,
      saved_at TIMESTAMPTZ NOT NULL,
      saved_by VARCHAR NOT NULL,
      yaml VARCHAR NOT NULL,
      summary VARCHAR
    )`),
  ];
}
