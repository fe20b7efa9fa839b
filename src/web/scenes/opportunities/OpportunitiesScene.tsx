/**
 * Opportunities: every friction and deviation priced as a business case and ranked, each with
 * its owning teams, its figure and the assumptions beside it. The assumptions can be changed
 * here and everything is priced again in the browser with the server's pricing code; nothing
 * is saved (the workspace is where assumptions live).
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { TPricedGap } from '../../../analysis/pricing.js';
import type { TAnalysis, TPage, TSummary } from '../../analysis-types.js';
import { useQueryParam } from '../../router.js';
import { DataTable, type TColumn } from '../../ui/DataTable.js';
import { FilterSelect } from '../../ui/FilterSelect.js';
import { count, decimal, money, percent } from '../../ui/format.js';
import { Async, Empty } from '../../ui/states.js';
import { useApi } from '../../ui/use-api.js';
import { useAllPages } from '../../ui/all-pages.js';
import { AssumptionsForm } from './AssumptionsForm.js';
import {
  applyEdits,
  baselineAssumptions,
  changedFields,
  reprice,
  type TFieldKey,
  type TRankedOpportunity,
} from './assumptions.js';
import { BusinessCase } from './BusinessCase.js';
import {
  customersAffected,
  filterChoices,
  filterOpportunities,
  opportunitySource,
  opportunityTitle,
  teamNames,
  unitMoney,
} from './opportunity-rows.js';
import './opportunities.css';

type TOpportunities = TPage<TPricedGap> & { costModel: TAnalysis['costModel'] };

export function OpportunitiesScene() {
  const list = useAllPages<TPricedGap>('/api/analysis/opportunities');
  const summary = useApi<TSummary>('/api/analysis/summary');
  return (
    <>
      <header className="scene-head">
        <h2>Opportunities</h2>
      </header>
      <Async load={list} what="the opportunities">
        {(data) => (
          <Async load={summary} what="the names">
            {(s) => <Opportunities data={data as TOpportunities} names={s.names} />}
          </Async>
        )}
      </Async>
    </>
  );
}

function Opportunities({ data, names }: { data: TOpportunities; names: TAnalysis['names'] }) {
  const currency = data.costModel.currency;
  const base = useMemo(
    () => baselineAssumptions(data.costModel, data.items),
    [data.costModel, data.items],
  );
  const [texts, setTexts] = useState<Partial<Record<TFieldKey, string>>>({});
  const { assumptions, errors } = useMemo(() => applyEdits(base, texts), [base, texts]);
  const changed = useMemo(() => changedFields(base, assumptions), [base, assumptions]);
  const ranked = useMemo(() => reprice(data.items, assumptions), [data.items, assumptions]);
  const [team, setTeam] = useQueryParam('team');
  const [type, setType] = useQueryParam('type');
  const [selected, setSelected] = useQueryParam('case');
  const choices = useMemo(() => filterChoices(data.items, names), [data.items, names]);
  const rows = useMemo(() => filterOpportunities(ranked, { team, type }), [ranked, team, type]);
  const open = ranked.find((r) => r.key === selected);

  if (data.items.length === 0) {
    return (
      <Empty>
        No opportunity: the analysis found no friction and no deviation from the ideal journeys.
      </Empty>
    );
  }

  const columns: TColumn<TRankedOpportunity>[] = [
    {
      key: 'rank',
      label: '#',
      numeric: true,
      value: (r) => r.rank,
      render: (r) => (
        <>
          {r.rank}
          {r.rank === r.serverRank ? null : (
            <span className={`rank-move ${r.rank < r.serverRank ? 'up' : 'down'}`}>
              {r.rank < r.serverRank ? '▲' : '▼'}
              {Math.abs(r.serverRank - r.rank)}
            </span>
          )}
        </>
      ),
    },
    {
      key: 'opportunity',
      label: 'Opportunity',
      value: (r) => opportunityTitle(r.priced, names),
      render: (r) => (
        <>
          <span className="opportunity-title">{opportunityTitle(r.priced, names)}</span>
          <span className="sub">{opportunitySource(r.priced, names)}</span>
        </>
      ),
    },
    { key: 'teams', label: 'Owning teams', value: (r) => teamNames(r.priced, names) },
    {
      key: 'occurrences',
      label: 'A month',
      title: 'occurrences a month, measured',
      numeric: true,
      value: (r) => r.priced.occurrencesPerMonth,
      render: (r) => decimal(r.priced.occurrencesPerMonth, 1),
    },
    {
      key: 'costPerContact',
      label: 'Cost a contact',
      title: 'the cost to serve one contact on the touchpoint’s channel (assumption)',
      numeric: true,
      value: (r) => r.priced.assumptions.costPerOccurrence,
      render: (r) => (
        <Assumed edited={r.priced.channel !== null && changed.includes(`cost:${r.priced.channel}`)}>
          {r.priced.costsContact
            ? unitMoney(r.priced.assumptions.costPerOccurrence, currency)
            : '–'}
          <span className="sub">
            {r.priced.costsContact ? (r.priced.channel ?? '') : 'no contact'}
          </span>
        </Assumed>
      ),
    },
    {
      key: 'customers',
      label: 'Customers',
      title: 'distinct customers affected, measured',
      numeric: true,
      value: (r) => customersAffected(r.priced),
      render: (r) => count(customersAffected(r.priced)),
    },
    {
      key: 'churn',
      label: 'Churn risk',
      title: 'assumed, or measured from the NPS detractor gap × the churn risk of a detractor',
      numeric: true,
      value: (r) => r.priced.assumptions.churnRisk,
      render: (r) => (
        <Assumed
          edited={changed.includes(
            r.priced.assumptions.churnSource === 'measured' ? 'detractorChurnRisk' : 'churnRisk',
          )}
        >
          {percent(r.priced.assumptions.churnRisk)}
          <span className="sub">{r.priced.assumptions.churnSource}</span>
        </Assumed>
      ),
    },
    {
      key: 'costToServe',
      label: 'Cost to serve a year',
      numeric: true,
      value: (r) => r.priced.costToServePerYear,
      render: (r) => money(r.priced.costToServePerYear, currency),
    },
    {
      key: 'revenueAtRisk',
      label: 'Revenue at risk a year',
      title: 'customers affected × their segment’s value a year × churn risk',
      numeric: true,
      value: (r) => r.priced.revenueAtRiskPerYear,
      render: (r) => money(r.priced.revenueAtRiskPerYear, currency),
    },
    {
      key: 'total',
      label: 'Total a year',
      numeric: true,
      value: (r) => r.priced.totalPerYear,
      render: (r) => (
        <>
          <strong>{money(r.priced.totalPerYear, currency)}</strong>
          {r.priced.totalPerYear === r.server.totalPerYear ? null : (
            <span className="sub">was {money(r.server.totalPerYear, currency)}</span>
          )}
        </>
      ),
    },
  ];

  return (
    <>
      <p className="muted">
        {count(data.items.length)} frictions and deviations priced with the workspace&apos;s cost
        model, largest yearly total first. A friction and a deviation can describe the same steps,
        so the figures are not meant to be added up.
      </p>
      <AssumptionsForm
        base={base}
        texts={texts}
        errors={errors}
        changed={changed}
        currency={currency}
        names={names}
        onEdit={(key, text) => setTexts((t) => ({ ...t, [key]: text }))}
        onReset={() => setTexts({})}
      />
      <section className="panel" aria-labelledby="ranking-title">
        <h3 id="ranking-title">Business cases</h3>
        <div className="filters">
          <FilterSelect
            label="Team"
            all="All teams"
            value={team}
            options={choices.teams}
            onChange={setTeam}
            named
          />
          <FilterSelect
            label="Type"
            all="All types"
            value={type}
            options={choices.types}
            onChange={setType}
            named
          />
        </div>
        <DataTable
          caption="Business cases, ranked"
          csvName="opportunities"
          columns={columns}
          rows={rows}
          rowKey={(r) => r.key}
          onRowClick={(r) => setSelected(r.key)}
          empty="No opportunity for this team and type."
        />
      </section>
      {open === undefined ? null : (
        <BusinessCase
          row={open}
          names={names}
          currency={currency}
          changed={changed}
          onClose={() => setSelected(undefined)}
        />
      )}
    </>
  );
}

function Assumed({ edited, children }: { edited: boolean; children: ReactNode }) {
  return edited ? (
    <span className="assumed changed" title="priced with an assumption you changed">
      {children}
    </span>
  ) : (
    <span className="assumed">{children}</span>
  );
}
