/**
 * A whole paginated list from the API, every page put together: the screens sort, filter,
 * rank and export all rows, and the API answers at most 500 items a page (more is refused,
 * never cut). Pages from two computations (the data changed in between) are asked again.
 */
import type { TPage } from '../analysis-types.js';
import { api } from '../api.js';
import { useFetched, type TLoad } from './use-api.js';

export const PAGE_LIMIT = 500;

/** The path of the page at `offset`, keeping the list's own query. */
export function pagePath(path: string, offset: number, limit = PAGE_LIMIT): string {
  const [base = '', query = ''] = path.split('?');
  const q = new URLSearchParams(query);
  q.set('offset', String(offset));
  q.set('limit', String(limit));
  return `${base}?${q.toString()}`;
}

/** The offsets of the pages after the first, given the list's total. */
export function remainingOffsets(total: number, limit = PAGE_LIMIT): number[] {
  const offsets: number[] = [];
  for (let offset = limit; offset < total; offset += limit) offsets.push(offset);
  return offsets;
}

/** Every page of one computation, as one page of the list's own type `P`. */
export async function fetchAllPages<T, P extends TPage<T> = TPage<T>>(
  path: string,
  attempts = 3,
): Promise<P> {
  const first = await api.get<P>(pagePath(path, 0));
  const rest = await Promise.all(
    remainingOffsets(first.total).map((offset) => api.get<P>(pagePath(path, offset))),
  );
  if (rest.some((p) => p.computedAt !== first.computedAt) && attempts > 1) {
    return fetchAllPages<T, P>(path, attempts - 1);
  }
  const items = [...first.items, ...rest.flatMap((p) => p.items)];
  return { ...first, offset: 0, limit: items.length, items };
}

/** `useApi` for a whole list: every page, put together. */
export function useAllPages<T, P extends TPage<T> = TPage<T>>(
  path: string,
): TLoad<P> & { reload: () => void } {
  return useFetched<P>(path, fetchAllPages<T, P>);
}
