/**
 * The journey map drawn as one SVG (so it exports as SVG and PNG the way it looks): stage
 * columns, channel lanes, touchpoint cards with owner team, moment-of-truth star, friction per
 * month, the share of journeys that followed the step and the numbered top deviations, and the
 * emotion strip. Presentation attributes only, no CSS classes for looks (ui/download.ts).
 * Each card is a button: click, Enter or Space opens its panel.
 */
import { forwardRef, type KeyboardEvent } from 'react';
import { count, decimal, percent, signed } from '../../ui/format.js';
import type { TCard, TLayout, TMap } from './journey-map-layout.js';

const INK = '#1f2933';
const MUTED = '#64748b';
const LINE = '#d5dbe3';
const ACCENT = '#1d4ed8';
const BAD = '#b42318';
const GOOD = '#1d6f42';
const STAR = '#b45309';
const DEVIATION = '#7c3aed';
/** Soft fills for owner teams, by the team's position among the map's owners. */
const TEAM_FILLS = ['#dbe5ff', '#e3f3e9', '#fdf0e1', '#f3e8ff', '#e0f2fe', '#fce7f3', '#ecfccb'];

type TProps = {
  map: TMap;
  layout: TLayout;
  selected: string | undefined;
  onOpen: (touchpoint: string) => void;
};

