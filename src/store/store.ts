/**
 * The Store port: the one door to a database. Query modules (src/query) build `TSql`;
 * adapters (duckdb today, clickhouse later) run it. Nothing above this layer knows which
 * engine answered.
 */
import type { TDialect, TSql } from '../query/sql.js';

/** A result row: numbers as numbers (bigints only when beyond 2^53), text as strings. */
export type TRow = Record<string, unknown>;

/** Columnar batch of text values in input order: `columns[c][r]`. */
export type TTextBatch = { columns: (string | null)[][]; length: number };

export type TExecOptions = { onProgress?: ((fraction: number) => void) | undefined };

export interface TStore {
  readonly dialect: TDialect;
  /**
   * Runs a statement whose rows the caller does not need; returns the number of rows it
   * inserted, updated or deleted. Long statements report progress 0..1.
   */
  exec(q: TSql, options?: TExecOptions): Promise<number>;
  /** Runs a query and returns all rows. Keep results small: aggregate in the engine. */
  all<T extends TRow = TRow>(q: TSql): Promise<T[]>;
  /** Runs `fn` in one transaction: all of its writes land, or none do (even if the process dies). */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Stages text rows read in JavaScript (XES, JSON Lines) as a scratch table of text columns
   * that is never persisted, in input order (its `rowid` is the 0-based position). Returns the
   * relation to query; drop it with `dropStaged`.
   */
  stageText(
    name: string,
    columns: readonly string[],
    batches: AsyncIterable<TTextBatch>,
  ): Promise<TSql>;
  dropStaged(name: string): Promise<void>;
  /**
   * Another session on the same database: its own transactions and temp tables, sharing the
   * data (a long analysis on one session does not hold up writes on another). Closing it
   * leaves the database open; closing the store that forked it closes the database.
   */
  fork(): Promise<TStore>;
  close(): Promise<void>;
}
