/**
 * The CSV dialect when the engine's sniffer gives up on quoting. DuckDB's sniffer drops the
 * `"` quote as soon as one sampled line has a malformed quoted field (an unterminated quote);
 * it then reads every well-quoted field that holds a delimiter as extra columns, so good
 * records are quarantined and quote characters end up in values. When the file does quote
 * fields, the reader is told the dialect instead — the header line's delimiter, `"` as quote
 * (doubled inside a field), the header's column names — and only the malformed record is
 * rejected. Pure: text in, dialect out.
 */

import type { TCsvDialect } from '../query/scan.js';

/** Delimiters recognised in a header line, in order of preference on a tie. */
const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Splits one CSV line on `delimiter`, honouring `"` quotes (`""` inside is one quote). */
export function splitLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** The delimiter of a header line: the candidate that splits it into the most fields. */
export function headerDelimiter(line: string): string {
  let best: string = DELIMITERS[0];
  let most = 1;
  for (const d of DELIMITERS) {
    const n = splitLine(line, d).length;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

/** True when a field of some line starts with a `"`: the file quotes fields. */
export function quotesFields(lines: readonly string[], delimiter: string): boolean {
  return lines.some((line) => line.startsWith('"') || line.includes(`${delimiter}"`));
}

/** Column names as the reader gives them: a repeated name gets `_1`, `_2`, ...; none empty. */
export function columnNames(header: readonly string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    const base = raw.trim() === '' ? `column${i}` : raw.trim();
    let name = base;
    for (let n = 1; seen.has(name); n++) name = `${base}_${n}`;
    seen.add(name);
    return name;
  });
}

/**
 * The dialect to read a file with when the sniffer found no quote, from the start of the
 * file as text: undefined when its fields are not quoted (the sniffer was right).
 */
export function explicitDialect(head: string): TCsvDialect | undefined {
  const lines = head.replace(/^\uFEFF/, '').split(/\r?\n/);
  // The last line of a sample may be cut anywhere.
  if (lines.length > 1) lines.pop();
  const [header, ...rest] = lines;
  if (header === undefined || header === '') return undefined;
  const delimiter = headerDelimiter(header);
  if (!quotesFields(rest, delimiter)) return undefined;
  return { delimiter, columns: columnNames(splitLine(header, delimiter)) };
}
