/**
 * The editor's fields. Each is bound to a path of the model (the path the server's errors
 * name), reads its value there, writes back through the editor, and shows the errors of that
 * path beside it. Read-only for people who may not edit the model.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { fieldId, getIn } from './model-paths.js';
import { listText, parseList, parseNumber } from './model-form.js';
import type { TModel } from './model-form.js';

export type TEditor = {
  model: TModel;
  readOnly: boolean;
  set: (path: string, value: unknown) => void;
  errorsAt: (path: string) => readonly string[];
};

export const EditorContext = createContext<TEditor | undefined>(undefined);

export function useEditor(): TEditor {
  const editor = useContext(EditorContext);
  if (editor === undefined) throw new Error('a workspace field outside the editor');
  return editor;
}

type TFieldProps = { path: string; label: string; hideLabel?: boolean; className?: string };

/** The label, the control, and the errors of the path below it. */
function Field({
  path,
  label,
  hideLabel,
  className,
  children,
}: TFieldProps & { children: (a11y: Record<string, unknown>) => ReactNode }) {
  const { errorsAt } = useEditor();
  const errors = errorsAt(path);
  const id = fieldId(path);
  const a11y = {
    id,
    'aria-invalid': errors.length > 0 ? true : undefined,
    'aria-describedby': errors.length > 0 ? `${id}-error` : undefined,
  };
  return (
    <div className={`wf ${className ?? ''} ${errors.length > 0 ? 'wf-invalid' : ''}`}>
      <label htmlFor={id} className={hideLabel === true ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {children(a11y)}
      {errors.length === 0 ? null : (
        <span id={`${id}-error`} className="wf-error">
          {errors.join('; ')}
        </span>
      )}
    </div>
  );
}

export function TextField(props: TFieldProps & { placeholder?: string; optional?: boolean }) {
  const { model, set, readOnly } = useEditor();
  const value = getIn(model, props.path);
  return (
    <Field {...props}>
      {(a11y) => (
        <input
          {...a11y}
          type="text"
          value={typeof value === 'string' ? value : ''}
          placeholder={props.placeholder}
          readOnly={readOnly}
          onChange={(e) => {
            const v = e.currentTarget.value;
            set(props.path, props.optional === true && v === '' ? undefined : v);
          }}
        />
      )}
    </Field>
  );
}

/** A select of `options`; `none` adds an empty choice that leaves the key out. */
export function SelectField(
  props: TFieldProps & {
    options: readonly (string | { value: string; label: string })[];
    none?: string;
  },
) {
  const { model, set, readOnly } = useEditor();
  const raw = getIn(model, props.path);
  const value = typeof raw === 'string' ? raw : '';
  const options = props.options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
  // A value the options do not have (a typo in the file) stays visible, so it can be fixed.
  const unknown = value !== '' && !options.some((o) => o.value === value);
  return (
    <Field {...props}>
      {(a11y) => (
        <select
          {...a11y}
          value={value}
          disabled={readOnly}
          onChange={(e) => {
            const v = e.currentTarget.value;
            set(props.path, v === '' && props.none !== undefined ? undefined : v);
          }}
        >
          {props.none === undefined ? null : <option value="">{props.none}</option>}
          {unknown ? <option value={value}>{value} (unknown)</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckField(props: TFieldProps) {
  const { model, set, readOnly } = useEditor();
  const { errorsAt } = useEditor();
  const errors = errorsAt(props.path);
  const id = fieldId(props.path);
  return (
    <div className={`wf wf-check ${props.className ?? ''}`}>
      <label>
        <input
          id={id}
          type="checkbox"
          checked={getIn(model, props.path) === true}
          disabled={readOnly}
          aria-invalid={errors.length > 0 ? true : undefined}
          onChange={(e) => set(props.path, e.currentTarget.checked)}
        />{' '}
        <span className={props.hideLabel === true ? 'visually-hidden' : undefined}>
          {props.label}
        </span>
      </label>
      {errors.length === 0 ? null : <span className="wf-error">{errors.join('; ')}</span>}
    </div>
  );
}

/**
 * Text typed in a box that becomes another value (a list, a number, a rule): the box keeps
 * what is typed — a trailing newline, "1." — while the model gets the value it means, and the
 * box follows the model when the model changes otherwise (a reload, a reorder).
 */
function useDraft<T>(
  value: T,
  show: (v: T) => string,
  read: (text: string) => { ok: true; value: T } | { ok: false; error: string },
  same: (a: T, b: T) => boolean,
) {
  const [draft, setDraft] = useState<{ text: string; for: T } | undefined>(undefined);
  const current = draft !== undefined && same(draft.for, value) ? draft.text : show(value);
  const parsed = read(current);
  return {
    text: current,
    problem: parsed.ok ? undefined : parsed.error,
    type: (text: string): T | undefined => {
      const next = read(text);
      const committed = next.ok ? next.value : value;
      setDraft({ text, for: committed });
      return next.ok ? next.value : undefined;
    },
  };
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A list typed one entry per line. */
export function ListField(props: TFieldProps & { rows?: number }) {
  const { model, set, readOnly } = useEditor();
  const raw = getIn(model, props.path);
  const value = Array.isArray(raw) ? (raw as string[]) : [];
  const draft = useDraft(value, listText, (t) => ({ ok: true, value: parseList(t) }), sameJson);
  return (
    <Field {...props}>
      {(a11y) => (
        <textarea
          {...a11y}
          rows={props.rows ?? 3}
          value={draft.text}
          readOnly={readOnly}
          onChange={(e) => {
            const next = draft.type(e.currentTarget.value);
            if (next !== undefined) set(props.path, next);
          }}
        />
      )}
    </Field>
  );
}

/** A number; empty leaves the key out when `optional`. */
export function NumberField(props: TFieldProps & { optional?: boolean; placeholder?: string }) {
  const { model, set, readOnly } = useEditor();
  const raw = getIn(model, props.path);
  const value = typeof raw === 'number' ? raw : undefined;
  const draft = useDraft<number | undefined>(
    value,
    (v) => (v === undefined ? '' : String(v)),
    (t) => {
      const n = parseNumber(t);
      if (n === 'invalid') return { ok: false, error: 'not a number' };
      if (n === undefined && props.optional !== true) return { ok: false, error: 'required' };
      return { ok: true, value: n };
    },
    (a, b) => a === b,
  );
  return (
    <Field {...props}>
      {(a11y) => (
        <>
          <input
            {...a11y}
            type="text"
            inputMode="decimal"
            placeholder={props.placeholder}
            value={draft.text}
            readOnly={readOnly}
            onChange={(e) => {
              const text = e.currentTarget.value;
              const n = parseNumber(text);
              draft.type(text);
              if (n !== 'invalid' && (n !== undefined || props.optional === true))
                set(props.path, n);
            }}
          />
          {draft.problem === undefined ? null : <span className="wf-error">{draft.problem}</span>}
        </>
      )}
    </Field>
  );
}

/** Any value typed as text with its own reader (a segment rule in YAML). */
export function CodeField(
  props: TFieldProps & {
    show: (v: unknown) => string;
    read: (text: string) => { ok: true; rule: unknown } | { ok: false; error: string };
  },
) {
  const { model, set, readOnly } = useEditor();
  const value = getIn(model, props.path);
  const draft = useDraft<unknown>(
    value,
    props.show,
    (t) => {
      const r = props.read(t);
      return r.ok ? { ok: true, value: r.rule } : r;
    },
    sameJson,
  );
  return (
    <Field {...props}>
      {(a11y) => (
        <>
          <textarea
            {...a11y}
            className="code"
            rows={2}
            spellCheck={false}
            value={draft.text}
            readOnly={readOnly}
            onChange={(e) => {
              const next = props.read(e.currentTarget.value);
              draft.type(e.currentTarget.value);
              if (next.ok) set(props.path, next.rule);
            }}
          />
          {draft.problem === undefined ? null : <span className="wf-error">{draft.problem}</span>}
        </>
      )}
    </Field>
  );
}

/** A button that changes the model; hidden for people who may not edit it. */
export function EditButton({
  onClick,
  children,
  label,
  id,
  disabled,
  className,
}: {
  onClick: () => void;
  children: ReactNode;
  label?: string;
  id?: string;
  disabled?: boolean;
  className?: string;
}) {
  const { readOnly } = useEditor();
  if (readOnly) return null;
  return (
    <button
      type="button"
      id={id}
      className={`secondary small ${className ?? ''}`}
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
