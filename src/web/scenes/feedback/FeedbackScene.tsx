/**
 * Feedback: the voice of the customer lined up with the journey (docs/analysis.md "Voice of
 * the customer"). Satisfaction per touchpoint, stage, segment, team, channel and month with n
 * and the 95% interval drawn; which frictions drive the scores (importance against
 * performance); the largest gaps between customers exposed to something and the others; the
 * themes of the verbatims with example quotes; and a search over every verbatim. Every
 * choice is in the address.
 */
import { useMemo } from 'react';
import type { TQuadrant } from '../../../analysis/driver-quadrant.js';
import type { TSummary } from '../../analysis-types.js';
import { useQueryParams, type TParamChanges } from '../../router.js';
import { DataTable, type TColumn } from '../../ui/DataTable.js';
import { count, decimal, percent, signed } from '../../ui/format.js';
import { Async, Empty } from '../../ui/states.js';
import { useApi } from '../../ui/use-api.js';
import { useAllPages } from '../../ui/all-pages.js';
import { frictionLabel } from '../../../model/gap-kinds.js';
import { Switch } from '../friction/Switch.js';
import {
  byKind,
  dimensionValue,
  gapInterval,
  gapSubject,
  gapValue,
  kindLabel,
  measureInterval,
  measureName,
  measureValue,
} from './feedback-format.js';
import { IntervalChart } from './IntervalChart.js';
import { intervalDomain, intervalLayout, intervalTicks } from './interval-rows.js';
import { QuadrantChart } from './QuadrantChart.js';
import { quadrantLayout } from './quadrant.js';
import type {
  TDimension,
  TFeedbackGap,
  TFeedbackMetric,
  TFeedbackSection,
  TKindSummary,
  TTheme,
} from './types.js';
import { Quote, VerbatimSearch } from './VerbatimSearch.js';
import './feedback.css';

type TNames = TSummary['names'];

const DIMENSIONS: readonly { value: TDimension; label: string }[] = [
  { value: 'touchpoint', label: 'Touchpoint' },
  { value: 'stage', label: 'Stage' },
  { value: 'segment', label: 'Segment' },
  { value: 'team', label: 'Team' },
  { value: 'channel', label: 'Channel' },
  { value: 'month', label: 'Month' },
];

export function FeedbackScene() {
  const section = useAllPages<TFeedbackGap, TFeedbackSection>('/api/analysis/feedback');
  const summary = useApi<TSummary>('/api/analysis/summary');
  return (
    <>
      <header className="scene-head">
        <h2>Feedback</h2>
      </header>
      <Async load={summary} what="the workspace's names">
        {(s) => (
          <Async load={section} what="the voice of the customer">
            {(f) =>
              f.responses === 0 ? (
                <Empty>
                  No survey responses yet: import feedback (CSAT, NPS, CES) to see what customers
                  say.
                </Empty>
              ) : (
                <Feedback feedback={f} names={s.names} />
              )
            }
          </Async>
        )}
      </Async>
    </>
  );
}

function Feedback({ feedback: f, names }: { feedback: TFeedbackSection; names: TNames }) {
  const [query, setParams] = useQueryParams();
  const get = (k: string): string | undefined => query.get(k) ?? undefined;
  return (
    <>
      <p className="muted">
        {count(f.responses)} survey responses; figures below {count(f.minResponses)} answers are
        suppressed. Intervals are 95%.
      </p>
      <section className="cards" aria-label="Overall satisfaction">
        {byKind(f.kinds).map((k) => (
          <KindCard key={k.kind} kind={k} />
        ))}
      </section>
      <Metrics
        feedback={f}
        names={names}
        by={DIMENSIONS.find((d) => d.value === get('by'))?.value ?? 'touchpoint'}
        kind={get('kind')}
        onChange={setParams}
      />
      <Drivers feedback={f} kind={get('driversKind')} onChange={setParams} />
      <Gaps feedback={f} names={names} />
      <section className="panel" aria-labelledby="themes-title">
        <h3 id="themes-title">
          Themes of the verbatims{' '}
          <span className="muted">
            ({count(f.verbatims.read)} of {count(f.verbatims.verbatims)} read)
          </span>
        </h3>
        <Themes
          themes={f.verbatims.themes}
          names={names}
          onPick={(t) => {
            setParams({ q: undefined, theme: t.label });
            document.getElementById('verbatims-title')?.scrollIntoView({ block: 'start' });
          }}
        />
      </section>
      <section className="panel" aria-labelledby="verbatims-title">
        <h3 id="verbatims-title">Verbatims</h3>
        <VerbatimSearch
          query={{
            q: get('q'),
            theme: get('theme'),
            touchpoint: get('touchpoint'),
            sentiment: get('sentiment'),
          }}
          themes={f.verbatims.themes}
          names={names}
          onChange={(next) =>
            setParams({
              q: next.q,
              theme: next.theme,
              touchpoint: next.touchpoint,
              sentiment: next.sentiment,
            })
          }
        />
      </section>
    </>
  );
}

