/**
 * After clustering, the CX team orders touchpoints into an ideal journey of one of the
 * session's segments: add steps, drag them into order (or, from the keyboard, move them with
 * the Move up / Move down buttons), and save the journey into the model.
 */
import { useState, type DragEvent } from 'react';
import { api, type ApiError } from '../../api.js';
import type { TBoard, TJourneyDraft } from '../../../service/brainstorms/brainstorm-types.js';
import { ErrorState } from '../../ui/states.js';
import { asApiError } from '../../ui/use-api.js';
import { move, slugify } from './brainstorm-view.js';
import { Select } from './Curate.js';

export function JourneyOrder({ board, onSaved }: { board: TBoard; onSaved: () => void }) {
  const segments = board.brainstorm.segments;
  const [segment, setSegment] = useState(segments[0] ?? '');
  if (segments.length === 0) {
    return (
      <section className="panel" aria-label="Ideal journey">
        <h3>Ideal journey</h3>
        <p className="muted">This brainstorm names no segment to order journeys for.</p>
      </section>
    );
  }
  return (
    <section className="panel journey-order" aria-label="Ideal journey">
      <h3>Ideal journey</h3>
      <Select
        label="Segment"
        value={segment}
        options={segments.map((s) => [s, board.model.segments.find((x) => x.id === s)?.name ?? s])}
        onChange={setSegment}
      />
      <Steps key={segment} board={board} segment={segment} onSaved={onSaved} />
    </section>
  );
}

const NEW = '';

/** Which journey of the segment to order: one of the model's, or a new one (the default). */
function Steps({
  board,
  segment,
  onSaved,
}: {
  board: TBoard;
  segment: string;
  onSaved: () => void;
}) {
  const journeys = board.journeys.filter((j) => j.segment === segment);
  const [picked, setPicked] = useState(NEW);
  return (
    <>
      <Select
        label="Journey"
        value={picked}
        options={[[NEW, '(a new journey)'], ...journeys.map((j) => [j.id, j.name] as const)]}
        onChange={setPicked}
      />
      <Order
        key={picked}
        board={board}
        segment={segment}
        existing={journeys.find((j) => j.id === picked)}
        onSaved={onSaved}
      />
    </>
  );
}

function Order({
  board,
  segment,
  existing,
  onSaved,
}: {
  board: TBoard;
  segment: string;
  existing: TJourneyDraft | undefined;
  onSaved: () => void;
}) {
  const [name, setName] = useState(existing?.name ?? '');
  const [steps, setSteps] = useState<string[]>(existing?.steps ?? []);
  const [adding, setAdding] = useState('');
  const [dragged, setDragged] = useState<number>();
  const [error, setError] = useState<ApiError>();
  const [message, setMessage] = useState('');
  // This session's touchpoints first, then the rest of the model's.
  const ours = new Set(board.touchpoints.map((t) => t.id));
  const all = [
    ...board.touchpoints.map((t) => ({ id: t.id, name: t.name })),
    ...board.model.touchpoints.filter((t) => !ours.has(t.id)),
  ];
  const names = new Map(all.map((t) => [t.id, t.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const available = all.filter((t) => !steps.includes(t.id));
  const pick = adding === '' ? available[0]?.id : adding;
  const journeyId = existing?.id ?? slugify(`${segment} ${name}`);

  const save = async (): Promise<void> => {
    try {
      await api.put(`/api/brainstorms/${board.brainstorm.id}/journeys/${journeyId}`, {
        baseVersion: board.modelVersion,
        name,
        segment,
        steps,
      });
      setError(undefined);
      setMessage(`Saved ideal journey ${journeyId}.`);
      onSaved();
    } catch (x) {
      setError(asApiError(x));
    }
  };
  const drop = (at: number) => (e: DragEvent) => {
    e.preventDefault();
    if (dragged !== undefined) setSteps((s) => move(s, dragged, at));
    setDragged(undefined);
  };

  return (
    <>
      <label>
        Journey name
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <ol className="steps" aria-label="Journey steps">
        {steps.map((s, i) => (
          <li
            key={s}
            draggable
            aria-label={nameOf(s)}
            className={dragged === i ? 'dragging' : undefined}
            onDragStart={(e) => {
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', s);
              setDragged(i);
            }}
            onDragOver={(e) => e.preventDefault()}
            onDrop={drop(i)}
            onDragEnd={() => setDragged(undefined)}
          >
            <span className="grip" aria-hidden="true">
              ⠿
            </span>
            <span className="text">{nameOf(s)}</span>
            <button
              type="button"
              className="secondary small"
              aria-label={`Move ${nameOf(s)} up`}
              disabled={i === 0}
              onClick={() => setSteps(move(steps, i, i - 1))}
            >
              ↑
            </button>
            <button
              type="button"
              className="secondary small"
              aria-label={`Move ${nameOf(s)} down`}
              disabled={i === steps.length - 1}
              onClick={() => setSteps(move(steps, i, i + 1))}
            >
              ↓
            </button>
            <button
              type="button"
              className="secondary small"
              aria-label={`Remove ${nameOf(s)}`}
              onClick={() => setSteps(steps.filter((x) => x !== s))}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      {steps.length === 0 ? <p className="muted">No step yet: add touchpoints below.</p> : null}
      <div className="actions">
        <Select
          label="Touchpoint to add"
          value={pick ?? ''}
          options={available.map((t) => [t.id, t.name])}
          onChange={setAdding}
        />
        <button
          type="button"
          className="secondary"
          disabled={pick === undefined}
          onClick={() => {
            if (pick === undefined) return;
            setSteps([...steps, pick]);
            setAdding('');
          }}
        >
          Add step
        </button>
        <button
          type="button"
          disabled={steps.length === 0 || name.trim() === ''}
          onClick={() => void save()}
        >
          Save journey
        </button>
      </div>
      {error === undefined ? null : <ErrorState error={error} />}
      <p className="saved" aria-live="polite">
        {message}
      </p>
    </>
  );
}
