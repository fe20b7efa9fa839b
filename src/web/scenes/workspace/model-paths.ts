/**
 * Paths into the workspace model written as the server writes them in its errors
 * (`touchpoints[3].owner`, `routing[0].when.reason`), so that every field of the editor is
 * addressed by the very path an error names. Reading and immutable writing at a path, and
 * moving entries of a list. Pure.
 */
export type TPathPart = string | number;

/** `touchpoints[3].activities[0]` → ['touchpoints', 3, 'activities', 0]. */
export function parsePath(path: string): TPathPart[] {
  const parts: TPathPart[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) parts.push(Number(match[2]));
    else if (match[1] !== undefined) parts.push(match[1]);
  }
  return parts;
}

/** ['touchpoints', 3, 'owner'] → `touchpoints[3].owner`. */
export function formatPath(parts: readonly TPathPart[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The value at `path`, undefined when any step is missing. */
export function getIn(root: unknown, path: string): unknown {
  let node = root;
  for (const part of parsePath(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/**
 * A copy of `root` with `value` at `path`, sharing everything off the path. `undefined`
 * removes an object's key (an optional field left empty is not written).
 */
export function setIn<T>(root: T, path: string, value: unknown): T {
  return setParts(root, parsePath(path), value) as T;
}

function setParts(node: unknown, parts: readonly TPathPart[], value: unknown): unknown {
  const [head, ...rest] = parts;
  if (head === undefined) return value;
  if (typeof head === 'number') {
    const list = Array.isArray(node) ? [...(node as unknown[])] : [];
    list[head] = setParts(list[head], rest, value);
    return list;
  }
  const object: Record<string, unknown> =
    node !== null && typeof node === 'object' && !Array.isArray(node)
      ? { ...(node as Record<string, unknown>) }
      : {};
  const next = setParts(object[head], rest, value);
  if (next === undefined) delete object[head];
  else object[head] = next;
  return object;
}

/** The list with the entry at `from` moved to `to` (both kept within the list). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  if (from < 0 || from >= copy.length) return copy;
  const target = Math.max(0, Math.min(copy.length - 1, to));
  const [item] = copy.splice(from, 1);
  copy.splice(target, 0, item as T);
  return copy;
}

/** The list without the entry at `index`. */
export function removeItem<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** An id for an element of the page from a path: `touchpoints[3].owner` → `ws-touchpoints-3-owner`. */
export function fieldId(path: string): string {
  return `ws-${parsePath(path)
    .map((p) => String(p).replace(/[^A-Za-z0-9_-]/g, '_'))
    .join('-')}`;
}
