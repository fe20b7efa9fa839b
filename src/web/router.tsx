/**
 * The app's addresses: plain paths with the History API and the filters in the query string,
 * so every screen and every filtered view can be bookmarked, shared and opened by a test.
 * The server answers every non-API path with the app (src/server/routes/web-routes.ts).
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const CHANGE = 'jl:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const snapshot = (): string => window.location.pathname + window.location.search;

/** The current path and query, re-rendering on every navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, query: url.searchParams };
}

/** Goes to `to` (a path with an optional query); `replace` keeps the history entry. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace === true) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
}

/** Query parameters to change: a value sets one, `undefined` or `''` removes it. */
export type TParamChanges = Record<string, string | undefined>;

/**
 * The address `path` with the query `search` changed, the other parameters kept.
 * @example addressWith('/friction', '?type=x&team=a', { team: undefined }) // '/friction?type=x'
 */
export function addressWith(
  path: string,
  search: string | URLSearchParams,
  changes: TParamChanges,
): string {
  const q = new URLSearchParams(search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined || value === '') q.delete(name);
    else q.set(name, value);
  }
  const query = q.toString();
  return query === '' ? path : `${path}?${query}`;
}

/** One query parameter as state: reading it and setting it (empty removes it). */
export function useQueryParam(
  name: string,
): [string | undefined, (value: string | undefined) => void] {
  const { path, query } = useLocation();
  const value = query.get(name) ?? undefined;
  const set = (next: string | undefined): void =>
    navigate(addressWith(path, window.location.search, { [name]: next }), { replace: true });
  return [value, set];
}

/**
 * The query string as state, several parameters changed in one navigation. Like
 * `useQueryParam`, a change starts from the address as it is when it is made, not as it was
 * rendered, so two changes in one event handler both stay.
 */
export function useQueryParams(): [URLSearchParams, (changes: TParamChanges) => void] {
  const { path, query } = useLocation();
  const set = (changes: TParamChanges): void =>
    navigate(addressWith(path, window.location.search, changes), { replace: true });
  return [query, set];
}

type TLinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** A link inside the app: a real `<a href>` (opens in a new tab too), navigated in place. */
export function Link({ to, onClick, ...rest }: TLinkProps) {
  const { path } = useLocation();
  const current = to.split('?')[0] === path ? { 'aria-current': 'page' as const } : {};
  const follow = (event: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...current} {...rest} />;
}
