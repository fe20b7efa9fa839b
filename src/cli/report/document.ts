/**
 * The report as a small document: sections of facts, paragraphs, tables, scorecards and
 * charts, with every value already formatted for people. The section builders decide what a
 * CX lead reads; markdown.ts and html.ts only print it, so the two reports can never say
 * different things. Text here is plain: each printer escapes it for its own syntax.
 */

/**
 * Text with a series drawn before it (a sparkline scaled to `sparkMax`, default the series' own
 * maximum; `sparkLabel` names every point).
 */
export type TSeriesCell = { text: string; spark: number[]; sparkMax?: number; sparkLabel: string };

/**
 * A customer's words as written, with the parts to highlight ([start, end) offsets in `quote`):
 * bold in Markdown, marked in HTML.
 */
export type TQuoteCell = { quote: string; highlights: [number, number][] };

/** A table cell: text, a series, or a quote. */
export type TCell = string | TSeriesCell | TQuoteCell;

/**
 * A quote cut into plain and highlighted parts, in order; overlapping or touching highlights
 * become one, and a highlight's edge spaces stay plain (bold needs its markers next to words).
 * @example quoteParts('a b c', [[4, 5], [0, 3]]) // [a b](marked), ' ', [c](marked)
 */
export function quoteParts(
  quote: string,
  highlights: readonly [number, number][],
): { text: string; marked: boolean }[] {
  const merged: [number, number][] = [];
  for (const [from, to] of [...highlights].sort((x, y) => x[0] - y[0] || x[1] - y[1])) {
    const last = merged[merged.length - 1];
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([Math.max(0, from), Math.min(quote.length, to)]);
  }
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [from, to] of merged) {
    const inner = quote.slice(from, to);
    const start = from + inner.length - inner.trimStart().length;
    const end = to - (inner.length - inner.trimEnd().length);
    if (end <= start) continue;
    if (start > at) parts.push({ text: quote.slice(at, start), marked: false });
    parts.push({ text: quote.slice(start, end), marked: true });
    at = end;
  }
  if (at < quote.length) parts.push({ text: quote.slice(at), marked: false });
  return parts;
}

/** `numeric` columns are right-aligned; `note` columns hold long explanatory text. */
export type TColumn = { label: string; numeric?: boolean; note?: boolean };

export type TTable = {
  kind: 'table';
  columns: TColumn[];
  rows: TCell[][];
  /** "…and 12 more" when the rows were bounded. */
  more?: string;
};

/** One scorecard: a title and labelled figures (Markdown prints cards as one table). */
export type TCard = { title: string; figures: [label: string, value: string][] };

export type TBar = { label: string; parts: number[]; text: string };
export type TChart =
  | {
      type: 'bars';
      title: string;
      /** A name per part of each bar (stacked), for the legend. */
      parts: string[];
      bars: TBar[];
    }
  | {
      type: 'lines';
      title: string;
      /** Labels of the x axis, in order. */
      x: string[];
      /** Values between 0 and 1 (shares), null where there is none. */
      series: { name: string; values: (number | null)[] }[];
    }
  | TEmotionChart;

/** A point with its 95% interval (either bound null when n is too small to say). */
export type TRangePoint = { value: number; low: number | null; high: number | null };

/**
 * An emotion curve on the designed scale −2…+2: per step, the emotion the team designed, the
 * one measured from scores (with its interval) and the verbatims' sentiment; null where none.
 */
export type TEmotionChart = {
  type: 'emotion';
  title: string;
  /** The steps, in order. */
  x: string[];
  designed: (number | null)[];
  measured: (TRangePoint | null)[];
  sentiment: (number | null)[];
};

export type TBlock =
  | { kind: 'facts'; facts: [label: string, value: string][] }
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  | TTable
  /** `label` names what the cards' titles are ("stage"). */
  | { kind: 'cards'; label: string; cards: TCard[] }
  /** Drawn in HTML only: every chart shows figures a table beside it gives as text. */
  | { kind: 'chart'; chart: TChart };

export type TSection = { id: string; title: string; blocks: TBlock[] };

export type TReport = { title: string; subtitle: string; sections: TSection[] };

/** A table of at most `limit` rows, saying how many more `what` there are. */
export function boundedTable(
  columns: TColumn[],
  rows: TCell[][],
  limit: number,
  what: string,
  where = '(all of them are in the JSON report: --format json).',
): TTable {
  const table: TTable = { kind: 'table', columns, rows: rows.slice(0, limit) };
  const hidden = rows.length - limit;
  if (hidden > 0) table.more = `…and ${hidden.toLocaleString('en-US')} more ${what} ${where}`;
  return table;
}
