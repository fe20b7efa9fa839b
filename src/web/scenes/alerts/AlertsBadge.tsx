/**
 * The count of open alerts nobody has acknowledged, beside "Alerts" in the navigation: read
 * when the app opens, every minute, when the server streams an alert, and after an
 * acknowledgement in this tab (`jl:alerts`). Shows nothing at zero or when it cannot tell.
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api.js';
import { useAlertStream } from './AlertInbox.js';

const EVERY_MS = 60_000;

export function AlertsBadge() {
  const [count, setCount] = useState(0);
  const refresh = useCallback(() => {
    api.get<{ unacknowledged: number }>('/api/alerts?status=open&limit=1').then(
      (r) => setCount(r.unacknowledged),
      () => setCount(0),
    );
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, EVERY_MS);
    window.addEventListener('jl:alerts', refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener('jl:alerts', refresh);
    };
  }, [refresh]);
  useAlertStream(refresh);
  if (count === 0) return null;
  return (
    <span className="nav-badge" aria-label={`${count} unacknowledged`}>
      {count}
    </span>
  );
}
