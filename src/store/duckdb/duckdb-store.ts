/**
 * DuckDB adapter of the Store port: one file per workspace (or in memory for one-shot
 * commands). Sessions run in UTC so TIMESTAMPTZ values print and cast as UTC instants.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { STAGING_DB } from '../../query/schema.js';
import { raw, render, type TSql } from '../../query/sql.js';
import { appendTextRows } from './text-appender.js';
import type { TExecOptions, TRow, TStore, TTextBatch } from '../store.js';

export type TDuckDbOptions = {
  /** File path, or ':memory:' for a throwaway store. */
  path: string;
  threads?: number | undefined;
  memoryLimit?: string | undefined;
};

/** Another process holds the store's file: DuckDB allows one writer process per file. */
export class StoreBusyError extends Error {
  override name = 'StoreBusyError';
}

export async function openDuckDbStore(options: TDuckDbOptions): Promise<TStore> {
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config.threads = String(options.threads);
  if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(options.path, config);
  } catch (e) {
    const message = (e as Error).message;
    const holder = /Conflicting lock is held in (.+?) \(PID (\d+)\)/.exec(message);
    if (holder !== null) {
      throw new StoreBusyError(
        `the store ${options.path} is in use by another process (${holder[1]}, PID ${holder[2]}), such as a running \`journeylens serve\` or import: stop it first, or work through its API`,
        { cause: e },
      );
    }
    throw new Error(`cannot open the store ${options.path}: ${message}`, { cause: e });
  }
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  // Scratch space for staging imports: shared by this instance's connections, never on disk.
  await connection.run(`ATTACH ':memory:' AS ${STAGING_DB}`);
  return new DuckDbStore(instance, connection, true);
}

class DuckDbStore implements TStore {
  readonly dialect = 'duckdb' as const;
  private inTransaction = false;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** The first session owns the database: closing it closes the instance. */
    private readonly owner: boolean,
  ) {}

  async fork(): Promise<TStore> {
    const connection = await this.instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
    return new DuckDbStore(this.instance, connection, false);
  }

  async exec(q: TSql, options: TExecOptions = {}): Promise<number> {
    const { text, params } = render(q, 'duckdb');
    const { onProgress } = options;
    // DuckDB reports a query's progress while it runs; poll it for the caller's progress bar.
    const timer =
      onProgress === undefined
        ? undefined
        : setInterval(() => {
            const { percentage } = this.connection.progress;
            if (percentage >= 0) onProgress(Math.min(1, percentage / 100));
          }, PROGRESS_POLL_MS);
    try {
      const result = await this.connection.run(text, params.length > 0 ? params : undefined);
      return result.rowsChanged;
    } finally {
      if (timer !== undefined) clearInterval(timer);
    }
  }

  async all<T extends TRow = TRow>(q: TSql): Promise<T[]> {
    const { text, params } = render(q, 'duckdb');
    const reader = await this.connection.runAndReadAll(
      text,
      params.length > 0 ? params : undefined,
    );
    return reader.getRowObjectsJS().map((row) => normaliseRow(row) as T);
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn();
    await this.connection.run('BEGIN TRANSACTION');
    this.inTransaction = true;
    try {
      const result = await fn();
      await this.connection.run('COMMIT');
      return result;
    } catch (e) {
      await this.connection.run('ROLLBACK');
      throw e;
    } finally {
      this.inTransaction = false;
    }
  }

  async stageText(
    name: string,
    columns: readonly string[],
    batches: AsyncIterable<TTextBatch>,
  ): Promise<TSql> {
    const table = stagedTable(name);
    const definition = columns.map((c) => `"${c.replaceAll('"', '""')}" VARCHAR`).join(', ');
    await this.connection.run(`CREATE OR REPLACE TABLE ${table} (${definition})`);
    await appendTextRows(this.connection, table, columns.length, batches);
    return raw(table);
  }

  async dropStaged(name: string): Promise<void> {
    await this.connection.run(`DROP TABLE IF EXISTS ${stagedTable(name)}`);
  }

  close(): Promise<void> {
    this.connection.closeSync();
    if (this.owner) this.instance.closeSync();
    return Promise.resolve();
  }
}

const PROGRESS_POLL_MS = 150;

function stagedTable(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid staging table name ${name}`);
  return `${STAGING_DB}.${name}`;
}

function normaliseRow(row: Record<string, unknown>): TRow {
  const out: TRow = {};
  for (const [k, v] of Object.entries(row)) out[k] = normaliseValue(v);
  return out;
}

function normaliseValue(v: unknown): unknown {
  if (typeof v === 'bigint') {
    return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(v)
      : v;
  }
  if (Array.isArray(v)) return v.map(normaliseValue);
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = normaliseValue(x);
    return o;
  }
  return v;
}
