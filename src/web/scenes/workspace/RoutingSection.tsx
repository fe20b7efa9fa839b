/** Routing rules, first match wins: (segment, reason, channel) → treatment and fields. */
import { ListField, SelectField, TextField, useEditor } from './fields.js';
import { ListEditor } from './ListEditor.js';
import { TREATMENTS } from '../../../model/treatments.js';
import { newEntry, reasonOptions } from './model-form.js';

export function RoutingSection() {
  const { model } = useEditor();
  const segments = model.segments.map((s) => ({ value: s.id, label: `${s.name} (${s.id})` }));
  return (
    <ListEditor
      path="routing"
      items={model.routing}
      noun="routing rule"
      nameOf={(r) => `Routing rule ${r.id}`}
      movable
      newItem={() => newEntry(model, 'routing')}
      intro={
        <p className="muted">
          A contact takes the first rule, top to bottom, whose conditions all hold; a rule without
          conditions matches every contact.
        </p>
      }
    >
      {(_, i) => {
        const p = `routing[${i}]`;
        return (
          <>
            <TextField path={`${p}.id`} label="Id" />
            <SelectField
              path={`${p}.when.segment`}
              label="Segment"
              options={segments}
              none="any segment"
            />
            <SelectField
              path={`${p}.when.reason`}
              label="Reason"
              options={reasonOptions(model)}
              none="any reason"
            />
            <SelectField
              path={`${p}.when.channel`}
              label="Channel"
              options={model.channels}
              none="any channel"
            />
            <SelectField path={`${p}.treatment`} label="Treatment" options={TREATMENTS} />
            <ListField
              path={`${p}.fields`}
              label="Fields the frontline needs (one per line)"
              rows={2}
            />
            <TextField path={`${p}.description`} label="Description" className="wide" optional />
          </>
        );
      }}
    </ListEditor>
  );
}
