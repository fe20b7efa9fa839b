/**
 * The alert rule editor: the metric (picked from the workspace's touchpoints, stages, teams,
 * segments and moments of truth), the condition (a threshold, or a change against a
 * baseline), the period, the minimum n, and who is told (the inbox, webhook subscriptions).
 * Shares are typed in percent. The server's answer to a bad rule names the field; it is shown
 * as it is.
 */
import { useId, useState, type ReactNode } from 'react';
import { FRICTION_TYPES, frictionLabel } from '../../../model/gap-kinds.js';
import type { TAlertRule } from '../../../service/alerts/alert-types.js';
import { api } from '../../api.js';
import { ErrorState } from '../../ui/states.js';
import { asApiError, useApi } from '../../ui/use-api.js';
import {
  bodyOf,
  emptyForm,
  formOf,
  METRIC_KINDS,
  thresholdInPercent,
  type TRuleForm,
} from './rule-form.js';

type TModel = {
  stages: string[];
  teams: { id: string; name: string }[];
  segments: { id: string; name: string }[];
  touchpoints: { id: string; name: string }[];
  momentsOfTruth: { id: string; name: string }[];
};
type TWebhook = {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  description: string | null;
};

export function RuleEditor({
  rule,
  onSaved,
  onCancel,
}: {
  rule: TAlertRule | undefined;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState<TRuleForm>(() =>
    rule === undefined ? emptyForm() : formOf(rule),
  );
  const [errors, setErrors] = useState<Partial<Record<keyof TRuleForm, string>>>({});
  const [problem, setProblem] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const uid = useId();
  const model = useApi<{ workspace: TModel | null }>('/api/workspace');
  const hooks = useApi<{ webhooks: TWebhook[] }>('/api/webhooks');
  const ws = model.state === 'ready' ? model.data.workspace : null;
  const set = <K extends keyof TRuleForm>(key: K, value: TRuleForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const save = async (): Promise<void> => {
    const result = bodyOf(form);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setProblem(undefined);
    setSaving(true);
    try {
      if (rule === undefined) await api.post('/api/alert-rules', result.body);
      else await api.patch(`/api/alert-rules/${encodeURIComponent(rule.id)}`, result.body);
      onSaved();
    } catch (e) {
      setProblem(asApiError(e).message);
    } finally {
      setSaving(false);
    }
  };

  const idOf = (key: keyof TRuleForm) => `${uid}-${key}`;
  // The label names the input by `for`, not by wrapping it: a wrapped select would add its
  // chosen option to its own name.
  const field = (key: keyof TRuleForm, label: string, input: ReactNode) => (
    <div className="rule-field">
      <label htmlFor={idOf(key)}>{label}</label>
      {input}
      {errors[key] === undefined ? null : (
        <span className="field-error" id={`${idOf(key)}-error`} role="alert">
          {errors[key]}
        </span>
      )}
    </div>
  );
  const described = (key: keyof TRuleForm) =>
    errors[key] === undefined
      ? { id: idOf(key) }
      : { id: idOf(key), 'aria-invalid': true, 'aria-describedby': `${idOf(key)}-error` };
  const select = (key: keyof TRuleForm, options: readonly (readonly [string, string])[]) => (
    <select
      {...described(key)}
      value={String(form[key])}
      onChange={(e) => set(key, e.target.value as never)}
    >
      {options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </select>
  );
  const textInput = (key: keyof TRuleForm, props: Record<string, string> = {}) => (
    <input
      {...described(key)}
      value={String(form[key])}
      onChange={(e) => set(key, e.target.value as never)}
      {...props}
    />
  );
  const any = (label: string) => [['', label]] as const;
  const ids = (xs: { id: string; name: string }[] | undefined) =>
    (xs ?? []).map((x) => [x.id, x.name] as const);
  const stages = (ws?.stages ?? []).map((s) => [s, s] as const);
  const moments = [
    ...any('choose…'),
    ...(ws?.touchpoints ?? []).map((t) => [`touchpoint:${t.id}`, `Touchpoint: ${t.name}`] as const),
    ...(ws?.momentsOfTruth ?? []).map((m) => [`rule:${m.id}`, `Moment: ${m.name}`] as const),
  ];
  const percent = thresholdInPercent(form);

  return (
    <form
      className="panel rule-editor"
      aria-label={rule === undefined ? 'New alert rule' : `Edit ${rule.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{rule === undefined ? 'New alert rule' : `Edit ${rule.name}`}</h3>
      {model.state === 'error' ? (
        <ErrorState
          error={{
            message: `The workspace's touchpoints and stages cannot be read: ${model.error.message}`,
          }}
          onRetry={model.reload}
        />
      ) : null}
      <fieldset>
        <legend>Rule</legend>
        {field('name', 'Name', textInput('name', { placeholder: 'Repeat calls at Care' }))}
        {field('description', 'Description', textInput('description'))}
      </fieldset>
      <fieldset>
        <legend>Metric</legend>
        {field('metricKind', 'Metric', select('metricKind', METRIC_KINDS))}
        {form.metricKind === 'friction' ? (
          <>
            {field(
              'frictionType',
              'Friction',
              select(
                'frictionType',
                FRICTION_TYPES.map((t) => [t, frictionLabel(t)] as const),
              ),
            )}
            {field(
              'per',
              'Counted as',
              select('per', [
                ['customer', 'share of customers affected'],
                ['journeys', 'per 1,000 journeys'],
              ]),
            )}
            {field(
              'touchpoint',
              'Touchpoint',
              select('touchpoint', [...any('any'), ...ids(ws?.touchpoints)]),
            )}
            {field('team', 'Team', select('team', [...any('any'), ...ids(ws?.teams)]))}
            {field('stage', 'Stage', select('stage', [...any('any'), ...stages]))}
            {field('segment', 'Segment', select('segment', [...any('any'), ...ids(ws?.segments)]))}
          </>
        ) : null}
        {form.metricKind === 'stageConversion'
          ? field('stage', 'Stage', select('stage', [...any('choose…'), ...stages.slice(0, -1)]))
          : null}
        {form.metricKind === 'momentSuccess' || form.metricKind === 'momentSatisfaction'
          ? field('moment', 'Moment of truth', select('moment', moments))
          : null}
        {form.metricKind === 'momentSatisfaction'
          ? field('survey', 'Survey', textInput('survey', { list: 'alert-surveys' }))
          : null}
        <datalist id="alert-surveys">
          <option value="csat" />
          <option value="nps" />
          <option value="ces" />
        </datalist>
      </fieldset>
      <fieldset>
        <legend>Condition</legend>
        {field(
          'conditionKind',
          'Kind',
          select('conditionKind', [
            ['absolute', 'a threshold'],
            ['relative', 'a change against a baseline'],
          ]),
        )}
        {field(
          'direction',
          'In breach when the metric is',
          select('direction', [
            ['', 'worse (default for the metric)'],
            ['above', 'above'],
            ['below', 'below'],
          ]),
        )}
        {form.conditionKind === 'absolute' ? (
          field(
            'threshold',
            percent ? 'Threshold (%)' : 'Threshold',
            textInput('threshold', { inputMode: 'decimal' }),
          )
        ) : (
          <>
            {field(
              'change',
              'Change (% of the baseline)',
              textInput('change', { inputMode: 'decimal' }),
            )}
            {field(
              'baselineKind',
              'Baseline',
              select('baselineKind', [
                ['previous', 'the periods just before'],
                ['fixed', 'a fixed period'],
              ]),
            )}
            {form.baselineKind === 'previous' ? (
              field('periods', 'Periods before', textInput('periods', { inputMode: 'numeric' }))
            ) : (
              <>
                {field('baselineFrom', 'From', textInput('baselineFrom', { type: 'date' }))}
                {field('baselineTo', 'To (excluded)', textInput('baselineTo', { type: 'date' }))}
              </>
            )}
          </>
        )}
        {field(
          'period',
          'Period',
          select('period', [
            ['day', 'the last day'],
            ['week', 'the last 7 days'],
            ['month', 'the last 30 days'],
          ]),
        )}
        {field('minN', 'Minimum observations', textInput('minN', { inputMode: 'numeric' }))}
        {field(
          'hysteresis',
          'Resolve past the limit by (% of it)',
          textInput('hysteresis', { inputMode: 'decimal' }),
        )}
        <label className="rule-check">
          <input
            type="checkbox"
            checked={form.wholeInterval}
            onChange={(e) => set('wholeInterval', e.target.checked)}
          />
          Only when the whole 95% interval is past the limit
        </label>
      </fieldset>
      <fieldset>
        <legend>Who is told</legend>
        <label className="rule-check">
          <input
            type="checkbox"
            checked={form.inApp}
            onChange={(e) => set('inApp', e.target.checked)}
          />
          The alerts inbox in the app
        </label>
        {hooks.state === 'ready'
          ? hooks.data.webhooks.map((h) => {
              const takes = h.events.includes('alert.raised');
              return (
                <label key={h.id} className="rule-check">
                  <input
                    type="checkbox"
                    disabled={!takes && !form.webhooks.includes(h.id)}
                    checked={form.webhooks.includes(h.id)}
                    onChange={(e) =>
                      set(
                        'webhooks',
                        e.target.checked
                          ? [...form.webhooks, h.id]
                          : form.webhooks.filter((x) => x !== h.id),
                      )
                    }
                  />
                  Webhook {h.description ?? h.url}
                  {takes ? '' : ' (does not take alert events)'}
                </label>
              );
            })
          : null}
        {hooks.state === 'ready' && hooks.data.webhooks.length === 0 ? (
          <p className="muted">
            No webhook subscriptions yet (POST /api/webhooks, e.g. a Slack incoming webhook).
          </p>
        ) : null}
        <label className="rule-check">
          <input
            type="checkbox"
            checked={form.enabled}
            onChange={(e) => set('enabled', e.target.checked)}
          />
          Enabled
        </label>
      </fieldset>
      {problem === undefined ? null : <ErrorState error={{ message: problem }} />}
      <div className="tools">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save rule'}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
