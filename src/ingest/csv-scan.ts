/**
 * How a CSV is read, for an import and for a survey table alike: the text encoding (sniffed
 * unless given) and, when the engine's sniffer finds no quote in a file that does quote its
 * fields, the dialect to tell the reader instead (csv-dialect.ts). Notes say what was chosen.
 */
import { sniffedQuote, type TCsvDialect, type TCsvScan } from '../query/scan.js';
import type { TStore } from '../store/store.js';
import { explicitDialect } from './csv-dialect.js';
import { encodingOf, readHead } from './format.js';

export type TCsvRequest = {
  encoding?: 'utf-8' | 'latin-1' | 'auto' | undefined;
  separator?: string | undefined;
  quote?: string | undefined;
};

const DELIMITER_NAMES: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };

export async function csvScan(
  store: TStore,
  path: string,
  request: TCsvRequest,
  notes: string[],
): Promise<TCsvScan> {
  const head = await readHead(path);
  let encoding = request.encoding ?? 'auto';
  if (encoding === 'auto') {
    encoding = encodingOf(head);
    if (encoding === 'latin-1')
      notes.push('the file is not valid UTF-8: read as Latin-1 (use --encoding to choose)');
  }
  const scan: TCsvScan = { path, separator: request.separator, quote: request.quote, encoding };
  if (request.separator !== undefined || request.quote !== undefined) return scan;
  const dialect = await quotedDialect(store, scan, head);
  if (dialect === undefined) return scan;
  const between = DELIMITER_NAMES[dialect.delimiter] ?? `"${dialect.delimiter}"`;
  notes.push(
    `a quoted field is malformed, so the quoting could not be detected: read with ${between} between fields and " as the quote (the malformed record is quarantined; use --sep and --quote to choose)`,
  );
  return { ...scan, dialect };
}

/** The dialect to tell the reader, when the file quotes fields and the sniffer found no quote. */
async function quotedDialect(
  store: TStore,
  { path, encoding }: TCsvScan,
  head: Buffer | undefined,
): Promise<TCsvDialect | undefined> {
  if (head === undefined) return undefined;
  const dialect = explicitDialect(head.toString(encoding === 'latin-1' ? 'latin1' : 'utf8'));
  if (dialect === undefined) return undefined;
  try {
    const [row] = await store.all<{ quote: string }>(sniffedQuote(path, encoding));
    if (row !== undefined && row.quote === '"') return undefined;
  } catch {
    // A sniffer that fails on the file found no quote either.
  }
  return dialect;
}
