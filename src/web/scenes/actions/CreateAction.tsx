/**
 * "Create action": a button that opens a small form (title, problem) for an action on a
 * friction, gap, deviation or opportunity; the server proposes the owning team and the metric
 * and measures the baseline. On success it opens the action on the Actions screen.
 */
import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api.js';
import { navigate } from '../../router.js';
import { asApiError } from '../../ui/use-api.js';
import type { TAction, TActionSource } from '../../../service/actions/action-types.js';
import { proposedTitle } from './action-view.js';

type TProps = {
  source: TActionSource;
  /** The touchpoint's display name, for the proposed title. */
  touchpointName: string | null;
};

export function CreateAction({ source, touchpointName }: TProps) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(() => proposedTitle(source, touchpointName));
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const id = useId();
  if (!open) {
    return (
      <button type="button" className="create-action" onClick={() => setOpen(true)}>
        Create action
      </button>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.post<TAction>('/api/actions', { title, problem, source });
      navigate(`/actions?action=${encodeURIComponent(created.id)}`);
    } catch (err) {
      setError(asApiError(err).message);
      setBusy(false);
    }
  };
  return (
    <form className="create-action-form" aria-label="New action" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-title`}>Action title</label>
      <input
        id={`${id}-title`}
        value={title}
        required
        maxLength={200}
        onChange={(e) => setTitle(e.target.value)}
        autoFocus
      />
      <label htmlFor={`${id}-problem`}>Problem</label>
      <textarea
        id={`${id}-problem`}
        value={problem}
        rows={2}
        onChange={(e) => setProblem(e.target.value)}
        placeholder="What goes wrong for the customer"
      />
      <p className="muted">
        The owning team and the metric to move are proposed from the source; the baseline is
        measured now.
      </p>
      {error === undefined ? null : (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="buttons">
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create the action'}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
