/**
 * The exposure of a change, filled in from data: customers passing the selected touchpoints
 * per month by segment and service tier, the moments of truth and ideal journeys touched, the
 * satisfaction there and the suggested survey.
 */
import type { TExposure } from '../../../service/assessments/assessment-types.js';
import { count, percent } from '../../ui/format.js';
import { Empty } from '../../ui/states.js';
import { perMonthFigure, perMonthText, satisfactionText } from './assessment-view.js';

type TNames = { segments: Record<string, string>; touchpoints: Record<string, string> };

export function ExposurePanel({ exposure: e, names }: { exposure: TExposure; names: TNames }) {
  const segment = (id: string | null) => (id === null ? 'No segment' : (names.segments[id] ?? id));
  const tp = (id: string) => names.touchpoints[id] ?? id;
  return (
    <section className="panel exposure" aria-label="Exposure">
      <h3>Exposure</h3>
      <p className="headline">
        <strong data-figure="per-month">{perMonthFigure(e.total.perMonth)}</strong> customers a
        month pass the selected touchpoints on average ({count(e.total.customers)} customers,{' '}
        {count(e.total.passes)} passes over {count(e.period.months)} months
        {e.period.firstMonth === null ? '' : `, ${e.period.firstMonth} to ${e.period.lastMonth}`}).
      </p>
      {e.unknownTouchpoints.length === 0 ? null : (
        <p className="error">Not touchpoints of the workspace: {e.unknownTouchpoints.join(', ')}</p>
      )}
      {e.total.customers === 0 ? (
        <Empty>No customer passed these touchpoints in the data yet.</Empty>
      ) : (
        <table aria-label="Customers by segment">
          <thead>
            <tr>
              <th scope="col">Segment</th>
              <th scope="col">Service tier</th>
              <th scope="col" className="num">
                Customers a month
              </th>
              <th scope="col" className="num">
                Customers in the period
              </th>
            </tr>
          </thead>
          <tbody>
            {e.bySegment.map((s) => (
              <tr key={s.segment ?? '(none)'}>
                <th scope="row">{segment(s.segment)}</th>
                <td>{s.tier ?? '–'}</td>
                <td className="num">{perMonthFigure(s.perMonth)}</td>
                <td className="num">{count(s.customers)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {e.byTier.length === 0 ? null : (
        <p className="muted">
          By tier:{' '}
          {e.byTier.map((t) => `${t.tier ?? 'no tier'} ${perMonthText(t.perMonth)}`).join(' · ')}
        </p>
      )}
      <h4>Moments of truth touched</h4>
      {e.momentsOfTruth.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul aria-label="Moments of truth touched">
          {e.momentsOfTruth.map((m) => (
            <li key={m.moment}>
              <strong>{m.name}</strong>{' '}
              <span className={`badge ${m.declared ? '' : 'warn'}`}>
                {m.declared ? 'declared' : 'proposed by the data'}
              </span>{' '}
              <span className="muted">
                via {m.via.map(tp).join(', ')}
                {m.customers === null ? '' : ` · ${count(m.customers)} customers`}
                {m.successRate === null ? '' : ` · ${percent(m.successRate)} successful`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h4>Ideal journeys touched</h4>
      {e.idealJourneys.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul aria-label="Ideal journeys touched">
          {e.idealJourneys.map((j) => (
            <li key={j.id}>
              <strong>{j.name}</strong> ({segment(j.segment)}): step{' '}
              {j.steps
                .map((s) => `${s.position} ${tp(s.touchpoint)}${s.optional ? ' (optional)' : ''}`)
                .join(', ')}
            </li>
          ))}
        </ul>
      )}
      <h4>Satisfaction there today</h4>
      <ul aria-label="Satisfaction there today">
        {e.satisfaction.map((s) => (
          <li key={s.touchpoint}>
            <strong>{tp(s.touchpoint)}</strong>:{' '}
            {s.metrics.length === 0
              ? 'no answers yet'
              : s.metrics.map((m) => satisfactionText(m)).join('; ')}
          </li>
        ))}
      </ul>
      <p className="muted">Figures below {e.minResponses} answers are not shown.</p>
      <SurveySuggestion exposure={e} tp={tp} />
    </section>
  );
}

function SurveySuggestion({
  exposure: e,
  tp,
}: {
  exposure: TExposure;
  tp: (id: string) => string;
}) {
  return (
    <section aria-label="Suggested survey" className="survey">
      <h4>Suggested survey</h4>
      {e.survey.map((s) => (
        <article key={s.touchpoint} aria-label={`Survey at ${tp(s.touchpoint)}`}>
          <h5>
            {tp(s.touchpoint)}: {s.kind.toUpperCase()} ({s.scale.min}–{s.scale.max}, {s.scale.label}
            )
          </h5>
          <ol>
            <li>{s.question}</li>
            {s.followUps.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ol>
          <dl>
            <dt>Whom</dt>
            <dd>{s.whom}</dd>
            <dt>When</dt>
            <dd>{s.when}</dd>
            <dt>Baseline</dt>
            <dd>
              {s.baseline === null
                ? 'no answers of this kind yet'
                : `${count(s.baseline.n)} answers${s.baseline.suppressed ? ' (too few for a figure)' : ''}`}
            </dd>
            <dt>Why</dt>
            <dd>{s.reasons.join('; ')}</dd>
          </dl>
        </article>
      ))}
      {e.surveySkipped.map((s) => (
        <p key={s.touchpoint} className="muted">
          {tp(s.touchpoint)}: {s.reason}
        </p>
      ))}
    </section>
  );
}
