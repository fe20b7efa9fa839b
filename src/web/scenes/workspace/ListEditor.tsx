/**
 * A list of the model edited entry by entry: each entry a group of fields named by its legend,
 * with buttons to move it up or down (where order matters), to remove it, and one to add an
 * entry. After a move the focus follows the entry, so the keyboard can keep moving it.
 */
import type { ReactNode } from 'react';
import { EditButton, useEditor } from './fields.js';
import { fieldId, getIn, moveItem, removeItem } from './model-paths.js';

/** Moves the entry and puts the focus on the same button of the entry at its new place. */
export function useMove(path: string) {
  const { model, set } = useEditor();
  return (from: number, to: number, which: 'up' | 'down'): void => {
    const list = getIn(model, path);
    if (!Array.isArray(list)) return;
    set(path, moveItem(list as unknown[], from, to));
    const last = list.length - 1;
    // At the top "up" is disabled, at the bottom "down" is: the other one takes the focus.
    const button = to === 0 ? 'down' : to === last ? 'up' : which;
    requestAnimationFrame(() => document.getElementById(moveId(path, to, button))?.focus());
  };
}

export const moveId = (path: string, index: number, which: 'up' | 'down'): string =>
  `${fieldId(path)}-${index}-${which}`;

/** Up, down and remove for entry `index` of the list at `path`, named after `name`. */
export function EntryButtons({
  path,
  index,
  count,
  name,
  movable,
}: {
  path: string;
  index: number;
  count: number;
  name: string;
  movable: boolean;
}) {
  const { model, set } = useEditor();
  const move = useMove(path);
  return (
    <span className="entry-buttons">
      {movable ? (
        <>
          <EditButton
            id={moveId(path, index, 'up')}
            label={`Move ${name} up`}
            disabled={index === 0}
            onClick={() => move(index, index - 1, 'up')}
          >
            ↑
          </EditButton>
          <EditButton
            id={moveId(path, index, 'down')}
            label={`Move ${name} down`}
            disabled={index === count - 1}
            onClick={() => move(index, index + 1, 'down')}
          >
            ↓
          </EditButton>
        </>
      ) : null}
      <EditButton
        label={`Remove ${name}`}
        className="danger"
        onClick={() => set(path, removeItem(getIn(model, path) as unknown[], index))}
      >
        ✕
      </EditButton>
    </span>
  );
}

export function ListEditor<T>({
  path,
  items,
  noun,
  nameOf,
  movable,
  newItem,
  filter,
  children,
  intro,
}: {
  path: string;
  items: readonly T[];
  /** What an entry is called: "touchpoint". */
  noun: string;
  /** The entry's name in its legend and on its buttons: "touchpoint checkout". */
  nameOf: (item: T, index: number) => string;
  movable: boolean;
  newItem: () => unknown;
  /** Shows only the entries this keeps (their indexes stay those of the model). */
  filter?: (item: T) => boolean;
  children: (item: T, index: number) => ReactNode;
  intro?: ReactNode;
}) {
  const { set } = useEditor();
  const shown = items
    .map((item, index) => ({ item, index }))
    .filter((x) => filter?.(x.item) ?? true);
  const add = (): void => {
    set(path, [...items, newItem()]);
    const index = items.length;
    requestAnimationFrame(() =>
      document.getElementById(`${fieldId(`${path}[${index}]`)}-id`)?.focus(),
    );
  };
  return (
    <div className="list-editor">
      {intro}
      {items.length === 0 ? <p className="muted">No {noun}s yet.</p> : null}
      {shown.map(({ item, index }) => {
        const name = nameOf(item, index);
        return (
          <fieldset key={index} className="entry" aria-label={name}>
            <legend>
              <span className="entry-name">{name}</span>
              <EntryButtons
                path={path}
                index={index}
                count={items.length}
                name={name}
                movable={movable}
              />
            </legend>
            <div className="entry-fields">{children(item, index)}</div>
          </fieldset>
        );
      })}
      <EditButton onClick={add}>Add a {noun}</EditButton>
    </div>
  );
}
