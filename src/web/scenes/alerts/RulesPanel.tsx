/**
 * The alert rules: what each watches and when it is in breach, its state, when it was last
 * evaluated; for the CX team, New / Edit / Try (a dry run: measured and decided now, nothing
 * recorded, nobody told) / Delete.
 */
import { useState } from 'react';
import type { TAlertRule } from '../../../service/alerts/alert-types.js';
import { api } from '../../api.js';
import { Async, Empty, ErrorState } from '../../ui/states.js';
import { asApiError, useApi } from '../../ui/use-api.js';
import { useAlertStream } from './AlertInbox.js';
import { conditionText } from './alert-view.js';
import { metricUnit } from '../../../model/metric-unit.js';
import { metricValue } from './metric-format.js';
import { RuleEditor } from './RuleEditor.js';

type TTry = {
  outcome: string;
  reason: string;
  current: { value: number | null; n: number };
  window: { from: string; to: string };
};

export function RulesPanel({ editor }: { editor: boolean }) {
  const load = useApi<{ rules: TAlertRule[] }>('/api/alert-rules');
  // A rule's state changes when an alert is raised or resolved.
  useAlertStream(load.reload);
  const [editing, setEditing] = useState<TAlertRule | 'new' | undefined>();
  const [tried, setTried] = useState<Record<string, TTry | string>>({});
  const [problem, setProblem] = useState<string | undefined>();

  const tryRule = async (rule: TAlertRule): Promise<void> => {
    setTried((t) => ({ ...t, [rule.id]: 'Measuring…' }));
    try {
      const r = await api.post<TTry>(`/api/alert-rules/${encodeURIComponent(rule.id)}/evaluate`, {
        dryRun: true,
      });
      setTried((t) => ({ ...t, [rule.id]: r }));
    } catch (e) {
      setTried((t) => ({ ...t, [rule.id]: asApiError(e).message }));
    }
  };
  const remove = async (rule: TAlertRule): Promise<void> => {
    if (!window.confirm(`Delete the alert rule "${rule.name}"? Its alerts stay in the inbox.`))
      return;
    setProblem(undefined);
    try {
      await api.delete(`/api/alert-rules/${encodeURIComponent(rule.id)}`);
      load.reload();
    } catch (e) {
      setProblem(asApiError(e).message);
    }
  };

  return (
    <section className="panel alert-rules" aria-labelledby="rules-title">
      <div className="alerts-head">
        <h3 id="rules-title">Rules</h3>
        {editor && editing === undefined ? (
          <button type="button" onClick={() => setEditing('new')}>
            New rule
          </button>
        ) : null}
      </div>
      {editing === undefined ? null : (
        <RuleEditor
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            load.reload();
          }}
        />
      )}
      {problem === undefined ? null : <ErrorState error={{ message: problem }} />}
      <Async load={load} what="the alert rules">
        {({ rules }) =>
          rules.length === 0 ? (
            <Empty>
              No alert rules yet.
              {editor ? ' Create one to be told when a metric goes out of bounds.' : ''}
            </Empty>
          ) : (
            <table className="rules-table">
              <caption className="visually-hidden">Alert rules</caption>
              <thead>
                <tr>
                  <th>Rule</th>
                  <th>Metric</th>
                  <th>In breach when</th>
                  <th>State</th>
                  <th>Last evaluated</th>
                  {editor ? <th>Actions</th> : null}
                </tr>
              </thead>
              <tbody>
                {rules.map((r) => {
                  const t = tried[r.id];
                  return (
                    <tr key={r.id}>
                      <td>
                        {r.name}
                        {r.enabled ? null : <span className="badge"> disabled</span>}
                      </td>
                      <td>{r.metricLabel}</td>
                      <td>
                        {conditionText(r)}
                        {r.minN > 1 ? `, n ≥ ${r.minN.toLocaleString('en-US')}` : ''}
                      </td>
                      <td>
                        <span className={`badge ${r.state === 'breached' ? 'bad' : 'good'}`}>
                          {r.state}
                        </span>
                      </td>
                      <td>
                        {r.lastEvaluatedAt === null
                          ? 'never'
                          : new Date(r.lastEvaluatedAt).toLocaleString('en-US')}
                        {t === undefined ? null : (
                          <div className="muted" role="status">
                            {typeof t === 'string'
                              ? t
                              : `Now: ${metricValue(metricUnit(r.metric), t.current.value)} (n = ${t.current.n}) — ${t.outcome}: ${t.reason}`}
                          </div>
                        )}
                      </td>
                      {editor ? (
                        <td className="rule-actions">
                          <button
                            type="button"
                            className="secondary small"
                            onClick={() => setEditing(r)}
                          >
                            Edit
                          </button>
                          <button
                            type="button"
                            className="secondary small"
                            onClick={() => void tryRule(r)}
                          >
                            Try
                          </button>
                          <button
                            type="button"
                            className="secondary small"
                            onClick={() => void remove(r)}
                          >
                            Delete
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </Async>
    </section>
  );
}
