/** The lifecycle stages in order, the channels, and the teams that own touchpoints. */
import { EditButton, ListField, TextField, useEditor } from './fields.js';
import { EntryButtons, ListEditor } from './ListEditor.js';
import { freeId, newEntry } from './model-form.js';

export function StagesSection() {
  const { model, set, errorsAt } = useEditor();
  const listErrors = errorsAt('stages');
  return (
    <>
      <section className="panel" aria-labelledby="ws-stages-title">
        <h3 id="ws-stages-title">Stages</h3>
        <p className="muted">The lifecycle from the customer&apos;s point of view, in order.</p>
        {listErrors.length === 0 ? null : <p className="wf-error">{listErrors.join('; ')}</p>}
        <ol className="stage-list">
          {model.stages.map((stage, i) => (
            <li key={i}>
              <TextField path={`stages[${i}]`} label={`Stage ${i + 1}`} hideLabel />
              <EntryButtons
                path="stages"
                index={i}
                count={model.stages.length}
                name={`stage ${stage}`}
                movable
              />
            </li>
          ))}
        </ol>
        <EditButton
          onClick={() => set('stages', [...model.stages, freeId('New stage', model.stages)])}
        >
          Add a stage
        </EditButton>
      </section>
      <section className="panel" aria-labelledby="ws-channels-title">
        <h3 id="ws-channels-title">Channels</h3>
        <ListField path="channels" label="Channels, one per line" rows={4} />
      </section>
      <section className="panel" aria-labelledby="ws-teams-title">
        <h3 id="ws-teams-title">Teams</h3>
        <ListEditor
          path="teams"
          items={model.teams}
          noun="team"
          nameOf={(t) => `Team ${t.id}`}
          movable={false}
          newItem={() => newEntry(model, 'teams')}
        >
          {(_, i) => (
            <>
              <TextField path={`teams[${i}].id`} label="Id" />
              <TextField path={`teams[${i}].name`} label="Name" />
            </>
          )}
        </ListEditor>
      </section>
    </>
  );
}
