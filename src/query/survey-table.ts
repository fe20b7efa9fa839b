/**
 * Reading a survey table staged from a file (see scan.ts `stageCsv`) back into JavaScript for
 * key-driver analysis: its header, the records the CSV reader rejected, and the chosen columns
 * as text in file order. Table names are ours; column names come from the file and are quoted.
 */
import { ident, join, raw, sql, type TSql } from './sql.js';

/** The staged table's columns, in file order (`column_name`). */
export function describeTable(table: string): TSql {
  return sql`DESCRIBE ${raw(table)}`;
}

/** The 1-based record numbers (header not counted) of lines the reader rejected. */
export function rejectedRecords(rejectsTable: string): TSql {
  return sql`SELECT DISTINCT line - 1 AS record FROM ${raw(rejectsTable)} ORDER BY record`;
}

/** The columns as `c0, c1, …` (names from a file can be anything), in file order. */
export function selectColumns(table: string, columns: readonly string[]): TSql {
  const list = columns.map((c, i) => sql`${ident(c)} AS ${raw(`c${i}`)}`);
  return sql`SELECT ${join(list)} FROM ${raw(table)} ORDER BY rowid`;
}
