/**
 * One brainstorm's board: the prompt, a countdown, the form to add an entry (for the CX team
 * and members of the invited teams while it is open), the entries as they arrive — one's own
 * marked "Yours", to change or remove — and, once locked, the counts per team and the CX
 * team's curating (Curate.tsx, JourneyOrder.tsx).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, type ApiError, type TMe } from '../../api.js';
import { Link } from '../../router.js';
import type { TBoard, TEntry } from '../../../service/brainstorms/brainstorm-types.js';
import { Empty, ErrorState, Loading } from '../../ui/states.js';
import { asApiError } from '../../ui/use-api.js';
import { timeLeft } from './brainstorm-view.js';
import { Curate } from './Curate.js';
import { JourneyOrder } from './JourneyOrder.js';
import { useBoard } from './use-board.js';

export function Board({ id }: { id: string; me: TMe }) {
  const live = useBoard(id);
  if (live.state === 'loading') return <Loading what="the brainstorm" />;
  if (live.state === 'error') return <ErrorState error={live.error} onRetry={live.reload} />;
  const { board, entries } = live;
  const b = board.brainstorm;
  const open = b.status === 'open';
  return (
    <>
      <header className="scene-head">
        <h2>{b.title}</h2>
        <Link to="/brainstorms">All brainstorms</Link>
      </header>
      <section className="panel brainstorm-head" aria-label="Session">
        {b.prompt === '' ? null : <p className="prompt">{b.prompt}</p>}
        <p>
          <span className={`badge ${b.status}`}>{open ? 'Open' : 'Locked'}</span>{' '}
          <Countdown endsAt={b.endsAt} open={open} /> · invited: {b.teams.join(', ')} ·{' '}
          <span aria-live="polite">
            {entries.length} {entries.length === 1 ? 'entry' : 'entries'}
          </span>
          {live.live ? null : <span className="muted"> · reconnecting…</span>}
        </p>
        {open && board.canCurate ? <LockButton id={id} onLocked={live.reload} /> : null}
        {board.teamCounts === null ? (
          <p className="muted">
            Entries are anonymous. Counts per team appear when the session locks.
          </p>
        ) : (
          <p aria-label="Entries per team">
            Entries per team: {board.teamCounts.map((t) => `${t.team} ${t.entries}`).join(' · ')}
          </p>
        )}
      </section>
      {open && board.canWrite ? <NewEntry board={board} /> : null}
      {open || !board.canCurate ? (
        <Entries id={id} entries={entries} board={board} />
      ) : (
        <>
          <Curate board={board} entries={entries} onSaved={live.reload} />
          <JourneyOrder board={board} onSaved={live.reload} />
        </>
      )}
    </>
  );
}

function Countdown({ endsAt, open }: { endsAt: string; open: boolean }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [open]);
  return (
    <span role="timer" aria-label="Time left">
      {open ? timeLeft(Date.parse(endsAt), now) : 'Time is up'}
    </span>
  );
}

function LockButton({ id, onLocked }: { id: string; onLocked: () => void }) {
  const [error, setError] = useState<ApiError>();
  return (
    <>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          void api
            .post(`/api/brainstorms/${id}/lock`)
            .then(onLocked, (e: unknown) => setError(asApiError(e)))
        }
      >
        Lock now
      </button>
      {error === undefined ? null : <ErrorState error={error} />}
    </>
  );
}

function EntryFields({
  board,
  value,
  onChange,
}: {
  board: TBoard;
  value: { text: string; channel: string; stage: string };
  onChange: (v: { text: string; channel: string; stage: string }) => void;
}) {
  return (
    <>
      <label className="grow">
        Interaction
        <textarea
          rows={2}
          value={value.text}
          onChange={(e) => onChange({ ...value, text: e.target.value })}
          placeholder="e.g. Calls to ask where the parcel is"
        />
      </label>
      <label>
        Channel
        <select
          value={value.channel}
          onChange={(e) => onChange({ ...value, channel: e.target.value })}
        >
          <option value="">(any)</option>
          {board.model.channels.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        Stage
        <select value={value.stage} onChange={(e) => onChange({ ...value, stage: e.target.value })}>
          <option value="">(any)</option>
          {board.model.stages.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
    </>
  );
}

const blank = { text: '', channel: '', stage: '' };

function NewEntry({ board }: { board: TBoard }) {
  const [value, setValue] = useState(blank);
  const [error, setError] = useState<ApiError>();
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    try {
      await api.post(`/api/brainstorms/${board.brainstorm.id}/entries`, value);
      setValue({ ...blank, channel: value.channel, stage: value.stage });
      setError(undefined);
    } catch (x) {
      setError(asApiError(x));
    }
  };
  return (
    <form className="panel entry-form" aria-label="New entry" onSubmit={(e) => void submit(e)}>
      <EntryFields board={board} value={value} onChange={setValue} />
      <button type="submit" disabled={value.text.trim() === ''}>
        Add entry
      </button>
      {error === undefined ? null : <ErrorState error={error} />}
    </form>
  );
}

function Entries({ id, entries, board }: { id: string; entries: TEntry[]; board: TBoard }) {
  if (entries.length === 0)
    return <Empty>No entry yet: the first one appears here for everyone.</Empty>;
  return (
    <ul className="entries" aria-label="Entries">
      {entries.map((e) => (
        <EntryItem key={e.id} id={id} entry={e} board={board} />
      ))}
    </ul>
  );
}

function EntryItem({ id, entry, board }: { id: string; entry: TEntry; board: TBoard }) {
  const [editing, setEditing] = useState<typeof blank>();
  const [error, setError] = useState<ApiError>();
  const open = board.brainstorm.status === 'open';
  const path = `/api/brainstorms/${id}/entries/${entry.id}`;
  const run = (p: Promise<unknown>) =>
    p.then(
      () => setEditing(undefined),
      (e: unknown) => setError(asApiError(e)),
    );
  return (
    <li className={entry.mine ? 'entry mine' : 'entry'} aria-label={`Entry ${entry.n}`}>
      {editing === undefined ? (
        <>
          <span className="text">{entry.text}</span>
          <span className="muted">{[entry.channel, entry.stage].filter(Boolean).join(' · ')}</span>
          {entry.mine ? <span className="badge">Yours</span> : null}
          {entry.mine && open ? (
            <button
              type="button"
              className="secondary small"
              aria-label={`Edit entry ${entry.n}`}
              onClick={() =>
                setEditing({
                  text: entry.text,
                  channel: entry.channel ?? '',
                  stage: entry.stage ?? '',
                })
              }
            >
              Edit
            </button>
          ) : null}
          {(entry.mine && open) || board.canCurate ? (
            <button
              type="button"
              className="secondary small"
              aria-label={`Remove entry ${entry.n}`}
              onClick={() => void run(api.delete(path))}
            >
              Remove
            </button>
          ) : null}
        </>
      ) : (
        <form
          aria-label={`Edit entry ${entry.n}`}
          onSubmit={(e) => {
            e.preventDefault();
            void run(api.patch(path, editing));
          }}
        >
          <EntryFields board={board} value={editing} onChange={setEditing} />
          <button type="submit">Save</button>
          <button type="button" className="secondary" onClick={() => setEditing(undefined)}>
            Cancel
          </button>
        </form>
      )}
      {error === undefined ? null : <ErrorState error={error} />}
    </li>
  );
}
