/**
 * The alerts inbox: open alerts first (or resolved, or all), for every team or one, each with
 * its value against its limit, its interval and n, and an Acknowledge button for whoever may.
 * It reloads when the server streams an alert (GET /api/alerts/stream).
 */
import { useEffect, useState } from 'react';
import type { TAlert } from '../../../service/alerts/alert-types.js';
import { api, type TMe } from '../../api.js';
import { useQueryParam } from '../../router.js';
import { Async, Empty, ErrorState } from '../../ui/states.js';
import { asApiError, useApi } from '../../ui/use-api.js';
import { onAlertEvent } from './alert-stream.js';
import { canAcknowledge, inboxQuery, valueText } from './alert-view.js';

type TInbox = { alerts: TAlert[]; unacknowledged: number };

/** Calls `onAlert` whenever the server streams an alert event. */
export function useAlertStream(onAlert: () => void): void {
  useEffect(() => onAlertEvent(onAlert), [onAlert]);
}

const when = (iso: string): string =>
  new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

export function AlertInbox({ me }: { me: TMe }) {
  const [status = 'open', setStatus] = useQueryParam('status');
  const mine = me.role === 'team' && me.team != null ? me.team : undefined;
  const [teamParam, setTeam] = useQueryParam('team');
  const team = teamParam === 'all' ? undefined : (teamParam ?? mine);
  const load = useApi<TInbox>(inboxQuery(status, team));
  const { reload } = load;
  useAlertStream(reload);
  const [problem, setProblem] = useState<string | undefined>();

  const acknowledge = async (alert: TAlert): Promise<void> => {
    setProblem(undefined);
    try {
      await api.post(`/api/alerts/${encodeURIComponent(alert.id)}/acknowledge`, {});
      reload();
      window.dispatchEvent(new Event('jl:alerts'));
    } catch (e) {
      setProblem(asApiError(e).message);
    }
  };

  return (
    <section className="panel alerts-inbox" aria-labelledby="inbox-title">
      <div className="alerts-head">
        <h3 id="inbox-title">Inbox</h3>
        <form className="tools" aria-label="Which alerts" onSubmit={(e) => e.preventDefault()}>
          <label>
            Status
            <select
              value={status}
              onChange={(e) => setStatus(e.target.value === 'open' ? undefined : e.target.value)}
            >
              <option value="open">open</option>
              <option value="resolved">resolved</option>
              <option value="all">all</option>
            </select>
          </label>
          {mine === undefined ? null : (
            <label>
              Teams
              <select
                value={teamParam === 'all' ? 'all' : mine}
                onChange={(e) => setTeam(e.target.value === mine ? undefined : 'all')}
              >
                <option value={mine}>my team ({mine})</option>
                <option value="all">all teams</option>
              </select>
            </label>
          )}
        </form>
      </div>
      {problem === undefined ? null : <ErrorState error={{ message: problem }} />}
      <Async load={load} what="the alerts">
        {(inbox) =>
          inbox.alerts.length === 0 ? (
            <Empty>
              {status === 'open'
                ? 'No open alerts: every watched metric is within its limit.'
                : 'No alerts.'}
            </Empty>
          ) : (
            <ul className="alert-list" aria-label="Alerts">
              {inbox.alerts.map((a) => (
                <li
                  key={a.id}
                  className={`alert-item ${a.status}`}
                  aria-label={`${a.ruleName}, ${a.status}`}
                >
                  <div className="alert-title">
                    <span className={`badge ${a.status === 'open' ? 'bad' : 'good'}`}>
                      {a.status}
                    </span>
                    <strong>{a.ruleName}</strong>
                    {a.teams.length === 0 ? null : (
                      <span className="muted"> · {a.teams.join(', ')}</span>
                    )}
                  </div>
                  <div>
                    {a.metricLabel}: {valueText(a, a.status === 'open' ? 'raised' : 'latest')}
                  </div>
                  <div className="muted">
                    {a.status === 'open' ? a.reason : (a.resolvedReason ?? '')} · raised{' '}
                    {when(a.raisedAt)}
                    {a.resolvedAt === null ? '' : ` · resolved ${when(a.resolvedAt)}`}
                    {a.status === 'open' && a.latest.at !== a.raisedAt
                      ? ` · now ${valueText(a)}`
                      : ''}
                  </div>
                  <div className="alert-actions">
                    {a.acknowledgedAt === null ? null : (
                      <span className="muted">
                        Acknowledged by {a.acknowledgedBy?.replace(/^user:/, '')}{' '}
                        {when(a.acknowledgedAt)}
                      </span>
                    )}
                    {canAcknowledge(me, a) ? (
                      <button
                        type="button"
                        className="secondary small"
                        onClick={() => void acknowledge(a)}
                      >
                        Acknowledge
                      </button>
                    ) : null}
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}
