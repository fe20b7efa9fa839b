/** Segments: who belongs (a rule in YAML), their service tier and value; first match wins. */
import { CodeField, NumberField, TextField, useEditor } from './fields.js';
import { ListEditor } from './ListEditor.js';
import { newEntry, parseRuleText, ruleText } from './model-form.js';

export function SegmentsSection() {
  const { model } = useEditor();
  return (
    <ListEditor
      path="segments"
      items={model.segments}
      noun="segment"
      nameOf={(s) => `Segment ${s.id}`}
      movable
      newItem={() => newEntry(model, 'segments')}
      intro={
        <p className="muted">
          Each customer belongs to the first segment, top to bottom, whose rule matches their
          attributes: put the catch-all (<code>always</code>) last.
        </p>
      }
    >
      {(_, i) => (
        <>
          <TextField path={`segments[${i}].id`} label="Id" />
          <TextField path={`segments[${i}].name`} label="Name" />
          <TextField path={`segments[${i}].serviceTier`} label="Service tier" />
          <NumberField path={`segments[${i}].annualValue`} label="Annual value" optional />
          <CodeField
            path={`segments[${i}].rule`}
            label="Rule (YAML)"
            className="wide"
            show={ruleText}
            read={parseRuleText}
          />
        </>
      )}
    </ListEditor>
  );
}
