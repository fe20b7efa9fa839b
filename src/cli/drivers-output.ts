/**
 * How `journeylens drivers` prints a key-driver analysis: the JSON contract of the issue
 * (r2, rowsUsed, rowsLeftOut, drivers with raw and rescaled weights, plus each driver's
 * quadrant and the method) and a Markdown summary to read or paste into a ticket.
 */
import { basename } from 'node:path';
import { leftOutText, type TDriversReport } from '../service/drivers.js';

export type TDriversJson = {
  r2: number;
  rowsUsed: number;
  rowsLeftOut: number;
  /** Rows left out, by reason (each row counted once, under its first reason). */
  rowsLeftOutBy: TDriversReport['leftOut'];
  drivers: {
    feature: string;
    rawWeight: number;
    rescaledWeight: number;
    /** Mean of the rows used, and scaled 0–1 over their min–max: the quadrant's other axis. */
    performance: { mean: number; scaled: number };
    quadrant: string;
  }[];
  method: string;
};

export function driversJson(r: TDriversReport): TDriversJson {
  return {
    r2: r.r2,
    rowsUsed: r.rowsUsed,
    rowsLeftOut: r.rowsLeftOut,
    rowsLeftOutBy: r.leftOut,
    drivers: r.drivers.map((d) => ({
      feature: d.feature,
      rawWeight: d.rawWeight,
      rescaledWeight: d.rescaledWeight,
      performance: { mean: d.performance.mean, scaled: d.performance.scaled },
      quadrant: d.quadrant,
    })),
    method: method(r),
  };
}

export function driversMarkdown(r: TDriversReport): string {
  const out = [
    `# Key drivers of ${targetText(r)}`,
    '',
    `${basename(r.source)}: R² = ${r.r2.toFixed(3)} on ${fmt(r.rowsUsed)} of ${fmt(r.records)} rows` +
      (r.rowsLeftOut > 0 ? ` (left out: ${leftOutText(r.leftOut)}).` : '.'),
    '',
    '| # | feature | raw weight | rescaled | mean | performance | quadrant |',
    '|---:|---|---:|---:|---:|---:|---|',
    ...r.drivers.map(
      (d, i) =>
        `| ${i + 1} | ${cell(d.feature)} | ${d.rawWeight.toFixed(4)} | ${pct(d.rescaledWeight)} | ` +
        `${d.performance.mean.toFixed(2)} | ${d.performance.scaled.toFixed(2)} | ${d.quadrant} |`,
    ),
    '',
    `Raw weights add up to R²; rescaled weights are their shares of it (100% in all). ` +
      `Performance is the mean rescaled over the observed ${'min–max'} (0: every row at the ` +
      `lowest rating, 1: every row at the highest). Quadrant: importance (rescaled weight) ` +
      `and performance split at their medians over these features ` +
      `(${pct(r.importanceMedian)} and ${r.performanceMedian.toFixed(2)}): ` +
      `keep up = important and performing, fix first = important and under-performing, ` +
      `possible overkill = performing where it matters less, lower priority = neither.`,
    '',
    `Method: ${method(r)}`,
  ];
  return out.join('\n') + '\n';
}

/** One line for standard error when cells that are not numbers cost rows. */
export function nonNumericNote(r: TDriversReport): string {
  if (r.leftOut.nonNumeric === 0) return '';
  const examples = r.nonNumeric
    .map((b) => `record ${b.record}, "${b.column}": "${b.value}"`)
    .join('; ');
  return (
    `journeylens: note: ${fmt(r.leftOut.nonNumeric)} row${r.leftOut.nonNumeric === 1 ? '' : 's'} ` +
    `left out for a value that is not a ` +
    `number, e.g. ${examples}\n`
  );
}

function method(r: TDriversReport): string {
  const coding =
    r.positive === undefined
      ? ''
      : ` The target is 1 where "${r.target}" is "${r.positive}", else 0: its correlations ` +
        `are point-biserial and R² is that of a linear probability model.`;
  const na = r.na === undefined ? '' : ` or not applicable (${r.na})`;
  return (
    `Johnson's relative weights (Johnson 2000), the usual approximation of the Shapley ` +
    `decomposition of R²: each feature's raw weight is its share of the R² of the least-squares ` +
    `regression of ${targetText(r)} on all ${r.drivers.length} features; rescaledWeight = ` +
    `rawWeight / r2.${coding} Rows with an empty, non-numeric${na} value are left out. ` +
    `Weights measure association in this data, not cause.`
  );
}

function targetText(r: TDriversReport): string {
  return r.positive === undefined ? `"${r.target}"` : `"${r.target}" = "${r.positive}"`;
}

const fmt = (n: number): string => n.toLocaleString('en-US');
const pct = (f: number): string => `${(f * 100).toFixed(1)}%`;
const cell = (s: string): string => s.replaceAll('|', '\\|');
