/** The loading, empty and error states every screen shows the same way. */
import type { ReactNode } from 'react';
import type { TLoad } from './use-api.js';

export function Loading({ what }: { what: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function ErrorState({
  error,
  onRetry,
}: {
  error: { message: string; status?: number };
  onRetry?: () => void;
}) {
  return (
    <div className="state error" role="alert">
      <p>
        {error.status === undefined || error.status === 0 ? '' : `${error.status}: `}
        {error.message}
      </p>
      {onRetry === undefined ? null : (
        <button type="button" className="secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state empty">{children}</div>;
}

/** Renders `ready` with the data once it is there; loading and errors in between. */
export function Async<T>({
  load,
  what,
  children,
}: {
  load: TLoad<T> & { reload?: () => void };
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (load.state === 'loading') return <Loading what={what} />;
  if (load.state === 'error') {
    return <ErrorState error={load.error} {...(load.reload ? { onRetry: load.reload } : {})} />;
  }
  return <>{children(load.data)}</>;
}
