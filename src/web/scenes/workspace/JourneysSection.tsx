/**
 * Ideal journeys: per segment, an ordered list of touchpoint steps, each optional or
 * repeatable and with the designed emotion. Steps move up and down with buttons.
 */
import type { TModel } from './model-form.js';
import {
  CheckField,
  EditButton,
  NumberField,
  SelectField,
  TextField,
  useEditor,
} from './fields.js';
import { EntryButtons, ListEditor } from './ListEditor.js';
import { fieldId } from './model-paths.js';
import { newEntry, newStep } from './model-form.js';

export function JourneysSection() {
  const { model } = useEditor();
  return (
    <ListEditor
      path="idealJourneys"
      items={model.idealJourneys}
      noun="ideal journey"
      nameOf={(j) => `Ideal journey ${j.id}`}
      movable={false}
      newItem={() => newEntry(model, 'idealJourneys')}
    >
      {(j, i) => (
        <>
          <TextField path={`idealJourneys[${i}].id`} label="Id" />
          <TextField path={`idealJourneys[${i}].name`} label="Name" />
          <SelectField
            path={`idealJourneys[${i}].segment`}
            label="Segment"
            options={model.segments.map((s) => ({ value: s.id, label: `${s.name} (${s.id})` }))}
          />
          <Steps model={model} journey={j} index={i} />
        </>
      )}
    </ListEditor>
  );
}

function Steps({
  model,
  journey,
  index,
}: {
  model: TModel;
  journey: TModel['idealJourneys'][number];
  index: number;
}) {
  const { set, errorsAt } = useEditor();
  const path = `idealJourneys[${index}].steps`;
  const touchpoints = model.touchpoints.map((t) => ({ value: t.id, label: `${t.name} (${t.id})` }));
  const errors = errorsAt(path);
  const add = (): void => {
    set(path, [...journey.steps, newStep(model, journey.steps)]);
    const at = journey.steps.length;
    requestAnimationFrame(() =>
      document.getElementById(fieldId(`${path}[${at}].touchpoint`))?.focus(),
    );
  };
  return (
    <div className="steps wide">
      <h4 id={`${fieldId(path)}-title`}>Steps</h4>
      {errors.length === 0 ? null : <p className="wf-error">{errors.join('; ')}</p>}
      <div className="step step-head" aria-hidden="true">
        <span />
        <span>Touchpoint</span>
        <span />
        <span />
        <span>Emotion (−2…+2)</span>
        <span />
      </div>
      <ol aria-labelledby={`${fieldId(path)}-title`}>
        {journey.steps.map((step, s) => (
          <li key={s} className="step" aria-label={`Step ${s + 1}: ${step.touchpoint}`}>
            <span className="step-number" aria-hidden="true">
              {s + 1}
            </span>
            <SelectField
              path={`${path}[${s}].touchpoint`}
              label={`Step ${s + 1} touchpoint`}
              hideLabel
              options={touchpoints}
            />
            <CheckField path={`${path}[${s}].optional`} label="optional" />
            <CheckField path={`${path}[${s}].repeatable`} label="repeatable" />
            <NumberField
              path={`${path}[${s}].emotion`}
              label={`Step ${s + 1} emotion (−2 to +2)`}
              hideLabel
              optional
              placeholder="emotion"
              className="emotion"
            />
            <EntryButtons
              path={path}
              index={s}
              count={journey.steps.length}
              name={`step ${s + 1}`}
              movable
            />
          </li>
        ))}
      </ol>
      <EditButton onClick={add}>Add a step</EditButton>
    </div>
  );
}