export const JourneyMapSvg = forwardRef<SVGSVGElement, TProps>(function JourneyMapSvg(
  { map, layout, selected, onOpen },
  ref,
) {
  const teams = [...new Set(map.touchpoints.map((t) => t.owner))];
  const byId = new Map(map.touchpoints.map((t) => [t.id, t]));
  const stepOf = new Map(map.steps.map((s) => [s.index, s]));
  const { emotion } = layout;
  const measured = emotion.points.filter((p) => p.measured !== null);
  const expected = emotion.points.filter((p) => p.expected !== null);
  return (
    <svg
      ref={ref}
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="group"
      aria-label={`Journey map: ${map.journey.name}, ${map.segment.name}`}
      fontSize={11}
      fill={INK}
    >
      {layout.columns.map((c, i) => (
        <g key={c.stage}>
          <rect
            x={c.x}
            y={0}
            width={c.width}
            height={layout.height}
            fill={i % 2 === 0 ? '#f8fafc' : '#ffffff'}
          />
          <text x={c.x + c.width / 2} y={19} textAnchor="middle" fontWeight={600} fill="#334155">
            {c.stage}
          </text>
        </g>
      ))}
      {layout.lanes.map((l) => (
        <g key={l.channel}>
          <line x1={0} x2={layout.width} y1={l.y} y2={l.y} stroke={LINE} />
          <text x={10} y={l.y + l.height / 2 + 4} fontWeight={600} fill={MUTED}>
            {l.channel}
          </text>
        </g>
      ))}
      <line x1={0} x2={layout.width} y1={emotion.top - 7} y2={emotion.top - 7} stroke={LINE} />

      {layout.cards.map((card) => {
        const tp = byId.get(card.touchpoint);
        if (tp === undefined) return null;
        const step = card.step === null ? undefined : stepOf.get(card.step);
        return (
          <Card
            key={card.touchpoint}
            card={card}
            name={tp.name}
            team={tp.ownerName}
            teamFill={TEAM_FILLS[teams.indexOf(tp.owner) % TEAM_FILLS.length] ?? '#eef2f7'}
            star={tp.momentOfTruth || tp.moments.length > 0}
            backstage={tp.layer === 'backstage'}
            frictionPerMonth={tp.frictionPerMonth}
            share={step?.share ?? null}
            selected={selected === card.touchpoint}
            onOpen={() => onOpen(card.touchpoint)}
          />
        );
      })}

      <g aria-label="Emotion curve: designed (dashed) and measured (solid) on −2…+2">
        <text x={10} y={emotion.top + emotion.height / 2 - 6} fontWeight={600} fill={MUTED}>
          Emotion
        </text>
        <text x={10} y={emotion.top + emotion.height / 2 + 8} fontSize={9} fill={MUTED}>
          −2 … +2
        </text>
        {emotion.ticks.map((t) => (
          <g key={t.value}>
            <line
              x1={86}
              x2={layout.width - 6}
              y1={t.y}
              y2={t.y}
              stroke={LINE}
              strokeDasharray={t.value === 0 ? undefined : '2 4'}
            />
            <text x={104} y={t.y + 3} fontSize={9} textAnchor="end" fill={MUTED}>
              {signed(t.value)}
            </text>
          </g>
        ))}
        <polyline
          points={expected.map((p) => `${p.x},${p.expected?.y ?? 0}`).join(' ')}
          fill="none"
          stroke="#94a3b8"
          strokeWidth={1.5}
          strokeDasharray="5 3"
        />
        {expected.map((p) => (
          <circle
            key={`e${p.step}`}
            cx={p.x}
            cy={p.expected?.y}
            r={3}
            fill="#ffffff"
            stroke="#94a3b8"
          >
            <title>{`Designed at step ${p.step + 1}: ${signed(p.expected?.value)}`}</title>
          </circle>
        ))}
        <polyline
          points={measured.map((p) => `${p.x},${p.measured?.y ?? 0}`).join(' ')}
          fill="none"
          stroke={ACCENT}
          strokeWidth={2}
        />
        {measured.map((p) => {
          const m = p.measured;
          if (m === null) return null;
          const step = stepOf.get(p.step);
          return (
            <g key={`m${p.step}`}>
              {m.low === null || m.high === null ? null : (
                <line x1={p.x} x2={p.x} y1={m.low} y2={m.high} stroke={ACCENT} strokeWidth={1} />
              )}
              <circle cx={p.x} cy={m.y} r={4} fill={ACCENT}>
                <title>{`Measured at step ${p.step + 1}: ${signed(m.value, 2)} (n ${count(step?.responses)})`}</title>
              </circle>
              <text x={p.x + 7} y={m.y - 5} fontSize={9.5} fill={ACCENT} fontWeight={600}>
                {signed(m.value, 1)}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
});

function Card(props: {
  card: TCard;
  name: string;
  team: string;
  teamFill: string;
  star: boolean;
  backstage: boolean;
  frictionPerMonth: number;
  share: number | null;
  selected: boolean;
  onOpen: () => void;
}) {
  const { card, share } = props;
  const keyDown = (e: KeyboardEvent<SVGGElement>): void => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      props.onOpen();
    }
  };
  const friction = props.frictionPerMonth;
  const frictionText = friction >= 10 ? `${count(friction)}/mo` : `${decimal(friction, 1)}/mo`;
  const label = [
    props.name,
    `owned by ${props.team}`,
    props.star ? 'moment of truth' : '',
    friction > 0 ? `friction ${frictionText.replace('/mo', ' a month')}` : '',
    share === null ? 'off the ideal journey' : `${percent(share)} of journeys follow this step`,
    card.deviations.length > 0 ? `deviation ${card.deviations.join(', ')}` : '',
  ]
    .filter((s) => s !== '')
    .join('; ');
  return (
    <g
      className="jm-card"
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-pressed={props.selected}
      data-touchpoint={card.touchpoint}
      transform={`translate(${card.x},${card.y})`}
      onClick={props.onOpen}
      onKeyDown={keyDown}
      cursor="pointer"
    >
      <rect
        className="jm-card-frame"
        width={card.width}
        height={card.height}
        rx={8}
        fill={props.backstage ? '#f1f5f9' : '#ffffff'}
        stroke={props.selected ? ACCENT : card.onJourney ? '#94a3b8' : STAR}
        strokeWidth={props.selected ? 2.5 : 1}
        strokeDasharray={card.onJourney ? undefined : '5 3'}
      />
      {card.lines.map((line, i) => (
        <text key={i} x={8} y={14 + i * 12.5} fontWeight={600} fontSize={10.5}>
          {line}
        </text>
      ))}
      {props.star ? (
        <text x={card.width - 6} y={14} textAnchor="end" fill={STAR} fontSize={12}>
          ★<title>Moment of truth</title>
        </text>
      ) : null}
      <rect x={8} y={32} width={card.width - 16} height={13} rx={6.5} fill={props.teamFill} />
      <text x={13} y={41.5} fontSize={8.5} fill="#334155">
        {props.team.length > 21 ? `${props.team.slice(0, 20)}…` : props.team}
      </text>
      {friction > 0 ? (
        <g data-friction-per-month={friction}>
          <rect x={8} y={49} width={70} height={13} rx={6.5} fill="#fde7e5" />
          <text x={13} y={58.5} fontSize={8.5} fill={BAD} fontWeight={600}>
            ⚠ {frictionText}
          </text>
        </g>
      ) : null}
      {card.deviations.map((rank, i) => (
        <g key={rank} transform={`translate(${card.width - 13 - i * 17},${55.5})`}>
          <circle r={7.5} fill={DEVIATION} />
          <text y={3.5} textAnchor="middle" fontSize={9} fill="#ffffff" fontWeight={700}>
            {rank}
          </text>
        </g>
      ))}
      {share === null ? (
        <text x={8} y={card.height - 9} fontSize={9} fill={STAR}>
          off the ideal journey
        </text>
      ) : (
        <g>
          <text x={8} y={card.height - 11} fontSize={8.5} fill={MUTED}>
            {percent(share)} follow
          </text>
          <rect x={8} y={card.height - 8} width={card.width - 16} height={4} rx={2} fill={LINE} />
          <rect
            x={8}
            y={card.height - 8}
            width={(card.width - 16) * Math.max(0, Math.min(1, share))}
            height={4}
            rx={2}
            fill={GOOD}
          />
        </g>
      )}
    </g>
  );
}
