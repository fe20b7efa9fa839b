/**
 * The web app's one door to the server: JSON over fetch, the session cookie sent by the
 * browser, the CSRF token (from the readable `jl_csrf` cookie) added to every change, and
 * errors turned into `ApiError` with the server's message.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error's `details`, when the server sent any (e.g. every error of a model). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

function csrfToken(): string | undefined {
  const match = /(?:^|;\s*)jl_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

const signedOutListeners = new Set<() => void>();

/** Called when the server answers 401 to a signed-in request: the session has ended. */
export function onUnauthenticated(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/** A body sent as it is (a form with a file, a YAML text) with its type, instead of JSON. */
export class RawBody {
  constructor(
    readonly body: FormData | string,
    /** Omitted for a form: the browser sets multipart/form-data with its boundary. */
    readonly contentType?: string,
  ) {}
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let sent: BodyInit | undefined;
  if (body instanceof RawBody) {
    if (body.contentType !== undefined) headers['content-type'] = body.contentType;
    sent = body.body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    sent = JSON.stringify(body);
  }
  const csrf = csrfToken();
  if (method !== 'GET' && csrf !== undefined) headers['x-csrf-token'] = csrf;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(sent === undefined ? {} : { body: sent }),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const json: unknown = text === '' || !isJson(res) ? undefined : JSON.parse(text);
  if (!res.ok) {
    if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') {
      for (const listener of signedOutListeners) listener();
    }
    const error = (
      json as { error?: { code?: string; message?: string; details?: unknown } } | undefined
    )?.error;
    throw new ApiError(
      res.status,
      error?.code ?? 'error',
      error?.message ?? res.statusText,
      error?.details,
    );
  }
  return json as T;
}

const isJson = (res: Response): boolean => (res.headers.get('content-type') ?? '').includes('json');

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

export type TMe = {
  kind: 'user' | 'token';
  id: string;
  name: string;
  email?: string;
  role?: 'admin' | 'cx' | 'team' | 'viewer';
  team?: string | null;
  csrfToken?: string;
};
