/**
 * The CX team opens a brainstorm: title, prompt, duration, invited teams and the segments to
 * order journeys for (from the workspace model). The server's error names the field.
 */
import { useState, type FormEvent } from 'react';
import { api, type ApiError } from '../../api.js';
import { navigate } from '../../router.js';
import type { TBrainstormInfo } from '../../../service/brainstorms/brainstorm-types.js';
import { Async, ErrorState } from '../../ui/states.js';
import { asApiError, useApi } from '../../ui/use-api.js';

type TWorkspaceAnswer = {
  workspace: {
    teams: { id: string; name: string }[];
    segments: { id: string; name: string }[];
  } | null;
};

export function OpenBrainstorm({ onCancel }: { onCancel: () => void }) {
  const model = useApi<TWorkspaceAnswer>('/api/workspace');
  const [title, setTitle] = useState('');
  const [prompt, setPrompt] = useState('List every interaction a customer can have with us.');
  const [minutes, setMinutes] = useState('15');
  const [teams, setTeams] = useState<string[]>([]);
  const [segments, setSegments] = useState<string[]>([]);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const toggle = (list: string[], set: (v: string[]) => void, id: string) =>
    set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.post<TBrainstormInfo>('/api/brainstorms', {
        title,
        prompt,
        durationMinutes: Number(minutes),
        teams,
        segments,
      });
      navigate(`/brainstorms?id=${created.id}`);
    } catch (x) {
      setError(asApiError(x));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Async load={model} what="the teams and segments">
      {({ workspace }) => (
        <form
          className="panel open-brainstorm"
          aria-label="Open a brainstorm"
          onSubmit={(e) => void submit(e)}
        >
          <label>
            Title
            <input value={title} onChange={(e) => setTitle(e.target.value)} required />
          </label>
          <label>
            Prompt
            <textarea value={prompt} onChange={(e) => setPrompt(e.target.value)} rows={2} />
          </label>
          <label>
            Duration (minutes)
            <input
              type="number"
              min={1}
              max={10080}
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
            />
          </label>
          <fieldset>
            <legend>Invited teams</legend>
            {(workspace?.teams ?? []).map((t) => (
              <label key={t.id} className="check">
                <input
                  type="checkbox"
                  checked={teams.includes(t.id)}
                  onChange={() => toggle(teams, setTeams, t.id)}
                />
                {t.name}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Segments to order journeys for</legend>
            {(workspace?.segments ?? []).map((s) => (
              <label key={s.id} className="check">
                <input
                  type="checkbox"
                  checked={segments.includes(s.id)}
                  onChange={() => toggle(segments, setSegments, s.id)}
                />
                {s.name}
              </label>
            ))}
          </fieldset>
          {error === undefined ? null : <ErrorState error={error} />}
          <div className="actions">
            <button type="submit" disabled={busy}>
              Open
            </button>
            <button type="button" className="secondary" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Async>
  );
}
