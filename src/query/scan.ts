/**
 * Engine-native file scans (DuckDB readers) used to stage an import. Paths and options are
 * bind parameters; only the reader name is fixed text.
 */
import { ident, join, raw, sql, type TSql } from './sql.js';

/** A dialect told to the reader instead of sniffed: `"` quotes, these delimiter and columns. */
export type TCsvDialect = { delimiter: string; columns: string[] };

export type TCsvScan = {
  path: string;
  /** undefined: let the engine sniff it. */
  separator: string | undefined;
  quote: string | undefined;
  encoding: 'utf-8' | 'latin-1';
  /** Read with this dialect, sniffing nothing (see src/ingest/csv-dialect.ts). */
  dialect?: TCsvDialect | undefined;
};

/** The quote character the engine's sniffer finds in a CSV ('(empty)' for none). */
export function sniffedQuote(path: string, encoding: TCsvScan['encoding']): TSql {
  return sql`SELECT Quote AS quote FROM sniff_csv(${path}, encoding = ${encoding})`;
}

/** Stages a CSV as all-text columns; malformed lines land in `rejectsTable`. */
export function stageCsv(
  table: string,
  scan: TCsvScan,
  rejectsTable: string,
  rejectsScan: string,
): TSql {
  const options = [sql`header = true`, sql`encoding = ${scan.encoding}`];
  const { dialect } = scan;
  if (dialect !== undefined) {
    const columns = dialect.columns.map((c) => sql`${ident(c)} := 'VARCHAR'`);
    options.push(
      sql`auto_detect = false`,
      sql`delim = ${dialect.delimiter}`,
      raw(`quote = '"', escape = '"'`),
      sql`columns = struct_pack(${join(columns)})`,
    );
  } else {
    options.push(sql`all_varchar = true`);
    if (scan.separator !== undefined) options.push(sql`delim = ${scan.separator}`);
    if (scan.quote !== undefined) options.push(sql`quote = ${scan.quote}`);
  }
  return sql`CREATE OR REPLACE TEMP TABLE ${raw(table)} AS
    SELECT * FROM read_csv(${scan.path}, ${join(options)}, store_rejects = true,
      rejects_table = ${rejectsTable}, rejects_scan = ${rejectsScan}, null_padding = false)`;
}

/** A Parquet file read in place, with a 1-based record number. */
export function parquetSource(path: string): TSql {
  return sql`read_parquet(${path}, file_row_number = true)`;
}
