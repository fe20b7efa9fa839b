/**
 * The file itself, `journeylens.yaml`, as text: read it, or (for editors) change it with the
 * errors found as you type (line and column) and save it as written, comments and all.
 */
import { useEffect, useState } from 'react';
import { api, RawBody, type ApiError } from '../../api.js';
import { Async, ErrorState } from '../../ui/states.js';
import { asApiError, useApi } from '../../ui/use-api.js';
import type { TModelError } from './model-errors.js';
import type { TSaved, TValidation, TVersionInfo } from './model-types.js';

const YAML = 'application/yaml';

export function YamlView({
  version,
  readOnly,
  dirty,
  onSaved,
  onConflict,
}: {
  version: number;
  readOnly: boolean;
  /** The form has changes this text does not show. */
  dirty: boolean;
  onSaved: (saved: TSaved) => void;
  onConflict: (current: number) => void;
}) {
  const load = useApi<TVersionInfo & { yaml: string }>(
    version === 0 ? undefined : `/api/workspace/versions/${version}`,
  );
  return (
    <section className="panel" aria-labelledby="ws-yaml-title">
      <h3 id="ws-yaml-title">journeylens.yaml</h3>
      {dirty ? (
        <p className="notice">
          The form has changes that are not saved; this is the file as saved (version {version}).
        </p>
      ) : null}
      <Async load={load} what="the file">
        {(v) => (
          <YamlEditor
            key={v.version}
            text={v.yaml}
            version={v.version}
            readOnly={readOnly}
            onSaved={onSaved}
            onConflict={onConflict}
          />
        )}
      </Async>
    </section>
  );
}

function YamlEditor({
  text,
  version,
  readOnly,
  onSaved,
  onConflict,
}: {
  text: string;
  version: number;
  readOnly: boolean;
  onSaved: (saved: TSaved) => void;
  onConflict: (current: number) => void;
}) {
  const [draft, setDraft] = useState(text);
  const [errors, setErrors] = useState<TModelError[]>([]);
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (draft === text) {
      setErrors([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.post<TValidation>('/api/workspace/validate', new RawBody(draft, YAML)).then(
        (v) => current && setErrors(v.errors),
        (e: unknown) => current && setFailure(asApiError(e)),
      );
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [draft, text]);

  const save = async (): Promise<void> => {
    setSaving(true);
    setFailure(undefined);
    try {
      onSaved(
        await api.put<TSaved>(`/api/workspace?baseVersion=${version}`, new RawBody(draft, YAML)),
      );
    } catch (e) {
      const error = asApiError(e);
      if (error.status === 409) onConflict(conflictVersion(error) ?? version);
      else if (error.code === 'invalid_workspace' && Array.isArray(error.details))
        setErrors(error.details as TModelError[]);
      else setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <textarea
        className="code yaml"
        aria-label="journeylens.yaml"
        spellCheck={false}
        value={draft}
        readOnly={readOnly}
        rows={28}
        onChange={(e) => setDraft(e.currentTarget.value)}
      />
      {errors.length === 0 ? null : (
        <ul className="wf-error yaml-errors" aria-label="Errors in the file">
          {errors.map((e, i) => (
            <li key={i}>
              {e.line === undefined ? '' : `line ${e.line}, column ${e.column ?? 1}: `}
              {e.path === '' ? '' : `${e.path}: `}
              {e.reason}
            </li>
          ))}
        </ul>
      )}
      {failure === undefined ? null : <ErrorState error={failure} />}
      {readOnly ? null : (
        <div className="ws-actions">
          <button
            type="button"
            disabled={draft === text || errors.length > 0 || saving}
            onClick={() => void save()}
          >
            {saving ? 'Saving…' : 'Save the file'}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={draft === text}
            onClick={() => setDraft(text)}
          >
            Discard changes
          </button>
        </div>
      )}
    </>
  );
}

/** The version someone else saved, from a 409 `stale` answer. */
export function conflictVersion(error: ApiError): number | undefined {
  const details = error.details as { currentVersion?: unknown } | undefined;
  return typeof details?.currentVersion === 'number' ? details.currentVersion : undefined;
}
