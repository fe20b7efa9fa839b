/**
 * One change assessment: the change, the five answers, the exposure from data, and what the
 * person may do now — edit, submit for review, approve or request changes (the CX team), or
 * record the go-live with the improvement action whose re-measurement follows it.
 */
import { useState } from 'react';
import { api } from '../../api.js';
import type {
  TAssessment,
  TAssessmentWithExposure,
} from '../../../service/assessments/assessment-types.js';
import { Link } from '../../router.js';
import { day } from '../../ui/format.js';
import { ErrorState } from '../../ui/states.js';
import { asApiError } from '../../ui/use-api.js';
import { FIVE_HOWS, STATUS_LABEL, STATUS_TONE } from './assessment-view.js';
import type { TModel } from './AssessmentForm.js';
import { ExposurePanel } from './ExposurePanel.js';

type TProps = {
  assessment: TAssessmentWithExposure;
  model: TModel;
  onChanged: (a: TAssessment) => void;
  onEdit: () => void;
};

export function AssessmentDetail({ assessment: a, model, onChanged, onEdit }: TProps) {
  const [comment, setComment] = useState('');
  const [actionId, setActionId] = useState(a.actionId ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; status?: number } | undefined>();
  const names = {
    segments: Object.fromEntries(model.segments.map((s) => [s.id, s.name])),
    touchpoints: Object.fromEntries(model.touchpoints.map((t) => [t.id, t.name])),
  };
  const team = model.teams.find((t) => t.id === a.ownerTeam)?.name ?? a.ownerTeam;

  const act = async (path: string, body?: unknown): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    try {
      onChanged(await api.post<TAssessment>(`/api/assessments/${a.id}/${path}`, body));
    } catch (err) {
      const error = asApiError(err);
      setProblem({ message: error.message, status: error.status });
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="assessment-detail" aria-label={`Assessment ${a.title}`}>
      <section className="panel">
        <h3>
          {a.title}{' '}
          <span className={`badge ${STATUS_TONE[a.status]}`} data-status={a.status}>
            {STATUS_LABEL[a.status]}
          </span>
        </h3>
        <p>{a.change}</p>
        <p className="muted">
          {team} · planned go-live {day(`${a.plannedGoLive}T00:00:00Z`)} · touchpoints{' '}
          {a.touchpoints.map((t) => names.touchpoints[t] ?? t).join(', ')}
          {a.liveAt === null ? '' : ` · live since ${day(a.liveAt)}`}
          {a.actionId === null ? null : (
            <>
              {' · re-measured by '}
              <Link to={`/actions?action=${encodeURIComponent(a.actionId)}`}>
                action {a.actionId}
              </Link>
            </>
          )}
        </p>
        {a.review === null ? null : (
          <p className={`review ${a.review.decision}`} aria-label="Review">
            {a.review.decision === 'approved' ? 'Approved' : 'Changes requested'} by{' '}
            {a.review.by.replace(/^user:/, '')} on {day(a.review.at)}
            {a.review.comment === '' ? '' : `: “${a.review.comment}”`}
          </p>
        )}
        <dl className="answers" aria-label="The five answers">
          {FIVE_HOWS.map((q) => (
            <div key={q.key}>
              <dt>{q.question}</dt>
              {q.key === 'response' ? (
                Object.keys(a.answers.response).length === 0 ? (
                  <dd className="muted">not answered yet</dd>
                ) : (
                  Object.entries(a.answers.response).map(([s, text]) => (
                    <dd key={s}>
                      <strong>{names.segments[s] ?? s}:</strong> {text}
                    </dd>
                  ))
                )
              ) : (
                <dd className={a.answers[q.key] === '' ? 'muted' : ''}>
                  {a.answers[q.key] === '' ? 'not answered yet' : a.answers[q.key]}
                </dd>
              )}
            </div>
          ))}
        </dl>
        <div className="actions" role="group" aria-label="Next steps">
          {a.can.edit ? (
            <button type="button" className="secondary" onClick={onEdit} disabled={busy}>
              Edit
            </button>
          ) : null}
          {a.can.submit ? (
            <button type="button" onClick={() => void act('submit')} disabled={busy}>
              Submit for review
            </button>
          ) : null}
        </div>
        {a.can.review ? (
          <form
            aria-label="Review"
            className="review-form"
            onSubmit={(e) => {
              e.preventDefault();
            }}
          >
            <label>
              Review comment
              <textarea
                aria-label="Review comment"
                rows={2}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            </label>
            <div className="actions">
              <button
                type="button"
                disabled={busy}
                onClick={() => void act('review', { decision: 'approved', comment })}
              >
                Approve
              </button>
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => void act('review', { decision: 'changes_requested', comment })}
              >
                Request changes
              </button>
            </div>
          </form>
        ) : null}
        {a.can.goLive ? (
          <form
            aria-label="Go live"
            className="go-live-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act('go-live', actionId.trim() === '' ? {} : { actionId: actionId.trim() });
            }}
          >
            <label>
              Improvement action to re-measure (optional)
              <input
                aria-label="Improvement action to re-measure (optional)"
                value={actionId}
                onChange={(e) => setActionId(e.target.value)}
              />
            </label>
            <button type="submit" disabled={busy}>
              Record go-live
            </button>
          </form>
        ) : null}
        {problem === undefined ? null : <ErrorState error={problem} />}
      </section>
      {a.exposure === null ? (
        <ErrorState error={{ message: `No exposure: ${a.exposureUnavailable ?? 'unknown'}` }} />
      ) : (
        <ExposurePanel exposure={a.exposure} names={names} />
      )}
    </article>
  );
}
