/**
 * Tables as CSV (RFC 4180): every field that needs it quoted, quotes doubled, CRLF between
 * records, and cells that a spreadsheet would run as a formula (= + - @ at the start) prefixed
 * with an apostrophe, so an exported verbatim cannot execute in Excel.
 */
export type TCsvCell = string | number | boolean | null | undefined;

export function csvCell(value: TCsvCell): string {
  if (value === null || value === undefined) return '';
  let text =
    typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly TCsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
