/**
 * The process map: what customers actually did, as a directly-follows graph of activities,
 * compared with an ideal journey — the transitions it designed in green, the deviations in
 * red — with a variant explorer whose selected variant is traced on the map. Filters (segment,
 * channel, months, ideal journey, measure, threshold, variant) live in the address.
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { TVariant } from '../../../model/discovery.js';
import type { TProcessMap } from '../../../model/process-map.js';
import { navigate, useQueryParams, type TParamChanges } from '../../router.js';
import { DataTable, numberColumn, type TColumn } from '../../ui/DataTable.js';
import { FilterSelect } from '../../ui/FilterSelect.js';
import { downloadBlob, downloadSvg, svgToPng } from '../../ui/download.js';
import { count, duration, percent } from '../../ui/format.js';
import { Async, Empty, ErrorState, Loading } from '../../ui/states.js';
import { asApiError, useApi } from '../../ui/use-api.js';
import { api, type ApiError } from '../../api.js';
import {
  buildProcessGraph,
  defaultThreshold,
  thresholds,
  type TMapEdge,
  type TMeasure,
  type TProcessGraph,
} from './graph.js';
import type { TLayout } from '../../../analysis/process-layout.js';
import { MapView } from './MapView.js';
import './process-map.css';

const FILTERS = ['segment', 'channel', 'from', 'to', 'journey'] as const;
const MEASURES: { value: TMeasure; label: string }[] = [
  { value: 'frequency', label: 'Frequency' },
  { value: 'mean', label: 'Mean time' },
  { value: 'median', label: 'Median time' },
];

export function ProcessMapScene() {
  const [params, update] = useQueryParams();
  const api = new URLSearchParams();
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v !== null && v !== '') api.set(f, v);
  }
  const search = api.toString();
  const load = useApi<TProcessMap>(`/api/process-map${search === '' ? '' : `?${search}`}`);
  return (
    <>
      <header className="scene-head">
        <h2>Process map</h2>
      </header>
      {load.state === 'error' && load.error.status === 400 ? (
        // A filter the workspace no longer has (an old bookmark): trying again cannot help.
        <>
          <ErrorState error={load.error} />
          <p className="state">
            <button type="button" className="secondary" onClick={() => navigate('/process-map')}>
              Clear the filters
            </button>
          </p>
        </>
      ) : (
        <Async load={load} what="the process map">
          {(map) => <ProcessMap map={map} params={params} update={update} />}
        </Async>
      )}
    </>
  );
}

function ProcessMap({
  map,
  params,
  update,
}: {
  map: TProcessMap;
  params: URLSearchParams;
  update: (changes: TParamChanges) => void;
}) {
  const measure = MEASURES.find((m) => m.value === params.get('by'))?.value ?? 'frequency';
  const steps = useMemo(() => thresholds(map), [map]);
  const asked = Number(params.get('min'));
  const minCount = Number.isInteger(asked) && asked >= 1 ? asked : defaultThreshold(map);
  const rank = Number(params.get('variant'));
  const variant: TVariant | undefined =
    Number.isInteger(rank) && rank >= 1 ? map.variants[rank - 1] : undefined;
  const journey = map.idealJourney;
  const graph = useMemo(
    () =>
      buildProcessGraph(map, {
        journey,
        minCount,
        measure,
        variant: variant?.activities,
      }),
    [map, journey, minCount, measure, variant],
  );
  const svgRef = useRef<SVGSVGElement>(null);
  const name = [
    'process-map',
    map.filter.segment,
    map.filter.channel,
    map.filter.from,
    map.filter.to,
  ]
    .filter((x) => x !== null)
    .join('-');
  const exportSvg = (): void => {
    const svg = fullSvg(svgRef.current);
    if (svg !== undefined) downloadSvg(`${name}.svg`, svg.element);
  };
  const exportPng = async (): Promise<void> => {
    const svg = fullSvg(svgRef.current);
    if (svg !== undefined) downloadBlob(`${name}.png`, await svgToPng(svg.element, svg.scale));
  };
  const stepIndex = Math.max(
    0,
    steps.findIndex((s) => s >= minCount),
  );

  return (
    <>
      <Filters map={map} params={params} update={update} />
      <section className="cards" aria-label="Figures of the map">
        <Figure label="Journeys" value={count(map.cases)} />
        <Figure label="Events" value={count(map.events)} />
        <Figure label="Activities" value={count(map.activities.length)} />
        <Figure label="Transitions" value={count(map.edges.length)} />
        <Figure label="Variants" value={count(map.variantsTotal)} />
        <Figure label="Median journey" value={duration(map.caseDurationSeconds?.median)} />
      </section>
      {map.cases === 0 ? (
        <Empty>No journeys match these filters: widen the period or clear a filter.</Empty>
      ) : (
        <>
          <section className="panel process-map" aria-labelledby="map-title">
            <div className="map-head">
              <h3 id="map-title">
                {journey === null ? 'Actual journeys' : `Actual journeys against “${journey.name}”`}
              </h3>
              <div className="tools">
                <button type="button" className="secondary small" onClick={exportSvg}>
                  Download SVG
                </button>
                <button type="button" className="secondary small" onClick={() => void exportPng()}>
                  Download PNG
                </button>
              </div>
            </div>
            <div className="map-controls">
              <label>
                Show by
                <select
                  value={measure}
                  onChange={(e) =>
                    update({ by: e.target.value === 'frequency' ? undefined : e.target.value })
                  }
                >
                  {MEASURES.map((m) => (
                    <option key={m.value} value={m.value}>
                      {m.label}
                    </option>
                  ))}
                </select>
              </label>
              <label className="threshold">
                {minCount <= 1
                  ? 'Hide rare transitions (none hidden)'
                  : `Hide transitions of fewer than ${count(minCount)} journeys`}
                <input
                  type="range"
                  min={0}
                  max={Math.max(0, steps.length - 1)}
                  step={1}
                  value={stepIndex}
                  aria-valuetext={`fewer than ${count(minCount)} journeys`}
                  onChange={(e) => update({ min: String(steps[Number(e.target.value)] ?? 1) })}
                />
              </label>
              <p className="shown" aria-live="polite">
                Showing {count(graph.edges.length)} of {count(graph.total.edges)} transitions and{' '}
                {count(graph.total.nodes - graph.hidden.nodes)} of {count(graph.total.nodes)}{' '}
                activities; <strong>{count(graph.hidden.edges)} rare transitions hidden</strong>
              </p>
            </div>
            <Legend journey={journey !== null} variant={variant !== undefined} />
            {variant === undefined ? null : (
              <p className="selected-variant">
                Variant #{rank} traced: {count(variant.count)} journeys ({percent(variant.share)}),{' '}
                mean {duration(variant.meanSeconds)}, {variant.activities.length}{' '}
                {variant.activities.length === 1 ? 'step' : 'steps'}.{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => update({ variant: undefined })}
                >
                  Clear
                </button>
              </p>
            )}
            <LaidOut graph={graph} svgRef={svgRef} />
          </section>
          <section className="panel" aria-labelledby="variants-title">
            <h3 id="variants-title">
              Variants{' '}
              <span className="muted">
                the {count(map.variants.length)} most frequent of {count(map.variantsTotal)}; select
                one to trace it on the map
              </span>
            </h3>
            <VariantTable map={map} onSelect={(r) => update({ variant: String(r) })} />
          </section>
          <section className="panel" aria-labelledby="transitions-title">
            <h3 id="transitions-title">Transitions</h3>
            <TransitionTable map={map} measure={measure} />
          </section>
        </>
      )}
    </>
  );
}

/** The map's SVG at full size (whatever the zoom), and a PNG scale that keeps it drawable. */
function fullSvg(svg: SVGSVGElement | null): { element: SVGSVGElement; scale: number } | undefined {
  if (svg === null) return undefined;
  const width = Number(svg.dataset.width);
  const height = Number(svg.dataset.height);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  copy.removeAttribute('class');
  return { element: copy, scale: Math.min(2, 8000 / Math.max(width, height, 1)) };
}

