/**
 * Chooses how to parse a timestamp column: the user's --timestamp-format, or a format
 * detected from a sample of the column's values (the decision is pure; see
 * timestamp-format.ts). Typed columns (Parquet timestamps) need no choice.
 */
import type { TTimestampParse } from '../model/timestamp.js';
import type { TSourceColumn } from '../query/normalize.js';
import { ident, raw, sql, type TSql } from '../query/sql.js';
import type { TStore } from '../store/store.js';
import { ImportError } from './import-error.js';
import { detectTimestampFormat, validateStrptimeFormat } from './timestamp-format.js';

/** Values sampled: half from the head of the column, half spread over it. */
export const TIMESTAMP_SAMPLE = 2000;

export async function chooseTimestampParse(
  store: TStore,
  source: TSql,
  column: TSourceColumn,
  userFormat: string | undefined,
  notes: string[],
): Promise<TTimestampParse> {
  if (userFormat !== undefined) {
    const problem = validateStrptimeFormat(userFormat);
    if (problem !== undefined) throw new ImportError(`--timestamp-format: ${problem}`);
    return { kind: 'strptime', format: userFormat };
  }
  if (column.type !== 'text') return { kind: 'iso' };
  // The head of the file plus a spread-out sample: formats rarely change mid-file, but a
  // day-first date shows itself only once a day above 12 appears.
  const c = ident(column.name);
  const rows = await store.all<{ v: string }>(sql`
    (SELECT trim(${c}) AS v FROM ${source} AS s WHERE nullif(trim(${c}), '') IS NOT NULL LIMIT ${TIMESTAMP_SAMPLE / 2})
    UNION
    (SELECT trim(${c}) AS v FROM ${source} AS s WHERE nullif(trim(${c}), '') IS NOT NULL
      USING SAMPLE reservoir(${raw(String(TIMESTAMP_SAMPLE / 2))} ROWS) REPEATABLE (7))`);
  return decideTimestampParse(
    rows.map((r) => r.v),
    column.name,
    notes,
  );
}

/**
 * The decision from sampled values (non-empty, trimmed): the head of the column plus a
 * spread-out sample, as `chooseTimestampParse` samples them, or as a caller that holds the
 * values in memory (a batch sent over HTTP) takes them itself.
 */
export function decideTimestampParse(
  values: readonly string[],
  columnName: string,
  notes: string[],
): TTimestampParse {
  // No values at all (a header-only file): nothing will be parsed, any choice is right.
  if (values.length === 0) return { kind: 'iso' };
  const decision = detectTimestampFormat(values);
  if ('error' in decision) {
    throw new ImportError(
      `column ${JSON.stringify(columnName)} (timestamp): ${decision.error}; give the format with --timestamp-format, e.g. --timestamp-format '%d/%m/%Y %H:%M'`,
    );
  }
  if ('note' in decision && typeof decision.note === 'string')
    notes.push(`timestamp: ${decision.note}`);
  if (decision.kind === 'strptime') notes.push(`timestamps read with format ${decision.format}`);
  return decision.kind === 'strptime'
    ? { kind: 'strptime', format: decision.format }
    : decision.kind === 'epoch'
      ? { kind: 'epoch', unit: decision.unit }
      : { kind: 'iso' };
}