function KindCard({ kind: k }: { kind: TKindSummary }) {
  const label = kindLabel(k.kind);
  return (
    <div className="card" role="group" aria-label={label}>
      <span className="figure-label">
        {label} · {measureName(k.measure)}
      </span>
      <span className="figure-value">
        {k.suppressed ? 'suppressed' : measureValue(k.measure, k.score?.value)}
      </span>
      <span className="figure-note">
        {k.suppressed ? '' : `${measureInterval(k.measure, k.score?.low, k.score?.high)} · `}n{' '}
        {count(k.n)}
      </span>
    </div>
  );
}

type TMetricRow = TFeedbackMetric & { key: string; label: string };

function Metrics({
  feedback: f,
  names,
  by,
  kind: asked,
  onChange,
}: {
  feedback: TFeedbackSection;
  names: TNames;
  by: TDimension;
  kind: string | undefined;
  onChange: (updates: TParamChanges) => void;
}) {
  const kinds = byKind(f.kinds).map((k) => k.kind);
  const kind = asked !== undefined && kinds.includes(asked) ? asked : (kinds[0] ?? '');
  const overall = f.kinds.find((k) => k.kind === kind);
  const rows: TMetricRow[] = f.metrics[by]
    .filter((m) => m.kind === kind)
    .map((m) => ({
      ...m,
      key: `${m.value ?? ''}|${m.kind}`,
      label: dimensionValue(by, m.value, names),
    }));
  if (by !== 'month') {
    // The largest figures first; suppressed rows last, by n.
    rows.sort(
      (a, b) =>
        Number(a.suppressed) - Number(b.suppressed) ||
        (b.score?.value ?? 0) - (a.score?.value ?? 0) ||
        b.n - a.n,
    );
  }
  const measure = overall?.measure ?? 'mean';
  const scale = overall?.scale ?? null;
  const domain = intervalDomain(measure, scale, rows);
  const layout = intervalLayout(
    rows,
    domain,
    intervalTicks(measure, domain),
    overall?.score?.value ?? null,
  );
  const dimension = DIMENSIONS.find((d) => d.value === by)?.label ?? by;
  return (
    <section className="panel" aria-labelledby="metrics-title">
      <div className="panel-head">
        <h3 id="metrics-title">Satisfaction by {dimension.toLowerCase()}</h3>
        <Switch
          legend="By"
          name="metrics-by"
          options={DIMENSIONS}
          value={by}
          onChange={(v) => onChange({ by: v === 'touchpoint' ? undefined : v })}
        />
        <Switch
          legend="Survey"
          name="metrics-kind"
          options={kinds.map((k) => ({ value: k, label: kindLabel(k) }))}
          value={kind}
          onChange={(v) => onChange({ kind: v })}
        />
      </div>
      {rows.length === 0 ? (
        <Empty>
          No {kindLabel(kind)} answers by {dimension.toLowerCase()}.
        </Empty>
      ) : (
        <>
          <IntervalChart
            layout={layout}
            measure={measure}
            minResponses={f.minResponses}
            title={`${kindLabel(kind)} ${measureName(measure)} by ${dimension.toLowerCase()}, with 95% intervals; the dashed line is the overall figure`}
            fileName={`${kind}-by-${by}`}
          />
          <DataTable
            caption={`${kindLabel(kind)} by ${dimension.toLowerCase()}`}
            csvName={`${kind}-by-${by}`}
            rows={rows}
            rowKey={(r) => r.key}
            columns={metricColumns(dimension, f.minResponses)}
            pageSize={15}
          />
        </>
      )}
    </section>
  );
}

function metricColumns(dimension: string, min: number): TColumn<TMetricRow>[] {
  return [
    { key: 'label', label: dimension, value: (r) => r.label },
    {
      key: 'score',
      label: 'Score',
      numeric: true,
      value: (r) => r.score?.value,
      render: (r) =>
        r.suppressed ? (
          <span className="muted" title={`fewer than ${min} answers`}>
            suppressed
          </span>
        ) : (
          measureValue(r.measure, r.score?.value)
        ),
    },
    {
      key: 'low',
      label: 'Low',
      numeric: true,
      title: 'the low end of the 95% interval',
      value: (r) => r.score?.low,
      render: (r) => measureValue(r.measure, r.score?.low),
    },
    {
      key: 'high',
      label: 'High',
      numeric: true,
      title: 'the high end of the 95% interval',
      value: (r) => r.score?.high,
      render: (r) => measureValue(r.measure, r.score?.high),
    },
    { key: 'n', label: 'n', numeric: true, value: (r) => r.n, render: (r) => count(r.n) },
    {
      key: 'customers',
      label: 'Customers',
      numeric: true,
      value: (r) => r.customers,
      render: (r) => count(r.customers),
    },
  ];
}

