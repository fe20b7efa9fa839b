/**
 * The import screen's mapping, pure: the choice per field that starts from the server's
 * proposal, what is sent (every field named, `null` for "none", so a column named after a
 * field does not map it behind the person's back), what is still missing, and the first rows
 * as they would be read into the fields.
 */
import type { TImportField } from './import-types.js';

/** Field → chosen column; '' is "none". */
export type TChoice = Record<string, string>;

/** The proposal, with every field present ('' where no column is proposed). */
export function initialChoice(fields: readonly TImportField[], proposed: TChoice): TChoice {
  return Object.fromEntries(fields.map((f) => [f.name, proposed[f.name] ?? '']));
}

/** What POST /api/import gets: every field, its column or null. */
export function mappingPayload(
  fields: readonly TImportField[],
  choice: TChoice,
): Record<string, string | null> {
  return Object.fromEntries(
    fields.map((f) => {
      const column = choice[f.name] ?? '';
      return [f.name, column === '' ? null : column];
    }),
  );
}

/**
 * Required fields without a column. An events file whose customer is left out but whose case
 * is given reads the case as the customer (docs/data-formats.md), so that is not missing.
 */
export function missingRequired(
  kind: string,
  fields: readonly TImportField[],
  choice: TChoice,
): string[] {
  return fields
    .filter((f) => f.required && (choice[f.name] ?? '') === '')
    .filter((f) => !(kind === 'events' && f.name === 'customer' && (choice.case ?? '') !== ''))
    .map((f) => f.name);
}

/** The columns no field takes: they are kept as attributes of each record. */
export function attributeColumns(columns: readonly string[], choice: TChoice): string[] {
  const used = new Set(Object.values(choice).filter((c) => c !== ''));
  return columns.filter((c) => !used.has(c));
}

/** The fields that have a column, in field order, with the column each reads. */
export function mappedFields(
  fields: readonly TImportField[],
  choice: TChoice,
): { field: string; column: string }[] {
  return fields.flatMap((f) => {
    const column = choice[f.name] ?? '';
    return column === '' ? [] : [{ field: f.name, column }];
  });
}

/** The rows as the fields would read them: one value per mapped field (null when empty). */
export function mappedRows(
  columns: readonly string[],
  rows: readonly (readonly (string | null)[])[],
  mapped: readonly { field: string; column: string }[],
): (string | null)[][] {
  const at = mapped.map((m) => columns.indexOf(m.column));
  return rows.map((row) => at.map((i) => (i < 0 ? null : (row[i] ?? null))));
}
