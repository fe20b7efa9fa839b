/**
 * Import of one file into the store: stage it, map its columns, parse and check every
 * record in the engine, then in ONE transaction append the good records and quarantine the
 * bad ones. A file whose bytes were imported before adds nothing. A process killed before
 * the commit leaves the store as it was, so the import can simply be run again.
 */
import { stat } from 'node:fs/promises';
import type { TDataKind } from '../model/fields.js';
import type { TTimestampParse } from '../model/timestamp.js';
import {
  insertAccepted,
  insertQuarantine,
  type TNormalizePlan,
  type TSourceColumn,
} from '../query/normalize.js';
import { parquetSource, stageCsv } from '../query/scan.js';
import { join, raw, sql, type TSql } from '../query/sql.js';
import type { TStore } from '../store/store.js';
import { fingerprintFile } from './fingerprint.js';
import { ImportError } from './import-error.js';
import { formatOf, sniffEncoding, type TFormat } from './format.js';
import { resolveMapping } from './mapping.js';
import { chooseTimestampParse } from './timestamp-choice.js';
import { openJsonLines } from './jsonl.js';
import type { TRecordError } from './rows.js';
import { openXes } from './xes.js';

export { ImportError };

export type TImportProgress = { phase: 'reading' | 'checking' | 'storing'; fraction: number };

export type TImportRequest = {
  path: string;
  kind: TDataKind;
  format?: TFormat | undefined;
  /** Canonical field → source column (from --case, --activity, --map col=field, ...). */
  mapping?: Readonly<Record<string, string>>;
  separator?: string | undefined;
  quote?: string | undefined;
  encoding?: 'utf-8' | 'latin-1' | 'auto' | undefined;
  timestampFormat?: string | undefined;
  /** IANA zone for timestamps without an offset; default UTC. */
  timezone?: string | undefined;
  /** Regex whose first capture group is the activity, e.g. `^([^-]+)` for "Accepted-In Progress". */
  activityExtract?: string | undefined;
  /** Keep unmapped columns as attributes (default true; one-shot discovery skips them). */
  keepAttributes?: boolean | undefined;
  onProgress?: ((p: TImportProgress) => void) | undefined;
};

export type TRecordIssue = { record: number; field: string; reason: string; raw: string | null };

export type TImportReport = {
  source: string;
  kind: TDataKind;
  format: TFormat;
  /** undefined when the same bytes had been imported before and nothing was added. */
  importId: number | undefined;
  alreadyImportedAs: number | undefined;
  records: number;
  accepted: number;
  quarantined: number;
  /** The first quarantined records, in file order (all of them are in the quarantine table). */
  issues: TRecordIssue[];
  mapping: string[];
  notes: string[];
};

const STAGE = 'jl_stage';
const REJECTS = 'jl_rejects';
const REJECT_SCANS = 'jl_reject_scans';
const SKIPPED = 'jl_skipped';
const ISSUES_SHOWN = 20;

export async function importFile(store: TStore, request: TImportRequest): Promise<TImportReport> {
  const { path } = request;
  const format = request.format ?? formatOf(path);
  if (format === undefined) {
    throw new ImportError(
      `${path}: cannot tell the format from the file name; use --input-format csv|jsonl|parquet|xes`,
    );
  }
  await assertReadable(path);
  const timezone = validTimezone(request.timezone ?? 'UTC');
  const activityExtract = validActivityExtract(request.activityExtract);
  const fingerprint = fingerprintFile(path);
  const progress = request.onProgress ?? (() => {});
  const notes: string[] = [];

  const staged = await stage(store, path, format, request, notes, progress);
  try {
    return await normalise(store, request, format, staged, {
      timezone,
      activityExtract,
      notes,
      fingerprint,
      progress,
    });
  } finally {
    await dropStaging(store);
  }
}

type TContext = {
  timezone: string;
  activityExtract: string | undefined;
  notes: string[];
  fingerprint: Promise<string>;
  progress: (p: TImportProgress) => void;
};

