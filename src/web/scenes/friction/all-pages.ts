/**
 * A whole paginated list from the API, every page put together: the screens sort, filter and
 * export all rows, and the API answers at most 500 items a page (more is refused, never cut).
 * Pages from two computations (the data changed in between) are asked again.
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api.js';
import type { TPage } from '../../analysis-types.js';
import { asApiError, type TLoad } from '../../ui/use-api.js';

const LIMIT = 500;

/** `path` (with its own query) at `offset`, a full page. */
export function withPage(path: string, offset: number, limit = LIMIT): string {
  const [base = '', query = ''] = path.split('?');
  const q = new URLSearchParams(query);
  q.set('offset', String(offset));
  q.set('limit', String(limit));
  return `${base}?${q.toString()}`;
}

export async function fetchAll<T, P extends TPage<T> = TPage<T>>(
  path: string,
  attempts = 3,
): Promise<P> {
  const first = await api.get<P>(withPage(path, 0));
  const offsets: number[] = [];
  for (let o = LIMIT; o < first.total; o += LIMIT) offsets.push(o);
  const rest = await Promise.all(offsets.map((o) => api.get<P>(withPage(path, o))));
  if (rest.some((p) => p.computedAt !== first.computedAt) && attempts > 1) {
    return fetchAll<T, P>(path, attempts - 1);
  }
  const items = [...first.items, ...rest.flatMap((p) => p.items)];
  return { ...first, offset: 0, limit: items.length, items };
}

/** `useApi` for a whole list. */
export function useAllPages<T, P extends TPage<T> = TPage<T>>(
  path: string,
): TLoad<P> & { reload: () => void } {
  const [load, setLoad] = useState<TLoad<P>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setLoad({ state: 'loading' });
    fetchAll<T, P>(path).then(
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
