/**
 * The assumptions every opportunity is priced with, as fields: the churn risks, the cost of
 * one contact per channel and the yearly value of a customer per segment. Each edited field is
 * marked with the value it replaced; "Reset" brings back the server's.
 */
import type { TAnalysis } from '../../analysis-types.js';
import { Link } from '../../router.js';
import { percent } from '../../ui/format.js';
import {
  fieldKeys,
  fieldText,
  fieldValue,
  type TAssumptions,
  type TFieldKey,
} from './assumptions.js';
import { unitMoney } from './opportunity-rows.js';

type TProps = {
  base: TAssumptions;
  texts: Partial<Record<TFieldKey, string>>;
  errors: Partial<Record<TFieldKey, string>>;
  changed: readonly TFieldKey[];
  currency: string;
  names: TAnalysis['names'];
  onEdit: (key: TFieldKey, text: string) => void;
  onReset: () => void;
};

export function AssumptionsForm(props: TProps) {
  const { base, changed, names } = props;
  const keys = fieldKeys(base);
  const shares = keys.filter((k) => k === 'churnRisk' || k === 'detractorChurnRisk');
  const costs = keys.filter((k) => k.startsWith('cost:'));
  const segments = keys.filter((k) => k.startsWith('segment:'));
  const label = (key: TFieldKey): { short: string; long: string } => {
    if (key === 'churnRisk') {
      return {
        short: 'Flat churn risk',
        long: 'Churn risk of a customer who meets the friction (assumed)',
      };
    }
    if (key === 'detractorChurnRisk') {
      return {
        short: 'Detractor churn',
        long: 'Extra churn risk of a detractor (where feedback measured the gap)',
      };
    }
    if (key.startsWith('cost:')) {
      const channel = key.slice(5);
      return { short: channel, long: `Cost of one contact by ${channel}` };
    }
    const id = key.slice(8);
    const name = id === '' ? 'no segment' : (names.segments[id] ?? id);
    return { short: name, long: `Value a year of a customer in segment ${name}` };
  };
  const was = (key: TFieldKey): string => {
    const v = fieldValue(base, key);
    if (v === undefined) return 'was not set';
    return `was ${key.startsWith('segment:') || key.startsWith('cost:') ? unitMoney(v, props.currency) : percent(v)}`;
  };
  const field = (key: TFieldKey) => {
    const l = label(key);
    const edited = changed.includes(key);
    const error = props.errors[key];
    const unit = key === 'churnRisk' || key === 'detractorChurnRisk' ? '%' : props.currency;
    const id = `assumption-${key.replace(/[^a-z0-9-]/gi, '-')}`;
    return (
      <div key={key} className={`assumption${edited ? ' changed' : ''}`}>
        <label htmlFor={id} title={l.long}>
          {l.short}
        </label>
        <span className="assumption-input">
          <input
            id={id}
            type="text"
            inputMode="decimal"
            aria-label={l.long}
            aria-invalid={error !== undefined}
            aria-describedby={`${id}-note`}
            value={props.texts[key] ?? fieldText(base, key)}
            placeholder="not set"
            onChange={(e) => props.onEdit(key, e.target.value)}
          />
          <span className="unit" aria-hidden="true">
            {unit}
          </span>
        </span>
        <span id={`${id}-note`} className={error === undefined ? 'assumption-note' : 'field-error'}>
          {error ?? (edited ? `changed, ${was(key)}` : '')}
        </span>
      </div>
    );
  };
  return (
    <section className="panel assumptions" aria-labelledby="assumptions-title">
      <div className="assumptions-head">
        <h3 id="assumptions-title">Assumptions</h3>
        <span
          className={`assumptions-status ${changed.length > 0 ? 'badge warn' : 'muted'}`}
          aria-live="polite"
        >
          {changed.length === 0
            ? 'as the workspace states them'
            : `${changed.length} changed: figures and ranking priced again`}
        </span>
        <button
          type="button"
          className="secondary small"
          onClick={props.onReset}
          disabled={changed.length === 0 && Object.keys(props.errors).length === 0}
        >
          Reset
        </button>
      </div>
      <p className="muted note">
        Change an assumption and every figure is priced again at once, with the same code the server
        uses. Changes stay in this browser; to keep them, edit <code>costModel</code> and the
        segments&apos; <code>annualValue</code> in the <Link to="/workspace">workspace</Link>.
      </p>
      <div className="assumption-groups">
        <fieldset>
          <legend>Churn</legend>
          {shares.map(field)}
        </fieldset>
        <fieldset>
          <legend>Cost to serve one contact</legend>
          {costs.map(field)}
        </fieldset>
        <fieldset>
          <legend>Value of a customer a year</legend>
          {segments.map(field)}
        </fieldset>
      </div>
    </section>
  );
}
