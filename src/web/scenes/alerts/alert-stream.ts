/**
 * One connection to the server's alert stream (GET /api/alerts/stream) for the whole tab,
 * shared by whatever listens (the badge, the inbox, the rules): a browser allows only a few
 * connections per server, and each stream holds one. Opened by the first listener, closed
 * with the last.
 */
const listeners = new Set<() => void>();
let source: EventSource | undefined;

/** Calls `fn` on every alert event; returns the function that stops listening. */
export function onAlertEvent(fn: () => void): () => void {
  listeners.add(fn);
  if (source === undefined && typeof EventSource !== 'undefined') {
    source = new EventSource('/api/alerts/stream');
    source.addEventListener('alert', () => {
      for (const l of [...listeners]) l();
    });
  }
  return () => {
    listeners.delete(fn);
    if (listeners.size === 0) {
      source?.close();
      source = undefined;
    }
  };
}
