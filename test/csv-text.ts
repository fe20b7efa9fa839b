/**
 * A small RFC 4180 reader for the real-data tests of pure modules: quoted fields may hold
 * commas, doubled quotes and line breaks. Rows end at LF (an optional CR before it is
 * dropped); a bare CR inside a field is kept, as twcs needs (shared/data/README.md).
 */

/** Rows of a CSV text as records keyed by the header. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows = parseRows(text);
  const header = rows[0] ?? [];
  return rows.slice(1).map((row) => {
    if (row.length !== header.length) {
      throw new Error(`CSV row has ${row.length} fields, the header ${header.length}: ${row[0]}`);
    }
    return Object.fromEntries(header.map((name, i) => [name, row[i] ?? '']));
  });
}

function parseRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.endsWith('\r') ? field.slice(0, -1) : field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
