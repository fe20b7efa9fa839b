/**
 * The workspace editor: the model of `journeylens.yaml` section by section (segments, stages
 * and teams, touchpoints, ideal journeys, moments of truth, contact reasons, routing), the file
 * itself as YAML, and its version history. Every change is validated by the server as you
 * type (POST /api/workspace/validate) and its errors are shown beside the field they name;
 * saving names the version it started from, so a save by someone else in between is a
 * conflict to resolve, never an overwrite. The server merges the change into the file, keeping
 * its comments. Only the CX team and administrators edit; everyone else reads.
 */
import { useCallback, useEffect, useMemo, useState, type JSX, type ReactNode } from 'react';
import { api, type ApiError } from '../../api.js';
import { Link, useQueryParam } from '../../router.js';
import type { TSceneProps } from '../../scenes.js';
import { ErrorState, Loading } from '../../ui/states.js';
import { asApiError } from '../../ui/use-api.js';
import { EditorContext, type TEditor } from './fields.js';
import { GeneralSection } from './GeneralSection.js';
import { JourneysSection } from './JourneysSection.js';
import { MomentsSection } from './MomentsSection.js';
import { placeErrors, SECTIONS, type TModelError, type TSectionKey } from './model-errors.js';
import { editorFields, type TModel } from './model-form.js';
import { setIn } from './model-paths.js';
import type { TModelAnswer, TSaved, TValidation } from './model-types.js';
import { ReasonsSection } from './ReasonsSection.js';
import { RoutingSection } from './RoutingSection.js';
import { SegmentsSection } from './SegmentsSection.js';
import { StagesSection } from './StagesSection.js';
import { TouchpointsSection } from './TouchpointsSection.js';
import { VersionHistory } from './VersionHistory.js';
import { conflictVersion, YamlView } from './YamlView.js';
import './workspace.css';

const EXTRA = [
  { key: 'yaml', label: 'YAML' },
  { key: 'history', label: 'History' },
] as const;
type TView = TSectionKey | (typeof EXTRA)[number]['key'];

const BODIES: Record<TSectionKey, () => JSX.Element> = {
  segments: SegmentsSection,
  stages: StagesSection,
  touchpoints: TouchpointsSection,
  journeys: JourneysSection,
  moments: MomentsSection,
  reasons: ReasonsSection,
  routing: RoutingSection,
  general: GeneralSection,
};

type TMessage =
  | { kind: 'saved'; text: string }
  | { kind: 'conflict'; current: number }
  | { kind: 'error'; error: ApiError };

