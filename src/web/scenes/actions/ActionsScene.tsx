/**
 * Actions: the board of improvement actions in columns by status — one board per team, or
 * across the whole experience — and the chosen action's detail (?action=<id>) with its plan,
 * comments and before/after re-measurement. A team member's board is their own team's.
 */
import type { TMe } from '../../api.js';
import type { TSummary } from '../../analysis-types.js';
import { useQueryParam } from '../../router.js';
import { Async, Empty } from '../../ui/states.js';
import { useApi } from '../../ui/use-api.js';
import type { TActionList } from '../../../service/actions/action-types.js';
import { ActionDetail } from './ActionDetail.js';
import { boardColumns } from './action-view.js';
import './actions.css';

export function ActionsScene({ me }: { me: TMe }) {
  const [team, setTeam] = useQueryParam('team');
  const [selected, setSelected] = useQueryParam('action');
  const own = me.role === 'team' ? (me.team ?? '') : undefined;
  const shownTeam = own ?? team;
  const summary = useApi<TSummary>('/api/analysis/summary');
  const list = useApi<TActionList>(
    `/api/actions${shownTeam === undefined ? '' : `?team=${encodeURIComponent(shownTeam)}`}`,
  );
  const teams = summary.state === 'ready' ? summary.data.names.teams : {};
  const teamName = (id: string): string => teams[id] ?? id;
  return (
    <>
      <header className="scene-head">
        <h2>Actions</h2>
      </header>
      <form className="filters" aria-label="Board" onSubmit={(e) => e.preventDefault()}>
        {own === undefined ? (
          <label>
            Board
            <select value={team ?? ''} onChange={(e) => setTeam(e.target.value)}>
              <option value="">The whole experience</option>
              {Object.entries(teams)
                .sort((a, b) => a[1].localeCompare(b[1], 'en-US'))
                .map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
            </select>
          </label>
        ) : (
          <p className="muted">Your team’s board: {teamName(own)}</p>
        )}
      </form>
      <Async load={list} what="the actions">
        {(data) =>
          data.actions.length === 0 ? (
            <Empty>
              No actions {shownTeam === undefined ? 'yet' : `for ${teamName(shownTeam)} yet`}.
              Create one from a friction on the Friction screen or from a business case on the
              Opportunities screen.
            </Empty>
          ) : (
            <div className="action-board" role="region" aria-label="Action board">
              {boardColumns(data.actions).map((column) => (
                <section
                  key={column.status}
                  className="action-column"
                  aria-labelledby={`column-${column.status.replace(' ', '-')}`}
                >
                  <h3 id={`column-${column.status.replace(' ', '-')}`}>
                    {column.label} <span className="muted">{column.actions.length}</span>
                  </h3>
                  <ul>
                    {column.actions.map((a) => (
                      <li key={a.id}>
                        <button
                          type="button"
                          className={`action-card${a.id === selected ? ' selected' : ''}`}
                          aria-pressed={a.id === selected}
                          onClick={() => setSelected(a.id)}
                        >
                          <strong>{a.title}</strong>
                          <span className="muted">{teamName(a.team)}</span>
                          <span className="muted">{a.metricLabel}</span>
                          {a.dueDate === null ? null : (
                            <span className="muted">due {a.dueDate}</span>
                          )}
                          {a.result === null ? null : (
                            <span className="muted">
                              re-measured: {a.result.comparison.verdict}
                            </span>
                          )}
                        </button>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </div>
          )
        }
      </Async>
      {selected === undefined ? null : (
        <ActionDetail
          key={selected}
          id={selected}
          me={me}
          teamName={teamName}
          onChanged={list.reload}
          onClose={() => setSelected(undefined)}
        />
      )}
    </>
  );
}
