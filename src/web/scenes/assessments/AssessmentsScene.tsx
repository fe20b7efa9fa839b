/**
 * Change assessments ("5 Hows"): the list, a form to start or change one with the exposure
 * shown live, and one assessment with its review flow. The assessment open is in the address
 * (?id=…, ?new=1), so it can be shared.
 */
import { useState } from 'react';
import type { TSceneProps } from '../../scenes.js';
import type {
  TAssessment,
  TAssessmentWithExposure,
} from '../../../service/assessments/assessment-types.js';
import { navigate, useQueryParam } from '../../router.js';
import { day } from '../../ui/format.js';
import { Async, Empty } from '../../ui/states.js';
import { useApi } from '../../ui/use-api.js';
import { AssessmentDetail } from './AssessmentDetail.js';
import { AssessmentForm, type TModel } from './AssessmentForm.js';
import { emptyForm, formFrom, STATUS_LABEL, STATUS_TONE } from './assessment-view.js';
import './assessments.css';

export function AssessmentsScene({ me }: TSceneProps) {
  const [id] = useQueryParam('id');
  const [fresh, setFresh] = useQueryParam('new');
  const list = useApi<{ assessments: TAssessment[] }>('/api/assessments');
  const model = useApi<{ workspace: TModel | null }>('/api/workspace');
  const canCreate = me.role === 'admin' || me.role === 'cx' || me.role === 'team';
  // One navigation for both parameters: two in a row would each start from the old query.
  const open = (next: string | undefined): void => {
    navigate(next === undefined ? '/assessments' : `/assessments?id=${encodeURIComponent(next)}`, {
      replace: true,
    });
  };
  return (
    <>
      <header className="scene-head">
        <h2>Assessments</h2>
        <div className="tools">
          {canCreate ? (
            <button type="button" onClick={() => navigate('/assessments?new=1', { replace: true })}>
              New assessment
            </button>
          ) : null}
        </div>
      </header>
      <p className="muted intro">
        Before a team changes a process it answers five questions about the customers it touches;
        Journeylens fills in who passes there, and the CX team reviews it.
      </p>
      <Async load={model} what="the workspace">
        {(m) =>
          m.workspace === null ? (
            <Empty>There is no workspace model yet: define touchpoints first.</Empty>
          ) : (
            <div className="assessments">
              <Async load={list} what="the assessments">
                {(l) => (
                  <AssessmentList
                    items={l.assessments}
                    model={m.workspace!}
                    selected={id}
                    onOpen={open}
                  />
                )}
              </Async>
              {fresh === '1' ? (
                <AssessmentForm
                  model={m.workspace}
                  initial={emptyForm(me.role === 'team' ? (me.team ?? '') : '')}
                  id={undefined}
                  teamLocked={me.role === 'team'}
                  onSaved={(a) => {
                    list.reload();
                    open(a.id);
                  }}
                  onCancel={() => setFresh(undefined)}
                />
              ) : id === undefined ? null : (
                <Opened
                  key={id}
                  id={id}
                  model={m.workspace}
                  teamLocked={me.role === 'team'}
                  onChanged={list.reload}
                />
              )}
            </div>
          )
        }
      </Async>
    </>
  );
}

function AssessmentList(props: {
  items: TAssessment[];
  model: TModel;
  selected: string | undefined;
  onOpen: (id: string) => void;
}) {
  if (props.items.length === 0) {
    return <Empty>No change assessments yet. Start one before the next process change.</Empty>;
  }
  const team = (id: string) => props.model.teams.find((t) => t.id === id)?.name ?? id;
  return (
    <table aria-label="Change assessments" className="assessment-list">
      <thead>
        <tr>
          <th scope="col">Change</th>
          <th scope="col">Owner team</th>
          <th scope="col">Status</th>
          <th scope="col">Planned go-live</th>
          <th scope="col" className="num">
            Touchpoints
          </th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((a) => (
          <tr key={a.id} aria-selected={a.id === props.selected}>
            <th scope="row">
              <button type="button" className="link" onClick={() => props.onOpen(a.id)}>
                {a.title}
              </button>
            </th>
            <td>{team(a.ownerTeam)}</td>
            <td>
              <span className={`badge ${STATUS_TONE[a.status]}`}>{STATUS_LABEL[a.status]}</span>
            </td>
            <td>{day(`${a.plannedGoLive}T00:00:00Z`)}</td>
            <td className="num">{a.touchpoints.length}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Opened(props: { id: string; model: TModel; teamLocked: boolean; onChanged: () => void }) {
  const one = useApi<TAssessmentWithExposure>(`/api/assessments/${encodeURIComponent(props.id)}`);
  const [editing, setEditing] = useState(false);
  const changed = (): void => {
    setEditing(false);
    props.onChanged();
    one.reload();
  };
  return (
    <Async load={one} what="the assessment">
      {(a) =>
        editing ? (
          <AssessmentForm
            model={props.model}
            initial={formFrom(a)}
            id={a.id}
            teamLocked={props.teamLocked}
            onSaved={changed}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <AssessmentDetail
            assessment={a}
            model={props.model}
            onChanged={changed}
            onEdit={() => setEditing(true)}
          />
        )
      }
    </Async>
  );
}
