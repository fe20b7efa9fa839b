/**
 * The overview: the headline figures of the analysis on one screen, the stage funnel, and the
 * five largest opportunities, each a door into the screen that explains it.
 */
import type { TSummary } from '../../analysis-types.js';
import { Link } from '../../router.js';
import { count, day, decimal, money, percent } from '../../ui/format.js';
import { Async } from '../../ui/states.js';
import { useApi } from '../../ui/use-api.js';

export function OverviewScene() {
  const load = useApi<TSummary>('/api/analysis/summary');
  return (
    <>
      <header className="scene-head">
        <h2>Overview</h2>
        <nav className="tools" aria-label="The report">
          <a className="button-link" href="/api/report" target="_blank" rel="noopener">
            Report
          </a>
          <a className="button-link" href="/api/report?format=pdf&download=1" download>
            Report as PDF
          </a>
          <a className="button-link" href="/api/report?format=md&download=1" download>
            Markdown
          </a>
        </nav>
      </header>
      <Async load={load} what="the analysis">
        {(s) => <Overview summary={s} />}
      </Async>
    </>
  );
}

function Overview({ summary: s }: { summary: TSummary }) {
  const name = (id: string | null): string =>
    id === null ? 'several touchpoints' : (s.names.touchpoints[id] ?? id);
  const widest = Math.max(1, ...s.stages.map((x) => x.customers));
  return (
    <>
      <p className="muted">
        {s.workspace}: journeys from {day(s.period.from)} to {day(s.period.to)} (model version{' '}
        {s.modelVersion}, computed {new Date(s.computedAt).toLocaleTimeString('en-US')})
      </p>
      <section className="cards" aria-label="Headline figures">
        <Figure label="Customers" value={count(s.journeys.customers)} />
        <Figure label="Journeys" value={count(s.journeys.journeys)} />
        <Figure
          label="Events"
          value={count(s.journeys.events)}
          note={`${percent(s.journeys.mappedShare)} mapped to touchpoints`}
        />
        <Figure
          label="Fitness to the ideal"
          value={decimal(s.conformance.meanFitness, 2)}
          note={`${percent(s.conformance.perfectShare)} of journeys follow an ideal journey exactly`}
          to="/process-map"
        />
        <Figure
          label="Friction occurrences"
          value={count(s.friction.occurrences)}
          note={`${count(s.friction.entries)} types × touchpoints`}
          to="/friction"
        />
        <Figure
          label="Survey responses"
          value={count(s.feedback.responses)}
          note={`${count(s.feedback.gaps)} satisfaction gaps`}
          to="/feedback"
        />
      </section>

      <section className="panel" aria-labelledby="funnel-title">
        <h3 id="funnel-title">Customers reaching each stage</h3>
        <table className="funnel">
          <thead>
            <tr>
              <th>Stage</th>
              <th className="num">Customers</th>
              <th className="num" title="share of the stage's customers who reach a later stage">
                Conversion
              </th>
              <th aria-hidden="true" />
            </tr>
          </thead>
          <tbody>
            {s.stages.map((x) => (
              <tr key={x.stage}>
                <td>
                  <Link to={`/stages?stage=${encodeURIComponent(x.stage)}`}>{x.stage}</Link>
                </td>
                <td className="num">{count(x.customers)}</td>
                <td className="num">{percent(x.conversion)}</td>
                <td className="bar-cell" aria-hidden="true">
                  <span className="bar" style={{ width: `${(100 * x.customers) / widest}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel" aria-labelledby="top-title">
        <h3 id="top-title">
          Largest opportunities <span className="muted">of {count(s.opportunities.count)}</span>
        </h3>
        <ol className="top-opportunities">
          {s.opportunities.top.map((o, i) => (
            <li key={i}>
              <Link to="/opportunities">
                {o.type.replace(/_/g, ' ')} at {name(o.touchpoint)}
              </Link>{' '}
              <span className="muted">
                ({o.teams.map((t) => s.names.teams[t] ?? t).join(', ')})
              </span>
              <strong className="amount">
                {money(o.totalPerYear, s.opportunities.currency)} a year
              </strong>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function Figure({
  label,
  value,
  note,
  to,
}: {
  label: string;
  value: string;
  note?: string;
  to?: string;
}) {
  const body = (
    <>
      <span className="figure-label">{label}</span>
      <span className="figure-value">{value}</span>
      {note === undefined ? null : <span className="figure-note">{note}</span>}
    </>
  );
  return (
    <div className="card" role="group" aria-label={label}>
      {to === undefined ? body : <Link to={to}>{body}</Link>}
    </div>
  );
}
