/**
 * Every table of the app: sortable by any column (by the column's value, not its text),
 * a page of rows at a time with "show more", an empty state, and "Download CSV" of all rows
 * (not just the shown page) with the raw values.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { TCsvCell } from './csv.js';
import { downloadCsv } from './download.js';

export type TColumn<R> = {
  key: string;
  label: string;
  /** The value to sort by and to export. */
  value: (row: R) => string | number | null | undefined;
  /** How the cell reads; the value as text when absent. */
  render?: (row: R) => ReactNode;
  numeric?: boolean;
  /** A tooltip on the header saying what the column means. */
  title?: string;
};

/**
 * A column of numbers: right-aligned, sorted and exported by the number, shown formatted.
 * @example numberColumn({ key: 'count', label: 'Journeys', value: (r) => r.count, format: count })
 */
export function numberColumn<R>({
  value,
  format,
  ...column
}: Omit<TColumn<R>, 'value' | 'render' | 'numeric'> & {
  value: (row: R) => number | null | undefined;
  format: (value: number | null | undefined) => string;
}): TColumn<R> {
  return { ...column, numeric: true, value, render: (row) => format(value(row)) };
}

type TProps<R> = {
  columns: readonly TColumn<R>[];
  rows: readonly R[];
  /** The table's name, read by screen readers and used for the CSV file. */
  caption: string;
  csvName: string;
  rowKey: (row: R, index: number) => string;
  pageSize?: number;
  empty?: ReactNode;
  onRowClick?: (row: R) => void;
  initialSort?: { key: string; descending: boolean };
};

export function DataTable<R>(props: TProps<R>) {
  const { columns, rows, caption, csvName, rowKey, onRowClick } = props;
  const pageSize = props.pageSize ?? 25;
  const [sort, setSort] = useState(props.initialSort);
  const [shown, setShown] = useState(pageSize);
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort?.key);
    if (column === undefined || sort === undefined) return rows;
    const direction = sort.descending ? -1 : 1;
    return [...rows].sort((a, b) => compare(column.value(a), column.value(b), direction));
  }, [rows, columns, sort]);

  const exportCsv = (): void =>
    downloadCsv(
      csvName.endsWith('.csv') ? csvName : `${csvName}.csv`,
      columns.map((c) => c.label),
      sorted.map((row) => columns.map((c): TCsvCell => c.value(row))),
    );

  return (
    <div className="table-wrap">
      <div className="table-tools">
        <span className="muted">
          {rows.length.toLocaleString('en-US')} {rows.length === 1 ? 'row' : 'rows'}
        </span>
        <button
          type="button"
          className="secondary small"
          onClick={exportCsv}
          disabled={rows.length === 0}
        >
          Download CSV
        </button>
      </div>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort?.key === c.key;
              const ariaSort = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
              return (
                <th
                  key={c.key}
                  className={c.numeric === true ? 'num' : undefined}
                  aria-sort={ariaSort}
                  title={c.title}
                >
                  <button
                    type="button"
                    className="sort"
                    onClick={() =>
                      setSort({
                        key: c.key,
                        descending: active ? !sort.descending : c.numeric === true,
                      })
                    }
                  >
                    {c.label}
                    <span aria-hidden="true">{active ? (sort.descending ? ' ▾' : ' ▴') : ''}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="muted">
                {props.empty ?? 'Nothing to show.'}
              </td>
            </tr>
          ) : (
            sorted.slice(0, shown).map((row, i) => (
              <tr
                key={rowKey(row, i)}
                {...(onRowClick === undefined
                  ? {}
                  : {
                      className: 'clickable',
                      tabIndex: 0,
                      onClick: () => onRowClick(row),
                      onKeyDown: (e) => {
                        if (e.key === 'Enter' || e.key === ' ') {
                          e.preventDefault();
                          onRowClick(row);
                        }
                      },
                    })}
              >
                {columns.map((c) => (
                  <td key={c.key} className={c.numeric === true ? 'num' : undefined}>
                    {c.render === undefined ? String(c.value(row) ?? '–') : c.render(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
      {sorted.length > shown ? (
        <button
          type="button"
          className="secondary small more"
          onClick={() => setShown((n) => n + pageSize * 4)}
        >
          Show more ({(sorted.length - shown).toLocaleString('en-US')} left)
        </button>
      ) : null}
    </div>
  );
}

type TCell = string | number | null | undefined;

/** In the direction asked, except that unknown values always come last. */
export function compare(a: TCell, b: TCell, direction: 1 | -1): number {
  const aNone = a === null || a === undefined || (typeof a === 'number' && Number.isNaN(a));
  const bNone = b === null || b === undefined || (typeof b === 'number' && Number.isNaN(b));
  if (aNone || bNone) return aNone === bNone ? 0 : aNone ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return direction * (a - b);
  return direction * String(a).localeCompare(String(b), 'en-US', { numeric: true });
}
