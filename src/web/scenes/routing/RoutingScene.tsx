/**
 * Routing: contact volumes by reason, channel and stage and self-service containment for a
 * chosen period (from the contact events or from the routing decisions), the contact reason
 * taxonomy, and a form to try a routing decision against the live router.
 */
import { useMemo, useState } from 'react';
import type { TMe } from '../../api.js';
import { useQueryParam } from '../../router.js';
import { count, day, percent, percentInterval } from '../../ui/format.js';
import { Async, Empty, ErrorState } from '../../ui/states.js';
import { useApi } from '../../ui/use-api.js';
import type { TContactReason, TContainment, TVolumes } from './routing-types.js';
import { filterTaxonomy, periodProblem, periodQuery } from './routing-view.js';
import { TryRouting } from './TryRouting.js';
import { VolumeTable } from './VolumeTable.js';
import './routing.css';

type TWorkspaceAnswer = { workspace: { channels?: string[] } | null };

export function RoutingScene({ me }: { me: TMe }) {
  const [from, setFrom] = useQueryParam('from');
  const [to, setTo] = useQueryParam('to');
  const [source = 'events', setSource] = useQueryParam('source');
  const problem = periodProblem(from, to);
  const period = periodQuery(from, to).toString();
  const reasons = useApi<{ reasons: TContactReason[] }>('/api/contact-reasons');
  const workspace = useApi<TWorkspaceAnswer>('/api/workspace');
  const canRoute = me.role === 'admin' || me.role === 'cx';
  const [picked, setPicked] = useState<{ primary: string; secondary: string; at: number }>();
  const channels = workspace.state === 'ready' ? (workspace.data.workspace?.channels ?? []) : [];

  return (
    <>
      <header className="scene-head">
        <h2>Routing</h2>
        <form className="tools period" aria-label="Period" onSubmit={(e) => e.preventDefault()}>
          <label>
            From
            <input type="date" value={from ?? ''} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            To
            <input type="date" value={to ?? ''} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button
            type="button"
            className="secondary small"
            disabled={from === undefined && to === undefined}
            onClick={() => {
              setFrom(undefined);
              setTo(undefined);
            }}
          >
            All time
          </button>
          <label>
            Counted from
            <select
              aria-label="Counted from"
              value={source}
              onChange={(e) => setSource(e.target.value === 'events' ? undefined : e.target.value)}
            >
              <option value="events">contact events</option>
              <option value="decisions">routing decisions</option>
            </select>
          </label>
        </form>
      </header>
      {problem !== null ? (
        <ErrorState error={{ message: problem }} />
      ) : (
        <>
          <Volumes source={source === 'decisions' ? 'decisions' : 'events'} period={period} />
          <Containment period={period} />
        </>
      )}
      <div className="routing-tools">
        <Async load={reasons} what="the contact reasons">
          {(r) => (
            <>
              <Taxonomy
                reasons={r.reasons}
                onTry={(primary, secondary) => setPicked({ primary, secondary, at: Date.now() })}
              />
              {workspace.state === 'loading' ? null : (
                <TryRouting
                  reasons={r.reasons}
                  channels={channels}
                  picked={picked}
                  canRoute={canRoute}
                />
              )}
            </>
          )}
        </Async>
      </div>
    </>
  );
}

function Volumes({ source, period }: { source: 'events' | 'decisions'; period: string }) {
  const path = (by: string) =>
    `/api/reports/contacts?by=${by}&source=${source}${period === '' ? '' : `&${period}`}`;
  const byReason = useApi<TVolumes>(path('reason'));
  const byChannel = useApi<TVolumes>(path('channel'));
  const byStage = useApi<TVolumes>(path('stage'));
  return (
    <section className="panel" aria-labelledby="volumes-title">
      <h3 id="volumes-title">
        Contact volumes{' '}
        <span className="muted">
          {source === 'events' ? 'from the contact events' : 'from the routing decisions'}
          {byReason.state === 'ready' ? `: ${count(byReason.data.contacts)} contacts` : ''}
        </span>
      </h3>
      <div className="volumes">
        <Async load={byReason} what="the volumes by reason">
          {(v) => (
            <VolumeTable by="reason" title="By reason" rows={v.rows} csvName="contacts-by-reason" />
          )}
        </Async>
        <div className="volumes-side">
          <Async load={byChannel} what="the volumes by channel">
            {(v) => (
              <VolumeTable
                by="channel"
                title="By channel"
                rows={v.rows}
                csvName="contacts-by-channel"
              />
            )}
          </Async>
          <Async load={byStage} what="the volumes by stage">
            {(v) => (
              <VolumeTable by="stage" title="By stage" rows={v.rows} csvName="contacts-by-stage" />
            )}
          </Async>
        </div>
      </div>
    </section>
  );
}

