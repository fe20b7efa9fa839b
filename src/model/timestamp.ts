/**
 * How a timestamp column is to be parsed, decided once per column from a sample of its
 * values (or from --timestamp-format), then rendered into SQL by src/query/normalize.ts.
 */
export type TTimestampParse =
  /** ISO 8601, with or without an offset or Z; date-only allowed. */
  | { kind: 'iso' }
  /** DuckDB strptime format, e.g. `%m/%d/%Y %I:%M:%S %p`. */
  | { kind: 'strptime'; format: string }
  /** Seconds or milliseconds since 1970-01-01 UTC. */
  | { kind: 'epoch'; unit: 's' | 'ms' };

export function describeTimestampParse(p: TTimestampParse): string {
  switch (p.kind) {
    case 'iso':
      return 'ISO 8601';
    case 'strptime':
      return `format ${p.format}`;
    case 'epoch':
      return p.unit === 's' ? 'epoch seconds' : 'epoch milliseconds';
  }
}
