/**
 * The import wizard: choose a file and what it holds, see what the server reads in it (format,
 * columns, first rows, the mapping the column names propose), adjust the mapping, import, and
 * read the result with every bad record (record, field, reason), downloadable as CSV. The
 * server does the reading and the checks, with the pipeline of `journeylens import`.
 */
import { useId, useState, type FormEvent } from 'react';
import { api, RawBody, type ApiError } from '../../api.js';
import { DataTable, type TColumn } from '../../ui/DataTable.js';
import { count } from '../../ui/format.js';
import { Empty, ErrorState, Loading } from '../../ui/states.js';
import { asApiError } from '../../ui/use-api.js';
import {
  attributeColumns,
  initialChoice,
  mappedFields,
  mappedRows,
  mappingPayload,
  missingRequired,
  type TChoice,
} from './import-mapping.js';
import type {
  TDataKind,
  TImportPreview,
  TImportRecordError,
  TImportResult,
} from './import-types.js';
import './import.css';

const KINDS: { kind: TDataKind; label: string; help: string }[] = [
  { kind: 'events', label: 'Events', help: 'what customers did: customer, activity, time, …' },
  { kind: 'customers', label: 'Customers', help: 'who they are: id and attributes' },
  { kind: 'feedback', label: 'Feedback', help: 'survey answers: kind, score, verbatim' },
];

const ACCEPT = '.csv,.tsv,.txt,.jsonl,.ndjson,.json,.parquet,.xes,.gz';

type TStep =
  | { step: 'file' }
  | { step: 'previewing' }
  | { step: 'mapping'; preview: TImportPreview; file: File }
  | { step: 'importing'; preview: TImportPreview; file: File }
  | { step: 'done'; result: TImportResult };

export function ImportScene() {
  const [state, setState] = useState<TStep>({ step: 'file' });
  const [error, setError] = useState<ApiError | undefined>();
  const [choice, setChoice] = useState<TChoice>({});

  const preview = async (file: File, kind: TDataKind): Promise<void> => {
    setError(undefined);
    setState({ step: 'previewing' });
    const form = new FormData();
    form.set('file', file);
    form.set('kind', kind);
    try {
      const p = await api.post<TImportPreview>('/api/import/preview', new RawBody(form));
      setChoice(initialChoice(p.fields, p.mapping));
      setState({ step: 'mapping', preview: p, file });
    } catch (e) {
      setError(asApiError(e));
      setState({ step: 'file' });
    }
  };

  const runImport = async (p: TImportPreview, file: File): Promise<void> => {
    setError(undefined);
    setState({ step: 'importing', preview: p, file });
    const form = new FormData();
    form.set('file', file);
    form.set('kind', p.kind);
    form.set('mapping', JSON.stringify(mappingPayload(p.fields, choice)));
    try {
      const result = await api.post<TImportResult>('/api/import', new RawBody(form));
      setState({ step: 'done', result });
    } catch (e) {
      setError(asApiError(e));
      setState({ step: 'mapping', preview: p, file });
    }
  };

  return (
    <div className="import-scene">
      <header className="scene-head">
        <h2>Import</h2>
        <ol className="import-steps" aria-label="Steps">
          {(['Choose a file', 'Map the columns', 'Result'] as const).map((label, i) => {
            const at = { file: 0, previewing: 0, mapping: 1, importing: 1, done: 2 }[state.step];
            return (
              <li key={label} {...(i === at ? { 'aria-current': 'step' as const } : {})}>
                {label}
              </li>
            );
          })}
        </ol>
      </header>
      {error === undefined ? null : <ErrorState error={error} />}
      {state.step === 'file' ? (
        <FileStep onPreview={(file, kind) => void preview(file, kind)} />
      ) : null}
      {state.step === 'previewing' ? <Loading what="the file" /> : null}
      {state.step === 'mapping' || state.step === 'importing' ? (
        <MappingStep
          preview={state.preview}
          choice={choice}
          onChoice={setChoice}
          busy={state.step === 'importing'}
          onImport={() => void runImport(state.preview, state.file)}
          onBack={() => {
            setError(undefined);
            setState({ step: 'file' });
          }}
        />
      ) : null}
      {state.step === 'done' ? (
        <ResultStep result={state.result} onAgain={() => setState({ step: 'file' })} />
      ) : null}
    </div>
  );
}

