/** The answers of the import routes (src/server/routes/import-routes.ts), as the screen reads them. */
export type TDataKind = 'events' | 'customers' | 'feedback';

export type TImportField = { name: string; required: boolean; help: string; aliases: string[] };

export type TImportPreview = {
  fileName: string;
  kind: TDataKind;
  format: 'csv' | 'jsonl' | 'parquet' | 'xes';
  columns: { name: string; type: string }[];
  records: number;
  unreadable: number;
  rows: (string | null)[][];
  fields: TImportField[];
  /** Field → column, as the column names propose it. */
  mapping: Record<string, string>;
  notes: string[];
};

export type TImportRecordError = { record: number; field: string; reason: string };

export type TImportResult = {
  fileName: string;
  kind: TDataKind;
  format: string;
  importId: number | null;
  alreadyImportedAs: number | null;
  records: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
  errors: TImportRecordError[];
  errorsOmitted: number;
  mapping: string[];
  notes: string[];
};
