/**
 * A whole paginated list from the API: ranking and re-pricing need every opportunity, not
 * the first page, and the API answers at most 500 items a page (more is refused, never cut).
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api.js';
import type { TPage } from '../../analysis-types.js';
import { asApiError, type TLoad } from '../../ui/use-api.js';

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

/** Every page of one computation: pages from two (the data changed in between) are asked again. */
export async function fetchAllPages<T>(path: string, attempts = 3): Promise<TPage<T>> {
  const first = await api.get<TPage<T>>(pagePath(path, 0));
  const rest = await Promise.all(
    remainingOffsets(first.total).map((offset) => api.get<TPage<T>>(pagePath(path, offset))),
  );
  if (rest.some((p) => p.computedAt !== first.computedAt) && attempts > 1) {
    return fetchAllPages(path, attempts - 1);
  }
  const items = [...first.items, ...rest.flatMap((p) => p.items)];
  return { ...first, offset: 0, limit: items.length, items };
}

/** `useApi` for a whole list: every page, put together. */
export function useAllPages<T>(path: string): TLoad<TPage<T>> & { reload: () => void } {
  const [load, setLoad] = useState<TLoad<TPage<T>>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setLoad({ state: 'loading' });
    fetchAllPages<T>(path).then(
      (data) => current && setLoad({ state: 'ready', data }),
      (e: unknown) => current && setLoad({ state: 'error', error: asApiError(e) }),
    );
    return () => {
      current = false;
    };
  }, [path, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...load, reload };
}
