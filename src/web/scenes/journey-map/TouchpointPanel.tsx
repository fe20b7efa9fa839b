/**
 * The panel of one touchpoint of the map: what it is and who owns it, its volume for the
 * segment and for everyone, how the journeys went through its step, satisfaction with n and
 * interval, its frictions per month and what customers wrote there. Escape or "Close" closes
 * it and gives the focus back to the map.
 */
import { useEffect, useRef } from 'react';
import type { TFeedbackMetric } from '../../../service/analyze-feedback.js';
import type { TMapFriction, TMapTouchpoint } from '../../../service/journey-map-types.js';
import { DataTable, type TColumn } from '../../ui/DataTable.js';
import { count, day, decimal, percent, percentInterval, signed } from '../../ui/format.js';
import type { TMap } from './journey-map-layout.js';

type TProps = { map: TMap; touchpoint: TMapTouchpoint; onClose: () => void };

export function TouchpointPanel({ map, touchpoint: tp, onClose }: TProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [tp.id]);
  useEffect(() => {
    const key = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, [onClose]);
  const steps = map.steps.filter((s) => s.touchpoint === tp.id);
  const total = map.conformance.journeys;
  const segment = map.segment.name;
  const deviations = map.deviations.filter((d) => d.touchpoint === tp.id);
  return (
    <aside className="jm-panel" role="dialog" aria-modal="false" aria-labelledby="jm-panel-title">
      <div className="jm-panel-head">
        <h3 id="jm-panel-title" ref={heading} tabIndex={-1}>
          {tp.name}
        </h3>
        <button type="button" className="secondary small" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted">
        {tp.stage} · {tp.channel} · {tp.layer}
        {tp.onJourney ? '' : ' · off the ideal journey'}
      </p>
      <p>
        <span className="badge">Owner: {tp.ownerName}</span>{' '}
        {tp.momentOfTruth ? <span className="badge warn">★ Moment of truth</span> : null}{' '}
        {tp.moments.map((m) => (
          <span key={m} className="badge warn">
            ★ {m}
          </span>
        ))}
      </p>
      {tp.description === null ? null : <p>{tp.description}</p>}

      <dl className="jm-metrics" aria-label="Metrics">
        <Metric label={`Steps (${segment})`} value={count(tp.volume.steps)} />
        <Metric label={`Customers (${segment})`} value={count(tp.volume.customers)} />
        <Metric label={`Journeys (${segment})`} value={count(tp.volume.journeys)} />
        <Metric label="Steps (everyone)" value={count(tp.volumeAll.steps)} />
        <Metric label="Customers (everyone)" value={count(tp.volumeAll.customers)} />
        <Metric label={`Friction a month (${segment})`} value={decimal(tp.frictionPerMonth, 1)} />
      </dl>

      {steps.map((s) => (
        <p key={s.index} className="jm-follow">
          Step {s.index + 1}
          {s.optional ? ' (optional)' : ''}: <strong>{percent(s.share)}</strong> of {count(total)}{' '}
          journeys follow it ({count(s.followed)}); {count(s.outOfOrder)} out of order,{' '}
          {count(s.missed)} without it. Emotion designed {signed(s.expected)}, measured{' '}
          {s.measured === null
            ? `— (${count(s.responses)} answers, fewer than ${count(map.minResponses)})`
            : `${signed(s.measured.value, 2)} (${decimal(s.measured.low, 2)} to ${decimal(s.measured.high, 2)}, n ${count(s.responses)})`}
          .
        </p>
      ))}
      {deviations.length === 0 ? null : (
        <ul className="jm-deviations">
          {deviations.map((d) => (
            <li key={d.kind}>
              {KIND[d.kind]}: {count(d.journeys)} journeys ({percent(d.share)}),{' '}
              {decimal(d.perMonth, 1)} a month
            </li>
          ))}
        </ul>
      )}

      <h4>Satisfaction (everyone)</h4>
      <DataTable
        caption={`Satisfaction at ${tp.name}`}
        csvName={`satisfaction-${tp.id}`}
        columns={SATISFACTION}
        rows={tp.satisfaction}
        rowKey={(r) => r.kind}
        empty="No survey answers at this touchpoint."
      />

      <h4>Friction</h4>
      <DataTable
        caption={`Friction at ${tp.name}`}
        csvName={`friction-${tp.id}`}
        columns={frictionColumns(segment)}
        rows={tp.frictions}
        rowKey={(r) => r.type}
        empty="No friction detected here."
      />

      <h4>
        What customers wrote{' '}
        <span className="muted">
          ({count(tp.verbatims.total)} verbatims, {count(tp.verbatims.ofSegment)} from {segment})
        </span>
      </h4>
      {tp.verbatims.examples.length === 0 ? (
        <p className="muted">No verbatims at this touchpoint.</p>
      ) : (
        <ul className="jm-verbatims" aria-label="Verbatims">
          {tp.verbatims.examples.map((v, i) => (
            <li key={i}>
              <blockquote>{v.text}</blockquote>
              <span className="muted">
                {v.kind.toUpperCase()} {v.score} · {day(v.answeredAt)} ·{' '}
                {v.segment === null ? 'no segment' : (map.segmentNames[v.segment] ?? v.segment)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

function Metric({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

const KIND: Record<TMap['deviations'][number]['kind'], string> = {
  skipped: 'Skipped',
  extra: 'Extra step',
  repeated: 'Repeated',
  outOfOrder: 'Out of order',
};

/** The headline figure of a kind as it reads: a share, NPS points or a mean. */
export function headline(m: TFeedbackMetric): string {
  if (m.score === null) return '—';
  if (m.measure === 'satisfied share') return percent(m.score.value);
  if (m.measure === 'nps') return signed(m.score.value, 1);
  return decimal(m.score.value, 2);
}

function interval(m: TFeedbackMetric): string {
  if (m.score === null) return '—';
  if (m.measure === 'satisfied share') return percentInterval(m.score.low, m.score.high);
  const digits = m.measure === 'nps' ? 1 : 2;
  return `${decimal(m.score.low, digits)} to ${decimal(m.score.high, digits)}`;
}

const SATISFACTION: TColumn<TFeedbackMetric>[] = [
  { key: 'kind', label: 'Kind', value: (m) => m.kind.toUpperCase() },
  { key: 'measure', label: 'Measure', value: (m) => m.measure },
  {
    key: 'score',
    label: 'Score',
    value: (m) => m.score?.value,
    render: (m) => (m.suppressed ? 'too few answers' : headline(m)),
    numeric: true,
  },
  {
    key: 'interval',
    label: '95% interval',
    value: (m) => (m.score === null ? null : `${m.score.low ?? ''}–${m.score.high ?? ''}`),
    render: interval,
  },
  { key: 'n', label: 'n', value: (m) => m.n, render: (m) => count(m.n), numeric: true },
];

function frictionColumns(segment: string): TColumn<TMapFriction>[] {
  return [
    { key: 'type', label: 'Type', value: (f) => f.type.replace(/_/g, ' ') },
    {
      key: 'segmentPerMonth',
      label: `${segment} a month`,
      value: (f) => f.segment.perMonth,
      render: (f) => decimal(f.segment.perMonth, 1),
      numeric: true,
    },
    {
      key: 'segmentCustomers',
      label: `${segment} customers`,
      value: (f) => f.segment.customers,
      render: (f) => count(f.segment.customers),
      numeric: true,
    },
    {
      key: 'perMonth',
      label: 'Everyone a month',
      value: (f) => f.perMonth,
      render: (f) => decimal(f.perMonth, 1),
      numeric: true,
    },
    { key: 'trend', label: 'Trend (everyone)', value: (f) => f.trend },
  ];
}
