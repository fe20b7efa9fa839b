/**
 * Small inline SVG charts for the HTML report: a sparkline, horizontal (stacked) bars, a line
 * chart of shares and (svg-emotion.ts) the emotion curve. Plain SVG elements only — no
 * scripts, fonts or links — so the page stays one self-contained file that prints and mails.
 * Every text is escaped.
 */
import type { TChart } from './document.js';
import { escapeHtml as esc } from './escape-html.js';
import { percent } from './format.js';
import { emotionSvg } from './svg-emotion.js';

/** Colours of series and stacked parts, in order (the CSS legend uses the same). */
export const PALETTE = ['#2563eb', '#f59e0b', '#10b981', '#ef4444'];

const r = (x: number): string => (Math.round(x * 10) / 10).toString();

/** A sparkline of a series scaled to `max` (default its own maximum), with its label as tooltip. */
export function sparkline(values: readonly number[], label: string, max?: number): string {
  const w = 96;
  const h = 20;
  const pad = 2;
  const top = max ?? Math.max(0, ...values);
  const x = (i: number): number =>
    values.length === 1 ? w / 2 : pad + (i / (values.length - 1)) * (w - 2 * pad);
  const y = (v: number): number =>
    h - pad - (top <= 0 ? 0 : (Math.min(top, Math.max(0, v)) / top) * (h - 2 * pad));
  const points = values.map((v, i) => `${r(x(i))},${r(y(v))}`).join(' ');
  const last = values.length - 1;
  return (
    `<svg class="spark" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>` +
    `<polyline points="${points}" fill="none" stroke="${PALETTE[0]}" stroke-width="1.5"/>` +
    (last < 0
      ? ''
      : `<circle cx="${r(x(last))}" cy="${r(y(values[last] ?? 0))}" r="2" fill="${PALETTE[0]}"/>`) +
    '</svg>'
  );
}

function legend(names: readonly string[], y: number): string {
  if (names.length < 2) return '';
  return names
    .map(
      (name, k) =>
        `<rect x="${k * 170}" y="${y}" width="10" height="10" fill="${PALETTE[k % PALETTE.length]}"/>` +
        `<text x="${k * 170 + 14}" y="${y + 9}" class="legend">${esc(name)}</text>`,
    )
    .join('');
}

const WIDTH = 720;

function bars(chart: Extract<TChart, { type: 'bars' }>): string {
  const row = 34;
  const head = chart.parts.length > 1 ? 20 : 0;
  const height = head + chart.bars.length * row;
  const top = Math.max(
    0,
    ...chart.bars.map((b) => b.parts.reduce((s, p) => s + Math.max(0, p), 0)),
  );
  const room = WIDTH - 110;
  const body = chart.bars
    .map((b, i) => {
      const y = head + i * row;
      let x = 0;
      const rects = b.parts
        .map((p, k) => {
          const width = top <= 0 ? 0 : (Math.max(0, p) / top) * room;
          const rect = `<rect x="${r(x)}" y="${y + 15}" width="${r(width)}" height="12" fill="${PALETTE[k % PALETTE.length]}"/>`;
          x += width;
          return rect;
        })
        .join('');
      return (
        `<text x="0" y="${y + 11}" class="label">${esc(b.label)}</text>${rects}` +
        `<text x="${r(x + 6)}" y="${y + 25}" class="value">${esc(b.text)}</text>`
      );
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${esc(chart.title)}">${legend(chart.parts, 0)}${body}</svg>`;
}

function lines(chart: Extract<TChart, { type: 'lines' }>): string {
  const left = 44;
  const plotTop = 24;
  const plotHeight = 150;
  const height = plotTop + plotHeight + 24;
  const n = chart.x.length;
  const x = (i: number): number =>
    n <= 1 ? left + (WIDTH - left) / 2 : left + 8 + (i / (n - 1)) * (WIDTH - left - 16);
  const y = (v: number): number => plotTop + plotHeight - Math.min(1, Math.max(0, v)) * plotHeight;
  const grid = [0, 0.5, 1]
    .map(
      (v) =>
        `<line x1="${left}" x2="${WIDTH}" y1="${r(y(v))}" y2="${r(y(v))}" class="grid"/>` +
        `<text x="${left - 6}" y="${r(y(v) + 4)}" class="axis" text-anchor="end">${percent(v)}</text>`,
    )
    .join('');
  // At most about seven labels, the last always shown and kept inside the chart.
  const every = Math.max(1, Math.ceil(n / 7));
  const xLabels = chart.x
    .map((label, i) => {
      const last = i === n - 1;
      if (!last && (i % every !== 0 || n - 1 - i <= every / 2)) return '';
      const anchor = last && n > 1 ? 'end' : 'middle';
      return `<text x="${r(last && n > 1 ? WIDTH : x(i))}" y="${height - 6}" class="axis" text-anchor="${anchor}">${esc(label)}</text>`;
    })
    .join('');
  const paths = chart.series
    .map((s, k) => {
      const colour = PALETTE[k % PALETTE.length] ?? '#000';
      let d = '';
      let pen = false;
      const dots: string[] = [];
      s.values.forEach((v, i) => {
        if (v === null) {
          pen = false;
          return;
        }
        d += `${pen ? 'L' : 'M'}${r(x(i))} ${r(y(v))}`;
        pen = true;
        dots.push(`<circle cx="${r(x(i))}" cy="${r(y(v))}" r="2.5" fill="${colour}"/>`);
      });
      return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>${dots.join('')}`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${esc(chart.title)}">${legend(
    chart.series.map((s) => s.name),
    0,
  )}${grid}${xLabels}${paths}</svg>`;
}

/** The chart as inline SVG. */
export function chartSvg(chart: TChart): string {
  if (chart.type === 'emotion') return emotionSvg(chart);
  return chart.type === 'bars' ? bars(chart) : lines(chart);
}
