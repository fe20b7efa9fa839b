/**
 * Contact volumes along one dimension (reason, channel or stage): contacts, customers and the
 * share of all contacts as a bar; by reason, each primary reason opens onto its secondary
 * reasons. "Download CSV" exports every row with the raw values.
 */
import { Fragment, useState } from 'react';
import type { TVolumeRow } from './routing-types.js';
import { downloadCsv } from '../../ui/download.js';
import { count, percent } from '../../ui/format.js';
import { volumeCsv } from './routing-view.js';

type TProps = {
  by: 'reason' | 'channel' | 'stage';
  title: string;
  rows: readonly TVolumeRow[];
  csvName: string;
};

export function VolumeTable({ by, title, rows, csvName }: TProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const widest = Math.max(0, ...rows.map((r) => r.share));
  const toggle = (key: string): void =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const exportCsv = (): void => {
    const csv = volumeCsv(by, rows);
    downloadCsv(`${csvName}.csv`, csv.header, csv.rows);
  };
  const label = (r: Pick<TVolumeRow, 'key' | 'name'>): string => r.name ?? r.key ?? `no ${by}`;
  const line = (r: TVolumeRow | Omit<TVolumeRow, 'secondary'>, secondary: boolean) => (
    <>
      <td className="num">{count(r.contacts)}</td>
      <td className="num">{count(r.customers)}</td>
      <td className="num">{percent(r.share)}</td>
      <td className="share-cell" aria-hidden="true">
        <span
          className={`bar${secondary ? ' secondary' : ''}`}
          style={{ width: `${widest === 0 ? 0 : (100 * r.share) / widest}%` }}
        />
      </td>
    </>
  );
  return (
    <div className="volume">
      <div className="table-tools">
        <h4>{title}</h4>
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
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th>{by === 'reason' ? 'Reason' : by === 'channel' ? 'Channel' : 'Stage'}</th>
            <th className="num">Contacts</th>
            <th className="num">Customers</th>
            <th className="num">Share</th>
            <th aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                No contacts in this period.
              </td>
            </tr>
          ) : (
            rows.map((r, i) => {
              const key = r.key ?? `none-${i}`;
              const children = r.secondary ?? [];
              const expanded = open.has(key);
              return (
                <Fragment key={key}>
                  <tr>
                    <th scope="row" className="volume-name">
                      {children.length === 0 ? (
                        label(r)
                      ) : (
                        <button
                          type="button"
                          className="link toggle"
                          aria-expanded={expanded}
                          onClick={() => toggle(key)}
                        >
                          <span aria-hidden="true">{expanded ? '▾ ' : '▸ '}</span>
                          {label(r)}
                        </button>
                      )}
                    </th>
                    {line(r, false)}
                  </tr>
                  {expanded
                    ? children.map((s, j) => (
                        <tr key={s.key ?? `${key}-${j}`} className="secondary-row">
                          <th scope="row" className="volume-name">
                            {label(s)}
                          </th>
                          {line(s, true)}
                        </tr>
                      ))
                    : null}
                </Fragment>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}
