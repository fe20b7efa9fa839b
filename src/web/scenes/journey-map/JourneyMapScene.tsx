/**
 * The journey map: a segment's ideal journey, stage by stage and channel by channel, with what
 * was measured on it — who owns each touchpoint, the moments of truth, friction per month,
 * the share of journeys that followed each step, the top deviations and the emotion curve.
 * Segment, journey and the open touchpoint are in the address. Exports the map as SVG or PNG
 * and every table as CSV.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type {
  TJourneyMap,
  TMapDeviation,
  TMapStep,
  TMapTouchpoint,
} from '../../../service/journey-map-types.js';
import { useQueryParams, type TParamChanges } from '../../router.js';
import { DataTable, type TColumn } from '../../ui/DataTable.js';
import { downloadPng, downloadSvg } from '../../ui/download.js';
import { count, decimal, percent, signed } from '../../ui/format.js';
import { Async, Empty, ErrorState } from '../../ui/states.js';
import { useApi } from '../../ui/use-api.js';
import { layoutJourneyMap, type TMap } from './journey-map-layout.js';
import { JourneyMapSvg } from './JourneyMapSvg.js';
import { TouchpointPanel } from './TouchpointPanel.js';
import './journey-map.css';

export function JourneyMapScene() {
  const [query, setParams] = useQueryParams();
  const segment = query.get('segment') ?? undefined;
  const journey = query.get('journey') ?? undefined;
  const api = new URLSearchParams();
  if (segment !== undefined) api.set('segment', segment);
  if (journey !== undefined) api.set('journey', journey);
  const search = api.toString();
  const load = useApi<TJourneyMap>(`/api/journey-map${search === '' ? '' : `?${search}`}`);
  return (
    <>
      <header className="scene-head">
        <h2>Journey map</h2>
      </header>
      {load.state === 'error' && load.error.status === 400 ? (
        // A segment or journey from an old link: say so, and offer the way back.
        <>
          <ErrorState error={load.error} />
          <p className="jm-reset">
            <button
              type="button"
              className="secondary"
              onClick={() =>
                setParams({ segment: undefined, journey: undefined, touchpoint: undefined })
              }
            >
              Show the first journey
            </button>
          </p>
        </>
      ) : (
        <Async load={load} what="the journey map">
          {(answer) => (
            <JourneyMap
              answer={answer}
              selected={query.get('touchpoint') ?? undefined}
              setParams={setParams}
            />
          )}
        </Async>
      )}
    </>
  );
}

function JourneyMap({
  answer,
  selected,
  setParams,
}: {
  answer: TJourneyMap;
  selected: string | undefined;
  setParams: (changes: TParamChanges) => void;
}) {
  const { map } = answer;
  if (map === null) {
    return (
      <Empty>
        No segment has an ideal journey yet: design one in the workspace (idealJourneys in
        journeylens.yaml) and its map appears here.
      </Empty>
    );
  }
  return <MapView answer={answer} map={map} selected={selected} setParams={setParams} />;
}

function MapView({
  answer,
  map,
  selected,
  setParams,
}: {
  answer: TJourneyMap;
  map: TMap;
  selected: string | undefined;
  setParams: (changes: TParamChanges) => void;
}) {
  const layout = useMemo(() => layoutJourneyMap(map), [map]);
  const svg = useRef<SVGSVGElement>(null);
  const [exportError, setExportError] = useState<string | undefined>();
  const segment = answer.segments.find((s) => s.id === map.segment.id);
  const open = selected === undefined ? undefined : map.touchpoints.find((t) => t.id === selected);
  const names = new Map(map.touchpoints.map((t) => [t.id, t.name]));
  const fileName = `journey-map-${map.segment.id}-${map.journey.id}`;
  const close = useCallback(() => {
    const card = document.querySelector<SVGGElement>(`[data-touchpoint="${selected ?? ''}"]`);
    setParams({ touchpoint: undefined });
    card?.focus();
  }, [selected, setParams]);

  return (
    <>
      <div className="filters" role="group" aria-label="Choose the journey">
        <label>
          Segment
          <select
            value={map.segment.id}
            onChange={(e) =>
              setParams({ segment: e.target.value, journey: undefined, touchpoint: undefined })
            }
          >
            {answer.segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Ideal journey
          <select
            value={map.journey.id}
            onChange={(e) =>
              setParams({
                segment: map.segment.id,
                journey: e.target.value,
                touchpoint: undefined,
              })
            }
          >
            {(segment?.journeys ?? []).map((j) => (
              <option key={j.id} value={j.id}>
                {j.name} ({count(j.journeys)} journeys)
              </option>
            ))}
          </select>
        </label>
        <div className="tools jm-tools">
          <button
            type="button"
            className="secondary small"
            onClick={() => svg.current !== null && downloadSvg(`${fileName}.svg`, svg.current)}
          >
            Download SVG
          </button>
          <button
            type="button"
            className="secondary small"
            onClick={() => {
              if (svg.current === null) return;
              downloadPng(`${fileName}.png`, svg.current).then(
                () => setExportError(undefined),
                (e: unknown) => setExportError(e instanceof Error ? e.message : String(e)),
              );
            }}
          >
            Download PNG
          </button>
        </div>
      </div>
      {exportError === undefined ? null : (
        <p className="error" role="alert">
          The PNG could not be made: {exportError}
        </p>
      )}

      <p className="jm-summary" aria-label="Conformance">
        <strong>{count(map.conformance.journeys)}</strong> journeys of{' '}
        <strong>{count(map.conformance.customers)}</strong> customers were aligned to this journey;{' '}
        <strong>{percent(map.conformance.perfectShare)}</strong> follow it exactly, mean fitness{' '}
        <strong>{decimal(map.conformance.meanFitness, 2)}</strong>.
      </p>

      <section className="panel jm-map-panel" aria-label="Map">
        <p className="muted jm-caption">
          {map.journey.name} for {map.segment.name}. Cards: owner team, ★ moment of truth, ⚠
          friction occurrences a month of the segment's customers, the share of journeys that follow
          the step; <span className="jm-dev-dot">1</span> the top deviations. Dashed card: met only
          off the journey. Emotion: designed (dashed) and measured from feedback (solid, with its
          95% interval).
        </p>
        <div className="jm-scroll">
          <JourneyMapSvg
            ref={svg}
            map={map}
            layout={layout}
            selected={open?.id}
            onOpen={(id) => setParams({ touchpoint: id })}
          />
        </div>
      </section>

      {open === undefined ? null : <TouchpointPanel map={map} touchpoint={open} onClose={close} />}

      <section className="panel" aria-labelledby="jm-deviations">
        <h3 id="jm-deviations">Deviations from the ideal journey</h3>
        <DataTable
          caption="Deviations from the ideal journey"
          csvName={`${fileName}-deviations`}
          columns={deviationColumns(names)}
          rows={map.deviations.map((d, i) => ({ ...d, rank: i + 1 }))}
          rowKey={(d) => `${d.kind}|${d.touchpoint}`}
          pageSize={10}
          empty="Every journey follows the ideal exactly."
          onRowClick={(d) => names.has(d.touchpoint) && setParams({ touchpoint: d.touchpoint })}
        />
      </section>

      <section className="panel" aria-labelledby="jm-steps">
        <h3 id="jm-steps">Steps of the ideal journey</h3>
        <DataTable
          caption="Steps of the ideal journey"
          csvName={`${fileName}-steps`}
          columns={stepColumns(names)}
          rows={map.steps}
          rowKey={(s) => String(s.index)}
          pageSize={50}
          onRowClick={(s) => setParams({ touchpoint: s.touchpoint })}
        />
      </section>

      <section className="panel" aria-labelledby="jm-touchpoints">
        <h3 id="jm-touchpoints">Touchpoints on the map</h3>
        <DataTable
          caption="Touchpoints on the map"
          csvName={`${fileName}-touchpoints`}
          columns={TOUCHPOINT_COLUMNS}
          rows={map.touchpoints}
          rowKey={(t) => t.id}
          pageSize={50}
          onRowClick={(t) => setParams({ touchpoint: t.id })}
        />
      </section>
    </>
  );
}

const KIND: Record<TMapDeviation['kind'], string> = {
  skipped: 'skipped',
  extra: 'extra step',
  repeated: 'repeated',
  outOfOrder: 'out of order',
};

function deviationColumns(
  names: ReadonlyMap<string, string>,
): TColumn<TMapDeviation & { rank: number }>[] {
  return [
    { key: 'rank', label: '#', value: (d) => d.rank, numeric: true },
    { key: 'kind', label: 'Deviation', value: (d) => KIND[d.kind] },
    {
      key: 'touchpoint',
      label: 'Touchpoint',
      value: (d) => names.get(d.touchpoint) ?? d.touchpoint,
    },
    {
      key: 'share',
      label: 'Share of journeys',
      value: (d) => d.share,
      render: (d) => percent(d.share),
      numeric: true,
    },
    {
      key: 'journeys',
      label: 'Journeys',
      value: (d) => d.journeys,
      render: (d) => count(d.journeys),
      numeric: true,
    },
    {
      key: 'customers',
      label: 'Customers',
      value: (d) => d.customers,
      render: (d) => count(d.customers),
      numeric: true,
    },
    {
      key: 'perMonth',
      label: 'A month',
      value: (d) => d.perMonth,
      render: (d) => decimal(d.perMonth, 1),
      numeric: true,
    },
  ];
}

function stepColumns(names: ReadonlyMap<string, string>): TColumn<TMapStep>[] {
  return [
    { key: 'index', label: 'Step', value: (s) => s.index + 1, numeric: true },
    {
      key: 'touchpoint',
      label: 'Touchpoint',
      value: (s) => names.get(s.touchpoint) ?? s.touchpoint,
    },
    {
      key: 'kind',
      label: 'Kind',
      value: (s) =>
        [s.optional === true ? 'optional' : '', s.repeatable === true ? 'repeatable' : '']
          .filter((x) => x !== '')
          .join(', '),
    },
    {
      key: 'share',
      label: 'Follow it',
      value: (s) => s.share,
      render: (s) => percent(s.share),
      numeric: true,
    },
    {
      key: 'followed',
      label: 'Followed',
      value: (s) => s.followed,
      render: (s) => count(s.followed),
      numeric: true,
    },
    {
      key: 'outOfOrder',
      label: 'Out of order',
      value: (s) => s.outOfOrder,
      render: (s) => count(s.outOfOrder),
      numeric: true,
    },
    {
      key: 'missed',
      label: 'Without it',
      value: (s) => s.missed,
      render: (s) => count(s.missed),
      numeric: true,
    },
    {
      key: 'expected',
      label: 'Emotion designed',
      value: (s) => s.expected,
      render: (s) => signed(s.expected),
      numeric: true,
    },
    {
      key: 'measured',
      label: 'Emotion measured',
      value: (s) => s.measured?.value,
      render: (s) => signed(s.measured?.value, 2),
      numeric: true,
    },
    {
      key: 'responses',
      label: 'Answers',
      value: (s) => s.responses,
      render: (s) => count(s.responses),
      numeric: true,
    },
  ];
}

const TOUCHPOINT_COLUMNS: TColumn<TMapTouchpoint>[] = [
  { key: 'name', label: 'Touchpoint', value: (t) => t.name },
  { key: 'stage', label: 'Stage', value: (t) => t.stage },
  { key: 'channel', label: 'Channel', value: (t) => t.channel },
  { key: 'owner', label: 'Owner', value: (t) => t.ownerName },
  {
    key: 'moment',
    label: 'Moment of truth',
    value: (t) =>
      [t.momentOfTruth ? 'flagged' : '', ...t.moments].filter((x) => x !== '').join(', '),
  },
  {
    key: 'steps',
    label: 'Steps (segment)',
    value: (t) => t.volume.steps,
    render: (t) => count(t.volume.steps),
    numeric: true,
  },
  {
    key: 'customers',
    label: 'Customers (segment)',
    value: (t) => t.volume.customers,
    render: (t) => count(t.volume.customers),
    numeric: true,
  },
  {
    key: 'friction',
    label: 'Friction a month (segment)',
    value: (t) => t.frictionPerMonth,
    render: (t) => decimal(t.frictionPerMonth, 1),
    numeric: true,
  },
  {
    key: 'frictionAll',
    label: 'Friction a month (everyone)',
    value: (t) => t.frictionPerMonthAll,
    render: (t) => decimal(t.frictionPerMonthAll, 1),
    numeric: true,
  },
  {
    key: 'verbatims',
    label: 'Verbatims',
    value: (t) => t.verbatims.total,
    render: (t) => count(t.verbatims.total),
    numeric: true,
  },
];
