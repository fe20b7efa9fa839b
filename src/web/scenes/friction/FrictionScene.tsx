/**
 * Friction: how often each friction happens over time — per day, week or month, broken down
 * by segment, team, channel or type (GET /api/friction/trend) — and the table of every type
 * at every touchpoint with its customers, occurrences, rate per month and trend
 * (GET /api/analysis/friction). Filters by type, team and touchpoint live in the address, so
 * a filtered view can be shared; clicking an entry narrows the chart to it.
 */
import { useMemo } from 'react';
import type { TSummary } from '../../analysis-types.js';
import { useQueryParams, type TParamChanges } from '../../router.js';
import { DataTable, numberColumn, type TColumn } from '../../ui/DataTable.js';
import { FilterSelect } from '../../ui/FilterSelect.js';
import { count, day, decimal, percent } from '../../ui/format.js';
import { Async, Empty } from '../../ui/states.js';
import { useApi } from '../../ui/use-api.js';
import { FRICTION_TYPES, frictionLabel, type TFrictionType } from '../../../model/gap-kinds.js';
import { useAllPages } from '../../ui/all-pages.js';
import { entryRows, sparkline, trendText, type TEntryRow } from './entry-rows.js';
import { Switch } from './Switch.js';
import { TrendChart } from './TrendChart.js';
import { periodLabel, periodRange, trendLines, type TTrendLine } from './trend-series.js';
import type {
  TFrictionEntry,
  TFrictionSection,
  TFrictionTrend,
  TGrain,
  TTrendBy,
} from './types.js';
import './friction.css';
import { CreateAction } from '../actions/CreateAction.js';

const GRAINS: readonly { value: TGrain; label: string }[] = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
];
const BYS: readonly { value: TTrendBy; label: string }[] = [
  { value: 'segment', label: 'Segment' },
  { value: 'team', label: 'Team' },
  { value: 'channel', label: 'Channel' },
  { value: 'type', label: 'Type' },
];
const PERIOD_WORD: Record<TGrain, [string, string]> = {
  day: ['day', 'days'],
  week: ['week', 'weeks'],
  month: ['month', 'months'],
};

const TYPE_OPTIONS = FRICTION_TYPES.map((t) => ({ value: t, label: frictionLabel(t) }));

type TFilter = { type?: string; team?: string; touchpoint?: string };

function filterQuery(f: TFilter): string {
  const q = new URLSearchParams();
  for (const k of ['type', 'team', 'touchpoint'] as const) {
    const v = f[k];
    if (v !== undefined) q.set(k, v);
  }
  return q.toString();
}

export function FrictionScene() {
  const [query, setParams] = useQueryParams();
  const grain = GRAINS.find((g) => g.value === query.get('granularity'))?.value ?? 'month';
  const by = BYS.find((b) => b.value === query.get('by'))?.value ?? 'segment';
  const filter: TFilter = {};
  for (const k of ['type', 'team', 'touchpoint'] as const) {
    const v = query.get(k);
    if (v !== null && v !== '') filter[k] = v;
  }
  const filters = filterQuery(filter);
  const summary = useApi<TSummary>('/api/analysis/summary');
  const section = useAllPages<TFrictionEntry, TFrictionSection>(
    `/api/analysis/friction${filters === '' ? '' : `?${filters}`}`,
  );
  const trend = useApi<TFrictionTrend>(
    `/api/friction/trend?granularity=${grain}&by=${by}${filters === '' ? '' : `&${filters}`}`,
  );
  return (
    <>
      <header className="scene-head">
        <h2>Friction</h2>
      </header>
      <Async load={summary} what="the workspace's names">
        {(s) => (
          <>
            <Filters summary={s} filter={filter} onChange={setParams} />
            <section className="panel" aria-labelledby="friction-trend-title">
              <div className="panel-head">
                <h3 id="friction-trend-title">Friction over time</h3>
                <Switch
                  legend="Period"
                  name="granularity"
                  options={GRAINS}
                  value={grain}
                  onChange={(v) => setParams({ granularity: v === 'month' ? undefined : v })}
                />
                <Switch
                  legend="By"
                  name="by"
                  options={BYS}
                  value={by}
                  onChange={(v) => setParams({ by: v === 'segment' ? undefined : v })}
                />
              </div>
              <Async load={trend} what="the friction trend">
                {(t) => <Trend trend={t} names={s.names} />}
              </Async>
            </section>
            <section className="panel" aria-labelledby="friction-entries-title">
              <h3 id="friction-entries-title">Friction by type and touchpoint</h3>
              {filter.type === undefined || filter.touchpoint === undefined ? null : (
                <CreateAction
                  key={`${filter.type}|${filter.touchpoint}`}
                  source={{
                    kind: 'friction',
                    type: filter.type as TFrictionType,
                    touchpoint: filter.touchpoint,
                  }}
                  touchpointName={s.names.touchpoints[filter.touchpoint] ?? filter.touchpoint}
                />
              )}
              <Async load={section} what="the friction entries">
                {(page) => (
                  <Entries
                    section={page}
                    names={s.names}
                    onPick={(row) => setParams({ type: row.type, touchpoint: row.touchpoint })}
                  />
                )}
              </Async>
            </section>
          </>
        )}
      </Async>
    </>
  );
}

