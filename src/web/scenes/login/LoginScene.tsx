/** Signing in: e-mail and password; the server sets the session and CSRF cookies. */
import { useState, type FormEvent } from 'react';
import { api, ApiError, type TMe } from '../../api.js';

export function LoginScene({ onSignedIn }: { onSignedIn: (me: TMe) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await api.post<TMe>('/api/auth/login', { email, password }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'the server cannot be reached');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login panel">
      <h1>Journeylens</h1>
      <form onSubmit={(e) => void submit(e)} aria-label="Sign in">
        <label>
          E-mail
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error === undefined ? null : (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