export function WorkspaceScene({ me }: TSceneProps) {
  const readOnly = me.role !== 'admin' && me.role !== 'cx';
  const [answer, setAnswer] = useState<TModelAnswer | undefined>();
  const [loadError, setLoadError] = useState<ApiError | undefined>();
  const [draft, setDraft] = useState<TModel | undefined>();
  const [validation, setValidation] = useState<TValidation | undefined>();
  const [message, setMessage] = useState<TMessage | undefined>();
  const [saving, setSaving] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [section, setSection] = useQueryParam('section');
  const view: TView = [...SECTIONS, ...EXTRA].find((s) => s.key === section)?.key ?? 'touchpoints';

  const load = useCallback(async (): Promise<void> => {
    setLoadError(undefined);
    setMessage(undefined);
    setReloading(true);
    try {
      const a = await api.get<TModelAnswer>('/api/workspace');
      setAnswer(a);
      setDraft(a.workspace ?? undefined);
      setValidation(undefined);
    } catch (e) {
      setLoadError(asApiError(e));
    } finally {
      setReloading(false);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const dirty =
    draft !== undefined &&
    answer?.workspace != null &&
    JSON.stringify(draft) !== JSON.stringify(answer.workspace);

  // Validated by the server a moment after the last keystroke; a newer check wins.
  useEffect(() => {
    if (!dirty || draft === undefined) {
      setValidation(undefined);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.post<TValidation>('/api/workspace/validate', { workspace: draft }).then(
        (v) => current && setValidation(v),
        (e: unknown) => current && setMessage({ kind: 'error', error: asApiError(e) }),
      );
    }, 350);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [draft, dirty]);

  const errors: TModelError[] = useMemo(
    () => validation?.errors ?? (dirty ? [] : (answer?.errors ?? [])),
    [validation, dirty, answer],
  );
  const placed = useMemo(
    () => placeErrors(errors, draft === undefined ? new Set() : editorFields(draft)),
    [errors, draft],
  );

  const editor: TEditor | undefined = useMemo(
    () =>
      draft === undefined
        ? undefined
        : {
            model: draft,
            readOnly,
            set: (path, value) => {
              setMessage(undefined);
              setDraft((d) => (d === undefined ? d : setIn(d, path, value)));
            },
            errorsAt: (path) => placed.byField.get(path) ?? [],
          },
    [draft, readOnly, placed],
  );

  const save = async (): Promise<void> => {
    if (answer === undefined || draft === undefined) return;
    setSaving(true);
    setMessage(undefined);
    try {
      const saved = await api.put<TSaved>('/api/workspace', {
        baseVersion: answer.version,
        workspace: draft,
      });
      await load();
      setMessage({ kind: 'saved', text: savedText(saved) });
    } catch (e) {
      const error = asApiError(e);
      if (error.status === 409) {
        setMessage({ kind: 'conflict', current: conflictVersion(error) ?? answer.version });
      } else if (error.code === 'invalid_workspace' && Array.isArray(error.details)) {
        setValidation({ valid: false, errors: error.details as TModelError[], changes: [] });
      } else setMessage({ kind: 'error', error });
    } finally {
      setSaving(false);
    }
  };

  const onYamlSaved = (saved: TSaved): void => {
    void load().then(() => setMessage({ kind: 'saved', text: savedText(saved) }));
  };

  if (loadError !== undefined) {
    return (
      <>
        <Head />
        <ErrorState error={loadError} onRetry={() => void load()} />
      </>
    );
  }
  if (answer === undefined) {
    return (
      <>
        <Head />
        <Loading what="the workspace model" />
      </>
    );
  }
  const errorCount = errors.length;
  // A file that does not validate has no fields to put its errors beside: all are listed.
  const unplaced =
    draft === undefined
      ? errors
      : [
          ...(placed.bySection.get('') ?? []),
          ...(view === 'yaml' || view === 'history' ? [] : (placed.bySection.get(view) ?? [])),
        ];

  return (
    <div className="workspace-scene">
      <Head>
        <span className="muted">
          journeylens.yaml · version {answer.version} · saved by {answer.savedBy}{' '}
          {new Date(answer.savedAt).toLocaleString('en-US')}
        </span>
        <div className="tools">
          {readOnly ? null : (
            <>
              <button
                type="button"
                onClick={() => void save()}
                disabled={!dirty || saving || validation === undefined || errorCount > 0}
              >
                {saving ? 'Saving…' : 'Save'}
              </button>
              <button
                type="button"
                className="secondary"
                disabled={!dirty || saving}
                onClick={() => {
                  setDraft(answer.workspace ?? undefined);
                  setMessage(undefined);
                }}
              >
                Discard changes
              </button>
            </>
          )}
          <button type="button" className="secondary" onClick={() => void load()}>
            Reload
          </button>
        </div>
      </Head>

      {readOnly ? (
        <p className="notice">Read-only: only the CX team and administrators edit the model.</p>
      ) : null}
      {reloading ? <Loading what="the workspace model" /> : null}
      <Status
        dirty={dirty}
        checking={dirty && validation === undefined}
        errorCount={errorCount}
        changes={validation?.changes ?? []}
        message={message}
        onReload={() => void load()}
      />
      {unplaced.length === 0 ? null : (
        <ul className="wf-error unplaced" aria-label="Errors of the model">
          {unplaced.map((e, i) => (
            <li key={i}>
              {e.line === undefined ? '' : `line ${e.line}: `}
              {e.path === '' ? '' : `${e.path}: `}
              {e.reason}
            </li>
          ))}
        </ul>
      )}

      <nav className="ws-sections" aria-label="Sections of the model">
        {[...SECTIONS, ...EXTRA].map((s) => {
          const n = placed.counts.get(s.key as TSectionKey) ?? 0;
          return (
            <Link
              key={s.key}
              to={`/workspace?section=${s.key}`}
              aria-current={view === s.key ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                setSection(s.key);
              }}
            >
              {s.label}
              {n > 0 ? (
                <span className="badge bad">
                  {n} {n === 1 ? 'error' : 'errors'}
                </span>
              ) : null}
            </Link>
          );
        })}
      </nav>

      {view === 'yaml' ? (
        <YamlView
          version={answer.version}
          readOnly={readOnly}
          dirty={dirty}
          onSaved={onYamlSaved}
          onConflict={(current) => setMessage({ kind: 'conflict', current })}
        />
      ) : view === 'history' ? (
        <VersionHistory current={answer.version} />
      ) : editor === undefined ? (
        <ErrorState
          error={{
            message:
              'journeylens.yaml does not validate, so it cannot be edited field by field: fix it in the YAML view.',
          }}
        />
      ) : (
        <EditorContext.Provider value={editor}>
          <SectionBody view={view} />
        </EditorContext.Provider>
      )}
    </div>
  );
}

function SectionBody({ view }: { view: TSectionKey }) {
  const Body = BODIES[view];
  return (
    <section aria-label={SECTIONS.find((s) => s.key === view)?.label} className="ws-section">
      <Body />
    </section>
  );
}

function Head({ children }: { children?: ReactNode }) {
  return (
    <header className="scene-head">
      <h2>Workspace</h2>
      {children}
    </header>
  );
}

function Status({
  dirty,
  checking,
  errorCount,
  changes,
  message,
  onReload,
}: {
  dirty: boolean;
  checking: boolean;
  errorCount: number;
  changes: readonly string[];
  message: TMessage | undefined;
  onReload: () => void;
}) {
  if (message?.kind === 'conflict') {
    return (
      <div className="notice conflict" role="alert">
        <strong>
          Not saved: someone else saved version {message.current} while you were editing.
        </strong>{' '}
        Your changes are still here. Reload to see theirs (your changes will be discarded), then
        make yours again.{' '}
        <button type="button" className="secondary small" onClick={onReload}>
          Reload version {message.current}
        </button>
      </div>
    );
  }
  if (message?.kind === 'error') return <ErrorState error={message.error} />;
  return (
    <div className="ws-status" aria-live="polite">
      {message?.kind === 'saved' ? <span className="saved">{message.text}</span> : null}
      {!dirty ? null : checking ? (
        <span className="muted">Checking…</span>
      ) : errorCount > 0 ? (
        <span className="error">
          {errorCount} {errorCount === 1 ? 'error' : 'errors'}: fix{' '}
          {errorCount === 1 ? 'it' : 'them'} to save.
        </span>
      ) : (
        <span>Unsaved changes{changes.length === 0 ? '' : `: ${changes.join('; ')}`}</span>
      )}
    </div>
  );
}

function savedText(saved: TSaved): string {
  return saved.changed
    ? `Saved version ${saved.version}: ${saved.changes.join('; ')}`
    : 'Nothing to save: the file already says this.';
}
