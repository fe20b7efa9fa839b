/** Every saved version of the model, newest first: who, when, what changed; and its file. */
import { useState } from 'react';
import { DataTable, type TColumn } from '../../ui/DataTable.js';
import { Async } from '../../ui/states.js';
import { useApi } from '../../ui/use-api.js';
import type { TVersionInfo, TVersions } from './model-types.js';

const COLUMNS: readonly TColumn<TVersionInfo>[] = [
  { key: 'version', label: 'Version', value: (v) => v.version, numeric: true },
  {
    key: 'savedAt',
    label: 'Saved',
    value: (v) => v.savedAt,
    render: (v) => new Date(v.savedAt).toLocaleString('en-US'),
  },
  { key: 'savedBy', label: 'By', value: (v) => v.savedBy },
  { key: 'summary', label: 'What changed', value: (v) => v.summary ?? '' },
];

export function VersionHistory({ current }: { current: number }) {
  // The current version is in the address, so a new save loads the list again.
  const load = useApi<TVersions>(`/api/workspace/versions?limit=500&current=${current}`);
  const [open, setOpen] = useState<number | undefined>();
  return (
    <section className="panel" aria-labelledby="ws-history-title">
      <h3 id="ws-history-title">Version history</h3>
      <Async load={load} what="the versions">
        {(v) => (
          <>
            <DataTable
              columns={COLUMNS}
              rows={v.items}
              caption="Versions of the model"
              csvName="workspace-versions"
              rowKey={(x) => String(x.version)}
              initialSort={{ key: 'version', descending: true }}
              onRowClick={(x) => setOpen(x.version)}
            />
            {open === undefined ? null : <VersionFile n={open} />}
          </>
        )}
      </Async>
    </section>
  );
}

function VersionFile({ n }: { n: number }) {
  const load = useApi<TVersionInfo & { yaml: string }>(`/api/workspace/versions/${n}`);
  return (
    <Async load={load} what={`version ${n}`}>
      {(v) => (
        <div className="version-file">
          <h4>
            journeylens.yaml as of version {v.version} <span className="muted">({v.savedBy})</span>
          </h4>
          <pre tabIndex={0} aria-label={`journeylens.yaml as of version ${v.version}`}>
            {v.yaml}
          </pre>
        </div>
      )}
    </Async>
  );
}
