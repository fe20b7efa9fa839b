/**
 * The second half of every import, whatever the records came from (a file, a batch sent over
 * HTTP): map the staged columns onto fields, decide how to read the timestamps, then in ONE
 * transaction append the good records, skip events whose id is stored already, quarantine the
 * bad records and write the import's entry. Records whose bytes were imported before add
 * nothing. Run it only inside `oneImportAtATime`: the imports of a store share its staging
 * tables, and the duplicate check relies on no other import writing between its check and
 * its commit.
 */
import type { TDataKind } from '../model/fields.js';
import type { TTimestampParse } from '../model/timestamp.js';
import {
  insertAccepted,
  insertQuarantine,
  type TNormalizePlan,
  type TSourceColumn,
} from '../query/normalize.js';
import { join, raw, sql, type TSql } from '../query/sql.js';
import type { TStore } from '../store/store.js';
import { ImportError } from './import-error.js';
import { resolveMapping } from './mapping.js';
import type { TRecordError } from './rows.js';
import { chooseTimestampParse, decideTimestampParse } from './timestamp-choice.js';

export type TImportProgress = { phase: 'reading' | 'checking' | 'storing'; fraction: number };

export type TRecordIssue = { record: number; field: string; reason: string; raw: string | null };

/** Records staged for an import: the relation, its record numbers, columns, reader errors. */
export type TStaged = {
  source: TSql;
  /** Expression for the 1-based record number of a staged row `s`. */
  record: TSql;
  columns: TSourceColumn[];
  /** Records the reader could not stage (not JSON, a malformed CSV line...). */
  readerErrors: TRecordError[];
  /** Rows staged, when the reader knows (else they are counted). */
  rows?: number;
  /**
   * The non-empty values of a column, trimmed, when the reader holds them in memory: the
   * timestamp format is then decided from them instead of from a sample read back.
   */
  values?: (column: string) => string[];
};

export type TStagedImport = {
  kind: TDataKind;
  /** Where the records came from, as the import's entry shows it: a path, an API request. */
  origin: string;
  /** Content fingerprint: the same bytes of the same kind are the same import. */
  fingerprint: Promise<string> | string;
  /** What else the import's entry keeps about how it was read (e.g. the file format). */
  options: Record<string, unknown>;
  /** Canonical field → source column chosen explicitly; the rest map by alias. */
  mapping: Readonly<Record<string, string>>;
  /** Fields left unmapped on purpose: no column maps onto them by its name. */
  unmapped?: readonly string[] | undefined;
  timestampFormat: string | undefined;
  /**
   * When no timestamp format fits most values, read ISO 8601 and reject the records that are
   * not, instead of failing the import (a small batch has too few values to tell).
   */
  isoWhenUndecided: boolean;
  timezone: string;
  activityExtract: string | undefined;
  keepAttributes: boolean;
  /** How many quarantined records the result lists (all of them are in the quarantine table). */
  issuesShown: number;
  notes: string[];
  progress: (p: TImportProgress) => void;
};

export type TStagedResult = {
  /** undefined when the same bytes had been imported before and nothing was added. */
  importId: number | undefined;
  alreadyImportedAs: number | undefined;
  /** accepted + quarantined + duplicates. */
  records: number;
  accepted: number;
  quarantined: number;
  /** Events not stored because their id was stored already or came earlier in the records. */
  duplicates: number;
  /** The first quarantined records, in record order. */
  issues: TRecordIssue[];
  mapping: string[];
};

/** Scratch table of the record numbers a reader skipped (see `recordNumbers`). */
export const SKIPPED_TABLE = 'jl_skipped';

const tails = new WeakMap<TStore, Promise<unknown>>();

/**
 * Runs `fn` after every import into `store` queued before it. Imports share the store's
 * staging tables, and one import's duplicate check must see the commits of the ones before.
 */
export function oneImportAtATime<T>(store: TStore, fn: () => Promise<T>): Promise<T> {
  const run = (tails.get(store) ?? Promise.resolve()).then(fn, fn);
  tails.set(
    store,
    run.catch(() => undefined),
  );
  return run;
}

