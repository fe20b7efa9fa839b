/**
 * "Try a routing decision": the form a frontline system would fill (customer, reason,
 * channel), sent to `POST /api/route`, and the answer — the treatment, the rule that matched
 * and why, the fields the frontline needs, and what the live context changed.
 */
import { useEffect, useRef, useState, type FormEvent, type Ref } from 'react';
import { api } from '../../api.js';
import { count } from '../../ui/format.js';
import { ErrorState } from '../../ui/states.js';
import { asApiError } from '../../ui/use-api.js';
import type { TContactReason, TRouteAnswer } from './routing-types.js';
import { routeRequest, treatmentLabel, type TTryForm } from './routing-view.js';

type TProps = {
  reasons: readonly TContactReason[];
  channels: readonly string[];
  /** A reason picked in the taxonomy browser, to try. */
  picked: { primary: string; secondary: string; at: number } | undefined;
  canRoute: boolean;
};

export function TryRouting({ reasons, channels, picked, canRoute }: TProps) {
  const [form, setForm] = useState<TTryForm>({
    customer: '',
    primary: reasons[0]?.id ?? '',
    secondary: '',
    channel: channels[0] ?? '',
  });
  const [answer, setAnswer] = useState<TRouteAnswer | undefined>();
  const [problem, setProblem] = useState<{ message: string; status?: number } | undefined>();
  const [sending, setSending] = useState(false);
  const answerRef = useRef<HTMLElement>(null);
  const customerRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (picked === undefined) return;
    setForm((f) => ({ ...f, primary: picked.primary, secondary: picked.secondary }));
    customerRef.current?.focus();
  }, [picked]);
  useEffect(() => {
    if (answer !== undefined) answerRef.current?.scrollIntoView({ block: 'nearest' });
  }, [answer]);

  const secondaries = reasons.find((r) => r.id === form.primary)?.secondary ?? [];
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const built = routeRequest(form);
    if ('error' in built) {
      setProblem({ message: built.error });
      return;
    }
    setSending(true);
    setProblem(undefined);
    try {
      setAnswer(await api.post<TRouteAnswer>('/api/route', built.request));
    } catch (err) {
      const error = asApiError(err);
      setAnswer(undefined);
      setProblem({ message: error.message, status: error.status });
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="panel try-routing" aria-labelledby="try-title">
      <h3 id="try-title">Try a routing decision</h3>
      {canRoute ? null : (
        <p className="muted">Only administrators and the CX team can ask for routing decisions.</p>
      )}
      <form aria-label="Try a routing decision" onSubmit={(e) => void submit(e)}>
        <label>
          Customer id
          <input
            ref={customerRef}
            value={form.customer}
            placeholder="C000001"
            autoComplete="off"
            onChange={(e) => setForm({ ...form, customer: e.target.value })}
          />
        </label>
        <label>
          Primary reason
          <select
            aria-label="Primary reason"
            value={form.primary}
            onChange={(e) => setForm({ ...form, primary: e.target.value, secondary: '' })}
          >
            {reasons.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Secondary reason
          <select
            aria-label="Secondary reason"
            value={form.secondary}
            onChange={(e) => setForm({ ...form, secondary: e.target.value })}
          >
            <option value="">none (the primary reason only)</option>
            {secondaries.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Channel
          {channels.length === 0 ? (
            <input
              value={form.channel}
              onChange={(e) => setForm({ ...form, channel: e.target.value })}
            />
          ) : (
            <select
              aria-label="Channel"
              value={form.channel}
              onChange={(e) => setForm({ ...form, channel: e.target.value })}
            >
              {channels.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </label>
        <button type="submit" disabled={sending || !canRoute}>
          {sending ? 'Routing…' : 'Route'}
        </button>
      </form>
      <p className="muted note">
        A decision asked for here is a real one: it is written to the decision log and counted in
        the reports from the routing decisions.
      </p>
      {problem === undefined ? null : <ErrorState error={problem} />}
      {answer === undefined ? null : <Answer answer={answer} ref={answerRef} />}
    </section>
  );
}

function Answer({ answer: a, ref }: { answer: TRouteAnswer; ref: Ref<HTMLElement> }) {
  const tone =
    a.treatment === 'self-service' ? 'good' : a.treatment.startsWith('human') ? 'warn' : '';
  return (
    <section className="route-answer" aria-label="Routing decision" ref={ref}>
      <dl>
        <dt>Treatment</dt>
        <dd>
          <span className={`badge treatment ${tone}`} data-treatment={a.treatment}>
            {treatmentLabel(a.treatment)}
          </span>{' '}
          <code>{a.treatment}</code>
        </dd>
        <dt>Rule</dt>
        <dd>
          {a.rule === null ? (
            'none matched: a person can handle anything'
          ) : (
            <code className="rule">{a.rule}</code>
          )}
          {a.baseTreatment === a.treatment ? null : (
            <span className="muted"> (its treatment: {a.baseTreatment})</span>
          )}
        </dd>
        <dt>Why</dt>
        <dd className="why">{a.why}</dd>
        <dt>Fields to ask for</dt>
        <dd>
          {a.fields.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <ul className="fields">
              {a.fields.map((f) => (
                <li key={f}>
                  <code>{f}</code>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Customer</dt>
        <dd>
          {a.customer.id ?? 'no id'} ({a.customer.known ? 'known' : 'not in the customer data'}),
          segment {a.customer.segment ?? 'none'}, {a.customer.serviceTier ?? 'no'} service tier
        </dd>
        <dt>Live context</dt>
        <dd>
          {count(a.friction.contacts)} contact{a.friction.contacts === 1 ? '' : 's'} in the last{' '}
          {count(a.friction.windowDays)} days, this one included
          {a.friction.active ? (
            <>
              {' '}
              — in friction:{' '}
              {[
                a.friction.repeatContact ? 'repeat contact' : null,
                a.friction.unresolvedContact === null ? null : 'an unresolved contact',
                a.friction.declared ? 'declared' : null,
              ]
                .filter((x) => x !== null)
                .join(', ')}
            </>
          ) : (
            ', not in friction'
          )}
        </dd>
      </dl>
    </section>
  );
}