type TDriverRow = {
  feature: string;
  label: string;
  rawWeight: number;
  rescaledWeight: number;
  performance: number;
  quadrant: TQuadrant;
};

function Drivers({
  feedback: f,
  kind: asked,
  onChange,
}: {
  feedback: TFeedbackSection;
  kind: string | undefined;
  onChange: (updates: TParamChanges) => void;
}) {
  const weighed = byKind(f.drivers.filter((d) => d.result !== null));
  const chosen = weighed.find((d) => d.kind === asked) ?? weighed[0];
  const result = chosen?.result ?? null;
  const rows: TDriverRow[] = useMemo(
    () =>
      (result?.drivers ?? []).map((d) => ({
        feature: d.feature,
        label: frictionLabel(d.feature),
        rawWeight: d.rawWeight,
        rescaledWeight: d.rescaledWeight,
        performance: d.performance.scaled,
        quadrant: d.quadrant,
      })),
    [result],
  );
  const medians = {
    importance: result?.importanceMedian ?? 0,
    performance: result?.performanceMedian ?? 0,
  };
  return (
    <section className="panel" aria-labelledby="drivers-title">
      <div className="panel-head">
        <h3 id="drivers-title">Key drivers among the frictions</h3>
        {weighed.length > 1 && chosen !== undefined ? (
          <Switch
            legend="Survey"
            name="drivers-kind"
            options={weighed.map((d) => ({ value: d.kind, label: kindLabel(d.kind) }))}
            value={chosen.kind}
            onChange={(v) => onChange({ driversKind: v })}
          />
        ) : null}
      </div>
      {chosen === undefined || result === null ? (
        <Empty>
          Too few answers to weigh the frictions:{' '}
          {f.drivers.map((d) => `${kindLabel(d.kind)}: ${d.reason ?? ''}`).join('; ') ||
            'no survey kind has enough answers'}
          .
        </Empty>
      ) : (
        <div className="drivers">
          <div>
            <p className="muted">
              {kindLabel(chosen.kind)}: the frictions explain R² = {decimal(result.r2, 2)} of the
              variation in {count(result.rows)} answers (Johnson's relative weights).
            </p>
            <QuadrantChart
              layout={quadrantLayout(
                rows.map((r) => ({
                  feature: r.feature,
                  label: r.label,
                  importance: r.rescaledWeight,
                  performance: r.performance,
                  quadrant: r.quadrant,
                })),
                medians,
              )}
              medians={medians}
              title={`Key drivers of ${kindLabel(chosen.kind)}: importance against performance`}
              fileName={`${chosen.kind}-drivers`}
            />
          </div>
          <DataTable
            caption={`Key drivers of ${kindLabel(chosen.kind)}`}
            csvName={`${chosen.kind}-drivers`}
            rows={rows}
            rowKey={(r) => r.feature}
            columns={driverColumns}
          />
        </div>
      )}
      {f.drivers
        .filter((d) => d.result === null)
        .map((d) => (
          <p key={d.kind} className="muted">
            {kindLabel(d.kind)}: {d.reason}.
          </p>
        ))}
    </section>
  );
}

const driverColumns: TColumn<TDriverRow>[] = [
  { key: 'label', label: 'Friction', value: (r) => r.label },
  {
    key: 'rescaledWeight',
    label: 'Importance',
    numeric: true,
    title: 'share of what the model explains (rescaled relative weight)',
    value: (r) => r.rescaledWeight,
    render: (r) => percent(r.rescaledWeight),
  },
  {
    key: 'rawWeight',
    label: 'Raw weight',
    numeric: true,
    title: 'share of R²',
    value: (r) => r.rawWeight,
    render: (r) => decimal(r.rawWeight, 3),
  },
  {
    key: 'performance',
    label: 'Free of it',
    numeric: true,
    title: 'share of answers not exposed to the friction',
    value: (r) => r.performance,
    render: (r) => percent(r.performance),
  },
  { key: 'quadrant', label: 'Quadrant', value: (r) => r.quadrant },
];

type TGapRow = TFeedbackGap & { subject: string };

function Gaps({ feedback: f, names }: { feedback: TFeedbackSection; names: TNames }) {
  const rows: TGapRow[] = useMemo(
    () => f.items.map((g) => ({ ...g, subject: gapSubject(g, names) })),
    [f.items, names],
  );
  return (
    <section className="panel" aria-labelledby="gaps-title">
      <h3 id="gaps-title">
        Satisfaction gaps <span className="muted">exposed customers against the others</span>
      </h3>
      <DataTable
        caption="Satisfaction gaps"
        csvName="satisfaction-gaps"
        rows={rows}
        rowKey={(r) => `${r.key}|${r.kind}`}
        columns={gapColumns}
        pageSize={10}
        empty="No gap with enough answers on both sides."
      />
    </section>
  );
}

const gapColumns: TColumn<TGapRow>[] = [
  { key: 'subject', label: 'Exposed to', value: (r) => r.subject },
  { key: 'kind', label: 'Survey', value: (r) => kindLabel(r.kind) },
  {
    key: 'exposed',
    label: 'Exposed',
    numeric: true,
    value: (r) => r.exposed.score,
    render: (r) => measureValue(r.measure, r.exposed.score),
  },
  {
    key: 'notExposed',
    label: 'Others',
    numeric: true,
    value: (r) => r.notExposed.score,
    render: (r) => measureValue(r.measure, r.notExposed.score),
  },
  {
    key: 'gap',
    label: 'Difference',
    numeric: true,
    title: 'exposed − others in the headline measure, with its 95% interval',
    value: (r) => r.gap?.value,
    render: (r) => (
      <span className={r.significant ? 'gap significant' : 'gap'}>
        <strong>{gapValue(r.measure, r.gap?.value)}</strong>
        <span className="muted"> ({gapInterval(r.measure, r.gap?.low, r.gap?.high)})</span>
      </span>
    ),
  },
  {
    key: 'n',
    label: 'n exposed / others',
    numeric: true,
    value: (r) => r.exposed.n,
    render: (r) => `${count(r.exposed.n)} / ${count(r.notExposed.n)}`,
  },
  {
    key: 'customers',
    label: 'Customers exposed',
    numeric: true,
    value: (r) => r.exposed.customers,
    render: (r) => count(r.exposed.customers),
  },
  {
    key: 'impact',
    label: 'Impact',
    numeric: true,
    title: 'mean gap as a share of the scale × customers exposed; negative hurts',
    value: (r) => r.impact,
    render: (r) => signed(r.impact, 1),
  },
  {
    key: 'significant',
    label: 'Significant',
    value: (r) => (r.significant ? 'yes' : 'no'),
  },
];

function Themes({
  themes,
  names,
  onPick,
}: {
  themes: readonly TTheme[];
  names: TNames;
  onPick: (theme: TTheme) => void;
}) {
  if (themes.length === 0) return <Empty>Too few verbatims share a phrase to make themes.</Empty>;
  const columns: TColumn<TTheme>[] = [
    { key: 'label', label: 'Theme', value: (t) => t.label },
    {
      key: 'verbatims',
      label: 'Verbatims',
      numeric: true,
      value: (t) => t.verbatims,
      render: (t) => count(t.verbatims),
    },
    {
      key: 'share',
      label: 'Share',
      numeric: true,
      value: (t) => t.share,
      render: (t) => percent(t.share),
    },
    {
      key: 'sentiment',
      label: 'Sentiment',
      numeric: true,
      title: 'mean sentiment, −1 (negative) to +1 (positive)',
      value: (t) => t.meanSentiment,
      render: (t) => signed(t.meanSentiment, 2),
    },
    {
      key: 'touchpoints',
      label: 'Touchpoints',
      value: (t) =>
        t.touchpoints
          .slice(0, 3)
          .map((x) => `${names.touchpoints[x.name] ?? x.name} (${x.verbatims})`)
          .join(', '),
    },
    {
      key: 'quote',
      label: 'Example quote',
      value: (t) => t.quotes[0]?.text,
      render: (t) => {
        const quote = t.quotes[0];
        return quote === undefined ? (
          '–'
        ) : (
          <q className="verbatim">
            <Quote text={quote.text} highlights={quote.highlights} />
          </q>
        );
      },
    },
  ];
  return (
    <>
      <p className="muted">Choose a theme to read its verbatims.</p>
      <DataTable
        caption="Themes of the verbatims"
        csvName="verbatim-themes"
        rows={themes}
        rowKey={(t) => t.label}
        columns={columns}
        pageSize={10}
        onRowClick={onPick}
      />
    </>
  );
}