function Containment({ period }: { period: string }) {
  const load = useApi<TContainment>(`/api/reports/containment${period === '' ? '' : `?${period}`}`);
  return (
    <section className="panel" aria-labelledby="containment-title">
      <h3 id="containment-title">Self-service containment</h3>
      <Async load={load} what="the containment">
        {(c) => (
          <>
            <p className="muted note">
              Of the self-service answers to a known customer, the share not followed by an assisted
              contact on the same primary reason within {count(c.days)} days (assisted: not on{' '}
              {c.selfServiceChannels.join(' or ')}). Decisions after {day(c.judgedUntil)} are too
              recent to judge.
            </p>
            {c.judged === 0 ? (
              <Empty>
                No self-service answer to judge yet: {count(c.selfService)} self-service of{' '}
                {count(c.decisions)} decisions, {count(c.pending)} too recent, {count(c.untracked)}{' '}
                without a customer id.
              </Empty>
            ) : (
              <div className="containment">
                <div className="card" role="group" aria-label="Containment rate">
                  <span className="figure-label">Contained</span>
                  <span className="figure-value">{percent(c.rate.value)}</span>
                  <span className="figure-note">
                    {percentInterval(c.rate.low, c.rate.high)} (95%); {count(c.contained)} of{' '}
                    {count(c.judged)} judged
                  </span>
                </div>
                <ul className="containment-counts">
                  <li>
                    {count(c.decisions)} decisions, {count(c.selfService)} self-service
                  </li>
                  <li>
                    {count(c.returnedByDecision)} came back through an assisted decision,{' '}
                    {count(c.returnedByEvent)} through an assisted contact
                  </li>
                  <li>
                    {count(c.pending)} too recent, {count(c.untracked)} without a customer id
                  </li>
                </ul>
                <table className="containment-reasons">
                  <caption className="visually-hidden">Containment by primary reason</caption>
                  <thead>
                    <tr>
                      <th>Reason</th>
                      <th className="num">Judged</th>
                      <th className="num">Contained</th>
                      <th className="num">Rate</th>
                      <th className="num">95% interval</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.byReason.map((r) => (
                      <tr key={r.reason}>
                        <td>{r.name ?? r.reason}</td>
                        <td className="num">{count(r.judged)}</td>
                        <td className="num">{count(r.contained)}</td>
                        <td className="num">{percent(r.rate.value)}</td>
                        <td className="num">{percentInterval(r.rate.low, r.rate.high)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Async>
    </section>
  );
}

function Taxonomy({
  reasons,
  onTry,
}: {
  reasons: readonly TContactReason[];
  onTry: (primary: string, secondary: string) => void;
}) {
  const [text, setText] = useState('');
  const shown = useMemo(() => filterTaxonomy(reasons, text), [reasons, text]);
  return (
    <section className="panel taxonomy" aria-labelledby="taxonomy-title">
      <h3 id="taxonomy-title">
        Contact reasons{' '}
        <span className="muted">
          {count(reasons.length)} primary,{' '}
          {count(reasons.reduce((s, r) => s + r.secondary.length, 0))} secondary
        </span>
      </h3>
      <label className="taxonomy-search">
        Find a reason
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      {shown.length === 0 ? (
        <Empty>No reason matches “{text}”.</Empty>
      ) : (
        <ul className="reasons">
          {shown.map((r) => (
            <li key={r.id}>
              <div className="reason">
                <strong>{r.name}</strong> <code>{r.id}</code>
                {r.description === undefined ? null : (
                  <span className="muted"> — {r.description}</span>
                )}
              </div>
              <ul>
                {r.secondary.map((s) => (
                  <li key={s.id}>
                    <button
                      type="button"
                      className="link"
                      title="try a routing decision for this reason"
                      onClick={() => onTry(r.id, s.id)}
                    >
                      {s.name}
                    </button>{' '}
                    <code>
                      {r.id}/{s.id}
                    </code>
                    {s.description === undefined ? null : (
                      <span className="muted"> — {s.description}</span>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
