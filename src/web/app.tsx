/**
 * The app: who is signed in, the navigation, and the screen for the current address. Signing
 * out, or a session that expires (any 401), brings back the sign-in form.
 */
import { useEffect, useState } from 'react';
import { api, ApiError, onUnauthenticated, type TMe } from './api.js';
import { Link, useLocation } from './router.js';
import { SCENES, sceneFor } from './scenes.js';
import { ErrorState, Loading } from './ui/states.js';
import { LoginScene } from './scenes/login/LoginScene.js';

export function App() {
  const [me, setMe] = useState<TMe | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>();
  useEffect(() => {
    api.get<TMe>('/api/auth/me').then(setMe, (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) setMe(null);
      else
        setError(
          e instanceof ApiError ? e : new ApiError(0, 'network', 'the server cannot be reached'),
        );
    });
    return onUnauthenticated(() => setMe(null));
  }, []);
  if (error !== undefined)
    return <ErrorState error={error} onRetry={() => window.location.reload()} />;
  if (me === undefined) return <Loading what="Journeylens" />;
  if (me === null) return <LoginScene onSignedIn={setMe} />;
  return <Shell me={me} onSignedOut={() => setMe(null)} />;
}

function Shell({ me, onSignedOut }: { me: TMe; onSignedOut: () => void }) {
  const { path } = useLocation();
  const scene = sceneFor(path);
  useEffect(() => {
    document.title = scene === undefined ? 'Journeylens' : `${scene.label} · Journeylens`;
  }, [scene]);
  const signOut = async (): Promise<void> => {
    await api.post('/api/auth/logout').catch(() => undefined);
    onSignedOut();
  };
  return (
    <div className="shell">
      <a className="skip" href="#content">
        Skip to content
      </a>
      <nav aria-label="Screens">
        <h1>Journeylens</h1>
        {SCENES.filter(
          (s) => s.roles === undefined || (me.role !== undefined && s.roles.includes(me.role)),
        ).map((s) => (
          <Link key={s.path} to={s.path}>
            {s.label}
            {s.badge === undefined ? null : <s.badge />}
          </Link>
        ))}
        <div className="who">
          <div>{me.name}</div>
          <div>
            {me.role ?? me.kind}
            {me.team === null || me.team === undefined ? '' : ` · ${me.team}`}
          </div>
          <button type="button" className="link" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </nav>
      <main id="content" tabIndex={-1}>
        {scene === undefined ? (
          <ErrorState error={{ message: `There is no screen at ${path}.` }} />
        ) : (
          <scene.component me={me} />
        )}
      </main>
    </div>
  );
}
