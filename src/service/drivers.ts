/**
 * Use case: key-driver analysis of any survey table in a CSV file. The engine reads the file
 * (an in-memory store, every column as text, delimiter and quoting detected as on import);
 * the chosen columns come back to TypeScript, where drivers-coding.ts turns them into numbers
 * and src/analysis/drivers.ts computes the weights. Nothing is stored.
 */
import { stat } from 'node:fs/promises';
import { DriverError, keyDrivers, type TKeyDrivers } from '../analysis/drivers.js';
import { csvScan } from '../ingest/csv-scan.js';
import { formatOf } from '../ingest/format.js';
import { stageCsv } from '../query/scan.js';
import { describeTable, rejectedRecords, selectColumns } from '../query/survey-table.js';
import type { TStore } from '../store/store.js';
import { codeRows, type TBadValue, type TCodingOptions, type TLeftOut } from './drivers-coding.js';
import { openStore } from './workspace-store.js';

export { DriverError };

export type TDriversRequest = TCodingOptions & {
  path: string;
  /** CSV delimiter; undefined: detected. */
  separator?: string | undefined;
  quote?: string | undefined;
  encoding?: 'auto' | 'utf-8' | 'latin-1' | undefined;
};

export type TDriversReport = TKeyDrivers & {
  source: string;
  target: string;
  positive: string | undefined;
  na: string | undefined;
  /** Data records in the file (the header not counted) = rowsUsed + rowsLeftOut. */
  records: number;
  rowsUsed: number;
  rowsLeftOut: number;
  leftOut: TLeftOut;
  nonNumeric: TBadValue[];
};

const STAGE = 'jl_survey';
const REJECTS = 'jl_survey_rejects';
const REJECT_SCANS = 'jl_survey_reject_scans';

export async function driversFromCsv(request: TDriversRequest): Promise<TDriversReport> {
  const { path } = request;
  await assertCsv(path);
  const store = await openStore(':memory:');
  try {
    try {
      const scan = await csvScan(store, path, request, []);
      await store.exec(stageCsv(STAGE, scan, REJECTS, REJECT_SCANS));
    } catch (e) {
      throw new DriverError(`${path}: cannot read as CSV: ${firstLine((e as Error).message)}`);
    }
    const names = [request.target, ...request.features];
    await assertColumns(store, path, names);
    const rejected = (await store.all<{ record: number }>(rejectedRecords(REJECTS))).map(
      (r) => r.record,
    );
    const rows = await store.all<Record<string, string | null>>(selectColumns(STAGE, names));
    const cells = rows.map((row) => names.map((_, i) => row[`c${i}`] ?? null));
    const coded = codeRows(cells, request, recordNumbers(rejected));
    coded.leftOut.unreadable = rejected.length;
    const rowsUsed = coded.target.length;
    const rowsLeftOut = Object.values(coded.leftOut).reduce((s, n) => s + n, 0);
    const context = `${rowsUsed} of ${rowsUsed + rowsLeftOut} rows used: ${leftOutText(coded.leftOut)}`;
    let result: TKeyDrivers;
    try {
      result = keyDrivers({
        target: { name: request.target, values: coded.target },
        features: request.features.map((name, j) => ({
          name,
          values: coded.features[j] ?? new Float64Array(),
        })),
      });
    } catch (e) {
      if (e instanceof DriverError) throw new DriverError(`${e.message} (${context})`);
      throw e;
    }
    return {
      ...result,
      source: path,
      target: request.target,
      positive: request.positive,
      na: request.na,
      records: rowsUsed + rowsLeftOut,
      rowsUsed,
      rowsLeftOut,
      leftOut: coded.leftOut,
      nonNumeric: coded.nonNumeric,
    };
  } finally {
    await store.close();
  }
}

/** "12 not applicable, 3 empty" (reasons with a count only), or "none left out". */
export function leftOutText(leftOut: TLeftOut): string {
  const labels: [keyof TLeftOut, string][] = [
    ['notApplicable', 'not applicable'],
    ['empty', 'empty'],
    ['nonNumeric', 'not a number'],
    ['unreadable', 'unreadable line'],
  ];
  const parts = labels
    .filter(([key]) => leftOut[key] > 0)
    .map(([key, label]) => `${leftOut[key].toLocaleString('en-US')} ${label}`);
  return parts.length === 0 ? 'none left out' : parts.join(', ');
}

/**
 * Record number of the r-th staged row (0-based) when the reader rejected the records
 * x₁ < x₂ < …: the k-th staged row (k = r + 1) is record k + #{j : x_j − j < k}.
 */
function recordNumbers(rejected: readonly number[]): (row: number) => number {
  return (row) => {
    const k = row + 1;
    let skipped = 0;
    while (skipped < rejected.length && (rejected[skipped] ?? 0) - (skipped + 1) < k) skipped++;
    return k + skipped;
  };
}

async function assertCsv(path: string): Promise<void> {
  if (formatOf(path) !== 'csv') {
    throw new DriverError(`${path}: drivers reads CSV files (.csv, .tsv or .txt, gzipped or not)`);
  }
  try {
    if (!(await stat(path)).isFile()) throw new DriverError(`${path}: not a file`);
  } catch (e) {
    if (e instanceof DriverError) throw e;
    throw new DriverError(`${path}: no such file`);
  }
}

async function assertColumns(store: TStore, path: string, names: readonly string[]): Promise<void> {
  const available = (await store.all<{ column_name: string }>(describeTable(STAGE))).map(
    (c) => c.column_name,
  );
  const missing = names.filter((n) => !available.includes(n));
  if (missing.length === 0) return;
  const near = missing.flatMap((n) => {
    const match = available.find((a) => a.toLowerCase() === n.toLowerCase());
    return match === undefined ? [] : [`"${n}" → "${match}"`];
  });
  throw new DriverError(
    `${path}: no column ${missing.map((n) => `"${n}"`).join(', ')}` +
      (near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : '') +
      `; the columns are ${available.map((a) => `"${a}"`).join(', ')}`,
  );
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
