/**
 * Several query parameters changed at once: setting them one by one with `useQueryParam`
 * would let the second undo the first (each starts from the address it rendered with).
 */
import { navigate, useLocation } from '../../router.js';

export function useParams(): [
  URLSearchParams,
  (updates: Record<string, string | undefined>) => void,
] {
  const { path, query } = useLocation();
  const set = (updates: Record<string, string | undefined>): void => {
    const q = new URLSearchParams(window.location.search);
    for (const [name, value] of Object.entries(updates)) {
      if (value === undefined || value === '') q.delete(name);
      else q.set(name, value);
    }
    const search = q.toString();
    navigate(search === '' ? path : `${path}?${search}`, { replace: true });
  };
  return [query, set];
}
