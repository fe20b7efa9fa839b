/**
 * Search over what customers wrote (GET /api/feedback/verbatims): words or a phrase, a theme,
 * a touchpoint, a sentiment; the matches highlighted in each quote. The search lives in the
 * address, so it can be shared. The first 500 matches are listed (and exported); the count
 * says how many there are in all.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { TNames } from '../../../service/analyze.js';
import { DataTable, type TColumn } from '../../ui/DataTable.js';
import { count, day } from '../../ui/format.js';
import { Async } from '../../ui/states.js';
import { useApi } from '../../ui/use-api.js';
import { kindLabel, quoteParts } from './feedback-format.js';
import type { TTheme, TVerbatimItem, TVerbatimPage } from './types.js';

const LIMIT = 500;

export type TVerbatimQuery = {
  q?: string | undefined;
  theme?: string | undefined;
  touchpoint?: string | undefined;
  sentiment?: string | undefined;
};

export function Quote({ text, highlights }: { text: string; highlights: [number, number][] }) {
  return (
    <>
      {quoteParts(text, highlights).map((p, i): ReactNode =>
        p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </>
  );
}

export function VerbatimSearch({
  query,
  themes,
  names,
  onChange,
}: {
  query: TVerbatimQuery;
  themes: readonly TTheme[];
  names: TNames;
  onChange: (next: TVerbatimQuery) => void;
}) {
  const [words, setWords] = useState(query.q ?? '');
  // The address is the truth: going back or following a link changes the words shown.
  useEffect(() => setWords(query.q ?? ''), [query.q]);
  const params = new URLSearchParams({ limit: String(LIMIT) });
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
  const load = useApi<TVerbatimPage>(`/api/feedback/verbatims?${params.toString()}`);
  const touchpoints = Object.entries(names.touchpoints).sort((a, b) =>
    a[1].localeCompare(b[1], 'en-US'),
  );
  return (
    <>
      <form
        role="search"
        aria-label="Search verbatims"
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          onChange({ ...query, q: words.trim() === '' ? undefined : words.trim() });
        }}
      >
        <label>
          Words
          <input
            type="search"
            value={words}
            placeholder="e.g. late delivery"
            onChange={(e) => setWords(e.target.value)}
          />
        </label>
        <label>
          Theme
          <select
            value={query.theme ?? ''}
            onChange={(e) => onChange({ ...query, theme: e.target.value || undefined })}
          >
            <option value="">All themes</option>
            {themes.map((t) => (
              <option key={t.label} value={t.label}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Touchpoint
          <select
            value={query.touchpoint ?? ''}
            onChange={(e) => onChange({ ...query, touchpoint: e.target.value || undefined })}
          >
            <option value="">All touchpoints</option>
            {touchpoints.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sentiment
          <select
            value={query.sentiment ?? ''}
            onChange={(e) => onChange({ ...query, sentiment: e.target.value || undefined })}
          >
            <option value="">Any</option>
            <option value="negative">Negative</option>
            <option value="neutral">Neutral</option>
            <option value="positive">Positive</option>
          </select>
        </label>
        <button type="submit">Search</button>
        {Object.values(query).some((v) => v !== undefined && v !== '') ? (
          <button type="button" className="secondary" onClick={() => onChange({})}>
            Clear
          </button>
        ) : null}
      </form>
      <Async load={load} what="the verbatims">
        {(page) => (
          <>
            <p className="verbatim-count" aria-live="polite">
              <strong>{count(page.total)}</strong> of {count(page.verbatims)} verbatims
              {query.q === undefined ? '' : ` hold “${query.q}”`}
              {page.total > page.items.length
                ? ` (the first ${count(page.items.length)} shown)`
                : ''}
            </p>
            <DataTable
              caption="Verbatims"
              csvName="verbatims"
              rows={page.items}
              rowKey={(r) => r.id}
              columns={columns(names)}
              pageSize={10}
              empty="No verbatim matches."
            />
          </>
        )}
      </Async>
    </>
  );
}

function columns(names: TNames): TColumn<TVerbatimItem>[] {
  return [
    {
      key: 'text',
      label: 'Verbatim',
      value: (r) => r.text,
      render: (r) => (
        <span className="verbatim">
          <Quote text={r.quote.text} highlights={r.quote.highlights} />
        </span>
      ),
    },
    {
      key: 'kind',
      label: 'Survey',
      value: (r) => kindLabel(r.kind),
    },
    { key: 'score', label: 'Score', numeric: true, value: (r) => r.score },
    {
      key: 'touchpoint',
      label: 'Touchpoint',
      value: (r) =>
        r.touchpoint === null ? null : (names.touchpoints[r.touchpoint] ?? r.touchpoint),
    },
    { key: 'stage', label: 'Stage', value: (r) => r.stage },
    {
      key: 'answeredAt',
      label: 'Answered',
      value: (r) => r.answeredAt,
      render: (r) => day(r.answeredAt),
    },
  ];
}
