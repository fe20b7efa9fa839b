/**
 * What an import of a file would read, before it runs: the format, the columns, the number of
 * records and the first rows, and the mapping the columns' names propose. The file is staged
 * exactly as `importFile` stages it (same readers, same CSV dialect detection, same encoding
 * choice), then the staging is dropped: a preview stores nothing.
 */
import type { TDataKind } from '../model/fields.js';
import type { TSourceColumn } from '../query/normalize.js';
import { ident, join, sql } from '../query/sql.js';
import type { TStore } from '../store/store.js';
import { formatOf, type TFormat } from './format.js';
import { ImportError } from './import-error.js';
import { oneImportAtATime } from './import-staged.js';
import { assertReadable, dropStaging, stageFile, type TImportRequest } from './import.js';
import { proposeMapping } from './mapping.js';

export type TPreviewRequest = Pick<
  TImportRequest,
  'path' | 'kind' | 'format' | 'encoding' | 'separator' | 'quote'
> & {
  /** How many rows to show; default 20. */
  rows?: number;
};

export type TImportPreview = {
  kind: TDataKind;
  format: TFormat;
  columns: TSourceColumn[];
  /** Records in the file: the ones read, and the ones the reader could not read. */
  records: number;
  unreadable: number;
  /** The first records read, one value per column (as text; null when empty). */
  rows: (string | null)[][];
  /** Field → column, as the columns' names propose it (docs/data-formats.md aliases). */
  mapping: Record<string, string>;
  notes: string[];
};

export async function previewFile(
  store: TStore,
  request: TPreviewRequest,
): Promise<TImportPreview> {
  const { path, kind } = request;
  const format = request.format ?? formatOf(path);
  if (format === undefined) {
    throw new ImportError(
      `${path}: cannot tell the format from the file name; use a .csv, .jsonl, .parquet or .xes file`,
    );
  }
  await assertReadable(path);
  const notes: string[] = [];
  return oneImportAtATime(store, async () => {
    try {
      const staged = await stageFile(store, path, format, request, notes, () => {});
      const columns = staged.columns;
      const values = columns.map((c) => sql`CAST(s.${ident(c.name)} AS VARCHAR)`);
      const shown = await store.all<Record<string, string | null>>(
        sql`SELECT ${join(values.map((v, i) => sql`${v} AS ${ident(`c${i}`)}`))}
          FROM ${staged.source} AS s LIMIT ${request.rows ?? 20}`,
      );
      const [size] = await store.all<{ n: number }>(
        sql`SELECT count(*) AS n FROM ${staged.source} AS s`,
      );
      const unreadable = new Set(staged.readerErrors.map((e) => e.record)).size;
      return {
        kind,
        format,
        columns,
        records: Number(size?.n ?? 0) + unreadable,
        unreadable,
        rows: shown.map((row) => columns.map((_, i) => row[`c${i}`] ?? null)),
        mapping: proposeMapping(kind, columns),
        notes,
      };
    } finally {
      await dropStaging(store);
    }
  });
}
