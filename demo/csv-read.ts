/**
 * A small RFC 4180 reader, used by the demo's tests to read back what the generator wrote
 * (quoted fields with commas, doubled quotes and line breaks). Not a general import path:
 * src/ingest is the product's reader.
 */

/** Rows of fields; a final line break does not make an empty last row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (quoted) {
      if (ch !== 34) continue;
      if (text.charCodeAt(i + 1) === 34) {
        field += text.slice(start, i + 1);
        start = ++i + 1;
        continue;
      }
      field += text.slice(start, i);
      quoted = false;
      start = i + 1;
    } else if (ch === 34 && i === start && field === '') {
      quoted = true;
      start = i + 1;
    } else if (ch === 44 || ch === 10) {
      row.push(field + text.slice(start, i));
      field = '';
      start = i + 1;
      if (ch === 10) {
        rows.push(row);
        row = [];
      }
    }
  }
  if (start < text.length || row.length > 0) {
    row.push(field + text.slice(start));
    rows.push(row);
  }
  return rows;
}

/** Rows as objects keyed by the header line. */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (header === undefined) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
