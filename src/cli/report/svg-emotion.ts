/**
 * The emotion curve chart of the HTML report: per step of an ideal journey, the designed
 * emotion as a dashed line, the measured emotion as a point with its 95% interval as a whisker,
 * and the verbatims' sentiment as a diamond, on the designed scale −2…+2. Plain SVG like
 * svg.ts: no scripts, fonts or links; every text escaped.
 */
import type { TEmotionChart } from './document.js';
import { escapeHtml as esc } from './escape-html.js';

/** Narrow for a few steps, as wide as the other charts for many. */
const width = (steps: number): number => (steps > 8 ? 720 : 560);
const LEFT = 34;
const TOP = 26;
const PLOT = 132;
const LABELS = 34;
const HEIGHT = TOP + PLOT + LABELS;
const DESIGNED = '#64748b';
const MEASURED = '#2563eb';
const SENTIMENT = '#f59e0b';

const r = (x: number): string => (Math.round(x * 10) / 10).toString();
const clamp = (v: number): number => Math.min(2, Math.max(-2, v));
const y = (v: number): number => TOP + ((2 - clamp(v)) / 4) * PLOT;

/** "+2", "0", "−1": the axis labels. */
const tick = (v: number): string => (v > 0 ? `+${v}` : v < 0 ? `−${-v}` : '0');

/** Where each legend item starts, after the axis labels. */
const LEGEND_AT = [0, 96, 290];

function legend(): string {
  const items: [string, string][] = [
    [
      `<line x1="0" x2="18" y1="6" y2="6" stroke="${DESIGNED}" stroke-width="2" stroke-dasharray="4 3"/>`,
      'designed',
    ],
    [`<circle cx="9" cy="6" r="3.5" fill="${MEASURED}"/>`, 'measured (95% interval)'],
    [
      `<rect x="5" y="2" width="7" height="7" fill="${SENTIMENT}" transform="rotate(45 8.5 5.5)"/>`,
      'verbatim sentiment',
    ],
  ];
  return items
    .map(
      ([mark, label], k) =>
        `<g transform="translate(${LEFT + (LEGEND_AT[k] ?? 0)} 4)">${mark}<text x="24" y="10" class="legend">${esc(label)}</text></g>`,
    )
    .join('');
}

/** The chart as inline SVG. */
export function emotionSvg(chart: TEmotionChart): string {
  const n = chart.x.length;
  const w = width(n);
  const step = (w - LEFT - 40) / Math.max(1, n);
  const x = (i: number): number => LEFT + 8 + step * (i + 0.5);
  const grid = [2, 1, 0, -1, -2]
    .map(
      (v) =>
        `<line x1="${LEFT}" x2="${w}" y1="${r(y(v))}" y2="${r(y(v))}" class="${v === 0 ? 'zero' : 'grid'}"/>` +
        `<text x="${LEFT - 6}" y="${r(y(v) + 4)}" class="axis" text-anchor="end">${tick(v)}</text>`,
    )
    .join('');
  // Step names alternate between two rows, cut to the room they have; the full name is the tooltip.
  const rows = n > 4 ? 2 : 1;
  const room = Math.max(4, Math.floor((rows * step) / 7.5) - 1);
  const labels = chart.x
    .map((label, i) => {
      const short = label.length > room ? `${label.slice(0, room - 1)}…` : label;
      const row = rows === 2 && i % 2 === 1 ? 14 : 0;
      return `<text x="${r(x(i))}" y="${TOP + PLOT + 16 + row}" class="axis" text-anchor="middle"><title>${esc(label)}</title>${esc(short)}</text>`;
    })
    .join('');
  let path = '';
  let pen = false;
  chart.designed.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    path += `${pen ? 'L' : 'M'}${r(x(i))} ${r(y(v))}`;
    pen = true;
  });
  const designed =
    path === ''
      ? ''
      : `<path d="${path}" fill="none" stroke="${DESIGNED}" stroke-width="2" stroke-dasharray="4 3"/>` +
        chart.designed
          .map((v, i) =>
            v === null ? '' : `<circle cx="${r(x(i))}" cy="${r(y(v))}" r="2" fill="${DESIGNED}"/>`,
          )
          .join('');
  const measured = chart.measured
    .map((m, i) => {
      if (m === null) return '';
      const whisker =
        m.low === null || m.high === null
          ? ''
          : `<line x1="${r(x(i))}" x2="${r(x(i))}" y1="${r(y(m.low))}" y2="${r(y(m.high))}" stroke="${MEASURED}" stroke-width="1.5"/>` +
            [m.low, m.high]
              .map(
                (b) =>
                  `<line x1="${r(x(i) - 4)}" x2="${r(x(i) + 4)}" y1="${r(y(b))}" y2="${r(y(b))}" stroke="${MEASURED}" stroke-width="1.5"/>`,
              )
              .join('');
      return `${whisker}<circle cx="${r(x(i))}" cy="${r(y(m.value))}" r="3.5" fill="${MEASURED}"/>`;
    })
    .join('');
  const sentiment = chart.sentiment
    .map((v, i) => {
      if (v === null) return '';
      const cx = x(i) + 9;
      const cy = y(v);
      return `<rect x="${r(cx - 3.5)}" y="${r(cy - 3.5)}" width="7" height="7" fill="${SENTIMENT}" transform="rotate(45 ${r(cx)} ${r(cy)})"/>`;
    })
    .join('');
  return (
    `<svg class="chart emotion" viewBox="0 0 ${w} ${HEIGHT}" width="${w}" height="${HEIGHT}" role="img" aria-label="${esc(chart.title)}">` +
    `${legend()}${grid}${labels}${designed}${measured}${sentiment}</svg>`
  );
}