function Filters({
  summary,
  filter,
  onChange,
}: {
  summary: TSummary;
  filter: TFilter;
  onChange: (updates: TParamChanges) => void;
}) {
  const byName = (names: Record<string, string>) =>
    Object.entries(names)
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label, 'en-US'));
  const any =
    filter.type !== undefined || filter.team !== undefined || filter.touchpoint !== undefined;
  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <FilterSelect
        label="Type"
        all="All types"
        value={filter.type}
        options={TYPE_OPTIONS}
        onChange={(type) => onChange({ type })}
      />
      <FilterSelect
        label="Team"
        all="All teams"
        value={filter.team}
        options={byName(summary.names.teams)}
        onChange={(team) => onChange({ team })}
      />
      <FilterSelect
        label="Touchpoint"
        all="All touchpoints"
        value={filter.touchpoint}
        options={byName(summary.names.touchpoints)}
        onChange={(touchpoint) => onChange({ touchpoint })}
      />
      {any ? (
        <button
          type="button"
          className="secondary small"
          onClick={() => onChange({ type: undefined, team: undefined, touchpoint: undefined })}
        >
          Clear filters
        </button>
      ) : null}
    </form>
  );
}

/** How a value of the breakdown reads. */
function valueLabel(by: TTrendBy, names: TSummary['names']) {
  return (value: string | null): string => {
    if (value === null) return by === 'segment' ? 'No segment' : 'None';
    if (by === 'segment') return names.segments[value] ?? value;
    if (by === 'team') return names.teams[value] ?? value;
    if (by === 'type') return frictionLabel(value);
    return value.charAt(0).toUpperCase() + value.slice(1);
  };
}

type TValueRow = {
  key: string;
  label: string;
  occurrences: number;
  customers: number;
  share: number;
};
type TPeriodRow = { period: string; total: number; counts: number[] };

function Trend({ trend, names }: { trend: TFrictionTrend; names: TSummary['names'] }) {
  const grain = trend.granularity;
  const label = valueLabel(trend.by, names);
  const { periods, lines } = useMemo(
    () => trendLines(trend, trend.granularity, valueLabel(trend.by, names)),
    [trend, names],
  );
  if (trend.total.occurrences === 0) {
    return <Empty>No friction occurrences match these filters.</Empty>;
  }
  const byWord = BYS.find((b) => b.value === trend.by)?.label.toLowerCase() ?? trend.by;
  const [one, many] = PERIOD_WORD[grain];
  const valueRows: TValueRow[] = trend.values.map((v) => ({
    key: v.value ?? '\u0000none',
    label: label(v.value),
    occurrences: v.occurrences,
    customers: v.customers,
    share: v.occurrences / trend.total.occurrences,
  }));
  const periodRows: TPeriodRow[] = periods.map((period, i) => ({
    period,
    total: lines.reduce((n, l) => n + (l.counts[i] ?? 0), 0),
    counts: lines.map((l) => l.counts[i] ?? 0),
  }));
  return (
    <>
      <p className="trend-total" role="group" aria-label="Trend total">
        <strong data-figure="occurrences">{count(trend.total.occurrences)}</strong> occurrences ·{' '}
        <strong data-figure="customers">{count(trend.total.customers)}</strong> customers ·{' '}
        <strong data-figure="periods">{count(periods.length)}</strong>{' '}
        {periods.length === 1 ? one : many} · {trend.timezone}
      </p>
      <TrendChart
        periods={periods}
        lines={lines}
        grain={grain}
        title={`Friction occurrences per ${one} by ${byWord}`}
        fileName={`friction-per-${one}-by-${trend.by}`}
      />
      <div className="trend-tables">
        <DataTable
          caption={`Friction by ${byWord}`}
          csvName={`friction-by-${trend.by}`}
          rows={valueRows}
          rowKey={(r) => r.key}
          columns={valueColumns(byWord)}
          pageSize={10}
        />
        <details>
          <summary>Occurrences per {one}, as a table</summary>
          <DataTable
            caption={`Friction occurrences per ${one} by ${byWord}`}
            csvName={`friction-per-${one}-by-${trend.by}`}
            rows={periodRows}
            rowKey={(r) => r.period}
            columns={periodColumns(grain, lines)}
            pageSize={31}
          />
        </details>
      </div>
    </>
  );
}