export async function importStaged(
  store: TStore,
  staged: TStaged,
  request: TStagedImport,
): Promise<TStagedResult> {
  const { kind, progress } = request;
  const fingerprint = await request.fingerprint;
  const mapping = resolveMapping(kind, staged.columns, request.mapping, request.unmapped);
  const timestampBinding = mapping.bindings.find((b) => b.field.type === 'timestamp');
  const timestamp: TTimestampParse = timestampBinding
    ? await timestampParse(store, staged, timestampBinding.column, request).catch((e: unknown) => {
        if (!(e instanceof ImportError) || !request.isoWhenUndecided) throw e;
        request.notes.push(
          'timestamps: no single format fits most values; read as ISO 8601, the records whose time is not were rejected',
        );
        return { kind: 'iso' } as const;
      })
    : { kind: 'iso' };
  const plan: TNormalizePlan = {
    kind,
    source: staged.source,
    record: staged.record,
    bindings: mapping.bindings,
    attributes: request.keepAttributes ? mapping.attributes : [],
    timestamp,
    timezone: request.timezone,
    activityExtract: request.activityExtract,
  };

  const stagedRecords = staged.rows ?? (await countRows(store, staged.source));
  const unreadable = new Set(staged.readerErrors.map((e) => e.record)).size;
  progress({ phase: 'storing', fraction: 0 });
  const result = await store.transaction(async (): Promise<TStagedResult> => {
    // Checked again inside the transaction: the same bytes may have been committed meanwhile.
    const before = await importedBefore(store, kind, fingerprint);
    if (before !== undefined) return nothingAdded(before);
    const [ids] = await store.all<{ id: number; seq: number }>(
      sql`SELECT (SELECT coalesce(max(import_id), 0) + 1 FROM imports) AS id,
        ${kind === 'feedback' ? raw('(SELECT coalesce(max(seq), 0) FROM feedback)') : raw('(SELECT coalesce(max(seq), 0) FROM events)')} AS seq`,
    );
    const importId = ids?.id ?? 1;
    const accepted = await store.exec(insertAccepted(plan, importId, ids?.seq ?? 0), {
      onProgress: (fraction) => progress({ phase: 'storing', fraction }),
    });
    let rejected = 0;
    // Explaining failures re-reads the source; skip it when every record went in.
    if (accepted < stagedRecords) {
      await store.exec(insertQuarantine(plan, importId));
      const [q] = await store.all<{ n: number }>(
        sql`SELECT count(DISTINCT record) AS n FROM quarantine WHERE import_id = ${importId}`,
      );
      rejected = q?.n ?? 0;
    }
    await storeReaderErrors(store, importId, staged.readerErrors);
    const quarantined = rejected + unreadable;
    const duplicates = stagedRecords - accepted - rejected;
    const records = accepted + quarantined + duplicates;
    const options = JSON.stringify({
      ...request.options,
      mapping: mapping.summary,
      timezone: request.timezone,
      timestamp,
    });
    await store.exec(sql`INSERT INTO imports (import_id, kind, source, fingerprint, options,
        imported_at, records, accepted, quarantined, duplicates)
      VALUES (${importId}, ${kind}, ${request.origin}, ${fingerprint}, ${options}, now(),
        ${records}, ${accepted}, ${quarantined}, ${duplicates})`);
    const issues =
      quarantined === 0
        ? []
        : await store.all<TRecordIssue>(
            sql`SELECT record, field, reason, raw FROM quarantine WHERE import_id = ${importId}
              ORDER BY record, field LIMIT ${request.issuesShown}`,
          );
    return {
      importId,
      alreadyImportedAs: undefined,
      records,
      accepted,
      quarantined,
      duplicates,
      issues,
      mapping: mapping.summary,
    };
  });
  progress({ phase: 'storing', fraction: 1 });
  return result;
}

/**
 * Record numbers of staged rows, counting the records a reader could not stage: with skipped
 * records x₁ < x₂ < …, the i-th staged row is record i + #{j : x_j − j < i}.
 */
export async function recordNumbers(store: TStore, skipped: readonly number[]): Promise<TSql> {
  const records = [...new Set(skipped)].sort((a, b) => a - b);
  if (records.length === 0) return raw('(s.rowid + 1)');
  await store.exec(sql`CREATE OR REPLACE TEMP TABLE ${raw(SKIPPED_TABLE)} (k BIGINT)`);
  for (let i = 0; i < records.length; i += 1000) {
    const values = records.slice(i, i + 1000).map((x, j) => sql`(${x - (i + j + 1)})`);
    await store.exec(sql`INSERT INTO ${raw(SKIPPED_TABLE)} VALUES ${join(values)}`);
  }
  return raw(`(s.rowid + 1 + (SELECT count(*) FROM ${SKIPPED_TABLE} WHERE k < s.rowid + 1))`);
}

async function timestampParse(
  store: TStore,
  staged: TStaged,
  column: TSourceColumn,
  request: TStagedImport,
): Promise<TTimestampParse> {
  if (staged.values === undefined || request.timestampFormat !== undefined) {
    return chooseTimestampParse(
      store,
      staged.source,
      column,
      request.timestampFormat,
      request.notes,
    );
  }
  return decideTimestampParse(staged.values(column.name), column.name, request.notes);
}

async function countRows(store: TStore, source: TSql): Promise<number> {
  const [size] = await store.all<{ n: number }>(sql`SELECT count(*) AS n FROM ${source} AS s`);
  return size?.n ?? 0;
}

/** The import that stored the same bytes of the same kind before, if any. */
export async function importedBefore(
  store: TStore,
  kind: TDataKind,
  fingerprint: string,
): Promise<number | undefined> {
  const [row] = await store.all<{ import_id: number }>(
    sql`SELECT import_id FROM imports WHERE kind = ${kind} AND fingerprint = ${fingerprint}`,
  );
  return row?.import_id;
}

/** The result of an import whose bytes had been imported before, as `previous`. */
export function nothingAdded(previous: number): TStagedResult {
  return {
    importId: undefined,
    alreadyImportedAs: previous,
    records: 0,
    accepted: 0,
    quarantined: 0,
    duplicates: 0,
    issues: [],
    mapping: [],
  };
}

async function storeReaderErrors(
  store: TStore,
  importId: number,
  errors: readonly TRecordError[],
): Promise<void> {
  for (let i = 0; i < errors.length; i += 500) {
    const values = errors
      .slice(i, i + 500)
      .map((e) => sql`(${importId}, ${e.record}, ${e.field}, ${e.reason}, ${e.raw ?? null})`);
    await store.exec(sql`INSERT INTO quarantine VALUES ${join(values)}`);
  }
}
