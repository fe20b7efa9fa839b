/**
 * Reading from the API in a component: the answer, the loading and error states, and a
 * reload. A newer request wins: an answer that arrives after the path changed is dropped.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api.js';

export type TLoad<T> =
  { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; data: T };

/** The answer of GET `path` (nothing is asked while `path` is undefined). */
export function useApi<T>(path: string | undefined): TLoad<T> & { reload: () => void } {
  return useFetched<T>(path, api.get);
}

/**
 * What `read(path)` gives, as `useApi` does for one request. `read` must be one function for
 * the life of the component (a module-level one): a new function asks again.
 */
export function useFetched<T>(
  path: string | undefined,
  read: (path: string) => Promise<T>,
): TLoad<T> & { reload: () => void } {
  const [load, setLoad] = useState<TLoad<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (path === undefined) return;
    let current = true;
    setLoad({ state: 'loading' });
    read(path).then(
      (data) => current && setLoad({ state: 'ready', data }),
      (e: unknown) => current && setLoad({ state: 'error', error: asApiError(e) }),
    );
    return () => {
      current = false;
    };
  }, [path, generation, read]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...load, reload };
}

export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(
    0,
    'network',
    'the server cannot be reached: is `journeylens serve` running?',
  );
}