async function normalise(
  store: TStore,
  request: TImportRequest,
  format: TFormat,
  staged: TStaged,
  { timezone, activityExtract, notes, fingerprint, progress }: TContext,
): Promise<TImportReport> {
  const { path, kind } = request;
  const previous = await store.all<{ import_id: number }>(
    sql`SELECT import_id FROM imports WHERE kind = ${kind} AND fingerprint = ${await fingerprint}`,
  );
  if (previous[0] !== undefined) {
    return emptyReport(path, kind, format, previous[0].import_id);
  }
  const mapping = resolveMapping(kind, staged.columns, request.mapping ?? {});
  const timestampBinding = mapping.bindings.find((b) => b.field.type === 'timestamp');
  const timestamp: TTimestampParse = timestampBinding
    ? await chooseTimestampParse(
        store,
        staged.source,
        timestampBinding.column,
        request.timestampFormat,
        notes,
      )
    : { kind: 'iso' };
  const plan: TNormalizePlan = {
    kind,
    source: staged.source,
    record: staged.record,
    bindings: mapping.bindings,
    attributes: request.keepAttributes === false ? [] : mapping.attributes,
    timestamp,
    timezone,
    activityExtract,
  };

  const [size] = await store.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM ${staged.source} AS s`,
  );
  const stagedRecords = size?.n ?? 0;
  progress({ phase: 'storing', fraction: 0 });
  const report = await store.transaction(async () => {
    const [ids] = await store.all<{ id: number; seq: number }>(
      sql`SELECT (SELECT coalesce(max(import_id), 0) + 1 FROM imports) AS id,
        ${kind === 'feedback' ? raw('(SELECT coalesce(max(seq), 0) FROM feedback)') : raw('(SELECT coalesce(max(seq), 0) FROM events)')} AS seq`,
    );
    const importId = ids?.id ?? 1;
    const inserted = await store.exec(insertAccepted(plan, importId, ids?.seq ?? 0), {
      onProgress: (fraction) => progress({ phase: 'storing', fraction }),
    });
    // Explaining failures re-reads the source; skip it when every record went in.
    if (inserted < stagedRecords) await store.exec(insertQuarantine(plan, importId));
    await storeReaderErrors(store, importId, staged.readerErrors);
    const [counts] = await store.all<{ accepted: number; quarantined: number }>(
      sql`SELECT (SELECT count(*) FROM ${raw(kind)} WHERE import_id = ${importId}) AS accepted,
        (SELECT count(DISTINCT record) FROM quarantine WHERE import_id = ${importId}) AS quarantined`,
    );
    const accepted = counts?.accepted ?? 0;
    const quarantined = counts?.quarantined ?? 0;
    const options = JSON.stringify({ format, mapping: mapping.summary, timezone, timestamp });
    await store.exec(sql`INSERT INTO imports VALUES (${importId}, ${kind}, ${path}, ${await fingerprint},
      ${options}, now(), ${accepted + quarantined}, ${accepted}, ${quarantined})`);
    const issues = await store.all<TRecordIssue>(
      sql`SELECT record, field, reason, raw FROM quarantine WHERE import_id = ${importId}
        ORDER BY record, field LIMIT ${ISSUES_SHOWN}`,
    );
    return { importId, accepted, quarantined, issues };
  });
  progress({ phase: 'storing', fraction: 1 });
  return {
    source: path,
    kind,
    format,
    importId: report.importId,
    alreadyImportedAs: undefined,
    records: report.accepted + report.quarantined,
    accepted: report.accepted,
    quarantined: report.quarantined,
    issues: report.issues,
    mapping: mapping.summary,
    notes,
  };
}

type TStaged = {
  source: TSql;
  record: TSql;
  columns: TSourceColumn[];
  readerErrors: TRecordError[];
};

async function stage(
  store: TStore,
  path: string,
  format: TFormat,
  request: TImportRequest,
  notes: string[],
  progress: (p: TImportProgress) => void,
): Promise<TStaged> {
  progress({ phase: 'reading', fraction: 0 });
  const onProgress = (fraction: number): void => progress({ phase: 'reading', fraction });
  if (format === 'parquet') {
    const source = parquetSource(path);
    const columns = (await describe(store, sql`SELECT * FROM ${source}`)).filter(
      (c) => c.name !== 'file_row_number',
    );
    return { source, record: raw('(s.file_row_number + 1)'), columns, readerErrors: [] };
  }
  const readerErrors: TRecordError[] = [];
  if (format === 'csv') {
    let encoding = request.encoding ?? 'auto';
    if (encoding === 'auto') {
      encoding = await sniffEncoding(path);
      if (encoding === 'latin-1')
        notes.push('the file is not valid UTF-8: read as Latin-1 (use --encoding to choose)');
    }
    const scan = { path, separator: request.separator, quote: request.quote, encoding };
    try {
      await store.exec(stageCsv(STAGE, scan, REJECTS, REJECT_SCANS), { onProgress });
    } catch (e) {
      throw new ImportError(`${path}: cannot read as CSV: ${firstLine((e as Error).message)}`);
    }
    const rejects = await store.all<{
      line: number;
      column_name: string | null;
      error_type: string;
      error_message: string;
      csv_line: string | null;
    }>(
      sql`SELECT line, column_name, error_type, error_message, csv_line FROM ${raw(REJECTS)} ORDER BY line`,
    );
    // The header is line 1, so data record n sits on line n + 1 (quoted line breaks aside).
    for (const r of rejects) {
      readerErrors.push({
        record: r.line - 1,
        field: r.column_name ?? '(record)',
        reason: `${r.error_type.toLowerCase()}: ${r.error_message}`,
        raw: r.csv_line ?? '',
      });
    }
  } else {
    const skipped: number[] = [];
    const options = {
      onError: (err: TRecordError) => readerErrors.push(err),
      onSkip: (record: number) => skipped.push(record),
      onProgress: (read: number, total: number) => onProgress(total > 0 ? read / total : 0),
    };
    const source =
      format === 'xes' ? await openXes(path, options) : await openJsonLines(path, options);
    if (source.columns.length === 0) throw new ImportError(`${path}: no records found`);
    const relation = await store.stageText(STAGE, source.columns, source.batches);
    progress({ phase: 'reading', fraction: 1 });
    return {
      source: relation,
      record: await recordNumbers(store, [...readerErrors.map((e) => e.record), ...skipped]),
      columns: await describe(store, sql`SELECT * FROM ${relation}`),
      readerErrors,
    };
  }
  progress({ phase: 'reading', fraction: 1 });
  const columns = await describe(store, sql`SELECT * FROM ${raw(STAGE)}`);
  return {
    source: raw(STAGE),
    record: await recordNumbers(
      store,
      readerErrors.map((e) => e.record),
    ),
    columns,
    readerErrors,
  };
}

/**
 * Record numbers of staged rows, counting the records a reader could not stage: with skipped
 * records x₁ < x₂ < …, the i-th staged row is record i + #{j : x_j − j < i}.
 */
async function recordNumbers(store: TStore, skipped: readonly number[]): Promise<TSql> {
  const records = [...new Set(skipped)].sort((a, b) => a - b);
  if (records.length === 0) return raw('(s.rowid + 1)');
  await store.exec(sql`CREATE OR REPLACE TEMP TABLE ${raw(SKIPPED)} (k BIGINT)`);
  for (let i = 0; i < records.length; i += 1000) {
    const values = records.slice(i, i + 1000).map((x, j) => sql`(${x - (i + j + 1)})`);
    await store.exec(sql`INSERT INTO ${raw(SKIPPED)} VALUES ${join(values)}`);
  }
  return raw(`(s.rowid + 1 + (SELECT count(*) FROM ${SKIPPED} WHERE k < s.rowid + 1))`);
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

const SOURCE_TYPES: [RegExp, TSourceColumn['type']][] = [
  [/^(VARCHAR|TEXT|STRING)/, 'text'],
  [/^TIMESTAMP (WITH TIME ZONE)$|^TIMESTAMPTZ$/, 'timestamptz'],
  [/^(TIMESTAMP|DATE)/, 'timestamp'],
  [
    /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL|REAL)/,
    'number',
  ],
];

async function describe(store: TStore, query: TSql): Promise<TSourceColumn[]> {
  const rows = await store.all<{ column_name: string; column_type: string }>(
    sql`DESCRIBE ${query}`,
  );
  return rows.map((r) => ({
    name: r.column_name,
    type: SOURCE_TYPES.find(([re]) => re.test(r.column_type))?.[1] ?? 'other',
  }));
}

async function dropStaging(store: TStore): Promise<void> {
  await store.dropStaged(STAGE);
  for (const t of [STAGE, SKIPPED, REJECTS, REJECT_SCANS])
    await store.exec(sql`DROP TABLE IF EXISTS ${raw(t)}`);
}

function emptyReport(
  path: string,
  kind: TDataKind,
  format: TFormat,
  previous: number,
): TImportReport {
  return {
    source: path,
    kind,
    format,
    importId: undefined,
    alreadyImportedAs: previous,
    records: 0,
    accepted: 0,
    quarantined: 0,
    issues: [],
    mapping: [],
    notes: [`these bytes were already imported as import #${previous}: nothing added`],
  };
}

async function assertReadable(path: string): Promise<void> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ImportError(`${path}: not a file`);
    size = info.size;
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(`${path}: no such file`);
  }
  if (size === 0) throw new ImportError(`${path}: the file is empty (no header, no records)`);
}

function validTimezone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone === 'Etc/UTC' || zone.toUpperCase() === 'UTC' ? 'UTC' : zone;
  } catch {
    throw new ImportError(
      `--timezone: unknown time zone "${zone}" (use an IANA name such as Europe/Amsterdam)`,
    );
  }
}

function validActivityExtract(pattern: string | undefined): string | undefined {
  if (pattern === undefined) return undefined;
  let groups: number;
  try {
    groups = new RegExp(`${pattern}|`).exec('')?.length ?? 1;
  } catch (e) {
    throw new ImportError(
      `--activity-extract: not a valid regular expression: ${(e as Error).message}`,
    );
  }
  if (groups < 2)
    throw new ImportError(`--activity-extract ${pattern}: needs a capture group, e.g. '^([^-]+)'`);
  return pattern;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