/** The occurrences column, the same in the breakdown's table and the entries' table. */
function occurrencesColumn<R extends { occurrences: number }>(): TColumn<R> {
  return numberColumn({
    key: 'occurrences',
    label: 'Occurrences',
    value: (r) => r.occurrences,
    format: count,
  });
}

/** The customers column, the same in the breakdown's table and the entries' table. */
function customersColumn<R extends { customers: number }>(): TColumn<R> {
  return numberColumn({
    key: 'customers',
    label: 'Customers',
    title: 'distinct customers with at least one occurrence',
    value: (r) => r.customers,
    format: count,
  });
}

function valueColumns(byWord: string): TColumn<TValueRow>[] {
  return [
    {
      key: 'label',
      label: byWord.charAt(0).toUpperCase() + byWord.slice(1),
      value: (r) => r.label,
    },
    occurrencesColumn(),
    customersColumn(),
    numberColumn({
      key: 'share',
      label: 'Share',
      title: 'share of the occurrences shown',
      value: (r) => r.share,
      format: percent,
    }),
  ];
}

function periodColumns(grain: TGrain, lines: readonly TTrendLine[]): TColumn<TPeriodRow>[] {
  return [
    {
      key: 'period',
      label: 'Period',
      value: (r) => r.period,
      render: (r) => periodLabel(r.period, grain),
    },
    numberColumn({ key: 'total', label: 'All', value: (r) => r.total, format: count }),
    ...lines.map((l, i) =>
      numberColumn<TPeriodRow>({
        key: `v${i}`,
        label: l.label,
        value: (r) => r.counts[i] ?? 0,
        format: count,
      }),
    ),
  ];
}

function Entries({
  section,
  names,
  onPick,
}: {
  section: TFrictionSection;
  names: TSummary['names'];
  onPick: (row: TEntryRow) => void;
}) {
  const span = useMemo(() => {
    const { from, to } = section.period;
    if (from === null || to === null) return [];
    return periodRange(`${from.slice(0, 7)}-01`, `${to.slice(0, 7)}-01`, 'month');
  }, [section.period]);
  const rows = useMemo(
    () => entryRows(section.items, section.period.months, names, span),
    [section.items, section.period.months, names, span],
  );
  return (
    <>
      <p className="muted">
        {count(section.total)} {section.total === 1 ? 'entry' : 'entries'} from{' '}
        {day(section.period.from)} to {day(section.period.to)} ({decimal(section.period.months, 1)}{' '}
        months). Choose an entry to see it over time.
      </p>
      <DataTable
        caption="Friction entries"
        csvName="friction-entries"
        rows={rows}
        rowKey={(r) => r.key}
        columns={entryColumns}
        initialSort={{ key: 'occurrences', descending: true }}
        onRowClick={onPick}
        empty="No friction matches these filters."
      />
    </>
  );
}

const entryColumns: TColumn<TEntryRow>[] = [
  { key: 'type', label: 'Type', value: (r) => r.typeLabel },
  { key: 'touchpoint', label: 'Touchpoint', value: (r) => r.touchpointName },
  { key: 'team', label: 'Team', value: (r) => r.teamName },
  customersColumn(),
  occurrencesColumn(),
  numberColumn({
    key: 'perMonth',
    label: 'Per month',
    title: 'occurrences per average month of the analysed period',
    value: (r) => r.perMonth,
    format: (v) => decimal(v, 1),
  }),
  {
    key: 'trend',
    label: 'Trend',
    title: 'least-squares slope of the monthly counts, relative to their mean',
    value: (r) => r.trend.relative,
    render: (r) => (
      <span className="trend-cell">
        <svg width="80" height="20" viewBox="-1 -1 82 22" aria-hidden="true">
          <path
            d={sparkline(r.months.map((m) => m.occurrences))}
            fill="none"
            stroke="#1d4ed8"
            strokeWidth="1.5"
          />
        </svg>
        <span
          className={`badge ${r.trend.direction === 'rising' ? 'bad' : r.trend.direction === 'falling' ? 'good' : ''}`}
        >
          {trendText(r.trend)}
        </span>
      </span>
    ),
  },
];
