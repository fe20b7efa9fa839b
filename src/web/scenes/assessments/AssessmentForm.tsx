/**
 * The form of a change assessment: what changes, when, which team, the touchpoints it
 * touches (the exposure beside it updates as they are picked) and the five questions, "how
 * will customers respond" once per affected segment. Saves a new draft or the changes.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api.js';
import type { TAssessment, TExposure } from '../../../service/assessments/assessment-types.js';
import { ErrorState, Loading } from '../../ui/states.js';
import { asApiError } from '../../ui/use-api.js';
import {
  FIVE_HOWS,
  responseSegments,
  saveBody,
  toggle,
  type TFormState,
} from './assessment-view.js';
import { ExposurePanel } from './ExposurePanel.js';

export type TModel = {
  teams: { id: string; name: string }[];
  segments: { id: string; name: string }[];
  touchpoints: { id: string; name: string; stage: string; channel: string }[];
};

type TProps = {
  model: TModel;
  initial: TFormState;
  /** Undefined: a new assessment. */
  id: string | undefined;
  /** Team members act for their own team only. */
  teamLocked: boolean;
  onSaved: (a: TAssessment) => void;
  onCancel: () => void;
};

type TProblem = { message: string; status?: number };

export function AssessmentForm({ model, initial, id, teamLocked, onSaved, onCancel }: TProps) {
  const [form, setForm] = useState<TFormState>(initial);
  const [exposure, setExposure] = useState<
    | { state: 'idle' }
    | { state: 'loading' }
    | { state: 'ready'; data: TExposure }
    | { state: 'error'; error: TProblem }
  >({ state: 'idle' });
  const [problem, setProblem] = useState<TProblem | undefined>();
  const [saving, setSaving] = useState(false);

  const selection = form.touchpoints.join(',');
  useEffect(() => {
    if (selection === '') {
      setExposure({ state: 'idle' });
      return;
    }
    let current = true;
    setExposure({ state: 'loading' });
    // Wait for the picking to pause before asking.
    const timer = setTimeout(() => {
      api.post<TExposure>('/api/assessments/exposure', { touchpoints: selection.split(',') }).then(
        (data) => current && setExposure({ state: 'ready', data }),
        (e: unknown) => {
          const error = asApiError(e);
          if (current)
            setExposure({
              state: 'error',
              error: { message: error.message, status: error.status },
            });
        },
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [selection]);

  const names = {
    segments: Object.fromEntries(model.segments.map((s) => [s.id, s.name])),
    touchpoints: Object.fromEntries(model.touchpoints.map((t) => [t.id, t.name])),
  };
  const affected = exposure.state === 'ready' ? exposure.data.affectedSegments : [];
  const segments = responseSegments(
    affected.length > 0 ? affected : model.segments.map((s) => s.id),
    form.answers.response,
  );
  const setAnswer = (key: 'impact' | 'customerView' | 'findOut' | 'feedback', value: string) =>
    setForm({ ...form, answers: { ...form.answers, [key]: value } });

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const built = saveBody(form);
    if ('error' in built) {
      setProblem({ message: built.error });
      return;
    }
    setSaving(true);
    setProblem(undefined);
    try {
      onSaved(
        id === undefined
          ? await api.post<TAssessment>('/api/assessments', built.body)
          : await api.put<TAssessment>(`/api/assessments/${id}`, built.body),
      );
    } catch (err) {
      const error = asApiError(err);
      setProblem({ message: error.message, status: error.status });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="assessment-edit">
      <form
        aria-label="Change assessment"
        className="panel assessment-form"
        onSubmit={(e) => void save(e)}
      >
        <h3>{id === undefined ? 'New change assessment' : 'Edit the assessment'}</h3>
        <label>
          Title
          <input
            aria-label="Title"
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.target.value })}
          />
        </label>
        <label>
          The change
          <textarea
            aria-label="The change"
            rows={3}
            value={form.change}
            onChange={(e) => setForm({ ...form, change: e.target.value })}
          />
        </label>
        <div className="row">
          <label>
            Planned go-live
            <input
              aria-label="Planned go-live"
              type="date"
              value={form.plannedGoLive}
              onChange={(e) => setForm({ ...form, plannedGoLive: e.target.value })}
            />
          </label>
          <label>
            Owner team
            <select
              aria-label="Owner team"
              value={form.ownerTeam}
              disabled={teamLocked}
              onChange={(e) => setForm({ ...form, ownerTeam: e.target.value })}
            >
              <option value="">choose…</option>
              {model.teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset className="touchpoint-picker">
          <legend>Touchpoints the change touches</legend>
          {model.touchpoints.map((t) => (
            <label key={t.id} className="check">
              <input
                type="checkbox"
                checked={form.touchpoints.includes(t.id)}
                onChange={() =>
                  setForm({
                    ...form,
                    touchpoints: toggle(
                      form.touchpoints,
                      t.id,
                      model.touchpoints.map((x) => x.id),
                    ),
                  })
                }
              />
              {t.name}{' '}
              <span className="muted">
                ({t.stage}, {t.channel})
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="five-hows">
          <legend>The five questions</legend>
          {FIVE_HOWS.map((q) =>
            q.key === 'response' ? (
              <fieldset key={q.key} className="per-segment">
                <legend>{q.question}</legend>
                {segments.map((s) => (
                  <label key={s}>
                    {names.segments[s] ?? s}
                    <textarea
                      aria-label={names.segments[s] ?? s}
                      rows={2}
                      value={form.answers.response[s] ?? ''}
                      onChange={(e) =>
                        setForm({
                          ...form,
                          answers: {
                            ...form.answers,
                            response: { ...form.answers.response, [s]: e.target.value },
                          },
                        })
                      }
                    />
                  </label>
                ))}
              </fieldset>
            ) : (
              <label key={q.key}>
                {q.question}
                <textarea
                  aria-label={q.question}
                  rows={2}
                  value={form.answers[q.key]}
                  onChange={(e) => setAnswer(q.key, e.target.value)}
                />
              </label>
            ),
          )}
        </fieldset>
        {problem === undefined ? null : <ErrorState error={problem} />}
        <div className="actions">
          <button type="submit" disabled={saving}>
            {saving ? 'Saving…' : id === undefined ? 'Save draft' : 'Save changes'}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
      <div className="exposure-live" aria-live="polite">
        {exposure.state === 'idle' ? (
          <p className="muted panel">Select touchpoints to see who the change reaches.</p>
        ) : exposure.state === 'loading' ? (
          <Loading what="the exposure" />
        ) : exposure.state === 'error' ? (
          <ErrorState error={exposure.error} />
        ) : (
          <ExposurePanel exposure={exposure.data} names={names} />
        )}
      </div>
    </div>
  );
}