function Filters({
  map,
  params,
  update,
}: {
  map: TProcessMap;
  params: URLSearchParams;
  update: (changes: TParamChanges) => void;
}) {
  const c = map.choices;
  // A new population has other variants: the selected one no longer means anything.
  const set = (key: string) => (value: string) =>
    update({ [key]: value, variant: undefined, min: undefined });
  const months = c.months.map((m) => ({ value: m, label: m }));
  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <FilterSelect
        label="Segment"
        all="All segments"
        value={params.get('segment') ?? undefined}
        options={c.segments.map((s) => ({ value: s.id, label: s.name }))}
        onChange={set('segment')}
      />
      <FilterSelect
        label="Channel"
        all="All channels"
        value={params.get('channel') ?? undefined}
        options={c.channels.map((ch) => ({ value: ch, label: ch }))}
        onChange={set('channel')}
      />
      <FilterSelect
        label="From"
        all="First month"
        value={params.get('from') ?? undefined}
        options={months}
        onChange={set('from')}
      />
      <FilterSelect
        label="To"
        all="Last month"
        value={params.get('to') ?? undefined}
        options={months}
        onChange={set('to')}
      />
      <label>
        Ideal journey
        <select
          value={map.idealJourney?.id ?? ''}
          onChange={(e) => update({ journey: e.target.value })}
          disabled={c.idealJourneys.length === 0}
        >
          {c.idealJourneys.length === 0 ? <option value="">None designed</option> : null}
          {c.idealJourneys.map((j) => (
            <option key={j.id} value={j.id}>
              {j.name}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}

function Legend({ journey, variant }: { journey: boolean; variant: boolean }) {
  return (
    <ul className="map-legend" aria-label="Legend">
      {journey ? (
        <>
          <li>
            <span className="swatch ideal" aria-hidden="true" /> On the ideal path
          </li>
          <li>
            <span className="swatch deviation" aria-hidden="true" /> Deviation
          </li>
        </>
      ) : null}
      {variant ? (
        <li>
          <span className="swatch variant" aria-hidden="true" /> Selected variant
        </li>
      ) : null}
      <li className="muted">
        Line thickness: journeys; drag or use the arrow keys to pan, + and − to zoom
      </li>
    </ul>
  );
}

/** Asks the server where everything goes, then draws it; a newer graph wins. */
function LaidOut({
  graph,
  svgRef,
}: {
  graph: TProcessGraph;
  svgRef: RefObject<SVGSVGElement | null>;
}) {
  // The same boxes and lines (another variant traced, another measure of the same size) keep
  // their layout: only a different graph is laid out again.
  const key = useMemo(() => JSON.stringify(graph.layoutInput), [graph]);
  const [state, setState] = useState<
    { key: string; layout: TLayout } | { key: string; error: ApiError } | undefined
  >();
  const input = graph.layoutInput;
  useEffect(() => {
    if (input.nodes.length === 0) return;
    let current = true;
    api.post<TLayout>('/api/process-map/layout', input).then(
      (layout) => current && setState({ key, layout }),
      (e: unknown) => current && setState({ key, error: asApiError(e) }),
    );
    return () => {
      current = false;
    };
    // `input` is what `key` says: laying out again for a new object of the same graph is waste.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (graph.nodes.length === 0) {
    return <Empty>Every transition is rarer than the threshold: lower it to see the map.</Empty>;
  }
  if (state === undefined || state.key !== key) return <Loading what="the map layout" />;
  if ('error' in state) {
    return (
      <ErrorState error={{ message: `The map could not be laid out: ${state.error.message}` }} />
    );
  }
  return <MapView graph={graph} layout={state.layout} svgRef={svgRef} />;
}

function VariantTable({ map, onSelect }: { map: TProcessMap; onSelect: (rank: number) => void }) {
  type TRow = TVariant & { rank: number };
  const rows = useMemo(() => map.variants.map((v, i): TRow => ({ ...v, rank: i + 1 })), [map]);
  const columns: TColumn<TRow>[] = [
    { key: 'rank', label: '#', value: (r) => r.rank, numeric: true },
    numberColumn({ key: 'count', label: 'Journeys', value: (r) => r.count, format: count }),
    numberColumn({ key: 'share', label: 'Share', value: (r) => r.share, format: percent }),
    numberColumn({
      key: 'mean',
      label: 'Mean duration',
      value: (r) => r.meanSeconds,
      format: duration,
      title: 'from the first to the last event of the journey',
    }),
    { key: 'steps', label: 'Steps', value: (r) => r.activities.length, numeric: true },
    {
      key: 'path',
      label: 'Path',
      value: (r) => r.activities.join(' → '),
      render: (r) => (
        <span className="path" title={r.activities.join(' → ')}>
          {r.activities.join(' → ')}
        </span>
      ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      caption="Variants, most frequent first"
      csvName="process-map-variants"
      rowKey={(r) => String(r.rank)}
      pageSize={10}
      onRowClick={(r) => onSelect(r.rank)}
    />
  );
}

function TransitionTable({ map, measure }: { map: TProcessMap; measure: TMeasure }) {
  const edges = useMemo(
    () =>
      buildProcessGraph(map, { journey: map.idealJourney, minCount: 0, measure }).edges.filter(
        (e) => e.from !== null && e.to !== null,
      ),
    [map, measure],
  );
  const columns: TColumn<TMapEdge>[] = [
    { key: 'from', label: 'From', value: (e) => e.from },
    { key: 'to', label: 'To', value: (e) => e.to },
    numberColumn({ key: 'count', label: 'Journeys', value: (e) => e.count, format: count }),
    numberColumn({
      key: 'mean',
      label: 'Mean time',
      value: (e) => e.meanSeconds,
      format: duration,
    }),
    numberColumn({
      key: 'median',
      label: 'Median time',
      value: (e) => e.medianSeconds,
      format: duration,
    }),
    {
      key: 'ideal',
      label: 'Ideal path',
      value: (e) => (e.cls === 'ideal' ? 'yes' : e.cls === 'deviation' ? 'deviation' : ''),
      render: (e) =>
        e.cls === 'plain' ? (
          '–'
        ) : (
          <span className={`badge ${e.cls === 'ideal' ? 'good' : 'bad'}`}>
            {e.cls === 'ideal' ? 'ideal' : 'deviation'}
          </span>
        ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={edges}
      caption="Transitions between activities"
      csvName="process-map-transitions"
      rowKey={(e) => e.id}
      pageSize={10}
    />
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="card" role="group" aria-label={label}>
      <span className="figure-label">{label}</span>
      <span className="figure-value">{value}</span>
    </div>
  );
}
