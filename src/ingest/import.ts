/**
 * Import of one file into the store: stage it, map its columns, parse and check every
 * record in the engine, then in ONE transaction append the good records and quarantine the
 * bad ones (src/ingest/import-staged.ts). A file whose bytes were imported before adds
 * nothing, nor does an event whose id is stored already. A process killed before the commit
 * leaves the store as it was, so the import can simply be run again.
 */
import { RE2JS } from 're2js';
import { stat } from 'node:fs/promises';
import type { TDataKind } from '../model/fields.js';
import type { TSourceColumn } from '../query/normalize.js';
import { parquetSource, stageCsv } from '../query/scan.js';
import { raw, sql, type TSql } from '../query/sql.js';
import type { TStore } from '../store/store.js';
import { fingerprintFile } from './fingerprint.js';
import { ImportError } from './import-error.js';
import { csvScan } from './csv-scan.js';
import { formatOf, type TFormat } from './format.js';
import {
  importedBefore,
  importStaged,
  nothingAdded,
  oneImportAtATime,
  recordNumbers,
  SKIPPED_TABLE,
  type TImportProgress,
  type TRecordIssue,
  type TStaged,
  type TStagedResult,
} from './import-staged.js';
import { openJsonLines } from './jsonl.js';
import type { TRecordError } from './rows.js';
import { openXes } from './xes.js';

export { ImportError };
export type { TImportProgress, TRecordIssue };

export type TImportRequest = {
  path: string;
  kind: TDataKind;
  format?: TFormat | undefined;
  /** Canonical field → source column (from --case, --activity, --map col=field, ...). */
  mapping?: Readonly<Record<string, string>>;
  /** Fields left unmapped on purpose: no column maps onto them by its name. */
  unmapped?: readonly string[] | undefined;
  /** Where the records came from, as the import's entry shows it; default the path. */
  origin?: string | undefined;
  /** How many quarantined records the report lists; default 20 (all are in the quarantine). */
  issuesShown?: number | undefined;
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

/** What an import did: its counts and first issues (TStagedResult), for a file. */
export type TImportReport = TStagedResult & {
  source: string;
  kind: TDataKind;
  format: TFormat;
  notes: string[];
};

const STAGE = 'jl_stage';
const REJECTS = 'jl_rejects';
const REJECT_SCANS = 'jl_reject_scans';
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

  return oneImportAtATime(store, async () => {
    const staged = await stageFile(store, path, format, request, notes, progress);
    try {
      const earlier = await importedBefore(store, request.kind, await fingerprint);
      if (earlier !== undefined) return emptyReport(path, request.kind, format, earlier);
      const result = await importStaged(store, staged, {
        kind: request.kind,
        origin: request.origin ?? path,
        fingerprint,
        options: { format },
        mapping: request.mapping ?? {},
        unmapped: request.unmapped,
        timestampFormat: request.timestampFormat,
        isoWhenUndecided: false,
        timezone,
        activityExtract,
        keepAttributes: request.keepAttributes !== false,
        issuesShown: request.issuesShown ?? ISSUES_SHOWN,
        notes,
        progress,
      });
      if (result.alreadyImportedAs !== undefined) {
        return emptyReport(path, request.kind, format, result.alreadyImportedAs);
      }
      return { source: path, kind: request.kind, format, ...result, notes };
    } finally {
      await dropStaging(store);
    }
  });
}

/**
 * Reads a file into the store's staging table (run it inside `oneImportAtATime`, and
 * `dropStaging` after): its relation, record numbers, columns and reader errors.
 */
export async function stageFile(
  store: TStore,
  path: string,
  format: TFormat,
  request: Pick<TImportRequest, 'encoding' | 'separator' | 'quote'>,
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
    const scan = await csvScan(store, path, request, notes);
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

export async function dropStaging(store: TStore): Promise<void> {
  await store.dropStaged(STAGE);
  for (const t of [STAGE, SKIPPED_TABLE, REJECTS, REJECT_SCANS])
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
    ...nothingAdded(previous),
    notes: [`these bytes were already imported as import #${previous}: nothing added`],
  };
}

export async function assertReadable(path: string): Promise<void> {
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
    // RE2, as the engine that runs the extract reads it.
    groups = RE2JS.compile(pattern).groupCount();
  } catch (e) {
    throw new ImportError(
      `--activity-extract: not a valid regular expression: ${(e as Error).message.replace(/^error parsing regexp: /, '')}`,
    );
  }
  if (groups < 1)
    throw new ImportError(`--activity-extract ${pattern}: needs a capture group, e.g. '^([^-]+)'`);
  return pattern;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
