/** The contact-reason taxonomy: primary reasons, each with its secondary reasons. */
import { EditButton, TextField, useEditor } from './fields.js';
import { EntryButtons, ListEditor } from './ListEditor.js';
import { freeId, newEntry } from './model-form.js';

export function ReasonsSection() {
  const { model, set } = useEditor();
  return (
    <ListEditor
      path="contactReasons"
      items={model.contactReasons}
      noun="primary reason"
      nameOf={(r) => `Reason ${r.id}`}
      movable
      newItem={() => newEntry(model, 'contactReasons')}
      intro={
        <p className="muted">
          Events and routing name a reason as <code>primary</code> or <code>primary/secondary</code>
          .
        </p>
      }
    >
      {(r, i) => {
        const path = `contactReasons[${i}].secondary`;
        return (
          <>
            <TextField path={`contactReasons[${i}].id`} label="Id" />
            <TextField path={`contactReasons[${i}].name`} label="Name" />
            <div className="secondary-reasons wide">
              <h4>Secondary reasons of {r.id}</h4>
              <ul>
                {r.secondary.map((s, k) => (
                  <li key={k}>
                    <TextField
                      path={`${path}[${k}].id`}
                      label={`Secondary reason ${k + 1} of ${r.id}: id`}
                      hideLabel
                      placeholder="id"
                    />
                    <TextField
                      path={`${path}[${k}].name`}
                      label={`Secondary reason ${k + 1} of ${r.id}: name`}
                      hideLabel
                      placeholder="name"
                    />
                    <EntryButtons
                      path={path}
                      index={k}
                      count={r.secondary.length}
                      name={`reason ${r.id}/${s.id}`}
                      movable
                    />
                  </li>
                ))}
              </ul>
              <EditButton
                onClick={() =>
                  set(path, [
                    ...r.secondary,
                    {
                      id: freeId(
                        'new',
                        r.secondary.map((s) => s.id),
                      ),
                      name: 'New secondary reason',
                    },
                  ])
                }
              >
                Add a secondary reason to {r.id}
              </EditButton>
            </div>
          </>
        );
      }}
    </ListEditor>
  );
}