function FileStep({ onPreview }: { onPreview: (file: File, kind: TDataKind) => void }) {
  const [kind, setKind] = useState<TDataKind>('events');
  const [file, setFile] = useState<File | undefined>();
  const id = useId();
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (file !== undefined) onPreview(file, kind);
  };
  return (
    <form className="panel import-file" aria-label="Choose a file" onSubmit={submit}>
      <fieldset>
        <legend>What the file holds</legend>
        {KINDS.map((k) => (
          <label key={k.kind} className="import-kind">
            <input
              type="radio"
              name={`${id}-kind`}
              value={k.kind}
              checked={kind === k.kind}
              onChange={() => setKind(k.kind)}
            />
            <span>
              <strong>{k.label}</strong> <span className="muted">{k.help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="import-input">
        File
        <input
          type="file"
          accept={ACCEPT}
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? undefined)}
        />
      </label>
      <p className="muted">
        CSV (with a header row), JSON Lines, Parquet or XES, gzipped or not. Nothing is stored until
        you import.
      </p>
      <button type="submit" disabled={file === undefined}>
        Preview
      </button>
    </form>
  );
}

function MappingStep({
  preview: p,
  choice,
  onChoice,
  busy,
  onImport,
  onBack,
}: {
  preview: TImportPreview;
  choice: TChoice;
  onChoice: (c: TChoice) => void;
  busy: boolean;
  onImport: () => void;
  onBack: () => void;
}) {
  const columns = p.columns.map((c) => c.name);
  const missing = missingRequired(p.kind, p.fields, choice);
  const mapped = mappedFields(p.fields, choice);
  const attributes = attributeColumns(columns, choice);
  const rows = mappedRows(columns, p.rows, mapped);
  return (
    <>
      <section className="panel" aria-labelledby="import-file-title">
        <h3 id="import-file-title">{p.fileName}</h3>
        <p>
          <span className="badge">{p.format.toUpperCase()}</span> {count(p.records)}{' '}
          {p.records === 1 ? 'record' : 'records'} of {p.kind}, {count(columns.length)} columns
          {p.unreadable > 0 ? (
            <span className="error">
              {' '}
              · {count(p.unreadable)} cannot be read and will be quarantined
            </span>
          ) : null}
        </p>
        {p.notes.map((n) => (
          <p key={n} className="muted">
            {n}
          </p>
        ))}
        {p.records === 0 ? (
          <Empty>The file holds no records: only a header, or nothing the reader recognises.</Empty>
        ) : (
          <RowsTable caption="First rows of the file" header={columns} rows={p.rows} />
        )}
      </section>

      <section className="panel" aria-labelledby="import-mapping-title">
        <h3 id="import-mapping-title">Map the columns onto the fields</h3>
        <p className="muted">
          Proposed from the column names; choose a column for each field, or none. Columns no field
          takes are kept as attributes of each record.
        </p>
        <div className="import-mapping">
          {p.fields.map((f) => (
            <label key={f.name} className="import-field">
              <span>
                <strong>{f.name}</strong>
                {f.required ? <span className="required"> (required)</span> : null}
              </span>
              <select
                aria-label={`Column for ${f.name}`}
                value={choice[f.name] ?? ''}
                onChange={(e) => onChoice({ ...choice, [f.name]: e.currentTarget.value })}
              >
                <option value="">— none —</option>
                {columns.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
              <span className="muted import-help">{f.help}</span>
            </label>
          ))}
        </div>
        <p>
          Kept as attributes:{' '}
          {attributes.length === 0 ? <span className="muted">none</span> : attributes.join(', ')}
        </p>
        <RowsTable
          caption="First rows as they will be read"
          header={mapped.map((m) => m.field)}
          rows={rows}
        />
      </section>

      <div className="import-actions">
        <button type="button" className="secondary" onClick={onBack} disabled={busy}>
          Choose another file
        </button>
        <button
          type="button"
          onClick={onImport}
          disabled={busy || missing.length > 0 || p.records === 0}
        >
          {busy ? 'Importing…' : `Import ${count(p.records)} records`}
        </button>
        {missing.length > 0 ? (
          <span className="error" aria-live="polite">
            Choose a column for: {missing.join(', ')}
          </span>
        ) : null}
        {busy ? <Loading what="the import" /> : null}
      </div>
    </>
  );
}

function RowsTable({
  caption,
  header,
  rows,
}: {
  caption: string;
  header: readonly string[];
  rows: readonly (readonly (string | null)[])[];
}) {
  return (
    <div className="table-wrap import-rows">
      <table aria-label={caption}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {header.map((h, i) => (
              <th key={`${h}-${i}`}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((v, i) => (
                <td key={i}>{v ?? <span className="muted">–</span>}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const ERROR_COLUMNS: readonly TColumn<TImportRecordError>[] = [
  { key: 'record', label: 'Record', value: (e) => e.record, numeric: true },
  { key: 'field', label: 'Field', value: (e) => e.field },
  { key: 'reason', label: 'Reason', value: (e) => e.reason },
];

function ResultStep({ result: r, onAgain }: { result: TImportResult; onAgain: () => void }) {
  return (
    <>
      <section className="panel" aria-labelledby="import-result-title">
        <h3 id="import-result-title">
          {r.alreadyImportedAs === null
            ? `Imported ${r.fileName}`
            : `${r.fileName} was imported before`}
        </h3>
        {r.alreadyImportedAs === null ? null : (
          <p>
            These bytes were already imported as import #{r.alreadyImportedAs}: nothing was added.
          </p>
        )}
        <div className="cards" role="group" aria-label="Import result">
          <Figure label="Records read" value={r.records} />
          <Figure label="Imported" value={r.accepted} />
          <Figure label="Duplicates skipped" value={r.duplicates} />
          <Figure label="Quarantined" value={r.quarantined} />
        </div>
        {r.mapping.length === 0 ? null : <p className="muted">Mapping: {r.mapping.join(' · ')}</p>}
        {r.notes
          .filter((n) => r.alreadyImportedAs === null || !n.includes('already imported'))
          .map((n) => (
            <p key={n} className="muted">
              {n}
            </p>
          ))}
      </section>
      <section className="panel" aria-labelledby="import-errors-title">
        <h3 id="import-errors-title">Error report</h3>
        <p className="muted">
          Each bad record is set aside in the quarantine with its number (data rows from 1, header
          excluded), the field and the reason; the good records were imported.
          {r.errorsOmitted > 0 ? ` ${count(r.errorsOmitted)} more errors are not listed.` : ''}
        </p>
        <DataTable
          columns={ERROR_COLUMNS}
          rows={r.errors}
          caption="Error report"
          csvName={`${r.fileName.replace(/\.[^.]+$/, '')}-errors`}
          rowKey={(e) => `${e.record}:${e.field}`}
          empty="No bad records."
        />
      </section>
      <button type="button" onClick={onAgain}>
        Import another file
      </button>
    </>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div className="card" role="group" aria-label={label}>
      <span className="figure-label">{label}</span>
      <span className="figure-value">{count(value)}</span>
    </div>
  );
}
