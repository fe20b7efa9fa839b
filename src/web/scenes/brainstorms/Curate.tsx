/**
 * After the lock, the CX team's clustering: select entries, merge duplicates (into the first
 * selected), and cluster the selection into a touchpoint of the model (name, stage, channel,
 * owner team) that keeps the entries it came from and the counts per team. Saved through the
 * model's save path; the touchpoints of the session are listed with their counts.
 */
import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../../api.js';
import type { TBoard, TEntry } from '../../../service/brainstorms/brainstorm-types.js';
import { ErrorState } from '../../ui/states.js';
import { asApiError } from '../../ui/use-api.js';
import { groupDuplicates, slugify } from './brainstorm-view.js';

export function Curate({
  board,
  entries,
  onSaved,
}: {
  board: TBoard;
  entries: TEntry[];
  onSaved: () => void;
}) {
  const id = board.brainstorm.id;
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<ApiError>();
  const [message, setMessage] = useState('');
  const clusterOf = new Map<string, string>();
  for (const t of board.touchpoints) for (const e of t.entries) clusterOf.set(e, t.name);
  const toggle = (e: string) =>
    setSelected((s) => (s.includes(e) ? s.filter((x) => x !== e) : [...s, e]));
  const run = async (what: string, p: () => Promise<unknown>): Promise<void> => {
    try {
      await p();
      setError(undefined);
      setSelected([]);
      setMessage(what);
      onSaved();
    } catch (x) {
      setError(asApiError(x));
    }
  };
  const [into, ...rest] = selected;

  return (
    <section className="panel curate" aria-label="Cluster the entries">
      <h3>Cluster the entries</h3>
      <p className="muted">
        Select entries, merge duplicates into the first one selected, then make a touchpoint of
        them. A merged entry's duplicates go with it.
      </p>
      <ul className="entries" aria-label="Entries">
        {groupDuplicates(entries).map(({ entry, duplicates }) => (
          <li key={entry.id} className="entry" aria-label={`Entry ${entry.n}`}>
            <label className="check">
              <input
                type="checkbox"
                checked={selected.includes(entry.id)}
                onChange={() => toggle(entry.id)}
                aria-label={`Select entry ${entry.n}: ${entry.text}`}
              />
              <span className="text">{entry.text}</span>
            </label>
            <span className="muted">
              {[entry.channel, entry.stage].filter(Boolean).join(' · ')}
            </span>
            {clusterOf.has(entry.id) ? (
              <span className="badge">{clusterOf.get(entry.id)}</span>
            ) : null}
            {duplicates.length === 0 ? null : (
              <ul className="duplicates" aria-label={`Duplicates of entry ${entry.n}`}>
                {duplicates.map((d) => (
                  <li key={d.id}>
                    {d.text}{' '}
                    <button
                      type="button"
                      className="secondary small"
                      aria-label={`Separate entry ${d.n}`}
                      onClick={() =>
                        void run('Separated.', () =>
                          api.post(`/api/brainstorms/${id}/merge`, { into: null, entries: [d.id] }),
                        )
                      }
                    >
                      Separate
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <div className="actions">
        <button
          type="button"
          disabled={into === undefined || rest.length === 0}
          onClick={() =>
            void run(`Merged ${rest.length} as duplicates.`, () =>
              api.post(`/api/brainstorms/${id}/merge`, { into, entries: rest }),
            )
          }
        >
          Merge as duplicates
        </button>
      </div>
      <ClusterForm
        board={board}
        selected={selected}
        onSubmit={(touchpointId, body) =>
          run(`Saved touchpoint ${touchpointId}.`, () =>
            api.put(`/api/brainstorms/${id}/touchpoints/${touchpointId}`, {
              ...body,
              baseVersion: board.modelVersion,
              entries: selected,
            }),
          )
        }
      />
      {error === undefined ? null : <ErrorState error={error} />}
      <p className="saved" aria-live="polite">
        {message}
      </p>
      <h3>Touchpoints from this brainstorm</h3>
      {board.touchpoints.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="touchpoints" aria-label="Touchpoints from this brainstorm">
          {board.touchpoints.map((t) => (
            <li key={t.id} aria-label={`Touchpoint ${t.name}`}>
              <strong>{t.name}</strong> ({t.id}) · {t.stage} · {t.channel} · owner {t.owner} ·{' '}
              {t.entries.length} {t.entries.length === 1 ? 'entry' : 'entries'}:{' '}
              {Object.entries(t.teams)
                .map(([team, n]) => `${team} ${n}`)
                .join(', ')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type TClusterFields = { name: string; stage: string; channel: string; owner: string };

function ClusterForm({
  board,
  selected,
  onSubmit,
}: {
  board: TBoard;
  selected: string[];
  onSubmit: (touchpointId: string, body: TClusterFields) => Promise<void>;
}) {
  const { stages, channels, teams } = board.model;
  const [fields, setFields] = useState<TClusterFields>({
    name: '',
    stage: stages[0] ?? '',
    channel: channels[0] ?? '',
    owner: teams[0]?.id ?? '',
  });
  const [touchpointId, setTouchpointId] = useState('');
  const idValue = touchpointId === '' ? slugify(fields.name) : touchpointId;
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    await onSubmit(idValue, fields);
    setFields({ ...fields, name: '' });
    setTouchpointId('');
  };
  const set = (key: keyof TClusterFields) => (v: string) => setFields({ ...fields, [key]: v });
  return (
    <form
      className="cluster-form"
      aria-label="Cluster into a touchpoint"
      onSubmit={(e) => void submit(e)}
    >
      <label>
        Touchpoint name
        <input value={fields.name} onChange={(e) => set('name')(e.target.value)} />
      </label>
      <label>
        Id
        <input value={idValue} onChange={(e) => setTouchpointId(e.target.value)} />
      </label>
      <Select
        label="Stage"
        value={fields.stage}
        options={stages.map((s) => [s, s])}
        onChange={set('stage')}
      />
      <Select
        label="Channel"
        value={fields.channel}
        options={channels.map((c) => [c, c])}
        onChange={set('channel')}
      />
      <Select
        label="Owner team"
        value={fields.owner}
        options={teams.map((t) => [t.id, t.name])}
        onChange={set('owner')}
      />
      <button type="submit" disabled={selected.length === 0 || fields.name.trim() === ''}>
        Make touchpoint
      </button>
    </form>
  );
}

export function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (v: string) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
