/**
 * A tiny SQL builder: template literals whose interpolated values become bind parameters,
 * never spliced text. Fragments nest; identifiers are quoted explicitly with `ident`.
 * Printing per dialect happens in `render`, so a query module only decides structure.
 *
 * @example
 *   const q = sql`SELECT * FROM events WHERE channel = ${channel} AND ${pred}`;
 *   render(q, 'duckdb') // { text: 'SELECT * FROM events WHERE channel = $1 AND ...', params: ['web', ...] }
 */

export type TDialect = 'duckdb' | 'clickhouse';

const FRAGMENT = Symbol('sql-fragment');

type TPart = { kind: 'text'; text: string } | { kind: 'param'; value: TSqlValue };

export type TSqlValue = string | number | bigint | boolean | null;

export type TSql = { readonly [FRAGMENT]: true; readonly parts: readonly TPart[] };

type TInterpolation = TSql | TSqlValue;

function isSql(v: unknown): v is TSql {
  return typeof v === 'object' && v !== null && FRAGMENT in v;
}

function fragment(parts: TPart[]): TSql {
  // Merge adjacent text parts so snapshots stay readable.
  const merged: TPart[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (p.kind === 'text' && last?.kind === 'text')
      merged[merged.length - 1] = { kind: 'text', text: last.text + p.text };
    else merged.push(p);
  }
  return { [FRAGMENT]: true, parts: merged };
}

/** Tagged template: values become parameters, nested `sql` fragments are inlined. */
export function sql(strings: TemplateStringsArray, ...values: TInterpolation[]): TSql {
  const parts: TPart[] = [];
  strings.forEach((s, i) => {
    parts.push({ kind: 'text', text: s });
    if (i < values.length) {
      const v = values[i] as TInterpolation;
      if (isSql(v)) parts.push(...v.parts);
      else parts.push({ kind: 'param', value: v });
    }
  });
  return fragment(parts);
}

/** Trusted SQL text written by us (keywords, function names). Never pass user input here. */
export function raw(text: string): TSql {
  return fragment([{ kind: 'text', text }]);
}

/** A quoted identifier: column or table names that come from data (CSV headers, workspace ids). */
export function ident(name: string): TSql {
  return raw(`"${name.replaceAll('"', '""')}"`);
}

/** Joins fragments with a separator. */
export function join(items: readonly TSql[], separator = ', '): TSql {
  const parts: TPart[] = [];
  items.forEach((item, i) => {
    if (i > 0) parts.push({ kind: 'text', text: separator });
    parts.push(...item.parts);
  });
  return fragment(parts);
}

/** A parameter as a fragment, for building lists. */
export function param(value: TSqlValue): TSql {
  return fragment([{ kind: 'param', value }]);
}

export type TRendered = { text: string; params: TSqlValue[] };

/**
 * Prints a fragment for a dialect. DuckDB takes positional `$n`; ClickHouse's HTTP interface
 * takes typed `{pN:Type}` placeholders whose values travel as `param_pN`.
 */
export function render(q: TSql, dialect: TDialect = 'duckdb'): TRendered {
  let text = '';
  const params: TSqlValue[] = [];
  for (const p of q.parts) {
    if (p.kind === 'text') {
      text += p.text;
      continue;
    }
    params.push(p.value);
    const n = params.length;
    text += dialect === 'duckdb' ? `$${n}` : `{p${n}:${clickhouseType(p.value)}}`;
  }
  return { text, params };
}

function clickhouseType(v: TSqlValue): string {
  if (v === null) return 'Nullable(String)';
  if (typeof v === 'boolean') return 'UInt8';
  if (typeof v === 'bigint') return 'Int64';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Int64' : 'Float64';
  return 'String';
}
