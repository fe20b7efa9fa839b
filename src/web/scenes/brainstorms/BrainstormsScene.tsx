/**
 * Brainstorms: the list of sessions and, for the CX team, a form to open one; with `?id=`,
 * one session's board (Board.tsx). Entries are anonymous: nothing on these screens says who
 * wrote what.
 */
import { useState } from 'react';
import type { TMe } from '../../api.js';
import { Link, useQueryParam } from '../../router.js';
import type { TBrainstormInfo } from '../../../service/brainstorms/brainstorm-types.js';
import { Async, Empty } from '../../ui/states.js';
import { useApi } from '../../ui/use-api.js';
import { Board } from './Board.js';
import { OpenBrainstorm } from './OpenBrainstorm.js';
import './brainstorms.css';

export function BrainstormsScene({ me }: { me: TMe }) {
  const [id] = useQueryParam('id');
  if (id !== undefined) return <Board id={id} me={me} />;
  return <BrainstormList me={me} />;
}

function BrainstormList({ me }: { me: TMe }) {
  const list = useApi<{ brainstorms: TBrainstormInfo[] }>('/api/brainstorms');
  const canOpen = me.role === 'admin' || me.role === 'cx';
  const [opening, setOpening] = useState(false);
  return (
    <>
      <header className="scene-head">
        <h2>Brainstorms</h2>
        {canOpen && !opening ? (
          <button type="button" onClick={() => setOpening(true)}>
            Open a brainstorm
          </button>
        ) : null}
      </header>
      <p className="muted">
        Time-boxed, anonymous sessions in which every team lists the interactions a customer can
        have with the company. Nobody — not even the CX team — can see who wrote an entry.
      </p>
      {opening ? <OpenBrainstorm onCancel={() => setOpening(false)} /> : null}
      <Async load={list} what="the brainstorms">
        {({ brainstorms }) =>
          brainstorms.length === 0 ? (
            <Empty>
              No brainstorm yet.
              {canOpen ? ' Open one to invite the teams.' : ' The CX team opens them.'}
            </Empty>
          ) : (
            <ul className="brainstorm-list" aria-label="Brainstorms">
              {brainstorms.map((b) => (
                <li key={b.id} className="card">
                  <Link to={`/brainstorms?id=${b.id}`}>{b.title}</Link>
                  <span className={`badge ${b.status}`}>
                    {b.status === 'open' ? 'Open' : 'Locked'}
                  </span>
                  <span className="muted">
                    {b.entries} {b.entries === 1 ? 'entry' : 'entries'} · teams {b.teams.join(', ')}{' '}
                    · ends {new Date(b.endsAt).toLocaleString()}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </>
  );
}
