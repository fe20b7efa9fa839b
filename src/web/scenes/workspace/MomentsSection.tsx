/** Moments of truth defined by a rule: the n-th visit, a count of contacts, the first after. */
import { ListField, NumberField, SelectField, TextField, useEditor } from './fields.js';
import { ListEditor } from './ListEditor.js';
import { MOMENT_KINDS, momentRule, newEntry, type TMomentKind } from './model-form.js';

const KIND_LABELS: Record<TMomentKind, string> = {
  nthOccurrence: 'the n-th time at a touchpoint',
  contactsWithin: 'a number of contacts within days',
  firstAfter: 'the first time one touchpoint follows another',
};

export function MomentsSection() {
  const { model, set } = useEditor();
  const touchpoints = model.touchpoints.map((t) => ({ value: t.id, label: `${t.name} (${t.id})` }));
  return (
    <ListEditor
      path="momentsOfTruth"
      items={model.momentsOfTruth}
      noun="moment of truth"
      nameOf={(m) => `Moment of truth ${m.id}`}
      movable={false}
      newItem={() => newEntry(model, 'momentsOfTruth')}
      intro={
        <p className="muted">
          Touchpoints that are a moment of truth in themselves are flagged on the touchpoint; these
          are moments defined by a rule.
        </p>
      }
    >
      {(m, i) => {
        const p = `momentsOfTruth[${i}]`;
        const rule = m.rule;
        return (
          <>
            <TextField path={`${p}.id`} label="Id" />
            <TextField path={`${p}.name`} label="Name" className="wide-2" />
            <div className="wf">
              <label htmlFor={`ws-momentsOfTruth-${i}-rule-kind`}>Rule</label>
              <select
                id={`ws-momentsOfTruth-${i}-rule-kind`}
                value={rule.kind}
                onChange={(e) =>
                  set(`${p}.rule`, momentRule(e.currentTarget.value as TMomentKind, model, rule))
                }
              >
                {MOMENT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </div>
            {rule.kind === 'nthOccurrence' ? (
              <>
                <SelectField
                  path={`${p}.rule.touchpoint`}
                  label="Touchpoint"
                  options={touchpoints}
                />
                <NumberField path={`${p}.rule.n`} label="n (the n-th time)" />
              </>
            ) : null}
            {rule.kind === 'firstAfter' ? (
              <>
                <SelectField
                  path={`${p}.rule.touchpoint`}
                  label="Touchpoint"
                  options={touchpoints}
                />
                <SelectField path={`${p}.rule.after`} label="After" options={touchpoints} />
              </>
            ) : null}
            {rule.kind === 'contactsWithin' ? (
              <>
                <NumberField path={`${p}.rule.count`} label="Contacts" />
                <NumberField path={`${p}.rule.withinDays`} label="Within days" />
                <SelectField
                  path={`${p}.rule.stage`}
                  label="Stage"
                  options={model.stages}
                  none="any stage"
                />
                <SelectField
                  path={`${p}.rule.channel`}
                  label="Channel"
                  options={model.channels}
                  none="any channel"
                />
                <ListField
                  path={`${p}.rule.touchpoints`}
                  label="Only these touchpoints (ids, one per line)"
                  rows={2}
                />
              </>
            ) : null}
          </>
        );
      }}
    </ListEditor>
  );
}
