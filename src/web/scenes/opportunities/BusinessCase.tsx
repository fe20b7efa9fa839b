/**
 * One opportunity's business case: each figure with the sum that makes it, every assumption
 * in it (marked when edited), the value at stake per segment and what could not be priced.
 */
import { useEffect, useRef } from 'react';
import type { TAnalysis } from '../../analysis-types.js';
import { CreateAction } from '../actions/CreateAction.js';
import { count, decimal, money, percent, percentInterval, points } from '../../ui/format.js';
import type { TFieldKey, TRankedOpportunity } from './assumptions.js';
import {
  customersAffected,
  opportunitySource,
  opportunityTitle,
  teamNames,
  unitMoney,
} from './opportunity-rows.js';

type TProps = {
  row: TRankedOpportunity;
  names: TAnalysis['names'];
  currency: string;
  changed: readonly TFieldKey[];
  onClose: () => void;
};

export function BusinessCase({ row, names, currency, changed, onClose }: TProps) {
  const o = row.priced;
  const a = o.assumptions;
  const heading = useRef<HTMLHeadingElement>(null);
  // Closing gives the focus back to where it was (the row that opened the case).
  useEffect(() => {
    const opener = document.activeElement;
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);
  useEffect(() => heading.current?.focus(), [row.key]);
  const mark = (key: TFieldKey) =>
    changed.includes(key) ? (
      <span className="badge warn" title="an assumption you changed">
        changed
      </span>
    ) : null;
  const segments = Object.entries(o.customersBySegment).sort((x, y) => y[1] - x[1]);
  const churnKey: TFieldKey = a.churnSource === 'measured' ? 'detractorChurnRisk' : 'churnRisk';
  return (
    <aside
      className="drawer business-case"
      aria-labelledby="case-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="case-head">
        <h3 id="case-title" tabIndex={-1} ref={heading}>
          {opportunityTitle(o, names)}
        </h3>
        <button type="button" className="secondary small" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted">
        #{row.rank} of the business cases, owned by {teamNames(o, names)}; a{' '}
        {opportunitySource(o, names)}
        {row.rank === row.serverRank ? '' : `; #${row.serverRank} as the workspace prices it`}.
      </p>
      <CreateAction
        key={row.key}
        source={{
          kind: 'opportunity',
          source: o.source,
          type: o.type,
          touchpoint: o.touchpoint,
          ...(o.journey === undefined ? {} : { journey: o.journey }),
        }}
        touchpointName={
          o.touchpoint === null ? null : (names.touchpoints[o.touchpoint] ?? o.touchpoint)
        }
      />
      <dl className="case-figures">
        <dt>Total a year</dt>
        <dd>
          <strong className="case-total">{money(o.totalPerYear, currency)}</strong>
          {o.totalPerYear === row.server.totalPerYear ? null : (
            <span className="muted"> (was {money(row.server.totalPerYear, currency)})</span>
          )}
        </dd>
        <dt>Cost to serve a year</dt>
        <dd>
          {money(o.costToServePerYear, currency)} ={' '}
          {o.costsContact ? (
            <>
              {decimal(o.occurrencesPerMonth, 1)} occurrences a month × 12 ×{' '}
              {unitMoney(a.costPerOccurrence, currency)} a contact by {o.channel ?? 'no channel'}{' '}
              {o.channel === null ? null : mark(`cost:${o.channel}`)}
            </>
          ) : (
            <>nothing: {a.costSource}</>
          )}
        </dd>
        <dt>Revenue at risk a year</dt>
        <dd>
          {money(o.revenueAtRiskPerYear, currency)} = {count(customersAffected(o))} customers
          affected, worth {money(valueAtStake(o.customersBySegment, a.segmentValues), currency)} a
          year × {percent(a.churnRisk)} churn risk{' '}
          {a.churnSource === 'measured' && a.detractorGap !== undefined ? (
            <>
              (measured: {points(a.detractorGap.value)} more detractors among{' '}
              {count(a.detractorGap.n)} NPS answers, interval{' '}
              {percentInterval(a.detractorGap.low, a.detractorGap.high)}, ×{' '}
              {percent(a.detractorChurnRisk)} churn risk of a detractor)
            </>
          ) : (
            '(assumed)'
          )}{' '}
          {mark(churnKey)}
        </dd>
      </dl>
      <table className="case-segments">
        <caption>Customers affected by segment</caption>
        <thead>
          <tr>
            <th>Segment</th>
            <th className="num">Customers</th>
            <th className="num">Value a year</th>
            <th className="num">At stake</th>
          </tr>
        </thead>
        <tbody>
          {segments.map(([id, customers]) => {
            const value = a.segmentValues[id];
            return (
              <tr key={id}>
                <td>
                  {id === '' ? 'no segment' : (names.segments[id] ?? id)} {mark(`segment:${id}`)}
                </td>
                <td className="num">{count(customers)}</td>
                <td className="num">{unitMoney(value, currency)}</td>
                <td className="num">
                  {value === undefined ? '–' : money(customers * value, currency)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {a.missing.length === 0 ? null : (
        <ul className="case-missing" aria-label="What could not be priced">
          {a.missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </aside>
  );
}

function valueAtStake(
  customers: Record<string, number>,
  values: Record<string, number | undefined>,
): number {
  return Object.entries(customers).reduce((s, [id, n]) => s + n * (values[id] ?? 0), 0);
}
