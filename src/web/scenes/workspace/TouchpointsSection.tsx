/**
 * Touchpoints: stage, channel, owning team, layer, whether it is a moment of truth, and the
 * raw activity names (or /patterns/) of the event data that mean it. A filter narrows a long
 * list.
 */
import { useState } from 'react';
import { CheckField, ListField, SelectField, TextField, useEditor } from './fields.js';
import { ListEditor } from './ListEditor.js';
import { newEntry } from './model-form.js';

export function TouchpointsSection() {
  const { model } = useEditor();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const teams = model.teams.map((t) => ({ value: t.id, label: `${t.name} (${t.id})` }));
  return (
    <ListEditor
      path="touchpoints"
      items={model.touchpoints}
      noun="touchpoint"
      nameOf={(t) => `Touchpoint ${t.id}`}
      movable
      newItem={() => newEntry(model, 'touchpoints')}
      filter={(t) =>
        needle === '' ||
        [t.id, t.name, t.stage, t.channel, t.owner, ...t.activities].some((s) =>
          s.toLowerCase().includes(needle),
        )
      }
      intro={
        <label className="ws-filter">
          Filter touchpoints{' '}
          <input
            type="search"
            value={filter}
            placeholder="id, name, stage, channel, team or activity"
            onChange={(e) => setFilter(e.currentTarget.value)}
          />
        </label>
      }
    >
      {(_, i) => {
        const p = `touchpoints[${i}]`;
        return (
          <>
            <TextField path={`${p}.id`} label="Id" />
            <TextField path={`${p}.name`} label="Name" />
            <SelectField path={`${p}.stage`} label="Stage" options={model.stages} />
            <SelectField path={`${p}.channel`} label="Channel" options={model.channels} />
            <SelectField path={`${p}.owner`} label="Owner team" options={teams} />
            <SelectField path={`${p}.layer`} label="Layer" options={['frontstage', 'backstage']} />
            <CheckField path={`${p}.momentOfTruth`} label="Moment of truth" />
            <ListField
              path={`${p}.activities`}
              label="Activities (one per line; /pattern/i for a regex)"
              className="wide"
              rows={2}
            />
          </>
        );
      }}
    </ListEditor>
  );
}
