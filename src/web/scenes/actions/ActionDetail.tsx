/**
 * One action: what it fixes and the metric it must move, its status moves, plan, due date and
 * change date, the baseline, the before/after re-measurement with its interval and verdict,
 * comments and the audited history. Editing is offered to the CX team and to the members of
 * the owning team (the API checks it regardless).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, type TMe } from '../../api.js';
import { Async } from '../../ui/states.js';
import { asApiError, useApi } from '../../ui/use-api.js';
import type { TActionDetail, TActionResult } from '../../../service/actions/action-types.js';
import {
  differenceText,
  measurementText,
  statusLabel,
  statusMoves,
  verdictBadge,
} from './action-view.js';

type TDetail = TActionDetail & { remeasure: { ready: boolean; reason: string | null } };

type TProps = {
  id: string;
  me: TMe;
  teamName: (id: string) => string;
  onChanged: () => void;
  onClose: () => void;
};

export function ActionDetail({ id, me, teamName, onChanged, onClose }: TProps) {
  const load = useApi<TDetail>(`/api/actions/${encodeURIComponent(id)}`);
  return (
    <aside
      className="drawer action-detail"
      aria-label="Action"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <Async load={load} what="the action">
        {(a) => (
          <Detail
            a={a}
            me={me}
            teamName={teamName}
            onClose={onClose}
            onChanged={() => {
              load.reload();
              onChanged();
            }}
          />
        )}
      </Async>
    </aside>
  );
}

function Detail({
  a,
  me,
  teamName,
  onChanged,
  onClose,
}: {
  a: TDetail;
  me: TMe;
  teamName: (id: string) => string;
  onChanged: () => void;
  onClose: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [a.id]);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const canEdit =
    me.role === 'admin' || me.role === 'cx' || (me.role === 'team' && me.team === a.team);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
      onChanged();
    } catch (e) {
      setError(asApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  const path = `/api/actions/${encodeURIComponent(a.id)}`;
  return (
    <>
      <div className="case-head">
        <h3 tabIndex={-1} ref={heading}>
          {a.title}
        </h3>
        <button type="button" className="secondary small" onClick={onClose}>
          Close
        </button>
      </div>
      <p>
        <span className="badge" aria-label={`status ${a.status}`}>
          {statusLabel(a.status)}
        </span>{' '}
        owned by {teamName(a.team)}; moves <strong>{a.metricLabel}</strong>.
      </p>
      {a.problem === '' ? null : <p>{a.problem}</p>}
      {error === undefined ? null : (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {canEdit ? (
        <div className="buttons" role="group" aria-label="Status">
          {statusMoves(a.status).map((m) => (
            <button
              key={m.to}
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => void run(() => api.patch(path, { status: m.to }))}
            >
              {m.label}
            </button>
          ))}
        </div>
      ) : null}
      <PlanForm
        a={a}
        canEdit={canEdit}
        busy={busy}
        onSave={(c) => void run(() => api.patch(path, c))}
      />
      <section aria-labelledby="before-after-title" className="before-after">
        <h4 id="before-after-title">Before and after</h4>
        <p>
          Baseline:{' '}
          {a.baseline === null
            ? (a.baselineNote ?? 'not measured')
            : `${measurementText(a.baseline)} (${a.baseline.from.slice(0, 10)} to ${a.baseline.to.slice(0, 10)})`}
        </p>
        {a.result === null ? null : <Result result={a.result} />}
        {a.remeasure.ready ? null : <p className="muted">{a.remeasure.reason}</p>}
        {canEdit ? (
          <button
            type="button"
            disabled={busy || !a.remeasure.ready}
            onClick={() => void run(() => api.post(`${path}/remeasure`))}
          >
            Re-measure
          </button>
        ) : null}
      </section>
      <Comments
        a={a}
        canEdit={canEdit}
        busy={busy}
        onAdd={(body) => run(() => api.post(`${path}/comments`, { body }))}
      />
      <details>
        <summary>History ({a.history.length})</summary>
        <ol className="action-history">
          {a.history.map((h, i) => (
            <li key={i}>
              {h.at.slice(0, 16).replace('T', ' ')} {h.actor}: {h.action.replace('action.', '')}{' '}
              {h.detail === null ? '' : <code>{JSON.stringify(h.detail)}</code>}
            </li>
          ))}
        </ol>
      </details>
    </>
  );
}

function Result({ result }: { result: TActionResult }) {
  const badge = verdictBadge(result.comparison);
  const unit = result.after.unit;
  return (
    <div className="action-result" aria-label="Re-measurement">
      <p>
        <span className={`badge ${badge.tone}`}>{badge.text}</span>
      </p>
      <dl>
        <dt>
          Before ({result.before.from.slice(0, 10)} to {result.before.to.slice(0, 10)})
        </dt>
        <dd>{measurementText(result.before)}</dd>
        <dt>
          After ({result.after.from.slice(0, 10)} to {result.after.to.slice(0, 10)})
        </dt>
        <dd>{measurementText(result.after)}</dd>
        <dt>Difference</dt>
        <dd>{differenceText(result.comparison, unit)}</dd>
      </dl>
      <p className="muted">{result.comparison.explanation}</p>
      <p className="muted">Definition: {result.after.definition.replace(/, from .*$/, '')}.</p>
    </div>
  );
}

function PlanForm({
  a,
  canEdit,
  busy,
  onSave,
}: {
  a: TDetail;
  canEdit: boolean;
  busy: boolean;
  onSave: (change: Record<string, unknown>) => void;
}) {
  const [plan, setPlan] = useState(a.plan);
  const [due, setDue] = useState(a.dueDate ?? '');
  const [change, setChange] = useState(a.changeDate?.slice(0, 10) ?? '');
  const [windowDays, setWindowDays] = useState(String(a.windowDays));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c: Record<string, unknown> = {};
    if (plan !== a.plan) c.plan = plan;
    if (due !== (a.dueDate ?? '')) c.dueDate = due === '' ? null : due;
    if (change !== (a.changeDate?.slice(0, 10) ?? '')) c.changeDate = change === '' ? null : change;
    if (Number(windowDays) !== a.windowDays) c.windowDays = Number(windowDays);
    if (Object.keys(c).length > 0) onSave(c);
  };
  return (
    <form className="action-plan" aria-label="Plan" onSubmit={submit}>
      <label>
        Plan
        <textarea
          value={plan}
          rows={3}
          disabled={!canEdit}
          onChange={(e) => setPlan(e.target.value)}
        />
      </label>
      <label>
        Due date
        <input
          type="date"
          value={due}
          disabled={!canEdit}
          onChange={(e) => setDue(e.target.value)}
        />
      </label>
      <label>
        Change date
        <input
          type="date"
          value={change}
          disabled={!canEdit}
          onChange={(e) => setChange(e.target.value)}
        />
      </label>
      <label>
        Measuring window (days)
        <input
          type="number"
          min={1}
          max={366}
          value={windowDays}
          disabled={!canEdit}
          onChange={(e) => setWindowDays(e.target.value)}
        />
      </label>
      {canEdit ? (
        <button type="submit" className="secondary" disabled={busy}>
          Save plan
        </button>
      ) : null}
    </form>
  );
}

function Comments({
  a,
  canEdit,
  busy,
  onAdd,
}: {
  a: TDetail;
  canEdit: boolean;
  busy: boolean;
  onAdd: (body: string) => Promise<void>;
}) {
  const [body, setBody] = useState('');
  return (
    <section aria-labelledby="comments-title">
      <h4 id="comments-title">Comments ({a.commentList.length})</h4>
      <ul className="action-comments">
        {a.commentList.map((c) => (
          <li key={c.id}>
            <span className="muted">
              {c.author}, {c.createdAt.slice(0, 16).replace('T', ' ')}
            </span>
            <p>{c.body}</p>
          </li>
        ))}
      </ul>
      {canEdit ? (
        <form
          aria-label="New comment"
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim() !== '') void onAdd(body).then(() => setBody(''));
          }}
        >
          <label>
            Comment
            <textarea value={body} rows={2} onChange={(e) => setBody(e.target.value)} />
          </label>
          <button type="submit" className="secondary" disabled={busy || body.trim() === ''}>
            Add comment
          </button>
        </form>
      ) : null}
    </section>
  );
}
